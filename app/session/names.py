"""The names a session may use without a file: bells, ambient beds, breathing presets and cue styles."""

BELLS = ("bowl", "chime", "gong", "woodblock")
BED_TITLES = {"rain": "Rain", "ocean": "Ocean", "stream": "Stream", "wind": "Wind", "brown-noise": "Brown noise",
              "drone": "Drone", "fire": "Fireplace", "night": "Summer night", "birds": "Birds at dawn"}
BEDS = tuple(BED_TITLES)
CUES = ("tone", "voice", "bell")
ENGINES = ("piper", "system")

# name -> (inhale, hold after inhale, exhale, hold after exhale, top-up inhale) in seconds
BREATH_PRESETS: dict[str, tuple[float, float, float, float, float]] = {
    "box": (4, 4, 4, 4, 0),
    "4-7-8": (4, 7, 8, 0, 0),
    "coherent": (5.5, 0, 5.5, 0, 0),
    "sigh": (2.5, 0, 7, 0, 1),
    "relaxing": (4, 0, 6, 0, 0),
    "4-7-11": (4, 7, 11, 0, 0),
    "5-8-5-8": (5, 8, 5, 8, 0),
    "7-4-8-4": (7, 4, 8, 4, 0),
}
