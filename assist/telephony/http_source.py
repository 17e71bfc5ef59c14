"""Call events over local HTTP, for softphones and CTI systems that open a URL on a call.

`GET` or `POST /call?event=ringing&number=...&name=...&call_id=...&token=...` (a POST may carry the same
fields as a form or JSON body instead). Bound to 127.0.0.1 only; the token is per install (keyring) and
compared in constant time. Every request is answered quickly: 202 accepted, 400 malformed, 403 no or
wrong token, 404, 405, 411, 413, 429 too many, 503 too many connections at once. Nothing from a request
(query, number, token) reaches the log.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from assist.telephony.events import CallEvent, CallEventError, make_event
from assist.telephony.problems import ProblemLog, deliver_safely

SOURCE = "http"
MAX_BODY = 8 * 1024
MAX_CONNECTIONS = 16
READ_TIMEOUT = 5.0  # seconds a sender may pause between bytes
REQUEST_DEADLINE = 10.0  # seconds a whole request may take: a sender trickling bytes is cut off
_FIELDS = {"event", "number", "name", "call_id", "token"}


class RateLimit:
    """A token bucket: `rate` requests a second on average, bursts of up to `burst`."""

    def __init__(self, rate: float = 20.0, burst: int = 40, clock: Callable[[], float] = time.monotonic):
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = float(burst)
        self._last = clock()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            now = self._clock()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens >= 1:
                self._tokens -= 1
                return True
            return False


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64  # the default 5 makes a burst of CTI requests wait a second in the kernel

    def __init__(self, port: int, source: HttpSource) -> None:
        self.source = source
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self.source.problems.report(SOURCE, "too many connections at once")
            with contextlib.suppress(OSError):
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                b"Connection: close\r\n\r\n")
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The default prints a traceback to stderr, with whatever the request held.
        self.source.problems.report(SOURCE, "a request failed while being read")


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    timeout = READ_TIMEOUT
    protocol_version = "HTTP/1.1"
    server_version = "AgentAssist"
    sys_version = ""

    def setup(self) -> None:
        super().setup()
        # A per-read timeout alone lets a sender trickle a byte every few seconds for ever, holding a
        # connection slot; the whole request gets a deadline too.
        self._deadline = threading.Timer(REQUEST_DEADLINE, self._too_slow)
        self._deadline.daemon = True
        self._deadline.start()

    def _too_slow(self) -> None:
        self.server.source.problems.report(SOURCE, "a sender too slow to finish its request; cut off")
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def finish(self) -> None:
        self._deadline.cancel()
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the request line holds the token and the caller's number

    def log_error(self, format: str, *args: Any) -> None:
        # Only http.server's read timeout gets here (send_error is ours): a sender too slow, cut off.
        self.server.source.problems.report(SOURCE, "a request not sent in time; the connection was closed")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own errors (a bad request line, 414, a timeout) end up here too.
        self._answer(code, message or self.responses.get(code, ("error",))[0])

    def do_GET(self) -> None:
        self._call(self._query())

    def do_POST(self) -> None:
        fields = self._query()
        if fields is None:
            return
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            if self.headers.get("Transfer-Encoding"):
                self._answer(411, "send a Content-Length")
                return
            length = 0
        else:
            try:
                length = int(length_header)
            except ValueError:
                self._answer(400, "bad Content-Length")
                return
            if length < 0:
                self._answer(400, "bad Content-Length")
                return
        if length > MAX_BODY:
            self.server.source.problems.report(SOURCE, "a request body over the size limit")
            self._answer(413, f"the body may hold at most {MAX_BODY} bytes")
            return
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            self._answer(400, "the body ended early")
            return
        if body.strip():
            parsed = self._body(body)
            if parsed is None:
                return
            fields.update(parsed)
        self._call(fields)

    def do_PUT(self) -> None:
        self._answer(405, "use GET or POST")

    do_DELETE = do_PATCH = do_PUT

    def _query(self) -> dict[str, str] | None:
        parts = urlsplit(self.path)
        if parts.path != "/call":
            self._answer(404, "the only address is /call")
            return None
        return self._fields(parts.query)

    def _fields(self, text: str) -> dict[str, str] | None:
        try:
            parsed = parse_qs(text, keep_blank_values=True, strict_parsing=False, max_num_fields=16,
                              errors="strict")
        except (ValueError, UnicodeDecodeError):
            self._answer(400, "the query is not well formed")
            return None
        fields: dict[str, str] = {}
        for key, values in parsed.items():
            if len(values) != 1:
                self._answer(400, f"{key} is given more than once")
                return None
            fields[key] = values[0]
        return fields

    def _body(self, body: bytes) -> dict[str, str] | None:
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            self._answer(400, "the body is not UTF-8")
            return None
        if kind == "application/json":
            try:
                document = json.loads(text)
            except (ValueError, RecursionError):
                self._answer(400, "the body is not JSON")
                return None
            if not isinstance(document, dict) or not all(
                    isinstance(value, str) for value in document.values()):
                self._answer(400, "the JSON body must be an object of text fields")
                return None
            return {str(key): value for key, value in document.items()}
        return self._fields(text)

    def _call(self, fields: dict[str, str] | None) -> None:
        if fields is None:
            return
        source = self.server.source
        received = time.perf_counter()
        # The token first: requests without it (any local program, a web page in the agent's browser)
        # have a bucket of their own, so they can neither guess the token quickly nor use up the one
        # the real softphone's events need.
        if not hmac.compare_digest(fields.get("token", "").encode(), source.token.encode()):
            if not source.refused_limit.allow():
                self._answer(429, "too many requests; slow down")
                return
            source.problems.report(SOURCE, "a request with no token or a wrong one")
            self._answer(403, "a valid token is required")
            return
        if not source.rate_limit.allow():
            self._answer(429, "too many requests; slow down")
            return
        unknown = sorted(set(fields) - _FIELDS)
        if unknown:
            self._answer(400, f"unknown field {unknown[0][:40]!r}")
            return
        try:
            event = make_event(fields.get("event"), fields.get("number"), SOURCE, fields.get("name"),
                               fields.get("call_id"), received)
        except CallEventError as error:
            source.problems.report(SOURCE, f"a malformed request: {error}")
            self._answer(400, str(error))
            return
        deliver_safely(source.deliver, event, source.problems)
        self._answer(202, "accepted")

    def _answer(self, code: int, message: str) -> None:
        body = json.dumps({"ok": code < 300, "message": message}).encode() + b"\n"
        try:
            self.send_response_only(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
        except OSError:
            pass
        self.close_connection = True


class HttpSource:
    def __init__(self, port: int, token: str, deliver: Callable[[CallEvent], None], problems: ProblemLog,
                 rate_limit: RateLimit | None = None) -> None:
        if len(token) < 16:
            raise ValueError("the HTTP token must be at least 16 characters")
        self.token = token
        self.deliver = deliver
        self.problems = problems
        self.rate_limit = rate_limit or RateLimit()
        self.refused_limit = RateLimit(rate=10.0, burst=30)
        self._server = _Server(port, self)  # OSError here when the port is taken: the caller says so
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.2},
                                        name=f"call http :{self.port}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(2)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/call"

