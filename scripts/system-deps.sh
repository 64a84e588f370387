#!/usr/bin/env bash
# Install the system pieces the tests use (PulseAudio, espeak-ng, ALSA headers, Xvfb) when we can:
# as root with apt. Otherwise say what is missing; the tests that need it skip with the reason
# (under CI=true they fail instead).
set -uo pipefail
needed=()
command -v pulseaudio >/dev/null || needed+=(pulseaudio)
command -v pacat >/dev/null || needed+=(pulseaudio-utils)
[ -e /usr/include/alsa/asoundlib.h ] || needed+=(libasound2-dev)
ldconfig -p 2>/dev/null | grep -q libespeak-ng || needed+=(espeak-ng)
command -v xvfb-run >/dev/null || needed+=(xvfb xauth libxcb-icccm4 libxcb-keysyms1)
ldconfig -p 2>/dev/null | grep -q libxcb-cursor || needed+=(libxcb-cursor0)
ldconfig -p 2>/dev/null | grep -q libEGL.so.1 || needed+=(libegl1)
ldconfig -p 2>/dev/null | grep -q libxkbcommon.so.0 || needed+=(libxkbcommon0)
ldconfig -p 2>/dev/null | grep -q libfontconfig || needed+=(libfontconfig1)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${needed[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${needed[@]}" >/dev/null \
        || echo "could not install: ${needed[*]}" >&2
else
    echo "not installed (needs root with apt): ${needed[*]}; the tests that use them will skip" >&2
fi
exit 0
