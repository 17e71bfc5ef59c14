"""The local HTTP call source: 127.0.0.1 only, a token, answers for every kind of bad request, limits."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from assist.telephony import http_source
from assist.telephony.events import CallEvent
from assist.telephony.http_source import MAX_BODY, MAX_CONNECTIONS, HttpSource, RateLimit
from assist.telephony.problems import ProblemLog
from tests.telephony.helpers import assert_not_logged, problem_records, wait_until

TOKEN = "t0ken-Very-Secret-0123456789"
NUMBER = "013800138000"
NAME = "Wang Wei"


class Server:
    def __init__(self, source: HttpSource) -> None:
        self.source = source
        self.delivered: list[CallEvent] = []
        self.port = source.port

    def deliver(self, event: CallEvent) -> None:
        self.delivered.append(event)

    def request(self, method: str, target: str, body: bytes | str | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.request(method, target, body=body, headers=headers or {})
            response = connection.getresponse()
            payload = response.read()
            assert response.getheader("Content-Type") == "application/json"
            assert response.getheader("Connection") == "close"
            return response.status, json.loads(payload) if payload else {}
        finally:
            connection.close()

    def get(self, **fields: str) -> int:
        return self.request("GET", "/call?" + urlencode(fields))[0]


def query(**fields: str) -> str:
    return "/call?" + urlencode({"token": TOKEN, **fields})


def new_server(deliver: Callable[[CallEvent], None] | None = None, rate_limit: RateLimit | None = None
               ) -> Server:
    source = HttpSource(0, TOKEN, lambda event: None, ProblemLog(), rate_limit or RateLimit(1000, 1000))
    server = Server(source)
    source.deliver = deliver or server.deliver
    source.start()
    return server


@pytest.fixture(autouse=True)
def no_request_in_the_log(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)  # every logger, every level: nothing of a request may reach any
    yield
    assert_not_logged(caplog.records, TOKEN, NUMBER, NUMBER[1:], NAME)


@pytest.fixture(scope="module")
def shared() -> Iterator[Server]:
    # One server for the tests that need nothing special: stopping one takes up to its 0.2 s poll.
    server = new_server()
    yield server
    server.source.stop()


@pytest.fixture
def server(shared: Server) -> Server:
    shared.delivered = []
    shared.source.problems = ProblemLog()
    shared.source.rate_limit = RateLimit(1000, 1000)
    return shared


@pytest.fixture
def start() -> Iterator[Callable[..., Server]]:
    """A server of the test's own (a rate limit, a deliver, a handler timeout of its own)."""
    servers: list[Server] = []

    def make(rate_limit: RateLimit | None = None, deliver: Callable[[CallEvent], None] | None = None
             ) -> Server:
        servers.append(new_server(deliver, rate_limit))
        return servers[-1]

    yield make
    for server in servers:
        server.source.stop()


def test_bound_to_loopback_only(server: Server) -> None:
    assert server.source._server.server_address == ("127.0.0.1", server.port)
    assert server.source.url == f"http://127.0.0.1:{server.port}/call"
    # Another loopback address on the same port is not served: the socket is not bound to every address.
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.2", server.port), timeout=2).close()


def test_a_token_shorter_than_16_characters_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 16"):
        HttpSource(0, "short", lambda event: None, ProblemLog())


def test_get_is_accepted(server: Server) -> None:
    status, answer = server.request("GET", query(event="ringing", number=NUMBER, name=NAME, call_id="h-1"))
    assert (status, answer) == (202, {"ok": True, "message": "accepted"})
    (event,) = server.delivered
    assert (event.event, event.number, event.display_name, event.call_id, event.source) == (
        "ringing", NUMBER, NAME, "h-1", "http")


def test_post_with_fields_in_the_query(server: Server) -> None:
    assert server.request("POST", query(event="answered", number=NUMBER))[0] == 202
    assert [(e.event, e.number, e.call_id) for e in server.delivered] == [("answered", NUMBER, "")]


def test_post_with_a_form_body(server: Server) -> None:
    body = urlencode({"event": "ringing", "number": "+86 138 0013 8000", "name": "王伟", "token": TOKEN})
    status, _ = server.request("POST", "/call", body,
                               {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    assert status == 202
    (event,) = server.delivered
    assert (event.event, event.number, event.display_name) == ("ringing", "+86 138 0013 8000", "王伟")


def test_post_with_a_json_body_and_the_token_in_the_query(server: Server) -> None:
    body = json.dumps({"event": "ended", "number": "sip:8613800138000@pbx", "call_id": "c-9"})
    status, _ = server.request("POST", "/call?token=" + quote(TOKEN), body,
                               {"Content-Type": "application/json"})
    assert status == 202
    (event,) = server.delivered
    assert (event.event, event.number, event.call_id) == ("ended", "sip:8613800138000@pbx", "c-9")


def test_a_withheld_number(server: Server) -> None:
    assert server.request("GET", query(event="ringing"))[0] == 202
    assert server.request("GET", query(event="ringing", number=""))[0] == 202
    assert [e.number for e in server.delivered] == [None, None]


@pytest.mark.parametrize("fields", [{}, {"token": ""}, {"token": TOKEN[:-1]}, {"token": TOKEN + "x"},
                                    {"token": TOKEN.upper()}, {"token": "ü" * 30}],
                         ids=["none", "empty", "shorter", "longer", "case", "non-ascii"])
def test_no_token_or_a_wrong_one_is_403(fields: dict[str, str], server: Server,
                                        caplog: pytest.LogCaptureFixture) -> None:
    status, answer = server.request("GET", "/call?" + urlencode({"event": "ringing", "number": NUMBER,
                                                                 **fields}))
    assert (status, answer["ok"]) == (403, False)
    body = urlencode({"event": "ringing", "number": NUMBER, **fields})
    assert server.request("POST", "/call", body, {"Content-Type": "application/x-www-form-urlencoded"}
                          )[0] == 403
    assert server.delivered == []
    records = problem_records(caplog)
    assert [r.getMessage() for r in records] == [
        "call source http: a request with no token or a wrong one; ignored"]  # twice, logged once


@pytest.mark.parametrize(("target", "body", "content_type", "message"), [
    (query(number=NUMBER), None, "", "unknown event type"),
    (query(event="hangup", number=NUMBER), None, "", "unknown event type"),
    (query(event="RINGING"), None, "", "unknown event type"),
    (query(event="ringing", number=NUMBER, caller="x"), None, "", "unknown field 'caller'"),
    (query(event="ringing") + "&number=1&number=2", None, "", "number is given more than once"),
    (query(event="ringing") + "&token=" + TOKEN, None, "", "token is given more than once"),
    (query(event="ringing", number="1" * 257), None, "", "longer than 256"),
    (query(event="ringing", call_id="c" * 201), None, "", "longer than 200"),
    (query(event="ringing") + "&number=%FF%FE", None, "", "the query is not well formed"),
    (query(event="ringing") + "&x" * 20, None, "", "the query is not well formed"),
    ("/call?token=" + TOKEN, b'{"event": "ringing", "number": ', "application/json", "the body is not JSON"),
    ("/call?token=" + TOKEN, b'["ringing"]', "application/json", "must be an object of text fields"),
    ("/call?token=" + TOKEN, b'{"event": "ringing", "number": 13800138000}', "application/json",
     "must be an object of text fields"),
    ("/call?token=" + TOKEN, b"event=ringing&number=\xff\xfe", "application/x-www-form-urlencoded",
     "the body is not UTF-8"),
    ("/call?token=" + TOKEN, b'{"event":"ringing","number":"\xff"}', "application/json",
     "the body is not UTF-8"),
    ("/call?token=" + TOKEN, b"event=ringing&event=ended", "application/x-www-form-urlencoded",
     "event is given more than once"),
], ids=["no-event", "unknown-event", "upper-case-event", "unknown-field", "duplicate-number",
        "duplicate-token", "long-number", "long-call-id", "query-not-utf8", "too-many-fields", "bad-json",
        "json-array", "json-number-value", "form-not-utf8", "json-not-utf8", "duplicate-in-body"])
def test_malformed_is_400(target: str, body: bytes | None, content_type: str, message: str,
                          server: Server) -> None:
    method = "GET" if body is None else "POST"
    status, answer = server.request(method, target, body, {"Content-Type": content_type} if content_type
                                    else {})
    assert status == 400
    assert answer["ok"] is False and message in answer["message"]
    assert server.delivered == []


def test_a_body_over_the_limit_is_413_without_being_read(server: Server,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        # Only the headers are sent: the answer must come without the server waiting for the body.
        client.sendall(f"POST {query(event='ringing')} HTTP/1.1\r\nHost: x\r\n"
                       f"Content-Type: application/x-www-form-urlencoded\r\n"
                       f"Content-Length: {10**12}\r\n\r\n".encode())
        started = time.monotonic()
        answer = receive_all(client)
    assert time.monotonic() - started < 1.0
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert str(MAX_BODY).encode() in answer
    assert server.delivered == []
    assert [r.getMessage() for r in problem_records(caplog)] == [
        "call source http: a request body over the size limit; ignored"]


def test_a_body_just_at_the_limit_is_read(server: Server) -> None:
    body = urlencode({"event": "ringing", "number": NUMBER, "token": TOKEN})
    body += "&name=" + "x" * (MAX_BODY - len(body) - 6)
    assert len(body) == MAX_BODY
    assert server.request("POST", "/call", body, {"Content-Type": "application/x-www-form-urlencoded"}
                          )[0] == 202
    assert server.delivered[0].display_name == "x" * 120  # cut to the longest name shown


@pytest.mark.parametrize(("headers", "status"), [
    ("Content-Length: abc\r\n", 400), ("Content-Length: -1\r\n", 400),
    ("Content-Length: " + "9" * 5000 + "\r\n", 400), ("Transfer-Encoding: chunked\r\n", 411),
    ("Content-Length: 100\r\n", 400),  # then the client closes its side: the body ended early
], ids=["not-a-number", "negative", "huge-digits", "chunked", "short-body"])
def test_bad_content_lengths(headers: str, status: int, server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(f"POST {query(event='ringing')} HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode()
                       + b"event=ringing")
        client.shutdown(socket.SHUT_WR)
        answer = receive_all(client)
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()), answer[:80]
    assert server.delivered == []


def test_wrong_path_is_404_and_other_methods_405(server: Server) -> None:
    assert server.request("GET", "/calls?" + urlencode({"event": "ringing", "token": TOKEN}))[0] == 404
    assert server.request("GET", "/")[0] == 404
    assert server.request("PUT", query(event="ringing"), b"")[0] == 405
    assert server.request("DELETE", query(event="ringing"))[0] == 405
    assert server.request("PATCH", query(event="ringing"))[0] == 405
    assert server.request("OPTIONS", query(event="ringing"))[0] == 501
    assert server.delivered == []


def test_garbage_instead_of_a_request(server: Server) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + NUMBER.encode() + b"\r\n\r\n")
        answer = receive_all(client)
    # No HTTP version could be read, so http.server answers as HTTP/0.9 would: the body alone, then close.
    assert json.loads(answer)["ok"] is False
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(f"GET {query(event='ringing', name='Wang Wei')} HTTP/1.1\r\n\r\n".replace("+", " ")
                       .encode())  # a space not encoded: four words in the request line
        answer = receive_all(client)
    assert answer.startswith(b"HTTP/1.1 400 ")
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\n\r\n")
        answer = receive_all(client)
    assert answer.startswith(b"HTTP/1.1 414 ")
    assert server.get(event="ringing", token=TOKEN) == 202  # still serving


def test_rate_limited_is_429(start: Callable[..., Server]) -> None:
    now = [100.0]
    server = start(RateLimit(rate=1.0, burst=2, clock=lambda: now[0]))
    assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202
    assert server.get(event="answered", number=NUMBER, token=TOKEN) == 202
    assert server.get(event="ended", number=NUMBER, token=TOKEN) == 429
    now[0] += 1.0  # one more request a second
    assert server.get(event="ended", number=NUMBER, token=TOKEN) == 202
    assert server.get(event="ended", number=NUMBER, token=TOKEN) == 429
    assert [e.event for e in server.delivered] == ["ringing", "answered", "ended"]


def test_requests_without_the_token_cannot_use_up_the_softphones_rate(start: Callable[..., Server]) -> None:
    server = start(RateLimit(rate=1.0, burst=2, clock=lambda: 100.0))
    # A frozen clock for the refused bucket too: on a busy machine the 40 requests take long enough
    # for a real one to refill it.
    server.source.refused_limit = RateLimit(rate=10.0, burst=30, clock=lambda: 100.0)
    refused = [server.get(event="ringing", number=NUMBER, token="wrong-token-wrong-token") for _ in range(40)]
    assert set(refused[:30]) == {403} and set(refused[30:]) == {429}  # their own bucket runs dry
    assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202  # the real one still gets in
    assert [e.event for e in server.delivered] == ["ringing"]


def test_rate_limit_bucket() -> None:
    now = [0.0]
    limit = RateLimit(rate=2.0, burst=3, clock=lambda: now[0])
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]
    now[0] = 0.5
    assert [limit.allow() for _ in range(2)] == [True, False]
    now[0] = 100.0  # a long quiet time refills to the burst, no more
    assert [limit.allow() for _ in range(4)] == [True, True, True, False]


def test_a_slow_sender_blocks_nobody_and_is_cut_off(start: Callable[..., Server],
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(http_source._Handler, "timeout", 1.0)
    server = start()
    slow = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    slower = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    try:
        slow.sendall(b"GET /call?event=ringing&number=0138")  # half a request line, then nothing
        slower.sendall(f"GET {query(event='ringing')} HTTP/1.1\r\nHost: x\r\n".encode())  # headers unended
        started = time.monotonic()
        assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202
        # Answered while the slow ones still wait: nobody queued behind them.
        assert still_open(slow) and still_open(slower)
        assert len(server.delivered) == 1
        for client in (slow, slower):
            assert receive_all(client, timeout=5) == b""  # then closed, unanswered
        assert time.monotonic() - started < 4.0
    finally:
        slow.close()
        slower.close()
    assert len(server.delivered) == 1
    records = problem_records(caplog)
    assert [r.getMessage() for r in records] == [
        "call source http: a request not sent in time; the connection was closed; ignored"]
    assert server.source.problems.count == 2


def still_open(client: socket.socket) -> bool:
    client.setblocking(False)
    try:
        return client.recv(1, socket.MSG_PEEK) != b""
    except BlockingIOError:
        return True  # nothing to read and not closed
    finally:
        client.settimeout(5)


def test_a_slow_body_is_cut_off(start: Callable[..., Server], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http_source._Handler, "timeout", 0.5)
    server = start()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(f"POST {query()} HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n"
                       f"Content-Type: application/x-www-form-urlencoded\r\n\r\nevent=ring".encode())
        assert receive_all(client, timeout=3) == b""
    assert server.delivered == []


def test_too_many_idle_connections_get_503(start: Callable[..., Server],
                                           caplog: pytest.LogCaptureFixture) -> None:
    server = start()
    slots = server.source._server._slots
    idle: list[socket.socket] = []
    for _ in range(MAX_CONNECTIONS):
        idle.append(socket.create_connection(("127.0.0.1", server.port), timeout=5))
        # One at a time: faster than the server accepts, they would overflow its listen backlog of 5,
        # and the kernel makes the overflow retry after a second.
        wait_until(lambda: slots._value == MAX_CONNECTIONS - len(idle), what="the server accepting")
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as extra:
            extra.sendall(f"GET {query(event='ringing', number=NUMBER)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            answer = receive_all(extra)
        assert answer.startswith(b"HTTP/1.1 503 ")
        assert server.delivered == []
        assert [r.getMessage() for r in problem_records(caplog)] == [
            "call source http: too many connections at once; ignored"]
    finally:
        for client in idle:
            client.close()
    # Their places are free again as soon as they hang up.
    wait_until(lambda: slots._value == MAX_CONNECTIONS, what="the idle connections' places freed")
    assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202
    assert len(server.delivered) == 1


def test_a_failing_deliver_still_answers(start: Callable[..., Server],
                                         caplog: pytest.LogCaptureFixture) -> None:
    def broken(event: CallEvent) -> None:
        raise RuntimeError(f"no card for {event.number}")

    server = start(deliver=broken)
    assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202
    assert server.get(event="ringing", number=NUMBER, token=TOKEN) == 202
    assert [r.getMessage() for r in problem_records(caplog)] == [
        "call source http: handling a ringing event failed (RuntimeError); ignored"]


def test_nothing_of_a_request_is_logged_or_printed(server: Server, caplog: pytest.LogCaptureFixture,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    server.get(event="ringing", number=NUMBER, name=NAME, token=TOKEN)
    server.get(event="ringing", number=NUMBER, name=NAME, token=TOKEN + "x")
    server.get(event="bogus", number=NUMBER, name=NAME, token=TOKEN)
    server.request("GET", "/nowhere?" + urlencode({"number": NUMBER, "token": TOKEN}))
    server.request("POST", query(number=NUMBER), b"{", {"Content-Type": "application/json"})
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as client:
        client.sendall(f"BREW {query(number=NUMBER)} HTTP/1.1\r\n\r\n".encode())
        receive_all(client)
    assert len(problem_records(caplog)) == 2  # the wrong token and the unknown event type
    out, err = capfd.readouterr()
    for text in (out, err):
        assert TOKEN not in text and NUMBER not in text and NAME not in text
    assert_not_logged(caplog.records, TOKEN, NUMBER, NUMBER[1:], NAME, "/nowhere")


def receive_all(client: socket.socket, timeout: float = 5.0) -> bytes:
    """Everything until the server closes the connection (every answer closes it)."""
    client.settimeout(timeout)
    chunks: list[bytes] = []
    try:
        while chunk := client.recv(65536):
            chunks.append(chunk)
    except ConnectionResetError:
        pass
    return b"".join(chunks)


def test_a_sender_trickling_bytes_is_cut_off_at_the_request_deadline(
        start: Callable[..., Server], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(http_source._Handler, "timeout", 5.0)  # each byte comes well within it
    monkeypatch.setattr(http_source, "REQUEST_DEADLINE", 1.0)
    server = start()
    trickler = socket.create_connection(("127.0.0.1", server.port), timeout=5)
    started = time.monotonic()
    try:
        request = f"GET {query(event='ringing', number=NUMBER, token=TOKEN)} HTTP/1.1\r\n".encode()
        closed_after = None
        for byte in request:
            try:
                trickler.sendall(bytes([byte]))
            except OSError:
                closed_after = time.monotonic() - started
                break
            if not still_open(trickler):
                closed_after = time.monotonic() - started
                break
            time.sleep(0.2)
        assert closed_after is not None and closed_after < 3.0
    finally:
        trickler.close()
    assert server.delivered == []
    assert "a sender too slow to finish its request; cut off" in [
        r.getMessage().removeprefix("call source http: ").removesuffix("; ignored")
        for r in problem_records(caplog)]
