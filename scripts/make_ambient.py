"""Write the built-in ambient beds as FLAC loops into assets/ambient/ (or a folder given as the argument).

A file there named after a built-in bed (rain.flac, ocean.ogg, ...) is used instead of the generator,
so people can replace any bed with a recording of their own.
"""

import sys
from pathlib import Path

import soundfile

from app.audio.ambient import GENERATORS, generate
from app.audio.sampling import SAMPLE_RATE
from app.folders import assets_dir


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else assets_dir() / "ambient"
    folder.mkdir(parents=True, exist_ok=True)
    for name in GENERATORS:
        path = folder / f"{name}.flac"
        soundfile.write(path, generate(name), SAMPLE_RATE, subtype="PCM_16")
        print(f"{path}  {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
