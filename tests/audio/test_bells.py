import numpy as np
import pytest

from app.audio.bells import DESIGNS, strike, strikes
from app.audio.sampling import SAMPLE_RATE
from app.session.pacing import bell_occupied_s


def spectrum_peaks(samples, count):
    window = samples[: SAMPLE_RATE * 4] if len(samples) > SAMPLE_RATE * 4 else samples
    padded = np.zeros(SAMPLE_RATE * 8)
    padded[: len(window)] = window * np.hanning(len(window))
    magnitude = np.abs(np.fft.rfft(padded))
    freqs = np.fft.rfftfreq(len(padded), 1 / SAMPLE_RATE)
    peaks = []
    for index in np.argsort(magnitude)[::-1]:
        if all(abs(freqs[index] - p) > 20 for p in peaks):
            peaks.append(freqs[index])
        if len(peaks) == count:
            break
    return sorted(peaks)


@pytest.mark.parametrize("name", ["bowl", "chime", "gong"])
def test_the_strongest_partials_are_where_designed(name):
    design = DESIGNS[name]
    strongest = sorted(design.partials, key=lambda p: -p.amplitude)[:3]
    found = spectrum_peaks(strike(name), 3)
    for partial in strongest:
        assert min(abs(f - partial.frequency_hz) for f in found) < 2.0, (name, partial.frequency_hz, found)


def test_the_bowl_beats_slowly():
    """Each bowl partial is a pair a little apart: its envelope swells and fades about once a second."""
    bowl = strike("bowl")
    t = np.arange(len(bowl)) / SAMPLE_RATE
    fundamental = bowl * np.exp(-2j * np.pi * 196.0 * t)
    kernel = np.ones(2205) / 2205
    envelope = np.abs(np.convolve(fundamental, kernel, mode="same"))[SAMPLE_RATE: SAMPLE_RATE * 6]
    envelope /= np.exp(-6.908 * t[SAMPLE_RATE: SAMPLE_RATE * 6] / 14)
    assert envelope.max() / envelope.min() > 3, "the fundamental's level swings: it beats"


def test_strikes_overlap_and_start_on_the_spacing():
    one = strike("bowl")
    two = strikes("bowl", 2)
    spacing = 5 * SAMPLE_RATE  # the bowl's strikes are 5 s apart (written by hand)
    assert len(two) == len(one) + spacing
    assert np.allclose(two[:spacing], one[:spacing])
    assert np.allclose(two[spacing: len(one)], one[spacing:] + one[: len(one) - spacing], atol=1e-6)
    assert bell_occupied_s("bowl", 2) == 8.0, "two strikes 5 s apart, then 3 s to settle"


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_the_strike_starts_without_a_click(name):
    """From the silence before it, no step in the first 5 ms is larger than twice the largest step of the strike's
    own sound in the 100 ms after (its mallet noise included): a bell that began on a nonzero sample jumps 2.6-14x."""
    sound = np.concatenate([[0.0], strike(name)])
    steps = np.abs(np.diff(sound))
    first_5_ms, after = steps[: SAMPLE_RATE // 200 + 1], steps[SAMPLE_RATE // 200 + 1: SAMPLE_RATE // 10]
    assert first_5_ms.max() <= 2.0 * after.max(), f"{first_5_ms.max():.3f} against {after.max():.3f}"
    assert abs(strike(name)[-1]) < 1e-3, "and it ends in silence"
