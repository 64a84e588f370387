"""The built-in beds: how fast each is made, and what the bed issue asks of each over 20 minutes. Prints figures.

Speed: one minute of each bed made on one core (the best of --runs), as times real time; a ten-minute export
spends 600 s / speed seconds making a bed. Level: the loudness of 5 minutes at each of four seeds against the
reference (-17 LUFS), with the level_db that would centre it. Figures (unless --quick): a 20-minute render
(seed 3) measured as tests/audio/test_beds.py does. With --png DIR, a 60 s spectrogram of each bed (matplotlib,
in the bench extra).

Usage: .venv/bin/python benchmarks/beds.py [--runs N] [--quick] [--png DIR] [BED ...]
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.audio.beds.catalog import BEDS, make  # noqa: E402
from app.audio.beds.stream import CHUNK_FRAMES, REFERENCE_LUFS, BedStream  # noqa: E402

RATE = 44100


def speed(name: str, runs: int) -> float:
    BedStream(make(name))  # as a render does: the allocator tuned (app/allocator.py)
    chunks = -(-60 * RATE // CHUNK_FRAMES)
    best = float("inf")
    for run in range(runs):
        bed = make(name, seed=run)
        bed.chunk(0)  # templates and spectra made once per process
        started = time.process_time()
        for index in range(1, chunks + 1):
            bed.chunk(index)
        best = min(best, time.process_time() - started)
    return chunks * CHUNK_FRAMES / RATE / best


def levels(name: str) -> list[float]:
    import pyloudnorm

    meter = pyloudnorm.Meter(RATE)
    return [meter.integrated_loudness(BedStream(make(name, seed)).frames(0, RATE * 300)) for seed in range(4)]


def spectrogram(name: str, folder: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from scipy.signal import spectrogram as stft

    audio = BedStream(make(name, seed=3)).frames(RATE * 120, RATE * 60).mean(axis=1)
    frequencies, times, power = stft(audio, RATE, nperseg=2048, noverlap=1536)
    figure, axis = plt.subplots(figsize=(12, 5))
    db = 10 * np.log10(power + 1e-14)
    axis.pcolormesh(times + 120, frequencies, db, shading="auto", cmap="magma", vmin=db.max() - 90)
    axis.set_yscale("symlog", linthresh=500)
    axis.set_ylim(20, 20000)
    axis.set_title(f"{name}: 2:00-3:00, seed 3")
    axis.set_xlabel("s")
    axis.set_ylabel("Hz")
    path = folder / f"{name}.png"
    figure.tight_layout()
    figure.savefig(path, dpi=70)
    plt.close(figure)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("beds", nargs="*", default=list(BEDS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="speed and level only")
    parser.add_argument("--png", metavar="DIR", help="write a spectrogram of each bed here")
    args = parser.parse_args()
    for name in args.beds:
        fast = speed(name, args.runs)
        measured = levels(name)
        centre = make(name).level_db + REFERENCE_LUFS - float(np.mean(measured))
        print(f"{name:12s} {fast:6.0f}x real time ({600 / fast:.2f} s for 10 min)  "
              f"loudness by seed {' '.join(f'{v:.1f}' for v in measured)} LUFS (level_db to centre: {centre:.1f})",
              flush=True)
        if not args.quick:
            sys.path.insert(0, str(REPO / "tests" / "audio"))
            from bed_measures import BedFigures

            figures = BedFigures(make(name, seed=3), 20 * 60)
            print(f"  20 min: waveform r max {figures.waveform_autocorrelation(1, 600):.3f} (1-600 s), "
                  f"envelope r max {figures.envelope_autocorrelation(30, 600):.3f} (30-600 s), "
                  f"below 20 Hz {100 * figures.share_below(20):.2f}%, DC {figures.dc:+.4f} of RMS, "
                  f"worst step {figures.step_ratio:.2f}x the 99.99th percentile, "
                  f"true peak {20 * np.log10(figures.true_peak):.1f} dBTP at {REFERENCE_LUFS:.0f} LUFS, "
                  f"kurtosis {figures.kurtosis:.1f}, L/R bass r {figures.bass_correlation:.2f}, "
                  f"L/R envelope r {figures.envelope_correlation():.2f}, "
                  f"level swing {figures.level_swing_db():.1f} dB (1 s)", flush=True)
        if args.png:
            Path(args.png).mkdir(parents=True, exist_ok=True)
            print(f"  spectrogram -> {spectrogram(name, Path(args.png))}", flush=True)


if __name__ == "__main__":
    main()
