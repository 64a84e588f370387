"""What each spoken sentence goes through before it is cached: pauses at its marks, and the voice chain.

Real Piper speech, measured with plain numpy (20 ms windows, a Welch spectrum), not with the code's own helpers.
"""

import numpy as np
import pytest
from scipy.signal import welch

from app.audio.compiler import speech_for
from app.audio.loudness import clip_loudness
from app.audio.sampling import SAMPLE_RATE
from app.audio.speech import Speech, split_sentences
from app.audio.voice_chain import finish_voice
from app.session import load_session
from app.session.library import resolve
from app.session.model import Say, Voice

SPEECH_SPECTRUM_5_8_KHZ_DB = -22.8  # the 5-8 kHz share of the long-term speech spectrum (ANSI S3.5)
SHIPPED = "let-be-let-go-let-in"  # its first 24 sentences, in its own voice (the library renders share the clips)


@pytest.fixture(scope="module")
def speech():
    voice = Speech(Voice("piper", "joe", 1.0))
    yield voice
    voice.stop()


@pytest.fixture(scope="module")
def shipped_clips():
    session = load_session(resolve(SHIPPED))
    texts = [part for step in session.steps if isinstance(step, Say) for part in step.parts if isinstance(part, str)]
    sentences = [sentence for text in texts for sentence in split_sentences(text)][:24]
    voice = speech_for(session)
    yield {sentence: voice.clip(sentence) for sentence in sentences}
    voice.stop()


def longest_inner_silence_s(clip: np.ndarray) -> float:
    """The longest run of 20 ms windows 40 dB below the clip's peak, between its first and last sound."""
    hop = SAMPLE_RATE // 50
    count = len(clip) // hop
    rms = np.sqrt(np.mean(np.square(clip[: count * hop], dtype=np.float64).reshape(count, hop), axis=1))
    quiet = rms < np.abs(clip).max() * 10 ** (-40 / 20)
    sounding = np.flatnonzero(~quiet)
    longest = run = 0
    for is_quiet in quiet[sounding[0]: sounding[-1] + 1]:
        run = run + 1 if is_quiet else 0
        longest = max(longest, run)
    return longest / 50


def test_the_voice_pauses_at_a_comma_and_longer_at_stronger_marks(speech):
    plain = longest_inner_silence_s(speech.clip("Let the breath come in and let it go again."))
    comma = longest_inner_silence_s(speech.clip("Let the breath come in, and let it go again."))
    semicolon = longest_inner_silence_s(speech.clip("Let the breath come in; let it go again."))
    dash = longest_inner_silence_s(speech.clip("Let the breath come in — and let it go again."))
    assert plain < 0.2, "no mark, no pause"
    assert comma >= 0.5, f"a comma leaves {comma:.2f} s"
    assert semicolon >= comma + 0.1 and dash >= comma + 0.1, (comma, semicolon, dash)


def test_a_passage_keeps_sibilance_near_the_speech_spectrum(shipped_clips):
    voice = np.concatenate(list(shipped_clips.values())).astype(np.float64)
    frequencies, power = welch(voice, SAMPLE_RATE, nperseg=4096)
    share_db = 10 * np.log10(power[(frequencies >= 5000) & (frequencies < 8000)].sum() / power.sum())
    assert share_db == pytest.approx(SPEECH_SPECTRUM_5_8_KHZ_DB, abs=1.5)


def test_every_sentence_leaves_the_limiter_room_and_starts_and_ends_at_rest(shipped_clips):
    """Piper's own clips peak 17-22 dB over their loudness (19 on average, measured); after the chain 14-17."""
    crests_db = []
    for sentence, clip in shipped_clips.items():
        crests_db.append(20 * np.log10(np.abs(clip).max()) - clip_loudness(clip, SAMPLE_RATE))
        assert crests_db[-1] <= 17.0, f"{sentence!r}: peak {crests_db[-1]:.1f} dB over its loudness"
        # at rest: under half of a 16-bit step (1.5e-5), i.e. exactly silent in any export; the resampler's filter
        # leaves about 2e-6 at the edges of clips the chain faded to 0 at Piper's rate
        assert abs(clip[0]) < 1e-5 and abs(clip[-1]) < 1e-5, sentence
    assert np.mean(crests_db) <= 15.5


@pytest.mark.parametrize("sample_rate", [22050, 44100, 48000])
def test_the_chain_fades_the_edges_and_cuts_below_the_voice(sample_rate):
    seconds = np.arange(sample_rate) / sample_rate
    rng = np.random.default_rng(7)
    signal = (0.3 * np.sin(2 * np.pi * 40 * seconds) + 0.3 * np.sin(2 * np.pi * 1000 * seconds)
              + 0.05 * rng.standard_normal(sample_rate)).astype(np.float32)  # loud from the first sample
    out = finish_voice(signal, sample_rate, -20.0)
    assert abs(out[0]) < 1e-6 and abs(out[-1]) < 1e-6
    two_ms, ten_ms = sample_rate // 500, sample_rate // 100
    assert np.sqrt(np.mean(out[:two_ms] ** 2)) < 0.3 * np.sqrt(np.mean(out[2 * ten_ms: 4 * ten_ms] ** 2)), "faded in"
    assert clip_loudness(out, sample_rate) == pytest.approx(-20.0, abs=0.3)
    spectrum = np.abs(np.fft.rfft(out[ten_ms: -ten_ms] * np.hanning(len(out) - 2 * ten_ms)))
    frequencies = np.fft.rfftfreq(len(out) - 2 * ten_ms, 1 / sample_rate)

    def level_db(hz):
        return 20 * np.log10(spectrum[np.argmin(np.abs(frequencies - hz))])

    assert level_db(1000) - level_db(40) >= 6.0, "40 Hz is cut against the voice's band"
