"""Breathing cue tones: a soft timbre, under the voice by 8-12 LU, in and out told apart with eyes closed."""

import numpy as np
import pyloudnorm
import pytest
import soundfile

from app.audio.sampling import SAMPLE_RATE
from app.audio.tones import HOLD_HZ, cue


def test_a_tone_is_warm_not_a_bare_sine():
    tone = cue("hold", 2.0)[SAMPLE_RATE // 2: SAMPLE_RATE * 3 // 2].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(tone * np.hanning(len(tone))))
    frequencies = np.fft.rfftfreq(len(tone), 1 / SAMPLE_RATE)

    def level_db(hz):
        return 20 * np.log10(spectrum[np.abs(frequencies - hz) < 5].max())

    fundamental = level_db(HOLD_HZ)
    assert -16 < level_db(2 * HOLD_HZ) - fundamental < -8, "a soft octave"
    assert -30 < level_db(3 * HOLD_HZ) - fundamental < -16, "and a softer twelfth"


def test_eyes_closed_the_out_breath_starts_with_two_pips():
    plain, marked = cue("exhale", 4.0), cue("exhale", 4.0, eyes_closed=True)
    hop = SAMPLE_RATE // 100
    difference = np.abs(marked - plain)[: SAMPLE_RATE // 2]
    level = np.concatenate([[0.0], difference[: len(difference) // hop * hop].reshape(-1, hop).max(axis=1)])
    onsets = np.flatnonzero((level[1:] > 0.5 * level.max()) & (level[:-1] <= 0.5 * level.max()))
    assert len(onsets) == 2 and 0.15 < (onsets[1] - onsets[0]) * 0.01 < 0.3, onsets


@pytest.mark.slow
def test_under_a_voice_the_cues_sit_8_to_12_lu_below_it(tmp_path):
    from app.export.render import render_to_file
    from app.practice.breathing_sessions import practice_session

    session = practice_session("relaxing", 4, None, ("tone", "voice"), False, False, None, None)
    render_to_file(session, tmp_path / "breathe.wav", stems=tmp_path / "stems")
    meter = pyloudnorm.Meter(SAMPLE_RATE)

    def where_it_sounds(name):
        audio, _ = soundfile.read(tmp_path / "stems" / f"{name}.wav")
        hop = SAMPLE_RATE // 10
        power = np.square(audio[: len(audio) // hop * hop]).reshape(-1, hop, 2).mean(axis=(1, 2))
        return meter.integrated_loudness(audio[: len(power) * hop][np.repeat(power > 1e-7, hop)])

    below = where_it_sounds("voice") - where_it_sounds("bells-and-cues")
    assert 8 <= below <= 12, below
