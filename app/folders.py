"""Where Stillpoint keeps user data and caches (overridable for tests and benchmarks), and its shipped library.

The shipped library (`sessions/`, `programs/`, `poems/`, `assets/` at the top of the repository) is mapped into the
package as `app/library/` when a wheel is built (see `pyproject.toml`), so an installed Stillpoint reads
it through `importlib.resources`; a checkout (or an editable install) reads the top-level folders.
"""

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "stillpoint"
REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The user's data folder: `STILLPOINT_DATA_DIR`, else the platform's data dir."""
    override = os.environ.get("STILLPOINT_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """The cache folder: `STILLPOINT_CACHE_DIR`, else the platform's cache dir."""
    override = os.environ.get("STILLPOINT_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def user_sessions_dir() -> Path:
    return data_dir() / "sessions"


def user_programs_dir() -> Path:
    return data_dir() / "programs"


def _shipped(name: str) -> Path:
    """A folder of the shipped library: inside the installed package, else at the top of the checkout."""
    packaged = resources.files("app") / "library" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return REPO_ROOT / name


def shipped_sessions_dir() -> Path:
    return _shipped("sessions")


def shipped_programs_dir() -> Path:
    return _shipped("programs")


def shipped_poems_dir() -> Path:
    return _shipped("poems")


def assets_dir() -> Path:
    return _shipped("assets")
