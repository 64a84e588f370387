"""Measuring exported files the way a podcast checker would: decode, loudness (BS.1770), 4x true peak."""

import numpy as np
import pyloudnorm
import soundfile
from scipy.signal import resample_poly


def measure_file(path, block_frames: int = 1 << 18) -> dict:
    """Integrated loudness (LUFS), true peak (dBTP, 4x oversampled) and length (s) of an audio file, block by block."""
    info = soundfile.info(path)
    audio = soundfile.read(path, dtype="float32")[0]
    loudness = pyloudnorm.Meter(info.samplerate).integrated_loudness(audio.astype(np.float64))
    peak = 0.0
    overlap = 64  # context on each side; the filter's edges ring, so only the middle of each chunk counts
    for start in range(0, len(audio), block_frames):
        before = min(start, overlap)
        chunk = audio[start - before: start + block_frames + overlap]
        up = np.abs(resample_poly(chunk, 4, 1, axis=0))
        kept = min(block_frames, len(audio) - start)
        peak = max(peak, float(up[4 * before: 4 * (before + kept)].max()))
    return {"lufs": loudness, "true_peak_dbtp": 20 * np.log10(max(peak, 1e-12)), "seconds": len(audio) / info.samplerate}
