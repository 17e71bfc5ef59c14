"""A real call: Debian's baresip on loopback, called by sipp, followed by BaresipSource and the CLI.

The caller's number is stored as `+86 138 0013 8000` and calls as `013800138000` or `8613800138000`; the
card must be that customer's, with the scripts for an open refund ticket first.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import pytest

from assist.customers.lookup import CardLookupService
from assist.customers.store import CustomerStore
from assist.customers.suggest import ScriptTriggers, triggers_from_script_data
from assist.telephony.baresip import BaresipSource
from assist.telephony.desk import CallDesk, CallUpdate
from scripts_lib.loading import builtin_scripts
from tests.telephony import softphone
from tests.telephony.helpers import (
    ASSIST,
    assert_not_logged,
    customer_line,
    lines_into,
    problem_records,
    store_with,
    tcp_client_connected,
    wait_for_line,
    wait_until,
)
from tests.telephony.softphone import Baresip, place_call, running_baresip

pytestmark = pytest.mark.skipif(softphone.softphone_missing() is not None,
                                reason=softphone.softphone_missing() or "")

WAIT = 15.0
JSON_KEYS = {"event", "number", "call_id", "source", "customer_id", "suggested", "latency_ms"}


def builtin_triggers() -> list[ScriptTriggers]:
    return [triggers_from_script_data(script.to_json()) for script in builtin_scripts()]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CustomerStore]:
    now = datetime.now().astimezone()
    customers = store_with(tmp_path, [customer_line("K-REFUND", "+86 138 0013 8000", now),
                                      customer_line("K-OTHER", "139 1234 5678", now, ticket_type="complaint",
                                                    summary="快递员态度差")])
    yield customers
    customers.close()


class Following:
    """BaresipSource + CallDesk, as the sidebar runs them; every update into a queue."""

    def __init__(self, store: CustomerStore, port: int) -> None:
        self.desk = CallDesk(CardLookupService(store, builtin_triggers()))
        self.updates: queue.Queue[CallUpdate] = queue.Queue()
        self.source = BaresipSource("127.0.0.1", port, self._deliver, self.desk.problems,
                                    backoff=(0.05, 0.2))

    def _deliver(self, event: Any) -> None:
        update = self.desk.handle(event)
        if update is not None:
            self.updates.put(update)

    def next(self) -> CallUpdate:
        try:
            return self.updates.get(timeout=WAIT)
        except queue.Empty:
            pytest.fail(f"no call update within {WAIT} s")

    def ready(self, phone: Baresip) -> None:
        """Connected, and baresip's one client (not a probe that left)."""
        assert self.source.connected.wait(WAIT)
        wait_until(lambda: tcp_client_connected(phone.ctrl_port), WAIT, "baresip's ctrl_tcp client")


@pytest.fixture
def following(store: CustomerStore) -> Iterator[Callable[[Baresip], Following]]:
    started: list[Following] = []

    def follow(phone: Baresip) -> Following:
        watcher = Following(store, phone.ctrl_port)
        watcher.source.start()
        started.append(watcher)
        watcher.ready(phone)
        return watcher

    yield follow
    for watcher in started:
        watcher.source.stop()


def assert_one_call(updates: list[CallUpdate], customer_id: str | None,
                    events: tuple[str, ...] = ("ringing", "answered", "ended")) -> None:
    assert [u.event.event for u in updates] == list(events)
    call_ids = {u.event.call_id for u in updates}
    assert len(call_ids) == 1 and call_ids.pop().startswith("1-")  # sipp's Call-ID: 1-<pid>@127.0.0.1
    assert all(u.call is updates[0].call for u in updates)
    assert all(u.to_json()["customer_id"] == customer_id for u in updates)


def test_a_real_call_shows_the_customers_card(tmp_path: Path, following: Callable[[Baresip], Following],
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with running_baresip(tmp_path / "baresip", answer="auto") as phone:
        watcher = following(phone)
        result = place_call(phone, "013800138000", "王伟 Wang Wei", hold_seconds=0.3, timeout=10)
        assert result.returncode == 0, result.stdout + result.stderr
        updates = [watcher.next() for _ in range(3)]
    assert_one_call(updates, "K-REFUND")
    ringing = updates[0]
    lookup = ringing.call.lookup
    assert lookup.number == "+8613800138000"
    assert ringing.event.number is not None and ringing.event.number.startswith("sip:013800138000@127.0.0.1:")
    assert ringing.event.display_name == "王伟 Wang Wei"
    assert lookup.card.address_as == "刘先生" and lookup.card.phone_tail == "8000"
    assert [t.type for t in lookup.card.open_tickets] == ["refund"]
    assert lookup.card.suggested_scripts[0] == "refund-not-received"
    assert 0 < ringing.latency_ms < 1000
    assert problem_records(caplog) == []
    assert_not_logged(caplog.records, "13800138000", "Wang", "王伟")


def test_a_real_call_given_up_while_ringing(tmp_path: Path, following: Callable[[Baresip], Following]
                                            ) -> None:
    """answermode=manual: CALL_INCOMING rings, nobody answers, the caller gives up: ringing, ended."""
    with running_baresip(tmp_path / "baresip", answer="manual") as phone:
        watcher = following(phone)
        result = place_call(phone, "13912345678", cancel_after=0.3, timeout=10)
        assert result.returncode == 0, result.stdout + result.stderr
        updates = [watcher.next(), watcher.next()]
    assert_one_call(updates, "K-OTHER", ("ringing", "ended"))
    assert updates[1].call.answered_at is None
    assert updates[0].call.lookup.card.suggested_scripts[0] == "complaint-intake"


def test_baresip_restarting_on_the_same_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             following: Callable[[Baresip], Following]) -> None:
    with running_baresip(tmp_path / "first", answer="auto") as first:
        watcher = following(first)
        ctrl_port = first.ctrl_port
    # baresip is gone: EOF, then refused connections and growing pauses.
    wait_until(lambda: not watcher.source.connected.is_set(), WAIT, "the source noticing baresip quit")
    connections = watcher.source.connections

    real_free_port = softphone.free_port

    def same_ctrl_port(kind: Literal["tcp", "udp", "both"] = "tcp",
                       avoid: frozenset[int] = frozenset()) -> int:
        return ctrl_port if kind == "tcp" else real_free_port(kind, avoid | {ctrl_port})

    monkeypatch.setattr(softphone, "free_port", same_ctrl_port)
    with running_baresip(tmp_path / "second", answer="auto") as second:
        assert second.ctrl_port == ctrl_port
        watcher.ready(second)
        assert watcher.source.connections > connections
        result = place_call(second, "+8613800138000", hold_seconds=0.2, timeout=10)  # yet another form
        assert result.returncode == 0, result.stdout + result.stderr
        updates = [watcher.next() for _ in range(3)]
    assert_one_call(updates, "K-REFUND")


def test_the_cli_prints_one_json_line_per_event(tmp_path: Path) -> None:
    """`assist calls watch --softphone baresip://... --json --count 3` on a new install (demo customers)."""
    environment = dict(os.environ, ASSIST_DATA_DIR=str(tmp_path / "cli-data"),
                       ASSIST_CONFIG_DIR=str(tmp_path / "cli-config"), PYTHONUNBUFFERED="1")
    environment.pop("ASSIST_NO_DEMO", None)
    environment.pop("ASSIST_DB_URL", None)
    with running_baresip(tmp_path / "baresip", answer="auto") as phone:
        watcher = subprocess.Popen(
            [ASSIST, "calls", "watch", "--softphone", phone.url, "--json", "--count", "3"],
            env=environment, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, encoding="utf-8")
        stderr_lines: queue.Queue[str] = queue.Queue()
        assert watcher.stderr is not None and watcher.stdout is not None
        reader = lines_into(watcher.stderr, stderr_lines)
        try:
            started = wait_for_line(stderr_lines, "following baresip")
            assert started == f"assist: following baresip at 127.0.0.1:{phone.ctrl_port} (connected)\n"
            wait_until(lambda: tcp_client_connected(phone.ctrl_port), WAIT, "the watcher connecting")
            result = place_call(phone, "8613800138000", "Liu", hold_seconds=0.3, timeout=10)
            assert result.returncode == 0, result.stdout + result.stderr
            assert watcher.wait(timeout=WAIT) == 0  # --count 3: it stops by itself
            output = watcher.stdout.read()
        finally:
            if watcher.poll() is None:
                watcher.kill()
                watcher.wait()
        reader.join(5)
    lines = output.splitlines()
    for line in lines:
        print(line)  # the real output, for `pytest -s`
    documents = [json.loads(line) for line in lines]
    assert len(documents) == 3
    for document in documents:
        assert set(document) == JSON_KEYS
        assert document["number"] == "+8613800138000"
        assert document["source"] == "baresip"
        assert document["customer_id"] == "C0001"
        assert document["suggested"][0] == "refund-not-received"
        assert isinstance(document["latency_ms"], float | int) and 0 < document["latency_ms"] < 1000
    assert [d["event"] for d in documents] == ["ringing", "answered", "ended"]
    call_ids = {d["call_id"] for d in documents}
    assert len(call_ids) == 1 and call_ids.pop().startswith("1-")
    rest = []
    while not stderr_lines.empty():
        rest.append(stderr_lines.get())
    assert "".join(rest) == ""  # nothing logged: a good call is no problem
