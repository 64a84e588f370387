"""Render a session to a file: compile in the background, mix, measure, encode, tag; atomically."""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.atomic import atomic_path, remove_stale_partials
from app.audio.compiler import compile_in_background
from app.audio.limiter import CEILING_DBTP, SAFE_SAMPLE_PEAK, true_peak_per_frame
from app.audio.loudness import LoudnessMeter
from app.audio.mixer import Mixer
from app.audio.sampling import db_to_gain, gain_to_db
from app.audio.speech import Speech
from app.audio.timeline import Timeline
from app.export import captions as caption_formats
from app.export.cover import cover_png
from app.export.id3 import write_tags
from app.export.writers import FORMATS, open_writer
from app.failures import BadInput, Cancelled, Failure
from app.session.model import Session

ISO_639_2 = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld", "pt": "por"}


@dataclass(frozen=True)
class RenderResult:
    path: Path
    seconds: float
    integrated_lufs: float
    true_peak_dbtp: float
    size_bytes: int
    captions_path: Path | None = None


def render_to_file(session: Session, out: Path, captions: str | None = None,
                   progress: Callable[[float, Timeline], None] | None = None,
                   cancel: threading.Event | None = None, speech: Speech | None = None) -> RenderResult:
    """Render `session` to `out` (.mp3/.wav/.flac) and, with `captions` ('vtt' or 'lrc'), a caption file beside it.

    `cancel` (anything with `is_set()`) is checked between blocks and while waiting for speech; once set,
    the render raises Cancelled within a block and leaves no file.
    """
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise BadInput(f"cannot write '{out.name}'; choose an output ending in .mp3, .wav or .flac")
    if captions not in (None, "vtt", "lrc"):
        raise BadInput(f"unknown caption format '{captions}'; use vtt or lrc")
    if out.is_dir():
        raise BadInput(f"{out} is a folder; give a file name such as {out / (session.id + '.mp3')}")
    try:
        return _render(session, out, suffix, captions, progress, cancel, speech)
    except OSError as error:
        raise Failure(f"could not write {out}: {error.strerror or error}") from error


def _render(session, out, suffix, captions, progress, cancel, speech) -> RenderResult:
    remove_stale_partials(out.parent, out.name)
    if cancel is not None and cancel.is_set():
        raise Cancelled
    timeline = compile_in_background(session, speech)
    mixer = Mixer(timeline)
    meter = LoudnessMeter()
    peak = TruePeak()
    expected = (session.length_s or 60.0) * timeline.sample_rate
    with atomic_path(out) as temporary:
        writer = open_writer(temporary, suffix)
        try:
            done = 0
            for block in mixer.render(cancel=cancel):
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                writer.write(block)  # first: the encoder, in its own thread, is the slowest part of a warm render
                meter.feed(block)
                peak.feed(block)
                done += len(block)
                if progress:
                    total = timeline.total_frames or max(expected, timeline.known_frames, done + 1)
                    progress(done / total, timeline)
        except BaseException:
            timeline.stop()
            writer.abort()
            raise
        writer.close()
        if suffix == ".mp3":
            chapters = [(c.title, _ms(c.start, timeline), _ms(c.end, timeline)) for c in timeline.chapters]
            write_tags(temporary, session.title, chapters, caption_formats.transcript(timeline.cues),
                       cover_png(session.title), ISO_639_2.get(session.language.split("-")[0], "eng"))
    captions_path = write_captions(timeline, out, captions) if captions else None
    return RenderResult(out, timeline.seconds, meter.integrated_lufs(), gain_to_db(peak.value), out.stat().st_size,
                        captions_path)


def write_captions(timeline: Timeline, out: Path, kind: str) -> Path:
    path = out.with_suffix("." + kind)
    text = caption_formats.vtt(timeline.cues, timeline.sample_rate) if kind == "vtt" else \
        caption_formats.lrc(timeline.cues, timeline.sample_rate, timeline.title)
    with atomic_path(path) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return path


class TruePeak:
    """The stream's true peak, block by block; each block is read with a little of its neighbours, as one signal."""

    CONTEXT = 16

    def __init__(self):
        self.value = 0.0
        self._carry = np.zeros((0, 2), np.float32)

    def feed(self, block: np.ndarray) -> None:
        window = np.concatenate([self._carry, block])
        floor = SAFE_SAMPLE_PEAK * db_to_gain(CEILING_DBTP)
        peaks = true_peak_per_frame(window, floor)
        settled = peaks[self.CONTEXT // 2: len(peaks) - self.CONTEXT // 2]  # frames with neighbours on both sides
        if len(settled):
            self.value = max(self.value, float(settled.max()))
        self._carry = window[-self.CONTEXT:]


def _ms(frames: int, timeline: Timeline) -> int:
    return round(frames * 1000 / timeline.sample_rate)
