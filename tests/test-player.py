#!/usr/bin/env python3
"""msess-play as a user runs it: playback reports, options, bad input, usage.

Environment (set by meson, see tests/meson.build):
  MSESS_PLAY          path to msess-play
  MSESS_TEST_MEDIA    directory of the generated clips (build/tests)
  MSESS_SHARED_MEDIA  real-world media (../shared/media), optional

Exit status: 0 all checks passed, 1 a check failed, 77 skipped.
Python 3.11 standard library only.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PLAY = os.environ.get("MSESS_PLAY") or os.path.join(ROOT, "build", "examples", "msess-play")
MEDIA = os.environ.get("MSESS_TEST_MEDIA") or os.path.join(ROOT, "build", "tests")
SHARED = os.environ.get("MSESS_SHARED_MEDIA") or os.path.join(ROOT, "..", "shared", "media")

RUN_TIMEOUT = 60      # seconds for any normal run
BAD_TIMEOUT = 30      # bad input must be rejected within this
USAGE_TIMEOUT = 10

EXPECTED_EVENTS = [
    "topology-set", "notify-presentation-time", "capabilities-changed",
    "topology-status:ready", "topology-status:started-source", "capabilities-changed",
    "started", "end-of-presentation", "topology-status:ended", "capabilities-changed",
    "ended", "capabilities-changed", "closed",
]

failures = []
checks = 0


def fail(what, detail=""):
    failures.append(what)
    print(f"FAIL: {what}" + (f"\n      {detail}" if detail else ""), flush=True)


def check(cond, what, detail=""):
    """Records one check; returns cond so callers can stop early."""
    global checks
    checks += 1
    if not cond:
        fail(what, detail)
    return bool(cond)


def close(a, b, tol):
    return isinstance(a, (int, float)) and abs(a - b) <= tol


class Run:
    def __init__(self, args, rc, out, err, wall, timed_out):
        self.args, self.rc, self.out, self.err = args, rc, out, err
        self.wall, self.timed_out = wall, timed_out
        self.cmd = " ".join([os.path.basename(PLAY)] + [str(a) for a in args])

    def describe(self):
        return (f"command: {self.cmd}\n      rc={self.rc} wall={self.wall:.2f}s"
                f"\n      stderr: {self.err.strip()[:600]!r}\n      stdout: {self.out.strip()[:600]!r}")


def play(*args, timeout=RUN_TIMEOUT):
    args = [str(a) for a in args]
    t0 = time.monotonic()
    try:
        p = subprocess.run([PLAY] + args, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, errors="replace", timeout=timeout)
        r = Run(args, p.returncode, p.stdout, p.stderr, time.monotonic() - t0, False)
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        r = Run(args, None, out, err, time.monotonic() - t0, True)
    return r


def sane_exit(r, what):
    """No hang, no signal (a negative return code is a crash)."""
    if r.timed_out:
        fail(f"{what}: hung (no exit within the timeout)", r.describe())
        return False
    if r.rc < 0:
        fail(f"{what}: killed by signal {-r.rc} (crash)", r.describe())
        return False
    return True


def report_of(r, what):
    """The --json report: one JSON object on stdout."""
    text = r.out.strip()
    try:
        obj = json.loads(text)
    except ValueError:
        obj = None
        for line in reversed(text.splitlines()):
            if line.startswith("{"):
                try:
                    obj = json.loads(line)
                except ValueError:
                    pass
                break
    if not isinstance(obj, dict):
        fail(f"{what}: no JSON report on stdout", r.describe())
        return None
    return obj


def streams_of(rep, kind):
    return [s for s in rep.get("streams", []) if s.get("type") == kind]


def one_stream(rep, kind, what):
    s = streams_of(rep, kind)
    if not check(len(s) == 1, f"{what}: exactly one {kind} stream in the report",
                 f"streams: {rep.get('streams')}"):
        return {}
    return s[0]


def play_json(what, *args, expect_rc=0, timeout=RUN_TIMEOUT):
    """Runs with --json; checks the exit and, for expect_rc 0, result "ended"."""
    r = play(*args, "--json", timeout=timeout)
    if not sane_exit(r, what):
        return r, None
    rep = report_of(r, what)
    if expect_rc is not None:
        check(r.rc == expect_rc, f"{what}: exit status {expect_rc}", r.describe())
    if rep is not None and expect_rc == 0:
        check(rep.get("result") == "ended", f"{what}: result \"ended\"",
              f"result={rep.get('result')!r} error={rep.get('error')!r}\n      {r.describe()}")
    return r, rep


def media(name):
    return os.path.join(MEDIA, name)


# ---------------------------------------------------------------- playback

def test_av_fast():
    what = "av.mp4 --fast"
    r, rep = play_json(what, "--fast", media("av.mp4"))
    if not rep:
        return
    check(rep.get("events") == EXPECTED_EVENTS, f"{what}: event sequence",
          f"expected {EXPECTED_EVENTS}\n      got      {rep.get('events')}")
    v = one_stream(rep, "video", what)
    a = one_stream(rep, "audio", what)
    if v:
        check(v.get("frames_presented") == 100, f"{what}: video frames_presented == 100",
              f"got {v.get('frames_presented')}")
        check(v.get("frames_decoded") == 100, f"{what}: video frames_decoded == 100",
              f"got {v.get('frames_decoded')}")
        check(v.get("frames_dropped") == 0, f"{what}: video frames_dropped == 0",
              f"got {v.get('frames_dropped')}")
        check(close(v.get("first_pts"), 0.0, 0.0005), f"{what}: video first_pts == 0",
              f"got {v.get('first_pts')}")
        check(close(v.get("last_pts"), 3.96, 0.0005), f"{what}: video last_pts == 3.96",
              f"got {v.get('last_pts')}")
        check(close(v.get("end_time"), 4.0, 0.0005), f"{what}: video end_time == 4.0",
              f"got {v.get('end_time')}")
    if a:
        check(a.get("sample_rate") == 48000, f"{what}: audio sample_rate == 48000",
              f"got {a.get('sample_rate')}")
        n = a.get("samples_rendered")
        check(isinstance(n, int) and abs(n - 192000) <= 1024,
              f"{what}: audio samples_rendered within 1024 of 192000", f"got {n}")
        check(close(a.get("first_pts"), 0.0, 0.0005), f"{what}: audio first_pts == 0",
              f"got {a.get('first_pts')}")
    check(close(rep.get("duration"), 4.0, 0.0005), f"{what}: duration == 4.0",
          f"got {rep.get('duration')}")
    check("error" not in rep, f"{what}: no \"error\" member when ended", f"got {rep.get('error')!r}")


def test_threads():
    what = "av.mp4 --fast --threads 1"
    r, rep = play_json(what, "--fast", "--threads", "1", media("av.mp4"))
    if not rep:
        return
    v = one_stream(rep, "video", what)
    if v:
        check(v.get("frames_presented") == 100 and close(v.get("last_pts"), 3.96, 0.0005),
              f"{what}: same 100 frames ending at 3.96 as with the default threads",
              f"got frames={v.get('frames_presented')} last_pts={v.get('last_pts')}")


def test_start():
    what = "av.mp4 --fast --start 1.3"
    r, rep = play_json(what, "--fast", "--start", "1.3", media("av.mp4"))
    if not rep:
        return
    v = one_stream(rep, "video", what)
    a = one_stream(rep, "audio", what)
    if v:
        # 25 fps: the frame shown at 1.3 s is the one starting at 1.28 s.
        check(close(v.get("first_pts"), 1.28, 0.0005),
              f"{what}: first video pts 1.28 (the frame containing 1.3)",
              f"got {v.get('first_pts')}")
        check(v.get("frames_presented") == 68, f"{what}: 68 video frames presented (32..99)",
              f"got {v.get('frames_presented')}")
        check(close(v.get("last_pts"), 3.96, 0.0005), f"{what}: video last_pts 3.96",
              f"got {v.get('last_pts')}")
    if a:
        check(close(a.get("first_pts"), 1.3, 0.0005), f"{what}: audio first_pts 1.3 (trimmed)",
              f"got {a.get('first_pts')}")


def test_loop():
    what = "av2.mkv --fast --loop 2"
    r, rep = play_json(what, "--fast", "--loop", "2", media("av2.mkv"))
    if not rep:
        return
    v = one_stream(rep, "video", what)
    if v:
        check(v.get("frames_presented") == 150, f"{what}: 3 x 50 = 150 video frames",
              f"got {v.get('frames_presented')}")
        # Three passes of 2 s: the last frame is at 3*2 - 0.04, later by up to
        # 25 ms of A/V offset (mkv video starting after the audio, audio
        # padding) per pass.
        nominal = 3 * 2 - 0.04
        lp = v.get("last_pts")
        check(isinstance(lp, (int, float)) and nominal - 0.0005 <= lp <= nominal + 3 * 0.025 + 0.0005,
              f"{what}: video last_pts in [{nominal:.3f}, {nominal + 0.075:.3f}]", f"got {lp}")
        check(v.get("frames_dropped") == 0, f"{what}: no frames dropped",
              f"got {v.get('frames_dropped')}")
    ev = rep.get("events") or []
    check(ev.count("ended") == 1 and ev.count("end-of-presentation") == 1,
          f"{what}: one end of presentation and one ended for the whole loop", f"events: {ev}")


def test_headless():
    what = "av2.mkv --headless"
    r, rep = play_json(what, "--headless", media("av2.mkv"))
    if not rep:
        return
    v = one_stream(rep, "video", what)
    if v:
        n = (v.get("frames_presented") or 0) + (v.get("frames_dropped") or 0)
        check(n == 50, f"{what}: frames presented + dropped == 50",
              f"presented {v.get('frames_presented')} dropped {v.get('frames_dropped')}")
    check(r.wall >= 1.8, f"{what}: a clocked 2 s clip takes >= 1.8 s wall time",
          f"took {r.wall:.3f} s")


def test_headless_rate():
    what = "av2.mkv --headless --rate 2"
    r, rep = play_json(what, "--headless", "--rate", "2", media("av2.mkv"))
    if not rep:
        return
    check(r.wall >= 0.9, f"{what}: 2 s at rate 2 takes >= 0.9 s wall time",
          f"took {r.wall:.3f} s")
    check("rate-changed" in (rep.get("events") or []), f"{what}: rate-changed event",
          f"events: {rep.get('events')}")
    v = one_stream(rep, "video", what)
    if v:
        n = (v.get("frames_presented") or 0) + (v.get("frames_dropped") or 0)
        check(n == 50, f"{what}: frames presented + dropped == 50",
              f"presented {v.get('frames_presented')} dropped {v.get('frames_dropped')}")


def test_list():
    what = "--list av.mp4"
    r = play("--list", media("av.mp4"))
    if not sane_exit(r, what):
        return
    check(r.rc == 0, f"{what}: exit status 0", r.describe())
    lines = [l.strip() for l in r.out.splitlines() if l.startswith("stream ")]
    check(len(lines) == 2, f"{what}: two streams listed", r.out)
    vid = [l for l in lines if " video " in l]
    aud = [l for l in lines if " audio " in l]
    check(len(vid) == 1 and " h264 " in vid[0] + " " and "320x240" in vid[0]
          and vid[0].endswith("(selected)"),
          f"{what}: video h264 320x240 (selected)", r.out)
    check(len(aud) == 1 and " aac " in aud[0] + " " and "48000 Hz" in aud[0]
          and "2 ch" in aud[0] and aud[0].endswith("(selected)"),
          f"{what}: audio aac 48000 Hz 2 ch (selected)", r.out)
    check(r.out.startswith("format: ") and "duration: 4.000 s" in r.out,
          f"{what}: format line with duration 4.000 s", r.out)


def test_video_only():
    what = "video-only.mkv --fast"
    r, rep = play_json(what, "--fast", media("video-only.mkv"))
    if not rep:
        return
    check(not streams_of(rep, "audio"), f"{what}: no audio stream", f"streams {rep.get('streams')}")
    v = one_stream(rep, "video", what)
    if v:
        check(v.get("frames_presented") == 60, f"{what}: 60 video frames",
              f"got {v.get('frames_presented')}")
        check(v.get("frames_dropped") == 0, f"{what}: none dropped", f"got {v.get('frames_dropped')}")
    check(close(rep.get("duration"), 2.0, 0.001), f"{what}: duration 2.0", f"got {rep.get('duration')}")
    check(rep.get("events") == EXPECTED_EVENTS, f"{what}: event sequence",
          f"got {rep.get('events')}")

    # The plain (non-JSON) run a user types.
    r = play("--fast", media("video-only.mkv"))
    if sane_exit(r, "video-only.mkv --fast (no --json)"):
        check(r.rc == 0, "video-only.mkv --fast (no --json): exit status 0", r.describe())


def test_audio_only():
    what = "audio-only.wav --fast"
    r, rep = play_json(what, "--fast", media("audio-only.wav"))
    if not rep:
        return
    check(not streams_of(rep, "video"), f"{what}: no video stream", f"streams {rep.get('streams')}")
    a = one_stream(rep, "audio", what)
    if a:
        check(a.get("samples_rendered") == 88200, f"{what}: exactly 88200 samples",
              f"got {a.get('samples_rendered')}")
        check(a.get("sample_rate") == 44100, f"{what}: sample_rate 44100",
              f"got {a.get('sample_rate')}")
        check(close(a.get("end_time"), 2.0, 0.0005), f"{what}: audio end_time 2.0",
              f"got {a.get('end_time')}")
    check(rep.get("events") == EXPECTED_EVENTS, f"{what}: event sequence",
          f"got {rep.get('events')}")

    r = play("--fast", media("audio-only.wav"))
    if sane_exit(r, "audio-only.wav --fast (no --json)"):
        check(r.rc == 0, "audio-only.wav --fast (no --json): exit status 0", r.describe())


def test_other_clips():
    what = "short-audio.mp4 --fast"
    r, rep = play_json(what, "--fast", media("short-audio.mp4"))
    if rep:
        v = one_stream(rep, "video", what)
        a = one_stream(rep, "audio", what)
        if v:
            check(v.get("frames_presented") == 75, f"{what}: all 75 video frames after the audio ends",
                  f"got {v.get('frames_presented')}")
        if a:
            check(close(a.get("end_time"), 1.5, 0.05), f"{what}: audio ends at ~1.5 s",
                  f"got {a.get('end_time')}")
        check(close(rep.get("duration"), 3.0, 0.001), f"{what}: duration 3.0",
              f"got {rep.get('duration')}")
    what = "hd.mp4 --fast"
    r, rep = play_json(what, "--fast", media("hd.mp4"))
    if rep:
        v = one_stream(rep, "video", what)
        if v:
            check(v.get("frames_presented") == 60, f"{what}: 60 video frames",
                  f"got {v.get('frames_presented')}")


# --------------------------------------------------------------- bad input

def check_bad(what, path, message_has=None):
    """Bad input: exit 1, one clear error line, JSON error report, quick."""
    r = play("--fast", "--json", path, timeout=BAD_TIMEOUT)
    if not sane_exit(r, what + " --json"):
        return
    rep = report_of(r, what + " --json")
    if r.rc == 0:
        # Accepted as media: one failure, with what it was taken for.
        listing = play("--list", path, timeout=BAD_TIMEOUT)
        check(False, f"{what}: accepted and played (exit 0, result {rep and rep.get('result')!r}); "
             "expected exit 1 with an error",
             f"{r.describe()}\n      --list: {listing.out.strip()!r}")
        return
    check(r.rc == 1, f"{what} --json: exit status 1", r.describe())
    check(r.wall < BAD_TIMEOUT, f"{what}: finishes within {BAD_TIMEOUT} s", f"{r.wall:.1f} s")
    if rep is not None:
        check(rep.get("result") == "error", f"{what} --json: result \"error\"",
              f"result={rep.get('result')!r}\n      {r.describe()}")
        msg = rep.get("error")
        check(isinstance(msg, str) and msg.strip() != "",
              f"{what} --json: non-empty \"error\" message", f"error={msg!r}")
        if message_has and isinstance(msg, str):
            check(message_has in msg.lower(),
                  f"{what} --json: error message mentions '{message_has}'", f"error={msg!r}")
        # The error reaches the session ahead of the end of presentation.
        evs = [e for e in rep.get("events") or [] if e in ("ended", "end-of-presentation")]
        check(not evs, f"{what} --json: no end-of-presentation/ended with an error result",
              f"events: {rep.get('events')}")

    # As a user runs it: the exit status and one clear line on stderr.
    r = play("--fast", path, timeout=BAD_TIMEOUT)
    if not sane_exit(r, what):
        return
    check(r.rc == 1, f"{what}: exit status 1", r.describe())
    lines = [l for l in r.err.splitlines() if l.strip()]
    errs = [l for l in lines if "error" in l.lower() or "cannot open" in l.lower()]
    check(len(errs) == 1, f"{what}: exactly one error line on stderr", r.describe())
    other = [l for l in lines if l not in errs and not l.startswith("msess-play: warning:")]
    check(not other, f"{what}: nothing on stderr but the error (and warnings)",
          f"other lines: {other!r}")
    check(r.out.strip() == "", f"{what}: nothing on stdout without --json", r.describe())


def test_bad_input(tmp):
    check_bad("missing file", os.path.join(tmp, "no-such-file.mp4"))
    check_bad("unsupported scheme nosuch://x", "nosuch://x")
    check_bad("garbage.mp4", media("garbage.mp4"))
    check_bad("truncated.mp4", media("truncated.mp4"))
    empty = os.path.join(tmp, "empty.mp4")
    open(empty, "wb").close()
    check_bad("empty file", empty)
    d = os.path.join(tmp, "a-directory.mp4")
    os.mkdir(d)
    check_bad("directory path", d)
    # A plain text file, named as text files are (.txt), and one posing as
    # media (.mp4). (FFmpeg's "tty" demuxer claims *.txt as ANSI art.)
    text = "This is a text file, not media.\n" * 40
    for name in ("notes.txt", "notes.mp4"):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
        check_bad(f"text file {name}", os.path.join(tmp, name))
    vp9 = os.path.join(SHARED, "vp9-invalid-bitstream.webm")
    if os.path.isfile(vp9):
        check_bad("vp9-invalid-bitstream.webm", vp9, message_has="decod")
    else:
        print(f"note: {vp9} absent: its check skipped")


def test_usage():
    av = media("av.mp4")
    for what, args in [
        ("no argument", []),
        ("unknown option", ["--no-such-option", av]),
        ("--rate 0", ["--rate", "0", av]),
        ("--rate abc", ["--rate", "abc", av]),
        ("--start -1", ["--start", "-1", av]),
        ("--rate without a value", ["--rate"]),
    ]:
        r = play(*args, timeout=USAGE_TIMEOUT)
        if not sane_exit(r, f"usage: {what}"):
            continue
        check(r.rc == 2, f"usage: {what}: exit status 2", r.describe())
        check("usage" in r.err.lower(), f"usage: {what}: usage text on stderr", r.describe())
        check(r.out.strip() == "", f"usage: {what}: nothing on stdout", r.describe())
    r = play("--help", timeout=USAGE_TIMEOUT)
    if sane_exit(r, "--help"):
        check(r.rc == 0 and "usage" in r.out.lower(), "--help: usage on stdout, exit 0", r.describe())


def main():
    if not (os.path.isfile(PLAY) and os.access(PLAY, os.X_OK)):
        if os.environ.get("MSESS_PLAY"):  # given (as meson does) but not there: a failure
            print(f"FAIL: MSESS_PLAY={PLAY} is not an executable file")
            return 1
        print(f"SKIP: msess-play not found at {PLAY} (set MSESS_PLAY)")
        return 77
    need = ["av.mp4", "av2.mkv", "short-audio.mp4", "video-only.mkv", "audio-only.wav",
            "hd.mp4", "truncated.mp4", "garbage.mp4"]
    missing = [n for n in need if not os.path.isfile(media(n))]
    if missing:
        if os.environ.get("MSESS_TEST_MEDIA"):  # meson builds them first: a failure
            print(f"FAIL: generated media missing in {MEDIA}: {missing}")
            return 1
        print(f"SKIP: generated media missing in {MEDIA}: {missing} (set MSESS_TEST_MEDIA)")
        return 77
    print(f"msess-play: {PLAY}\nmedia: {MEDIA}\nshared media: {SHARED}", flush=True)

    tests = [test_av_fast, test_threads, test_start, test_loop, test_headless, test_headless_rate,
             test_list, test_video_only, test_audio_only, test_other_clips, test_usage]
    for t in tests:
        print(f"-- {t.__name__}", flush=True)
        try:
            t()
        except Exception as e:  # a bug in the test, or output it cannot read
            fail(f"{t.__name__}: raised {type(e).__name__}: {e}")
    print("-- test_bad_input", flush=True)
    with tempfile.TemporaryDirectory(prefix="msess-player-") as tmp:
        try:
            test_bad_input(tmp)
        except Exception as e:
            fail(f"test_bad_input: raised {type(e).__name__}: {e}")

    if failures:
        print(f"\n{len(failures)} of {checks} checks FAILED:")
        for f in failures:
            print(f"  - {f}")
        return 1
    print(f"\nall {checks} checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
