"""Atomic file replacement: write to a temporary file beside the target, rename when complete.

One helper for every file Stillpoint writes: exports, captions, cached speech clips, prepared ambient loops.
"""

import contextlib
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PARTIAL_PREFIX = ".stillpoint-partial-"


LONGEST_NAME_PART = 100  # bytes of the target's name kept in a partial's name: a long legal name stays legal


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path in `target`'s folder; it becomes `target` only if the block completes.

    The partial file is locked (flock) while it is written, so a cleanup of stale partials never takes a running
    writer's file, and a second writer of the same target can see that one is at work."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    begun = f"{time.time_ns():020d}-"  # when this writer began: of two writers of one file, the later gives way
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=partial_prefix(target.name) + begun)
    fcntl.flock(handle, fcntl.LOCK_EX)
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
        os.close(handle)


def partial_prefix(name: str) -> str:
    """The start of the name of every partial file of `name`: the name itself, or when long its first bytes and a
    hash of the whole (a partial name never passes the 255-byte limit a legal target name keeps to)."""
    if len(name.encode()) > LONGEST_NAME_PART:
        digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        name = name.encode()[: LONGEST_NAME_PART - 20].decode("utf-8", "ignore") + "~" + digest
    return f"{PARTIAL_PREFIX}{name}."


def remove_stale_partials(folder: Path, name: str) -> list[Path]:
    """Remove partial files of `name` left by a writer that was killed outright (SIGKILL, power cut); a partial
    still locked by a running writer is left alone. Returns the partials of writers at work now."""
    prefix, running = partial_prefix(name), []
    for entry in Path(folder).iterdir():
        if not entry.name.startswith(prefix):  # the name is taken literally: [, * and ? are not patterns
            continue
        try:
            descriptor = os.open(entry, os.O_RDONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            running.append(entry)
            continue
        finally:
            os.close(descriptor)
        entry.unlink(missing_ok=True)
    return running


def first_writer(folder: Path, name: str, mine: Path) -> bool:
    """Whether the partial `mine` was begun before every other running writer's partial of `name` (the later of
    two writers of one file gives way); the time each began is in its name (a file's times change as it is
    written)."""
    prefix = partial_prefix(name)
    return all((other.name[len(prefix):], other.name) > (mine.name[len(prefix):], mine.name)
               for other in remove_stale_partials(folder, name) if other.name != mine.name)
