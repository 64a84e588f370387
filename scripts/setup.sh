#!/usr/bin/env bash
# Create .venv and install Stillpoint into it. Usage: scripts/setup.sh [extras], e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
stamp=".venv/.installed-$(cat pyproject.toml | sha1sum | cut -c1-12)-${extras//,/_}"
if [ ! -e "$stamp" ]; then
    .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
    target="."
    [ -n "$extras" ] && target=".[$extras]"
    .venv/bin/python -m pip install -q -e "$target" 2>&1 | grep -v '^WARNING: Location' || true
    .venv/bin/python -c "import app" # fail loudly if the install did not work
    touch "$stamp"
fi
# the built-in ambient beds as files (seamless loops; a file of your own with the same name replaces one)
if [ ! -e assets/ambient/rain.flac ]; then
    .venv/bin/python scripts/make_ambient.py >/dev/null
fi
