"""Render a session to a file: compile in the background, mix, measure, encode, tag; atomically."""

import contextlib
import dataclasses
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from app.atomic import atomic_path, first_writer
from app.audio.compiler import compile_in_background, spoken_texts
from app.audio.loudness import LoudnessMeter
from app.audio.mixer import BUSES, Mixer
from app.audio.sampling import db_to_gain, gain_to_db
from app.audio.speech import Speech
from app.audio.timeline import Timeline
from app.export import captions as caption_formats
from app.export.cover import cover_png
from app.export.id3 import write_tags
from app.export.render_stats import RenderStats
from app.export.writers import FORMATS, SoundfileWriter, open_writer
from app.failures import BadInput, Cancelled, Failure
from app.session.model import Session

STEM_NAMES = {"voice": "voice", "ambient": "beds", "bells": "bells-and-cues"}  # bus -> file name in --stems DIR
# Loudness per kind of export. A spoken one (a session, voiced breathing) is made at -16 LUFS where the voice
# speaks, by the levels of the mix itself. One where nothing is spoken (sounds, a timer, breathing by tones) is
# measured in a first pass and set to this quieter target: a bed or a bell to rest under, not a programme.
UNSPOKEN_TARGET_LUFS = -24.0
ISO_639_2 = {"en": "eng", "de": "deu", "fr": "fra", "es": "spa", "it": "ita", "nl": "nld", "pt": "por"}


@dataclass(frozen=True)
class RenderResult:
    path: Path
    seconds: float
    integrated_lufs: float
    true_peak_dbtp: float
    size_bytes: int
    captions_path: Path | None = None
    stats: dict | None = None


def render_to_file(session: Session, out: Path, captions: str | None = None,
                   progress: Callable[[float, Timeline], None] | None = None,
                   cancel: threading.Event | None = None, speech: Speech | None = None,
                   stems: Path | None = None) -> RenderResult:
    """Render `session` to `out` (.mp3/.wav/.flac) and, with `captions` ('vtt' or 'lrc'), a caption file beside it.

    With `stems` (a folder), also the voice, beds and bells/cues before the final limiter as WAV files of the same
    length and rate, and the render's figures as stats.json: all of them or none, with the export.
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
    sidecars = [out.with_suffix("." + captions)] if captions else []
    sidecars += [Path(stems) / name for name in (*(f"{stem}.wav" for stem in STEM_NAMES.values()), "stats.json")] \
        if stems is not None else []
    for target in (out, *sidecars):  # every file of the export is checked before any is written: all or none
        if target.exists() and not target.is_file():
            raise BadInput(f"{target} is not a regular file (a folder, a pipe, a device or a socket); give the name "
                           "of a file to write")
    if out.exists() and any(out.samefile(source) for source in session_inputs(session) if source.exists()):
        raise BadInput(f"{out} is one of the session's own files; choose another name for the output")
    if stems is not None and Path(stems).exists() and not Path(stems).is_dir():
        raise BadInput(f"{stems} is a file; give --stems a folder (it is made if missing)")
    made = [folder for folder in (*([Path(stems)] if stems is not None else []), out.parent, *out.parent.parents)
            if not folder.exists()]  # the folders this render makes, deepest first
    try:
        return _render(session, out, suffix, captions, progress, cancel, speech, stems)
    except OSError as error:
        raise Failure(f"could not write {out}: {error.strerror or error}") from error
    finally:
        for folder in made:  # a render that left nothing there leaves no folder for it either
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def session_inputs(session: Session) -> set[Path]:
    """Every file the session reads: the session file, its sound files and poems (found in its fields, however
    deep)."""
    found: set[Path] = set()

    def walk(value) -> None:
        if isinstance(value, Path):
            found.add(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, (tuple, list)):
            for item in value:
                walk(item)

    walk(session)
    return found


def _render(session, out, suffix, captions, progress, cancel, speech, stems) -> RenderResult:
    if cancel is not None and cancel.is_set():
        raise Cancelled
    with contextlib.ExitStack() as files:  # every file appears when the render completes, or none does
        temporary = files.enter_context(atomic_path(out))  # first: a second writer of `out` gives way at once
        if not first_writer(out.parent, out.name, temporary):
            raise BadInput(f"another render is writing {out} now; wait for it to finish, or choose another name")
        timeline = compile_in_background(session, speech)
        mixer = Mixer(timeline)
        if not spoken_texts(session):
            _to_unspoken_target(session, mixer, cancel)
        stats = RenderStats(timeline)
        expected = (session.length_s or 60.0) * timeline.sample_rate
        writer = open_writer(temporary, suffix)
        stem_writers = {}
        if stems is not None:
            stem_writers = {bus: SoundfileWriter(files.enter_context(atomic_path(Path(stems) / f"{STEM_NAMES[bus]}.wav")),
                                                 ".wav", stem=True) for bus in BUSES}
        try:
            done = 0
            for part in mixer.render_parts(cancel=cancel, with_buses=stems is not None):
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                writer.write(part.mix)  # first: the encoder, in its own thread, is the slowest part of a warm render
                for bus, stem in stem_writers.items():
                    stem.write(part.buses[bus])
                stats.feed(part)
                done += len(part.mix)
                if progress:
                    total = timeline.total_frames or max(expected, timeline.known_frames, done + 1)
                    progress(done / total, timeline)
        except BaseException:
            timeline.stop()
            writer.abort()
            for stem in stem_writers.values():
                stem.close()
            raise
        writer.close()
        for stem in stem_writers.values():
            stem.close()
        if suffix == ".mp3":
            chapters = [(c.title, _ms(c.start, timeline), _ms(c.end, timeline)) for c in timeline.chapters]
            write_tags(temporary, session.title, chapters, caption_formats.transcript(timeline.cues),
                       cover_png(session.title), ISO_639_2.get(session.language.split("-")[0], "eng"))
        figures = stats.as_dict()
        if stems is not None:
            json_path = files.enter_context(atomic_path(Path(stems) / "stats.json"))
            json_path.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        captions_path = None
        if captions:  # committed with the export, as the stems are
            captions_path = out.with_suffix("." + captions)
            files.enter_context(atomic_path(captions_path)).write_text(caption_text(timeline, captions), encoding="utf-8")
    return RenderResult(out, timeline.seconds, stats.meter.integrated_lufs(), gain_to_db(stats.peak.value),
                        out.stat().st_size, captions_path, figures)


def _to_unspoken_target(session: Session, mixer: Mixer, cancel) -> None:
    """Set every bus of `mixer` so that the export measures UNSPOKEN_TARGET_LUFS: the same mix is measured first
    (no encoder), then scaled. Silence stays as it is."""
    measuring = Mixer(compile_in_background(session))
    meter = LoudnessMeter()
    for block in measuring.render(cancel=cancel):
        meter.feed(block)
    measured = meter.integrated_lufs()
    if np.isfinite(measured):
        for bus in BUSES:
            mixer.set_volume(bus, db_to_gain(UNSPOKEN_TARGET_LUFS - measured))


def caption_text(timeline: Timeline, kind: str) -> str:
    return caption_formats.vtt(timeline.cues, timeline.sample_rate) if kind == "vtt" else \
        caption_formats.lrc(timeline.cues, timeline.sample_rate, timeline.title)


def _ms(frames: int, timeline: Timeline) -> int:
    return round(frames * 1000 / timeline.sample_rate)
