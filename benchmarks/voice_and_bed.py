"""How the narration and the bed sound, in numbers, for shipped sessions. Prints its figures.

For each session: the gaps between sentences (the share held by the commonest length, within 20 ms; the
mean gap within a thought against before a new paragraph or step), the pace within passages (words a
minute over each say step, its [pause] marks included), the final limiter's gain reduction per
sentence, the 5-8 kHz share of the voice stem's energy against the long-term speech spectrum (-22.8 dB),
how often the bed's own stem moves more than 4 dB within a second (per minute, outside its fades), the
largest dip of the bed around speech, the voice's loudness by thirds, and integrated and voice-gated
loudness, true peak and length against the stated length.

Usage: .venv/bin/python benchmarks/voice_and_bed.py [SESSION ...]   (default: every shipped narrated session)
"""

import json
import sys
from pathlib import Path

import numpy as np
from scipy.signal import welch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.audio.compiler import compile_in_background  # noqa: E402
from app.audio.loudness import LoudnessMeter  # noqa: E402
from app.audio.mixer import Mixer  # noqa: E402
from app.export.render_stats import RenderStats  # noqa: E402
from app.folders import shipped_sessions_dir  # noqa: E402
from app.session.library import resolve  # noqa: E402
from app.session.loader import load_session  # noqa: E402
from app.session.model import Say  # noqa: E402

SPEECH_SPECTRUM_5_8_KHZ_DB = -22.8  # ANSI S3.5 long-term speech spectrum
SAME_GAP_S = 0.02
BED_WINDOW_S, BED_HOP_S = 0.4, 0.1


def gap_figures(cues, rate) -> dict:
    speech = [c for c in cues if c.kind == "speech"]
    gaps = np.array([(b.start - a.end) / rate for a, b in zip(speech, speech[1:], strict=False)])
    opens = [b.opens for b in speech[1:]]
    thought = gaps[[o == "thought" for o in opens]]
    larger = gaps[[o in ("paragraph", "step") for o in opens]]
    commonest = max(float(np.mean(np.abs(gaps - g) <= SAME_GAP_S)) for g in gaps) if len(gaps) else 0.0
    passages, run = [], [speech[0]] if speech else []
    for cue in speech[1:]:  # a passage: the sentences of one say step, with its [pause] marks
        if cue.opens != "step":
            run.append(cue)
            continue
        passages.append(run)
        run = [cue]
    passages.append(run)
    wpm = [sum(len(c.text.split()) for c in p) / ((p[-1].end - p[0].start) / rate / 60) for p in passages if len(p) >= 2]
    return {"gaps": len(gaps), "commonest_gap_share": round(commonest, 3),
            "gap_percentiles_s": [round(float(v), 2) for v in np.percentile(gaps, [10, 50, 90])],
            "thought_gap_mean_s": round(float(thought.mean()), 2) if len(thought) else None,
            "paragraph_or_step_gap_mean_s": round(float(larger.mean()), 2) if len(larger) else None,
            "passages": len(wpm),
            "passage_wpm_percentiles": [round(float(v)) for v in np.percentile(wpm, [10, 50, 90])] if wpm else []}


def bed_movements(levels_db: np.ndarray, skip_start: int, skip_end: int) -> list[float]:
    """Times (s) where the bed's level changes by more than 4 dB within one second (merged within a second)."""
    step = int(1.0 / BED_HOP_S)
    change = np.abs(levels_db[step:] - levels_db[:-step])
    index = np.flatnonzero(change > 4.0)
    index = index[(index >= skip_start) & (index + step < len(levels_db) - skip_end)]
    times, last = [], -1e9
    for i in index:
        if i * BED_HOP_S - last > 1.0:
            times.append(i * BED_HOP_S)
        last = i * BED_HOP_S
    return times


def measure(session_id: str) -> dict:
    session = load_session(resolve(session_id))
    timeline = compile_in_background(session)
    mixer, stats = Mixer(timeline), RenderStats(timeline)
    rate = timeline.sample_rate
    voice_psd, voice_meter, bed_power, bed_pending = None, LoudnessMeter(rate), [], np.zeros(0)
    hop = int(BED_HOP_S * rate)
    for part in mixer.render_parts(with_buses=True):
        stats.feed(part)
        voice = part.buses["voice"].mean(axis=1)
        if np.any(voice):
            _, psd = welch(voice, rate, nperseg=4096)
            voice_psd = psd * len(voice) if voice_psd is None else voice_psd + psd * len(voice)
        bed = np.concatenate([bed_pending, np.square(part.buses["ambient"], dtype=np.float64).mean(axis=1)])
        whole = len(bed) // hop * hop
        bed_power.extend(bed[:whole].reshape(-1, hop).mean(axis=1).tolist())
        bed_pending = bed[whole:]
        voice_meter.feed(part.buses["voice"])
    frequencies = np.fft.rfftfreq(4096, 1 / rate)
    sibilance = 10 * np.log10(voice_psd[(frequencies >= 5000) & (frequencies < 8000)].sum() / voice_psd.sum())
    window = int(BED_WINDOW_S / BED_HOP_S)
    power = np.convolve(np.array(bed_power), np.ones(window) / window, mode="valid")
    figures = {"session": session_id, "stated_s": session.length_s, "rendered_s": round(timeline.seconds, 1)}
    if timeline.beds:
        levels = 10 * np.log10(np.maximum(power, 1e-12))
        fade_in = max(track.fade_in + track.start for track in timeline.beds) / rate
        fade_out = max([track.fade_out for track in timeline.beds] + [timeline.fade_out]) / rate
        moves = bed_movements(levels, int(fade_in / BED_HOP_S), int(fade_out / BED_HOP_S))
        minutes = (timeline.seconds - fade_in - fade_out) / 60
        figures["bed_moves_over_4_db_per_minute"] = round(len(moves) / minutes, 2)
        figures["bed_moves_at_s"] = [round(t, 1) for t in moves[:12]]
    figures |= gap_figures(timeline.cues, rate)
    result = stats.as_dict()
    figures |= {k: result[k] for k in ("integrated_lufs", "voice_gated_lufs", "true_peak_dbtp", "limiter")}
    figures["sibilance_5_8_khz_db"] = round(float(sibilance), 1)
    figures["sibilance_against_speech_spectrum_db"] = round(float(sibilance - SPEECH_SPECTRUM_5_8_KHZ_DB), 1)
    segments = np.arange(int(timeline.seconds * 10))  # 100 ms each
    figures["voice_lufs_by_thirds"] = [round(voice_meter.integrated_lufs(list(segments * 3 // len(segments) == third)), 1)
                                       for third in range(3)]
    return figures


def narrated_sessions() -> list[str]:
    return [file.stem for file in sorted(shipped_sessions_dir().glob("*.yaml"))
            if any(isinstance(step, Say) for step in load_session(file).steps)]


def main() -> None:
    ids = sys.argv[1:] or narrated_sessions()
    for session_id in ids:
        print(json.dumps(measure(session_id)), flush=True)


if __name__ == "__main__":
    main()
