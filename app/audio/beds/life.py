"""Living places: a fireplace, a summer night with crickets, birds at dawn."""

from functools import lru_cache

import numpy as np

from app.audio.beds import spectra
from app.audio.beds.events import EventBuffer, Kind, paced_starts, pan_gains, pareto, scattered
from app.audio.beds.grains import BINS
from app.audio.beds.randomness import uniform, wander
from app.audio.beds.stream import CHUNK_FRAMES, GRAINS, Bed
from app.audio.beds.templates import bubbles, pulses, sweeps, taps
from app.audio.sampling import SAMPLE_RATE


@lru_cache(maxsize=1)
def _fire_sounds():
    return (bubbles(24, 192, 4500, 9000, (0.0005, 0.001), (0.0, 0.3), 31),  # crackles: tiny sharp rings
            taps(12, 1024, 0.004, 32, brightness=-2),  # snaps
            bubbles(12, 3072, 110, 260, (0.01, 0.025), (-0.3, -0.1), 33))  # pops: a soft thump that sinks


class Fire(Bed):
    name, title = "fire", "Fireplace"
    models = ("a wood fire: bright crackles that come in bursts, sharper snaps, soft pops of gas, over the low "
              "roar and faint hiss of the flames, whose strength wanders from moment to moment")
    level_db = 15.2  # measured: brings it to REFERENCE_LUFS (pyloudnorm, 5 minutes, seed 0)
    ROAR = spectra.highpass(45, 3) * spectra.lowpass(320, 2) * 0.14
    HISS = spectra.band(3500, 2.0) * 0.008

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        flame = (1 + 0.35 * wander(self.key("flame"), times, 2.5)).astype(np.float32)[:, None]
        shape = self.ROAR * flame + self.HISS * flame ** 2
        out = self.noise("flames", index, shape, shape)
        crackles, snaps, pops = _fire_sounds()
        burst_key = self.key("bursts")

        def crackling(times_s):
            return 22.0 * np.maximum(0.0, wander(burst_key, times_s, 1.1) + 0.2) ** 2 + 1.5

        out += scattered(self.key("events"), index, CHUNK_FRAMES, [
            Kind(crackles, crackling, pareto(0.05, 0.075, 2.5), pan_width=0.3),
            Kind(snaps, lambda t: np.full(len(t), 0.6), pareto(0.06, 0.1, 3.0), pan_width=0.4),
            Kind(pops, lambda t: np.full(len(t), 0.5), pareto(0.08, 0.2, 3.0), pan_width=0.3)])
        return out


@lru_cache(maxsize=1)
def _chirps():
    return pulses(16, (3900, 5200), 0.011, 0.024, 4, 41)


CRICKETS = 5


class Night(Bed):
    name, title = "night", "Summer night"
    models = ("five crickets, each chirping at its own pitch (3.9-5.2 kHz), place and slowly wandering pace, "
              "falling silent and starting again on its own, over the soft air of a warm night")
    level_db = 16.7  # measured: brings it to REFERENCE_LUFS (pyloudnorm, 5 minutes, seed 0)
    AIR = spectra.highpass(60, 2) * spectra.lowpass(500, 2) * 0.02

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        breeze = (1 + 0.3 * wander(self.key("breeze"), times, 12.0)).astype(np.float32)[:, None]
        out = self.noise("air", index, np.broadcast_to(self.AIR, (GRAINS, BINS)) * breeze,
                         np.broadcast_to(self.AIR, (GRAINS, BINS)) * breeze)
        chirps = _chirps()
        events = EventBuffer(index, CHUNK_FRAMES, chirps.shape[1])
        first_s, last_s = index * CHUNK_FRAMES / SAMPLE_RATE, (index + 1) * CHUNK_FRAMES / SAMPLE_RATE
        for cricket in range(CRICKETS):
            key = self.key("cricket", str(cricket))
            pace, pan, pitch = uniform(key, np.arange(3))
            ks, starts = paced_starts(key, first_s - chirps.shape[1] / SAMPLE_RATE, last_s, 1.1 + 1.3 * pace,
                                      0.25, 17.0, 0.02)
            singing = np.clip(0.5 + 1.2 * wander(self.key("singing", str(cricket)), starts / SAMPLE_RATE, 23.0), 0, 1)
            level = 0.12 / (1 + 0.5 * cricket) * singing * (0.85 + 0.15 * uniform(key ^ 0x27D4EB2F, ks))
            template = np.full(len(starts), int(pitch * (len(chirps) - 1) + 0.5))
            events.add(starts, chirps, template, pan_gains(np.full(len(starts), 1.6 * pan - 0.8)) * level[:, None])
        return out + events.audio()


@lru_cache(maxsize=1)
def _calls():
    """Four kinds of bird, a dozen variants each."""
    return [sweeps(12, 0.32, (3900, 4500), (2600, 3000), 0.0, 0.0, 51),  # a falling whistle
            sweeps(12, 0.035, (2900, 3300), (4200, 4800), 0.0, 0.0, 52, notes=7, gap_s=0.035),  # a trill
            sweeps(12, 0.16, (3400, 3700), (2800, 3100), 0.0, 0.0, 53, notes=2, gap_s=0.12),  # tee-tuu
            sweeps(12, 0.55, (2500, 2900), (3300, 3900), 11.0, 0.05, 54)]  # a warble


class Birds(Bed):
    name, title = "birds", "Birds at dawn"
    models = ("four kinds of bird (a falling whistle, a trill, a two-note call, a warble), each calling in "
              "runs at its own place, with pauses between, over a still morning air")
    level_db = -1.5  # measured: brings it to REFERENCE_LUFS (pyloudnorm, 5 minutes, seed 0)
    AIR = spectra.highpass(80, 2) * spectra.lowpass(1400, 2) * 0.03

    def chunk(self, index: int) -> np.ndarray:
        out = self.noise("air", index, np.broadcast_to(self.AIR, (GRAINS, BINS)),
                         np.broadcast_to(self.AIR, (GRAINS, BINS)))
        kinds = []
        for number, calls in enumerate(_calls()):
            key = self.key("song", str(number))

            def singing(times_s, key=key):  # runs of calls, then quiet
                return 2.2 * np.maximum(0.0, wander(key, times_s, 7.0) + 0.1) ** 2

            kinds.append(Kind(calls, singing, pareto(0.15, 0.2, 3.0), pan_width=0.5))
        return out + scattered(self.key("calls"), index, CHUNK_FRAMES, kinds)
