"""Air: wind and brown noise."""

from functools import lru_cache

import numpy as np

from app.audio.beds import spectra
from app.audio.beds.randomness import wander
from app.audio.beds.stream import Bed
from app.session.names import BED_TITLES

_CENTRES_HZ = np.geomspace(180, 1400, 24)


@lru_cache(maxsize=1)
def _wind_bands() -> np.ndarray:
    """A band about 1.3 octaves wide at each of _CENTRES_HZ, over a little low air, as amplitude spectra."""
    return spectra.bank(lambda hz: spectra.band(hz, 1.3) + 0.25 * spectra.band(hz * 2.4, 0.5) * spectra.lowpass(3000),
                        _CENTRES_HZ) * spectra.highpass(40, 3)


class Wind(Bed):
    name = "wind"
    title = BED_TITLES[name]
    models = ("gusts that both ears share, rising over seconds and falling away, with a band of noise whose "
              "centre wanders between about 200 and 900 Hz and rises with the gust, a faint whistle above it")
    level_db = 18.4  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    LOW = spectra.highpass(40, 3) * spectra.lowpass(200, 2) * 0.25

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        gust = np.clip(0.6 + 0.3 * wander(self.key("gust"), times, 3.5) + 0.15 * wander(self.key("weather"), times, 14.0),
                       0.1, 1.0)
        centre = 230 * 2 ** (1.9 * gust + 0.3 * wander(self.key("band"), times, 9.0))
        position = np.interp(np.log(centre), np.log(_CENTRES_HZ), np.arange(len(_CENTRES_HZ)))
        shape = spectra.blend(_wind_bands(), position) * gust.astype(np.float32)[:, None]
        shape += self.LOW * (0.5 + 0.5 * gust).astype(np.float32)[:, None]
        lean = 0.25 * wander(self.key("lean"), times, 11.0)  # the wind leans a little to one side, then the other
        left = shape * np.sqrt(1 - lean).astype(np.float32)[:, None]
        right = shape * np.sqrt(1 + lean).astype(np.float32)[:, None]
        return self.noise("air", index, left * np.float32(0.1), right * np.float32(0.1))


class BrownNoise(Bed):
    name = "brown-noise"
    title = BED_TITLES[name]
    models = ("noise falling 6 dB an octave, high-passed at 28 Hz, its bass below 120 Hz the same in both ears "
              "(a deep, even rumble), its tilt wandering a little over minutes")
    level_db = 27.4  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)
    BROWN = spectra.tilt(-6.0, 100) * spectra.highpass(28, 4) * spectra.lowpass(12000, 1)
    SIDE = spectra.highpass(160, 4)  # how much of each frequency differs between the ears

    def chunk(self, index: int) -> np.ndarray:
        times = self.grain_times_s(index)
        tilt = spectra.tilt(1.0, 200)
        lean = (0.5 + 0.5 * wander(self.key("tilt"), times, 90.0)).astype(np.float32)[:, None]
        shape = self.BROWN * (1 + (tilt - 1) * lean) * np.float32(0.05)
        mid = shape / np.sqrt(1 + self.SIDE ** 2)
        middle_and_side = self.noise("brown", index, mid, mid * self.SIDE)
        left = middle_and_side[:, 0] + middle_and_side[:, 1]
        right = middle_and_side[:, 0] - middle_and_side[:, 1]
        return np.stack([left, right], axis=1)
