"""The built-in beds: generated, never looped, each modelled on what it sounds like, measured on its output."""

import numpy as np
import pytest
from scipy.signal import butter, sosfilt, welch

from app.audio.beds.catalog import BEDS, make
from app.audio.beds.stream import CHUNK_FRAMES, REFERENCE_LUFS, BedStream
from app.audio.beds.templates import bubbles
from app.session.names import BEDS as NAMES
from tests.audio.bed_measures import RATE, BedFigures

TWENTY_MINUTES_S = 20 * 60
UNSPOKEN_EXPORT_LUFS = -24.0  # README: where a sounds-only or timer export is set


@pytest.fixture(scope="module")
def figures():
    """Every bed's figures over 20 minutes (seed 3), measured once."""
    cache = {}

    def of(name):
        if name not in cache:
            cache[name] = BedFigures(make(name, seed=3), TWENTY_MINUTES_S)
        return cache[name]

    return of


def test_the_format_knows_every_bed_and_there_are_nine():
    assert tuple(BEDS) == NAMES and len(NAMES) >= 9
    assert all(bed.models and bed.title for bed in BEDS.values())


@pytest.mark.parametrize("name", NAMES)
def test_a_seek_gives_the_samples_a_straight_play_would_without_making_what_comes_before(name, monkeypatch):
    straight = BedStream(make(name, seed=11)).frames(0, 3 * CHUNK_FRAMES)
    at = CHUNK_FRAMES + 12345
    sought = BedStream(make(name, seed=11)).frames(at, 50000)
    assert np.array_equal(sought, straight[at: at + 50000])
    made = []
    bed = make(name, seed=11)
    original = bed.chunk
    monkeypatch.setattr(bed, "chunk", lambda index: made.append(index) or original(index))
    late = 55 * 60 * RATE
    BedStream(bed).frames(late, RATE)
    assert made == [late // CHUNK_FRAMES], "only the chunk played is made"


@pytest.mark.parametrize("name", NAMES)
def test_a_seed_always_sounds_the_same_and_another_seed_differently(name):
    first = BedStream(make(name, seed=1)).frames(RATE * 30, RATE * 10)
    again = BedStream(make(name, seed=1)).frames(RATE * 30, RATE * 10)
    other = BedStream(make(name, seed=2)).frames(RATE * 30, RATE * 10)
    assert np.array_equal(first, again)
    assert abs(np.corrcoef(first[:, 0], other[:, 0])[0, 1]) < 0.3


@pytest.mark.parametrize("name", NAMES)
def test_a_bed_is_at_the_reference_loudness_whatever_its_seed(name):
    import pyloudnorm

    audio = BedStream(make(name, seed=9)).frames(0, RATE * 300)
    # within 1.5 LU: a bed's strength wanders over minutes (exports where nothing is spoken are measured anyway)
    assert pyloudnorm.Meter(RATE).integrated_loudness(audio) == pytest.approx(REFERENCE_LUFS, abs=1.5)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_twenty_minutes_of_a_bed_never_repeat_and_are_clean(figures, name):
    bed = figures(name)
    assert bed.waveform_autocorrelation(1, 600) < 0.2, "no repeat of the waveform at any lag from 1 s to 600 s"
    assert bed.envelope_autocorrelation(30, 600) < 0.5, "no repeat of its loudness from 30 s to 600 s"
    assert bed.share_below(20) <= 0.05, "at most 5% of its energy below 20 Hz"
    assert abs(bed.dc) < 0.01, "no DC"
    assert bed.step_ratio <= 2.0, "no click: no step more than twice its own 99.99th percentile"
    reference_peak_db = 20 * np.log10(bed.true_peak)
    assert reference_peak_db + (UNSPOKEN_EXPORT_LUFS - REFERENCE_LUFS) <= -1.0, "true peak within a sounds export"


def test_rain_drops_ring_as_bubbles_rising_in_pitch():
    drops = bubbles(8, 2048, 900, 2100, (0.005, 0.010), (0.3, 0.6), 12)
    for drop in drops:
        crossings = np.flatnonzero(np.diff(np.signbit(drop)))
        periods = np.diff(crossings)
        assert periods[-5:].mean() < periods[:5].mean(), "the pitch rises as the bubble rings"


@pytest.mark.slow
def test_rain_is_drops_many_small_and_few_large_over_a_wash_falling_with_frequency(figures):
    audio = BedStream(make("rain", seed=3)).frames(0, RATE * 120)
    frequencies, power = welch(audio.mean(axis=1), RATE, nperseg=1 << 14)
    density = [power[(frequencies >= f) & (frequencies < 2 * f)].mean() for f in (500, 1000, 2000, 4000, 8000)]
    assert all(np.diff(density) < 0), "the spectrum (power per hertz, by octave) falls with frequency"
    band = sosfilt(butter(4, (1500, 6000), "band", fs=RATE, output="sos"), audio.mean(axis=1))
    hop = RATE // 100  # 10 ms: a drop rings for a few
    envelope = 10 * np.log10(np.square(band[: len(band) // hop * hop]).reshape(-1, hop).mean(axis=1) + 1e-12)
    floor, middle = np.median(envelope), envelope[1:-1]
    peaks = (middle >= envelope[:-2]) & (middle >= envelope[2:])
    small, big = np.sum(peaks & (middle > floor + 3)) / 2, np.sum(peaks & (middle > floor + 10)) / 2  # a minute
    assert small > 600 and 0 < big < small / 5, (small, big)
    envelope = figures("rain").envelope_db
    tens = figures("rain").envelope_db[: int(len(envelope) // 200 * 200)].reshape(-1, 200)
    levels = 10 * np.log10((10 ** (tens / 10)).mean(axis=1))
    assert levels.max() - levels.min() > 1.5, "its strength wanders over minutes"


@pytest.mark.slow
def test_ocean_waves_come_6_to_14_s_apart_at_varied_intervals_and_move_across(figures):
    bed = figures("ocean")
    smooth = np.convolve(bed.envelope_db, np.ones(10) / 10, mode="same")  # 0.5 s
    peaks = [i for i in range(20, len(smooth) - 20) if smooth[i] == smooth[i - 20: i + 21].max()
             and smooth[i] > np.median(smooth) + 6]
    intervals = np.diff(peaks) * 0.05
    assert 6 <= np.median(intervals) <= 14 and np.std(intervals) >= 1.5, intervals
    balance = bed.channel_envelopes_db[:, 0] - bed.channel_envelopes_db[:, 1]
    moves = [abs(np.mean(balance[p: p + 10]) - np.mean(balance[p + 60: p + 70])) for p in peaks[:-1]]
    assert np.median(moves) > 1.0, "a wave moves across the stereo field as it washes back"


@pytest.mark.slow
def test_the_stream_gurgles_far_from_gaussian_noise(figures):
    bed = figures("stream")
    assert bed.kurtosis > 6, "spiky, not Gaussian (3)"
    assert np.std(bed.envelope_db) > 2, "its level comes and goes (Gaussian noise holds within a fraction of a dB)"


@pytest.mark.slow
def test_wind_gusts_in_both_ears_with_a_wandering_band():
    stream = BedStream(make("wind", seed=3))
    audio = stream.frames(0, RATE * 180)
    hop = RATE // 20
    left = 10 * np.log10(np.square(audio[:, 0]).reshape(-1, hop).mean(axis=1))
    right = 10 * np.log10(np.square(audio[:, 1]).reshape(-1, hop).mean(axis=1))
    assert np.corrcoef(left, right)[0, 1] >= 0.6, "gusts both ears share"
    centroids = []
    for second in range(0, 178, 2):
        frequencies, power = welch(audio[second * RATE: (second + 2) * RATE].mean(axis=1), RATE, nperseg=4096)
        band = (frequencies > 100) & (frequencies < 3000)
        centroids.append(np.sum(frequencies[band] * power[band]) / np.sum(power[band]))
    assert np.percentile(centroids, 90) / np.percentile(centroids, 10) > 1.4, "the band wanders"


@pytest.mark.slow
def test_brown_noise_has_mono_bass_and_falls_6_db_an_octave(figures):
    bed = figures("brown-noise")
    assert bed.bass_correlation >= 0.9, "below 120 Hz nearly the same in both ears"
    audio = BedStream(make("brown-noise", seed=3)).frames(0, RATE * 60)
    frequencies, power = welch(audio.mean(axis=1), RATE, nperseg=1 << 14)
    at = [10 * np.log10(power[np.argmin(abs(frequencies - f))]) for f in (200, 400, 800, 1600)]
    assert np.mean(np.diff(at)) == pytest.approx(-6.0, abs=1.5)


@pytest.mark.slow
def test_the_drone_is_six_or_more_drifting_partials_that_swing_little(figures):
    audio = BedStream(make("drone", seed=3)).frames(0, RATE * 60)
    frequencies, power = welch(audio.mean(axis=1), RATE, nperseg=1 << 16)
    db = 10 * np.log10(power + 1e-20)
    peaks = [f for i, f in enumerate(frequencies) if 50 < f < 700 and db[i] == db[max(0, i - 8): i + 9].max()
             and db[i] > db.max() - 30]
    assert len(peaks) >= 6, peaks
    assert figures("drone").level_swing_db() <= 4.0
    lowest = []  # the lowest partial's frequency (the power-weighted mean within 3 Hz of 73.4) every 2 minutes
    for start_s in range(0, 720, 120):
        part = BedStream(make("drone", seed=3)).frames(RATE * start_s, RATE * 20).mean(axis=1)
        power = welch(part, RATE, nperseg=1 << 16)[1]
        near = abs(frequencies - 73.4) < 3
        lowest.append(np.sum(frequencies[near] * power[near]) / np.sum(power[near]))
    assert np.std(lowest) > 0.15, ("the partials drift", lowest)


@pytest.mark.parametrize("name", ["fire", "night", "birds"])
def test_the_new_beds_are_events_standing_out_of_their_air(name):
    """Crackles, chirps and calls live above 2 kHz, their fire's roar and night's air below: above 2 kHz the bed
    is spiky (kurtosis far over Gaussian noise's 3)."""
    from scipy.stats import kurtosis

    audio = BedStream(make(name, seed=3)).frames(0, RATE * 120).mean(axis=1)
    high = sosfilt(butter(4, 2000, "high", fs=RATE, output="sos"), audio)
    assert kurtosis(high, fisher=False) > 8
