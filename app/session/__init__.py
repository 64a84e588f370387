"""The session format: model, durations, YAML loading with places, library discovery, JSON Schema.

Design rule: this package imports only the standard library and PyYAML (and `app.folders`);
it knows nothing of audio or Qt. Every problem in a file is reported at once as a SessionError.
"""

from app.session.errors import Problem, SessionError
from app.session.loader import load_poem, load_session
from app.session.model import Session

__all__ = ["Problem", "SessionError", "Session", "load_poem", "load_session"]
