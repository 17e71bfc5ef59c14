"""The softphone harness works: a real SIP call to a real baresip reaches one ctrl_tcp client."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.telephony.softphone import (
    Baresip,
    finish_call,
    running_baresip,
    softphone_missing,
    start_call,
)

pytestmark = pytest.mark.skipif(softphone_missing() is not None, reason=softphone_missing() or "")

CALLER = "013800138000"
DISPLAY_NAME = "王伟 Wang Wei"
CALL_TYPES = {"CALL_INCOMING", "CALL_ESTABLISHED", "CALL_CLOSED"}


class NetstringClient:
    """One raw ctrl_tcp client: reads `<len>:<json>,` frames until a deadline."""

    def __init__(self, phone: Baresip) -> None:
        self.sock = socket.create_connection((phone.host, phone.ctrl_port), timeout=5)
        self.buffer = b""
        self.messages: list[dict[str, Any]] = []

    def close(self) -> None:
        self.sock.close()

    def send(self, command: str, token: str) -> None:
        payload = json.dumps({"command": command, "params": "", "token": token}).encode()
        self.sock.sendall(str(len(payload)).encode() + b":" + payload + b",")

    def _frames(self) -> Iterator[dict[str, Any]]:
        """Complete frames in the buffer, removed from it; a partial frame stays for later."""
        while True:
            length_text, colon, rest = self.buffer.partition(b":")
            if not colon:
                assert len(length_text) <= 10 and (not length_text or length_text.isdigit()), self.buffer
                return
            assert length_text.isdigit(), f"bad netstring length {length_text!r}"
            length = int(length_text)
            if len(rest) < length + 1:
                return
            assert rest[length : length + 1] == b",", f"netstring not closed by a comma: {rest[:80]!r}"
            message = json.loads(rest[:length].decode("utf-8"))
            assert isinstance(message, dict), message
            self.buffer = rest[length + 1 :]
            yield message

    def read_until(self, wanted: str, seconds: float) -> dict[str, Any]:
        """Messages until one whose type (event) or token (response) is `wanted`; fails at deadline."""
        deadline = time.monotonic() + seconds
        while True:
            for message in self._frames():
                self.messages.append(message)
                if wanted in (message.get("type"), message.get("token")):
                    return message
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"no {wanted} within {seconds} s; got {self.messages}")
            self.sock.settimeout(min(left, 0.5))
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                continue
            if not chunk:
                pytest.fail(f"baresip closed the ctrl_tcp connection before {wanted}; got {self.messages}")
            self.buffer += chunk

    def call_events(self) -> list[dict[str, Any]]:
        return [m for m in self.messages if m.get("event") and m.get("type") in CALL_TYPES]


@pytest.fixture
def phone_and_client(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Baresip, NetstringClient]]:
    answer = request.param
    with running_baresip(tmp_path / "baresip", answer=answer) as phone:
        client = NetstringClient(phone)
        try:
            # A command answered on this connection proves baresip has taken it as its one client
            # (after the readiness probe left), so no event of the call can go to nobody.
            client.send("reginfo", "hello")
            response = client.read_until("hello", 5)
            assert response["response"] is True
            yield phone, client
        finally:
            client.close()


def test_baresip_is_stopped_and_reaped(tmp_path: Path) -> None:
    with running_baresip(tmp_path / "baresip") as phone:
        assert phone.url == f"baresip://127.0.0.1:{phone.ctrl_port}"
        assert phone.process.poll() is None
    assert phone.process.returncode is not None
    assert not Path(f"/proc/{phone.process.pid}").exists()  # waited for: no zombie left
    with pytest.raises(OSError):
        socket.create_connection((phone.host, phone.ctrl_port), timeout=1).close()


def user_part(uri: str) -> str:
    return uri.removeprefix("sip:").split("@", 1)[0]


@pytest.mark.parametrize("phone_and_client", ["manual"], indirect=True)
def test_answered_call_reaches_the_ctrl_tcp_client(phone_and_client: tuple[Baresip, NetstringClient]) -> None:
    phone, client = phone_and_client
    call = start_call(phone, CALLER, DISPLAY_NAME, hold_seconds=0.5, timeout=10)
    try:
        incoming = client.read_until("CALL_INCOMING", 10)
        client.send("accept", "answer")
        established = client.read_until("CALL_ESTABLISHED", 10)
        closed = client.read_until("CALL_CLOSED", 10)
    finally:
        result = finish_call(call, timeout=10)
    assert result.returncode == 0, result.stdout + result.stderr

    assert user_part(incoming["peeruri"]) == CALLER
    assert incoming["peerdisplayname"] == DISPLAY_NAME
    assert incoming["direction"] == "incoming"
    assert incoming["id"]
    assert established["id"] == closed["id"] == incoming["id"]
    assert [e["type"] for e in client.call_events()] == ["CALL_INCOMING", "CALL_ESTABLISHED", "CALL_CLOSED"]
    assert closed["param"] == "Connection reset by peer"  # the caller hung up with BYE


@pytest.mark.parametrize("phone_and_client", ["auto"], indirect=True)
def test_auto_answered_call_has_no_incoming_event(phone_and_client: tuple[Baresip, NetstringClient]) -> None:
    """baresip 1.0.0 sends CALL_INCOMING only when the account answers manually."""
    phone, client = phone_and_client
    call = start_call(phone, CALLER, hold_seconds=0.3, timeout=10)
    try:
        established = client.read_until("CALL_ESTABLISHED", 10)
        closed = client.read_until("CALL_CLOSED", 10)
    finally:
        result = finish_call(call, timeout=10)
    assert result.returncode == 0, result.stdout + result.stderr

    assert user_part(established["peeruri"]) == CALLER
    assert "peerdisplayname" not in established  # absent, not "", when From has no display name
    assert closed["id"] == established["id"]
    assert [e["type"] for e in client.call_events()] == ["CALL_ESTABLISHED", "CALL_CLOSED"]


@pytest.mark.parametrize("phone_and_client", ["manual"], indirect=True)
def test_call_given_up_while_ringing(phone_and_client: tuple[Baresip, NetstringClient]) -> None:
    phone, client = phone_and_client
    call = start_call(phone, CALLER, DISPLAY_NAME, cancel_after=0.3, timeout=10)
    try:
        incoming = client.read_until("CALL_INCOMING", 10)
        closed = client.read_until("CALL_CLOSED", 10)
    finally:
        result = finish_call(call, timeout=10)
    assert result.returncode == 0, result.stdout + result.stderr

    assert user_part(incoming["peeruri"]) == CALLER
    assert closed["id"] == incoming["id"]
    assert [e["type"] for e in client.call_events()] == ["CALL_INCOMING", "CALL_CLOSED"]
