"""The global hotkey: Qt sequences in pynput's words, a plain message if there is none, GUI-thread calls."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import textwrap
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.ui import hotkey as hotkey_module
from assist.ui.hotkey import GlobalHotkey, to_pynput
from tests.ui.xserver import needs_xvfb, virtual_display

ROOT = Path(__file__).resolve().parents[2]
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Wayland are Linux only")


@pytest.mark.parametrize(("sequence", "expected"), [
    ("Ctrl+Alt+Space", "<ctrl>+<alt>+<space>"),
    ("Ctrl+Shift+F12", "<ctrl>+<shift>+<f12>"),
    ("Meta+K", "<cmd>+k"),
    ("ctrl+alt+k", "<ctrl>+<alt>+k"),
    ("Ctrl + Alt + K", "<ctrl>+<alt>+k"),
    ("Alt+Ctrl+K", "<ctrl>+<alt>+k"),
    ("Ctrl+Meta+Shift+Alt+Z", "<ctrl>+<alt>+<shift>+<cmd>+z"),
    ("Ctrl+Alt+7", "<ctrl>+<alt>+7"),
    ("Ctrl+Alt+,", "<ctrl>+<alt>+,"),
    ("Ctrl+Alt+\\", "<ctrl>+<alt>+\\"),
    ("Ctrl+Alt+`", "<ctrl>+<alt>+`"),
    ("F9", "<f9>"),
    ("Shift+F3", "<shift>+<f3>"),
    ("F20", "<f20>"),
    ("Pause", "<pause>"),
    ("Print", "<print_screen>"),
    ("Ctrl+Alt+Ins", "<ctrl>+<alt>+<insert>"),
    ("Ctrl+Alt+Del", "<ctrl>+<alt>+<delete>"),
    ("Ctrl+Alt+Esc", "<ctrl>+<alt>+<esc>"),
    ("Ctrl+Alt+Escape", "<ctrl>+<alt>+<esc>"),
    ("Ctrl+Alt+Return", "<ctrl>+<alt>+<enter>"),
    ("Alt+PgDown", "<alt>+<page_down>"),
    ("Ctrl+Alt+Left", "<ctrl>+<alt>+<left>"),
    ("Meta+Tab", "<cmd>+<tab>"),
])
def test_to_pynput(sequence: str, expected: str) -> None:
    assert to_pynput(sequence, platform="linux") == expected
    assert to_pynput(sequence, platform="win32") == expected


@pytest.mark.parametrize(("sequence", "expected"), [
    ("Ctrl+Alt+Space", "<cmd>+<alt>+<space>"),  # Qt's Ctrl is Command on macOS ...
    ("Meta+K", "<ctrl>+k"),                     # ... and Meta is Control
    ("Ctrl+Shift+F12", "<cmd>+<shift>+<f12>"),
])
def test_to_pynput_on_macos(sequence: str, expected: str) -> None:
    assert to_pynput(sequence, platform="darwin") == expected


@pytest.mark.parametrize(("sequence", "reason"), [
    ("", "no key is given"),
    ("   ", "no key is given"),
    ("Ctrl+Alt+Bogus", "does not exist"),
    ("Ctrl+K, Ctrl+C", "several steps"),
    ("Ctrl+Alt", "needs a key besides"),
    ("Meta", "needs a key besides"),
    ("Num+5", "keypad"),
    ("Ctrl+Shift+1", "keyboard layout"),
    ("Ctrl+Shift+,", "keyboard layout"),
    ("Ctrl+!", "cannot be a global hotkey"),
    ("Ctrl++", "cannot be a global hotkey"),
    ("Ctrl+Alt+é", "cannot be a global hotkey"),
    ("Ctrl+Alt+Volume Up", "cannot be a global hotkey"),
    ("K", "would fire while you type"),
    ("Shift+K", "would fire while you type"),
    ("Space", "would fire while you type"),
    ("Shift+Tab", "would fire while you type"),
    ("Esc", "would fire while you type"),
])
def test_to_pynput_refuses_what_cannot_be_a_hotkey(sequence: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        to_pynput(sequence, platform="linux")


@pytest.mark.parametrize("sequence", ["Ctrl+Alt+Ins", "Pause", "Print", "Ctrl+Alt+Menu"])
def test_keys_macos_lacks_are_refused_there(sequence: str) -> None:
    to_pynput(sequence, platform="linux")
    with pytest.raises(ValueError, match="cannot be a global hotkey"):
        to_pynput(sequence, platform="darwin")


# -- a stand-in for pynput.keyboard: a real thread, like pynput's listener ----------------------------------

class FakeKeyboard(types.ModuleType):
    def __init__(self) -> None:
        super().__init__("pynput.keyboard")
        self.listeners: list[Any] = []
        self.fail_before_ready: BaseException | None = None
        self.never_ready = False
        keyboard = self

        class GlobalHotKeys(threading.Thread):
            def __init__(self, hotkeys: dict[str, Callable[[], None]]) -> None:
                super().__init__(daemon=True)
                self.hotkeys = dict(hotkeys)
                self.stop_requested = threading.Event()
                self.fail_later: BaseException | None = None
                keyboard.listeners.append(self)

            def _mark_ready(self) -> None:
                pass

            def run(self) -> None:
                if keyboard.fail_before_ready is not None:
                    raise keyboard.fail_before_ready
                if not keyboard.never_ready:
                    self._mark_ready()
                self.stop_requested.wait(30)
                if self.fail_later is not None:
                    raise self.fail_later

            def stop(self) -> None:
                self.stop_requested.set()

        self.GlobalHotKeys = GlobalHotKeys


@pytest.fixture
def x11_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)


@pytest.fixture
def fake_keyboard(monkeypatch: pytest.MonkeyPatch, x11_session: None) -> Iterator[FakeKeyboard]:
    keyboard = FakeKeyboard()
    package = types.ModuleType("pynput")
    package.keyboard = keyboard  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pynput", package)
    monkeypatch.setitem(sys.modules, "pynput.keyboard", keyboard)
    yield keyboard
    for listener in keyboard.listeners:
        listener.stop()
        listener.join(5)


@pytest.fixture
def hotkey(qapp: QApplication) -> Iterator[GlobalHotkey]:
    made = GlobalHotkey()
    yield made
    made.stop()


def press_from_another_thread(callback: Callable[[], None]) -> None:
    thread = threading.Thread(target=callback)
    thread.start()
    thread.join(5)


def test_registers_the_converted_sequence(fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    assert hotkey.sequence == "Ctrl+Alt+Space"
    [listener] = fake_keyboard.listeners
    assert list(listener.hotkeys) == ["<ctrl>+<alt>+<space>"]
    assert listener.is_alive()


def test_a_press_on_another_thread_arrives_on_the_gui_thread(
        qtbot: QtBot, qapp: QApplication, fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    [callback] = fake_keyboard.listeners[0].hotkeys.values()
    threads: list[tuple[bool, bool]] = []
    hotkey.activated.connect(lambda: threads.append(
        (QThread.currentThread() is qapp.thread(), threading.current_thread() is threading.main_thread())))
    with qtbot.waitSignal(hotkey.activated, timeout=3000):
        press_from_another_thread(callback)
    assert threads == [(True, True)]
    with qtbot.waitSignal(hotkey.activated, timeout=3000):
        press_from_another_thread(callback)
    assert len(threads) == 2


def test_a_press_already_on_its_way_when_stopped_is_dropped(
        qtbot: QtBot, fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    [callback] = fake_keyboard.listeners[0].hotkeys.values()
    press_from_another_thread(callback)  # queued, not yet delivered: the event loop has not run
    hotkey.stop()
    assert fake_keyboard.listeners[0].stop_requested.is_set()
    assert hotkey.sequence == ""
    with qtbot.assertNotEmitted(hotkey.activated, wait=200):
        pass


def test_starting_again_replaces_the_hotkey(
        qtbot: QtBot, fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    assert hotkey.start("Meta+K") is None
    first, second = fake_keyboard.listeners
    assert first.stop_requested.is_set() and not second.stop_requested.is_set()
    assert list(second.hotkeys) == ["<cmd>+k"]
    assert hotkey.sequence == "Meta+K"
    [old_callback] = first.hotkeys.values()
    with qtbot.assertNotEmitted(hotkey.activated, wait=200):
        press_from_another_thread(old_callback)


def test_empty_sequence_turns_the_hotkey_off(fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    assert hotkey.start("") is None
    assert hotkey.sequence == ""
    assert len(fake_keyboard.listeners) == 1 and fake_keyboard.listeners[0].stop_requested.is_set()


def test_bad_sequence_is_a_message_not_an_exception(
        fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    message = hotkey.start("Ctrl+Shift+1")
    assert message is not None and "\n" not in message
    assert message.startswith("The hotkey Ctrl+Shift+1 cannot be used: ")
    assert "keyboard layout" in message
    assert fake_keyboard.listeners == [] and hotkey.sequence == ""


def test_listener_that_dies_at_once_is_a_message(fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    fake_keyboard.fail_before_ready = AttributeError("record_create_context")
    message = hotkey.start("Ctrl+Alt+Space")
    assert message == "Global hotkey unavailable: the X server does not offer the RECORD extension."
    assert hotkey.sequence == ""
    fake_keyboard.fail_before_ready = OSError("connection refused\nmore detail")
    assert hotkey.start("Ctrl+Alt+Space") == "Global hotkey unavailable: connection refused"


def test_listener_that_dies_later_emits_failed(
        qtbot: QtBot, fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey) -> None:
    assert hotkey.start("Ctrl+Alt+Space") is None
    listener = fake_keyboard.listeners[0]
    listener.fail_later = OSError("X connection lost")
    with qtbot.waitSignal(hotkey.failed, timeout=3000) as blocker:
        listener.stop()
    assert blocker.args == ["Global hotkey unavailable: X connection lost"]
    assert hotkey.sequence == ""


def test_listener_slow_to_start_is_given_the_benefit_of_the_doubt(
        fake_keyboard: FakeKeyboard, hotkey: GlobalHotkey, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotkey_module, "READY_TIMEOUT_S", 0.05)
    fake_keyboard.never_ready = True
    assert hotkey.start("Ctrl+Alt+Space") is None
    assert hotkey.sequence == "Ctrl+Alt+Space"


@linux_only
def test_no_display(monkeypatch: pytest.MonkeyPatch, hotkey: GlobalHotkey) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    assert hotkey.start("Ctrl+Alt+Space") == (
        "Global hotkey unavailable: there is no X display (DISPLAY is not set).")


@linux_only
@pytest.mark.parametrize(("variable", "value"),
                         [("WAYLAND_DISPLAY", "wayland-0"), ("XDG_SESSION_TYPE", "wayland")])
def test_wayland(monkeypatch: pytest.MonkeyPatch, hotkey: GlobalHotkey, variable: str, value: str) -> None:
    monkeypatch.setenv("DISPLAY", ":0")  # XWayland is there, but sees only X11 windows' keys
    monkeypatch.setenv(variable, value)
    message = hotkey.start("Ctrl+Alt+Space")
    assert message is not None and message.startswith("Global hotkeys do not work under Wayland")
    assert "`assist`" in message and "\n" not in message


@linux_only
def test_pynput_import_failing_for_the_display(
        monkeypatch: pytest.MonkeyPatch, x11_session: None, hotkey: GlobalHotkey) -> None:
    # What pynput raises on import when it cannot open the display (and PYNPUT_BACKEND is unset).
    def fail(name: str) -> types.ModuleType:
        raise ImportError("this platform is not supported: ('failed to acquire X connection: Can\\'t connect "
                          "to display \":0\": [Errno 111] Connection refused',)\n\nTry one of the following "
                          "resolutions:\n\n * Please make sure that you have an X server running")

    monkeypatch.setattr(importlib, "import_module", fail)
    message = hotkey.start("Ctrl+Alt+Space")
    assert message is not None and "\n" not in message
    assert message.startswith("Global hotkey unavailable: this platform is not supported: ")
    assert "Connection refused" in message


@linux_only
def test_real_pynput_with_a_display_that_is_not_there(
        monkeypatch: pytest.MonkeyPatch, x11_session: None, hotkey: GlobalHotkey) -> None:
    monkeypatch.setenv("DISPLAY", ":987")
    monkeypatch.delenv("PYNPUT_BACKEND", raising=False)
    for name in [name for name in sys.modules if name == "pynput" or name.startswith("pynput.")]:
        monkeypatch.delitem(sys.modules, name)
    message = hotkey.start("Ctrl+Alt+Space")
    assert message is not None and message.startswith("Global hotkey unavailable: ")
    assert "X connection" in message and "\n" not in message


def test_pynput_not_installed(
        monkeypatch: pytest.MonkeyPatch, x11_session: None, hotkey: GlobalHotkey) -> None:
    monkeypatch.setitem(sys.modules, "pynput", None)
    monkeypatch.delitem(sys.modules, "pynput.keyboard", raising=False)
    assert hotkey.start("Ctrl+Alt+Space") == "Global hotkey unavailable: the pynput package is not installed."


X11_PRESS = textwrap.dedent("""
    import sys, threading, time
    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication
    from Xlib import X, XK, display
    from Xlib.ext import xtest
    from assist.ui.hotkey import GlobalHotkey

    app = QApplication([])
    hotkey = GlobalHotkey()
    problem = hotkey.start("Ctrl+Alt+Space")
    if problem:
        print(problem)
        sys.exit(2)
    def activated() -> None:
        print("activated", QThread.currentThread() is app.thread())
        app.quit()

    hotkey.activated.connect(activated)

    def press() -> None:
        time.sleep(0.3)
        x = display.Display()
        codes = [x.keysym_to_keycode(XK.string_to_keysym(name)) for name in ("Control_L", "Alt_L", "space")]
        for code in codes:
            xtest.fake_input(x, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(x, X.KeyRelease, code)
        x.sync()

    threading.Thread(target=press, daemon=True).start()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    hotkey.stop()
""")


@pytest.mark.slow
@needs_xvfb
def test_real_key_presses_on_an_x_server(tmp_path: Path) -> None:
    with virtual_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "offscreen",
               "PYTHONPATH": str(ROOT)}
        env.pop("WAYLAND_DISPLAY", None)
        env.pop("XDG_SESSION_TYPE", None)
        env.pop("PYNPUT_BACKEND", None)
        result = subprocess.run([sys.executable, "-c", X11_PRESS], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == ["activated True"]
