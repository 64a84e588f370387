"""Measures of a bed as a listener meets it, shared by the bed tests and benchmarks/beds.py. A long render is
read once, block by block; what needs the whole of it keeps a decimated copy, so 20 minutes fit in memory."""

import numpy as np
from scipy.signal import butter, sosfilt, welch

RATE = 44100
DECIMATE = 10  # the waveform's repeats are looked for at 4.41 kHz
HOP_S = 0.05  # the loudness envelope's step
BLOCK_S = 30.0


class BedFigures:
    """Everything the bed issue asks of a bed, from one pass over `seconds` of it at its reference level."""

    def __init__(self, bed, seconds: float):
        from app.audio.beds.stream import BedStream

        stream = BedStream(bed)
        hop = int(HOP_S * RATE)
        block = int(BLOCK_S * RATE) // hop * hop
        total = int(seconds * RATE) // hop * hop
        anti_alias = butter(8, 0.8 * RATE / DECIMATE / 2, fs=RATE, output="sos")
        bass = butter(4, 120, fs=RATE, output="sos")
        states = {"alias": np.zeros((anti_alias.shape[0], 2)), "bass": np.zeros((bass.shape[0], 2, 2))}
        decimated, envelopes, tops = [], [], []
        sums = dict.fromkeys(("n", "sum", "sq", "cube", "fourth", "ll", "rr", "lr"), 0.0)
        self.true_peak = 0.0
        for start in range(0, total, block):
            audio = stream.frames(start, min(block, total - start)).astype(np.float64)
            mono = audio.mean(axis=1)
            low, states["alias"] = sosfilt(anti_alias, mono, zi=states["alias"])
            decimated.append(low[(-start) % DECIMATE:: DECIMATE])
            power = np.square(audio).reshape(-1, hop, 2).mean(axis=1)
            envelopes.append(power)
            steps = np.abs(np.diff(audio, axis=0)).ravel()
            keep = min(len(steps), int(np.ceil(2 * total * 1e-4)) + 1)  # as many as the whole may need from one block
            tops.append(np.partition(steps, -keep)[-keep:])
            bassed, states["bass"] = sosfilt(bass, audio, axis=0, zi=states["bass"])
            sums["ll"] += float(bassed[:, 0] @ bassed[:, 0])
            sums["rr"] += float(bassed[:, 1] @ bassed[:, 1])
            sums["lr"] += float(bassed[:, 0] @ bassed[:, 1])
            left = audio[:, 0]
            sums["n"] += len(left)
            sums["sum"] += float(left.sum())
            sums["sq"] += float(left @ left)
            sums["cube"] += float(np.sum(left ** 3))
            sums["fourth"] += float(np.sum(left ** 4))
            self.true_peak = max(self.true_peak, _true_peak(audio))
        self.decimated = np.concatenate(decimated)
        power = np.concatenate(envelopes)
        self.envelope_db = 10 * np.log10(power.mean(axis=1) + 1e-12)
        self.channel_envelopes_db = 10 * np.log10(power + 1e-12)
        all_tops = np.concatenate(tops)
        count = 2 * (total - 1)
        rank = int(np.ceil(count * 1e-4))  # the 99.99th percentile is the rank-th largest step
        ordered = np.sort(all_tops)[::-1]
        self.step_ratio = float(ordered[0] / ordered[min(rank, len(ordered) - 1)])
        n = sums["n"]
        mean = sums["sum"] / n
        variance = sums["sq"] / n - mean ** 2
        self.dc = float(mean / np.sqrt(variance))  # the mean against the RMS
        fourth = sums["fourth"] / n - 4 * mean * sums["cube"] / n + 6 * mean ** 2 * sums["sq"] / n - 3 * mean ** 4
        self.kurtosis = float(fourth / variance ** 2)  # 3 for Gaussian noise
        self.bass_correlation = float(sums["lr"] / np.sqrt(sums["ll"] * sums["rr"]))
        self.seconds = total / RATE
        self.mean_square = sums["sq"] / n

    def waveform_autocorrelation(self, first_lag_s: float, last_lag_s: float) -> float:
        """The largest |Pearson r| of the mono waveform (at 4.41 kHz) with itself at any lag in the range."""
        mono = self.decimated - self.decimated.mean()
        rate = RATE / DECIMATE
        size = 1 << int(np.ceil(np.log2(2 * len(mono))))
        spectrum = np.fft.rfft(mono, size)
        raw = np.fft.irfft(spectrum * np.conj(spectrum), size)[: len(mono)]
        lags = np.arange(int(first_lag_s * rate), min(int(last_lag_s * rate) + 1, len(mono) // 2))
        energy = np.concatenate([[0.0], np.cumsum(mono ** 2)])
        norm = np.sqrt((energy[-1] - energy[lags]) * energy[len(mono) - lags])  # the overlapping parts' energies
        return float(np.max(np.abs(raw[lags] / norm)))

    def envelope_autocorrelation(self, first_lag_s: float, last_lag_s: float) -> float:
        """The largest Pearson r of the 50 ms loudness envelope (dB, mean removed) at lags in range, 50 ms apart."""
        envelope = self.envelope_db
        lags = range(int(first_lag_s / HOP_S), min(int(last_lag_s / HOP_S), len(envelope) // 2) + 1)
        return max(float(np.corrcoef(envelope[:-lag], envelope[lag:])[0, 1]) for lag in lags)

    def share_below(self, hz: float) -> float:
        """The share of the mono energy below `hz` (from the 4.41 kHz copy against the full-rate total)."""
        frequencies, density = welch(self.decimated, RATE / DECIMATE, nperseg=1 << 14)
        below = density[frequencies < hz].sum() * (frequencies[1] - frequencies[0])
        mono_power = float(np.mean(10 ** (self.envelope_db / 10)))
        return float(below / mono_power)

    def envelope_correlation(self) -> float:
        """Pearson r between the left and the right 50 ms loudness envelopes (dB)."""
        return float(np.corrcoef(self.channel_envelopes_db[:, 0], self.channel_envelopes_db[:, 1])[0, 1])

    def level_swing_db(self, window_s: float = 1.0) -> float:
        """The range of the level over `window_s` windows, in dB."""
        per = int(window_s / HOP_S)
        power = 10 ** (self.envelope_db[: len(self.envelope_db) // per * per] / 10)
        levels = 10 * np.log10(power.reshape(-1, per).mean(axis=1))
        return float(levels.max() - levels.min())


def _true_peak(stereo: np.ndarray) -> float:
    from scipy.signal import resample_poly

    return float(np.abs(resample_poly(stereo, 4, 1, axis=0)).max())
