"""Sub-commands that live outside cli.py; each module's `register(subparsers)` adds its parser."""

from app.commands import journal, play, render, voices

REGISTERED = [render.register, play.register, voices.register, journal.register]
