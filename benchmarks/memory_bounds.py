"""Peak memory of renders at the edges the format allows: a 30-minute pause, breaths with the longest holds, a `say`
of 5,000 characters without a full stop, a sound file of 20 minutes as a bed, and a library session for
comparison. Each is rendered to WAV by `stillpoint render` in a process of its own, with an empty cache (so the
speech is synthesised), and its peak resident memory is printed. The target is 800 MB for any valid session.

Usage: .venv/bin/python benchmarks/memory_bounds.py [--keep DIR]
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
WORDS = ["soft", "light", "rests", "on", "the", "water", "and", "the", "breath", "moves", "slowly", "in", "and",
         "out", "while", "the", "shoulders", "let", "go"]


def sessions(folder: Path) -> dict[str, Path]:
    import soundfile

    noise = np.random.default_rng(1).integers(-8000, 8000, 20 * 60 * 8000, dtype=np.int16)
    soundfile.write(folder / "long.wav", noise, 8000, subtype="PCM_16")
    unpunctuated = " ".join(WORDS[(k * 7) % len(WORDS)] for k in range(1000))[:4990]
    texts = {
        "pause-30m": "ambient:\n  - sound: rain\nsteps:\n  - say: Rest here.\n  - pause: 30m\n  - say: Come back.\n",
        "holds-120s": "steps:\n  - breathe: {pattern: 60-120-60-120, cycles: 4}\n",
        "say-5000-chars": f"steps:\n  - say: \"{unpunctuated}\"\n",
        "file-bed-20m": "ambient:\n  - sound: long.wav\nsteps:\n  - say: Rest here.\n  - pause: 20m\n",
    }
    paths = {}
    for name, body in texts.items():
        paths[name] = folder / f"{name}.yaml"
        paths[name].write_text(f"format: 1\ntitle: {name}\n{body}")
    paths["library: creating-healthy-distance"] = REPO / "sessions" / "creating-healthy-distance.yaml"
    return paths


def peak_mb(session: Path, out: Path, cache: Path) -> tuple[int, int]:
    script = ("import sys\nfrom app.cli import main\ncode = main(sys.argv[1:])\n"
              "print(code, int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM:'))) // 1024)")
    env = dict(os.environ, STILLPOINT_CACHE_DIR=str(cache))
    result = subprocess.run([sys.executable, "-c", script, "render", str(session), "-o", str(out), "--quiet"],
                            capture_output=True, text=True, cwd=REPO, env=env)
    code, peak = map(int, result.stdout.split()[-2:])
    return code, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the sessions and renders here")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="stillpoint-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'case':40} {'exit':>4} {'peak MB':>8}")
    for name, session in sessions(folder).items():
        cache = folder / f"cache-{name.split(':')[-1].strip()}"
        code, peak = peak_mb(session, folder / f"{session.stem}.wav", cache)
        print(f"{name:40} {code:>4} {peak:>8}", flush=True)
    print("(peak resident memory of each render's process: VmHWM, its own address space's high-water mark;\n"
          " ru_maxrss is not used: on Linux it keeps the parent's peak across the fork and exec)")


if __name__ == "__main__":
    main()
