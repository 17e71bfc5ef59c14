"""baresip's ctrl_tcp event socket: netstring-framed JSON events for each call.

An incoming call is `CALL_INCOMING` (ringing), `CALL_ESTABLISHED` (answered), `CALL_CLOSED` (ended), all
with the SIP Call-ID in `id` and the caller in `peeruri`. With auto-answer on, baresip 1.0 skips
`CALL_INCOMING`: an established incoming call we never saw ring is reported as ringing, then answered.
Every other event type (registration, SDP, outgoing calls) is not ours and is passed over.

baresip keeps one control client at a time and drops the older one when another connects; when baresip
restarts, we reconnect with a growing pause.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from assist.telephony.events import CallEvent, CallEventError, make_event
from assist.telephony.netstring import NetstringDecoder, NetstringError
from assist.telephony.problems import ProblemLog, deliver_safely

log = logging.getLogger("assist.telephony")
SOURCE = "baresip"
_TYPES = {"CALL_INCOMING": "ringing", "CALL_ESTABLISHED": "answered", "CALL_CLOSED": "ended"}
MAX_FRAME = 64 * 1024
_KNOWN_IDS = 256  # calls remembered, to tell an auto-answered call from one we saw ring


def parse_softphone_url(url: str) -> tuple[str, int]:
    """`baresip://HOST:PORT` to (host, port), or ValueError saying what is wrong."""
    parts = urlsplit(url)
    if parts.scheme != "baresip" or not parts.hostname:
        raise ValueError(f"softphone address {url!r} must look like baresip://127.0.0.1:4444")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == 0:
        raise ValueError(f"softphone address {url!r} needs a port, like baresip://127.0.0.1:4444")
    return parts.hostname, port


class BaresipEvents:
    """Turns decoded ctrl_tcp messages into CallEvents; no sockets, so it is tested frame by frame."""

    def __init__(self, problems: ProblemLog) -> None:
        self.problems = problems
        self._seen: dict[str, None] = {}
        self._unknown_types: set[str] = set()

    def message(self, frame: bytes, received: float) -> list[CallEvent]:
        try:
            document = json.loads(frame.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            self.problems.report(SOURCE, "a frame that is not JSON")
            return []
        if not isinstance(document, dict):
            self.problems.report(SOURCE, "a frame that is not a JSON object")
            return []
        if document.get("event") is not True:
            return []  # a reply to a command
        kind = document.get("type")
        if not isinstance(kind, str):  # checked first: a list or object here is unhashable
            self.problems.report(SOURCE, "an event without a type")
            return []
        if kind not in _TYPES:
            if kind not in self._unknown_types and len(self._unknown_types) < 64:
                # baresip reports much besides calls (SDP, registrations) on every call: not a fault, so
                # each kind is noted once, below the warnings that bad input gets.
                self._unknown_types.add(kind)
                log.info("call source %s: event type %r is not a call event; ignored from now on", SOURCE,
                         kind[:40])
            return []
        if document.get("class", "call") != "call" or document.get("direction", "incoming") != "incoming":
            return []  # the agent's own outgoing calls
        call_id = document.get("id")
        try:
            event = make_event(_TYPES[kind], _peer(document.get("peeruri")), SOURCE,
                               document.get("peerdisplayname"), call_id, received)
        except CallEventError as error:
            self.problems.report(SOURCE, f"a {kind} event that is not usable: {error}")
            return []
        events = [event]
        if event.event == "answered" and event.call_id and event.call_id not in self._seen:
            events.insert(0, make_event("ringing", event.number, SOURCE, event.display_name, event.call_id,
                                        received))
        if event.call_id:
            self._remember(event.call_id, forget=event.event == "ended")
        return events

    def _remember(self, call_id: str, forget: bool) -> None:
        if forget:
            self._seen.pop(call_id, None)
            return
        self._seen[call_id] = None
        while len(self._seen) > _KNOWN_IDS:
            self._seen.pop(next(iter(self._seen)))


def _peer(uri: object) -> str | None:
    if uri is None or uri == "":
        return None
    if not isinstance(uri, str):
        raise CallEventError("peeruri is not text")
    return uri


class BaresipSource:
    """Reads one baresip's events in a thread of its own until stop(); reconnects when it goes away."""

    def __init__(self, host: str, port: int, deliver: Callable[[CallEvent], None], problems: ProblemLog,
                 stall_seconds: float = 10.0, backoff: tuple[float, float] = (0.5, 15.0)) -> None:
        self.host = host
        self.port = port
        self.deliver = deliver
        self.problems = problems
        self.stall_seconds = stall_seconds
        self.backoff = backoff
        self.connected = threading.Event()
        self.connections = 0
        self._stop = threading.Event()
        self._socket: socket.socket | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"baresip {host}:{port}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        with self._lock:
            if self._socket is not None:
                with contextlib.suppress(OSError):
                    self._socket.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout)

    def _run(self) -> None:
        pause = self.backoff[0]
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                self._session()
            except OSError:
                pass  # refused, reset, unreachable: baresip is not there (yet); try again after a pause
            except NetstringError as error:
                self.problems.report(SOURCE, f"the event stream broke ({error}); reconnecting")
            except Exception as error:  # a mistake of ours in reading one frame must not end the source
                self.problems.report(SOURCE, f"reading the event stream failed ({type(error).__name__}); "
                                             "reconnecting")
            finally:
                self.connected.clear()
            if time.monotonic() - started > 30:
                pause = self.backoff[0]  # it had been up a while: a restart, not a crash loop
            if self._stop.wait(pause):
                break
            pause = min(self.backoff[1], pause * 2)

    def _session(self) -> None:
        connection = socket.create_connection((self.host, self.port), timeout=3)
        with self._lock:
            if self._stop.is_set():
                connection.close()
                return
            self._socket = connection
        try:
            connection.settimeout(1.0)
            self.connections += 1
            self.connected.set()
            decoder = NetstringDecoder(MAX_FRAME)
            events = BaresipEvents(self.problems)
            partial_since: float | None = None
            while not self._stop.is_set():
                try:
                    data = connection.recv(65536)
                except TimeoutError:
                    # Idle is normal between calls; a frame begun and not finished is a stalled peer.
                    if partial_since is not None and time.monotonic() - partial_since > self.stall_seconds:
                        self.problems.report(SOURCE, "the event stream stalled in the middle of a frame; "
                                                     "reconnecting")
                        return
                    continue
                if not data:
                    return  # baresip quit, or another client took its one place
                received = time.perf_counter()
                for frame in decoder.feed(data):
                    for event in events.message(frame, received):
                        deliver_safely(self.deliver, event, self.problems)
                partial_since = (partial_since or time.monotonic()) if decoder.pending else None
        finally:
            with self._lock:
                self._socket = None
            connection.close()
