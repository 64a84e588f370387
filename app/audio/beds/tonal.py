"""A drone: partials that drift slowly in pitch and level, never quite the same."""

import numpy as np

from app.audio.beds.randomness import wander, wander_integral
from app.audio.beds.stream import CHUNK_FRAMES, Bed
from app.audio.sampling import SAMPLE_RATE
from app.session.names import BED_TITLES

BLOCK = 64  # frames a partial's level holds (1.5 ms)
ROOT_HZ = 73.42  # D2
RATIOS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 6.0)  # no two within 10 Hz: partials never beat against each other
LEVELS = (1.0, 0.7, 0.55, 0.3, 0.35, 0.2, 0.1)
DRIFT = 0.012  # each partial's pitch wanders by up to 1.2% (20 cents)
DRIFT_PERIOD_S = 9.0
SWELL_DB = 1.5  # each partial's level wanders by up to this
SWELL_PERIOD_S = 6.0
OUTPUT = 0.05
PRODUCT_ROWS = 256  # 256 x 64 x 14 multiply-adds: under OpenBLAS's threshold for threads (65536 x 4)


class Drone(Bed):
    name = "drone"
    title = BED_TITLES[name]
    models = ("seven partials of a low D (1, 1.5, 2, 2.5, 3, 4 and 6 times 73.4 Hz), each drifting in pitch by "
              "up to 20 cents and in level by up to 1.5 dB on its own slow course, a little wider in stereo")
    level_db = 7.8  # measured: centres it on REFERENCE_LUFS (benchmarks/beds.py)

    def chunk(self, index: int) -> np.ndarray:
        """Within a chunk each partial keeps one frequency (its phase joins the next chunk's exactly), so the
        sum of partials is a matrix product: (block starts x partials) @ (partials x frames in a block)."""
        first = index * CHUNK_FRAMES
        edges_s = np.array([first, first + CHUNK_FRAMES]) / SAMPLE_RATE
        blocks_s = (first + np.arange(0, CHUNK_FRAMES, BLOCK)) / SAMPLE_RATE
        within = np.arange(BLOCK)
        columns, rows = [], []
        for number, (ratio, level) in enumerate(zip(RATIOS, LEVELS, strict=True)):
            hz = ROOT_HZ * ratio
            cycles = hz * (edges_s + DRIFT * wander_integral(self.key("pitch", str(number)), edges_s, DRIFT_PERIOD_S))
            step = 2 * np.pi * (cycles[1] - cycles[0]) / CHUNK_FRAMES  # radians a frame in this chunk
            phase = 2 * np.pi * (cycles[0] % 1.0) + step * (blocks_s * SAMPLE_RATE - first)
            swell = wander(self.key("level", str(number)), blocks_s, SWELL_PERIOD_S)
            gain = OUTPUT * level * 10 ** (SWELL_DB / 20 * swell)
            sine, cosine = gain * np.sin(phase), gain * np.cos(phase)
            spread = 0.6 + 0.25 * number  # the right ear hears each partial this much later in its cycle
            columns.append(np.stack([np.concatenate([sine, sine * np.cos(spread) + cosine * np.sin(spread)]),
                                     np.concatenate([cosine, cosine * np.cos(spread) - sine * np.sin(spread)])], axis=1))
            rows.append(np.stack([np.cos(step * within), np.sin(step * within)]))
        # sin(a + b) = sin(a) cos(b) + cos(a) sin(b), summed over partials by a product for both ears. It is taken
        # in slices small enough that OpenBLAS keeps to one thread: a larger product wakes a thread per core,
        # which spin and take the second core from the encoder (measured: twice the CPU time for the drone)
        blocks = np.concatenate(columns, axis=1).astype(np.float32)
        basis = np.concatenate(rows).astype(np.float32)
        both = np.empty((len(blocks), BLOCK), np.float32)
        for start in range(0, len(blocks), PRODUCT_ROWS):
            np.matmul(blocks[start: start + PRODUCT_ROWS], basis, out=both[start: start + PRODUCT_ROWS])
        return both.reshape(2, CHUNK_FRAMES).T.copy()
