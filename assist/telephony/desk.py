"""The calls in progress: what each source's events mean together, and the card for each caller.

Sources send events from their own threads; the desk takes them one at a time. A ringing call gets its
card (customer history, flags, scripts that fit); answered and ended update it; an ended call is ready
for its wrap-up, which records the outcome, the scripts used and any promise for the next call's card.
Events for a call that never rang are reported (without the number) and ignored.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from assist.customers.lookup import CardLookup, CardLookupService
from assist.customers.records import Interaction
from assist.telephony.events import CallEvent
from assist.telephony.problems import ProblemLog

MAX_CALLS = 64  # calls remembered at once: far more than one agent's lines, bounded against floods
# A source without call ids (a bare command hook) cannot say "the same call again" from "a new call after
# an end we never heard of": the same number ringing again within this many seconds is the same call.
SAME_RING_SECONDS = 5.0


@dataclass
class Call:
    key: str
    event: CallEvent  # the ringing event
    lookup: CardLookup
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    scripts_used: list[str] = field(default_factory=list)
    wrapped_up: bool = False

    @property
    def customer_id(self) -> str | None:
        return self.lookup.customer_id


@dataclass(frozen=True)
class CallUpdate:
    event: CallEvent
    call: Call
    latency_ms: float  # from the event's arrival to the card data being ready

    def to_json(self) -> dict[str, object]:
        """The line `assist calls watch --json` prints."""
        return {"event": self.event.event, "number": self.call.lookup.number or None,
                "call_id": self.event.call_id or None, "source": self.event.source,
                "customer_id": self.call.customer_id,
                "suggested": list(self.call.lookup.card.suggested_scripts),
                "latency_ms": round(self.latency_ms, 3)}


class CallDesk:
    def __init__(self, cards: CardLookupService, problems: ProblemLog | None = None) -> None:
        self.cards = cards
        self.problems = problems or ProblemLog()
        self._calls: OrderedDict[str, Call] = OrderedDict()
        self._lock = threading.Lock()

    def _key(self, event: CallEvent) -> str:
        # Sources without call ids (a bare command hook) are matched by number.
        if event.call_id:
            return f"{event.source}:id:{event.call_id}"
        number, _problem = self.cards.normalise(event.number)
        return f"{event.source}:number:{number or event.number or ''}"

    def _rings_again(self, key: str, event: CallEvent) -> bool:
        call = self._calls.get(key)
        return call is not None and call.ended_at is None and bool(
            event.call_id or event.received - call.event.received < SAME_RING_SECONDS)

    def handle(self, event: CallEvent) -> CallUpdate | None:
        key = self._key(event)
        if event.event == "ringing":
            # The lookup reads the database: outside the lock, so note_script() on the GUI thread never
            # waits for it.
            with self._lock:
                if self._rings_again(key, event):
                    return None  # the same call announced twice (a retransmission): one card is enough
            lookup = self.cards.lookup(event.number)
            if lookup.number_problem:
                self.problems.report(event.source, f"a caller number that is not one "
                                                   f"({lookup.number_problem})")
            with self._lock:
                if self._rings_again(key, event):
                    return None  # announced again while we looked
                call = Call(key, event, lookup)
                self._calls[key] = call
                self._calls.move_to_end(key)
                while len(self._calls) > MAX_CALLS:
                    self._calls.popitem(last=False)
                return CallUpdate(event, call, (time.perf_counter() - event.received) * 1000)
        with self._lock:
            known = self._calls.get(key)
            if known is None or known.ended_at is not None:
                self.problems.report(event.source, f"{event.event} for a call that never rang")
                return None
            if event.event == "answered":
                if known.answered_at is not None:
                    return None
                known.answered_at = event.at
            else:
                known.ended_at = event.at
            return CallUpdate(event, known, (time.perf_counter() - event.received) * 1000)

    def note_script(self, call: Call, script_id: str) -> None:
        with self._lock:
            if script_id not in call.scripts_used:
                call.scripts_used.append(script_id)

    def wrap_up(self, call: Call, agent: str, outcome: str, scripts: list[str], promise: str = "",
                promise_due: datetime | None = None, kept: Sequence[int] = ()) -> bool:
        """Record the call on the customer's history, with the earlier promises it kept (their stored
        calls' row ids); False when the caller is no known customer."""
        customer_id = call.customer_id
        if customer_id is None:
            return False
        at = call.answered_at or call.event.at
        self.cards.store.record_call(customer_id, Interaction(
            at=at, agent=agent, outcome=outcome, scripts=tuple(scripts), promise=promise,
            promise_due=promise_due if promise else None), kept=kept)
        with self._lock:
            call.wrapped_up = True
            self._calls.pop(call.key, None)
        return True
