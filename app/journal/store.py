"""Opening the journal database: WAL, forward migrations by schema version, damaged files moved aside, a journal
this account may only read shown read-only, and a journal another program holds explained, never a traceback."""

import contextlib
import os
import sqlite3
import sys
import time
from pathlib import Path

from app.failures import Failure
from app.folders import APP_NAME, data_dir

FILE_NAME = "journal.sqlite3"
BUSY_TIMEOUT_MS = 10_000

# Each entry upgrades the schema from version i to i + 1. Never edit one that has shipped; add a new one.
MIGRATIONS: list[str] = [
    # shipped migrations are never edited: a change is a new one at the end
    # 1: plays of sessions and breathing practices
    """
    CREATE TABLE plays (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('session', 'breathing')),
        item_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at TEXT NOT NULL,
        listened_s REAL NOT NULL DEFAULT 0,
        completed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX plays_started ON plays (started_at);
    """,
    # 2: mood check-ins before and after, and a reflection note
    """
    CREATE TABLE checkins (
        play_id INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
        mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
        words TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (play_id, moment)
    );
    ALTER TABLE plays ADD COLUMN reflection TEXT NOT NULL DEFAULT '';
    """,
    # 3: plays of the meditation timer (SQLite cannot change a CHECK: plays is rebuilt; check-ins are set aside
    # first, since dropping the table they refer to would delete them)
    """
    CREATE TABLE checkins_kept AS SELECT * FROM checkins;
    DROP TABLE checkins;
    CREATE TABLE plays_v3 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('session', 'breathing', 'timer')),
        item_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at TEXT NOT NULL,
        listened_s REAL NOT NULL DEFAULT 0,
        completed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        reflection TEXT NOT NULL DEFAULT ''
    );
    INSERT INTO plays_v3 (id, kind, item_id, title, started_at, listened_s, completed, updated_at, reflection)
        SELECT id, kind, item_id, title, started_at, listened_s, completed, updated_at, reflection FROM plays;
    DROP TABLE plays;
    ALTER TABLE plays_v3 RENAME TO plays;
    CREATE INDEX plays_started ON plays (started_at);
    CREATE TABLE checkins (
        play_id INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
        mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
        words TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (play_id, moment)
    );
    INSERT INTO checkins SELECT play_id, moment, mood, words FROM checkins_kept;
    DROP TABLE checkins_kept;
    """,
    # 4: the contact journal (how contact with a person felt before, during and after) and urges to reach out
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE contact_entries (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('message', 'call', 'in-person', 'their-posts', 'thinking', 'urge')),
        before INTEGER CHECK (before BETWEEN 1 AND 5),
        during INTEGER CHECK (during BETWEEN 1 AND 5),
        after INTEGER CHECK (after BETWEEN 1 AND 5),
        boundary TEXT CHECK (boundary IN ('yes', 'partly', 'no', 'none')),
        outcome TEXT CHECK (outcome IN ('passed', 'still', 'reached-out')),
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX contact_entries_at ON contact_entries (contact_id, at);
    """,
    # 5: programs of days: plays of a program's day (their own kind, with the program and the day), the programs a
    # person began (paused or not) and the days they finished. plays is rebuilt for its CHECK as in 3; check-ins are
    # set aside first
    """
    CREATE TABLE checkins_kept AS SELECT * FROM checkins;
    DROP TABLE checkins;
    CREATE TABLE plays_v5 (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('session', 'breathing', 'timer', 'program-day')),
        item_id TEXT NOT NULL,
        title TEXT NOT NULL,
        started_at TEXT NOT NULL,
        listened_s REAL NOT NULL DEFAULT 0,
        completed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        reflection TEXT NOT NULL DEFAULT '',
        program_id TEXT,
        program_day INTEGER CHECK (program_day >= 1),
        CHECK ((kind = 'program-day') = (program_id IS NOT NULL AND program_day IS NOT NULL))
    );
    INSERT INTO plays_v5 (id, kind, item_id, title, started_at, listened_s, completed, updated_at, reflection)
        SELECT id, kind, item_id, title, started_at, listened_s, completed, updated_at, reflection FROM plays;
    DROP TABLE plays;
    ALTER TABLE plays_v5 RENAME TO plays;
    CREATE INDEX plays_started ON plays (started_at);
    CREATE INDEX plays_program ON plays (program_id, started_at);
    CREATE TABLE checkins (
        play_id INTEGER NOT NULL REFERENCES plays (id) ON DELETE CASCADE,
        moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
        mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 5),
        words TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (play_id, moment)
    );
    INSERT INTO checkins SELECT play_id, moment, mood, words FROM checkins_kept;
    DROP TABLE checkins_kept;
    CREATE TABLE program_runs (
        program_id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        paused_at TEXT
    );
    CREATE TABLE program_days (
        program_id TEXT NOT NULL REFERENCES program_runs (program_id) ON DELETE CASCADE,
        day INTEGER NOT NULL CHECK (day >= 1),
        finished_at TEXT NOT NULL,
        PRIMARY KEY (program_id, day)
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class DamagedJournal(Exception):
    pass


class JournalBusy(Failure):
    """Another program held the journal for the whole busy timeout; nothing was changed."""


class JournalConnection(sqlite3.Connection):
    """The journal's connection: a statement that meets a journal held elsewhere, or one this account may only read,
    ends in a one-line Failure that names the file and what to do, wherever in Stillpoint it was made."""

    path: Path | None = None  # None for a journal in memory

    def execute(self, sql: str, parameters=(), /):
        try:
            return super().execute(sql, parameters)
        except sqlite3.OperationalError as error:
            text = str(error)
            if "locked" in text or "busy" in text:
                raise JournalBusy(f"the practice journal {self.path} is busy in another program (waited "
                                  f"{BUSY_TIMEOUT_MS // 1000} s); nothing was changed: try again when it has "
                                  "finished") from error
            if "readonly" in text:
                raise Failure(f"the practice journal {self.path} is read-only for this account; nothing was "
                              f"changed: give your account write permission (chmod u+w {self.path})") from error
            raise


class NewerJournal(Failure):
    """A journal from a newer Stillpoint: refused, left untouched."""


def connect_in_memory() -> sqlite3.Connection:
    """A journal that keeps nothing after the window closes: the window's stand-in when the real one cannot be
    opened."""
    connection = sqlite3.connect(":memory:", isolation_level=None, factory=JournalConnection)
    connection.execute("PRAGMA foreign_keys = ON")
    migrate(connection)
    return connection


def journal_path() -> Path:
    return data_dir() / FILE_NAME


def connect(path: Path | None = None, notices: list[str] | None = None) -> sqlite3.Connection:
    """An open, migrated journal. A damaged file is moved aside and a fresh one started; a notice says where the old
    file went (added to `notices`, or without them printed on stderr)."""
    path = Path(path or journal_path())
    if path.is_symlink():  # never opened, chmodded or created through a link (it may lead anywhere)
        raise Failure(f"the practice journal {path} is a link; Stillpoint keeps its journal as a file of its own "
                      "there: move the link aside")
    try:
        exists = path.exists()
    except OSError as error:  # its folder cannot be searched
        raise Failure(f"cannot reach the practice journal {path}: {error.strerror}; give your account access to "
                      f"{path.parent}") from error
    if exists and not path.is_file():
        raise Failure(f"the practice journal {path} is not a file (a folder, or something else); move it aside")
    if exists and not os.access(path, os.R_OK, effective_ids=True):
        raise Failure(f"the practice journal {path} cannot be read by this account (permission denied); it is left "
                      f"as it is: give your account read and write permission (chmod u+rw {path})")
    if exists and not all(os.access(p, os.W_OK, effective_ids=True) for p in (path, path.parent)):
        return _open_read_only(path, notices)
    _private_folder(path.parent)
    try:
        return _open_when_free(path)
    except (sqlite3.DatabaseError, DamagedJournal) as error:  # a busy file is not a damaged one: see below
        aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(path) + suffix)
            if source.exists():
                source.replace(Path(str(aside) + suffix))
        notice = f"The practice journal could not be read ({error}). It was moved to {aside} and a new journal was started."
        if notices is not None:
            notices.append(notice)
        else:  # a command: said on the terminal, whichever command opened it
            print(f"stillpoint: {notice}", file=sys.stderr)
        return _open(path)


def _private_folder(folder: Path) -> None:
    """The journal's folder, owner-only (private on a shared computer) when Stillpoint makes it, or when it is
    Stillpoint's own default folder and not a link; a folder a person pointed Stillpoint at keeps its mode."""
    import platformdirs

    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)  # mkdir's mode passes through the umask
    elif folder == Path(platformdirs.user_data_dir(APP_NAME)) and not folder.is_symlink():
        folder.chmod(0o700)


def _open_when_free(path: Path) -> sqlite3.Connection:
    """Open the journal, waiting while another instance holds it (creating it, switching it to WAL, migrating)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            return _open(path)
        except JournalBusy:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        except sqlite3.OperationalError as error:
            raise Failure(f"cannot open the practice journal at {path}: {error}") from error


def _private(path: Path) -> None:
    """The journal and its -wal/-shm files readable by this account only, whatever the umask (SQLite gives the
    -wal and -shm files it creates the database file's mode). The file is opened here only to create it: closing a
    descriptor of a file drops every POSIX lock this process holds on it, SQLite's locks of other connections too."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    for suffix in ("", "-wal", "-shm"):
        part = Path(str(path) + suffix)
        if part.exists() and part.stat().st_mode & 0o777 != 0o600:
            part.chmod(0o600)


def _open_read_only(path: Path, notices: list[str] | None) -> sqlite3.Connection:
    """A journal this account may read but not write (its file or folder): shown as it is, with a notice; a write
    ends in a one-line message (JournalConnection)."""
    from urllib.parse import quote

    connection = _connection(f"file:{quote(str(path))}?mode=ro", path, uri=True)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            migrate(connection)  # refused: from a newer Stillpoint
        if version < SCHEMA_VERSION:
            raise Failure(f"the practice journal {path} is read-only for this account and from an older Stillpoint, "
                          f"so it cannot be updated; it is left as it is: give your account write permission "
                          f"(chmod u+w {path})")
        if (check := connection.execute("PRAGMA quick_check").fetchone()[0]) != "ok":
            raise Failure(f"the practice journal {path} cannot be read ({check}); it is read-only for this account, "
                          "so it is left as it is")
    except BaseException:
        connection.close()
        raise
    notice = (f"The practice journal {path} is read-only for this account: it is shown as it is, and nothing new "
              f"is kept in it until your account may write it (chmod u+w {path}).")
    if notices is not None:
        notices.append(notice)
    else:
        print(f"stillpoint: {notice}", file=sys.stderr)
    return connection


def _connection(database: str | Path, path: Path, uri: bool = False) -> JournalConnection:
    connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=uri,
                                 factory=JournalConnection)
    connection.path = path
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def reopen(path: Path) -> JournalConnection:
    """Another connection to a journal already opened (and migrated) by connect: for a thread of its own."""
    connection = _connection(path, path)
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA synchronous = NORMAL")
    return connection


def _open(path: Path) -> sqlite3.Connection:
    _private(path)
    connection = _connection(path, path)
    try:
        connection.execute("PRAGMA secure_delete = ON")  # what is deleted is overwritten, not left in free pages
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise DamagedJournal("cannot switch to WAL mode")
        connection.execute("PRAGMA synchronous = NORMAL")
        check = connection.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedJournal(check)
        migrate(connection)
        return connection
    except BaseException:
        connection.close()
        raise


def migrate(connection: sqlite3.Connection, to_version: int = SCHEMA_VERSION) -> None:
    """Apply the migrations from the file's version up to `to_version`, each in its own transaction."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:  # not damaged: never moved aside, never written
        raise NewerJournal(f"the practice journal was written by a newer Stillpoint (its schema {version}, this one "
                           f"knows {SCHEMA_VERSION}); it is left as it is: update Stillpoint to use it")
    for index in range(version, to_version):
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("PRAGMA user_version").fetchone()[0] == index:  # another instance may have done it
                for statement in MIGRATIONS[index].split(";"):
                    if statement.strip():
                        connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {index + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
