"""Your own boundary phrases as an ordinary session file: a spoken opening, optional grounding breaths, the
phrases with room to say each aloud, a spoken closing (our wording). Validated before it is written."""

import re
import tempfile
from pathlib import Path

import yaml

from app.atomic import atomic_path
from app.failures import BadInput
from app.folders import shipped_sessions_dir, user_sessions_dir
from app.session.errors import SessionError

MAX_PHRASES = 12
MAX_PHRASE_CHARS = 500
REPEATS = (1, 5)
GAP_S = (3.0, 15.0)
SAFE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

OPENING = ("This practice is your own. The words are the ones you chose, for a moment that matters to you. [pause 2s] "
           "After each phrase there is room to say it aloud, in your own voice, at your own pace.")
BREATHS = "First, a few steady breaths. In for four, hold for four, out for four, and rest."
BEFORE_PHRASES = "Listen to each phrase, then say it aloud. Calm is strong."
CLOSING = ("That is the practice. Each time you say these words, they come a little more easily. [pause 2s] "
           "Take them with you.")


WHY_SHORT = ("Short phrases are easier to find when feelings run high. Say them slowly, in your usual voice: "
             "you do not need to explain or justify.")
TEMPLATES = {
    "Stepping back from a friendship": ["I care about you, and I need some space for a while.",
                                        "I won't be in touch as often. That is about what I need, not about you."],
    "A limit with a partner": ["When our voices rise, I'm going to pause and come back to this later.",
                               "Please ask me before you make plans for both of us."],
    "Keeping things professional at work": ["I'd like to keep our conversations about work.",
                                            "I can't take that on this week. Let's look at what matters most."],
    "Ending contact": ["I've decided to end contact. Please don't reach out again.",
                       "I won't be answering messages. I wish you well."],
    "Declining a request": ["Thank you for thinking of me. My answer is no.", "No, I can't this time."],
}


def rehearsal_document(title: str, phrases: list[str], repeat: int = 2, gap_s: float = 6.0,
                       breaths: bool = False) -> dict:
    """The session, as the mapping its YAML file holds."""
    phrases = [" ".join(phrase.split()) for phrase in phrases]
    if not 1 <= len(phrases) <= MAX_PHRASES:
        raise BadInput(f"give 1 to {MAX_PHRASES} phrases (--phrase \"...\"); {len(phrases)} given")
    for number, phrase in enumerate(phrases, 1):
        if not phrase:
            raise BadInput(f"phrase {number} is empty; write the words you want to practise")
        if len(phrase) > MAX_PHRASE_CHARS:
            raise BadInput(f"phrase {number} has {len(phrase)} characters; keep each under {MAX_PHRASE_CHARS} "
                           "(short phrases are easier to say under pressure)")
    if not REPEATS[0] <= repeat <= REPEATS[1]:
        raise BadInput(f"--repeat {repeat} is out of range; use {REPEATS[0]} to {REPEATS[1]}")
    if not GAP_S[0] <= gap_s <= GAP_S[1]:
        raise BadInput(f"--gap {gap_s:g}s is out of range; use 3s to 15s")
    steps: list[dict] = [{"chapter": "Arriving"}, {"say": OPENING}, {"pause": "2s"}]
    if breaths:
        steps += [{"say": BREATHS}, {"breathe": {"pattern": "box", "cycles": 3, "cues": ["tone", "voice"]}}]
    steps += [{"chapter": "Your phrases"}, {"say": BEFORE_PHRASES}, {"pause": "2s"},
              {"rehearse": {"phrases": phrases, "repeat": repeat, "gap": f"{gap_s:g}s"}},
              {"chapter": "Closing"}, {"say": CLOSING}, {"pause": "3s"}]
    return {"format": 1, "title": title, "summary": "Your own phrases, each with room to say it aloud.",
            "tags": ["boundaries", "practice", "rehearsal", "yours"], "voice": {"engine": "piper", "name": "joe",
                                                                               "rate": 0.85},
            "ambient": [{"sound": "stream", "gain_db": -30, "fade_in": "6s", "fade_out": "10s"}],
            "ducking_db": 6, "bells": {"start": "chime", "end": "chime"}, "steps": steps}


def write_rehearsal(session_id: str, document: dict, replace: bool = False) -> Path:
    """Validate `document` and write it as `<data>/sessions/<session_id>.yaml` (atomically); return the path."""
    if not SAFE_ID.fullmatch(session_id):
        raise BadInput(f"'{session_id}' cannot be a session id; use lower-case letters, digits and dashes, "
                       "e.g. my-phrases")
    if (shipped_sessions_dir() / f"{session_id}.yaml").exists():
        raise BadInput(f"'{session_id}' is a shipped session; choose another id")
    target = user_sessions_dir() / f"{session_id}.yaml"
    if target.exists() and not replace:
        raise BadInput(f"{target} already exists; add --replace to write over it, or choose another id")
    text = "# Written by `stillpoint rehearsal new`; an ordinary session file you may edit.\n" + \
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    _validate(text, session_id)
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target


def _validate(text: str, session_id: str) -> None:
    from app.session.loader import load_session

    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / f"{session_id}.yaml"
        trial.write_text(text, encoding="utf-8")
        try:
            load_session(trial)
        except SessionError as error:
            first = error.problems[0]
            raise BadInput(f"the phrases do not make a valid session: {first.message}") from None


def read_rehearsal(path: Path) -> dict:
    """The editor's fields from a rehearsal session file (title, phrases, repeat, gap_s, breaths)."""
    from app.session.loader import load_session
    from app.session.model import Breathe, Rehearse

    session = load_session(path)
    rehearse = next(step for step in session.steps if isinstance(step, Rehearse))
    return {"title": session.title, "phrases": list(rehearse.phrases), "repeat": rehearse.repeat,
            "gap_s": rehearse.gap_s, "breaths": any(isinstance(step, Breathe) for step in session.steps)}
