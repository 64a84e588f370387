"""Stillpoint: guided meditation, timed breathing and chaptered export, with offline speech.

Design rule: every package except `gui` (and the Qt playback backend) is free of PySide6;
`tests/quality/test_no_qt_in_core.py` enforces it.
"""

__version__ = "0.1.0"
