"""A sentence too long to synthesise at once is spoken in pieces, so memory stays bounded whatever its length."""

import subprocess
import sys

import pytest

from app.audio.long_sentences import LONGEST_SPOKEN_CHARS, spoken_pieces

WORDS = ["soft", "light", "rests", "on", "the", "water", "and", "the", "breath", "moves", "slowly", "in", "and",
         "out", "while", "the", "shoulders", "let", "go"]


def unpunctuated(words: int) -> str:
    return " ".join(WORDS[(k * 7) % len(WORDS)] for k in range(words))


@pytest.mark.parametrize("text, expected", [
    ("Rest here.", ["Rest here."]),
    ("Notice the breath, " * 10 + "and rest here, " * 10 + "soft.",
     ["Notice the breath, " * 9, "Notice the breath, " + "and rest here, " * 10 + "soft."]),  # 345 characters
])
def test_a_long_sentence_is_cut_at_the_mark_nearest_its_middle(text, expected):
    assert [piece.strip() for piece in spoken_pieces(text)] == [piece.strip() for piece in expected]


def test_text_without_marks_is_cut_between_words_and_nothing_is_lost():
    text = unpunctuated(900)
    pieces = spoken_pieces(text)
    assert max(map(len, pieces)) <= LONGEST_SPOKEN_CHARS and min(map(len, pieces)) > LONGEST_SPOKEN_CHARS / 2
    assert " ".join(pieces) == text and all(piece.split()[0] in WORDS for piece in pieces), "never inside a word"
    assert [len(p) for p in spoken_pieces("a" * 600)] == [150, 150, 150, 150], "one unbroken word is cut anyway"


def test_a_say_without_full_stops_renders_in_bounded_memory(tmp_path):
    """Seen failing: 1,262 characters without a full stop peaked at 1.77 GB in one synthesis (5,000 at 7.2 GB)."""
    session = tmp_path / "long.yaml"
    session.write_text(f"format: 1\ntitle: Long\nsteps:\n  - say: \"{unpunctuated(250)}\"\n")
    script = (f"import sys\nfrom app.cli import main\ncode = main(['render', {str(session)!r}, '-o', "
              f"{str(tmp_path / 'long.wav')!r}])\n"
              "print(code, int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))) // 1024)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    code, peak_mb = map(int, result.stdout.split()[-2:])
    assert code == 0 and peak_mb < 800, result.stderr
