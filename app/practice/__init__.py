"""Breathing practice: phase schedules and pure functions of elapsed time (phase, time left, fullness).

Design rule: the animation, the audio cues and the terminal countdown all read these functions,
so they cannot drift apart. Nothing here imports Qt.
"""
