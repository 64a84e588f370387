#!/usr/bin/env bash
# Source this: starts a private PulseAudio server with a null sink `test_sink` and exports
# PULSE_SERVER and XDG_RUNTIME_DIR. Sets STILLPOINT_AUDIO_SERVER=1 when it is up.
# Recipe: shared/notes/audio-testing.md.
if command -v pulseaudio >/dev/null && command -v pacat >/dev/null; then
    export XDG_RUNTIME_DIR=$(mktemp -d /tmp/xdg.XXXXXX); chmod 700 "$XDG_RUNTIME_DIR"
    export PULSE_SERVER="unix:$XDG_RUNTIME_DIR/pulse/native"
    pulseaudio --daemonize=yes -n --exit-idle-time=-1 --disallow-exit --use-pid-file=yes \
        --log-target=file:"$XDG_RUNTIME_DIR/pulseaudio.log" \
        -L "module-native-protocol-unix auth-anonymous=1 socket=$XDG_RUNTIME_DIR/pulse/native" \
        -L "module-null-sink sink_name=test_sink rate=48000 sink_properties=device.description=Test_Sink" \
        -L "module-always-sink" 2>/dev/null
    for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
    if pactl info >/dev/null 2>&1; then
        pactl set-default-sink test_sink
        pacat --playback --latency-msec=20 -d test_sink --format=s16le --rate=48000 --channels=2 /dev/zero &
        STILLPOINT_KEEPALIVE=$!
        sleep 0.2; pactl suspend-sink test_sink 1; pactl suspend-sink test_sink 0
        export STILLPOINT_AUDIO_SERVER=1
        trap 'kill $STILLPOINT_KEEPALIVE 2>/dev/null; pulseaudio --kill 2>/dev/null' EXIT
    else
        echo "the PulseAudio test server did not start; see $XDG_RUNTIME_DIR/pulseaudio.log" >&2
    fi
fi
