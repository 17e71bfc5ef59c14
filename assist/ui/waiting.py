"""Waiting in a nested event loop for a signal: what the screenshot and the UI benchmark drive."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer


def wait_for_signal(signal: Any, accept: Callable[..., bool] = lambda *_args: True,
                    timeout_ms: int = 20_000, action: Callable[[], None] | None = None) -> bool:
    """Run `action`, then wait until `signal` fires with arguments `accept` takes (True), or the
    timeout (False). Connected before the action: the signal may fire inside it."""
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*args: Any) -> None:
        if not fired and accept(*args):
            fired.append(True)
            loop.quit()

    signal.connect(done)
    try:
        if action is not None:
            action()
        if not fired:
            QTimer.singleShot(timeout_ms, loop.quit)
            loop.exec()
    finally:
        signal.disconnect(done)
    return bool(fired)
