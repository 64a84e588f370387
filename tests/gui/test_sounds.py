"""The Sounds place, on the test sink: layers mixed live and heard as mixed, the mix playing on under a practice
and pausing with it, its timer fading it out, your own sounds, saved mixes, and nothing of it in the journal."""

import numpy as np
import pytest

from app.audio.compiler import compile_session
from app.audio.mixer import Mixer
from app.audio.sampling import SAMPLE_RATE
from app.gui.main_window import PAGES
from app.journal.log import Journal
from app.playback.state import State
from app.practice.sounds import Layer, sounds_session
from tests.playback.capture import RATE, Capture, best_match, need_audio_server, rms_db, to_capture_rate


def sounds_page(window, levels: dict[str, float]):
    """The Sounds page with exactly the layers of `levels` switched on, at those levels."""
    window.show_page(PAGES.index("Sounds"))
    view = window.sounds
    for layer in view.layers:
        level = levels.get(layer.sound.name, 0.0)
        if level:
            layer.volume.setValue(round(level * 100))
        layer.switch.setChecked(level > 0)
    return view


def layer(view, name):
    return next(layer for layer in view.layers if layer.sound.name == name)


def reference(view, gains: dict[str, float], seconds: float) -> np.ndarray:
    """What the mix must sound like from its start: the same session, each layer at its gain, at 48 kHz mono."""
    session = sounds_session(tuple(Layer(s.name, 1.0, s.path) for s in view.mix.sounds), None)
    mixer = Mixer(compile_session(session))
    for place, sound in enumerate(view.mix.sounds):
        mixer.set_bed_gain(place, gains.get(sound.name, 0.0))
    return to_capture_rate(np.concatenate(list(mixer.render(stop_frame=int(seconds * SAMPLE_RATE)))))


def test_layers_are_heard_as_mixed_live_and_sounds_alone_are_not_journaled(window, qtbot):
    need_audio_server()
    view = sounds_page(window, {"rain": 0.5})
    with Capture() as capture:
        view.toggle()
        qtbot.waitUntil(lambda: view.mix.position_s() > 5.0, timeout=15000)
        second_on_s = view.mix.position_s()
        layer(view, "brown-noise").volume.setValue(80)
        layer(view, "brown-noise").switch.setChecked(True)
        qtbot.waitUntil(lambda: view.mix.position_s() > second_on_s + 2.5, timeout=5000)
        assert view.play_button.text() == "Pause" and view.detail.text() == "Playing Rain, Brown noise"
        view.toggle()
        qtbot.waitUntil(lambda: view.mix.state == State.PAUSED, timeout=5000)
    rain = reference(view, {"rain": 0.5}, 12)
    both = reference(view, {"rain": 0.5, "brown-noise": 0.8}, 12)
    score, lag = best_match(capture.audio, rain[int(3.5 * RATE): int(4.1 * RATE)])
    assert score > 0.9, "the rain heard is the mix's rain"

    def heard(start_s, end_s):
        return capture.audio[lag + int((start_s - 3.5) * RATE): lag + int((end_s - 3.5) * RATE)]

    def at(audio, start_s, end_s):
        return audio[int(start_s * RATE): int(end_s * RATE)]

    before, after = (second_on_s - 1.2, second_on_s - 0.2), (second_on_s + 0.8, second_on_s + 2.0)
    assert rms_db(heard(*before)) - rms_db(at(rain, *before)) == pytest.approx(0.0, abs=1.0)
    assert rms_db(heard(*after)) - rms_db(at(both, *after)) == pytest.approx(0.0, abs=1.0)
    assert rms_db(at(both, *after)) > rms_db(at(rain, *after)) + 3, "the brown noise is a good part of what is heard"
    recorded, expected = heard(*after), at(both, *after)
    assert np.dot(recorded, expected) / (np.linalg.norm(recorded) * np.linalg.norm(expected)) > 0.9, \
        "the change is heard in place: no gap or repeat shifted what follows"
    assert Journal().entries() == [], "sounds alone are not practice"
    assert window.settings.get("sounds/last") == '{"rain": 0.5, "brown-noise": 0.8}'


def test_the_mix_plays_on_under_a_practice_and_pauses_and_plays_with_it(window, qtbot):
    need_audio_server()
    owner = window.app.now_playing
    view = sounds_page(window, {"fire": 0.6})
    view.toggle()
    qtbot.waitUntil(lambda: view.mix.position_s() > 2.0, timeout=15000)
    window.settings.set("journal/check_ins", False)
    window.app.open_session(next(e for e in window.library.entries if e.id == "three-breaths"))
    window.player.toggle()
    qtbot.waitUntil(lambda: owner.position_s() > 1.0, timeout=15000)
    under_s = view.mix.position_s()
    assert under_s > 3.0 and view.mix.playing(), "starting the practice did not restart or stop the mix"
    window.play_or_pause()  # Space on Now playing: the practice, and the mix with it
    qtbot.waitUntil(lambda: owner.state == State.PAUSED and view.mix.state == State.PAUSED, timeout=5000)
    with Capture() as paused:
        qtbot.waitUntil(lambda: paused.quiet_for(0.3), timeout=5000)
    window.play_or_pause()
    qtbot.waitUntil(lambda: owner.playing() and view.mix.playing(), timeout=5000)
    qtbot.waitUntil(lambda: view.mix.position_s() > under_s + 1.0, timeout=5000)
    owner.stop()  # the practice ends; the mix plays on, alone
    with Capture() as alone:
        qtbot.waitUntil(lambda: view.mix.position_s() > under_s + 2.5, timeout=5000)
    assert view.mix.playing() and rms_db(alone.audio) > -50
    view.mix.stop()


def test_the_timer_fades_the_mix_out_and_pauses_it(window, qtbot, monkeypatch):
    need_audio_server()
    from app.gui import sounds_mix

    monkeypatch.setattr(sounds_mix, "TIMER_FADE_S", 4.0)  # a minute in the app; four seconds here
    view = sounds_page(window, {"brown-noise": 0.7})
    view.mix.set_timer(0.2)  # twelve seconds
    with Capture() as capture:
        view.toggle()
        qtbot.waitUntil(lambda: view.mix.playing(), timeout=15000)
        qtbot.waitUntil(lambda: view.mix.state == State.PAUSED, timeout=15000)
        qtbot.waitUntil(lambda: capture.quiet_for(0.3), timeout=5000)
    sound = np.flatnonzero(np.abs(capture.audio) > 1e-3)
    start, end = sound[0], sound[-1]
    assert (end - start) / RATE == pytest.approx(12.0, abs=0.8), "it plays for the timer's minutes"
    level = lambda s: rms_db(capture.audio[start + int(s * RATE): start + int((s + 0.5) * RATE)])  # noqa: E731
    full = level(6.0)  # after the mix's own fade-in, before the timer's fade
    assert level(7.0) == pytest.approx(full, abs=1.5)
    assert level(9.8) < full - 3 and level(11.0) < full - 10, "it fades over its last seconds, not cut"
    assert view.play_button.text() == "Play"


def test_your_own_sound_becomes_a_layer_and_a_bad_file_adds_nothing(window, tmp_path):
    import soundfile

    view = sounds_page(window, {"rain": 0.5})
    bad = tmp_path / "broken.ogg"
    bad.write_bytes(b"not audio")
    assert not view.add_own(bad)
    assert view.detail.text().startswith(f"cannot add {bad}: cannot read the sound file {bad}: ")
    assert len(view.layers) == 9
    soundfile.write(tmp_path / "hum.wav", 0.3 * np.sin(2 * np.pi * 220 * np.arange(96000) / 48000), 48000)
    assert view.add_own(tmp_path / "hum.wav")
    hum = layer(view, "hum")
    assert len(view.layers) == 10 and hum.switch.isChecked() and hum.remove is not None
    assert view.mix.audible() == ["rain", "hum"] and view.detail.text() == "Added hum to your sounds."
    hum.remove.click()
    assert [layer.sound.name for layer in view.layers][-1] == "birds" and view.mix.audible() == ["rain"]


def test_a_mix_is_saved_by_name_and_brought_back(window):
    view = sounds_page(window, {"ocean": 0.3, "wind": 0.8})
    view.mix_name.setText("Evening")
    view.save_mix()
    sounds_page(window, {"fire": 1.0})
    assert view.mix.audible() == ["fire"]
    view.load_mix("Evening")
    assert view.mix.audible() == ["ocean", "wind"]
    assert view.mix.levels["ocean"] == 0.3 and view.mix.levels["wind"] == 0.8 and view.mix.levels["fire"] == 0.0
    assert view.mixes.findText("Evening") >= 0 and "Evening" in window.settings.get("sounds/mixes")
