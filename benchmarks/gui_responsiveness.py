"""Window start-up time and event-loop latency while exporting. Prints its figures.

Usage: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_responsiveness.py
"""

import json
import os
import subprocess
import sys
import tempfile
import time

STARTUP = r"""
import time, json
started = time.perf_counter()
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
from app.gui.main_window import MainWindow
window = MainWindow()
window.show()
shown = []
QTimer.singleShot(0, lambda: (shown.append(time.perf_counter() - started), app.quit()))
app.exec()
print(json.dumps({"visible_s": shown[0]}))
"""

EXPORT = r"""
import time, json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication([])
from app.gui.export_dialog import ExportDialog
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
        env = dict(os.environ, STILLPOINT_DATA_DIR=folder, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        runs = [run(STARTUP, env=env)["visible_s"] for _ in range(3)]
        print(f"Window visible after {min(runs) * 1000:.0f} ms (runs {', '.join(f'{r * 1000:.0f}' for r in runs)} ms; "
              "target <= 1500 ms)")
        started = time.perf_counter()
        figures = run(EXPORT, folder, env=env)
        print(f"While exporting a {figures['seconds'] / 60:.1f}-minute session to MP3 ({time.perf_counter() - started:.1f} s): "
              f"event-loop gaps max {figures['max_gap_ms']:.0f} ms, 99th percentile {figures['p99_gap_ms']:.0f} ms "
              f"over {figures['ticks']} ticks of 10 ms (target < 50 ms)")


if __name__ == "__main__":
    main()
