"""The one event every call source produces: ringing, answered or ended, with who and which call."""

from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

CALL_EVENTS = ("ringing", "answered", "ended")
SOURCES = ("hook", "http", "baresip")
MAX_NUMBER = 256
MAX_NAME = 120
MAX_CALL_ID = 200


class CallEventError(ValueError):
    """An event that cannot be one: the message is safe to log (it never holds the number or name)."""


@dataclass(frozen=True)
class CallEvent:
    event: str
    number: str | None  # as the source sent it; None when there was none (withheld)
    source: str
    display_name: str = ""
    call_id: str = ""
    at: datetime = field(default_factory=lambda: datetime.now().astimezone())
    # perf_counter() when the event was received: latency is measured from here.
    received: float = field(default_factory=time.perf_counter)


def _clean(text: str) -> str:
    # Control and format characters (newlines, bidi overrides) have no place in a name or number shown
    # on the card, and would let a sender forge lines in anything that prints them.
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip()


def make_event(event: object, number: object, source: str, display_name: object = None,
               call_id: object = None, received: float | None = None) -> CallEvent:
    """A checked CallEvent from what a source parsed, or CallEventError saying what is wrong."""
    if event not in CALL_EVENTS:
        raise CallEventError(f"unknown event type (expected one of {', '.join(CALL_EVENTS)})")
    assert isinstance(event, str)
    if number is not None and not isinstance(number, str):
        raise CallEventError("the number must be text")
    if number is not None and len(number) > MAX_NUMBER:
        raise CallEventError(f"the number is longer than {MAX_NUMBER} characters")
    if display_name is not None and not isinstance(display_name, str):
        raise CallEventError("the display name must be text")
    if call_id is not None and not isinstance(call_id, str):
        raise CallEventError("the call id must be text")
    if call_id is not None and len(call_id) > MAX_CALL_ID:
        raise CallEventError(f"the call id is longer than {MAX_CALL_ID} characters")
    cleaned_number = _clean(number) if number is not None else None
    return CallEvent(event=event, number=cleaned_number or None, source=source,
                     display_name=_clean(display_name or "")[:MAX_NAME], call_id=_clean(call_id or ""),
                     received=time.perf_counter() if received is None else received)
