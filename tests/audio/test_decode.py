import subprocess

import numpy as np
import pytest
import soundfile

from app.audio.decode import read_sound
from app.audio.sampling import SAMPLE_RATE
from app.failures import Failure


@pytest.mark.parametrize("suffix", [".wav", ".flac", ".ogg", ".mp3"])
def test_soundfile_formats_read_at_the_house_rate(tmp_path, suffix):
    tone = (0.3 * np.sin(2 * np.pi * 440 * np.arange(22050 * 2) / 22050)).astype(np.float32)
    path = tmp_path / f"tone{suffix}"
    soundfile.write(path, tone, 22050)
    audio = read_sound(path, longest_s=600)
    assert audio.shape[1] == 2
    assert abs(len(audio) - 2 * SAMPLE_RATE) < 0.06 * SAMPLE_RATE  # MP3 adds encoder padding
    spectrum = np.abs(np.fft.rfft(audio[:SAMPLE_RATE, 0]))
    assert abs(np.argmax(spectrum) - 440) <= 1, "the tone keeps its pitch after resampling"


def test_m4a_reads_through_ffmpeg(tmp_path):
    import imageio_ffmpeg

    wav, m4a = tmp_path / "tone.wav", tmp_path / "tone.m4a"
    soundfile.write(wav, 0.3 * np.sin(2 * np.pi * 330 * np.arange(48000 * 3) / 48000), 48000)
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-loglevel", "error", "-i", str(wav), "-c:a", "aac", str(m4a)],
                   check=True)
    audio = read_sound(m4a, longest_s=600)
    assert audio.shape[1] == 2 and abs(len(audio) / SAMPLE_RATE - 3.0) < 0.1
    spectrum = np.abs(np.fft.rfft(audio[SAMPLE_RATE: 2 * SAMPLE_RATE, 0]))
    assert abs(np.argmax(spectrum) - 330) <= 1


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(Failure) as caught:
        read_sound(tmp_path / "gone.flac", longest_s=600)
    assert str(caught.value) == f"sound file not found: {tmp_path / 'gone.flac'}"
