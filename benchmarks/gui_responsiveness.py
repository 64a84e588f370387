"""Window start-up, as a user lives it, and event-loop latency while exporting. Prints its figures.

Start-up: from launching `stillpoint` (the installed command) to its window mapped on an X server (Xvfb,
started here unless DISPLAY is set), with Python's bytecode cache on, best of 3 after one warm-up run.
Usage: .venv/bin/python benchmarks/gui_responsiveness.py
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = Path(sys.executable).parent / "stillpoint"


def window_mapped_after_s(env: dict) -> float:
    """Seconds from starting `stillpoint` until X reports its window viewable."""
    started = time.perf_counter()
    app = subprocess.Popen([str(COMMAND)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            state = subprocess.run(["xwininfo", "-name", "Stillpoint"], env=env, capture_output=True, text=True).stdout
            if "IsViewable" in state:
                return time.perf_counter() - started
            if app.poll() is not None or time.perf_counter() - started > 30:
                raise SystemExit("the window never showed")
    finally:
        app.terminate()
        app.wait()


def startup(env: dict) -> list[float]:
    server = None
    if not env.get("DISPLAY"):
        if not shutil.which("Xvfb") or not shutil.which("xwininfo"):
            raise SystemExit("needs Xvfb and xwininfo (apt-get install xvfb x11-utils)")
        env["DISPLAY"] = ":93"
        server = subprocess.Popen(["Xvfb", ":93", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                                  stderr=subprocess.DEVNULL)
        while subprocess.run(["xwininfo", "-root"], env=env, capture_output=True).returncode != 0:
            time.sleep(0.05)
    try:
        window_mapped_after_s(env)  # warm-up: the bytecode cache is written, the fonts are cached
        return [window_mapped_after_s(env) for _ in range(3)]
    finally:
        if server:
            server.terminate()
            server.wait()


EXPORT = r"""
import time, json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
from app.gui.dialogs.export_dialog import ExportDialog
from app.session import load_session
from app.session.library import resolve
dialog = ExportDialog(load_session(resolve("creating-healthy-distance")), Path(sys.argv[1]))
dialog.show()
gaps, last = [], [time.perf_counter()]
def tick():
    now = time.perf_counter(); gaps.append(now - last[0]); last[0] = now
    if dialog.result is not None or (dialog.task is None and gaps and len(gaps) > 50):
        app.quit()
timer = QTimer(interval=10, timeout=tick); timer.start()
dialog.start()
app.exec()
late = sorted(gaps)
print(json.dumps({"ticks": len(gaps), "max_gap_ms": late[-1] * 1000, "p99_gap_ms": late[int(len(late) * 0.99)] * 1000,
                  "seconds": dialog.result.seconds if dialog.result else None}))
"""


def run(code: str, *args, env) -> dict:
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONDONTWRITEBYTECODE", "QT_QPA_PLATFORM")}
        env.update(STILLPOINT_DATA_DIR=folder)
        runs = startup(dict(env))
        print(f"Window mapped {min(runs) * 1000:.0f} ms after `stillpoint` started (runs "
              f"{', '.join(f'{r * 1000:.0f}' for r in runs)} ms; target <= 800 ms)")
        env["QT_QPA_PLATFORM"] = "offscreen"
        started = time.perf_counter()
        figures = run(EXPORT, folder, env=env)
        print(f"While exporting a {figures['seconds'] / 60:.1f}-minute session to MP3 ({time.perf_counter() - started:.1f} s): "
              f"event-loop gaps max {figures['max_gap_ms']:.0f} ms, 99th percentile {figures['p99_gap_ms']:.0f} ms "
              f"over {figures['ticks']} ticks of 10 ms (target < 50 ms)")


if __name__ == "__main__":
    main()
