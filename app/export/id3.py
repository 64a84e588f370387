"""ID3v2 tags for exported MP3s: title, artist, album, year, genre, cover, transcript, and chapters.

Chapters are CHAP frames (start/end in ms, each with a TIT2 title) listed by one top-level, ordered
CTOC frame; podcast apps show no chapters without the CTOC. A CTOC lists at most 255 entries, so more chapters
are listed by ordered tables of 255 nested under the top-level one (ID3 chapter addendum). ffmpeg-based players
(mpv, VLC, ffprobe) list CHAP frames in file order, and mutagen writes frames sorted by size, so the CHAP frames are put back in
time order after saving.
"""

import datetime
from pathlib import Path

from mutagen.id3 import APIC, CHAP, CTOC, ID3, TALB, TCON, TDRC, TIT2, TPE1, USLT, CTOCFlags

from app.failures import BadInput

ARTIST = "Stillpoint"
ALBUM = "Stillpoint sessions"
GENRE = "Meditation"


TABLE_ENTRIES = 255  # a CTOC frame's entry count is one byte


def write_tags(mp3: Path, title: str, chapters: list[tuple[str, int, int]], transcript: str, cover_png: bytes,
               language: str = "eng") -> None:
    """Tag `mp3` in place; `chapters` are (title, start_ms, end_ms) in order."""
    tags = ID3()
    tags.add(TIT2(encoding=3, text=title))
    tags.add(TPE1(encoding=3, text=ARTIST))
    tags.add(TALB(encoding=3, text=ALBUM))
    tags.add(TDRC(encoding=3, text=str(datetime.date.today().year)))
    tags.add(TCON(encoding=3, text=GENRE))
    tags.add(APIC(encoding=3, mime="image/png", type=3, desc="Cover", data=cover_png))
    if transcript:
        tags.add(USLT(encoding=3, lang=language, desc="Transcript", text=transcript))
    ids = [f"chp{index}" for index in range(len(chapters))]
    for element_id, (chapter_title, start_ms, end_ms) in zip(ids, chapters, strict=True):
        tags.add(CHAP(element_id=element_id, start_time=start_ms, end_time=end_ms,
                      sub_frames=[TIT2(encoding=3, text=chapter_title)]))
    if len(ids) > TABLE_ENTRIES:  # a table lists at most 255: tables of chapters nest under the top one
        tables = [ids[k: k + TABLE_ENTRIES] for k in range(0, len(ids), TABLE_ENTRIES)]
        if len(tables) > TABLE_ENTRIES:
            raise BadInput(f"{len(ids)} chapters are more than an MP3 can list ({TABLE_ENTRIES ** 2}); use fewer")
        for number, children in enumerate(tables):
            tags.add(CTOC(element_id=f"toc{number}", flags=CTOCFlags.ORDERED, child_element_ids=children,
                          sub_frames=[TIT2(encoding=3, text=f"Chapters {number * TABLE_ENTRIES + 1}-"
                                                            f"{number * TABLE_ENTRIES + len(children)}")]))
        ids = [f"toc{number}" for number in range(len(tables))]
    if ids:
        tags.add(CTOC(element_id="toc", flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                      sub_frames=[TIT2(encoding=3, text="Chapters")]))
    tags.save(mp3, v2_version=3)
    _chapters_in_time_order(Path(mp3))


def _chapters_in_time_order(mp3: Path) -> None:
    """Rewrite the ID3v2.3 tag at the start of `mp3` with its CHAP frames in order of start time (same size)."""
    with open(mp3, "r+b") as file:
        header = file.read(10)  # "ID3", version 3, flags, then the size in four 7-bit bytes
        size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]
        body = file.read(size)
        frames, position = [], 0
        while position + 10 <= len(body) and body[position] != 0:
            end = position + 10 + int.from_bytes(body[position + 4: position + 8], "big")
            frames.append(body[position:end])
            position = end
        chapters = sorted((f for f in frames if f[:4] == b"CHAP"), key=_chapter_start_ms)
        slots = iter(chapters)
        ordered = [next(slots) if frame[:4] == b"CHAP" else frame for frame in frames]
        file.seek(10)
        file.write(b"".join(ordered))


def _chapter_start_ms(frame: bytes) -> int:
    element_id_end = frame.index(b"\0", 10)
    return int.from_bytes(frame[element_id_end + 1: element_id_end + 5], "big")
