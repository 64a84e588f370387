"""Render speed (cold and warm cache) and peak memory for 10- and 60-minute sessions. Prints its figures.

Usage: .venv/bin/python benchmarks/render_speed.py [--skip-memory]
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["your breath", "the ground", "your shoulders", "the quiet", "this moment", "your hands", "the light",
            "your chest", "the room", "each sound", "your jaw", "the space around you"]
VERBS = ["notice", "rest with", "soften toward", "stay close to", "gently return to", "make room for"]
ENDINGS = ["without any hurry", "as it is right now", "for one more breath", "and let it be enough",
           "with a little kindness", "just for now"]


def make_session(folder: Path, minutes: float, seed: int) -> Path:
    """A session of about `minutes` with about 40% speech, every sentence different (nothing cached)."""
    rng = random.Random(seed)
    steps, total_s = [], 0.0
    steps.append({"chapter": "Part 1"})
    while total_s < minutes * 60 - 20:
        sentences = [f"You might {rng.choice(VERBS)} {rng.choice(SUBJECTS)}, {rng.choice(ENDINGS)}, "
                     f"number {rng.randrange(10**6)}." for _ in range(3)]
        steps.append({"say": " ".join(sentences)})
        steps.append({"pause": "12s"})
        total_s += 3 * 4.6 + 2 * 0.9 + 1.5 + 12
        if len(steps) % 30 == 0:
            steps.append({"chapter": f"Part {len(steps) // 30 + 1}"})
    session = {"format": 1, "title": f"Benchmark {minutes:g} min", "length": f"{minutes:g}m",
               "ambient": [{"sound": "rain", "gain_db": -22}, {"sound": "drone", "gain_db": -30}],
               "bells": {"start": "bowl", "end": "bowl"}, "steps": steps}
    path = folder / f"bench-{minutes:g}.yaml"
    path.write_text(json.dumps(session))  # JSON is YAML
    return path


def render_in_child(session: Path, out: Path, env: dict) -> dict:
    code = ("import resource, time, json, sys\n"
            "from app.session import load_session\nfrom app.export.render import render_to_file\n"
            "started = time.perf_counter()\n"
            f"result = render_to_file(load_session({str(session)!r}), {str(out)!r})\n"
            "print(json.dumps({'seconds': result.seconds, 'wall_s': time.perf_counter() - started,"
            " 'lufs': result.integrated_lufs, 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    output = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-memory", action="store_true", help="skip the 60-minute memory run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        env = dict(os.environ, STILLPOINT_CACHE_DIR=str(folder / "cache"), STILLPOINT_DATA_DIR=str(folder / "data"))
        ten = make_session(folder, 10, seed=1)
        cold = render_in_child(ten, folder / "ten.mp3", env)
        warm = render_in_child(ten, folder / "ten.mp3", env)
        print(f"10-minute session, {cold['seconds'] / 60:.1f} min rendered to MP3 on {os.cpu_count()} cores")
        print(f"  cold cache: {cold['wall_s']:.1f} s = {cold['seconds'] / cold['wall_s']:.0f}x real time (target >= 30x)")
        print(f"  warm cache: {warm['wall_s']:.1f} s = {warm['seconds'] / warm['wall_s']:.0f}x real time (target >= 100x)")
        print(f"  loudness {warm['lufs']:.2f} LUFS; peak resident memory {warm['peak_rss_mb']:.0f} MB")
        if args.skip_memory:
            return
        sixty = make_session(folder, 60, seed=2)
        render_in_child(sixty, folder / "sixty.mp3", env)  # fill the cache
        long_warm = render_in_child(sixty, folder / "sixty.mp3", env)
        growth = long_warm["peak_rss_mb"] - warm["peak_rss_mb"]
        print(f"60-minute session ({long_warm['seconds'] / 60:.1f} min), warm: {long_warm['wall_s']:.1f} s = "
              f"{long_warm['seconds'] / long_warm['wall_s']:.0f}x real time")
        print(f"  peak resident memory {long_warm['peak_rss_mb']:.0f} MB, {growth:+.0f} MB against 10 minutes "
              f"(targets: < 400 MB, <= +50 MB)")


if __name__ == "__main__":
    time.sleep(0)
    main()
