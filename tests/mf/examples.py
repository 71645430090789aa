#!/usr/bin/env python3
"""Build the Media Foundation examples as a user would and run them.

Each example (examples/mf-grabber.c, mf-play.c, mf-play.cpp) is compiled by
the system compiler with nothing but `pkg-config --cflags --libs msess-mf`,
from the uninstalled msess-mf.pc meson wrote (PKG_CONFIG_PATH =
BUILD/meson-uninstalled), then run:

  grabber   mf-grabber on av.mp4 (320x240, 25 fps, 4 s): 100 frames, sample
            times 0 to 3.96 s, and a CRC-32 of the frames' B, G, R bytes equal
            to the one of ffmpeg's own decode of the file (-pix_fmt bgra,
            hashed the same way). Both convert with libswscale's default
            BT.601 limited-range YUV->RGB on the same machine, so the bytes
            must be identical: the comparison is exact. On a mismatch the
            frames are compared pixel by pixel to say how far off they are.
  play      mf-play on av2.mkv (2 s) through the real outputs: the exact
            event sequence of a playback to the end, exit 0.
  play-cpp  the same with mf-play.cpp; also its volume and final position.

Exit: 0 passed, 1 failed, 77 skipped (no display or sound server for the
players; no C++ compiler for play-cpp; no ffmpeg for grabber).
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import zlib

SKIP = 77


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def skip(msg):
    print("skip: " + msg)
    sys.exit(SKIP)


def run(cmd, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    return subprocess.run(cmd, **kw)


def pkg_config(args, build_root):
    env = dict(os.environ)
    unin = os.path.join(build_root, "meson-uninstalled")
    env["PKG_CONFIG_PATH"] = unin + (os.pathsep + env["PKG_CONFIG_PATH"]
                                     if env.get("PKG_CONFIG_PATH") else "")
    r = run(["pkg-config"] + args, env=env)
    if r.returncode != 0:
        fail("pkg-config %s: %s" % (" ".join(args), r.stderr.strip()))
    return shlex.split(r.stdout)


def build(a, source, out, cxx=False):
    """Compile source with the compiler and pkg-config msess-mf alone."""
    flags = pkg_config(["--cflags", "--libs", "msess-mf"], a.build_root)
    compiler = shlex.split(a.cxx if cxx else a.cc)
    std = ["-std=c++11"] if cxx else ["-std=c11"]
    # Against a sanitizer build of the library, as its users would.
    sanitize = ["-fsanitize=" + a.sanitize] if a.sanitize not in ("", "none") else []
    # UBSan's vptr check wants C++ RTTI before every vtable; COM objects made
    # in C (the shim's, as any C COM server's) have none, so every method
    # call from C++ would be reported. A C++ client must turn it off.
    if cxx and "undefined" in a.sanitize:
        sanitize.append("-fno-sanitize=vptr")
    cmd = compiler + std + sanitize + ["-Wall", "-Wextra", "-Werror", "-o", out, source] + flags
    print("$ " + " ".join(shlex.quote(c) for c in cmd))
    r = run(cmd)
    if r.returncode != 0:
        fail("%s does not build:\n%s%s" % (os.path.basename(source), r.stdout, r.stderr))


def run_env(a):
    """Where the uninstalled libraries are: the -L directories of the .pc files."""
    dirs = [f[2:] for f in pkg_config(["--libs-only-L", "msess-mf", "msess"], a.build_root)]
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = os.pathsep.join(dirs + ([env["LD_LIBRARY_PATH"]]
                                                      if env.get("LD_LIBRARY_PATH") else []))
    return env


def media(a, name):
    path = os.path.join(a.media, name)
    if not os.path.exists(path):
        fail("no test clip " + path)
    return path


# ---------------------------------------------------------------- grabber

def bgr_crc(data, width, height):
    """CRC-32 of the B, G, R bytes of BGRA frames, and the frame count."""
    frame = width * height * 4
    if len(data) % frame:
        fail("%d bytes of BGRA is not a whole number of %dx%d frames" % (len(data), width, height))
    n = len(data) // frame
    crc = 0
    for i in range(n):
        f = data[i * frame:(i + 1) * frame]
        bgr = bytearray(width * height * 3)
        bgr[0::3] = f[0::4]
        bgr[1::3] = f[1::4]
        bgr[2::3] = f[2::4]
        crc = zlib.crc32(bgr, crc)
    return crc, n


def compare_frames(ours, ref, width, height):
    """How far two BGRA dumps are apart, B, G, R only."""
    frame = width * height * 4
    n = min(len(ours), len(ref)) // frame
    worst = 0
    differing_frames = []
    for i in range(n):
        a = ours[i * frame:(i + 1) * frame]
        b = ref[i * frame:(i + 1) * frame]
        if a == b:
            continue
        m = max(abs(a[j] - b[j]) for j in range(0, frame) if j % 4 != 3)
        if m:
            differing_frames.append(i)
            worst = max(worst, m)
    return differing_frames, worst


def test_grabber(a, out):
    if not shutil.which("ffmpeg"):
        skip("ffmpeg is not installed")
    exe = os.path.join(out, "mf-grabber")
    build(a, os.path.join(a.source_root, "examples", "mf-grabber.c"), exe)
    clip = media(a, "av.mp4")
    dump = os.path.join(out, "mf-grabber.bgra")
    started = time.monotonic()
    r = run([exe, "--dump", dump, clip], env=run_env(a), timeout=120)
    took = time.monotonic() - started
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        fail("mf-grabber exited with %d" % r.returncode)
    m = re.search(r"^frames (\d+) size (\d+)x(\d+) crc32 0x([0-9A-Fa-f]{8}) first (-?\d+) "
                  r"last (-?\d+)$", r.stdout, re.M)
    if not m:
        fail("mf-grabber printed no result line")
    frames, width, height = int(m.group(1)), int(m.group(2)), int(m.group(3))
    crc, first, last = int(m.group(4), 16), int(m.group(5)), int(m.group(6))
    print("mf-grabber: %d frames %dx%d crc32 0x%08X, times %d to %d, in %.2f s"
          % (frames, width, height, crc, first, last, took))

    ref = run(["ffmpeg", "-v", "error", "-nostdin", "-i", clip, "-map", "0:v:0",
               "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "bgra", "-"],
              text=False, timeout=120)
    if ref.returncode != 0:
        fail("ffmpeg: " + ref.stderr.decode(errors="replace"))
    ref_crc, ref_frames = bgr_crc(ref.stdout, 320, 240)
    print("ffmpeg:     %d frames 320x240 crc32 0x%08X" % (ref_frames, ref_crc))

    ok = True
    if (width, height) != (320, 240):
        print("FAIL: frame size %dx%d, expected 320x240" % (width, height))
        ok = False
    if frames != 100 or ref_frames != 100:
        print("FAIL: %d frames (ffmpeg: %d), expected 100" % (frames, ref_frames))
        ok = False
    if first != 0 or last != 99 * 400000:
        print("FAIL: sample times %d to %d, expected 0 to %d" % (first, last, 99 * 400000))
        ok = False
    with open(dump, "rb") as f:
        ours = f.read()
    own_crc, _ = bgr_crc(ours, width, height) if width and height else (None, 0)
    if own_crc != crc:
        print("FAIL: the CRC mf-grabber printed (0x%08X) is not that of the frames it dumped "
              "(0x%08X)" % (crc, own_crc))
        ok = False
    if crc != ref_crc:
        ok = False
        if (width, height) == (320, 240):
            frames_off, worst = compare_frames(ours, ref.stdout, 320, 240)
            print("FAIL: CRC 0x%08X, ffmpeg's 0x%08X: %d of %d frames differ, by up to %d "
                  "levels (first: %s)" % (crc, ref_crc, len(frames_off), min(frames, ref_frames),
                                          worst, frames_off[:10]))
        else:
            print("FAIL: CRC 0x%08X, ffmpeg's 0x%08X" % (crc, ref_crc))
    if not ok:
        sys.exit(1)
    print("mf-grabber: the frames are ffmpeg's, byte for byte")


# ---------------------------------------------------------------- players

def have_display():
    display = os.environ.get("DISPLAY")
    if not display:
        return False
    if shutil.which("xdpyinfo"):
        try:
            return run(["xdpyinfo"], timeout=10).returncode == 0
        except subprocess.TimeoutExpired:
            return False
    return True


def have_pulse():
    """Does a PulseAudio server answer (asked with autospawn off)?"""
    if not shutil.which("pactl"):
        return False
    env = dict(os.environ)
    conf = None
    if not env.get("PULSE_CLIENTCONFIG"):
        fd, conf = tempfile.mkstemp(prefix="msess-mf-examples-")
        os.write(fd, b"autospawn = no\n")
        os.close(fd)
        env["PULSE_CLIENTCONFIG"] = conf
    try:
        return run(["pactl", "info"], env=env, timeout=10).returncode == 0
    except subprocess.TimeoutExpired:
        return False
    finally:
        if conf:
            os.unlink(conf)


# The events of a playback to the end and a Close (reference section 3:
# sequences 1, 2, 6 and 7), all with status S_OK.
EXPECTED = [
    ("MESessionTopologySet", None),
    ("MESessionNotifyPresentationTime", None),
    ("MESessionCapabilitiesChanged", None),
    ("MESessionTopologyStatus", "READY"),
    ("MESessionTopologyStatus", "STARTED_SOURCE"),
    ("MESessionCapabilitiesChanged", None),
    ("MESessionStarted", None),
    ("MEEndOfPresentation", None),
    ("MESessionTopologyStatus", "ENDED"),
    ("MESessionCapabilitiesChanged", None),
    ("MESessionEnded", None),
    ("MESessionCapabilitiesChanged", None),
    ("MESessionClosed", None),
]


def test_player(a, out, cpp):
    if not have_display():
        skip("no X display")
    if not have_pulse():
        skip("no PulseAudio server")
    name = "mf-play-cpp" if cpp else "mf-play"
    if cpp and not a.cxx:
        skip("no C++ compiler")
    exe = os.path.join(out, name)
    build(a, os.path.join(a.source_root, "examples", "mf-play.cpp" if cpp else "mf-play.c"), exe,
          cxx=cpp)
    clip = media(a, "av2.mkv")
    started = time.monotonic()
    r = run([exe, "--timeout", "30", clip], env=run_env(a), timeout=60)
    took = time.monotonic() - started
    sys.stdout.write(r.stdout)
    sys.stderr.write(r.stderr)
    ok = True
    if r.returncode != 0:
        print("FAIL: %s exited with %d" % (name, r.returncode))
        ok = False
    events = []
    for line in r.stdout.splitlines():
        m = re.match(r"^(ME\w+)\s+hr=0x([0-9A-Fa-f]{8})(?: (\w+))?", line)
        if m:
            status = m.group(3) if m.group(1) == "MESessionTopologyStatus" else None
            events.append((m.group(1), status, int(m.group(2), 16)))
    got = [(e[0], e[1]) for e in events]
    failed = [e for e in events if e[2] & 0x80000000]
    if got != EXPECTED:
        print("FAIL: events\n  expected: %s\n  got:      %s" % (
            ", ".join(n + ("(%s)" % s if s else "") for n, s in EXPECTED),
            ", ".join(n + ("(%s)" % s if s else "") for n, s in got)))
        ok = False
    if failed:
        print("FAIL: failed statuses: %s" % ", ".join("%s 0x%08X" % (e[0], e[2]) for e in failed))
        ok = False
    if "video 320x240" not in r.stdout.splitlines():
        print("FAIL: no 'video 320x240' line (IMFVideoDisplayControl::GetNativeVideoSize)")
        ok = False
    if cpp:
        if not re.search(r"^volume \d", r.stdout, re.M):
            print("FAIL: no volume line (IMFSimpleAudioVolume)")
            ok = False
        m = re.search(r"^position ([\d.]+) s$", r.stdout, re.M)
        if not m or not 1.8 <= float(m.group(1)) <= 2.2:
            print("FAIL: position at the end %s, expected about 2 s" % (m.group(1) if m else "?"))
            ok = False
    if took < 1.9:
        print("FAIL: the 2 s clip played in %.2f s: not in real time" % took)
        ok = False
    if not ok:
        sys.exit(1)
    print("%s: played av2.mkv to its end in %.2f s with the expected events" % (name, took))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build-root", required=True)
    p.add_argument("--source-root", required=True)
    p.add_argument("--cc", default="cc")
    p.add_argument("--cxx", default="")
    p.add_argument("--media", default=os.environ.get("MSESS_TEST_MEDIA", ""))
    p.add_argument("--sanitize", default="none", help="meson's b_sanitize")
    p.add_argument("what", choices=["grabber", "play", "play-cpp"])
    a = p.parse_args()
    if not a.media:
        skip("MSESS_TEST_MEDIA is not set")
    out = os.path.join(a.build_root, "tests", "mf", "examples-out")
    os.makedirs(out, exist_ok=True)
    if a.what == "grabber":
        test_grabber(a, out)
    else:
        test_player(a, out, a.what == "play-cpp")


if __name__ == "__main__":
    main()
