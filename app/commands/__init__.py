"""Every sub-command, one module each; each module's `register(subparsers)` adds its parser and handler.
`options` holds what the playing and exporting commands share; `terminal_player` plays in a terminal."""

from app.commands import (
    backup,
    breathe,
    contact,
    desktop_entry,
    journal,
    listing,
    open_window,
    play,
    program,
    rehearsal,
    remind,
    render,
    sounds,
    timer,
    urge,
    validate,
    voices,
)

REGISTERED = [listing.register, validate.register, open_window.register, render.register, play.register,
              breathe.register, voices.register, journal.register, timer.register, rehearsal.register,
              contact.register, urge.register, desktop_entry.register, sounds.register,
              program.register, backup.register, remind.register]
