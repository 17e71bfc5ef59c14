"""Search as the agent types: one query in flight at most, and only the newest text waits behind it.

A keystroke while a query runs cancels that query (the engine checks between phases) and parks the
new text; when the running one returns, its answer is dropped if the text moved on and the parked
text runs next. Keystrokes are never queued one behind another, and no timer delays the first one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from assist.ui.ops import BackgroundOps
from knowledge.search.engine import SearchHit

Searcher = Callable[[str, Callable[[], bool]], list[SearchHit]]


class SearchController(QObject):
    results_ready = Signal(str, list)  # the query text, its hits best first
    failed = Signal(str, str)  # the query text, a message

    def __init__(self, ops: BackgroundOps, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._searcher: Searcher | None = None
        self._wanted = ""
        # Every request gets a number; an answer counts only if no request came after it. The text
        # alone would not do: typing A, AB, A again must not show the first A's cancelled answer.
        self._serial = 0
        self._running: int | None = None

    def set_searcher(self, searcher: Searcher | None) -> None:
        """None while the store and index are still opening: the text waits and runs once ready."""
        self._searcher = searcher
        if searcher is not None and self._running is None:
            self._start()

    @property
    def busy(self) -> bool:
        return self._running is not None

    def request(self, text: str) -> None:
        """Search `text` (again, if it is the same: the index or the language may have changed)."""
        self._wanted = text
        self._serial += 1
        if self._running is None:
            self._start()

    def _start(self) -> None:
        if self._searcher is None:
            return
        text, serial = self._wanted, self._serial
        if not text.strip():
            self.results_ready.emit(text, [])
            return
        searcher = self._searcher
        self._running = serial

        def work() -> list[SearchHit]:
            return searcher(text, lambda: self._serial != serial)

        self._ops.run(work, lambda hits: self._finish(serial, text, hits, None),
                      lambda error: self._finish(serial, text, [], error))

    def _finish(self, serial: int, text: str, hits: list[SearchHit], error: Exception | None) -> None:
        self._running = None
        if serial != self._serial:
            self._start()  # the agent typed on: this answer is stale, perhaps cut short
            return
        if error is not None:
            self.failed.emit(text, str(error) or type(error).__name__)
        else:
            self.results_ready.emit(text, hits)
