"""Reading a CRM export (jsonl, one customer per line) into customer histories, checking every field.

All or nothing: the first problem stops the import and names its line and field (docs/customers-format.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assist.customers.phones import DEFAULT_REGION, PhoneError, to_e164
from assist.customers.records import (
    LANGUAGES,
    LOGISTICS_STATES,
    MANUAL_FLAGS,
    ORDER_STATUSES,
    REFUND_STATUSES,
    TICKET_STATUSES,
    TICKET_TYPES,
    TIERS,
    Customer,
    CustomerHistory,
    Interaction,
    Order,
    Ticket,
)

_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_MONEY = re.compile(r"-?\d{1,10}(?:\.\d{1,2})?")
MAX_LINE_BYTES = 4 * 1024 * 1024
MAX_LIST = 10_000  # entries in one customer's orders, tickets or calls
MAX_TEXT = 4_000


class CustomerImportError(ValueError):
    def __init__(self, source: str, line: int, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        super().__init__(f"{source}:{line}: {message}" if line else f"{source}: {message}")


class _FieldError(ValueError):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


def read_customer_file(path: Path, region: str = DEFAULT_REGION,
                       shift: timedelta = timedelta(0)) -> list[CustomerHistory]:
    """Every customer in the file, or CustomerImportError for the first problem. `shift` moves every
    time by the same amount (the demo set is written relative to a fixed day)."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CustomerImportError(source, 0, f"cannot read: {error.strerror or error}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return parse_customer_lines(raw.split(b"\n"), source, region, shift)


def parse_customer_lines(lines: Iterable[bytes], source: str, region: str = DEFAULT_REGION,
                         shift: timedelta = timedelta(0)) -> list[CustomerHistory]:
    histories: list[CustomerHistory] = []
    seen_ids: dict[str, int] = {}
    seen_phones: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_BYTES:
            raise CustomerImportError(source, number, f"line is longer than {MAX_LINE_BYTES} bytes")
        try:
            document = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError:
            raise CustomerImportError(source, number, "not UTF-8 text") from None
        except (ValueError, RecursionError) as error:
            raise CustomerImportError(source, number, f"not JSON: {error}") from None
        try:
            history = _history(document, region, shift, number)
        except _FieldError as error:
            raise CustomerImportError(source, number, str(error)) from None
        customer = history.customer
        if customer.id in seen_ids:
            raise CustomerImportError(source, number,
                                      f"id: {customer.id!r} is already on line {seen_ids[customer.id]}")
        seen_ids[customer.id] = number
        for phone in customer.phones:
            if phone in seen_phones and seen_phones[phone] != number:
                raise CustomerImportError(source, number, f"phones: a number ending {phone[-4:]} is "
                                          f"already the customer's on line {seen_phones[phone]}")
            seen_phones[phone] = number
        histories.append(history)
    return histories


def _history(document: Any, region: str, shift: timedelta, line: int) -> CustomerHistory:
    if not isinstance(document, dict):
        raise _FieldError("line", "must be a JSON object (one customer)")
    fields = _Fields(document, "")
    customer_id = fields.identifier("id")
    phones: list[str] = []
    raw_phones = fields.list("phones", required=True)
    if not raw_phones:
        raise _FieldError("phones", "needs at least one number")
    for index, raw in enumerate(raw_phones):
        if not isinstance(raw, str):
            raise _FieldError(f"phones[{index}]", "must be text")
        try:
            e164 = to_e164(raw, region)
        except PhoneError as error:
            raise _FieldError(f"phones[{index}]", str(error)) from None
        if e164 not in phones:
            phones.append(e164)
    flags = fields.list("flags")
    for index, flag in enumerate(flags):
        if flag not in MANUAL_FLAGS:
            raise _FieldError(f"flags[{index}]",
                              f"{flag!r} is not set by hand; only {', '.join(MANUAL_FLAGS)}")
    birth_year = fields.integer("birth_year", 1880, 2100)
    name = fields.text("name", required=True)
    customer = Customer(
        id=customer_id, name=name, phones=tuple(phones),
        address_as=fields.text("address_as") or name,
        tier=fields.choice("tier", TIERS, "basic"),
        birth_year=birth_year,
        language=fields.choice("language", LANGUAGES, "zh-Hans"),
        notes=fields.text("notes"),
        flags=tuple(dict.fromkeys(flags)),
    )
    times = _Times(shift)
    orders = [_order(item, f"orders[{i}]", times) for i, item in enumerate(fields.list("orders"))]
    tickets = [_ticket(item, f"tickets[{i}]", times) for i, item in enumerate(fields.list("tickets"))]
    calls = [_interaction(item, f"interactions[{i}]", times)
             for i, item in enumerate(fields.list("interactions"))]
    fields.no_others("orders", "tickets", "interactions")
    _no_duplicates([order.id for order in orders], "orders")
    _no_duplicates([ticket.id for ticket in tickets], "tickets")
    return CustomerHistory(
        customer,
        tuple(sorted(orders, key=lambda order: order.placed, reverse=True)),
        tuple(sorted(tickets, key=lambda ticket: ticket.opened, reverse=True)),
        tuple(sorted(calls, key=lambda call: call.at, reverse=True)),
        line=line,
    )


def _no_duplicates(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            raise _FieldError(f"{where}[{index}].id", f"{value!r} appears twice")
        seen.add(value)


class _Times:
    def __init__(self, shift: timedelta) -> None:
        self.shift = shift

    def __call__(self, value: Any, where: str) -> datetime:
        if not isinstance(value, str):
            raise _FieldError(where, "must be a time as text, like 2026-11-03T10:12:00+08:00")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise _FieldError(where, f"not a time: {value[:40]!r} (use 2026-11-03T10:12:00+08:00)") from None
        if moment.tzinfo is None:
            moment = moment.astimezone()  # the machine's zone, as the format says
        return moment + self.shift


class _Fields:
    """Typed access to one JSON object's fields, naming the field in every error."""

    def __init__(self, document: Mapping[str, Any], prefix: str) -> None:
        self.document = document
        self.prefix = prefix
        self.used: set[str] = set()

    def where(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def get(self, key: str) -> Any:
        self.used.add(key)
        return self.document.get(key)

    def text(self, key: str, required: bool = False) -> str:
        value = self.get(key)
        if value is None:
            if required:
                raise _FieldError(self.where(key), "is required")
            return ""
        if not isinstance(value, str):
            raise _FieldError(self.where(key), "must be text")
        value = value.strip()
        if required and not value:
            raise _FieldError(self.where(key), "is empty")
        if len(value) > MAX_TEXT:
            raise _FieldError(self.where(key), f"is longer than {MAX_TEXT} characters")
        return value

    def identifier(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise _FieldError(self.where(key), "must be 1-64 letters, digits, '-', '_' or '.'")
        return value

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.get(key)
        if value is None and default is not None:
            return default
        if value not in allowed:
            raise _FieldError(self.where(key), f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.get(key)
        if value is None:
            return None
        if type(value) is not int or not low <= value <= high:
            raise _FieldError(self.where(key), f"must be a whole number from {low} to {high}")
        return value

    def list(self, key: str, required: bool = False) -> list[Any]:
        value = self.get(key)
        if value is None:
            if required:
                raise _FieldError(self.where(key), "is required")
            return []
        if not isinstance(value, list):
            raise _FieldError(self.where(key), "must be a list")
        if len(value) > MAX_LIST:
            raise _FieldError(self.where(key), f"has more than {MAX_LIST} entries")
        return value

    def money_fen(self, key: str) -> int:
        value = self.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float, str)) \
                or not _MONEY.fullmatch(str(value)):
            raise _FieldError(self.where(key), "must be an amount in yuan, like 129.90")
        yuan, _dot, fen = str(value).partition(".")
        sign = -1 if yuan.startswith("-") else 1
        return sign * (abs(int(yuan)) * 100 + int((fen + "00")[:2]))

    def time(self, key: str, times: _Times, required: bool = False) -> datetime | None:
        value = self.get(key)
        if value is None:
            if required:
                raise _FieldError(self.where(key), "is required")
            return None
        return times(value, self.where(key))

    def boolean(self, key: str) -> bool:
        value = self.get(key)
        if value is None:
            return False
        if not isinstance(value, bool):
            raise _FieldError(self.where(key), "must be true or false")
        return value

    def mapping(self, key: str) -> _Fields | None:
        value = self.get(key)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise _FieldError(self.where(key), "must be an object")
        return _Fields(value, self.where(key))

    def no_others(self, *also: str) -> None:
        unknown = sorted(set(self.document) - self.used - set(also))
        if unknown:
            raise _FieldError(self.where(unknown[0]), "is not a field of this format (a typo?)")


def _object(value: Any, where: str) -> _Fields:
    if not isinstance(value, dict):
        raise _FieldError(where, "must be an object")
    return _Fields(value, where)


def _order(value: Any, where: str, times: _Times) -> Order:
    fields = _object(value, where)
    items: list[tuple[str, int]] = []
    for index, item in enumerate(fields.list("items")):
        item_fields = _object(item, f"{where}.items[{index}]")
        quantity = item_fields.integer("qty", 1, 1_000_000)
        items.append((item_fields.text("name", required=True), 1 if quantity is None else quantity))
        item_fields.no_others()
    placed = fields.time("placed", times, required=True)
    assert placed is not None
    logistics = _section(fields, "logistics", times, state=LOGISTICS_STATES)
    refund = _section(fields, "refund", times, status=REFUND_STATUSES)
    order = Order(id=fields.identifier("id"), placed=placed, items=tuple(items),
                  amount_fen=fields.money_fen("amount"), status=fields.choice("status", ORDER_STATUSES),
                  logistics=logistics, refund=refund)
    fields.no_others()
    return order


def _section(fields: _Fields, key: str, times: _Times, **choices: tuple[str, ...]) -> dict[str, Any] | None:
    """An order's logistics or refund: stored as JSON with times as ISO text, checked field by field."""
    section = fields.mapping(key)
    if section is None:
        return None
    stored: dict[str, Any] = {}
    for name, allowed in choices.items():
        stored[name] = section.choice(name, allowed)
    readers: dict[str, Callable[[str], Any]] = {
        "carrier": section.text, "tracking_no": section.text, "method": section.text,
        "eta": lambda name: section.time(name, times),
        "amount": lambda name: section.money_fen(name) if section.document.get(name) is not None else None,
    }
    for name in section.document:
        if name in choices:
            continue
        reader = readers.get(name)
        if reader is None:
            raise _FieldError(section.where(name), "is not a field of this format (a typo?)")
        value = reader(name)
        if isinstance(value, datetime):
            value = value.isoformat()
        if value not in (None, ""):
            stored["amount_fen" if name == "amount" else name] = value
    return stored


def _ticket(value: Any, where: str, times: _Times) -> Ticket:
    fields = _object(value, where)
    opened = fields.time("opened", times, required=True)
    assert opened is not None
    order_id = fields.identifier("order_id") if fields.get("order_id") is not None else None
    # A key, compared between tickets: "late-delivery", not a sentence.
    topic = fields.identifier("topic") if fields.get("topic") not in (None, "") else None
    ticket = Ticket(id=fields.identifier("id"), type=fields.choice("type", TICKET_TYPES),
                    status=fields.choice("status", TICKET_STATUSES), opened=opened,
                    summary=fields.text("summary", required=True), due=fields.time("due", times),
                    outcome=fields.text("outcome"), order_id=order_id,
                    topic=topic)
    fields.no_others()
    return ticket


def _interaction(value: Any, where: str, times: _Times) -> Interaction:
    fields = _object(value, where)
    at = fields.time("at", times, required=True)
    assert at is not None
    scripts = fields.list("scripts")
    for index, script in enumerate(scripts):
        if not isinstance(script, str) or not _ID.fullmatch(script):
            raise _FieldError(f"{where}.scripts[{index}]", "must be a script id")
    promise = fields.text("promise")
    promise_due = fields.time("promise_due", times)
    if promise_due is not None and not promise:
        raise _FieldError(f"{where}.promise_due", "is set but there is no promise")
    call = Interaction(at=at, agent=fields.text("agent", required=True), outcome=fields.text("outcome"),
                       scripts=tuple(scripts), promise=promise, promise_due=promise_due,
                       promise_kept=fields.boolean("promise_kept"))
    fields.no_others()
    return call
