"""Where Stillpoint keeps user data and caches (overridable for tests and benchmarks)."""

import os
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


def shipped_sessions_dir() -> Path:
    return REPO_ROOT / "sessions"


def shipped_poems_dir() -> Path:
    return REPO_ROOT / "poems"


def assets_dir() -> Path:
    return REPO_ROOT / "assets"
