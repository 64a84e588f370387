#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Stillpoint needs: scripts/system-deps.sh run|test
#   run   what the player needs: venv support, the libraries Qt's xcb window needs, a font, the sound client
#   test  that, plus what the tests use: a compiler and headers (simpleaudio), PulseAudio, espeak-ng, Xvfb,
#         ffmpeg (ffprobe), a D-Bus session bus and gdbus, desktop-file-validate, a notification daemon (dunst)
#         and systemd-analyze (the reminder's tests)
# As root it installs with apt. Otherwise it asks to use sudo (on a terminal), or prints the exact
# apt-get line to run and exits 1. Debian 12 and Ubuntu 24.04 use the same names.
set -euo pipefail
profile="${1:-run}"
run_packages=(
    python3-venv
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 fonts-dejavu-core libdbus-1-3 libglib2.0-0
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 libxcb-render-util0
    libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1 libpulse0
)
test_packages=(
    gcc python3-dev libasound2-dev
    pulseaudio pulseaudio-utils espeak-ng
    xvfb xauth
    ffmpeg
    dbus dbus-x11 libglib2.0-bin
    desktop-file-utils
    dunst systemd
)
case "$profile" in
    run) wanted=("${run_packages[@]}") ;;
    test) wanted=("${run_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: scripts/system-deps.sh run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null; then
    echo "system-deps: not a Debian or Ubuntu system; make sure the equivalents of these are installed:" >&2
    echo "  ${wanted[*]}" >&2
    exit 0
fi
missing=()
for package in "${wanted[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    [ "${status:0:2}" = "ii" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
as_root=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && [ -t 0 ]; then
        read -r -p "Stillpoint needs these system packages: ${missing[*]}. Install them now with sudo? [y/N] " answer
        case "$answer" in
            [yY]*) as_root=(sudo) ;;
            *) echo "system-deps: not installed; to install them yourself: sudo apt-get update && sudo $install_line" >&2
               exit 1 ;;
        esac
    else
        echo "system-deps: these system packages are missing: ${missing[*]}" >&2
        echo "system-deps: install them as root, then run this again: apt-get update && $install_line" >&2
        exit 1
    fi
fi
echo "system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq \
    || { echo "system-deps: apt-get update failed" >&2; exit 1; }
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "system-deps: could not install: ${missing[*]} (apt-get's error is above)" >&2; exit 1; }
