#!/usr/bin/env bash
# The one entry point for developers and CI (.ci/run calls `tools/dev.sh test`).
#
#   tools/dev.sh deps                 install missing Debian 12 packages
#   tools/dev.sh build [BUILDDIR]     deps, configure (once), ninja
#   tools/dev.sh play [OPTS] [FILE]   build, run msess-play (build/demo.mp4 if no FILE)
#   tools/dev.sh test                 deps, services, every test stage, one summary line
#
# `tools/dev.sh services` (not in the usage text) starts Xvfb and PulseAudio
# like `test` does, leaves them running and prints the export lines:
#   eval "$(tools/dev.sh services)"
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Everything `build`, `test` and `play` need, plus what the real audio/video
# tests need (X server, sound server, tools to look at what they produced).
DEPS=(
    meson ninja-build pkg-config gcc g++
    libavformat-dev libavcodec-dev libavutil-dev libswresample-dev libswscale-dev libavfilter-dev
    ffmpeg portaudio19-dev libsdl2-dev valgrind time
    xvfb x11-utils x11-apps imagemagick xdotool
    pulseaudio pulseaudio-utils libasound2-plugins alsa-utils sox
    # the Media Foundation shim's checks (tests/mf): mingw-w64's compilers and
    # Windows headers, clang for the C++ header tests
    gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 mingw-w64-x86-64-dev clang
)

# Where start_pulse keeps its private server (socket, pid file, log).
PULSE_DIR=${MSESS_PULSE_DIR:-${TMPDIR:-/tmp}/msess-pulse-$(id -u)}
PULSE_SINK=msess_null
XVFB_DISPLAY_FIRST=99

# Processes this script started and must stop when it exits (test only).
STARTED_PIDS=()

log() { printf 'dev.sh: %s\n' "$*" >&2; }
have_cmds() {
    local c
    for c in "$@"; do command -v "$c" >/dev/null || return 1; done
}
die() { log "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: tools/dev.sh deps
       tools/dev.sh build [BUILDDIR]
       tools/dev.sh play [msess-play options] [FILE|URL]
       tools/dev.sh test
EOF
}

as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    else
        command -v sudo >/dev/null || die "not root and no sudo: cannot run $*"
        sudo "$@"
    fi
}

# ---------------------------------------------------------------- deps

is_installed() {
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]
}

cmd_deps() {
    have_cmds dpkg-query apt-get ||
        die "deps needs Debian's dpkg-query and apt-get (Debian 12)"
    local missing=() p
    for p in "${DEPS[@]}"; do
        is_installed "$p" || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi
    log "installing: ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            --no-install-recommends "${missing[@]}"; then
        log "install without recommends failed; retrying with them"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
            "${missing[@]}"
    fi
}

# --------------------------------------------------------------- build

# abs_builddir DIR: a relative build dir is relative to the repository root.
abs_builddir() {
    if [[ $1 == /* ]]; then printf '%s\n' "$1"; else printf '%s\n' "$ROOT/$1"; fi
}

# configure DIR [meson options...]: meson setup, only if DIR is not
# configured yet (a configured dir regenerates itself when meson.build changes).
configure() {
    local dir=$1; shift
    if [[ -f $dir/build.ninja ]]; then
        return 0
    fi
    if [[ -f $dir/meson-private/coredata.dat ]]; then
        # An earlier setup stopped half way: redo it with the same options.
        meson setup --reconfigure "$@" "$dir" "$ROOT"
    else
        meson setup "$@" "$dir" "$ROOT"
    fi
}

build_dir() {
    local dir
    dir=$(abs_builddir "${1:-build}")
    configure "$dir" --buildtype=debugoptimized
    ninja -C "$dir"
}

cmd_build() {
    cmd_deps
    build_dir "${1:-build}"
}

# ---------------------------------------------------------------- play

# msess-play options that take a value (the next argument).
PLAY_VALUE_OPTS=" --threads --start --rate --loop "

sound_server_reachable() {
    command -v pactl >/dev/null && pactl_ok && return 0
    # A plain ALSA machine (no server) can play through its hardware.
    compgen -G '/dev/snd/pcmC*p' >/dev/null
}

cmd_play() {
    cmd_build build
    local player=$ROOT/build/examples/msess-play
    [[ -x $player ]] || die "$player was not built"

    local args=("$@") have_input=0 headless=0 i=0 a
    while ((i < ${#args[@]})); do
        a=${args[i]}
        case $a in
            --) ((i + 1 < ${#args[@]})) && have_input=1; break ;;
            --headless | --fast) headless=1 ;;
            --*=*) ;;
            -?*) [[ $PLAY_VALUE_OPTS == *" $a "* ]] && i=$((i + 1)) ;;
            *) have_input=1 ;;
        esac
        i=$((i + 1))
    done

    if ((!headless)) && [[ -z ${DISPLAY:-} ]] && ! sound_server_reachable; then
        log "no DISPLAY and no reachable sound server: adding --headless"
        args=(--headless "${args[@]}")
    fi
    if ((!have_input)); then
        local demo=$ROOT/build/demo.mp4
        [[ -f $demo ]] || die "no FILE given and $demo was not built"
        args+=("$demo")
    fi
    exec "$player" "${args[@]}"
}

# ------------------------------------------------------------ services

# A zombie (reaped late by a container's init) counts as dead.
pid_alive() {
    kill -0 "$1" 2>/dev/null && [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

display_answers() {
    DISPLAY=$1 timeout 5 xdpyinfo >/dev/null 2>&1
}

# Use the X server in DISPLAY if it answers, else one of ours on :99 (or the
# next free display), starting Xvfb when none runs yet. Exports DISPLAY.
start_xvfb() {
    if [[ -n ${DISPLAY:-} ]] && display_answers "$DISPLAY"; then
        return 0
    fi
    have_cmds Xvfb xdpyinfo ||
        { log "Xvfb or xdpyinfo missing (run tools/dev.sh deps)"; return 1; }

    local n lock pid
    for ((n = XVFB_DISPLAY_FIRST; n < XVFB_DISPLAY_FIRST + 10; n++)); do
        if display_answers ":$n"; then
            export DISPLAY=:$n
            log "using the X server already on :$n"
            return 0
        fi
        lock=/tmp/.X$n-lock
        if [[ -f $lock ]]; then
            pid=$(tr -dc '0-9' <"$lock")
            if [[ -n $pid ]] && pid_alive "$pid"; then
                continue # someone else's server, not answering: leave it
            fi
            rm -f "$lock" "/tmp/.X11-unix/X$n" # stale, from a dead server
        fi
        break
    done
    ((n < XVFB_DISPLAY_FIRST + 10)) || { log "no free X display"; return 1; }

    local xlog
    xlog=${TMPDIR:-/tmp}/msess-xvfb-$(id -u)-$n.log
    nohup Xvfb ":$n" -screen 0 1920x1080x24 -nolisten tcp -noreset >"$xlog" 2>&1 &
    pid=$!
    local t
    for ((t = 0; t < 100; t++)); do # 10 s
        if display_answers ":$n"; then
            STARTED_PIDS+=("$pid")
            export DISPLAY=:$n
            log "started Xvfb on :$n (pid $pid)"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    log "Xvfb did not answer on :$n within 10 s; its log:"
    sed 's/^/  /' "$xlog" >&2 || true
    return 1
}

# Does a PulseAudio server answer? Asked with autospawn off: as a normal user
# libpulse would otherwise start a daemon of its own just to answer.
pactl_ok() {
    local conf=$PULSE_DIR/client.conf
    if [[ ! -f $conf ]]; then
        mkdir -p "$PULSE_DIR" && chmod 700 "$PULSE_DIR"
        printf 'autospawn = no\n' >"$conf"
    fi
    PULSE_CLIENTCONFIG=$conf timeout 5 pactl info >/dev/null 2>&1
}

# ALSA's default device must reach PulseAudio so that PortAudio (through
# ALSA) plays into the server. Write ~/.asoundrc only when nothing routes it.
ensure_alsa_pulse() {
    if aplay -L 2>/dev/null | grep -A2 -x 'default' | grep -qi pulse; then
        return 0
    fi
    local rc=${HOME:-/root}/.asoundrc
    if [[ -e $rc ]] && grep -q 'msess tools/dev.sh' "$rc"; then
        return 0 # ours, from an earlier run (aplay -L shows no hint for it)
    fi
    if [[ -e $rc ]]; then
        log "ALSA default is not PulseAudio and $rc exists: leaving it alone"
        return 1
    fi
    cat >"$rc" <<'EOF'
# Written by msess tools/dev.sh: ALSA's default device goes to PulseAudio.
pcm.!default { type pulse }
ctl.!default { type pulse }
EOF
    log "wrote $rc (ALSA default -> PulseAudio)"
}

# Play a 0.5 s tone through ALSA's default device (the path PortAudio takes)
# while recording the null sink's monitor; the recording must not be silent.
check_pulse_audio() {
    local dir tone rec pid max
    dir=$(mktemp -d)
    tone=$dir/tone.wav
    rec=$dir/rec.raw
    sox -n -r 48000 -c 2 -b 16 "$tone" synth 0.5 sine 440 vol 0.5
    # A short latency: parec's default fragment is about 2 s, and what is
    # still in it when parec is stopped never reaches the file.
    parec -d "$PULSE_SINK.monitor" --latency-msec=20 --raw --format=s16le \
        --rate=48000 --channels=2 >"$rec" 2>"$dir/parec.log" &
    pid=$!
    sleep 0.3
    local player=aplay
    if ! timeout 10 aplay -q -D default "$tone" 2>"$dir/play.log"; then
        log "aplay through ALSA default failed: $(head -c 300 "$dir/play.log")"
        player=paplay
        timeout 10 paplay "$tone" 2>>"$dir/play.log" || true
    fi
    sleep 0.3
    kill -INT "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    max=$(sox -t raw -r 48000 -e signed -b 16 -c 2 "$rec" -n stat 2>&1 |
        awk '/^Maximum amplitude/ { print $3 }')
    local bytes
    bytes=$(stat -c %s "$rec")
    rm -rf "$dir"
    if [[ -n $max ]] && awk -v m="$max" 'BEGIN { exit !(m > 0.05) }'; then
        log "sound check: $player -> $PULSE_SINK.monitor recorded $bytes bytes, peak $max"
        [[ $player == aplay ]] # paplay alone means PortAudio's ALSA path is broken
    else
        log "sound check failed: recorded $bytes bytes, peak ${max:-none}"
        return 1
    fi
}

# Use the PulseAudio server that answers (ours from an earlier run first),
# else start a private one with a null sink as the default. Exports
# PULSE_SERVER when the server is ours.
start_pulse() {
    have_cmds pulseaudio pactl sox parec aplay ||
        { log "pulseaudio or pactl missing (run tools/dev.sh deps)"; return 1; }
    local ours=unix:$PULSE_DIR/native
    if PULSE_SERVER=$ours pactl_ok; then
        export PULSE_SERVER=$ours
        log "using our pulseaudio from an earlier run on $ours"
        ensure_alsa_pulse || true
        check_pulse_audio
        return
    fi
    if pactl_ok; then
        log "using the running sound server ($(pactl info 2>/dev/null |
            sed -n 's/^Server Name: //p'))"
        return 0
    fi

    rm -f "$PULSE_DIR/native" "$PULSE_DIR/pid"
    # -n: no default.pa (it wants D-Bus, udev and real cards); load just a
    # null sink and the native protocol on our own socket. PULSE_RUNTIME_PATH
    # puts the pid file there too; as root pulseaudio only warns.
    if ! PULSE_RUNTIME_PATH=$PULSE_DIR pulseaudio --daemonize=yes --system=false \
            --exit-idle-time=-1 --disallow-exit --use-pid-file=yes \
            --realtime=no --high-priority=no -n \
            --log-target="file:$PULSE_DIR/log" \
            --load="module-null-sink sink_name=$PULSE_SINK" \
            --load="module-native-protocol-unix auth-anonymous=1 socket=$PULSE_DIR/native" \
            2>>"$PULSE_DIR/log"; then
        log "pulseaudio did not start; its log:"
        sed 's/^/  /' "$PULSE_DIR/log" >&2 || true
        return 1
    fi
    local t
    for ((t = 0; t < 50; t++)); do
        PULSE_SERVER=$ours pactl_ok && break
        sleep 0.1
    done
    export PULSE_SERVER=$ours
    if ! pactl_ok; then
        log "pulseaudio started but does not answer on $ours; its log:"
        sed 's/^/  /' "$PULSE_DIR/log" >&2 || true
        return 1
    fi
    local pid
    pid=$(tr -dc '0-9' <"$PULSE_DIR/pid" 2>/dev/null || true)
    [[ -n $pid ]] && STARTED_PIDS+=("$pid")
    pactl set-default-sink "$PULSE_SINK"
    log "started pulseaudio (pid ${pid:-?}) on $ours, default sink $PULSE_SINK"
    ensure_alsa_pulse || true
    check_pulse_audio
}

stop_started() {
    local pid
    for pid in "${STARTED_PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    STARTED_PIDS=()
}

cmd_services() {
    cmd_deps
    start_xvfb
    start_pulse
    STARTED_PIDS=() # keep them running
    printf 'export DISPLAY=%q\n' "$DISPLAY"
    [[ -n ${PULSE_SERVER:-} ]] && printf 'export PULSE_SERVER=%q\n' "$PULSE_SERVER"
    return 0
}

# ---------------------------------------------------------------- test

T_PASSED=0 T_FAILED=0 T_SKIPPED=0 T_STAGES_FAILED=0
STAGE_LINES=()

# count_summary LOG: add meson's closing counts; prints "ok fail skip" found.
count_summary() {
    sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
        /^Ok:[ \t]+[0-9]+/              { ok += $2; seen = 1 }
        /^Expected Fail:[ \t]+[0-9]+/   { ok += $3; seen = 1 }
        /^Fail:[ \t]+[0-9]+/            { fail += $2; seen = 1 }
        /^Unexpected Pass:[ \t]+[0-9]+/ { fail += $3; seen = 1 }
        /^Timeout:[ \t]+[0-9]+/         { fail += $2; seen = 1 }
        /^Skipped:[ \t]+[0-9]+/         { skip += $2; seen = 1 }
        END { if (seen) print ok + 0, fail + 0, skip + 0; else print "none" }'
}

# stage NAME CMD...: run one step, record its outcome. A stage whose command
# fails without meson having reported a failed test counts as one failure.
stage() {
    local name=$1; shift
    local log=$LOGDIR/$name.log rc=0 counts ok fail skip
    log "== stage $name: $*"
    "$@" 2>&1 | tee "$log" || rc=$?
    counts=$(count_summary "$log")
    if [[ $counts == none ]]; then
        ok=0 fail=0 skip=0
    else
        read -r ok fail skip <<<"$counts"
    fi
    if ((rc != 0 && fail == 0)); then
        fail=1
    fi
    T_PASSED=$((T_PASSED + ok)) T_FAILED=$((T_FAILED + fail)) T_SKIPPED=$((T_SKIPPED + skip))
    if ((rc != 0)); then
        T_STAGES_FAILED=$((T_STAGES_FAILED + 1))
        STAGE_LINES+=("stage $name FAILED (exit $rc): $ok ok, $fail failed, $skip skipped")
    else
        STAGE_LINES+=("stage $name ok: $ok ok, $fail failed, $skip skipped")
    fi
    return "$rc"
}

build_and_test() { # DIR: build, then run its suite (errexit is off here)
    ninja -C "$1" && meson test -C "$1" --print-errorlogs
}

# Called where errexit is off (stage's pipeline): every step checks itself.
asan_build_and_test() {
    local dir=$ROOT/build-asan
    local opts=("-Db_sanitize=address,undefined" -Db_lundef=false --buildtype=debug -Dwerror=true)
    configure "$dir" "${opts[@]}" || return
    # Whatever an earlier setup chose, this dir is the sanitizer build.
    meson configure "$dir" "${opts[@]}" || return
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
        UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
        build_and_test "$dir"
}

# Suites the build defines, from `meson test --list` lines "proj:s1+s2 / name".
list_suites() {
    meson test -C "$1" --list 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | awk -F' / ' '
        NF >= 2 { n = split($1, p, ":"); if (n < 2) next
                  m = split(p[2], s, "+"); for (i = 1; i <= m; i++) print s[i] }' |
        sort -u
}

# Thread sanitizer on the threaded suites; FFmpeg's own frame threads are
# uninstrumented, so their hand-offs are suppressed (tests/tsan.supp).
tsan_build_and_test() {
    local dir=$ROOT/build-tsan
    local opts=("-Db_sanitize=thread" -Db_lundef=false --buildtype=debugoptimized -Dwerror=true)
    configure "$dir" "${opts[@]}" || return
    meson configure "$dir" "${opts[@]}" || return
    ninja -C "$dir" || return
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$ROOT/tests/tsan.supp" \
        meson test -C "$dir" --print-errorlogs --suite unit --suite integration \
            --suite mf --no-suite mf-scripts
}

# Valgrind on the same suites, less the scripts and the tests that play
# through PortAudio (suite devices): ALSA's pulse plugin is not clean under it.
valgrind_test() {
    local dir=$ROOT/build suites=() s have
    have=$(list_suites "$dir")
    for s in unit integration mf; do
        if grep -qx "$s" <<<"$have"; then
            suites+=(--suite "$s")
        else
            log "valgrind: no suite '$s' defined (yet)"
        fi
    done
    if ((${#suites[@]} == 0)); then
        log "valgrind: nothing to run"
        return 0
    fi
    meson test -C "$dir" --setup valgrind --print-errorlogs "${suites[@]}" --no-suite mf-scripts \
        --no-suite devices
}

cmd_test() {
    cmd_deps
    LOGDIR=$(mktemp -d)
    trap 'stop_started; rm -rf "$LOGDIR"' EXIT
    start_xvfb || log "warning: no X display; tests that need one will skip"
    start_pulse || log "warning: no working sound server; tests that need one will skip"
    log "DISPLAY=${DISPLAY:-} PULSE_SERVER=${PULSE_SERVER:-}"

    local build=$ROOT/build built=0
    if stage configure configure "$build" --buildtype=debugoptimized -Dwerror=true &&
        stage build ninja -C "$build"; then
        built=1
        stage test meson test -C "$build" --print-errorlogs || true
    fi
    stage asan asan_build_and_test || true
    stage tsan tsan_build_and_test || true
    if ((built)); then # else the build failure was counted once already
        stage valgrind valgrind_test || true
    fi

    local line
    for line in "${STAGE_LINES[@]}"; do
        log "$line"
    done
    stop_started
    echo "$T_PASSED passed, $T_FAILED failed, $T_SKIPPED skipped"
    ((T_STAGES_FAILED == 0))
}

# ---------------------------------------------------------------- main

main() {
    local cmd=${1:-}
    (($#)) && shift
    case $cmd in
        deps) cmd_deps ;;
        build) cmd_build "$@" ;;
        play) cmd_play "$@" ;;
        test) cmd_test ;;
        services) cmd_services ;;
        -h | --help | help) usage ;;
        *) usage; exit 2 ;;
    esac
}

# Sourcing the file (for testing its functions) runs nothing.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
