"""Playback: the player state machine (no Qt) and output backends chosen by name.

Design rule: only `qt_backend.py` imports Qt. The player renders ahead in a thread; a backend pulls
frames through `Player.read`, and the position comes from the frames the output has actually played.
"""
