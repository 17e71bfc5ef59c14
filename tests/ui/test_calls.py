"""The phone side of the sidebar: a ringing phone pops the caller's card, an ended call opens the wrap-up,
and what the wrap-up records is on the next call's card."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from assist.cli_calls import CALL_EVENT_ARGUMENT
from assist.settings import Settings
from assist.telephony.desk import CallUpdate
from assist.telephony.events import make_event
from assist.telephony.token import call_token
from assist.ui.shell import Shell

WAIT = 20_000


def port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture
def shell(qtbot: QtBot, isolated: Path) -> Iterator[Shell]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    shell = Shell(app, Settings.load(), isolated, None, interactive=False)
    qtbot.addWidget(shell.sidebar)
    shell.sidebar.show()
    with qtbot.waitSignal(shell.ready, timeout=WAIT):
        shell.start()
    yield shell
    shell.close()


def ring(qtbot: QtBot, shell: Shell, send: Callable[[], None]) -> CallUpdate:
    with qtbot.waitSignal(shell.calls.card_shown, timeout=WAIT) as shown:
        send()
    update = shown.args[0]
    assert isinstance(update, CallUpdate)
    return update


def hook(shell: Shell, event: str, number: str, call_id: str = "") -> Callable[[], None]:
    payload = json.dumps({"event": event, "number": number, "name": None, "call_id": call_id})
    return lambda: shell.handle_arguments([CALL_EVENT_ARGUMENT, payload])


def test_ringing_pops_the_card_with_the_scripts_that_fit(qtbot: QtBot, shell: Shell) -> None:
    update = ring(qtbot, shell, hook(shell, "ringing", "sip:8613800138000@10.0.0.1"))
    card = shell.sidebar.caller.card
    assert card is not None and card.customer_id == "C0001" == update.call.customer_id
    assert card.suggested_scripts[0] == "refund-not-received"
    assert card.address_as in shell.sidebar.caller.heading.text()
    assert shell.sidebar.caller.number_button.text() == "•••• 8000"
    buttons = shell.sidebar.caller.findChildren(QPushButton, "suggestedScript")
    assert len(buttons) == len(card.suggested_scripts)
    assert buttons[0].text() == shell.calls._title("refund-not-received")  # in the UI's language
    # The lines of an opened script are filled from the card.
    with qtbot.waitSignal(shell.sidebar.entry_shown, timeout=WAIT):
        buttons[0].click()
    assert shell.sidebar.values()["customer.name"] == card.address_as


def test_the_wrap_up_records_the_call_for_the_next_card(qtbot: QtBot, shell: Shell) -> None:
    ring(qtbot, shell, hook(shell, "ringing", "13911467520", "call-1"))
    card = shell.sidebar.caller.card
    assert card is not None and card.customer_id == "C0002" and "elderly" in card.flags
    with qtbot.waitSignal(shell.sidebar.entry_shown, timeout=WAIT):
        shell.sidebar.open_document("script:elderly-app-wont-open")
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "number": "13911467520",
                                                             "call_id": "call-1"})])
    panel = shell.sidebar.wrap_up
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    assert panel.scripts.count() == 1 and panel.values().scripts == ("elderly-app-wont-open",)
    assert panel.save_button.isEnabled()
    panel.outcome.setCurrentText("Walked her through clearing the app cache")
    panel.promise.setText("Call back tomorrow at 10 to check the app")
    with qtbot.waitSignal(shell.calls.wrap_up_saved, timeout=WAIT) as saved:
        qtbot.keyClick(panel.save_button, " ")
    assert saved.args == [True]
    assert not panel.isVisible() and shell.sidebar.caller.card is None

    ring(qtbot, shell, hook(shell, "ringing", "+86 139 1146 7520", "call-2"))
    card = shell.sidebar.caller.card
    assert card is not None
    assert card.calls[0].outcome == "Walked her through clearing the app cache"
    assert card.calls[0].scripts == ("elderly-app-wont-open",)
    assert any(p.promise == "Call back tomorrow at 10 to check the app" for p in card.promises)
    assert "promise_pending" in card.flags
    assert "Call back tomorrow" in shell.sidebar.caller.detail.text()


def test_unknown_and_withheld_callers(qtbot: QtBot, shell: Shell) -> None:
    ring(qtbot, shell, hook(shell, "ringing", "+86 188 0000 1111", "u1"))
    assert shell.sidebar.caller.heading.text() == "Unknown caller"
    assert shell.sidebar.caller.number_button.text() == "•••• 1111"
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "number": "x",
                                                             "call_id": "u1"})])
    qtbot.waitUntil(shell.sidebar.wrap_up.isVisible, timeout=WAIT)
    assert not shell.sidebar.wrap_up.save_button.isEnabled()
    ring(qtbot, shell, hook(shell, "ringing", "anonymous", "w1"))
    assert shell.sidebar.caller.heading.text() == "Number withheld"
    assert not shell.sidebar.caller.number_button.isVisible()


def test_bad_hook_messages_and_calls_that_never_rang_change_nothing(
        qtbot: QtBot, shell: Shell, caplog: pytest.LogCaptureFixture) -> None:
    for payload in ("{not json", "[]", json.dumps({"event": "exploded", "number": "13800138000"}),
                    json.dumps({"event": "ringing", "number": 13800138000})):
        shell.handle_arguments([CALL_EVENT_ARGUMENT, payload])
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "number": "13800138000",
                                                             "call_id": "never"})])
    qtbot.wait(300)
    assert shell.sidebar.caller.card is None and not shell.sidebar.wrap_up.isVisible()
    text = caplog.text
    assert "never rang" in text and "13800138000" not in text and "8000" not in text


def test_http_calls_pop_the_card_once_the_port_is_set(qtbot: QtBot, shell: Shell, isolated: Path) -> None:
    port = next(port for port in range(18_650, 18_750) if port_free(port))
    shell.apply_settings({"call_http_port": port})
    token = call_token(isolated)
    url = f"http://127.0.0.1:{port}/call?event=ringing&number=013800138000&call_id=h1&token={token}"
    qtbot.waitUntil(lambda: bool(shell.calls._sources or shell.sidebar.banner.problems), timeout=WAIT)
    assert shell.sidebar.banner.problems == []

    def get() -> None:
        with urllib.request.urlopen(url, timeout=5) as answer:
            assert answer.status == 202

    ring(qtbot, shell, get)
    card = shell.sidebar.caller.card
    assert card is not None and card.customer_id == "C0001"
    shell.apply_settings({"call_http_port": 0})

    def refused() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except ConnectionRefusedError:
            return True
        except OSError:
            pass
        return False

    # Turned off (in the background): nobody listens there any more (the port may linger in TIME_WAIT).
    qtbot.waitUntil(refused, timeout=WAIT)


def test_the_command_hook_reaches_the_running_sidebar(qtbot: QtBot, shell: Shell, isolated: Path) -> None:
    from assist.ui.single_instance import SingleInstance, instance_key

    instance = SingleInstance(instance_key(isolated))
    assert instance.start()
    instance.arguments_received.connect(shell.handle_arguments)
    environment = dict(os.environ, ASSIST_DATA_DIR=str(isolated))
    command = [sys.executable, "-m", "assist.cli", "call", "ringing", "--number", "138-0013-8000",
               "--name", "Liu", "--call-id", "hook-1"]
    try:
        with qtbot.waitSignal(shell.calls.card_shown, timeout=WAIT):
            process = subprocess.Popen(command, env=environment, stderr=subprocess.PIPE, text=True)
        assert process.wait(timeout=20) == 0
    finally:
        instance.close()
    card = shell.sidebar.caller.card
    assert card is not None and card.customer_id == "C0001"


def test_the_command_hook_says_when_no_sidebar_runs(isolated: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "assist.cli", "call", "ringing", "--number",
                             "13800138000"],
                            env=dict(os.environ, ASSIST_DATA_DIR=str(isolated)), capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "no sidebar is running" in result.stderr


def test_ringing_event_built_like_a_source_would(qtbot: QtBot, shell: Shell) -> None:
    event = make_event("ringing", "sip:+8613800138000@gw", "baresip", "Liu", "b-1")
    ring(qtbot, shell, lambda: shell.calls.deliver(event))
    card = shell.sidebar.caller.card
    assert card is not None and card.customer_id == "C0001"


def test_a_second_call_does_not_lose_the_first_calls_wrap_up(qtbot: QtBot, shell: Shell) -> None:
    panel = shell.sidebar.wrap_up
    ring(qtbot, shell, hook(shell, "ringing", "13800138000", "a"))
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "call_id": "a"})])
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    panel.outcome.setCurrentText("Refund date explained")
    ring(qtbot, shell, hook(shell, "ringing", "13911467520", "b"))  # the next call, at once
    assert panel.isVisible() and panel.outcome.currentText() == "Refund date explained"
    assert shell.sidebar.caller.card is not None and shell.sidebar.caller.card.customer_id == "C0002"
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "call_id": "b"})])
    with qtbot.waitSignal(shell.calls.wrap_up_saved, timeout=WAIT):
        panel.save_button.click()  # saved on the first caller, C0001
    assert shell.calls.wrapping is not None and shell.calls.wrapping.customer_id == "C0002"
    assert panel.isVisible() and "王阿姨" in panel.heading.text()  # the second call's turn
    with qtbot.waitSignal(shell.calls.wrap_up_saved, timeout=WAIT):
        panel.save_button.click()
    assert not panel.isVisible() and shell.sidebar.caller.card is None
    context = shell.context
    assert context is not None
    first = context.customers.history("C0001")
    second = context.customers.history("C0002")
    assert first is not None and first.interactions[0].outcome == "Refund date explained"
    assert second is not None and second.interactions[0].outcome == "Solved on this call"


def test_a_promise_kept_on_this_call_is_no_longer_due(qtbot: QtBot, shell: Shell) -> None:
    ring(qtbot, shell, hook(shell, "ringing", "13800138000", "p"))
    card = shell.sidebar.caller.card
    assert card is not None and "promise_pending" in card.flags and card.promises
    shell.handle_arguments([CALL_EVENT_ARGUMENT, json.dumps({"event": "ended", "call_id": "p"})])
    panel = shell.sidebar.wrap_up
    qtbot.waitUntil(panel.isVisible, timeout=WAIT)
    assert panel.kept.count() == len(card.promises)
    for row in range(panel.kept.count()):
        item = panel.kept.item(row)
        assert item is not None
        item.setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(shell.calls.wrap_up_saved, timeout=WAIT):
        panel.save_button.click()
    ring(qtbot, shell, hook(shell, "ringing", "13800138000", "q"))
    card = shell.sidebar.caller.card
    assert card is not None and card.promises == () and "promise_pending" not in card.flags


def test_suggested_scripts_open_in_the_callers_language(qtbot: QtBot, shell: Shell) -> None:
    shell.set_language("en")
    ring(qtbot, shell, hook(shell, "ringing", "13800138000", "l"))  # C0001 speaks Simplified Chinese
    button = shell.sidebar.caller.findChildren(QPushButton, "suggestedScript")[0]
    with qtbot.waitSignal(shell.sidebar.entry_shown, timeout=WAIT) as shown:
        button.click()
    assert shown.args == ["script:refund-not-received"]


def test_changing_the_phone_region_takes_effect_with_the_next_call(qtbot: QtBot, shell: Shell) -> None:
    ring(qtbot, shell, hook(shell, "ringing", "9123 4567", "r1"))  # a Hong Kong mobile, read as CN
    assert shell.sidebar.caller.card is not None and shell.sidebar.caller.card.number != "+85291234567"
    shell.apply_settings({"phone_region": "HK"})
    ring(qtbot, shell, hook(shell, "ringing", "9123 4567", "r2"))
    assert shell.sidebar.caller.card is not None and shell.sidebar.caller.card.number == "+85291234567"
    shell.apply_settings({"phone_region": "XX"})
    assert any("XX" in problem for problem in shell.sidebar.banner.problems)
    shell.apply_settings({"phone_region": "CN"})
