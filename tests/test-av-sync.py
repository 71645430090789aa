#!/usr/bin/env python3
"""A/V sync of msess-play as a viewer sees and hears it, against a reference.

One ffmpeg process captures a screen region (x11grab) and the default sink's
monitor (pulse) with -copyts, so both keep their capture times on one clock
(the wall clock). That capture has an offset of its own between its audio and
its video, different in every capture, so inside the same capture
msess-av-ref first beeps and flashes a window exactly when PulseAudio says
each beep is heard, then msess-play plays a flash-and-beep clip in a window
at the same place. msess-av-measure finds the onsets, pairs them, and gives
the player's offset (audio onset - flash onset) less the reference's median.

The check: |player - reference| median within --tolerance (20 ms). The
reference must be trustworthy: every beep paired, its offsets within
--ref-spread of each other, its flashes drawn on time; when it is not (a
loaded machine), the capture is tried again once.

Also a tool for the benchmark: --clip, --region (captured and watched, where
the reference's window goes), --player-geometry / --player-arg /
--player-env, --json (one summary object on stdout). For a 1080p clip made
by `msess-gen-media --flash-beep --size 1920x1080`:
  test-av-sync.py --clip clip.mp4 --player-geometry 1920x1080+0+0 --json
watches a 320x237 part of the window's left margin (default_region).

Reported besides the figure: the capture's own offset and the spread of the
reference's offsets; the player's first flash (frame 0 is shown as a poster
when the window opens, before the clock runs, so it is not in sync by
design and only the median counts); silence inserted in the player's sound
(beeps later than the 1 s period: underruns); msess-play's own A/V figures
(--json av_sync: frame time minus clock time when shown).

Environment (set by meson, see tests/meson.build): MSESS_PLAY,
MSESS_TEST_MEDIA; DISPLAY and a PulseAudio server (PULSE_SERVER or the
user's). Exit: 0 passed, 1 failed, 77 skipped (no display, no PulseAudio,
no ffmpeg with x11grab and pulse, no msess-av-ref built).
Python 3.11 standard library only.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BUILD = os.path.join(ROOT, "build")

SKIP = 77
CAPTURE_START_TIMEOUT = 20   # s for ffmpeg to open both inputs
SETTLE = 1.2                 # s after that: x11grab catches up, pulse timing settles
RUN_TIMEOUT = 60
MAX_PRESENT_ERROR_MS = 4.0   # the reference's flash against its own target
GAP_MS = 2.0                 # a beep this much off the 1 s period: an audio gap


def log(msg):
    print(msg, flush=True)


def skip(why):
    log(f"SKIP: {why}")
    sys.exit(SKIP)


def parse_geometry(s):
    try:
        size, x, y = s.split("+")
        w, h = size.split("x")
        g = int(w), int(h), int(x), int(y)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad geometry '{s}' (WxH+X+Y)")
    if g[0] <= 0 or g[1] <= 0 or g[2] < 0 or g[3] < 0:
        raise argparse.ArgumentTypeError(f"bad geometry '{s}'")
    return g


def geometry_str(g):
    return f"{g[0]}x{g[1]}+{g[2]}+{g[3]}"


def parse_args():
    media = os.environ.get("MSESS_TEST_MEDIA") or os.path.join(BUILD, "tests")
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--play", default=os.environ.get("MSESS_PLAY")
                   or os.path.join(BUILD, "examples", "msess-play"))
    p.add_argument("--av-ref", default=os.path.join(BUILD, "tests", "msess-av-ref"))
    p.add_argument("--av-measure", default=os.path.join(BUILD, "tests", "msess-av-measure"))
    p.add_argument("--clip", default=os.path.join(media, "flash-beep.mp4"),
                   help="flash-beep clip (msess-gen-media --flash-beep)")
    p.add_argument("--region", type=parse_geometry,
                   help="screen region captured and watched, and the reference's window "
                        "(WxH+X+Y); it must show the clip's background, not its bar code or "
                        "digits (see default_region). Default: 320x240+0+0, or with a larger "
                        "--player-geometry a part of its left margin")
    p.add_argument("--player-geometry", type=parse_geometry,
                   help="msess-play's window (default: the region)")
    p.add_argument("--player-arg", action="append", default=[],
                   help="extra msess-play argument (repeat)")
    p.add_argument("--player-env", action="append", default=[], metavar="NAME=VALUE",
                   help="environment for msess-play only (repeat), e.g. PULSE_LATENCY_MSEC=100")
    p.add_argument("--beeps", type=int, default=4, help="reference beeps")
    p.add_argument("--fps", default="119.3",
                   help="capture frame rate; not a divisor of 1 s, so flashes fall at "
                        "different phases of the capture frames (default 119.3)")
    p.add_argument("--tolerance", type=float, default=20.0, help="ms")
    p.add_argument("--ref-spread", type=float, default=14.0,
                   help="largest spread of the reference's offsets, ms")
    p.add_argument("--flash-shift", type=float, default=0.0,
                   help="shift the reference's flashes by MS (to see the check fail)")
    p.add_argument("--attempts", type=int, default=2,
                   help="captures tried while the reference is not trustworthy")
    p.add_argument("--keep", metavar="DIR", help="keep the capture and reports in DIR")
    p.add_argument("--json", action="store_true", help="summary as one JSON object on stdout")
    return p.parse_args()


def default_region(player):
    """Where msess-gen-media's pattern is plain background in a player window
    showing the clip whole: a small window is watched entirely (its bar code
    and digits change the mean luma far less than a flash); in a larger one,
    the margin left of the digits, below the bar code band (the digits of a
    16:9 clip start at 22% of the width; the band ends at 1/6 of the height)."""
    if player is None or (player[0] <= 320 and player[1] <= 240):
        return player or (320, 240, 0, 0)
    w, h, x, y = player
    rw, rh = min(320, w * 18 // 100), min(240, h * 22 // 100)
    return rw, rh, x + w * 2 // 100, y + h * 39 // 100


def child_env():
    """The environment for the programs measured. Under AddressSanitizer,
    SDL's video subsystem leaves a libdbus allocation behind (tests/lsan.supp),
    which would fail msess-play and msess-av-ref at exit."""
    env = dict(os.environ)
    supp = os.path.join(HERE, "lsan.supp")
    if os.path.exists(supp) and "LSAN_OPTIONS" not in env:
        env["LSAN_OPTIONS"] = f"suppressions={supp}"
    return env


def run(cmd, timeout=RUN_TIMEOUT, env=None):
    return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          errors="replace", timeout=timeout, env=env or child_env())


def check_environment(a):
    if not os.environ.get("DISPLAY"):
        skip("no DISPLAY")
    for tool in ("ffmpeg", "pactl"):
        if not shutil.which(tool):
            skip(f"{tool} not installed")
    for path, what in ((a.av_ref, "msess-av-ref (needs libpulse and SDL2)"),
                       (a.av_measure, "msess-av-measure"), (a.play, "msess-play")):
        if not os.access(path, os.X_OK):
            skip(f"{what} not built: {path}")
    if not os.path.exists(a.clip):
        skip(f"no clip {a.clip}")
    try:
        info = run(["pactl", "info"], timeout=10)
    except subprocess.TimeoutExpired:
        skip("PulseAudio does not answer")
    if info.returncode != 0:
        skip(f"no PulseAudio server: {info.stderr.strip()[:200]}")
    devices = run(["ffmpeg", "-hide_banner", "-devices"], timeout=20).stdout
    names = {line.split()[1] for line in devices.splitlines()
             if len(line.split()) >= 2 and line.split()[0] in ("D", "DE", "E")}
    for dev in ("x11grab", "pulse"):
        if dev not in names:
            skip(f"ffmpeg has no {dev} input")


class Capture:
    """ffmpeg: x11grab of the region + the default sink's monitor, -copyts.

    Both inputs stamp packets with the wall clock (x11grab: when the frame is
    grabbed; pulse: when read, less PulseAudio's latency, through a time
    filter). -fps_mode passthrough and -enc_time_base -1 keep the video's
    microsecond capture times (ffmpeg 5.1 would otherwise put frames on a
    1/fps grid and drop some); -thread_queue_size keeps one input from
    stalling the other. The region is scaled down by area averaging, which
    keeps its mean luma, to keep the file small.
    """

    def __init__(self, region, fps, path, logpath):
        w, h, x, y = region
        sw = max(1, min(w, 64))
        sh = max(1, round(h * sw / w))
        self.cmd = [
            "ffmpeg", "-hide_banner", "-loglevel", "info", "-nostats", "-y",
            "-thread_queue_size", "4096", "-f", "x11grab", "-draw_mouse", "0",
            "-framerate", str(fps), "-video_size", f"{w}x{h}",
            "-i", f"{os.environ['DISPLAY']}+{x},{y}",
            "-thread_queue_size", "4096", "-f", "pulse", "-i", "@DEFAULT_MONITOR@",
            "-copyts", "-fps_mode:v", "passthrough", "-enc_time_base:v", "-1",
            "-vf", f"scale={sw}:{sh}:flags=area,format=gray",
            "-c:v", "rawvideo", "-c:a", "pcm_s16le", "-f", "nut", path,
        ]
        self.logpath = logpath
        self.log = open(logpath, "w")
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=self.log)

    def wait_started(self):
        deadline = time.monotonic() + CAPTURE_START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                return False
            with open(self.logpath, errors="replace") as f:
                if "Press [q]" in f.read():
                    time.sleep(SETTLE)
                    return True
            time.sleep(0.05)
        return False

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.write(b"q\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=20)
            except (BrokenPipeError, subprocess.TimeoutExpired):
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        self.log.close()
        return self.proc.returncode

    def tail(self):
        with open(self.logpath, errors="replace") as f:
            return f.read()[-1500:]


def attempt(a, workdir, n):
    """One capture: reference, then player. Returns a dict of results."""
    region = a.region or default_region(a.player_geometry)
    pgeo = a.player_geometry or region
    cap_path = os.path.join(workdir, f"capture-{n}.nut")
    cap = Capture(region, a.fps, cap_path, os.path.join(workdir, f"ffmpeg-{n}.log"))
    out = {"capture": cap_path}
    try:
        if not cap.wait_started():
            raise RuntimeError(f"ffmpeg capture did not start:\n{cap.tail()}")
        t_ref0 = time.time()
        ref = run([a.av_ref, "--beeps", str(a.beeps), "--geometry", geometry_str(region),
                   "--flash-shift", str(a.flash_shift)])
        t_ref1 = time.time()
        play_cmd = [a.play, "--json", "--geometry", geometry_str(pgeo), "--no-border"]
        play_cmd += a.player_arg + [a.clip]
        play_env = child_env()
        play_env.update(kv.split("=", 1) for kv in a.player_env)
        t_play0 = time.time()
        play = run(play_cmd, env=play_env)
        t_play1 = time.time()
        time.sleep(0.4)  # the last beep reaches the capture
    finally:
        rc = cap.stop()
    if ref.returncode != 0:
        raise RuntimeError(f"msess-av-ref failed (rc {ref.returncode}): {ref.stderr.strip()[:800]}")
    out["reference_run"] = json.loads(ref.stdout)
    out["play_rc"] = play.returncode
    out["play_cmd"] = " ".join(play_cmd)
    out["play_stderr"] = play.stderr.strip()
    try:
        out["play"] = json.loads(play.stdout)
    except ValueError:
        out["play"] = None
    if rc not in (0, 255) or not os.path.exists(cap_path):
        raise RuntimeError(f"ffmpeg capture failed (rc {rc}):\n{cap.tail()}")
    meas = run([a.av_measure, "--range", f"reference:{t_ref0:.6f}:{t_ref1:.6f}",
                "--range", f"player:{t_play0:.6f}:{t_play1:.6f}", cap_path])
    try:
        out["measure"] = json.loads(meas.stdout)
    except ValueError:
        raise RuntimeError(f"msess-av-measure failed (rc {meas.returncode}): "
                           f"{meas.stderr.strip()[:800]}")
    out["measure_rc"] = meas.returncode
    out["measure_stderr"] = meas.stderr.strip()
    out["run_s"] = t_play1 - t_ref0
    return out


def quantile(values, q):
    """Linear between order statistics, as msess-av-measure computes it."""
    v = sorted(values)
    pos = q * (len(v) - 1)
    i = int(pos)
    return v[i] + (pos - i) * (v[i + 1] - v[i]) if i + 1 < len(v) else v[i]


def reference_problems(a, r):
    """Why this capture's reference cannot be trusted ([] when it can)."""
    problems = []
    ref = r["measure"]["ranges"].get("reference", {})
    if ref.get("pairs", 0) != a.beeps:
        problems.append(f"reference: {ref.get('pairs', 0)} of {a.beeps} beeps paired with a flash "
                        f"({ref.get('flashes', 0)} flashes, {ref.get('beeps', 0)} beeps found)")
    elif ref["spread_ms"] > a.ref_spread:
        problems.append(f"reference: offsets spread over {ref['spread_ms']:.1f} ms "
                        f"(> {a.ref_spread} ms): {ref['offsets_ms']}")
    rr = r["reference_run"]
    if rr["max_present_error_ms"] > MAX_PRESENT_ERROR_MS:
        problems.append(f"reference: a flash was drawn {rr['max_present_error_ms']:.1f} ms off "
                        f"its target (> {MAX_PRESENT_ERROR_MS} ms; machine loaded?)")
    if any(b["underflow"] for b in rr["beeps"]):
        problems.append("reference: its audio stream ran dry during a beep")
    return problems


def main():
    a = parse_args()
    check_environment(a)
    workdir = a.keep or tempfile.mkdtemp(prefix="msess-av-sync-")
    os.makedirs(workdir, exist_ok=True)
    t0 = time.monotonic()
    failures = []
    r = None
    try:
        for n in range(1, max(1, a.attempts) + 1):
            r = attempt(a, workdir, n)
            problems = reference_problems(a, r)
            if not problems:
                break
            for p in problems:
                log(f"attempt {n}: {p}")
        else:
            failures += problems
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        log(f"FAIL: {e}")
        sys.exit(1)
    finally:
        if not a.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    m = r["measure"]
    ref = m["ranges"]["reference"]
    pl = m["ranges"]["player"]
    rr = r["reference_run"]
    log(f"capture: {m['video_frames']} frames at {m['video_fps']:.1f} fps, "
        f"audio {m['audio_rate']} Hz; audio packet times wander {m['audio_ts_spread_ms']:.1f} ms "
        f"around the sample clock (p5..p95; {m['audio_ts_start_ms']:+.0f} ms at the start; "
        f"PulseAudio's latency through ffmpeg's time filter: not used)")
    log(f"reference: capture offset (audio - video) median {ref.get('median_ms', float('nan')):+.2f} ms, "
        f"spread {ref.get('spread_ms', float('nan')):.2f} ms over {ref['pairs']} beeps: "
        f"{ref['offsets_ms']}")
    log(f"reference: flashes drawn within {rr['max_present_error_ms']:.2f} ms of PulseAudio's "
        f"time, stream latency {rr['beeps'][-1]['stream_latency_ms']:.1f} ms, "
        f"underflows {rr['underflows']}")
    log(f"player: raw offsets {pl['offsets_ms']} ms ({pl['flashes']} flashes, {pl['beeps']} beeps)")
    if pl["offsets_ms"]:
        log(f"player: first flash (frame 0, the poster: shown when the window opens, before "
            f"the clock runs) {pl['offsets_ms'][0] - ref.get('median_ms', 0):+.2f} ms against "
            f"the reference")
    # Silence inserted (underruns) makes a period longer; the first one is
    # also 2-3 ms shorter from the output's 5 ms fade-in at the start.
    gaps = [g for g in pl["beep_period_errors_ms"] if g > GAP_MS]
    log(f"player: {len(gaps)} audio gaps (beeps more than {GAP_MS} ms later than the 1 s "
        f"period, e.g. underruns): {gaps}")
    summary = {"reference": ref, "reference_run": rr, "player": pl,
               "capture": {k: m[k] for k in ("video_frames", "video_fps", "max_frame_gap_ms",
                                             "audio_rate", "audio_ts_spread_ms",
                                             "audio_ts_start_ms")},
               "run_s": round(r["run_s"], 2), "player_audio_gaps_ms": gaps}
    pmr = m.get("player_minus_reference_ms")
    if pmr:
        summary["player_minus_reference_ms"] = pmr
        log(f"player - reference: median {pmr['median']:+.2f} ms, p90 {pmr['p90']:.2f} ms, "
            f"max {pmr['max']:.2f} ms (audio later than video when > 0)")
        rest = pmr["values"][1:]
        if rest:
            steady = {"median": quantile(rest, 0.5),
                      "p90": quantile([abs(v) for v in rest], 0.9),
                      "max": max(abs(v) for v in rest)}
            summary["player_minus_reference_after_first_ms"] = steady
            log(f"player - reference without the first flash: median {steady['median']:+.2f} ms, "
                f"p90 {steady['p90']:.2f} ms, max {steady['max']:.2f} ms")
    play = r["play"]
    if play:
        sync = play.get("av_sync", {})
        summary["msess_play_av_sync"] = sync
        log(f"msess-play --json av_sync: {sync}")
    if r["play_rc"] != 0 or not play or play.get("result") != "ended":
        failures.append(f"msess-play did not play to the end (rc {r['play_rc']}): "
                        f"{r['play_cmd']}\n      {r['play_stderr'][-600:]}")
    # a flash at every whole second of the clip; allow one to be missed
    duration = play.get("duration", 6.0) if play else 6.0
    expected = max(1, math.ceil(duration) - 1)
    if pl["pairs"] < expected:
        failures.append(f"player: only {pl['pairs']} flashes paired with a beep "
                        f"(>= {expected} expected)")
    if not pmr:
        failures.append("no player - reference figure")
    elif abs(pmr["median"]) > a.tolerance:
        failures.append(f"player - reference median {pmr['median']:+.2f} ms is beyond "
                        f"+-{a.tolerance} ms")
    log(f"run time {time.monotonic() - t0:.1f} s")
    if a.json:
        summary["failures"] = failures
        print(json.dumps(summary))
    for f in failures:
        log(f"FAIL: {f}")
    if failures:
        sys.exit(1)
    log("PASS")


if __name__ == "__main__":
    main()
