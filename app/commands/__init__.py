"""Sub-commands that live outside cli.py; each module's `register(subparsers)` adds its parser."""

from app.commands import breathe, contact, desktop_entry, journal, play, rehearsal, render, timer, urge, voices

REGISTERED = [render.register, play.register, breathe.register, voices.register, journal.register,
              timer.register, rehearsal.register, contact.register, urge.register,
              desktop_entry.register]
