#!/usr/bin/env bash
# Create .venv and install Stillpoint into it. Usage: scripts/setup.sh [extras], e.g. scripts/setup.sh test
# Every failed step stops here with its own error. The "installed" stamp is written only after the
# installed `stillpoint` runs from outside the repository, so a failed or partial install is retried.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
extras="${1:-}"
fail() { echo "setup: $*" >&2; exit 1; }

if ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    rm -rf .venv
    python3 -m venv .venv || { rm -rf .venv; fail "could not create .venv with python3 -m venv (Debian/Ubuntu: apt-get install python3-venv)"; }
fi
stamp=".venv/.installed-$(sha1sum < pyproject.toml | cut -c1-12)-${extras//,/_}"
if [ ! -e "$stamp" ]; then
    rm -f .venv/.installed-*
    target="."
    [ -n "$extras" ] && target=".[$extras]"
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip \
        || fail "could not upgrade pip in .venv (pip's error is above)"
    .venv/bin/python -m pip install -q --disable-pip-version-check -e "$target" \
        || fail "could not install Stillpoint into .venv (pip's error is above)"
    # from outside the repository, so ./app cannot stand in for the installed package
    (cd / && "$repo/.venv/bin/stillpoint" --version >/dev/null) \
        || fail "the installed stillpoint does not start (its error is above)"
    touch "$stamp"
fi
