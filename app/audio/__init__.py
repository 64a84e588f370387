"""Numbers in, numbers out: bells, cue tones, ambient beds, file decoding, timeline, streaming mixer, loudness.

Design rule: functions take and return numpy arrays (float32, 44.1 kHz unless named otherwise), never
mutate their input, and carry units in their parameter names. Nothing here imports Qt.
"""
