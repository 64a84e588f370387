"""Programs: a course of days, each naming one practice (a session, breathing or the timer) and a reflection prompt.

Design rule, as for `app.session`: the standard library, PyYAML, the session package and the breathing presets;
no audio, no Qt.
A program's files live in `programs/` (shipped) and `<data>/programs/`, never among the sessions.
"""

from app.program.loader import load_program
from app.program.model import Day, Program

__all__ = ["Day", "Program", "load_program"]
