"""The bundled demo customers, loaded once into a new store with the rest of the demo content.

The file is written as if it were 2026-11-01 10:00 (+08:00); every time in it is moved by the same
amount to now, so a repeat caller called days ago and a promise falls due today whenever the demo runs.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from assist.customers.importing import read_customer_file
from assist.customers.store import CustomerStore
from knowledge.resources import demo_dir

DEMO_FILE = "customers.jsonl"
DEMO_ANCHOR = datetime(2026, 11, 1, 10, 0, tzinfo=timezone(timedelta(hours=8)))
_LOADED = "demo_loaded"


def demo_shift(now: datetime | None = None) -> timedelta:
    moment = now or datetime.now(UTC)
    return timedelta(minutes=round((moment - DEMO_ANCHOR).total_seconds() / 60))


def load_demo_customers(store: CustomerStore, now: datetime | None = None) -> int:
    """Import the demo customers into a store that has never had them; how many were added."""
    if store.state(_LOADED) is not None:
        return 0
    added = 0
    if store.count() == 0:
        path = demo_dir() / DEMO_FILE
        if path.exists():
            added = store.import_histories(read_customer_file(path, shift=demo_shift(now)), demo=True).added
    store.set_state(_LOADED, "1")
    return added
