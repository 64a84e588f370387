"""Text to speech: engines chosen by name, each in its own module, and the on-disk clip cache.

Design rule: engines return mono float32 audio at their own sample rate; `speech.Speech` trims,
normalises, resamples and caches it. Nothing here imports Qt.
"""
