"""Time from Play to the first audio reaching the output (cold and warm cache), and seek latency.

Needs an audio server (scripts/audio-server.sh starts a private one). Prints its figures.
Usage: source scripts/audio-server.sh; QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/playback_latency.py
"""

import json
import os
import subprocess
import sys
import tempfile

CHILD = r"""
import json, time
from app.playback.choose_backend import make_backend
from app.playback.player import Player, State
from app.session import load_session
from app.session.library import resolve

import sys
session = load_session(resolve("three-breaths"))
if "--preload" in sys.argv:  # as the terminal player and the app do while they start
    from app.commands.terminal_player import preload_voice
    preload_voice(session)
backend = make_backend("qt")
backend.unavailable_reason()
player = Player(backend)
start_s = 3.0 if "--first-sentence" in sys.argv else 0.0  # 3 s: speech must be ready before anything plays
started = time.perf_counter()
player.load(session, start_s=start_s)
player.play()
while player.position_frames() <= start_s * 44100 + 441:
    backend.process_events()
    time.sleep(0.001)
first_audio = time.perf_counter() - started
target_s = 40.0
if "--seek-uncached" in sys.argv:  # at once, into the third sentence (13.46 s), which is not synthesised yet
    target_s = 13.6
    cached = player.timeline.known_frames / 44100
else:
    time.sleep(0.3)
seek_started = time.perf_counter()
player.seek(target_s)
while not (target_s * 44100 < player.position_frames() < (target_s + 1) * 44100):
    backend.process_events()
    time.sleep(0.001)
seek = time.perf_counter() - seek_started
player.stop()
print(json.dumps({"first_audio_s": first_audio, "seek_s": seek, "known_at_seek_s": locals().get("cached")}))
"""


def run(env, *extra) -> dict:
    output = subprocess.run([sys.executable, "-c", CHILD, *extra], env=env, capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    if not os.environ.get("PULSE_SERVER"):
        sys.exit("no audio server: run `source scripts/audio-server.sh` first")
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, STILLPOINT_CACHE_DIR=folder, QT_QPA_PLATFORM="offscreen")
        cold = run(env)
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, STILLPOINT_CACHE_DIR=folder, QT_QPA_PLATFORM="offscreen")
        cold_sentence = run(env, "--first-sentence")
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, STILLPOINT_CACHE_DIR=folder, QT_QPA_PLATFORM="offscreen")
        cold_preloaded = run(env, "--preload", "--first-sentence")
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, STILLPOINT_CACHE_DIR=folder, QT_QPA_PLATFORM="offscreen")
        uncached_seek = run(env, "--preload", "--seek-uncached")
        warm = [run(env) for _ in range(3)]
    print(f"Play from the first sentence, cold, the voice loaded while the player started (as the app does): "
          f"{cold_preloaded['first_audio_s'] * 1000:.0f} ms")
    best = min(warm, key=lambda r: r["first_audio_s"])
    print(f"Play to first audio from the start of a session, cold (empty cache, the voice not loaded): "
          f"{cold['first_audio_s'] * 1000:.0f} ms (target <= 1500 ms)")
    print(f"Play from the first sentence (speech needed before any sound), cold: {cold_sentence['first_audio_s'] * 1000:.0f} ms")
    runs = ", ".join(f"{r['first_audio_s'] * 1000:.0f}" for r in warm)
    print(f"Play to first audio, warm (cached speech): {best['first_audio_s'] * 1000:.0f} ms, runs {runs} ms "
          "(target <= 300 ms)")
    print(f"Seek at once to a sentence not yet synthesised (13.6 s; the timeline was placed to "
          f"{uncached_seek['known_at_seek_s']:.1f} s), the voice loaded, until it is heard: "
          f"{uncached_seek['seek_s'] * 1000:.0f} ms (target <= 800 ms)")
    print(f"Seek to a cached position until it is heard: {min(r['seek_s'] for r in warm) * 1000:.0f} ms (target <= 200 ms)")


if __name__ == "__main__":
    main()
