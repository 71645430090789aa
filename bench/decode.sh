#!/usr/bin/env bash
# Decode benchmark: CPU time of `msess-play --fast --headless` against
# `ffmpeg -i clip -f null -` on the same 1080p H.264 + AAC clip, with the same
# decoder threads, measured alternately in one run; then Media Foundation
# client code (examples/mf-grabber, every frame as RGB32 through the shim)
# against `ffmpeg -i clip -an -vf format=bgra -f null -`. Target: msess within
# 1.05x of ffmpeg. A benchmark never fails on a timing: it exits 0 and says
# `target: met` or `target: missed`; it exits non-zero only when it cannot
# measure (build, clip or a command failing).
#
# Environment: RUNS (default 3, the median is reported), BUILDDIR (default
# build), MSESS_BENCH_NO_BUILD=1 to skip `tools/dev.sh build`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILDDIR=${BUILDDIR:-build}
[[ $BUILDDIR == /* ]] || BUILDDIR=$ROOT/$BUILDDIR
RUNS=${RUNS:-3}
TARGET=1.05
THREADS=(1 0) # 0: auto, for both programs

log() { printf 'decode.sh: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

if [[ ${MSESS_BENCH_NO_BUILD:-0} != 1 ]]; then
    "$ROOT/tools/dev.sh" build "$BUILDDIR" >&2
fi
PLAYER=$BUILDDIR/examples/msess-play
GRABBER=$BUILDDIR/examples/mf-grabber
[[ -x $PLAYER ]] || die "$PLAYER not built"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (tools/dev.sh deps installs package time)"
command -v ffmpeg >/dev/null || die "ffmpeg missing (tools/dev.sh deps)"

# The clip: generated once. testsrc2 moves and has gradients and text, so
# x264 spends a realistic bitrate on it (about 6 Mbit/s at 1080p30), unlike
# flat synthetic frames; the AAC track makes both programs decode audio too.
CLIP=$BUILDDIR/bench/h264-1080p30-20s.mp4
if [[ ! -s $CLIP ]]; then
    mkdir -p "$(dirname "$CLIP")"
    log "generating $CLIP (1920x1080, 30 fps, 20 s, libx264 medium + AAC)"
    tmp=$CLIP.tmp.mp4
    ffmpeg -nostdin -hide_banner -loglevel error -y \
        -f lavfi -i testsrc2=size=1920x1080:rate=30 \
        -f lavfi -i sine=f=440:sample_rate=48000 \
        -t 20 -c:v libx264 -preset medium -pix_fmt yuv420p \
        -c:a aac -b:a 128k "$tmp"
    mv "$tmp" "$CLIP"
fi
cat "$CLIP" >/dev/null # into the page cache before the first timed run

ERRLOG=$(mktemp)
TIMEF=$(mktemp)
trap 'rm -f "$ERRLOG" "$TIMEF"' EXIT

# measure CMD...: run once; prints "cpu_s wall_s rss_kib".
measure() {
    if ! /usr/bin/time -f '%U %S %e %M' -o "$TIMEF" "$@" >/dev/null 2>"$ERRLOG"; then
        log "failed: $*"
        sed 's/^/  /' "$ERRLOG" >&2
        tail -n 1 "$TIMEF" >&2
        return 1
    fi
    tail -n 1 "$TIMEF" | awk '{ printf "%.3f %.3f %d\n", $1 + $2, $3, $4 }'
}

# median VALUES...
median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "inf" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

bitrate=$(ffprobe -v error -show_entries format=bit_rate -of csv=p=0 "$CLIP" 2>/dev/null || true)
log "clip: $CLIP (${bitrate:-?} bit/s); $RUNS runs each, alternating, median reported"
log "ffmpeg: $(ffmpeg -hide_banner -version | head -n 1)"

ROWS=()
VERDICTS=()

# compare LABEL MSESS_CMD... -- FFMPEG_ARGS...: RUNS alternate runs of each,
# one table row of medians and a verdict against TARGET.
compare() {
    local label=$1 m=() f=() r c w k
    shift
    while [[ $1 != -- ]]; do m+=("$1"); shift; done
    shift
    f=(ffmpeg -nostdin -hide_banner -loglevel error "$@")
    local m_cpu=() m_wall=() m_rss=() f_cpu=() f_wall=() f_rss=()
    for ((r = 1; r <= RUNS; r++)); do
        read -r c w k < <(measure "${m[@]}") || die "${m[0]##*/} failed"
        m_cpu+=("$c") m_wall+=("$w") m_rss+=("$k")
        read -r c w k < <(measure "${f[@]}") || die "ffmpeg failed"
        f_cpu+=("$c") f_wall+=("$w") f_rss+=("$k")
        log "$label run $r: msess ${m_cpu[-1]} s CPU, ffmpeg ${f_cpu[-1]} s CPU"
    done
    local mc fc mw fw mr fr q
    mc=$(median "${m_cpu[@]}") fc=$(median "${f_cpu[@]}")
    mw=$(median "${m_wall[@]}") fw=$(median "${f_wall[@]}")
    mr=$(median "${m_rss[@]}") fr=$(median "${f_rss[@]}")
    q=$(ratio "$mc" "$fc")
    ROWS+=("$(printf '%-16s %12s %13s %7sx %13s %14s %14s %15s' "$label" "$mc" "$fc" "$q" \
        "$mw" "$fw" "$(mib "$mr")" "$(mib "$fr")")")
    if awk -v q="$q" -v t="$TARGET" 'BEGIN { exit !(q <= t) }'; then
        VERDICTS+=("target: met ($label: ${q}x <= ${TARGET}x)")
    else
        VERDICTS+=("target: missed ($label: ${q}x > ${TARGET}x)")
    fi
    # Far below ffmpeg usually means frames were skipped, not decoded faster.
    if awk -v q="$q" 'BEGIN { exit !(q < 0.5) }'; then
        VERDICTS+=("warning: $label: msess used under half of ffmpeg's CPU; check that it decodes every frame")
    fi
}

for t in "${THREADS[@]}"; do
    label="threads $t"
    ((t == 0)) && label="threads auto"
    compare "$label" "$PLAYER" --fast --headless --threads "$t" "$CLIP" -- \
        -threads "$t" -i "$CLIP" -f null -
done
# Media Foundation client code through the shim: mf-grabber takes every
# frame as RGB32 from a sample grabber (MF_SAMPLEGRABBERSINK_IGNORE_CLOCK);
# ffmpeg converts every frame to BGRA, the same bytes, without audio.
if [[ -x $GRABBER ]]; then
    compare "MF grabber RGB32" "$GRABBER" --no-crc "$CLIP" -- \
        -i "$CLIP" -an -vf format=bgra -f null -
else
    log "$GRABBER not built (no msess-mf): MF row left out"
fi

printf '%-16s %12s %13s %8s %13s %14s %14s %15s\n' "" "msess CPU s" "ffmpeg CPU s" ratio \
    "msess wall s" "ffmpeg wall s" "msess RSS MiB" "ffmpeg RSS MiB"
printf '%s\n' "${ROWS[@]}"
printf '%s\n' "${VERDICTS[@]}"
exit 0
