"""One archive of everything a person made, and bringing it back.

A backup is a gzipped tar holding `stillpoint-backup.json` (what it is, from which Stillpoint, the journal's schema,
and a SHA-256 of every file) and the data folder's files: the journal (copied with SQLite's backup API, so a journal
in use in WAL mode is copied whole and consistent), your sessions and phrases, your programs, your sounds, and the
settings (saved mixes among them), progress in programs being in the journal. Every file in it is owner-only, and so
is the archive. Restoring checks everything before touching anything: a damaged or foreign archive, or one whose
journal is newer than this Stillpoint, is refused; existing data is replaced only when asked, and then kept aside.
"""

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app import __version__
from app.failures import BadInput, Failure
from app.folders import data_dir
from app.journal.store import FILE_NAME as JOURNAL
from app.journal.store import SCHEMA_VERSION

MANIFEST = "stillpoint-backup.json"
FORMAT = 1
LARGEST_BYTES = 8 * 2**30  # an archive's files together, unpacked: a bound against an archive that would fill the disk
SKIPPED = (JOURNAL, f"{JOURNAL}-wal", f"{JOURNAL}-shm")  # the journal goes in through the backup API


@dataclass(frozen=True)
class Restored:
    files: int
    folder: Path
    kept_aside: Path | None


def write_backup(out: Path, folder: Path | None = None) -> int:
    """Write the archive of `folder` (the data folder) to `out`, which must not exist; returns the number of files."""
    folder, out = Path(folder or data_dir()), Path(out)
    if out.exists() or out.is_symlink():
        raise BadInput(f"{out} already exists; nothing was written: choose another name, or move it aside")
    if not out.parent.is_dir():
        raise BadInput(f"the folder {out.parent} does not exist; nothing was written")
    with tempfile.TemporaryDirectory(prefix="stillpoint-backup-") as work:
        files: dict[str, Path] = {}
        journal = folder / JOURNAL
        if journal.is_file():
            copy = Path(work) / JOURNAL
            _copy_journal(journal, copy)
            files[JOURNAL] = copy
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            name = path.relative_to(folder).as_posix()
            if path.is_file() and not path.is_symlink() and _kept(name) and path.resolve() != out.resolve():
                files[name] = path
        manifest = {"format": FORMAT, "app": "stillpoint", "version": __version__,
                    "created_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "journal_schema": _schema(files[JOURNAL]) if JOURNAL in files else None,
                    "files": {name: _sha256(path) for name, path in files.items()}}
        handle, partial = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.partial-")
        os.close(handle)
        try:
            os.chmod(partial, 0o600)
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())
                for name, path in files.items():
                    _add_bytes(archive, name, path.read_bytes())
            os.link(partial, out)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise BadInput(f"{out} appeared while the backup was written; nothing was replaced") from None
        finally:
            os.unlink(partial)
    return len(files)


def _kept(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return name not in SKIPPED and ".damaged-" not in name and not base.startswith(".stillpoint-partial-")


def _copy_journal(source: Path, copy: Path) -> None:
    """A whole, consistent copy of the journal, even while a window writes to it (SQLite's backup API); the journal
    itself is only read (never migrated, never moved aside)."""
    from app.journal.store import BUSY_TIMEOUT_MS

    try:
        with contextlib.closing(sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)) as live, \
                contextlib.closing(sqlite3.connect(copy)) as target:
            live.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one file, whole: no -wal beside it in the archive
            check = target.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise Failure(f"the practice journal {source} cannot be copied ({error}); no backup was written") from None
    if check != "ok":
        raise Failure(f"the practice journal {source} is damaged ({check}); no backup was written")
    copy.chmod(0o600)


def _schema(journal: Path) -> int:
    with contextlib.closing(sqlite3.connect(f"file:{journal}?mode=ro", uri=True)) as connection:
        return connection.execute("PRAGMA user_version").fetchone()[0]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(data), 0o600, int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def restore_backup(archive_path: Path, replace: bool = False, folder: Path | None = None) -> Restored:
    """Bring a backup back into `folder` (the data folder). Everything is read and checked into a folder beside it
    first; only then is it moved into place (the data there before kept aside, with `replace`)."""
    folder, archive_path = Path(folder or data_dir()), Path(archive_path)
    if not archive_path.is_file():
        raise BadInput(f"{archive_path} is not a file; give the path of a backup made by `stillpoint backup`")
    if _holds_data(folder) and not replace:
        raise BadInput(f"{folder} already holds your Stillpoint data; nothing was changed. To replace it with the "
                       "backup (the data there now is kept aside, not deleted), add --replace")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.restoring-"))
    try:
        count = _unpack(archive_path, staging)
        aside = None
        if folder.exists():
            aside = folder.with_name(f"{folder.name}.before-restore-{datetime.datetime.now():%Y%m%d-%H%M%S}")
            folder.rename(aside)
        staging.rename(folder)
        folder.chmod(0o700)
        return Restored(count, folder, aside)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def _holds_data(folder: Path) -> bool:
    return folder.is_dir() and any(True for _ in folder.iterdir())


def _unpack(archive_path: Path, staging: Path) -> int:
    foreign = BadInput(f"{archive_path} is not a Stillpoint backup; nothing was changed: give a file made by "
                       "`stillpoint backup`")
    try:
        archive = tarfile.open(archive_path, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (tarfile.TarError, OSError, EOFError):
        raise foreign from None
    damaged = BadInput(f"{archive_path} is damaged (its files do not match what it lists); nothing was changed")
    try:
        with archive:
            try:
                members = archive.getmembers()
                manifest_member = next((m for m in members if m.name == MANIFEST and m.isfile()), None)
                if manifest_member is None:
                    raise foreign
                manifest = json.loads(archive.extractfile(manifest_member).read())
            except (tarfile.TarError, EOFError, OSError, zlib.error):
                raise damaged from None
            except ValueError:
                raise foreign from None
            if not isinstance(manifest, dict) or manifest.get("app") != "stillpoint" or not isinstance(
                    manifest.get("files"), dict):
                raise foreign
            if manifest.get("format") != FORMAT:
                raise BadInput(f"{archive_path} is a backup in a format this Stillpoint does not know "
                               f"({manifest.get('format')!r}); nothing was changed: update Stillpoint to restore it")
            schema = manifest.get("journal_schema")
            if isinstance(schema, int) and schema > SCHEMA_VERSION:
                raise BadInput(f"{archive_path} holds a journal from a newer Stillpoint (its schema {schema}, this one "
                               f"knows {SCHEMA_VERSION}); nothing was changed: update Stillpoint to restore it")
            files = manifest["files"]
            if sum(m.size for m in members) > LARGEST_BYTES:
                raise damaged
            for member in members:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or member.name not in files or not _safe_name(member.name):
                    raise damaged
                try:
                    data = archive.extractfile(member).read()
                except (tarfile.TarError, EOFError, OSError, zlib.error):
                    raise damaged from None
                if hashlib.sha256(data).hexdigest() != files[member.name]:
                    raise damaged
                target = staging / member.name
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(data)
            if set(files) - {m.name for m in members}:
                raise damaged
    except tarfile.TarError:
        raise damaged from None
    _check_journal(staging / JOURNAL, archive_path)
    for path in staging.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return len(files)


def _safe_name(name: str) -> bool:
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "" not in parts and "\\" not in name


def _check_journal(journal: Path, archive_path: Path) -> None:
    if not journal.exists():
        return
    try:
        with contextlib.closing(sqlite3.connect(f"file:{journal}?mode=ro", uri=True)) as connection:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise BadInput(f"the journal in {archive_path} cannot be read ({error}); nothing was changed") from None
    if version > SCHEMA_VERSION:
        raise BadInput(f"{archive_path} holds a journal from a newer Stillpoint (its schema {version}, this one knows "
                       f"{SCHEMA_VERSION}); nothing was changed: update Stillpoint to restore it")
    if check != "ok":
        raise BadInput(f"the journal in {archive_path} is damaged ({check}); nothing was changed")
