#!/usr/bin/env python3
"""Audio device failures must not stop the video.

msess-play runs with its real outputs (the PortAudio audio output; a window
when DISPLAY is set, else the video output fails and a null video sink
presents on the clock) against a private PulseAudio server started here,
whose null sink's monitor is recorded with parec. Cases:

  control      the default device plays: the tone reaches the server
  no device    --audio-device no-such-device
  no server    PULSE_SERVER points at a socket that does not exist
  dying        the server is killed (SIGKILL) 1 s into the sound

Each must play the video to the end: exit 0, result "ended", every frame
presented, the failure reported (a warning event, or msess-play's "no audio
output" line when the output cannot even be created), in about the clip's
length of wall time.

Environment (set by meson, see tests/meson.build):
  MSESS_PLAY          path to msess-play
  MSESS_TEST_MEDIA    directory of the generated clips (build/tests)

Exit status: 0 all checks passed, 1 a check failed, 77 skipped (no
pulseaudio, pactl or parec, the private server does not start, msess built
without PortAudio, or PortAudio's default device does not reach PulseAudio).
Python 3.11 standard library only.
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PLAY = os.environ.get("MSESS_PLAY") or os.path.join(ROOT, "build", "examples", "msess-play")
MEDIA = os.environ.get("MSESS_TEST_MEDIA") or os.path.join(ROOT, "build", "tests")

SKIP = 77
RUN_TIMEOUT = 60        # a run that has not ended by then is hung
SOUND_TIMEOUT = 30      # PortAudio's device scan can take long on a loaded machine
KILL_AFTER = 1.0        # seconds of sound before the server is killed
TONE_LEVEL = 3000       # |s16| above this is the clip's tone (amplitude 16384)
CLIP = "av2.mkv"        # 2 s, 50 frames at 25 fps
CLIP_FRAMES = 50
CLIP_S = 2.0
LONG_CLIP = "av.mp4"    # 4 s, 100 frames
LONG_FRAMES = 100
LONG_S = 4.0

failures = []


def fail(what, detail=""):
    failures.append(what)
    print(f"FAIL: {what}" + (f"\n      {detail}" if detail else ""), flush=True)


def check(cond, what, detail=""):
    if not cond:
        fail(what, detail)
    return bool(cond)


def skip(why):
    print(f"SKIP: {why}", flush=True)
    sys.exit(SKIP)


def quiet_stderr(text):
    """msess-play's own lines, without the pages ALSA and JACK print while
    PortAudio scans the devices."""
    noise = ("ALSA lib ", "Cannot connect to server", "jack server", "JackShm", "Expression '")
    return "\n".join(l for l in text.splitlines() if l.strip() and not l.startswith(noise))


class Pulse:
    """A private PulseAudio server: tools/dev.sh's start_pulse command line,
    with its own runtime dir and socket under tmp, run in the foreground so
    that this script owns its pid."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "pulse")
        os.makedirs(self.dir, mode=0o700)
        self.socket = os.path.join(self.dir, "native")
        self.server = "unix:" + self.socket
        self.log = os.path.join(self.dir, "log")
        env = dict(os.environ, HOME=self.dir, PULSE_RUNTIME_PATH=self.dir,
                   PULSE_STATE_PATH=os.path.join(self.dir, "state"))
        env.pop("PULSE_SERVER", None)
        self.proc = subprocess.Popen(
            ["pulseaudio", "--daemonize=no", "--system=false", "--exit-idle-time=-1",
             "--disallow-exit", "--use-pid-file=no", "--realtime=no", "--high-priority=no",
             "-n", f"--log-target=file:{self.log}",
             "--load=module-null-sink sink_name=msess_fail",
             f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}"],
            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        # asked with autospawn off, so that asking never starts another server
        self.conf = os.path.join(self.dir, "client.conf")
        with open(self.conf, "w") as f:
            f.write("autospawn = no\n")

    def answers(self):
        try:
            return subprocess.run(["pactl", "-s", self.server, "info"],
                                  env=dict(os.environ, PULSE_CLIENTCONFIG=self.conf),
                                  stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=5).returncode == 0
        except subprocess.TimeoutExpired:
            return False

    def wait_ready(self, timeout=10):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                return False
            if self.answers():
                return True
            time.sleep(0.1)
        return False

    def log_text(self):
        try:
            with open(self.log, errors="replace") as f:
                return f.read()[-1500:]
        except OSError:
            return ""

    def kill(self):
        """SIGKILL, as a crashing server or a pulled device."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()


class Monitor:
    """parec on the server's null sink monitor, into a file. Recording also
    keeps the null sink on a short latency: idle, it renders in 2 s blocks,
    and every ALSA device PortAudio probes at start-up would wait for one."""

    def __init__(self, pulse, tmp):
        self.path = os.path.join(tmp, "monitor.raw")
        self.out = open(self.path, "wb")
        self.proc = subprocess.Popen(
            ["parec", "-s", pulse.server, "-d", "@DEFAULT_MONITOR@", "--raw",
             "--format=s16le", "--rate=48000", "--channels=2", "--latency-msec=20"],
            stdin=subprocess.DEVNULL, stdout=self.out, stderr=subprocess.DEVNULL)

    def frames(self):
        return os.path.getsize(self.path) // 4

    def wait_data(self, timeout=5):
        end = time.monotonic() + timeout
        while time.monotonic() < end and self.frames() == 0:
            time.sleep(0.02)
        return self.frames() > 0

    def first_tone(self, start):
        """Index of the first frame at or after `start` whose left sample is
        loud, or None."""
        with open(self.path, "rb") as f:
            f.seek(start * 4)
            data = f.read()
        for i in range(0, len(data) - 3, 4):
            v = int.from_bytes(data[i:i + 2], "little", signed=True)
            if abs(v) > TONE_LEVEL:
                return start + i // 4
        return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.out.close()


class Run:
    def __init__(self, what, args, server):
        self.what = what
        self.cmd = [PLAY, "--json"] + args
        env = dict(os.environ, PULSE_SERVER=server)
        self.t0 = time.monotonic()
        self.proc = subprocess.Popen(self.cmd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, errors="replace")
        self.rc = self.out = self.err = self.report = None
        self.wall = None
        self.timed_out = False

    def alive(self):
        return self.proc.poll() is None

    def finish(self, timeout=RUN_TIMEOUT):
        try:
            self.out, self.err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.timed_out = True
            self.proc.kill()
            self.out, self.err = self.proc.communicate()
        self.wall = time.monotonic() - self.t0
        self.rc = self.proc.returncode
        for line in reversed(self.out.strip().splitlines()):
            if line.startswith("{"):
                try:
                    self.report = json.loads(line)
                except ValueError:
                    pass
                break
        return self

    def describe(self):
        return (f"command: PULSE_SERVER=... {' '.join(os.path.basename(c) for c in self.cmd)}"
                f"\n      rc={self.rc} wall={self.wall:.2f}s"
                f"\n      stderr: {quiet_stderr(self.err or '')[:800]!r}"
                f"\n      stdout: {(self.out or '').strip()[:800]!r}")

    def events(self):
        return (self.report or {}).get("events") or []

    def stream(self, kind):
        s = [s for s in (self.report or {}).get("streams", []) if s.get("type") == kind]
        return s[0] if len(s) == 1 else {}

    def warned(self):
        return any(e.startswith("warning") for e in self.events())

    def no_output_line(self):
        return "no audio output" in (self.err or "")


def check_played(r, frames, clip_s):
    """The video played to the end, in real time, whatever the audio did."""
    what = r.what
    if r.timed_out:
        fail(f"{what}: hung (no exit within {RUN_TIMEOUT} s)", r.describe())
        return False
    if not check(r.rc == 0, f"{what}: exit status 0", r.describe()):
        return False
    if not check(r.report is not None, f"{what}: a JSON report", r.describe()):
        return False
    check(r.report.get("result") == "ended", f"{what}: result \"ended\"",
          f"result={r.report.get('result')!r} error={r.report.get('error')!r}")
    v = r.stream("video")
    check(v.get("frames_decoded") == frames and v.get("frames_presented") == frames
          and v.get("frames_dropped") == 0,
          f"{what}: all {frames} video frames presented, none dropped",
          f"decoded {v.get('frames_decoded')} presented {v.get('frames_presented')} "
          f"dropped {v.get('frames_dropped')}")
    ev = r.events()
    check(ev.count("end-of-presentation") == 1 and ev.count("ended") == 1,
          f"{what}: one end-of-presentation and one ended", f"events: {ev}")
    check("error" not in r.report and not any(e.startswith("error") for e in ev),
          f"{what}: no error", f"events: {ev}")
    check(r.wall >= clip_s * 0.9, f"{what}: played in real time (>= {clip_s * 0.9:.1f} s)",
          f"took {r.wall:.2f} s")
    return True


def case_control(pulse, mon):
    """Precondition: the default device plays into our server."""
    start = mon.frames()
    r = Run("control", [os.path.join(MEDIA, CLIP)], pulse.server).finish()
    time.sleep(0.3)
    if r.rc == 0 and "feature not compiled in" in (r.err or ""):
        skip("msess-play has no audio output (msess built without PortAudio)")
    tone = mon.first_tone(start)
    if tone is None and r.rc == 0 and r.report and not r.warned():
        skip("PortAudio's default device does not play into PulseAudio here (ALSA's "
             "default is not the pulse plugin?)")
    print(f"control: exit {r.rc} in {r.wall:.2f} s, tone recorded: {tone is not None}, "
          f"events {r.events()}", flush=True)
    if check_played(r, CLIP_FRAMES, CLIP_S):
        check(not r.warned() and not r.no_output_line(), "control: no audio warning",
              r.describe())
        check(tone is not None, "control: the tone reached the server's sink")


def case_no_device(pulse, mon):
    start = mon.frames()
    r = Run("no device", ["--audio-device", "no-such-device", os.path.join(MEDIA, CLIP)],
            pulse.server).finish()
    time.sleep(0.3)
    print(f"no device: exit {r.rc} in {r.wall:.2f} s, warning event {r.warned()}, "
          f"'no audio output' line {r.no_output_line()}", flush=True)
    if check_played(r, CLIP_FRAMES, CLIP_S):
        check(r.warned() or r.no_output_line(),
              "no device: the failure is reported (warning event or 'no audio output')",
              r.describe())
        check(mon.first_tone(start) is None,
              "no device: nothing played on the default device instead", r.describe())


def case_no_server(tmp):
    server = "unix:" + os.path.join(tmp, "no-such-dir", "native")
    r = Run("no server", [os.path.join(MEDIA, CLIP)], server).finish()
    print(f"no server: exit {r.rc} in {r.wall:.2f} s, warning event {r.warned()}, "
          f"'no audio output' line {r.no_output_line()}", flush=True)
    if check_played(r, CLIP_FRAMES, CLIP_S):
        check(r.warned() or r.no_output_line(),
              "no server: the failure is reported (warning event or 'no audio output')",
              r.describe())


def case_dying(pulse, mon):
    start = mon.frames()
    r = Run("dying server", [os.path.join(MEDIA, LONG_CLIP)], pulse.server)
    end = time.monotonic() + SOUND_TIMEOUT
    tone = None
    while tone is None and r.alive() and time.monotonic() < end:
        time.sleep(0.02)
        tone = mon.first_tone(start)
    t_sound = time.monotonic()
    if tone is None:
        r.finish(timeout=5)
        fail("dying server: no sound within %d s, or the run ended first" % SOUND_TIMEOUT,
             r.describe())
        return
    time.sleep(KILL_AFTER)
    pulse.kill()
    t_kill = time.monotonic()
    r.finish()
    after_kill = r.t0 + r.wall - t_kill
    played = r.t0 + r.wall - t_sound
    print(f"dying server: killed {t_kill - t_sound:.2f} s into the sound; exit {r.rc} "
          f"{after_kill:.2f} s after the kill, {played:.2f} s after the sound began "
          f"(clip {LONG_S:.1f} s); events {r.events()}", flush=True)
    if check_played(r, LONG_FRAMES, 0):
        check(any(e.startswith("warning") and "EDEVICE" in e for e in r.events()),
              "dying server: a warning event (MSESS_EDEVICE)", f"events: {r.events()}")
        # The video goes on: it ends about when it would have with sound. The
        # margin covers noticing the dead device and closing the player.
        check(LONG_S - 0.3 <= played <= LONG_S + 2.0,
              f"dying server: the clip ends {LONG_S - 0.3:.1f} .. {LONG_S + 2.0:.1f} s "
              "after its sound began", f"{played:.2f} s\n      {r.describe()}")


def main():
    for tool in ("pulseaudio", "pactl", "parec"):
        if not shutil.which(tool):
            skip(f"{tool} not found")
    if not os.access(PLAY, os.X_OK):
        print(f"FAIL: {PLAY} is not built", flush=True)
        return 1
    tmp = tempfile.mkdtemp(prefix="msess-audio-fail-")
    pulse = mon = None
    try:
        pulse = Pulse(tmp)
        if not pulse.wait_ready():
            skip("the private PulseAudio server did not start: " + pulse.log_text())
        mon = Monitor(pulse, tmp)
        if not mon.wait_data():
            skip("parec records nothing from the private server's monitor")
        t0 = time.monotonic()
        case_control(pulse, mon)
        case_no_device(pulse, mon)
        case_no_server(tmp)
        case_dying(pulse, mon)
        print(f"done in {time.monotonic() - t0:.1f} s", flush=True)
    finally:
        if mon:
            mon.close()
        if pulse:
            pulse.close()
        shutil.rmtree(tmp, ignore_errors=True)
    if failures:
        print(f"{len(failures)} check(s) failed", flush=True)
        return 1
    print("all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
