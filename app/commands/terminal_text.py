"""Text from notes, titles and names as it may be shown on a terminal: a control character (an escape sequence
that could clear the screen, move the cursor or ring the bell) is shown as its escape, never obeyed."""

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and line feed, DEL, C1


def shown(text: str) -> str:
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)
