"""Living places: a fireplace, a summer night with crickets, birds at dawn."""

from functools import lru_cache

import numpy as np

from app.audio.beds import spectra
from app.audio.beds.events import EventBuffer, Kind, paced_starts, pan_gains, pareto, scattered
from app.audio.beds.randomness import uniform, wander
from app.audio.beds.stream import CHUNK_FRAMES, Bed
from app.audio.beds.templates import bubbles, pulses, sweeps, taps
from app.audio.sampling import SAMPLE_RATE
from app.session.names import BED_TITLES


@lru_cache(maxsize=1)
def _fire_sounds():
    return (bubbles(24, 192, 4500, 9000, (0.0005, 0.001), (0.0, 0.3), 31),  # crackles: tiny sharp rings
            taps(12, 1024, 0.004, 32, brightness=-2),  # snaps
            bubbles(12, 3072, 110, 260, (0.01, 0.025), (-0.3, -0.1), 33))  # pops: a soft thump that sinks


class Fire(Bed):
    name = "fire"
    title = BED_TITLES[name]
    models = ("a wood fire: bright crackles that come in bursts, sharper snaps, soft pops of gas, over the low "
              "roar and faint hiss of the flames, whose strength wanders from moment to moment")
    level_db = 15.4  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
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
            return 12.0 * np.maximum(0.0, wander(burst_key, times_s, 1.1) + 0.3) ** 2 + 3.0

        out += scattered(self.key("events"), index, CHUNK_FRAMES, [
            Kind(crackles, crackling, lambda rng, count: np.full(count, 0.065), pan_width=0.3),
            Kind(snaps, lambda t: np.full(len(t), 0.6), pareto(0.03, 0.045, 3.0), pan_width=0.3),
            Kind(pops, lambda t: np.full(len(t), 0.5), pareto(0.08, 0.2, 3.0), pan_width=0.3)])
        return out


@lru_cache(maxsize=1)
def _chirps():
    return pulses(16, (3900, 5200), 0.011, 0.024, 4, 41)


CRICKETS = 5


class Night(Bed):
    name = "night"
    title = BED_TITLES[name]
    models = ("five crickets, each chirping at its own pitch (3.9-5.2 kHz), place and slowly wandering pace, "
              "falling silent and starting again on its own, over the soft air of a warm night")
    level_db = 15.5  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    AIR = spectra.highpass(60, 2) * spectra.lowpass(500, 2) * 0.02

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        breeze = (1 + 0.3 * wander(self.key("breeze"), times, 12.0)).astype(np.float32)[:, None]
        out = self.noise("air", index, self.AIR * breeze, self.AIR * breeze)
        chirps = _chirps()
        events = EventBuffer(index, CHUNK_FRAMES, chirps.shape[1])
        first_s, last_s = index * CHUNK_FRAMES / SAMPLE_RATE, (index + 1) * CHUNK_FRAMES / SAMPLE_RATE
        for cricket in range(CRICKETS):
            key = self.key("cricket", str(cricket))
            pace, pan, pitch = uniform(key, np.arange(3))
            ks, starts = paced_starts(key, first_s - chirps.shape[1] / SAMPLE_RATE, last_s, 1.1 + 1.3 * pace,
                                      0.25, 17.0, 0.02)
            singing = np.clip(0.8 + 0.4 * wander(self.key("singing", str(cricket)), starts / SAMPLE_RATE, 23.0), 0.3, 1)
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


PHRASE_S = 6.0  # birds take turns: a phrase of one kind of bird (or a pause), then the next
CALLS_PER_S = (1.1, 0.8, 0.9, 0.7)  # each kind's pace within its phrase: its calls never overlap


class Birds(Bed):
    name = "birds"
    title = BED_TITLES[name]
    models = ("four kinds of bird (a falling whistle, a trill, a two-note call, a warble) taking turns: a run of "
              "calls from one, at its own place and pace, then another, with pauses, over a still morning air")
    level_db = 3.0  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    AIR = spectra.highpass(80, 2) * spectra.lowpass(1400, 2) * 0.03

    def chunk(self, index: int) -> np.ndarray:
        out = self.noise("air", index, self.AIR, self.AIR)
        calls = _calls()
        events = EventBuffer(index, CHUNK_FRAMES, max(kind.shape[1] for kind in calls))
        first_s = index * CHUNK_FRAMES / SAMPLE_RATE - events.pad / SAMPLE_RATE
        last_s = (index + 1) * CHUNK_FRAMES / SAMPLE_RATE
        key = self.key("phrases")
        for phrase in range(int(first_s // PHRASE_S), int(last_s // PHRASE_S) + 1):
            choice, pan, variant = uniform(key, np.arange(3) + 3 * phrase)
            kind = int(choice * 5)  # 0-3: a bird; 4: a pause
            if kind == 4 or phrase < 0:
                continue
            bank = calls[kind]
            start_s = phrase * PHRASE_S
            end_s = start_s + PHRASE_S - bank.shape[1] / SAMPLE_RATE  # the last call ends within the phrase
            numbers, starts = paced_starts(self.key("calls", str(kind)), max(start_s, first_s), min(end_s, last_s),
                                           CALLS_PER_S[kind], 0.2, 11.0, 0.06)
            keep = (starts >= start_s * SAMPLE_RATE) & (starts < end_s * SAMPLE_RATE)
            numbers, starts = numbers[keep], starts[keep]
            which = ((variant * len(bank)).astype(int) + numbers) % len(bank)
            level = 0.18 * (0.9 + 0.1 * uniform(key ^ 0x2545F491, numbers))
            events.add(starts, bank, which, pan_gains(np.full(len(starts), 0.7 * pan - 0.35)) * level[:, None])
        return out + events.audio()
