#!/usr/bin/env bash
# Real-time playback benchmark: the same 1080p30 H.264 + AAC clip of 30 s
# played on an X server (Xvfb) and a sound server (PulseAudio, null sink) by
# msess-play, GStreamer's playbin (ximagesink + pulsesink), mpv (--vo=x11)
# and ffplay, one after the other in one run. For each: CPU seconds, peak
# RSS, dropped frames. For msess also: A-V difference at each presented
# frame (median, p99, max), startup (start call to first frame shown) and
# exact-frame seeks while playing (call to the target frame shown), and the
# A/V sync a viewer sees, measured on the screen and the sink's monitor
# against a reference (tests/test-av-sync.py, on the flash/beep clip).
#
# Targets: CPU no more than GStreamer's, peak RSS <= 120 MiB, no dropped
# frames, A-V median < 5 ms, startup < 50 ms, exact-frame seek < 100 ms.
# A benchmark never fails on a figure: it prints `target: met/missed` and
# exits 0; non-zero only when it cannot measure.
#
# Environment: BUILDDIR (default build), RUNS (default 1; medians when more),
# MSESS_BENCH_NO_BUILD=1 to skip `tools/dev.sh build`, PLAYERS (default
# "msess gstreamer mpv ffplay").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILDDIR=${BUILDDIR:-build}
[[ $BUILDDIR == /* ]] || BUILDDIR=$ROOT/$BUILDDIR
RUNS=${RUNS:-1}
PLAYERS=${PLAYERS:-msess gstreamer mpv ffplay}
RSS_TARGET_KIB=$((120 * 1024))

log() { printf 'realtime.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# The other players, from Debian (installed when missing, as root).
BENCH_DEPS=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good
            gstreamer1.0-libav gstreamer1.0-x gstreamer1.0-pulseaudio mpv ffmpeg time)
missing=()
for p in "${BENCH_DEPS[@]}"; do
    [[ $(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null) == installed ]] || missing+=("$p")
done
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        log "installing: ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    else
        log "missing (not root, not installing): ${missing[*]}; those players are skipped"
    fi
fi

if [[ ${MSESS_BENCH_NO_BUILD:-0} != 1 ]]; then
    "$ROOT/tools/dev.sh" build "$BUILDDIR" >&2
fi
PLAYER=$BUILDDIR/examples/msess-play
SEEKER=$BUILDDIR/bench/msess-bench-seek
[[ -x $PLAYER && -x $SEEKER ]] || die "$PLAYER or $SEEKER not built"

# Xvfb and PulseAudio (ours unless they answer already), for the whole run.
eval "$("$ROOT/tools/dev.sh" services)"
log "DISPLAY=$DISPLAY PULSE_SERVER=${PULSE_SERVER:-default}"

# The clip: testsrc2 moves and has gradients and text, so x264 spends a
# realistic bitrate on it (about 6 Mbit/s); a keyframe every second, as
# streaming encodes have (an exact seek decodes from the keyframe before).
CLIP=$BUILDDIR/bench/h264-1080p30-30s-g30.mp4
if [[ ! -s $CLIP ]]; then
    mkdir -p "$(dirname "$CLIP")"
    log "generating $CLIP (1920x1080, 30 fps, 30 s, libx264 medium, GOP 30, AAC)"
    ffmpeg -nostdin -hide_banner -loglevel error -y \
        -f lavfi -i testsrc2=size=1920x1080:rate=30 -f lavfi -i sine=f=440:sample_rate=48000 \
        -t 30 -c:v libx264 -preset medium -g 30 -pix_fmt yuv420p \
        -c:a aac -b:a 128k "$CLIP.tmp.mp4"
    mv "$CLIP.tmp.mp4" "$CLIP"
fi
cat "$CLIP" >/dev/null # page cache

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cat >"$WORK/drops.lua" <<'EOF'
mp.register_event("end-file", function()
    io.stderr:write(string.format("MPV_DROPS %s %s\n",
        mp.get_property("frame-drop-count", "0"), mp.get_property("decoder-frame-drop-count", "0")))
end)
EOF

# run NAME CMD...: one timed run; leaves $WORK/NAME.{out,err,time}.
run() {
    local name=$1; shift
    if ! /usr/bin/time -f '%U %S %e %M' -o "$WORK/$name.time" "$@" \
            >"$WORK/$name.out" 2>"$WORK/$name.err" </dev/null; then
        log "$name failed: $*"
        tail -n 5 "$WORK/$name.err" >&2
        return 1
    fi
}

# Dropped frames, as each player reports them.
drops() {
    case $1 in
        msess) python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(sum(s.get("frames_dropped", 0) for s in d["streams"] if s["type"] == "video"))' "$WORK/msess.out" ;;
        gstreamer) # ximagesink's QoS messages carry its running count
            { grep -o 'dropped=(guint64)[0-9]*' "$WORK/gstreamer.out" || true; } |
                sed 's/.*)//' | sort -n | tail -n 1 | awk '{ n = $1 } END { print n + 0 }' ;;
        mpv) awk '/^MPV_DROPS/ { n = $2 + $3 } END { print n + 0 }' "$WORK/mpv.err" ;;
        ffplay) tr '\r' '\n' <"$WORK/ffplay.err" | grep -o 'fd= *[0-9]*' | tail -n 1 |
                    awk '{ gsub("fd=", ""); print $1 + 0 } END { if (!NR) print 0 }' ;;
    esac
}

play() {
    case $1 in
        msess) run msess "$PLAYER" --json "$CLIP" ;;
        gstreamer) command -v gst-launch-1.0 >/dev/null || return 2
            run gstreamer gst-launch-1.0 -m playbin "uri=file://$CLIP" \
                video-sink=ximagesink audio-sink=pulsesink ;;
        mpv) command -v mpv >/dev/null || return 2
            run mpv mpv --no-config --vo=x11 --ao=pulse --really-quiet \
                --script="$WORK/drops.lua" "$CLIP" ;;
        ffplay) command -v ffplay >/dev/null || return 2
            run ffplay ffplay -autoexit -hide_banner "$CLIP" ;;
    esac
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A CPU RSS DROP
for ((r = 1; r <= RUNS; r++)); do
    for p in $PLAYERS; do
        log "run $r/$RUNS: $p"
        rc=0
        play "$p" || rc=$?
        if ((rc == 2)); then
            log "$p not installed: skipped"
            continue
        fi
        ((rc == 0)) || die "$p could not play $CLIP"
        read -r u s _ m <"$WORK/$p.time"
        CPU[$p]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') "
        RSS[$p]+="$m "
        DROP[$p]+="$(drops "$p") "
        [[ $p == msess ]] && cp "$WORK/msess.out" "$WORK/msess-$r.json"
    done
done

log "exact-frame seeks (msess-bench-seek, 10 seeks while playing)"
"$SEEKER" --seeks 10 "$CLIP" >"$WORK/seek.json" 2>"$WORK/seek.err" ||
    { tail -n 5 "$WORK/seek.err" >&2; die "msess-bench-seek failed"; }

# The A/V sync a viewer sees and hears: screen and sink captured in one
# ffmpeg run, against a reference that flashes when PulseAudio says its
# beep is heard (tests/test-av-sync.py, on the flash/beep test clip).
AVSYNC="not measured (needs the test build's msess-av-ref and msess-av-measure)"
if [[ -x $BUILDDIR/tests/msess-av-ref && -x $BUILDDIR/tests/msess-av-measure &&
      -f $BUILDDIR/tests/flash-beep.mp4 ]]; then
    log "A/V sync on screen and sink (tests/test-av-sync.py)"
    if MSESS_TEST_MEDIA=$BUILDDIR/tests MSESS_PLAY=$PLAYER python3 "$ROOT/tests/test-av-sync.py" \
            --av-ref "$BUILDDIR/tests/msess-av-ref" --av-measure "$BUILDDIR/tests/msess-av-measure" \
            --json >"$WORK/avsync.out" 2>&1 || [[ -s $WORK/avsync.out ]]; then
        AVSYNC=$(python3 - "$WORK/avsync.out" <<'EOF' || true
import json, sys
lines = [l for l in open(sys.argv[1]) if l.startswith("{")]
d = json.loads(lines[-1]) if lines else {}
a, b = d.get("player_minus_reference_ms"), d.get("player_minus_reference_after_first_ms")
if a:
    s = f"median {a['median']:+.2f} ms, p90 {a['p90']:.2f} ms, max {a['max']:.2f} ms"
    if b:
        s += f"; without the first frame: median {b['median']:+.2f} ms, max {b['max']:.2f} ms"
    print(s)
EOF
)
    fi
    [[ -n $AVSYNC ]] || AVSYNC="not measured (tests/test-av-sync.py: $(tail -n 1 "$WORK/avsync.out"))"
fi

# ---- report
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
printf '\nReal-time playback, %s (1080p30 H.264 + AAC, 30 s), DISPLAY %s, %d run(s), medians\n' \
    "$(basename "$CLIP")" "$DISPLAY" "$RUNS"
printf '%-10s %8s %9s %8s\n' player cpu_s rss_mib dropped
for p in $PLAYERS; do
    [[ -n ${CPU[$p]:-} ]] || continue
    c=$(tr ' ' '\n' <<<"${CPU[$p]}" | grep . | median)
    m=$(tr ' ' '\n' <<<"${RSS[$p]}" | grep . | median)
    d=$(tr ' ' '\n' <<<"${DROP[$p]}" | grep . | median)
    printf '%-10s %8.2f %9s %8s\n' "$p" "$c" "$(mib "$m")" "$d"
    eval "MED_CPU_$p=$c MED_RSS_$p=$m MED_DROP_$p=$d"
done

python3 - "$WORK" "$RUNS" <<'EOF'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
ds = [json.load(open(f"{work}/msess-{r}.json")) for r in range(1, runs + 1)]
med = lambda k: statistics.median(d["av_sync"][k] for d in ds)
print(f"msess A-V at presentation: median {med('median_ms'):.2f} ms, p99 {med('p99_ms'):.2f} ms, "
      f"max {med('max_ms'):.2f} ms")
print(f"msess startup (start call to first frame shown): "
      f"{statistics.median(d['startup_ms'] for d in ds):.1f} ms")
s = json.load(open(f"{work}/seek.json"))
print(f"msess exact-frame seek while playing: median {s['median_ms']:.1f} ms, max {s['max_ms']:.1f} ms, "
      f"every seek on its frame: {'yes' if s['exact'] else 'NO'} ({s['outputs']})")
EOF
printf 'A/V sync seen and heard (flash/beep clip, vs reference): %s\n' "$AVSYNC"

# ---- targets
verdict() { if "$@"; then echo met; else echo missed; fi; }
if [[ -n ${MED_CPU_msess:-} ]]; then
    if [[ -n ${MED_CPU_gstreamer:-} ]]; then
        printf 'target CPU <= GStreamer (%.2f s vs %.2f s, ratio %.2f): %s\n' "$MED_CPU_msess" \
            "$MED_CPU_gstreamer" "$(awk -v a="$MED_CPU_msess" -v b="$MED_CPU_gstreamer" 'BEGIN { print a / b }')" \
            "$(verdict awk -v a="$MED_CPU_msess" -v b="$MED_CPU_gstreamer" 'BEGIN { exit !(a <= b) }')"
    fi
    printf 'target peak RSS <= 120 MiB (%s MiB): %s\n' "$(mib "$MED_RSS_msess")" \
        "$(verdict test "$MED_RSS_msess" -le "$RSS_TARGET_KIB")"
    printf 'target no dropped frames (%s): %s\n' "$MED_DROP_msess" \
        "$(verdict test "${MED_DROP_msess%.*}" -eq 0)"
    python3 - "$WORK" "$RUNS" <<'EOF'
import json, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
ds = [json.load(open(f"{work}/msess-{r}.json")) for r in range(1, runs + 1)]
s = json.load(open(f"{work}/seek.json"))
av = statistics.median(d["av_sync"]["median_ms"] for d in ds)
st = statistics.median(d["startup_ms"] for d in ds)
ok = lambda c: "met" if c else "missed"
print(f"target A-V median < 5 ms ({av:.2f} ms): {ok(av < 5)}")
print(f"target startup < 50 ms ({st:.1f} ms): {ok(st < 50)}")
print(f"target exact-frame seek < 100 ms (median {s['median_ms']:.1f} ms, max {s['max_ms']:.1f} ms): "
      f"{ok(s['median_ms'] < 100 and s['exact'])}")
EOF
fi
