"""The Qt binding must not lose references to None or True: a sidebar runs all day and would crash."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    happened = Signal()


def test_void_calls_keep_none_alive(qtbot: QtBot) -> None:
    # PySide6 6.12.0 under Python 3.11 dropped one reference to None per void call, so None was
    # freed after enough repaints ("none_dealloc"); pyproject excludes it. Python 3.12+ makes None
    # immortal, where the count does not move either way.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -10


def test_signals_keep_true_alive() -> None:
    # The same release lost a reference to True on every emit and disconnect ("bool_dealloc"
    # after some 570 signals).
    emitter = _Emitter()
    received: list[int] = []

    def slot() -> None:
        received.append(1)

    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.happened.connect(slot)
        emitter.happened.emit()
        emitter.happened.disconnect(slot)
    assert len(received) == 200
    assert sys.getrefcount(True) - before > -10
