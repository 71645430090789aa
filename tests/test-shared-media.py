#!/usr/bin/env python3
"""msess-play on real-world files, checked against $MSESS_SHARED_MEDIA/MANIFEST.tsv.

For every file in the manifest:
  - `msess-play --list FILE`: the selected streams (best video + best audio,
    attached pictures such as MP3 cover art left out) have the manifest's
    codec names, video size, audio rate and channel count;
  - `msess-play --fast --json FILE`: exit 0, result "ended", video
    frames_presented and audio "frames" equal to the manifest's
    nb_read_frames (tolerance 1 frame), duration within 50 ms.
Known broken files:
  - vp9-invalid-bitstream.webm must end with result "error" and exit 1;
  - mp3-100kB-garbage-prefix.mp3 may play (exit 0) or fail (exit 1), but
    never crash or hang.

MANIFEST.tsv (ffprobe -count_frames): header `file format duration_s streams`,
tab separated -- though in the data rows format and duration share one
column, separated by a space. `streams` holds `;`-separated entries of
space-separated key=value fields; MPEG-TS files list their streams once per
program (dedupe by index); entries may be empty or carry stray spaces.

Exit status: 0 all passed, 1 a check failed, 77 folder or manifest absent.
Python 3.11 standard library only.
"""
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PLAY = os.environ.get("MSESS_PLAY") or os.path.join(ROOT, "build", "examples", "msess-play")
SHARED = os.environ.get("MSESS_SHARED_MEDIA") or os.path.join(ROOT, "..", "shared", "media")

TIMEOUT = 90          # per run; the longest clip is 70 s of audio, decoded as fast as it goes
FRAME_TOL = 1
DURATION_TOL = 0.050

MUST_FAIL = {"vp9-invalid-bitstream.webm"}
MAY_FAIL = {"mp3-100kB-garbage-prefix.mp3"}


# ------------------------------------------------------------------ manifest

def parse_streams(text):
    streams, seen = [], set()
    for entry in text.split(";"):
        fields = {}
        for tok in entry.split():
            k, sep, v = tok.partition("=")
            if sep:
                fields[k.strip()] = v.strip()
        if not fields:
            continue
        idx = fields.get("index")
        if idx in seen:          # MPEG-TS: listed again for the next program
            continue
        seen.add(idx)
        streams.append(fields)
    return streams


def parse_manifest(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"{path}:{n}: expected at least 3 tab-separated columns: {line!r}")
        name, streams = cols[0].strip(), cols[-1]
        # format and duration: one column "fmt 1.234 " or two columns.
        middle = " ".join(cols[1:-1]).split()
        duration = None
        if middle:
            try:
                duration = float(middle[-1])
                middle = middle[:-1]
            except ValueError:
                pass
        rows.append({"file": name, "format": " ".join(middle), "duration": duration,
                     "streams": parse_streams(streams), "line": n})
    return rows


def as_int(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def is_attached_picture(s):
    """A cover image: a video stream without a frame rate holding one frame."""
    return (s.get("type") == "video" and s.get("avg_frame_rate") in ("0/0", None)
            and (as_int(s.get("nb_read_frames")) or 0) <= 1)


def expected_selection(streams):
    """What msess selects: the first (best) real video and the first audio."""
    sel = {}
    for s in streams:
        kind = s.get("type")
        if kind not in ("video", "audio") or kind in sel:
            continue
        if is_attached_picture(s):
            continue
        sel[kind] = s
    return sel


# ------------------------------------------------------------------ running

def play(*args):
    t0 = time.monotonic()
    try:
        p = subprocess.run([PLAY] + list(args), stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, errors="replace", timeout=TIMEOUT)
        return p.returncode, p.stdout, p.stderr, time.monotonic() - t0
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        return None, "", err, time.monotonic() - t0


LIST_RE = re.compile(r"^stream (\d+): (\w+) (\S+)(.*)$")


def parse_list(out):
    """--list output -> [{index, type, codec, width, height, rate, channels, selected, attached}]"""
    res = []
    for line in out.splitlines():
        m = LIST_RE.match(line.strip())
        if not m:
            continue
        rest = m.group(4)
        s = {"index": int(m.group(1)), "type": m.group(2), "codec": m.group(3),
             "selected": rest.rstrip().endswith("(selected)"),
             "attached": "(attached picture)" in rest}
        if (v := re.search(r"\b(\d+)x(\d+)\b", rest)):
            s["width"], s["height"] = int(v.group(1)), int(v.group(2))
        if (v := re.search(r"\b(\d+) Hz (\d+) ch\b", rest)):
            s["rate"], s["channels"] = int(v.group(1)), int(v.group(2))
        res.append(s)
    return res


def json_report(out):
    text = out.strip()
    try:
        return json.loads(text)
    except ValueError:
        for line in reversed(text.splitlines()):
            if line.startswith("{"):
                try:
                    return json.loads(line)
                except ValueError:
                    return None
    return None


# ------------------------------------------------------------------ checks

class FileResult:
    def __init__(self, name):
        self.name = name
        self.failures = []
        self.expected = []
        self.got = []

    def fail(self, msg):
        self.failures.append(msg)


def check_file(row):
    name = row["file"]
    path = os.path.join(SHARED, name)
    fr = FileResult(name)
    if not os.path.isfile(path):
        fr.fail(f"listed in the manifest but missing: {path}")
        return fr

    sel = expected_selection(row["streams"])

    # --- stream list
    rc, out, err, wall = play("--list", path)
    cmd = f"msess-play --list {path}"
    listed = []
    if rc is None:
        fr.fail(f"`{cmd}` hung (> {TIMEOUT} s)")
    elif rc < 0:
        fr.fail(f"`{cmd}` killed by signal {-rc} (crash); stderr: {err.strip()[:300]!r}")
    elif rc != 0:
        fr.fail(f"`{cmd}` exit status {rc} (expected 0); stderr: {err.strip()[:300]!r}")
    else:
        listed = parse_list(out)
        if not listed:
            fr.fail(f"`{cmd}` listed no streams; stdout: {out.strip()[:300]!r}")
    if listed:
        got_sel = {}
        for s in listed:
            if s["selected"]:
                if s["type"] in got_sel:
                    fr.fail(f"--list: more than one {s['type']} stream selected")
                got_sel.setdefault(s["type"], s)
            if s["attached"] and s["selected"]:
                fr.fail(f"--list: attached picture stream {s['index']} is selected")
        for kind in ("video", "audio"):
            e, g = sel.get(kind), got_sel.get(kind)
            if e and not g:
                fr.fail(f"--list: no {kind} stream selected; expected {e.get('name')}")
                continue
            if g and not e:
                fr.fail(f"--list: {kind} stream {g['index']} ({g['codec']}) selected, manifest has none")
                continue
            if not e:
                continue
            want = [e.get("name")]
            have = [g["codec"]]
            if kind == "video":
                want.append(f"{e.get('width')}x{e.get('height')}")
                have.append(f"{g.get('width')}x{g.get('height')}")
            else:
                want.append(f"{e.get('sample_rate')}/{e.get('channels')}ch")
                have.append(f"{g.get('rate')}/{g.get('channels')}ch")
            fr.expected.append(f"{kind[0]}:" + " ".join(want))
            fr.got.append(f"{kind[0]}:" + " ".join(have))
            if want != have:
                fr.fail(f"--list {kind}: expected {' '.join(want)}, got {' '.join(have)}")
            if as_int(e.get("index")) is not None and g["index"] != as_int(e.get("index")):
                fr.fail(f"--list {kind}: selected stream {g['index']}, expected stream {e.get('index')}")
        # Attached pictures are listed as such.
        for e in row["streams"]:
            if is_attached_picture(e):
                g = [s for s in listed if s["index"] == as_int(e.get("index"))]
                if g and not g[0]["attached"]:
                    fr.fail(f"--list: stream {g[0]['index']} ({e.get('name')}) not marked (attached picture)")

    # --- playback
    rc, out, err, wall = play("--fast", "--json", path)
    cmd = f"msess-play --fast --json {path}"
    rep = json_report(out) if rc is not None else None
    res = rep.get("result") if isinstance(rep, dict) else None
    errmsg = rep.get("error") if isinstance(rep, dict) else None
    outcome = f"rc={rc} {res}" + (f" ({errmsg})" if errmsg else "")
    if rc is None:
        fr.fail(f"`{cmd}` hung (> {TIMEOUT} s)")
        fr.got.append("HANG")
        return fr
    if rc < 0:
        fr.fail(f"`{cmd}` killed by signal {-rc} (crash); stderr: {err.strip()[-300:]!r}")
        fr.got.append(f"CRASH signal {-rc}")
        return fr
    if not isinstance(rep, dict):
        fr.fail(f"`{cmd}`: no JSON report (rc={rc}); stdout {out.strip()[:200]!r}")
        fr.got.append(f"rc={rc} no JSON")
        return fr

    if name in MUST_FAIL:
        fr.expected.append("rc=1 error")
        fr.got.append(outcome)
        if rc != 1 or res != "error":
            fr.fail(f"`{cmd}`: expected exit 1 and result \"error\", got {outcome}; "
                    f"events {rep.get('events')}")
        if not errmsg:
            fr.fail(f"`{cmd}`: result error without an error message")
        return fr
    if name in MAY_FAIL:
        fr.expected.append("rc=0 ended | rc=1 error")
        fr.got.append(outcome)
        ok = (rc == 0 and res == "ended") or (rc == 1 and res == "error" and errmsg)
        if not ok:
            fr.fail(f"`{cmd}`: expected to end (exit 0) or fail cleanly (exit 1), got {outcome}")
        return fr

    fr.expected.append("rc=0 ended")
    fr.got.append(outcome)
    if rc != 0 or res != "ended":
        fr.fail(f"`{cmd}`: expected exit 0 and result \"ended\", got {outcome}; "
                f"stderr {err.strip()[:300]!r}")

    for kind, field in (("video", "frames_presented"), ("audio", "frames")):
        e = sel.get(kind)
        got = [s for s in rep.get("streams", []) if s.get("type") == kind]
        if not e:
            if got:
                fr.fail(f"json: unexpected {kind} stream in the report: {got}")
            continue
        want = as_int(e.get("nb_read_frames"))
        if len(got) != 1:
            fr.fail(f"json: expected one {kind} stream in the report, got {len(got)}")
            continue
        n = got[0].get(field)
        fr.expected.append(f"{kind[0]}:{want}fr")
        fr.got.append(f"{kind[0]}:{n}fr")
        if want is None:
            continue
        if not isinstance(n, int) or abs(n - want) > FRAME_TOL:
            fr.fail(f"json {kind} {field}: expected {want} (+-{FRAME_TOL}), got {n}")
        if kind == "video" and got[0].get("frames_dropped") not in (0, None):
            fr.fail(f"json video frames_dropped: expected 0 with --fast, got {got[0].get('frames_dropped')}")

    d, want_d = rep.get("duration"), row["duration"]
    if want_d is not None:
        fr.expected.append(f"{want_d:.3f}s")
        fr.got.append(f"{d:.3f}s" if isinstance(d, (int, float)) else repr(d))
        if not isinstance(d, (int, float)) or abs(d - want_d) > DURATION_TOL:
            fr.fail(f"json duration: expected {want_d} (+-{DURATION_TOL}), got {d}")
    return fr


def main():
    manifest = os.path.join(SHARED, "MANIFEST.tsv")
    if not os.path.isdir(SHARED) or not os.path.isfile(manifest):
        print(f"SKIP: no shared media manifest at {manifest} (set MSESS_SHARED_MEDIA)")
        return 77
    if not (os.path.isfile(PLAY) and os.access(PLAY, os.X_OK)):
        if os.environ.get("MSESS_PLAY"):  # given (as meson does) but not there: a failure
            print(f"FAIL: MSESS_PLAY={PLAY} is not an executable file")
            return 1
        print(f"SKIP: msess-play not found at {PLAY} (set MSESS_PLAY)")
        return 77
    try:
        rows = parse_manifest(manifest)
    except (OSError, ValueError) as e:
        print(f"FAIL: cannot read {manifest}: {e}")
        return 1
    if not rows:
        print(f"FAIL: {manifest} lists no files")
        return 1
    print(f"msess-play: {PLAY}\nmanifest: {manifest} ({len(rows)} files)\n", flush=True)

    results = []
    for row in rows:
        try:
            fr = check_file(row)
        except Exception as e:  # a bug here or unreadable output: still a failure
            fr = FileResult(row["file"])
            fr.fail(f"test raised {type(e).__name__}: {e}")
        results.append(fr)
        print(f"{'ok  ' if not fr.failures else 'FAIL'} {fr.name}", flush=True)
        for f in fr.failures:
            print(f"       - {f}", flush=True)

    w = max(len(r.name) for r in results)
    ew = max(len(" ".join(r.expected)) for r in results)
    print(f"\n{'file':<{w}}  {'expected':<{ew}}  got")
    for r in results:
        mark = "" if not r.failures else "   <-- FAIL"
        print(f"{r.name:<{w}}  {' '.join(r.expected):<{ew}}  {' '.join(r.got)}{mark}")

    bad = [r for r in results if r.failures]
    if bad:
        print(f"\n{len(bad)} of {len(results)} files FAILED:")
        for r in bad:
            for f in r.failures:
                print(f"  - {r.name}: {f}")
        return 1
    print(f"\nall {len(results)} files passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
