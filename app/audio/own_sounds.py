"""A person's own sounds: audio files added as layers of the Sounds mix, kept in `<data>/sounds/`.

Adding one decodes it first (like a session's sound file) and refuses what cannot loop: a file that cannot be
read, samples that are not numbers, silence, or less audio than the loop's crossfade twice over. Only then is
it copied in (atomically, never over another sound), so a bad file adds nothing. It plays as a loop with a
crossfade (`ambient.file_loop`), prepared here once so its first play is quick.
"""

import shutil
from pathlib import Path

from app.atomic import PARTIAL_PREFIX, atomic_path
from app.audio.ambient import LoopRefused, file_loop
from app.audio.decode import SOUNDFILE_SUFFIXES
from app.failures import BadInput, Failure
from app.folders import data_dir
from app.session.model import SoundRef
from app.session.names import BEDS

SUFFIXES = SOUNDFILE_SUFFIXES | {".m4a", ".aac", ".opus"}


def own_sounds_dir() -> Path:
    return data_dir() / "sounds"


def own_sounds() -> tuple[SoundRef, ...]:
    """The sounds a person added, by name (the file's name without its suffix), sorted."""
    folder = own_sounds_dir()
    if not folder.is_dir():
        return ()
    files = [f for f in folder.iterdir() if f.suffix.lower() in SUFFIXES and not f.name.startswith(PARTIAL_PREFIX)
             and f.is_file()]
    return tuple(SoundRef(f.stem, f) for f in sorted(files, key=lambda f: f.stem.casefold()))


def add_own_sound(source: Path) -> SoundRef:
    """Check `source` and copy it into the sounds folder under a name of its own; BadInput (nothing added) when it
    cannot be a layer."""
    source = Path(source)
    if source.suffix.lower() not in SUFFIXES:
        raise BadInput(f"cannot add {source}: a sound must be one of {', '.join(sorted(SUFFIXES))}")
    try:
        loop = file_loop(SoundRef(source.stem, source))
    except LoopRefused as refused:
        raise BadInput(f"cannot add {source}: {refused.problem}") from refused
    except Failure as error:
        raise BadInput(f"cannot add {source}: {error}") from error
    if loop.silent:
        raise BadInput(f"cannot add {source}: it holds only silence")
    target = own_sounds_dir() / f"{_free_name(source.stem)}{source.suffix.lower()}"
    with atomic_path(target) as temporary:
        shutil.copyfile(source, temporary)
        if target.exists():  # taken in the meantime: never over another sound
            raise BadInput(f"cannot add {source}: {target} appeared while copying; try again")
    sound = SoundRef(target.stem, target)
    file_loop(sound)
    return sound


def remove_own_sound(sound: SoundRef) -> None:
    """Delete an added sound's file (its prepared loop in the cache goes with the cache)."""
    if sound.path is None or sound.path.parent != own_sounds_dir():
        raise BadInput(f"'{sound.name}' is not one of your added sounds")
    sound.path.unlink(missing_ok=True)


def _free_name(stem: str) -> str:
    """`stem`, or `stem 2`, `stem 3`...: not a built-in bed's name nor another added sound's."""
    stem = " ".join(stem.split()) or "sound"
    taken = {name.casefold() for name in BEDS} | {sound.name.casefold() for sound in own_sounds()}
    name, number = stem, 1
    while name.casefold() in taken:
        number += 1
        name = f"{stem} {number}"
    return name
