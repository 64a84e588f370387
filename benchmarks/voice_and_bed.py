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
BED_WINDOW_S, BED_HOP_S = 0.4, 0.1


def hop_power(audio: np.ndarray, hop: int, pending: list) -> list[float]:
    """Mean power of each whole hop of a stream's next block `audio`, carrying the rest over in `pending[0]`."""
    power = np.concatenate([pending[0], np.square(audio, dtype=np.float64).mean(axis=1)])
    whole = len(power) // hop * hop
    pending[0] = power[whole:]
    return power[:whole].reshape(-1, hop).mean(axis=1).tolist()


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


def levels_db(power: list[float]) -> np.ndarray:
    """dB of the power smoothed over BED_WINDOW_S."""
    window = int(BED_WINDOW_S / BED_HOP_S)
    return 10 * np.log10(np.maximum(np.convolve(np.array(power), np.ones(window) / window, mode="valid"), 1e-12))


def measure(session_id: str) -> dict:
    session = load_session(resolve(session_id))
    timeline = compile_in_background(session)
    mixer, stats = Mixer(timeline), RenderStats(timeline)
    rate = timeline.sample_rate
    voice_psd, voice_meter, bed_power, bed_pending = None, LoudnessMeter(rate), [], [np.zeros(0)]
    hop = int(BED_HOP_S * rate)
    for part in mixer.render_parts(with_buses=True):
        stats.feed(part)
        voice = part.buses["voice"].mean(axis=1)
        if np.any(voice):
            _, psd = welch(voice, rate, nperseg=4096)
            voice_psd = psd * len(voice) if voice_psd is None else voice_psd + psd * len(voice)
        bed_power.extend(hop_power(part.buses["ambient"], hop, bed_pending))
        voice_meter.feed(part.buses["voice"])
    frequencies = np.fft.rfftfreq(4096, 1 / rate)
    sibilance = 10 * np.log10(voice_psd[(frequencies >= 5000) & (frequencies < 8000)].sum() / voice_psd.sum())
    figures = {"session": session_id, "stated_s": session.length_s, "rendered_s": round(timeline.seconds, 1)}
    if timeline.beds:
        timeline.ducking_db = 0.0  # the same beds undipped: what the dip alone does to them
        plain_power, plain_pending = [], [np.zeros(0)]
        for part in Mixer(timeline).render_parts(with_buses=True):
            plain_power.extend(hop_power(part.buses["ambient"], hop, plain_pending))
        fade_in = max(track.fade_in + track.start for track in timeline.beds) / rate
        fade_out = max([track.fade_out for track in timeline.beds] + [timeline.fade_out]) / rate
        skip = int(fade_in / BED_HOP_S), int(fade_out / BED_HOP_S)
        minutes = (timeline.seconds - fade_in - fade_out) / 60
        moves = bed_movements(levels_db(bed_power), *skip)
        dip = levels_db(bed_power) - levels_db(plain_power)
        dip_moves = bed_movements(dip, *skip)
        figures["bed_stem_moves_over_4_db_per_minute"] = round(len(moves) / minutes, 2)
        figures["bed_stem_moves_at_s"] = [round(t, 1) for t in moves[:12]]
        figures["dip_moves_over_4_db_per_minute"] = round(len(dip_moves) / minutes, 2)
        figures["deepest_dip_db"] = round(float(-dip.min()), 2)
        steepest = np.abs(dip[int(1 / BED_HOP_S):] - dip[:-int(1 / BED_HOP_S)]).max()
        figures["steepest_dip_change_db_per_s"] = round(float(steepest), 2)
    result = stats.as_dict()
    figures |= result["pacing"]
    figures |= {k: result[k] for k in ("integrated_lufs", "voice_gated_lufs", "true_peak_dbtp", "limiter")}
    figures["sibilance_5_8_khz_db"] = round(float(sibilance), 1)
    figures["sibilance_against_speech_spectrum_db"] = round(float(sibilance - SPEECH_SPECTRUM_5_8_KHZ_DB), 1)
    segments = np.arange(int(timeline.seconds * 10))  # 100 ms each
    figures["voice_lufs_by_thirds"] = [round(voice_meter.integrated_lufs(list(segments * 3 // len(segments) == third)), 1)
                                       for third in range(3)]
    figures["voice_lufs_across_last_third_of_words"] = last_third_fall(timeline.cues, voice_meter, rate)
    return figures


def last_third_fall(cues, meter: LoudnessMeter, rate: int) -> list[float]:
    """The voice's loudness over the first and the last minute of the last third of its words."""
    speech = [c for c in cues if c.kind == "speech"]
    words = np.cumsum([len(c.text.split()) for c in speech])
    first = speech[int(np.searchsorted(words, words[-1] * 2 / 3))].start / rate
    end = speech[-1].end / rate
    segment_s = np.arange(int(end * 10) + 1) / 10  # 100 ms segments
    return [round(meter.integrated_lufs(list((segment_s >= a) & (segment_s < a + 60))), 1) for a in (first, end - 60)]


def narrated_sessions() -> list[str]:
    return [file.stem for file in sorted(shipped_sessions_dir().glob("*.yaml"))
            if any(isinstance(step, Say) for step in load_session(file).steps)]


def main() -> None:
    ids = sys.argv[1:] or narrated_sessions()
    for session_id in ids:
        print(json.dumps(measure(session_id)), flush=True)


if __name__ == "__main__":
    main()
