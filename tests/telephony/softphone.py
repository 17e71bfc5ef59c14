"""A real softphone on loopback for tests: baresip 1.0.0 (Debian) called by sipp.

``running_baresip(workdir)`` starts baresip with its ``ctrl_tcp`` module on free loopback ports and
stops it again; ``place_call(baresip, "013800138000", "Wang Wei")`` makes one real SIP call to it
with sipp. Tests skip with ``pytest.skip(reason)`` when ``softphone_missing()`` gives a reason.

What ctrl_tcp sends (measured here, baresip 1.0.0, Debian's build)
-------------------------------------------------------------------
TCP, netstring framing: ``<decimal length>:<JSON bytes>,`` back to back, no newline. The length
counts bytes, not characters (display names may be UTF-8). One client at a time: when a new client
connects, baresip closes the previous client's connection (it reads EOF) and sends everything to
the new one. Commands go the other way in the same framing,
``{"command":"accept","params":"","token":"t1"}``; the answer comes in the same stream, between
events: ``{"response":true,"ok":true,"data":"sip:agent@127.0.0.1: Answering incoming call\n",
"token":"t1"}`` (an unknown command gets ``"ok":false,"data":"command not found (NAME)\n"``).

Event keys: ``event`` (true), ``type``, ``class``, ``accountaor``, ``direction`` ("incoming" /
"outgoing"), ``peeruri``, ``peerdisplayname`` (ABSENT, not "", when the From header has no display
name), ``id``, ``param``.

- The caller's number is the user part of ``peeruri`` (``sip:013800138000@127.0.0.1:41679``);
  the From header's display name is ``peerdisplayname``, exactly as it stood between the quotes
  (UTF-8 passes through; backslash escapes such as ``\"`` are NOT undone).
- ``id`` is the SIP Call-ID of the call, the same in every event of one call: tie events by it.
- ``param``: the peer URI for CALL_INCOMING and CALL_ESTABLISHED; the reason for CALL_CLOSED,
  "Connection reset by peer" both when the caller hung up with BYE and when it gave up (CANCEL)
  while it rang; "offer"/"answer" for the SDP events.

CALL_INCOMING is sent ONLY when the account answers manually (``answermode=manual``). With
``answermode=auto`` baresip 1.0.0 answers at once and sends no CALL_INCOMING: the first call event
is CALL_ESTABLISHED ("direction":"incoming"). A parser must take an ESTABLISHED call it has not
seen as a new incoming call. Both modes also send ``"class":"other"`` events CALL_REMOTE_SDP
(param "offer") and CALL_LOCAL_SDP (param "answer") for the call, which a parser can ignore.

Real frames of one call, answer="manual", the client sending ``accept`` on CALL_INCOMING, the
caller hanging up after 0.3 s (SDP events and the command's response left out)::

    251:{"event":true,"type":"CALL_INCOMING","class":"call","accountaor":"sip:agent@127.0.0.1",
    "direction":"incoming","peeruri":"sip:013800138000@127.0.0.1:41679","peerdisplayname":"Wang Wei",
    "id":"1-7825@127.0.0.1","param":"sip:013800138000@127.0.0.1:41679"},

    254:{"event":true,"type":"CALL_ESTABLISHED","class":"call","accountaor":"sip:agent@127.0.0.1",
    "direction":"incoming","peeruri":"sip:013800138000@127.0.0.1:41679","peerdisplayname":"Wang Wei",
    "id":"1-7825@127.0.0.1","param":"sip:013800138000@127.0.0.1:41679"},

    241:{"event":true,"type":"CALL_CLOSED","class":"call","accountaor":"sip:agent@127.0.0.1",
    "direction":"incoming","peeruri":"sip:013800138000@127.0.0.1:41679","peerdisplayname":"Wang Wei",
    "id":"1-7825@127.0.0.1","param":"Connection reset by peer"},

(each frame is one line on the wire; wrapped here). Order on the wire for that call: CALL_INCOMING,
CALL_REMOTE_SDP, CALL_LOCAL_SDP, the accept response, CALL_ESTABLISHED, CALL_CLOSED. Answer="auto":
CALL_REMOTE_SDP, CALL_LOCAL_SDP, CALL_ESTABLISHED, CALL_CLOSED. Rings and the caller gives up
(answer="manual", ``place_call(..., cancel_after=1.0)``): CALL_INCOMING, then CALL_CLOSED.

Config notes: no sound card is needed (ausine source, aubridge player and alert device); no
registrar is needed (``regint=0`` in the account line); baresip reads no stdin because no UI module
(stdio/cons) is loaded, so stdin is /dev/null and it keeps running. sipp's Call-ID looks like
``1-<sipp pid>@127.0.0.1``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

HOST = "127.0.0.1"
CALLED_USER = "agent"
DATA_DIR = Path(__file__).parent / "data"
CALL_SCENARIO = DATA_DIR / "uac_call.xml"
CANCEL_SCENARIO = DATA_DIR / "uac_cancel.xml"
MODULE_PATH = Path("/usr/lib/baresip/modules")

AnswerMode = Literal["auto", "manual"]


def softphone_missing() -> str | None:
    """Why the softphone tests cannot run here, or None when they can."""
    missing = [tool for tool in ("baresip", "sipp") if shutil.which(tool) is None]
    if missing:
        return f"{' and '.join(missing)} not on PATH (Debian packages baresip, sip-tester)"
    if not (MODULE_PATH / "ctrl_tcp.so").exists():
        return f"baresip's ctrl_tcp module is not in {MODULE_PATH}"
    return None


@dataclass(frozen=True)
class Baresip:
    """A running baresip: where to call it (SIP) and where to listen to it (ctrl_tcp)."""

    host: str
    sip_port: int
    ctrl_port: int
    log_path: Path
    workdir: Path
    answer: AnswerMode
    process: subprocess.Popen[bytes]
    user: str = CALLED_USER

    @property
    def url(self) -> str:
        return f"baresip://{self.host}:{self.ctrl_port}"

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def free_port(kind: Literal["tcp", "udp", "both"] = "tcp", avoid: frozenset[int] = frozenset()) -> int:
    """A loopback port nobody is bound to now (bind to 0, close). "both": free for TCP and UDP."""
    for _ in range(50):
        sock_type = socket.SOCK_DGRAM if kind == "udp" else socket.SOCK_STREAM
        with socket.socket(socket.AF_INET, sock_type) as first:
            first.bind((HOST, 0))
            port: int = first.getsockname()[1]
            if port in avoid:
                continue
            if kind != "both":
                return port
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as second:
                try:
                    second.bind((HOST, port))
                except OSError:
                    continue
                return port
    raise RuntimeError("no free loopback port found")


def write_config(workdir: Path, sip_port: int, ctrl_port: int, answer: AnswerMode) -> None:
    """baresip's `config` and `accounts` in workdir (baresip -f workdir)."""
    config = f"""\
# written by tests/telephony/softphone.py
poll_method             poll
module_path             {MODULE_PATH}
sip_listen              {HOST}:{sip_port}
net_interface           {HOST}
audio_path              /usr/share/baresip
audio_player            aubridge,nil
audio_source            ausine,440
audio_alert             aubridge,nil
ausrc_srate             48000
ausrc_channels          2
rtp_timeout             0
module                  g711.so
module                  ausine.so
module                  aubridge.so
module_app              account.so
module_app              menu.so
module_app              ctrl_tcp.so
ctrl_tcp_listen         {HOST}:{ctrl_port}
"""
    # No registrar: regint=0 keeps baresip from registering; calls to sip:agent@host:port reach it.
    accounts = f"<sip:{CALLED_USER}@{HOST}>;regint=0;answermode={answer}\n"
    (workdir / "config").write_text(config, encoding="utf-8")
    (workdir / "accounts").write_text(accounts, encoding="utf-8")


def _stop(process: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """SIGTERM, then SIGKILL after timeout; always reaped so no zombie is left."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    process.wait()


def _probe_ctrl(port: int) -> bool:
    """True once ctrl_tcp accepts a client and baresip's loop answers a command on it.

    ctrl_tcp keeps one client: this probe closes its connection before returning, and the next
    client to connect replaces it anyway, so it never blocks the test's own client.
    """
    try:
        sock = socket.create_connection((HOST, port), timeout=0.5)
    except OSError:
        return False
    with sock:
        payload = b'{"command":"reginfo","params":"","token":"ready-probe"}'
        try:
            sock.sendall(str(len(payload)).encode() + b":" + payload + b",")
            received = b""
            deadline = time.monotonic() + 1.0
            while b"ready-probe" not in received and time.monotonic() < deadline:
                chunk = sock.recv(4096)
                if not chunk:
                    return False
                received += chunk
        except OSError:
            return False
        return b"ready-probe" in received


def _start(workdir: Path, answer: AnswerMode, start_timeout: float) -> Baresip | None:
    """One attempt; None when baresip died at start (e.g. a port was taken meanwhile)."""
    sip_port = free_port("both")
    ctrl_port = free_port("tcp", avoid=frozenset({sip_port}))
    write_config(workdir, sip_port, ctrl_port, answer)
    log_path = workdir / "baresip.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            ["baresip", "-f", str(workdir)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,  # the terminal's Ctrl-C goes to pytest, which stops it in order
        )
    phone = Baresip(HOST, sip_port, ctrl_port, log_path, workdir, answer, process)
    deadline = time.monotonic() + start_timeout
    try:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                process.wait()
                return None
            if _probe_ctrl(ctrl_port):
                return phone
            time.sleep(0.05)
    except BaseException:
        _stop(process)
        raise
    _stop(process)
    raise RuntimeError(f"baresip did not open ctrl_tcp on {ctrl_port} in {start_timeout} s:\n{phone.log()}")


@contextlib.contextmanager
def running_baresip(
    workdir: Path, answer: AnswerMode = "auto", start_timeout: float = 10.0
) -> Iterator[Baresip]:
    """baresip on loopback with ctrl_tcp, ready for one client; stopped and reaped on exit.

    answer="auto" answers every call at once (no CALL_INCOMING event, see the module docstring);
    answer="manual" rings (CALL_INCOMING) until a ctrl_tcp client sends ``accept`` or the caller
    gives up.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    phone = None
    for _ in range(3):
        phone = _start(workdir, answer, start_timeout)
        if phone is not None:
            break
    if phone is None:
        log = (workdir / "baresip.log").read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"baresip exited at start three times:\n{log}")
    try:
        yield phone
    finally:
        _stop(phone.process)


def _display_key(display_name: str) -> str:
    """The From header's display-name part, quoted, with the space before '<' ('' for none)."""
    if not display_name:
        return ""
    escaped = display_name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}" '


def sipp_command(
    baresip: Baresip,
    from_user: str,
    display_name: str = "",
    hold_seconds: float = 1.0,
    timeout: float = 15,
    cancel_after: float | None = None,
) -> list[str]:
    """The sipp command line for one call to baresip (see place_call)."""
    sipp_port = free_port("udp", avoid=frozenset({baresip.sip_port}))
    rtp_port = free_port("udp", avoid=frozenset({baresip.sip_port, sipp_port}))
    scenario = CALL_SCENARIO if cancel_after is None else CANCEL_SCENARIO
    pause = hold_seconds if cancel_after is None else cancel_after
    return [
        "sipp",
        f"{baresip.host}:{baresip.sip_port}",
        "-sf", str(scenario),
        "-m", "1",
        "-i", HOST,
        "-p", str(sipp_port),
        "-s", baresip.user,
        "-key", "caller", from_user,
        "-key", "from_display", _display_key(display_name),
        "-key", "rtp_port", str(rtp_port),
        "-d", str(max(1, round(pause * 1000))),
        "-timeout", f"{max(1, round(timeout))}s",
        "-timeout_error",
        "-nostdin",
        "-trace_err", "-error_file", str(baresip.workdir / "sipp_errors.log"),
        "-trace_msg", "-message_file", str(baresip.workdir / "sipp_messages.log"),
    ]  # fmt: skip


def start_call(
    baresip: Baresip,
    from_user: str,
    display_name: str = "",
    hold_seconds: float = 1.0,
    timeout: float = 15,
    cancel_after: float | None = None,
) -> subprocess.Popen[str]:
    """Start the call of place_call and return at once: for a test that must act while it rings.

    The caller must wait() for it (or use place_call, which does).
    """
    command = sipp_command(baresip, from_user, display_name, hold_seconds, timeout, cancel_after)
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=baresip.workdir,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, "TERM": "dumb"},
    )


def finish_call(process: subprocess.Popen[str], timeout: float = 15) -> subprocess.CompletedProcess[str]:
    """Wait for a start_call() sipp to end (killed after timeout + 5 s); its exit code and output."""
    try:
        stdout, stderr = process.communicate(timeout=timeout + 5)
    except subprocess.TimeoutExpired:
        process.kill()
        stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def place_call(
    baresip: Baresip,
    from_user: str,
    display_name: str = "",
    hold_seconds: float = 1.0,
    timeout: float = 15,
    cancel_after: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """One real SIP call from sip:{from_user}@127.0.0.1:{free port} to baresip; returns when over.

    Answered (cancel_after None): INVITE with a PCMU offer, [100], [180/183], 200, ACK, hold for
    hold_seconds, BYE, 200. With an answer="auto" baresip it exits 0; with answer="manual" someone
    must send ``accept`` on ctrl_tcp meanwhile (use start_call for that).
    Not answered (cancel_after=SECONDS, answer="manual"): INVITE, [100], 180, ring for that long,
    CANCEL, 200, 487, ACK; exits 0.
    sipp exits non-zero when the call fails or outlasts timeout; its traces are in baresip.workdir.
    """
    process = start_call(baresip, from_user, display_name, hold_seconds, timeout, cancel_after)
    return finish_call(process, timeout)
