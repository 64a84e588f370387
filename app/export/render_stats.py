"""A render's figures, gathered block by block as it is written: integrated and voice-gated loudness, true peak,
and how much the final limiter took from each spoken sentence."""

import numpy as np

from app.audio.limiter import CEILING_DBTP, SAFE_SAMPLE_PEAK, true_peak_per_frame
from app.audio.loudness import LoudnessMeter
from app.audio.mixer import MixedBlock
from app.audio.sampling import db_to_gain, gain_to_db
from app.audio.timeline import Timeline

GAIN_CHUNK_FRAMES = 1024  # the limiter's gain is kept as its minimum per chunk (23 ms): constant memory per minute
SAME_GAP_S = 0.02  # gaps within this of each other have the same length
AUTHORS_SILENCES = ("pause", "line", "phrase")  # gaps the author set exactly: [pause] marks, poem lines, rehearsals


def pacing_figures(cues, sample_rate: int) -> dict:
    """The rhythm of the narration from its cues: the gaps between sentences the compiler chose (the share held by
    the commonest length, within 20 ms; within a thought against before a paragraph or step) and the words a
    minute within passages (the sentences of one say step as a listener hears them, its [pause] marks included)."""
    speech = [cue for cue in cues if cue.kind == "speech"]
    pairs = [(a, b) for a, b in zip(speech, speech[1:], strict=False) if b.opens not in AUTHORS_SILENCES]
    gaps = np.array([(b.start - a.end) / sample_rate for a, b in pairs])
    thought = gaps[[b.opens == "thought" for _, b in pairs]]
    larger = gaps[[b.opens in ("paragraph", "step") for _, b in pairs]]
    commonest = max(float(np.mean(np.abs(gaps - gap) <= SAME_GAP_S)) for gap in gaps) if len(gaps) else 0.0
    passages: list[list] = []
    for cue in speech:
        if cue.opens in ("thought", "paragraph", "pause") and passages:
            passages[-1].append(cue)
        else:
            passages.append([cue])
    wpm = [sum(len(cue.text.split()) for cue in p) / ((p[-1].end - p[0].start) / sample_rate / 60)
           for p in passages if len(p) >= 2]

    def mean(values):
        return round(float(values.mean()), 2) if len(values) else None

    return {"gaps": len(gaps), "commonest_gap_share": round(commonest, 3),
            "gap_percentiles_s": [round(float(v), 2) for v in np.percentile(gaps, [10, 50, 90])] if len(gaps) else [],
            "thought_gap_mean_s": mean(thought), "paragraph_or_step_gap_mean_s": mean(larger),
            "passages": len(wpm),
            "passage_wpm_percentiles": [round(float(v)) for v in np.percentile(wpm, [10, 50, 90])] if wpm else []}


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


class RenderStats:
    """Fed every MixedBlock of a render from frame 0, in order. Voice-gated loudness is of the 100 ms segments
    that a spoken sentence overlaps (the timeline knows where each is; BS.1770's gates drop the quiet ones)."""

    def __init__(self, timeline: Timeline):
        self.timeline = timeline
        self.meter = LoudnessMeter(timeline.sample_rate)
        self.peak = TruePeak()
        self._gain_db: list[np.ndarray] = []  # per chunk, the lowest limiter gain in dB
        self._segment = int(0.1 * timeline.sample_rate)

    def feed(self, part: MixedBlock) -> None:
        self.meter.feed(part.mix)
        self.peak.feed(part.mix)
        gain = np.ones(len(part.mix)) if part.limiter_gain is None else part.limiter_gain
        chunks = -(-len(gain) // GAIN_CHUNK_FRAMES)
        padded = np.pad(gain, (0, chunks * GAIN_CHUNK_FRAMES - len(gain)), constant_values=1.0)
        self._gain_db.append(20 * np.log10(np.maximum(padded.reshape(chunks, -1).min(axis=1), 1e-9)))

    def voiced_segments(self) -> list[bool]:
        """For each 100 ms segment from the start, whether a spoken sentence overlaps it."""
        total = self.timeline.total_frames or self.timeline.known_frames
        voiced = np.zeros(-(-total // self._segment) + 1, bool)
        for cue in self.timeline.cues:
            if cue.kind == "speech":
                voiced[cue.start // self._segment: -(-cue.end // self._segment)] = True
        return voiced.tolist()

    def limiter_db_per_sentence(self) -> list[tuple[float, float, str, float]]:
        """(start and end in seconds, text, the most the limiter took from it in dB) for every spoken sentence."""
        gain_db = np.concatenate(self._gain_db) if self._gain_db else np.zeros(0)
        rate = self.timeline.sample_rate
        out = []
        for cue in self.timeline.cues:
            if cue.kind != "speech":
                continue
            chunk = gain_db[cue.start // GAIN_CHUNK_FRAMES: -(-cue.end // GAIN_CHUNK_FRAMES)]
            out.append((cue.start / rate, cue.end / rate, cue.text, max(0.0, float(-chunk.min())) if len(chunk) else 0.0))
        return out

    def as_dict(self) -> dict:
        sentences = self.limiter_db_per_sentence()
        voiced = self.voiced_segments()
        taken = np.array([db for *_, db in sentences])
        return {
            "seconds": round(self.timeline.seconds, 3),
            "integrated_lufs": round(self.meter.integrated_lufs(), 2),
            "voice_gated_lufs": round(self.meter.integrated_lufs(voiced) if any(voiced) else float("nan"), 2),
            "true_peak_dbtp": round(gain_to_db(self.peak.value), 2),
            "limiter": {
                "sentences": len(taken),
                "share_over_1_db": round(float(np.mean(taken > 1.0)), 4) if len(taken) else 0.0,
                "most_db": round(float(taken.max()), 2) if len(taken) else 0.0,
                "percentiles_db": {str(p): round(float(np.percentile(taken, p)), 2) for p in (50, 90, 99)} if len(taken) else {},
            },
            "pacing": pacing_figures(self.timeline.cues, self.timeline.sample_rate),
            "sentences": [{"start_s": round(start, 3), "end_s": round(end, 3), "text": text, "limiter_db": round(db, 2)}
                          for start, end, text, db in sentences],
        }
