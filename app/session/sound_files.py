"""Is a user's sound file one Stillpoint can decode? Answered from its header alone, at validation.

mutagen (pure Python, imported only when a session names a file) reads the header of every format the
decoder takes; nothing of the audio stack is imported, so the library lists quickly.
"""

import os
import stat
from pathlib import Path


def sound_file_problem(path: Path) -> str | None:
    """What is wrong with the sound file at `path` (a short phrase naming it), or None when it looks playable."""
    try:
        status = os.stat(path)
    except OSError as error:
        return f"cannot read the sound file '{path.name}': {error.strerror}"
    if not stat.S_ISREG(status.st_mode):
        return f"the sound file '{path.name}' is not a regular file"
    if status.st_size == 0:
        return f"the sound file '{path.name}' is empty"
    import mutagen
    from mutagen.aiff import AIFF
    from mutagen.flac import FLAC
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis
    from mutagen.wave import WAVE

    try:
        audio = mutagen.File(path, options=[WAVE, FLAC, OggVorbis, OggOpus, MP3, AIFF, MP4])
    except mutagen.MutagenError:
        return f"the sound file '{path.name}' is damaged, or is not really a {path.suffix or 'sound'} file"
    if audio is None:
        return f"'{path.name}' is not a sound file Stillpoint can read"
    if not audio.info.length > 0:
        return f"the sound file '{path.name}' holds no audio"
    return None
