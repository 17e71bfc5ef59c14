"""HTTP call events end to end: a GET from a softphone to the card of a demo customer.

In-process first (HttpSource + CallDesk + the demo customers), then the real CLI as a subprocess. The
CLI reads its token from the OS keyring, which a subprocess cannot share with the tests' in-memory one:
it is given a keyring backend of the test's own through PYTHON_KEYRING_BACKEND (keyring's documented
way to choose one), or keyring's "fail" backend to show what happens on a machine without any keyring.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from assist.customers.demo import load_demo_customers
from assist.customers.lookup import CardLookupService
from assist.customers.store import CustomerStore
from assist.customers.suggest import triggers_from_script_data
from assist.telephony.desk import CallDesk, CallUpdate
from assist.telephony.events import CallEvent
from assist.telephony.http_source import HttpSource
from assist.telephony.token import call_token
from scripts_lib.loading import builtin_scripts
from tests.telephony.helpers import ASSIST, assert_not_logged, lines_into, problem_records, wait_for_line
from tests.telephony.softphone import free_port

TOKEN = "end-to-end-token-0123456789abcdef"
NO_KEYRING = ("assist: no OS keyring is available to keep the HTTP call token (on Linux, start a Secret "
              "Service such as gnome-keyring); the HTTP call source stays off\n")
WAIT = 15.0


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@pytest.fixture
def demo_store(tmp_path: Path) -> Iterator[CustomerStore]:
    store = CustomerStore.open(tmp_path / "store")
    assert load_demo_customers(store) > 0
    yield store
    store.close()


def test_a_get_shows_the_demo_customers_card(demo_store: CustomerStore, isolated: Path,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    desk = CallDesk(CardLookupService(demo_store, [triggers_from_script_data(script.to_json())
                                                   for script in builtin_scripts()]))
    updates: list[CallUpdate] = []

    def deliver(event: CallEvent) -> None:
        update = desk.handle(event)
        if update is not None:
            updates.append(update)

    token = call_token(isolated)  # the install's token, as the sidebar makes it (in-memory keyring here)
    assert token is not None and len(token) >= 16
    assert call_token(isolated) == token  # made once, then kept
    source = HttpSource(0, token, deliver, desk.problems)
    source.start()
    try:
        ringing = f"{source.url}?" + urlencode({"event": "ringing", "number": "013800138000",
                                                "call_id": "h-1", "token": token})
        # 202 comes after the desk has the card: the update is there as soon as the answer is.
        assert get(ringing) == 202
        assert len(updates) == 1
        card = updates[0].call.lookup.card
        assert card.customer_id == "C0001" and card.address_as == "刘先生"
        assert card.suggested_scripts[0] == "refund-not-received"
        assert updates[0].to_json()["number"] == "+8613800138000"
        assert get(ringing) == 202  # the same call announced twice: still one card
        assert len(updates) == 1
        assert get(ringing.replace(token, "x" * len(token))) == 403
        for event in ("answered", "ended"):
            fields = {"event": event, "call_id": "h-1", "token": token}
            assert get(f"{source.url}?" + urlencode(fields)) == 202
        assert [u.event.event for u in updates] == ["ringing", "answered", "ended"]
        assert {u.to_json()["customer_id"] for u in updates} == {"C0001"}
    finally:
        source.stop()
    assert [r.getMessage() for r in problem_records(caplog)] == [
        "call source http: a request with no token or a wrong one; ignored"]
    assert_not_logged(caplog.records, token, "13800138000")


TEST_KEYRING = '''
import os

from keyring.backend import KeyringBackend


class FixedTokenKeyring(KeyringBackend):
    """Hands out the token the test chose; stores nothing."""

    priority = 1

    def get_password(self, service, username):
        return os.environ["ASSIST_TEST_CALL_TOKEN"] if service == "agent-assist-call-http" else None

    def set_password(self, service, username, password):
        raise RuntimeError("the test keyring is read-only")

    def delete_password(self, service, username):
        pass
'''


def cli_environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    environment = dict(os.environ, ASSIST_DATA_DIR=str(tmp_path / "cli-data"),
                       ASSIST_CONFIG_DIR=str(tmp_path / "cli-config"), PYTHONUNBUFFERED="1", **extra)
    environment.pop("ASSIST_NO_DEMO", None)
    environment.pop("ASSIST_DB_URL", None)
    return environment


def test_the_cli_prints_http_call_events(tmp_path: Path) -> None:
    (tmp_path / "test_keyring_backend.py").write_text(TEST_KEYRING, encoding="utf-8")
    environment = cli_environment(
        tmp_path, ASSIST_TEST_CALL_TOKEN=TOKEN,
        PYTHON_KEYRING_BACKEND="test_keyring_backend.FixedTokenKeyring",
        PYTHONPATH=os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")])))
    port = free_port("tcp")
    watcher = subprocess.Popen(
        [ASSIST, "calls", "watch", "--http", str(port), "--json", "--count", "2"],
        env=environment, cwd=tmp_path, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, encoding="utf-8")
    assert watcher.stdout is not None and watcher.stderr is not None
    stderr_lines: queue.Queue[str] = queue.Queue()
    reader = lines_into(watcher.stderr, stderr_lines)
    url = f"http://127.0.0.1:{port}/call"
    try:
        started = wait_for_line(stderr_lines, "listening")
        assert started == f"assist: listening for HTTP call events on {url}\n"
        assert get(f"{url}?" + urlencode({"event": "ringing", "number": "013800138000", "token": "wrong" * 5})
                   ) == 403
        assert get(f"{url}?" + urlencode({"event": "ringing", "number": "013800138000", "call_id": "h-7",
                                          "token": TOKEN})) == 202
        assert get(f"{url}?" + urlencode({"event": "ended", "call_id": "h-7", "token": TOKEN})) == 202
        assert watcher.wait(timeout=WAIT) == 0
        output = watcher.stdout.read()
    finally:
        if watcher.poll() is None:
            watcher.kill()
            watcher.wait()
    reader.join(5)
    rest = "".join(stderr_lines.queue)
    documents = [json.loads(line) for line in output.splitlines()]
    assert [(d["event"], d["source"], d["call_id"], d["number"], d["customer_id"]) for d in documents] == [
        ("ringing", "http", "h-7", "+8613800138000", "C0001"), ("ended", "http", "h-7", "+8613800138000",
                                                                "C0001")]
    assert documents[0]["suggested"][0] == "refund-not-received"
    # The wrong token is the one problem, logged (to stderr: the CLI sets up no log file) without data.
    assert rest == "call source http: a request with no token or a wrong one; ignored\n"
    assert TOKEN not in rest and "13800138000" not in rest


def test_the_cli_without_a_keyring_says_so_in_one_line(tmp_path: Path) -> None:
    # keyring's "fail" backend is what keyring itself picks when it finds none (as on this headless box).
    environment = cli_environment(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run([ASSIST, "calls", "watch", "--http", "1"], env=environment, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == NO_KEYRING


def test_what_keyring_a_subprocess_finds_here(tmp_path: Path) -> None:
    """Without PYTHON_KEYRING_BACKEND: whatever this machine offers. Headless, that is keyring's fail
    backend and the one-line error; with a real keyring the watcher would store a token in it, so this
    test does not go on there."""
    environment = cli_environment(tmp_path)
    environment.pop("PYTHON_KEYRING_BACKEND", None)
    found = subprocess.run([sys.executable, "-c", "import keyring; k = keyring.get_keyring(); "
                            "print(type(k).__module__ + '.' + type(k).__name__)"],
                           env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    backend = found.stdout.strip()
    if backend != "keyring.backends.fail.Keyring":
        pytest.skip(f"this machine has a keyring ({backend}); not writing a token into it")
    result = subprocess.run([ASSIST, "calls", "watch", "--http", "1"], env=environment, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", NO_KEYRING)


def test_python_dash_m_gives_the_same_one_line_error(tmp_path: Path) -> None:
    environment = cli_environment(tmp_path, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    result = subprocess.run([sys.executable, "-m", "assist.cli", "calls", "watch", "--http", "1"],
                            env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", NO_KEYRING)
