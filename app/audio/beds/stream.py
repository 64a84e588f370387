"""A bed as a stream with no period: made chunk by chunk, each chunk from its own index and the seed alone,
so playing straight through and seeking anywhere give the same samples, and memory stays a few chunks."""

from collections import OrderedDict

import numpy as np

from app.audio.beds.grains import HOP, grain_centres_s, stereo_noise
from app.audio.beds.randomness import stream_key
from app.audio.sampling import db_to_gain

CHUNK_SEGMENTS = 32
CHUNK_FRAMES = CHUNK_SEGMENTS * HOP  # 229376 frames, 5.2 s
KEPT_CHUNKS = 3
REFERENCE_LUFS = -17.0  # a bed at gain 0 dB is as loud as the voice


class Bed:
    """One generated bed. Subclasses set `name`, `title`, `models` (what it models, in a sentence) and
    `level_db` (the gain that brings it to the reference loudness, measured), and make `chunk(index)`."""

    name = ""
    title = ""
    models = ""
    level_db = 0.0

    def __init__(self, seed: int = 0):
        self.seed = seed
        self._keys: dict[tuple[str, ...], int] = {}

    def key(self, *names: str) -> int:
        if names not in self._keys:
            self._keys[names] = stream_key(self.seed, self.name, *names)
        return self._keys[names]

    def chunk(self, index: int) -> np.ndarray:
        """Chunk `index`: frames [index * CHUNK_FRAMES, (index + 1) * CHUNK_FRAMES) as (frames, 2) float32."""
        raise NotImplementedError

    # helpers for chunks ---------------------------------------------------------------------------
    @staticmethod
    def grain_times_s(index: int) -> np.ndarray:
        """The centre of every grain chunk `index` is made from, in seconds."""
        return grain_centres_s(index * CHUNK_SEGMENTS, CHUNK_SEGMENTS)

    def noise(self, name: str, index: int, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Chunk `index` of the stereo noise stream `name`, (CHUNK_FRAMES, 2) float32, each channel with its own
        magnitude spectrum per grain (see grains.stereo_noise), or one spectrum for every grain; `right` may be
        `left`."""
        return stereo_noise(self.key(name), index * CHUNK_SEGMENTS, CHUNK_SEGMENTS, left, right)


class BedStream:
    """Frames of a bed at its reference loudness, from anywhere, with the last few chunks kept."""

    def __init__(self, bed: Bed):
        from app.allocator import keep_freed_blocks

        keep_freed_blocks()
        self.bed = bed
        self._gain = np.float32(db_to_gain(bed.level_db))
        self._chunks: OrderedDict[int, np.ndarray] = OrderedDict()

    def _chunk(self, index: int) -> np.ndarray:
        if index not in self._chunks:
            self._chunks[index] = self.bed.chunk(index) * self._gain
            while len(self._chunks) > KEPT_CHUNKS:
                self._chunks.popitem(last=False)
        self._chunks.move_to_end(index)
        return self._chunks[index]

    def frames(self, start: int, count: int) -> np.ndarray:
        """`count` frames from frame `start` (>= 0), (count, 2) float32, at REFERENCE_LUFS."""
        first, last = start // CHUNK_FRAMES, (start + count - 1) // CHUNK_FRAMES
        if first == last:
            offset = start - first * CHUNK_FRAMES
            return self._chunk(first)[offset: offset + count]
        joined = np.concatenate([self._chunk(index) for index in range(first, last + 1)])
        offset = start - first * CHUNK_FRAMES
        return joined[offset: offset + count]
