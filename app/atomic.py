"""Atomic file replacement: write to a temporary file beside the target, rename when complete.

One helper for every file Stillpoint writes: exports, captions, cached speech clips, prepared ambient loops.
"""

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

PARTIAL_PREFIX = ".stillpoint-partial-"


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in `target`'s folder; it becomes `target` only if the block completes."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=PARTIAL_PREFIX + target.name + ".")
    os.close(handle)
    temporary_path = Path(temporary)
    try:
        yield temporary_path
        if target.exists():
            os.chmod(temporary_path, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary_path, 0o644)
        os.replace(temporary_path, target)
    finally:
        temporary_path.unlink(missing_ok=True)


def remove_stale_partials(folder: Path, name: str) -> int:
    """Remove partial files left by a render that was killed outright (SIGKILL, power cut)."""
    removed = 0
    for stale in Path(folder).glob(f"{PARTIAL_PREFIX}{name}.*"):
        stale.unlink(missing_ok=True)
        removed += 1
    return removed
