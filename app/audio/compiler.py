"""Compile a session into a Timeline: speech is synthesised as the compile goes (through the clip cache), in
order, so the Timeline can be consumed while it is still growing. `compile_session` runs synchronously;
`compile_in_background` in a thread.
"""

import threading
import zlib

import numpy as np

from app.audio import bells, tones
from app.audio.long_sentences import PIECE_GAP_S, spoken_pieces
from app.audio.mixer import VOICE_IN_MIX_DB
from app.audio.sampling import db_to_gain, seconds_to_frames
from app.audio.speech import Speech, split_paragraphs
from app.audio.timeline import BedTrack, ChapterMark, Cue, Placed, Timeline
from app.practice.breathing import Practice
from app.session.model import (
    AmbientChange,
    Bed,
    Bell,
    BellStrike,
    Breathe,
    Chapter,
    Pause,
    PoemStep,
    Rehearse,
    Say,
    Session,
    SoundRef,
)
from app.session.pacing import (
    AFTER_BREATHE_S,
    AFTER_POEM_TITLE_S,
    GAP_VARIES,
    LEAD_IN_S,
    SOFTEN_BED_FADE_S,
    SOFTEN_VOICE_DB,
    bell_occupied_s,
)
from app.tts.base import SpeechStopped

BREATH_VOICE_CUES = {"inhale": "Breathe in.", "top-up": "A little more.", "hold": "Hold.", "exhale": "And out.",
                     "rest": "Rest."}
BREATH_BELL_DB = -20.0
BELL_FILE_LONGEST_S = 120.0  # a bell from a sound file is held whole in memory: a longer sound is a bed


def compile_session(session: Session, speech: Speech | None = None) -> Timeline:
    """The whole timeline of `session` (synthesising any speech not yet cached)."""
    timeline = Timeline(session.title, ducking_db=session.ducking_db, seed=session.bed_seed)
    _Compiler(session, timeline, speech).run()
    if timeline.error is not None:
        raise timeline.error
    return timeline


def compile_in_background(session: Session, speech: Speech | None = None) -> Timeline:
    """A timeline that grows in a background thread; consumers call `wait_for`."""
    timeline = Timeline(session.title, ducking_db=session.ducking_db, seed=session.bed_seed)
    compiler = _Compiler(session, timeline, speech)
    timeline._on_stop.append(compiler.speech.stop)
    timeline._thread = threading.Thread(target=compiler.run, name="timeline-compile", daemon=True)
    timeline._thread.start()
    return timeline


class _Stopped(Exception):
    pass


class _TextsNoted:
    """Stands in for speech in a dry run of the compiler: notes each sentence, says it takes no time."""

    def __init__(self):
        self.texts: list[str] = []

    def clip(self, text: str) -> np.ndarray:
        self.texts.append(text)
        return np.zeros(0, np.float32)

    def prefetch(self, texts: list[str]) -> None:
        pass

    def stop(self) -> None:
        pass


def spoken_texts(session: Session) -> list[str]:
    """Every sentence `session` speaks, in the order the compiler needs them (a dry run of its own walk)."""
    noted = _TextsNoted()
    _Compiler(session, Timeline(session.title), noted)._run()
    return noted.texts


def speech_for(session: Session) -> Speech:
    return Speech(session.voice)


class _Compiler:
    def __init__(self, session: Session, timeline: Timeline, speech: Speech | None):
        self.session = session
        self.timeline = timeline
        self.speech = speech or speech_for(session)
        self.cursor = 0
        self.chapter: tuple[str, int] | None = None
        self.next_interval_bell = 1
        self.fixed_after_step = 0
        self.pace = np.random.default_rng(zlib.crc32(session.id.encode()))  # the gaps' variation, the same every time
        self.words_said, self.words_total = 0, 0  # how far through its words the session is (for softening)
        timeline.fade_out = seconds_to_frames(session.fade_out_s)
        for bed in session.ambient:  # known before any consumer starts
            self._start_bed(bed, 0)

    def run(self) -> None:
        try:
            texts = spoken_texts(self.session)
            self.words_total = sum(len(text.split()) for text in texts)
            self.speech.prefetch(texts)
            self._run()
        except (_Stopped, SpeechStopped):
            self.timeline.finish(None, _Stopped("the compile was stopped"))
        except BaseException as error:  # handed to the consumer thread
            self.timeline.finish(None, error)
        finally:
            self.speech.stop()

    def _run(self) -> None:
        session, timeline = self.session, self.timeline
        if session.bells.start:
            self._bell(session.bells.start)
        else:
            self.cursor = seconds_to_frames(LEAD_IN_S)
        fixed_after = _fixed_frames_after(session)
        timeline.advance(self.cursor, self.cursor + fixed_after[0])  # the opening bell can play before any speech
        for index, step in enumerate(session.steps):
            self.fixed_after_step = fixed_after[index + 1]
            self._step(step)
            self._interval_bells()
            timeline.advance(self.cursor, self.cursor + fixed_after[index + 1])
        end_bell = session.bells.end
        total = self.cursor + seconds_to_frames(session.fade_out_s)
        if end_bell:
            ring = len(bells.strikes(end_bell.sound.name, end_bell.strikes)) if end_bell.sound.builtin else 0
            self._bell(end_bell)
            total = max(total, self.cursor + ring)
        self._close_chapter(total)
        if not timeline.chapters:
            timeline.chapters.append(ChapterMark(session.title, 0, total))
        timeline.finish(total)

    def _step(self, step) -> None:
        if isinstance(step, Chapter):
            self._open_chapter(step.title)
        elif isinstance(step, Say):
            self._say_parts(step.parts)
            self.cursor += self._gap(self.session.pacing.after_say_s)
        elif isinstance(step, Pause):
            self.cursor += seconds_to_frames(step.seconds)
        elif isinstance(step, Bell):
            self._bell(step.bell)
        elif isinstance(step, Breathe):
            self._breathe(step)
        elif isinstance(step, PoemStep):
            self._poem(step)
        elif isinstance(step, Rehearse):
            for _ in range(step.repeat):
                for phrase in step.phrases:
                    self._sentence(phrase, "phrase")
                    self.cursor += seconds_to_frames(step.gap_s)
        elif isinstance(step, AmbientChange):
            self._ambient(step)

    # -- chapters -------------------------------------------------------------------------------
    def _open_chapter(self, title: str) -> None:
        nothing_before = not self.timeline.cues and self.chapter is None
        self._close_chapter(self.cursor)
        self.chapter = (title, 0 if nothing_before else self.cursor)

    def _close_chapter(self, end: int) -> None:
        if self.chapter is not None and end > self.chapter[1]:
            self.timeline.chapters.append(ChapterMark(self.chapter[0], self.chapter[1], end))
        self.chapter = None

    # -- speech ---------------------------------------------------------------------------------
    def _voice(self, text: str, start: int) -> Placed:
        """Place `text` spoken from `start` on the voice bus (the beds duck under it)."""
        if self.timeline._stopping.is_set():
            raise _Stopped
        speech = self.speech
        item = Placed(start, len(speech.clip(text)), "voice", lambda: speech.clip(text), self._voice_gain(),
                      key="voice:" + text)
        self.words_said += len(text.split())
        self.timeline.add(item)
        self.timeline.voice_spans.append((item.start, item.end))
        return item

    def _voice_gain(self) -> float:
        """The voice's place in the mix; in a session that softens, lower across the last third of its words
        (by SOFTEN_VOICE_DB at the last)."""
        if not self.session.softens or not self.words_total:
            return db_to_gain(VOICE_IN_MIX_DB)
        said = self.words_said / self.words_total
        into_last_third = float(np.clip((said - 2 / 3) * 3, 0.0, 1.0))
        return db_to_gain(VOICE_IN_MIX_DB - SOFTEN_VOICE_DB * into_last_third)

    def _sentence(self, text: str, opens: str = "step") -> None:
        """Place one spoken sentence at the cursor, with its transcript cue; move the cursor past it. A sentence too
        long to synthesise at once is spoken in pieces (long_sentences)."""
        for index, piece in enumerate(spoken_pieces(text)):
            if index:
                self.cursor += seconds_to_frames(PIECE_GAP_S)
            item = self._voice(piece, self.cursor)
            self.timeline.cues.append(Cue(piece, item.start, item.end, opens=opens if index == 0 else "thought"))
            self.cursor = item.end
            self._interval_bells()
            self.timeline.advance(item.end, item.end + self.fixed_after_step)  # consumers may start before it ends

    def _gap(self, seconds: float) -> int:
        """`seconds` varied by the session's seeded factor: gaps that follow the words, not a metronome."""
        return seconds_to_frames(seconds * self.pace.uniform(*GAP_VARIES))

    def _say_parts(self, parts) -> None:
        pacing = self.session.pacing
        opens = "step"
        for part in parts:
            if isinstance(part, float):  # a [pause] mark: exactly the author's length
                self.cursor += seconds_to_frames(part)
                opens = "pause"
                continue
            for paragraph in split_paragraphs(part):
                if opens in ("thought", "paragraph"):
                    self.cursor += self._gap(pacing.paragraph_gap_s)
                    opens = "paragraph"
                for sentence in paragraph:
                    if opens == "thought":
                        self.cursor += self._gap(pacing.sentence_gap_s / self.session.voice.rate)
                    self._sentence(sentence, opens)
                    opens = "thought"

    def _poem(self, step: PoemStep) -> None:
        poem = step.poem
        self._sentence(poem.title + ".")
        self.cursor += seconds_to_frames(AFTER_POEM_TITLE_S)
        for index, stanza in enumerate(poem.stanzas):
            for line in stanza:
                self._sentence(line, "line")
                self.cursor += seconds_to_frames(poem.line_pause_s)
            if index < len(poem.stanzas) - 1:
                self.cursor += seconds_to_frames(max(0.0, poem.stanza_pause_s - poem.line_pause_s))

    # -- bells and breathing --------------------------------------------------------------------
    def _bell(self, bell: BellStrike) -> None:
        self._place_bell(bell, self.cursor)
        if bell.sound.builtin:
            self.cursor += seconds_to_frames(bell_occupied_s(bell.sound.name, bell.strikes))
        else:
            self.cursor += self._file_frames(bell.sound)

    def _place_bell(self, bell: BellStrike, start: int) -> None:
        if bell.sound.builtin:
            name, count, gain_db = bell.sound.name, bell.strikes, bell.gain_db
            audio = bells.strikes(name, count, gain_db)
            self.timeline.add(Placed(start, len(audio), "bells", lambda: bells.strikes(name, count, gain_db),
                                     key=f"bell:{name}:{count}:{gain_db}"))
        else:
            from app.audio.decode import read_sound

            path = bell.sound.path
            frames = self._file_frames(bell.sound)
            self.timeline.add(Placed(start, frames, "bells", lambda: read_sound(path, BELL_FILE_LONGEST_S),
                                     db_to_gain(bell.gain_db), key=f"file:{path}"))

    def _file_frames(self, sound: SoundRef) -> int:
        from app.audio.decode import read_sound

        return len(read_sound(sound.path, BELL_FILE_LONGEST_S))

    def _interval_bells(self) -> None:
        interval = self.session.bells.interval
        if interval is None:
            return
        every = seconds_to_frames(interval.every_s)
        while self.next_interval_bell * every < self.cursor:
            self._place_bell(interval.bell, self.next_interval_bell * every)
            self.next_interval_bell += 1

    def _breathe(self, step: Breathe) -> None:
        practice = Practice.planned(step.pattern, step.cycles, step.progression)
        origin = self.cursor
        self.timeline.practices.append((origin, practice))
        for phase in practice.phases:
            start = origin + seconds_to_frames(phase.start_s)
            frames = origin + seconds_to_frames(phase.end_s) - start
            if "tone" in step.cues:
                self._breath_tone(phase, start, frames, step)
            if "voice" in step.cues:
                self._voice(BREATH_VOICE_CUES[phase.kind], start)
            if "bell" in step.cues and phase.kind == "inhale":
                audio = bells.strikes("chime", 1, BREATH_BELL_DB)
                self.timeline.add(Placed(start, len(audio), "bells", lambda: bells.strikes("chime", 1, BREATH_BELL_DB),
                                         key=f"bell:chime:1:{BREATH_BELL_DB}"))
            self.timeline.cues.append(Cue(_phase_caption(phase, len(practice.patterns)), start, start + frames, "breath"))
        self.cursor = origin + seconds_to_frames(practice.seconds) + seconds_to_frames(AFTER_BREATHE_S)
        self.timeline.voice_spans.sort()

    def _breath_tone(self, phase, start: int, frames: int, step: Breathe) -> None:
        kind = {"rest": "hold"}.get(phase.kind, phase.kind)
        seconds, eyes_closed = phase.seconds, step.eyes_closed
        gain = 0.5 if "voice" in step.cues else 1.0
        pan = _alternate_nostril_pan(phase) if step.pan else 0.0

        def load() -> np.ndarray:
            tone = _fit(tones.cue(kind, seconds, eyes_closed), frames)
            return tone if pan == 0.0 else tones.panned(tone, pan)

        self.timeline.add(Placed(start, frames, "bells", load, gain, key=f"tone:{kind}:{frames}:{eyes_closed}:{pan}"))

    # -- ambience -------------------------------------------------------------------------------
    def _start_bed(self, bed: Bed, start: int) -> None:
        fade_out_s = max(bed.fade_out_s, SOFTEN_BED_FADE_S) if self.session.softens else bed.fade_out_s
        self.timeline.beds.append(BedTrack(bed.sound, start, seconds_to_frames(bed.fade_in_s),
                                           seconds_to_frames(fade_out_s), [(start, bed.gain_db)],
                                           seed=self.timeline.seed + len(self.timeline.beds)))

    def _ambient(self, step: AmbientChange) -> None:
        for track in self.timeline.beds:
            if track.sound == step.sound:
                level = _level_at(track.points, self.cursor)
                track.points += [(self.cursor, level), (self.cursor + seconds_to_frames(step.ramp_s), step.gain_db)]
                return
        self._start_bed(Bed(step.sound, step.gain_db, fade_in_s=step.ramp_s), self.cursor)


def _fixed_frames_after(session: Session) -> list[int]:
    """The frames that surely follow the start and each step without any speech: pauses, breaths, bells, the fade-out."""
    def fixed(step) -> int:
        if isinstance(step, Pause):
            return seconds_to_frames(step.seconds)
        if isinstance(step, Breathe):
            return seconds_to_frames(step.cycles * step.pattern.cycle_s)
        if isinstance(step, Bell) and step.bell.sound.builtin:
            return seconds_to_frames(bell_occupied_s(step.bell.sound.name, step.bell.strikes))
        return 0

    after, total = [], seconds_to_frames(session.fade_out_s)
    for step in reversed(session.steps):
        after.append(total)
        total += fixed(step)
    after.append(total)
    return after[::-1]  # [before the first step, after step 0, after step 1, ...]


def _level_at(points: list[tuple[int, float]], frame: int) -> float:
    frames, levels = zip(*points, strict=True)
    return float(np.interp(frame, frames, levels))


def _alternate_nostril_pan(phase) -> float:
    """In left, out right, in right, out left: the side follows the breath; holds stay centred."""
    if phase.kind not in ("inhale", "top-up", "exhale"):
        return 0.0
    left = (phase.cycle % 2 == 0) == (phase.kind != "exhale")
    return -0.8 if left else 0.8


def _fit(audio: np.ndarray, frames: int) -> np.ndarray:
    return audio[:frames] if len(audio) >= frames else np.pad(audio, (0, frames - len(audio)))


def _phase_caption(phase, cycles: int) -> str:
    from app.practice.breathing import PHASE_NAMES

    return f"{PHASE_NAMES[phase.kind]} ({phase.cycle + 1}/{cycles})"
