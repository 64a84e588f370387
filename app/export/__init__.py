"""Exported files: MP3/WAV/FLAC writers, ID3 tags and chapters, caption sidecars, atomic replacement.

Design rule: every file is written to a temporary name in the target folder and renamed at the end,
so a failure, Ctrl-C or a full disk never leaves a partial file nor touches an existing one.
"""
