"""A system-wide hotkey (through pynput) that brings the sidebar forward from any application.

pynput is imported only when a hotkey is started: importing it without a display fails.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtCore import QCoreApplication, QKeyCombination, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence

_CONTEXT = "GlobalHotkey"
# How long start() waits for pynput's listener to be ready or to fail (a few milliseconds on X11).
READY_TIMEOUT_S = 1.0

_Key = Qt.Key
_Mod = Qt.KeyboardModifier

_MODIFIER_KEYS = frozenset({_Key.Key_Control, _Key.Key_Shift, _Key.Key_Alt, _Key.Key_Meta, _Key.Key_AltGr,
                            _Key.Key_Super_L, _Key.Key_Super_R, _Key.Key_Hyper_L, _Key.Key_Hyper_R})

# Keys pynput names on every platform, as pynput spells them.
_NAMED_KEYS: dict[Qt.Key, str] = {
    _Key.Key_Space: "space", _Key.Key_Tab: "tab", _Key.Key_Escape: "esc", _Key.Key_Return: "enter",
    _Key.Key_Enter: "enter", _Key.Key_Backspace: "backspace", _Key.Key_Delete: "delete",
    _Key.Key_Home: "home", _Key.Key_End: "end", _Key.Key_PageUp: "page_up", _Key.Key_PageDown: "page_down",
    _Key.Key_Left: "left", _Key.Key_Right: "right", _Key.Key_Up: "up", _Key.Key_Down: "down",
    _Key.Key_CapsLock: "caps_lock",
    **{Qt.Key(_Key.Key_F1.value + n): f"f{n + 1}" for n in range(20)},
}
# Keys pynput has on Windows and Linux but not on macOS.
_NAMED_KEYS_NOT_MAC: dict[Qt.Key, str] = {
    _Key.Key_Insert: "insert", _Key.Key_Pause: "pause", _Key.Key_Print: "print_screen",
    _Key.Key_ScrollLock: "scroll_lock", _Key.Key_NumLock: "num_lock", _Key.Key_Menu: "menu",
}
# Keys no one types in passing, so they may be a hotkey without Ctrl, Alt or Meta.
_ALONE_IS_FINE = frozenset({*(Qt.Key(_Key.Key_F1.value + n) for n in range(20)),
                            _Key.Key_Pause, _Key.Key_Print, _Key.Key_ScrollLock})
# Punctuation typed without Shift on a US layout; with Shift, what pynput sees depends on the layout.
_PUNCTUATION = {_Key.Key_QuoteLeft: "`", _Key.Key_Minus: "-", _Key.Key_Equal: "=", _Key.Key_BracketLeft: "[",
                _Key.Key_BracketRight: "]", _Key.Key_Backslash: "\\", _Key.Key_Semicolon: ";",
                _Key.Key_Apostrophe: "'", _Key.Key_Comma: ",", _Key.Key_Period: ".", _Key.Key_Slash: "/"}


# Qt modifier, pynput name, pynput name on macOS (where Qt's Ctrl is Command and Meta is Control).
_MODIFIERS = ((_Mod.ControlModifier, "ctrl", "cmd"), (_Mod.AltModifier, "alt", "alt"),
              (_Mod.ShiftModifier, "shift", "shift"), (_Mod.MetaModifier, "cmd", "ctrl"))


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def to_pynput(sequence: str, platform: str = sys.platform) -> str:
    """A Qt portable key sequence ("Ctrl+Alt+Space") as pynput writes it ("<ctrl>+<alt>+<space>").

    Qt's "Ctrl" is the Command key on macOS and "Meta" is Control there, as in Qt itself. ValueError, with a
    message for the user, for a sequence a global hotkey cannot be: several steps, modifiers alone, keypad
    keys, shifted symbols, or a typing key without Ctrl, Alt or Meta (it would fire while typing).
    """
    keys = QKeySequence.fromString(sequence.strip(), QKeySequence.SequenceFormat.PortableText)
    if keys.count() == 0:
        raise ValueError(_tr("no key is given"))
    if keys.count() > 1:
        raise ValueError(_tr("it has several steps; a global hotkey is one key combination"))
    combination: QKeyCombination = keys[0]  # type: ignore[index]  # the stub lacks QKeySequence.__getitem__
    key = combination.key()
    modifiers = combination.keyboardModifiers()
    if key == _Key.Key_unknown:
        raise ValueError(_tr("it names a key that does not exist"))
    if modifiers & _Mod.KeypadModifier:
        raise ValueError(_tr("keypad keys cannot be told apart from the main keys"))
    if key in _MODIFIER_KEYS:
        raise ValueError(_tr("it needs a key besides Ctrl, Alt, Shift or Meta"))

    mac = platform == "darwin"
    parts = [f"<{mac_name if mac else name}>" for modifier, name, mac_name in _MODIFIERS
             if modifiers & modifier]
    command_like = bool(modifiers & (_Mod.ControlModifier | _Mod.AltModifier | _Mod.MetaModifier))
    shifted = bool(modifiers & _Mod.ShiftModifier)

    if _Key.Key_A.value <= key.value <= _Key.Key_Z.value:
        token = chr(key.value).lower()
    elif _Key.Key_0.value <= key.value <= _Key.Key_9.value or key in _PUNCTUATION:
        if shifted:
            raise ValueError(_tr("Shift with a digit or punctuation key types a different symbol on each "
                                 "keyboard layout; use a letter or F-key"))
        token = chr(key.value) if key not in _PUNCTUATION else _PUNCTUATION[key]
    elif key in _NAMED_KEYS:
        token = f"<{_NAMED_KEYS[key]}>"
    elif key in _NAMED_KEYS_NOT_MAC and not mac:
        token = f"<{_NAMED_KEYS_NOT_MAC[key]}>"
    else:
        raise ValueError(_tr("this key cannot be a global hotkey; use a letter, digit or F-key"))

    if not command_like and key not in _ALONE_IS_FINE:
        raise ValueError(_tr("it needs Ctrl, Alt or Meta, or it would fire while you type"))
    return "+".join([*parts, token])


def unavailable_reason() -> str | None:
    """Why this desktop session cannot have a global hotkey through pynput, or None if it can."""
    if not sys.platform.startswith("linux") and not sys.platform.startswith(("freebsd", "openbsd")):
        return None
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
        return _tr("Global hotkeys do not work under Wayland; in your desktop's keyboard settings, bind a "
                   "shortcut to the command `assist`, which brings the running sidebar forward.")
    if not os.environ.get("DISPLAY"):
        return _tr("Global hotkey unavailable: there is no X display (DISPLAY is not set).")
    return None


class GlobalHotkey(QObject):
    """One system-wide hotkey; `activated` is emitted on the GUI thread each time it is pressed.

    `failed` carries a one-line message if the hotkey stops working after start() succeeded (pynput's
    listener died). Call stop() before the object goes away (for example on QApplication.aboutToQuit).
    """

    activated = Signal()
    failed = Signal(str)
    # Emitted from pynput's thread with the generation they belong to; queued over to the GUI thread.
    _pressed = Signal(int)
    _broken = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._listener: Any = None
        self._generation = 0
        self._sequence = ""
        self._pressed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._broken.connect(self._report_broken, Qt.ConnectionType.QueuedConnection)

    @property
    def sequence(self) -> str:
        """The Qt sequence now registered, "" when none is."""
        return self._sequence

    def start(self, sequence: str) -> str | None:
        """Register `sequence` in place of any earlier one. None on success (an empty sequence means no
        hotkey, also None), else a one-line message saying why there is no hotkey. Never raises."""
        self.stop()
        if not sequence.strip():
            return None
        try:
            combination = to_pynput(sequence)
        except ValueError as error:
            message = _tr("The hotkey {sequence} cannot be used: {reason}.")
            return message.format(sequence=sequence, reason=error)
        reason = unavailable_reason()
        if reason is not None:
            return reason
        try:
            keyboard = importlib.import_module("pynput.keyboard")
        except ModuleNotFoundError as error:
            if (error.name or "").split(".")[0] == "pynput":
                return _tr("Global hotkey unavailable: the pynput package is not installed.")
            return _unavailable(error)
        except Exception as error:  # pynput raises ImportError when it cannot reach the display
            return _unavailable(error)
        generation = self._generation
        broken = self._broken

        def on_failure(error: BaseException) -> None:  # runs on pynput's thread
            with contextlib.suppress(RuntimeError):
                broken.emit(generation, _unavailable(error))

        try:
            listener = _listener_class(keyboard)({combination: self._callback(generation)}, on_failure)
            listener.start()
        except Exception as error:
            return _unavailable(error)
        listener.settled.wait(READY_TIMEOUT_S)
        if listener.failure is not None:
            return _unavailable(listener.failure)
        self._listener = listener
        self._sequence = sequence
        return None

    def stop(self) -> None:
        """Unregister the hotkey; a press already on its way is dropped."""
        self._generation += 1
        self._sequence = ""
        listener, self._listener = self._listener, None
        if listener is not None:
            # A listener whose thread already died holds nothing left to free.
            with contextlib.suppress(Exception):
                listener.stop()

    def _callback(self, generation: int) -> Callable[[], None]:
        pressed = self._pressed

        def on_press() -> None:  # runs on pynput's thread
            # RuntimeError: this object was deleted without stop(); there is nobody to tell.
            with contextlib.suppress(RuntimeError):
                pressed.emit(generation)

        return on_press

    def _deliver(self, generation: int) -> None:
        if generation == self._generation and self._listener is not None:
            self.activated.emit()

    def _report_broken(self, generation: int, message: str) -> None:
        if generation == self._generation and self._listener is not None:
            self.stop()
            self.failed.emit(message)


def _listener_class(keyboard: ModuleType) -> type[Any]:
    """pynput's GlobalHotKeys, made to say whether it came up: `settled` is set once it is ready to hear
    keys or has died, `failure` holds what killed it (an X server without the RECORD extension, say),
    and the thread ends quietly instead of printing a traceback."""

    base: Any = keyboard.GlobalHotKeys  # pynput has no type information

    class Listener(base):  # type: ignore[misc]
        def __init__(self, hotkeys: dict[str, Callable[[], None]],
                     on_failure: Callable[[BaseException], None]) -> None:
            super().__init__(hotkeys)
            self.settled = threading.Event()
            self.failure: BaseException | None = None
            self._on_failure = on_failure

        def _mark_ready(self) -> None:  # pynput's hook: each backend calls it once it is listening
            super()._mark_ready()
            self.settled.set()

        def run(self) -> None:
            try:
                super().run()
            except Exception as error:
                self.failure = error
                if self.settled.is_set():  # start() has returned: tell the GUI thread
                    self._on_failure(error)
            finally:
                self.settled.set()

    return Listener


def _unavailable(error: BaseException) -> str:
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if isinstance(error, AttributeError) and detail.startswith("record_"):
        # python-xlib's way of saying the server lacks the extension pynput listens through
        return _tr("Global hotkey unavailable: the X server does not offer the RECORD extension.")
    return _tr("Global hotkey unavailable: {detail}").format(detail=detail)
