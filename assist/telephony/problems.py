"""Bad input from call sources, logged once per occurrence and never with customer data.

A source that sends garbage in a loop would fill the log; after the first line of a kind, the same kind
is summed up at most every `quiet_seconds`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assist.telephony.events import CallEvent

log = logging.getLogger("assist.telephony")


class ProblemLog:
    def __init__(self, quiet_seconds: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.quiet_seconds = quiet_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._last: dict[tuple[str, str], float] = {}
        self._held: dict[tuple[str, str], int] = {}
        self.count = 0

    def report(self, source: str, problem: str) -> None:
        """`problem` must not hold a number, a name or raw input: only what kind of thing went wrong."""
        key = (source, problem)
        with self._lock:
            self.count += 1
            now = self._clock()
            last = self._last.get(key)
            if last is not None and now - last < self.quiet_seconds:
                self._held[key] = self._held.get(key, 0) + 1
                return
            held = self._held.pop(key, 0)
            self._last[key] = now
        suffix = f" (and {held} more like it since)" if held else ""
        log.warning("call source %s: %s; ignored%s", source, problem, suffix)


def deliver_safely(deliver: Callable[[CallEvent], None], event: CallEvent, problems: ProblemLog) -> None:
    """A failure while handling one event must not take its source down with it."""
    try:
        deliver(event)
    except Exception as error:  # the next event still has to get through
        problems.report(event.source, f"handling a {event.event} event failed ({type(error).__name__})")
