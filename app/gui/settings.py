"""Settings persisted in an INI file in the data folder, with typed accessors and defaults."""

from PySide6.QtCore import QSettings

from app.folders import data_dir

DEFAULTS = {
    "voice/engine": "piper",
    "voice/name": "joe",
    "voice/rate": 0.0,  # 0: use each session's own rate
    "sound/ambient_volume": 1.0,
    "sound/voice_volume": 1.0,
    "sound/bells": True,  # start, end and interval bells
    "sound/default_ambient": "",  # a bed for sessions that have none; "" for silence
    "sound/keep_playing_in_background": False,  # closing the window while playing hides it instead
    "look/theme": "system",  # light, dark or system
    "look/reduce_motion": False,
    "journal/check_ins": True,
    "journal/show_stats": True,
    "breathing/custom_patterns": "",
    "timer/presets": "",  # JSON: {name: the timer's settings}
    "timer/last": "",  # JSON: the settings of the last timer started
    "sounds/last": "",  # JSON: {sound: level} of the layers switched on
    "sounds/mixes": "",  # JSON: {name: {sound: level}}
    "sounds/timer_minutes": 0.0,  # 0: until stopped
    "state/last_session": "",
    "state/last_position_s": 0.0,
}


class Settings:
    def __init__(self):
        self._store = QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)

    def get(self, key: str):
        default = DEFAULTS[key]
        value = self._store.value(key, default)
        if isinstance(default, bool):
            return value in (True, "true", "1", 1)
        if isinstance(default, float):
            return float(value)
        return str(value)

    def set(self, key: str, value) -> None:
        if key not in DEFAULTS:
            raise KeyError(key)
        self._store.setValue(key, value)
        self._store.sync()

    def raw(self) -> QSettings:
        return self._store
