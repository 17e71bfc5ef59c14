"""Small pieces the call-source tests share: log checks, a customer file, waiting without sleeping."""

from __future__ import annotations

import json
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assist.customers.importing import read_customer_file
from assist.customers.store import CustomerStore

TELEPHONY_LOGGER = "assist.telephony"
# The console script pip made for the venv, as an agent runs it. (`python -m assist.cli` is not used:
# run as __main__, assist.cli is imported twice and cli_calls' CommandError is not the one main() catches.)
ASSIST = str(Path(sys.executable).with_name("assist"))


def netstring(payload: bytes | str) -> bytes:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    return str(len(data)).encode() + b":" + data + b","


def problem_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """The warnings the call sources logged (ProblemLog's one line per problem)."""
    return [r for r in caplog.records if r.name == TELEPHONY_LOGGER and r.levelno >= logging.WARNING]


def record_text(record: logging.LogRecord) -> str:
    """Everything of a record that could reach a log file or a console."""
    return " ".join([record.getMessage(), repr(record.args), record.exc_text or "", record.stack_info or ""])


def assert_not_logged(records: Iterable[logging.LogRecord], *secrets: str) -> None:
    for record in records:
        text = record_text(record)
        for secret in secrets:
            assert secret not in text, f"{secret!r} reached the log: {text!r}"


def wait_until(condition: Callable[[], bool], timeout: float = 5.0, what: str = "condition") -> None:
    """Poll a condition that has no Event to wait on (another process's state)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} not reached within {timeout} s")
        time.sleep(0.02)


def lines_into(stream: Iterable[str] | None, lines: queue.Queue[str]) -> threading.Thread:
    """A thread putting each line of a subprocess's pipe into a queue, so the test can wait with a timeout."""

    def read() -> None:
        for line in stream or ():
            lines.put(line)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def tcp_client_connected(port: int) -> bool:
    """Some loopback client holds an ESTABLISHED TCP connection to 127.0.0.1:port (from /proc/net/tcp).

    baresip's ctrl_tcp keeps one client and drops the older one when another connects, so a test cannot
    probe it while a watcher is connected; the kernel's table says whether the watcher is.
    """
    wanted = f"0100007F:{port:04X}"
    try:
        lines = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return True  # no /proc: cannot tell, assume connected
    for line in lines:
        fields = line.split()
        if len(fields) > 3 and fields[2] == wanted and fields[3] == "01":
            return True
    return False


def customer_line(customer_id: str, phone: str, now: datetime, *, ticket_type: str = "refund",
                  summary: str = "空气净化器已退货，退款还没有到账",
                  interactions: list[dict[str, Any]] | None = None) -> str:
    """One customer of the import format (docs/customers-format.md), with one open ticket."""
    opened = (now - timedelta(days=2)).isoformat()
    due = (now + timedelta(days=3)).isoformat()
    document: dict[str, Any] = {
        "id": customer_id, "name": "刘建华", "address_as": "刘先生", "phones": [phone], "tier": "gold",
        "birth_year": 1980, "language": "zh-Hans",
        "orders": [{"id": f"SO-{customer_id}", "placed": (now - timedelta(days=20)).isoformat(),
                    "items": [{"name": "家用空气净化器", "qty": 1}], "amount": 1599, "status": "refunding",
                    "refund": {"amount": 1599, "status": "approved", "method": "信用卡"}}],
        "tickets": [{"id": f"TK-{customer_id}", "type": ticket_type, "status": "open", "opened": opened,
                     "due": due, "summary": summary, "order_id": f"SO-{customer_id}"}],
        "interactions": interactions or [],
    }
    return json.dumps(document, ensure_ascii=False)


def store_with(tmp_path: Path, lines: Iterable[str]) -> CustomerStore:
    """A real SQLite customer store in tmp_path, filled through the import reader (numbers normalised)."""
    path = tmp_path / "customers.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = CustomerStore.open(tmp_path / "store")
    store.import_histories(read_customer_file(path))
    return store


def wait_for_line(lines: queue.Queue[str], marker: str, timeout: float = 60) -> str:
    """The first line holding `marker` from a watcher's stderr, or the test fails saying what came."""
    said: list[str] = []
    while not said or marker not in said[-1]:
        try:
            said.append(lines.get(timeout=timeout))
        except queue.Empty:
            pytest.fail(f"the watcher did not start within {timeout:.0f} s: {said}")
    return said[-1]
