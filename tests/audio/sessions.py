"""Small sessions written by tests."""

PLACEMENT = """
format: 1
title: Placement
steps:
  - pause: 2s
  - bell: woodblock
  - pause: 1.5s
  - bell: {sound: chime, gain_db: -6}
  - say: Rest here.
"""

DUCKING = """
format: 1
title: Ducking
ambient:
  - {sound: brown-noise, gain_db: -20, fade_in: 500ms, fade_out: 1s}
ducking_db: 10
fade_out: 1s
steps:
  - pause: 6s
  - say: Notice the breath as it comes and goes. Let it be just as it is, without changing anything.
  - pause: 6s
"""

SHORT_CUES = """
format: 1
title: Short cues
ambient:
  - {sound: brown-noise, gain_db: -20, fade_in: 500ms, fade_out: 1s}
ducking_db: 10
fade_out: 1s
steps:
  - pause: 3s
  - say: In.
  - pause: 3s
  - say: Out.
  - pause: 3s
  - say: In.
  - pause: 3s
  - say: Out.
  - pause: 3s
"""
