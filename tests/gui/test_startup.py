"""The window shows before anything heavy is imported; the audio stack loads after it, in the background."""

import json
import os
import subprocess
import sys

HEAVY = ("scipy", "onnxruntime", "piper", "soundfile", "lameenc", "pyloudnorm", "mutagen", "PySide6.QtMultimedia",
         "app.audio.mixer", "app.playback.player", "app.tts.piper_engine")

CHILD = r"""
import json, sys, threading, time
imported = []

class Witness:
    def find_spec(self, name, path=None, target=None):
        imported.append((name, threading.current_thread().name))
        return None

sys.meta_path.insert(0, Witness())
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.gui.app import StillpointApp
window = StillpointApp().window
window.show()
app.processEvents()
before_shown = sorted({name for name, thread in imported if thread == "MainThread"})
listed = len(window.library.cards)
deadline = time.monotonic() + 20
while "app.playback.player" not in sys.modules and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
print(json.dumps({"main_thread": before_shown, "listed": listed, "audio_loaded": "app.playback.player" in sys.modules}))
"""


def test_nothing_heavy_is_imported_before_the_window_shows(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STILLPOINT_DATA_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    heavy = [name for name in report["main_thread"] if name.startswith(HEAVY)]
    assert heavy == [], "imported by the GUI thread before the window showed"
    assert report["listed"] >= 11, "the library is listed when the window shows"
    assert report["audio_loaded"], "the audio stack loads in the background afterwards"
