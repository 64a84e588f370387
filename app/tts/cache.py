"""The on-disk clip cache: atomic writes, corruption detected by a checksum, least-recently-used eviction."""

import hashlib
import os
import struct
import sys
import threading
import zlib
from pathlib import Path

import numpy as np

from app.atomic import atomic_path
from app.tts.base import Clip

MAGIC = b"SPC1"
_HEADER = struct.Struct("<4sIQI")  # magic, sample rate, frames, crc32 of the samples
DEFAULT_MAX_BYTES = 1024**3


def cache_key(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


_said: set[str] = set()


def cache_not_written(folder: Path, error: OSError) -> None:
    """Say once per folder, on stderr, that a cache cannot be written; the work goes on without it."""
    if str(folder) not in _said:
        _said.add(str(folder))
        print(f"stillpoint: the cache at {folder} cannot be written ({error.strerror or error}); going on without "
              "keeping what is made there", file=sys.stderr)


class ClipCache:
    """Mono float32 clips stored one file per key under `folder`, at most `max_bytes` in all."""

    def __init__(self, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES):
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._bytes: int | None = None

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.clip"

    def get(self, key: str) -> Clip | None:
        """The clip stored under `key`, or None when absent, truncated or corrupt (a bad file is removed)."""
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        clip = _decode(data)
        if clip is None:
            path.unlink(missing_ok=True)
            return None
        os.utime(path)  # recently used
        return clip

    def contains(self, key: str) -> bool:
        """Whether a clip is stored under `key` (without reading or checking it)."""
        return self._path(key).is_file()

    def put(self, key: str, clip: Clip) -> None:
        """Keep `clip` under `key`; a cache that cannot be written is said once (naming the cache) and skipped:
        the caller still has its clip."""
        path = self._path(key)
        payload = np.ascontiguousarray(clip.samples, dtype="<f4").tobytes()
        data = _HEADER.pack(MAGIC, clip.sample_rate, len(clip.samples), zlib.crc32(payload)) + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as temporary:
                temporary.write_bytes(data)
        except OSError as error:
            cache_not_written(self.folder, error)
            return
        with self._lock:
            if self._bytes is None:
                self._bytes = self.size_bytes()
            else:
                self._bytes += len(data)
            if self._bytes > self.max_bytes:
                self._bytes = self._evict()

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*/*.clip"))

    def _evict(self) -> int:
        """Remove the least recently used clips until the cache is at 90% of its cap; return the new size."""
        files = []
        for path in self.folder.glob("*/*.clip"):
            try:
                stat = path.stat()
            except OSError:
                continue
            files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        for _, size, path in sorted(files):
            if total <= self.max_bytes * 0.9:
                break
            path.unlink(missing_ok=True)
            total -= size
        return total


def _decode(data: bytes) -> Clip | None:
    if len(data) < _HEADER.size:
        return None
    magic, sample_rate, frames, crc = _HEADER.unpack_from(data)
    payload = data[_HEADER.size:]
    if magic != MAGIC or len(payload) != frames * 4 or zlib.crc32(payload) != crc or sample_rate == 0:
        return None
    return Clip(np.frombuffer(payload, dtype="<f4").astype(np.float32), sample_rate)
