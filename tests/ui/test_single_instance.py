"""One sidebar per user and data folder: later launches hand over their arguments; strangers are ignored."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from assist.ui import single_instance
from assist.ui.single_instance import SingleInstance, instance_key, parse_message

ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stale sockets are a Unix matter")


@pytest.fixture
def key() -> str:
    return f"assist-test-{uuid.uuid4().hex[:16]}"


@pytest.fixture
def instances(qapp: object) -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.close()


def make(instances: list[SingleInstance], key: str) -> SingleInstance:
    instance = SingleInstance(key)
    instances.append(instance)
    return instance


def test_instance_key_is_short_safe_and_per_user_and_folder(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    link = tmp_path / "link"
    link.symlink_to(folder)
    key = instance_key(folder, user="agent1")
    assert key.startswith("agent-assist-") and len(key) <= 40
    assert key.replace("-", "").isalnum()
    assert instance_key(link, user="agent1") == key
    assert instance_key(tmp_path / "." / "data", user="agent1") == key
    assert instance_key(folder, user="agent2") != key
    assert instance_key(tmp_path / "other", user="agent1") != key
    assert instance_key(folder) == instance_key(folder)  # the login name by default


def test_bad_key_is_refused() -> None:
    for bad in ("", "a/b", "x" * 65, "名字"):
        with pytest.raises(ValueError, match="single-instance key"):
            SingleInstance(bad)


def test_second_instance_forwards_its_arguments_to_the_first(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    first = make(instances, key)
    second = make(instances, key)
    assert first.start() is True
    assert first.is_primary and first.error == ""
    assert second.start() is False
    assert not second.is_primary
    with qtbot.waitSignal(first.arguments_received, timeout=3000) as blocker:
        assert second.forward(["--search", "退款 tuikuan", ""]) is True
    assert blocker.args == [["--search", "退款 tuikuan", ""]]
    with qtbot.waitSignal(first.arguments_received, timeout=3000) as blocker:
        assert second.forward([]) is True
    assert blocker.args == [[]]


def test_start_twice_stays_primary(instances: list[SingleInstance], key: str) -> None:
    first = make(instances, key)
    assert first.start() and first.start()


def test_other_keys_do_not_interfere(instances: list[SingleInstance], key: str) -> None:
    assert make(instances, key).start()
    assert make(instances, key + "-other").start()


def test_forward_without_a_primary_fails_in_time(instances: list[SingleInstance], key: str) -> None:
    lonely = make(instances, key)
    assert lonely.forward(["x"], timeout_ms=200) is False


def test_after_close_the_next_instance_becomes_primary(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    first = make(instances, key)
    assert first.start()
    first.close()
    assert not first.is_primary
    second = make(instances, key)
    assert second.start() is True
    with qtbot.waitSignal(second.arguments_received, timeout=3000):
        assert make(instances, key).forward(["again"])


def test_forward_refuses_what_it_cannot_send(instances: list[SingleInstance], key: str) -> None:
    instance = make(instances, key)
    with pytest.raises(TypeError):
        instance.forward([1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at most"):
        instance.forward(["x" * (single_instance.MAX_MESSAGE_BYTES + 1)])


SPAWN_PRIMARY = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QCoreApplication
    from assist.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    assert instance.start()
    print("ready", flush=True)
    time.sleep(60)
""")

SPAWN_SECONDARY = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QCoreApplication
    from assist.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    instance = SingleInstance(sys.argv[1])
    if instance.start():
        sys.exit(3)
    sys.exit(0 if instance.forward(sys.argv[2:], timeout_ms=5000) else 4)
""")


def spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_second_process_hands_over_its_arguments(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    primary = make(instances, key)
    assert primary.start()
    with qtbot.waitSignal(primary.arguments_received, timeout=15000) as blocker:
        process = spawn(SPAWN_SECONDARY, key, "--open", "faq:42")
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=15000)
    assert process.returncode == 0
    assert blocker.args == [["--open", "faq:42"]]


@posix_only
def test_a_killed_primary_leaves_nothing_in_the_way(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    process = spawn(SPAWN_PRIMARY, key)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
    successor = make(instances, key)
    assert os.path.exists(successor.server_name)  # a crash leaves the socket ...
    assert os.path.exists(successor.lock_path)    # ... and the lock file behind
    assert successor.start() is True
    with qtbot.waitSignal(successor.arguments_received, timeout=3000) as blocker:
        assert make(instances, key).forward(["after crash"])
    assert blocker.args == [["after crash"]]


@posix_only
def test_a_stale_socket_without_a_lock_file_is_replaced(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    instance = make(instances, key)
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(instance.server_name)
    stale.close()  # the file stays; connecting to it is refused
    assert instance.start() is True
    assert instance.error == ""
    with qtbot.waitSignal(instance.arguments_received, timeout=3000):
        assert make(instances, key).forward(["ok"])


def test_primary_that_cannot_listen_still_runs_and_says_why(
        instances: list[SingleInstance], key: str, tmp_path: Path) -> None:
    instance = make(instances, key)
    instance.server_name = str(tmp_path / "missing" / "folder" / key)
    assert instance.start() is True
    assert instance.is_primary
    assert instance.error.startswith(f"cannot listen on {instance.server_name}: ")


GARBAGE = [
    b"\xff\xfe\x00\x01 not utf-8\n",
    b"hello there\n",
    b"[\"--search\", \"x\"]\n",                                     # args without the envelope
    b'{"agent-assist": 2, "args": ["x"]}\n',                       # a protocol this version does not speak
    b'{"agent-assist": 1, "args": "x"}\n',
    b'{"agent-assist": 1, "args": ["x", 1, null]}\n',
    b'{"agent-assist": 1}\n',
    b"[" * 60_000 + b"\n",                                           # deep nesting: RecursionError in json
    b"x" * (single_instance.MAX_MESSAGE_BYTES + 10),                 # no newline, too long
    b"\n",
]


@pytest.mark.parametrize("garbage", GARBAGE, ids=range(len(GARBAGE)))
def test_garbage_from_a_stranger_is_ignored(
        qtbot: QtBot, instances: list[SingleInstance], key: str, garbage: bytes) -> None:
    primary = make(instances, key)
    assert primary.start()
    stranger = QLocalSocket()
    stranger.connectToServer(primary.server_name)
    assert stranger.waitForConnected(1000)
    with qtbot.assertNotEmitted(primary.arguments_received), \
            qtbot.waitSignal(stranger.disconnected, timeout=3000):
        stranger.write(garbage)
    assert stranger.readAll().data() == b""  # no answer
    stranger.abort()
    with qtbot.waitSignal(primary.arguments_received, timeout=3000):  # still serving
        assert make(instances, key).forward(["still here"])


def test_a_silent_or_half_sent_stranger_is_dropped(
        qtbot: QtBot, instances: list[SingleInstance], key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(single_instance, "_IDLE_MS", 100)
    primary = make(instances, key)
    assert primary.start()
    for sent in (b"", b'{"agent-assist": 1, "args": ['):
        stranger = QLocalSocket()
        stranger.connectToServer(primary.server_name)
        assert stranger.waitForConnected(1000)
        with qtbot.assertNotEmitted(primary.arguments_received), \
                qtbot.waitSignal(stranger.disconnected, timeout=3000):
            stranger.write(sent)
        stranger.abort()


def test_a_stranger_that_hangs_up_at_once_changes_nothing(
        qtbot: QtBot, instances: list[SingleInstance], key: str) -> None:
    primary = make(instances, key)
    assert primary.start()
    for sent in (b"", b'{"agent-assist": 1, "args": ["gone"]}\n'):
        stranger = QLocalSocket()
        stranger.connectToServer(primary.server_name)
        assert stranger.waitForConnected(1000)
        stranger.write(sent)
        stranger.flush()
        stranger.abort()
    qtbot.wait(100)  # a message that arrived whole still counts; the reply to a closed peer is no error
    with qtbot.waitSignal(primary.arguments_received, timeout=3000):
        assert make(instances, key).forward(["still here"])


@pytest.mark.parametrize(("line", "expected"), [
    (json.dumps({"agent-assist": 1, "args": ["a", "b"]}).encode(), ["a", "b"]),
    (json.dumps({"agent-assist": 1, "args": [], "later": True}).encode(), []),
    ('{"agent-assist": 1, "args": ["退款"]}'.encode(), ["退款"]),
    (b'{"agent-assist": true, "args": []}', None),
    (b"null", None),
    (b"", None),
])
def test_parse_message(line: bytes, expected: list[str] | None) -> None:
    assert parse_message(line) == expected
