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
    strongest = sorted(design.modes, key=lambda m: -m.amplitude ** 2 * m.t60_s)[:3]  # the most energy
    found = spectrum_peaks(strike(name), 3)
    for mode in strongest:
        hz = design.fundamental_hz * mode.ratio
        assert min(abs(f - hz) for f in found) < 2.0 + mode.beat_hz, (name, hz, found)


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_every_bell_has_8_to_15_modes(name):
    assert 8 <= len(DESIGNS[name].modes) <= 15


def _mode_envelope_db(sound, hz, start_s, end_s):
    """The level of the sound near `hz` (heterodyned to 0 Hz, 200 ms average: within about 5 Hz), in dB."""
    t = np.arange(len(sound)) / SAMPLE_RATE
    shifted = sound * np.exp(-2j * np.pi * hz * t)
    envelope = np.abs(np.convolve(shifted, np.ones(8820) / 8820, mode="same"))
    return 20 * np.log10(envelope[int(start_s * SAMPLE_RATE): int(end_s * SAMPLE_RATE)] + 1e-12)


@pytest.mark.parametrize("name", ["bowl", "gong"])
def test_a_mode_shimmers_but_never_falls_silent(name):
    """Its pair is unequal: the fundamental's level swings (the beat) by more than 1 dB and at most 10 dB once
    the steady decay is taken out."""
    design = DESIGNS[name]
    level = _mode_envelope_db(strike(name), design.fundamental_hz, 1.0, 7.0)
    seconds = np.arange(len(level)) / SAMPLE_RATE
    residual = level - np.polyval(np.polyfit(seconds, level, 1), seconds)
    assert 1.0 < residual.max() - residual.min() <= 10.0


@pytest.mark.parametrize("name", sorted(DESIGNS))
def test_a_strike_has_a_bright_mallet(name):
    """Energy above 8 kHz in the first 20 ms, well over what rings there 20 ms later."""
    sound = strike(name)
    window = SAMPLE_RATE // 50

    def above_8k(part):
        spectrum = np.abs(np.fft.rfft(part)) ** 2
        return spectrum[np.fft.rfftfreq(len(part), 1 / SAMPLE_RATE) > 8000].sum()

    assert above_8k(sound[:window]) > 3 * above_8k(sound[window: 2 * window])


def test_the_bowl_rings_at_least_20_s():
    """T60 from the Schroeder curve (the energy still to come), fitted from -5 to -35 dB and doubled."""
    bowl = strike("bowl").astype(np.float64)
    remaining = np.cumsum(np.square(bowl)[::-1])[::-1]
    curve = 10 * np.log10(remaining / remaining[0])
    first, last = np.argmax(curve < -5), np.argmax(curve < -35)
    t60 = 2 * (last - first) / SAMPLE_RATE
    assert t60 >= 20.0, t60


def test_the_gong_blooms_into_its_upper_partials():
    gong = strike("gong")
    upper = DESIGNS["gong"].fundamental_hz * 6.1
    early, later = _mode_envelope_db(gong, upper, 0.1, 0.11).mean(), _mode_envelope_db(gong, upper, 1.0, 1.01).mean()
    assert later > early + 3, "an upper partial is louder a second after the strike than just after it"


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
