import numpy as np
import pyloudnorm
import pytest
from scipy.signal import resample_poly

from app.audio.limiter import CEILING_DBTP, MARGIN_FRAMES, limit
from app.audio.loudness import LoudnessMeter, clip_loudness, k_weighting
from app.audio.sampling import SAMPLE_RATE


def true_peak_db(stereo):
    up = resample_poly(stereo, 8, 1, axis=0)
    return 20 * np.log10(np.abs(up).max())


def test_loud_peaks_are_held_under_the_true_peak_ceiling():
    rng = np.random.default_rng(3)
    t = np.arange(SAMPLE_RATE * 2) / SAMPLE_RATE
    signal = np.stack([0.3 * np.sin(2 * np.pi * 11025 / 2.01 * t)] * 2, axis=1)  # near-Nyquist: inter-sample peaks
    signal[SAMPLE_RATE // 2: SAMPLE_RATE // 2 + 2000] *= 6.0  # a burst at about +5 dBFS
    signal += 0.01 * rng.standard_normal(signal.shape)
    window = np.pad(signal, ((MARGIN_FRAMES, MARGIN_FRAMES), (0, 0))).astype(np.float32)
    out = limit(window)
    assert len(out) == len(signal)
    assert true_peak_db(out) <= CEILING_DBTP + 0.1
    quiet = slice(SAMPLE_RATE + 10000, SAMPLE_RATE + 20000)
    assert np.allclose(out[quiet], signal[quiet], atol=1e-6), "far from the burst the audio is untouched"


def test_quiet_audio_passes_unchanged():
    quiet = (0.1 * np.random.default_rng(4).standard_normal((20000, 2))).astype(np.float32)
    assert np.array_equal(limit(quiet), quiet[MARGIN_FRAMES:-MARGIN_FRAMES])


@pytest.mark.parametrize("block", [1000, 16384])
def test_the_streaming_meter_agrees_with_pyloudnorm(block):
    rng = np.random.default_rng(5)
    t = np.arange(SAMPLE_RATE * 20) / SAMPLE_RATE
    audio = np.stack([0.2 * np.sin(2 * np.pi * 440 * t) * (t % 4 < 2.5), 0.05 * rng.standard_normal(len(t))], axis=1)
    meter = LoudnessMeter()
    for start in range(0, len(audio), block):
        meter.feed(audio[start: start + block])
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(audio)
    assert meter.integrated_lufs() == pytest.approx(expected, abs=0.02)


@pytest.mark.parametrize("sample_rate", [44100, 48000])
def test_the_k_weighting_is_pyloudnorms(sample_rate):
    theirs = pyloudnorm.Meter(sample_rate)._filters
    ours = k_weighting(sample_rate)
    for (b, a), name in zip(ours, ("high_shelf", "high_pass"), strict=True):
        assert np.allclose(b, theirs[name].b, rtol=1e-12) and np.allclose(a, theirs[name].a, rtol=1e-12)


@pytest.mark.parametrize("name", ["bowl", "gong", "woodblock-run", "speech-like"])
def test_a_clips_loudness_agrees_with_pyloudnorm_even_with_a_sharp_start(name):
    """Segments measured as if they repeated (no filter running through) read as pyloudnorm's filter does, also
    where a segment starts with a strike and ends in its decay (measured: bells 0.01 LU apart, bursts 0.033)."""
    from app.audio.bells import strike

    rng = np.random.default_rng(2)
    if name in ("bowl", "gong"):
        clip = strike(name)
    elif name == "woodblock-run":
        clip = np.concatenate([np.pad(strike("woodblock"), (0, int(0.37 * SAMPLE_RATE))) for _ in range(12)])
    else:  # bursts of band-limited noise with a syllable's rhythm, 30 dB swings
        envelope = np.repeat(rng.uniform(0.03, 1.0, 60) ** 3, SAMPLE_RATE // 8)
        clip = (np.convolve(rng.standard_normal(len(envelope)), np.hanning(9), "same") * envelope * 0.2)
    clip = clip.astype(np.float32)
    expected = pyloudnorm.Meter(SAMPLE_RATE).integrated_loudness(clip.astype(np.float64))
    assert clip_loudness(clip, SAMPLE_RATE) == pytest.approx(expected, abs=0.05)  # 0.033 at most, bursts


def test_the_file_measurement_is_not_fooled_by_its_own_chunk_edges(tmp_path):
    import soundfile

    from tests.audio.measure import measure_file

    t = np.arange(SAMPLE_RATE * 4) / SAMPLE_RATE
    tone = np.stack([0.5 * np.sin(2 * np.pi * 1000 * t)] * 2, axis=1)  # -6.02 dBFS, no inter-sample overshoot
    soundfile.write(tmp_path / "tone.wav", tone, SAMPLE_RATE, subtype="FLOAT")
    assert measure_file(tmp_path / "tone.wav", block_frames=10_007)["true_peak_dbtp"] == pytest.approx(-6.02, abs=0.02)
