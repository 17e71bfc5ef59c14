"""Customer history as plain objects: what an import file holds and what the store gives back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TIERS = ("basic", "gold", "vip")
LANGUAGES = ("zh-Hans", "zh-Hant", "en")
ORDER_STATUSES = ("pending_payment", "paid", "shipped", "delivered", "completed", "cancelled", "returning",
                  "refunding", "refunded")
LOGISTICS_STATES = ("not_shipped", "in_transit", "out_for_delivery", "delivered", "exception", "returned")
REFUND_STATUSES = ("pending", "approved", "paid", "rejected")
TICKET_TYPES = ("complaint", "refund", "repair", "logistics", "other")
TICKET_STATUSES = ("open", "in_progress", "resolved", "closed")
OPEN_TICKET_STATUSES = ("open", "in_progress")
# Flags a CRM sets by hand; the others are worked out from the history (card.py).
MANUAL_FLAGS = ("abusive_history",)


@dataclass(frozen=True)
class Order:
    id: str
    placed: datetime
    items: tuple[tuple[str, int], ...]
    amount_fen: int
    status: str
    logistics: dict[str, Any] | None = None
    refund: dict[str, Any] | None = None


@dataclass(frozen=True)
class Ticket:
    id: str
    type: str
    status: str
    opened: datetime
    summary: str
    due: datetime | None = None
    outcome: str = ""
    order_id: str | None = None
    topic: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TICKET_STATUSES


@dataclass(frozen=True)
class Interaction:
    at: datetime
    agent: str
    outcome: str
    scripts: tuple[str, ...] = ()
    promise: str = ""
    promise_due: datetime | None = None
    promise_kept: bool = False
    # The stored row, so a wrap-up can mark this call's promise kept (0 before it is stored).
    row_id: int = 0
    # "import" (from the CRM's file: replaced by the next import) or "sidebar" (a wrap-up: kept).
    origin: str = "import"


@dataclass(frozen=True)
class Customer:
    id: str
    name: str
    phones: tuple[str, ...]  # E.164
    address_as: str = ""
    tier: str = "basic"
    birth_year: int | None = None
    language: str = "zh-Hans"
    notes: str = ""
    flags: tuple[str, ...] = ()
    demo: bool = False  # one of the bundled demo customers, not a real one


@dataclass(frozen=True)
class CustomerHistory:
    """One customer and everything the card is built from; lists newest first."""

    customer: Customer
    orders: tuple[Order, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    # The line of the import file it came from, for error messages (0 when not from a file).
    line: int = field(default=0, compare=False)
