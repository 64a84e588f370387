"""A real session rendered to a real MP3, read back by real parsers."""

import json
import re
import shutil
import subprocess

import numpy as np
import pyloudnorm
import pytest
import soundfile
from mutagen.id3 import ID3
from mutagen.mp3 import MP3
from scipy.signal import resample_poly

from app.audio.compiler import compile_session
from app.export.render import render_to_file
from app.session import load_session
from app.session.library import resolve
from tests.conftest import need


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    folder = tmp_path_factory.mktemp("render")
    session = load_session(resolve("format-tour"))
    result = render_to_file(session, folder / "tour.mp3", captions="vtt")
    timeline = compile_session(session)  # the speech is cached now: the same timeline again
    return session, result, timeline


def test_chapters_read_back_with_titles_and_times(tour):
    _session, result, timeline = tour
    tags = ID3(result.path)
    chapters = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
    assert [c.sub_frames["TIT2"].text[0] for c in chapters] == ["Settling", "A Kind Boundary", "Coming Home"]
    expected = [(round(c.start * 1000 / 44100), round(c.end * 1000 / 44100)) for c in timeline.chapters]
    assert [(c.start_time, c.end_time) for c in chapters] == expected
    assert chapters[0].start_time == 0 and chapters[-1].end_time == round(result.seconds * 1000)
    toc = tags.getall("CTOC")
    assert len(toc) == 1 and toc[0].flags == 3, "one top-level, ordered table of contents"
    assert toc[0].child_element_ids == [c.element_id for c in chapters]


def test_ffprobe_lists_the_chapters_in_time_order(tour):
    """ffmpeg-based players (mpv, VLC) list CHAP frames in file order; mutagen alone writes them by size."""
    need(shutil.which("ffprobe") is not None, "ffprobe (Debian ffmpeg) is not installed")
    _session, result, timeline = tour
    probed = subprocess.run(["ffprobe", "-v", "error", "-show_chapters", "-of", "json", str(result.path)],
                            capture_output=True, text=True, check=True)
    chapters = json.loads(probed.stdout)["chapters"]
    assert [c["tags"]["title"] for c in chapters] == ["Settling", "A Kind Boundary", "Coming Home"]
    starts = [float(c["start_time"]) for c in chapters]
    assert starts == [round(c.start * 1000 / 44100) / 1000 for c in timeline.chapters]
    assert float(chapters[-1]["end_time"]) == pytest.approx(result.seconds, abs=0.001)


def test_the_mp3_meets_the_podcast_loudness_standard(tour):
    _session, result, _timeline = tour
    audio, rate = soundfile.read(result.path)
    assert rate == 44100 and audio.shape[1] == 2
    loudness = pyloudnorm.Meter(rate).integrated_loudness(audio)
    assert loudness == pytest.approx(-16.0, abs=1.0)
    true_peak_dbtp = 20 * np.log10(np.abs(resample_poly(audio, 4, 1, axis=0)).max())
    assert true_peak_dbtp <= -1.0
    assert result.integrated_lufs == pytest.approx(loudness, abs=0.5), "the summary's figure matches the file"


def test_the_mp3_has_its_tags_cover_and_transcript(tour):
    session, result, _timeline = tour
    info = MP3(result.path).info
    assert info.sample_rate == 44100 and info.channels == 2 and info.bitrate >= 128_000
    assert abs(info.length - result.seconds) < 0.1
    tags = ID3(result.path)
    assert str(tags["TIT2"]) == "A Tour of the Format" and str(tags["TPE1"]) == "Stillpoint"
    assert str(tags["TALB"]) == "Stillpoint sessions" and str(tags["TCON"]) == "Meditation"
    cover = tags.getall("APIC")[0]
    assert cover.mime == "image/png" and cover.data.startswith(b"\x89PNG")
    lyrics = tags.getall("USLT")[0].text
    assert "I need some distance to take care of myself." in lyrics and "Coming Home." in lyrics


def test_captions_match_the_transcript_cues(tour):
    _session, result, timeline = tour
    text = result.captions_path.read_text()
    assert text.startswith("WEBVTT")
    times = re.findall(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)", text)
    assert len(times) == len(timeline.cues)
    h, m, s, ms = map(int, times[0][:4])
    assert (h * 3600 + m * 60 + s) * 1000 + ms == round(timeline.cues[0].start * 1000 / 44100)


def test_a_wav_render_is_exactly_as_long_as_the_timeline(tmp_path):
    session = load_session(resolve("three-breaths"))
    result = render_to_file(session, tmp_path / "three.wav")
    info = soundfile.info(result.path)
    assert info.frames == compile_session(session).total_frames


def test_lrc_captions(tmp_path):
    session = load_session(resolve("three-breaths"))
    result = render_to_file(session, tmp_path / "three.wav", captions="lrc")
    lines = result.captions_path.read_text().splitlines()
    assert lines[0] == "[ti:Three Breaths]"
    first = compile_session(session).cues[0]
    minutes, seconds = divmod(first.start / 44100, 60)
    assert lines[1] == f"[{int(minutes):02d}:{seconds:05.2f}]{first.text}"


@pytest.mark.parametrize("suffix", [".wav", ".flac"])
def test_wav_and_flac_meet_the_same_standard_with_the_limiters_own_ceiling(tour, tmp_path, suffix):
    """Lossless files keep the limiter's -1.5 dBTP (+0.1 for the meter); MP3 only promises -1.0 (the encoder overshoots)."""
    session, _mp3, timeline = tour
    result = render_to_file(session, tmp_path / f"tour{suffix}")
    audio, rate = soundfile.read(result.path)
    assert rate == 44100 and audio.shape == (timeline.total_frames, 2), "as long as the timeline, to the sample"
    loudness = pyloudnorm.Meter(rate).integrated_loudness(audio)
    assert loudness == pytest.approx(-16.0, abs=1.0)
    true_peak_dbtp = 20 * np.log10(np.abs(resample_poly(audio, 4, 1, axis=0)).max())
    assert true_peak_dbtp <= -1.4
    assert result.integrated_lufs == pytest.approx(loudness, abs=0.5)
