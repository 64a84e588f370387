"""Caption sidecars (WebVTT, LRC) from the timeline's transcript cues."""

from app.audio.timeline import Cue


def _vtt_time(frames: int, sample_rate: int) -> str:
    ms = round(frames * 1000 / sample_rate)
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _lrc_time(frames: int, sample_rate: int) -> str:
    centis = round(frames * 100 / sample_rate)
    minutes, rest = divmod(centis, 6000)
    return f"{minutes:02d}:{rest // 100:02d}.{rest % 100:02d}"


def vtt(cues: list[Cue], sample_rate: int) -> str:
    lines = ["WEBVTT", ""]
    for index, cue in enumerate(cues, start=1):
        lines += [str(index), f"{_vtt_time(cue.start, sample_rate)} --> {_vtt_time(cue.end, sample_rate)}", cue.text, ""]
    return "\n".join(lines)


def lrc(cues: list[Cue], sample_rate: int, title: str) -> str:
    lines = [f"[ti:{title}]"]
    for cue in cues:
        lines.append(f"[{_lrc_time(cue.start, sample_rate)}]{cue.text}")
    return "\n".join(lines) + "\n"


def transcript(cues: list[Cue]) -> str:
    """The spoken text only, one sentence a line (for the MP3's lyrics frame)."""
    return "\n".join(cue.text for cue in cues if cue.kind == "speech")
