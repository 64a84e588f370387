"""Water: rain, the ocean and a stream."""

from functools import lru_cache

import numpy as np

from app.audio.beds import spectra
from app.audio.beds.events import Kind, paced_starts, pan_gains, pareto, scattered
from app.audio.beds.grains import BINS
from app.audio.beds.randomness import uniform, wander
from app.audio.beds.stream import CHUNK_FRAMES, Bed
from app.audio.beds.templates import bubbles, taps
from app.audio.sampling import SAMPLE_RATE
from app.session.names import BED_TITLES


@lru_cache(maxsize=1)
def _rain_drops():
    return (bubbles(48, 512, 2200, 5200, (0.0015, 0.003), (0.1, 0.5), 11),
            bubbles(16, 2048, 900, 2100, (0.005, 0.010), (0.15, 0.6), 12),
            taps(16, 256, 0.0007, 13, brightness=-3, attack_s=0.0008))


class Rain(Bed):
    name = "rain"
    title = BED_TITLES[name]
    models = ("separate drops ringing as small bubbles that rise in pitch, and harder taps, many small and few "
              "large, over a soft wash whose spectrum falls with frequency; the rain's strength wanders over minutes")
    level_db = 11.3  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    WASH = spectra.highpass(400, 2) * spectra.tilt(-3.5, 1000) * spectra.lowpass(11000, 2)

    def strength(self, times_s: np.ndarray) -> np.ndarray:
        return 1 + 0.12 * wander(self.key("strength"), times_s, 75.0)

    def chunk(self, index: int) -> np.ndarray:
        level = (self.strength(self.grain_times_s(index)) * 0.05).astype(np.float32)[:, None]
        wash = self.noise("wash", index, self.WASH * level, self.WASH * level)
        small, large, tap = _rain_drops()

        def rate(per_s):
            return lambda times_s: per_s * self.strength(times_s)

        wash += scattered(self.key("drops"), index, CHUNK_FRAMES, [
            Kind(small, rate(32.0), pareto(0.05, 0.12, 2.2)),
            Kind(large, rate(4.0), pareto(0.1, 0.18, 3.0)),
            Kind(tap, rate(6.0), pareto(0.02, 0.035, 2.5))])
        return wash


WAVES_PER_S = 0.1  # on average; the pace wanders (so no stretch of waves lines up with another) and each wave
WAVE_PACE_WANDER = 0.3  # comes up to WAVE_JITTER_S early or late: intervals of roughly 6-14 s
WAVE_JITTER_S = 1.5
_CUTOFFS_HZ = np.geomspace(40, 9000, 40)
BREAK_HOLD_S = 0.6  # the surf stays at its height this long as the wave breaks
LONGEST_WAVE_S = 4.5 + BREAK_HOLD_S + 7.0 * 1.6  # a wave's build, break and longest wash, as `chunk` lets it ring


@lru_cache(maxsize=1)
def _surf_bank() -> np.ndarray:
    """Power spectra of noise low-passed at each of _CUTOFFS_HZ (above a 35 Hz high-pass)."""
    return spectra.bank(lambda hz: (spectra.highpass(35, 3) * spectra.lowpass(hz, 2) * spectra.tilt(-1.5)) ** 2,
                        _CUTOFFS_HZ)


def _cutoff_position(hz: np.ndarray) -> np.ndarray:
    return np.interp(np.log(hz), np.log(_CUTOFFS_HZ), np.arange(len(_CUTOFFS_HZ)))


class Ocean(Bed):
    name = "ocean"
    title = BED_TITLES[name]
    models = ("independent waves 6-14 s apart, each with its own height and length, that build as a low roll "
              "(noise low-passed and swept up from about 60 to 400 Hz), break into bright surf and wash back "
              "darker, each moving across the stereo field, over a low rumble")
    level_db = 13.7  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    RUMBLE = (spectra.highpass(35, 3) * spectra.lowpass(160, 2) * 0.35) ** 2

    def waves(self, first_s: float, last_s: float) -> dict[str, np.ndarray]:
        """The waves that start between the two times: start (s), build and wash times (s), height, pan at the
        start and the end, and the highest the roll's low-pass reaches (Hz)."""
        key = self.key("waves")
        numbers, starts = paced_starts(key, first_s, last_s, WAVES_PER_S, WAVE_PACE_WANDER, 40.0, WAVE_JITTER_S)
        draw = [uniform(key, numbers * 8 + k) for k in range(7)]
        return {"start": starts / SAMPLE_RATE, "build": 2.5 + 2.0 * draw[1], "wash": 3.5 + 3.5 * draw[2],
                "height": 0.75 + 0.25 * draw[3], "pan_from": 1.1 * draw[4] - 0.55, "pan_to": 1.1 * draw[5] - 0.55,
                "low": 240 + 200 * draw[6]}

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        w = self.waves(times[0] - LONGEST_WAVE_S, times[-1])
        bank = _surf_bank()
        power = np.zeros((2, len(times), BINS), np.float32)
        power += self.RUMBLE * (1 + 0.3 * wander(self.key("rumble"), times, 20.0)).astype(np.float32)[:, None]
        for n in range(len(w["start"])):
            x = times - w["start"][n]
            build, wash = w["build"][n], w["wash"][n]
            active = (x >= 0) & (x < build + BREAK_HOLD_S + wash * 1.6)
            if not active.any():
                continue
            x = x[active]
            rising = x < build
            u = np.where(rising, x / build, 0.0)
            after = np.where(rising, 0.0, np.maximum(0.0, x - build - BREAK_HOLD_S))  # it breaks, holds, washes back
            amplitude = w["height"][n] * np.where(rising, u ** 2, np.exp(-after / (wash / 2.5)))
            cutoff = np.where(rising, 60 * (w["low"][n] / 60) ** u,
                              5500 * np.exp(-after / (wash / 1.2)) + w["low"][n])
            pan = w["pan_from"][n] + (w["pan_to"][n] - w["pan_from"][n]) * np.clip(x / (build + wash), 0, 1)
            shapes = spectra.blend(bank, _cutoff_position(cutoff)) * (amplitude ** 2).astype(np.float32)[:, None]
            gains = pan_gains(pan) ** 2
            power[0, active] += shapes * gains[:, :1].astype(np.float32)
            power[1, active] += shapes * gains[:, 1:].astype(np.float32)
        magnitude = np.sqrt(power) * np.float32(0.08)
        return self.noise("surf", index, magnitude[0], magnitude[1])


@lru_cache(maxsize=1)
def _stream_sounds():
    return (bubbles(32, 4096, 260, 1100, (0.008, 0.02), (0.6, 2.2), 21),
            bubbles(32, 768, 1400, 3800, (0.002, 0.005), (0.2, 1.0), 22))


class Stream(Bed):
    name = "stream"
    title = BED_TITLES[name]
    models = ("water over stones: gurgles (low bubbles that glide up) coming in bursts, quick trickles of small "
              "bubbles, over a light wash; far from steady noise")
    level_db = 16.1  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    WASH = spectra.highpass(180, 2) * spectra.lowpass(2600, 2) * 0.03

    def chunk(self, index: int) -> np.ndarray:
        out = self.noise("wash", index, self.WASH, self.WASH)
        gurgles, trickles = _stream_sounds()
        burst_key, trickle_key = self.key("bursts"), self.key("trickles")

        def bursts(times_s):  # the water comes in pulses: quiet, then a run of gurgles
            return 30.0 * np.maximum(0.0, wander(burst_key, times_s, 0.8)) ** 2 + 2.0

        def trickling(times_s):
            return 24.0 * (1 + 0.5 * wander(trickle_key, times_s, 6.0))

        out += scattered(self.key("events"), index, CHUNK_FRAMES, [
            Kind(gurgles, bursts, pareto(0.05, 0.16, 2.5), pan_width=0.7),
            Kind(trickles, trickling, pareto(0.02, 0.07, 2.0))])
        return out

