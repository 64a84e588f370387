"""The urge companion: a short session of its own whose words are in the render, and `stillpoint urge`
noting whether the urge passed in the contact journal."""

import pytest
from mutagen.id3 import ID3

from app.cli import main
from app.export.render import render_to_file
from app.journal.contacts import URGE_AFTERWARDS, URGE_SESSION, Contacts
from app.session import load_session
from app.session.library import resolve
from tests.playback.capture import Capture, need_audio_server, rms_db


def test_the_urge_practice_renders_with_its_words_and_chapters(tmp_path):
    session = load_session(resolve(URGE_SESSION))
    result = render_to_file(session, tmp_path / "urge.mp3")
    assert 180 <= result.seconds <= 300, "three to five minutes"
    tags = ID3(result.path)
    transcript = tags.getall("USLT")[0].text
    for phrase in ("Give it a short name", "Now look for it in the body", "An urge moves like a wave",
                   "It is all right if part of you still wants to reach out", "You can decide later"):
        assert phrase in transcript
    chapters = sorted(tags.getall("CHAP"), key=lambda chap: chap.start_time)
    assert [chap.sub_frames.getall("TIT2")[0].text[0] for chap in chapters] == [
        "Noticing", "Naming", "In the Body", "The Wave", "Afterwards"]


def test_stillpoint_urge_plays_then_notes_the_outcome(capsys, monkeypatch):
    need_audio_server()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["urge"]) == 2
    assert capsys.readouterr().err == ("stillpoint: without a terminal to ask on, give --outcome passed, still or "
                                       "reached-out\n")
    with Capture() as capture:
        assert main(["urge", "--outcome", "reached-out", "--contact", "Sam", "--stop-after", "3s"]) == 0
    assert rms_db(capture.audio) > -50, "the practice was heard"
    assert capsys.readouterr().out.strip().endswith(URGE_AFTERWARDS["reached-out"])
    contacts = Contacts()
    (entry,) = contacts.entries("Sam")
    assert (entry.kind, entry.outcome, entry.before) == ("urge", "reached-out", None)
    with pytest.raises(SystemExit) as usage:
        main(["urge", "--outcome", "maybe"])
    assert usage.value.code == 2


@pytest.mark.parametrize("outcome", ["passed", "still"])
def test_every_outcome_has_a_kind_line_without_blame(outcome):
    line = URGE_AFTERWARDS[outcome]
    assert line.startswith("Noted") and "should" not in line and "fail" not in line
