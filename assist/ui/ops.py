"""Running core work off the GUI thread, with callbacks back on it (Anki's QueryOp shape)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class BackgroundOps(QObject):
    """Owns the relays so callbacks are delivered on the GUI thread (queued signal connections)."""

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relays: set[_Relay] = set()

    def run(self, work: Callable[[], Any], on_success: Callable[[Any], None],
            on_failure: Callable[[Exception], None]) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            relay.deleteLater()
            # The widget that asked (and owns these ops) may have been closed while the work ran:
            # its answer has nobody left to show it to.
            if not isValid(self):
                return
            self._relays.discard(relay)
            callback(value)

        relay.succeeded.connect(lambda value: finish(on_success, value))
        relay.failed.connect(lambda error: finish(on_failure, error))
        self._pool.start(_Job(work, relay))

    def wait(self, timeout_ms: int = 5000) -> bool:
        """At shutdown: let running work finish before the store it uses is closed."""
        return self._pool.waitForDone(timeout_ms)
