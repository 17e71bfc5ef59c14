"""BaresipSource against a fake ctrl_tcp server: delivery, garbage, huge lengths, stalls, restarts, stop."""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from assist.telephony.baresip import BaresipSource
from assist.telephony.events import CallEvent
from assist.telephony.problems import ProblemLog
from tests.telephony.helpers import assert_not_logged, netstring, problem_records, wait_until

WAIT = 5.0
FAST = (0.05, 0.2)  # reconnect pauses for these tests
CALLER = "013800138000"


def frame(kind: str = "CALL_INCOMING", call_id: str = "c-1",
          peeruri: str = f"sip:{CALLER}@127.0.0.1") -> bytes:
    return netstring(json.dumps({"event": True, "type": kind, "class": "call", "direction": "incoming",
                                 "peeruri": peeruri, "peerdisplayname": "Wang Wei", "id": call_id}))


class FakeCtrl:
    """A listening socket that hands every connection it accepts to the test (`accepted`)."""

    def __init__(self, port: int = 0) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(8)
        self.port: int = self.listener.getsockname()[1]
        self.accepted: queue.Queue[socket.socket] = queue.Queue()
        self.connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections.append(connection)
            self.accepted.put(connection)

    def next_connection(self, timeout: float = WAIT) -> socket.socket:
        try:
            return self.accepted.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"the source did not connect within {timeout} s")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        self._thread.join(2)
        for connection in self.connections:
            connection.close()


def closed_by_peer(connection: socket.socket, timeout: float = WAIT) -> bool:
    """Whether the other end closed this connection within timeout (EOF or reset)."""
    connection.settimeout(timeout)
    try:
        while True:
            data = connection.recv(4096)
            if not data:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


class Received:
    """The deliver callback: events into a queue the test waits on."""

    def __init__(self, fail_first: int = 0) -> None:
        self.events: queue.Queue[CallEvent] = queue.Queue()
        self.fail_first = fail_first
        self.calls = 0

    def __call__(self, event: CallEvent) -> None:
        self.calls += 1
        if self.calls <= self.fail_first:
            raise RuntimeError(f"the desk broke on {event.number}")
        self.events.put(event)

    def next(self, timeout: float = WAIT) -> CallEvent:
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"no event delivered within {timeout} s")


@pytest.fixture
def server() -> Iterator[FakeCtrl]:
    fake = FakeCtrl()
    yield fake
    fake.close()


@pytest.fixture
def make_source(server: FakeCtrl) -> Iterator[Callable[..., tuple[BaresipSource, Received]]]:
    started: list[BaresipSource] = []

    def make(**options: Any) -> tuple[BaresipSource, Received]:
        received = Received(options.pop("fail_first", 0))
        options.setdefault("backoff", FAST)
        port = options.pop("port", server.port)
        source = BaresipSource("127.0.0.1", port, received, ProblemLog(), **options)
        source.start()
        started.append(source)
        return source, received

    yield make
    for source in started:
        source.stop()
        assert not source._thread.is_alive()


def test_events_are_delivered(server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    source, received = make_source()
    connection = server.next_connection()
    assert source.connected.wait(WAIT)
    connection.sendall(frame("CALL_INCOMING") + frame("CALL_ESTABLISHED"))
    connection.sendall(frame("CALL_CLOSED")[:7])  # and the last one in two pieces
    connection.sendall(frame("CALL_CLOSED")[7:])
    events = [received.next() for _ in range(3)]
    assert [(e.event, e.call_id, e.number) for e in events] == [
        ("ringing", "c-1", f"sip:{CALLER}@127.0.0.1"), ("answered", "c-1", f"sip:{CALLER}@127.0.0.1"),
        ("ended", "c-1", f"sip:{CALLER}@127.0.0.1")]
    assert all(e.source == "baresip" and e.display_name == "Wang Wei" for e in events)
    assert source.connections == 1
    assert caplog.records == []


def test_garbage_is_logged_once_and_the_source_reconnects(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    source, received = make_source()
    first = server.next_connection()
    first.sendall(b"HTTP/1.1 200 OK\r\n" + CALLER.encode())
    assert closed_by_peer(first)
    second = server.next_connection()
    assert source.connected.wait(WAIT)
    second.sendall(b"garbage again")  # the same problem again: not logged a second time
    assert closed_by_peer(second)
    third = server.next_connection()
    third.sendall(frame(call_id="after-garbage"))
    event = received.next()
    assert (event.event, event.call_id) == ("ringing", "after-garbage")
    assert source.connections == 3
    records = problem_records(caplog)
    assert [r.getMessage() for r in records] == [
        "call source baresip: the event stream broke (the stream does not start a frame with a length); "
        "reconnecting; ignored"]
    assert source.problems.count == 2
    assert_not_logged(caplog.records, CALLER[1:], "Wang")


def test_a_length_of_ten_to_the_twelve_drops_the_connection_at_once(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    source, received = make_source()
    first = server.next_connection()
    started = time.monotonic()
    first.sendall(b"1000000000000:")  # and then nothing: the source must not wait for the payload
    assert closed_by_peer(first, timeout=2)
    assert time.monotonic() - started < 1.5
    second = server.next_connection()
    second.sendall(frame(call_id="next"))
    assert received.next().call_id == "next"
    assert source.connections == 2
    assert ["more than 5 digits" in r.getMessage() for r in problem_records(caplog)] == [True]


def test_an_announced_frame_over_the_limit_is_not_waited_for(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    _source, received = make_source()
    first = server.next_connection()
    first.sendall(b"99999:" + b"x" * 1000)  # five digits, but over 64 KiB
    assert closed_by_peer(first, timeout=2)
    server.next_connection().sendall(frame(call_id="next"))
    assert received.next().call_id == "next"


def test_a_stall_in_the_middle_of_a_frame_reconnects(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    source, received = make_source(stall_seconds=0.3)
    first = server.next_connection()
    # Idle between frames is normal, however long: no reconnect while nothing is half sent.
    first.sendall(frame(call_id="before"))
    assert received.next().call_id == "before"
    with pytest.raises(queue.Empty):
        server.accepted.get(timeout=1.3)
    assert source.connections == 1
    first.sendall(frame(call_id="stalled")[:20])
    started = time.monotonic()
    assert closed_by_peer(first, timeout=3)
    assert 0.3 <= time.monotonic() - started < 4.0  # recv wakes once a second to check
    second = server.next_connection()
    second.sendall(frame(call_id="after"))
    assert received.next().call_id == "after"  # the stalled half frame was thrown away
    assert received.events.empty()
    assert source.connections == 2
    assert [r.getMessage() for r in problem_records(caplog)] == [
        "call source baresip: the event stream stalled in the middle of a frame; reconnecting; ignored"]


def test_the_server_going_away_and_coming_back_on_the_same_port(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    source, received = make_source()
    first = server.next_connection()
    first.sendall(frame(call_id="one"))
    assert received.next().call_id == "one"
    port = server.port
    server.close()  # baresip quits: EOF, then connections refused for a while
    wait_until(lambda: not source.connected.is_set(), what="the source noticing baresip is gone")
    time.sleep(0.5)  # several refused attempts (pauses of 0.05 to 0.2 s) before it comes back
    assert source.connections == 1
    back = FakeCtrl(port)
    try:
        again = back.next_connection()
        again.sendall(frame(call_id="two"))
        assert received.next().call_id == "two"
        assert source.connections == 2
        assert source.connected.is_set()
    finally:
        source.stop()
        back.close()
    assert problem_records(caplog) == []  # baresip restarting is not bad input


def test_a_failing_deliver_does_not_stop_the_source(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]],
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    source, received = make_source(fail_first=2)
    connection = server.next_connection()
    connection.sendall(frame("CALL_ESTABLISHED", call_id="broken"))  # ringing + answered: both fail
    connection.sendall(frame("CALL_INCOMING", call_id="fine"))
    event = received.next()
    assert (event.event, event.call_id) == ("ringing", "fine")
    assert source.connections == 1 and source._thread.is_alive()
    messages = [r.getMessage() for r in problem_records(caplog)]
    assert messages == ["call source baresip: handling a ringing event failed (RuntimeError); ignored",
                        "call source baresip: handling a answered event failed (RuntimeError); ignored"]
    assert_not_logged(caplog.records, CALLER[1:])


def test_a_frame_with_an_unhashable_type_does_not_kill_the_source(
        server: FakeCtrl, make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    source, received = make_source()
    connection = server.next_connection()
    connection.sendall(netstring(b'{"event":true,"type":["CALL_INCOMING"]}') + frame(call_id="next"))
    assert received.next().call_id == "next"
    assert source.connections == 1 and source._thread.is_alive()


# -- stop() -------------------------------------------------------------------------------------------

def stop_quickly(source: BaresipSource) -> None:
    started = time.monotonic()
    source.stop()
    assert time.monotonic() - started < 2.0
    assert not source._thread.is_alive()
    assert not source.connected.is_set()


def test_stop_while_connected_and_idle(server: FakeCtrl,
                                       make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    source, _received = make_source()
    connection = server.next_connection()
    assert source.connected.wait(WAIT)
    stop_quickly(source)
    assert closed_by_peer(connection, timeout=1)


def test_stop_in_the_middle_of_a_frame(server: FakeCtrl,
                                       make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    source, received = make_source()
    connection = server.next_connection()
    connection.sendall(frame()[:30])
    wait_for_pending = time.monotonic() + 0.2
    while time.monotonic() < wait_for_pending:  # let the source read the half frame
        time.sleep(0.01)
    stop_quickly(source)
    assert received.events.empty()


def test_stop_while_the_server_refuses(make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    with socket.socket() as taken:  # a port nobody listens on
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        source, _received = make_source(port=port, backoff=(0.01, 0.05))
        time.sleep(0.2)  # a few refused attempts
        assert source.connections == 0
        stop_quickly(source)


def test_stop_during_a_long_pause_between_attempts(
        make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        source, _received = make_source(port=taken.getsockname()[1], backoff=(30.0, 60.0))
        time.sleep(0.1)  # refused once, now pausing 30 s
        stop_quickly(source)


def test_stop_while_the_server_does_not_accept(
        make_source: Callable[..., tuple[BaresipSource, Received]]) -> None:
    with socket.socket() as listener:  # listening, never accepting: connect succeeds, nothing comes
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        source, _received = make_source(port=listener.getsockname()[1])
        assert source.connected.wait(WAIT)
        stop_quickly(source)
