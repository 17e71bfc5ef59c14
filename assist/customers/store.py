"""The customer-history store: SQLite beside the knowledge store, or any SQLAlchemy URL (PostgreSQL).

Reads are what a ringing phone needs: one primary-key lookup by E.164 number, then the newest rows of
one customer through (customer, time) indexes. A card never reads more than a bounded number of rows, so
it costs the same with 60 customers or ten million.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from assist.customers import models
from assist.customers.records import (
    OPEN_TICKET_STATUSES,
    Customer,
    CustomerHistory,
    Interaction,
    Order,
    Ticket,
)
from knowledge.db import MigrationChain, open_engine
from knowledge.store import as_utc, chunks

DATABASE_FILE = "customers.sqlite3"
MIGRATIONS = MigrationChain(Path(__file__).resolve().parent / "migrations", "customers_alembic_version")
# What one card reads at most: enough for its lists and for every flag (card.py).
RECENT_ORDERS = 5
RECENT_CLOSED_TICKETS = 20
RECENT_CALLS = 20
_DEMO_IDS = "demo_ids"  # the bundled demo customers' ids, as JSON: taken out by the first real import


class CustomerStoreError(ValueError):
    """An import that would break the store (a number already someone else's); nothing was written."""


@dataclass(frozen=True)
class ImportSummary:
    added: int
    replaced: int
    removed_demo: int = 0


def _utc(moment: datetime | None) -> datetime | None:
    # SQLite keeps no offset: everything is written as UTC and read back as UTC.
    return None if moment is None else moment.astimezone(UTC)


class CustomerStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        MIGRATIONS.upgrade(engine)

    @classmethod
    def open(cls, data_dir: Path) -> CustomerStore:
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(open_engine(f"sqlite:///{data_dir / DATABASE_FILE}", compact_json=True))

    @classmethod
    def from_url(cls, url: str) -> CustomerStore:
        return cls(open_engine(url, compact_json=True))

    def close(self) -> None:
        self.engine.dispose()

    # -- writing ---------------------------------------------------------------------------------------

    def import_histories(self, histories: Sequence[CustomerHistory], demo: bool = False) -> ImportSummary:
        """Add or replace these customers, each with its orders, tickets and calls, in one transaction:
        on any error nothing is written. A replaced customer keeps the calls the sidebar recorded
        (wrap-ups are not in the CRM's file). The first real import takes the demo customers out."""
        ids = [history.customer.id for history in histories]
        with self.engine.begin() as connection:
            removed_demo = 0 if demo else self._remove_demo(connection)
            existing = set(self._existing_ids(connection, ids))
            self._check_phones(connection, histories)
            for chunk in chunks(sorted(existing)):
                for table in (models.customer_phones, models.orders, models.tickets):
                    connection.execute(delete(table).where(table.c.customer_id.in_(chunk)))
                calls = models.interactions
                connection.execute(delete(calls).where(calls.c.customer_id.in_(chunk),
                                                       calls.c.origin == "import"))
            self._insert(connection, histories, existing)
            if demo:
                known = set(json.loads(self._state(connection, _DEMO_IDS) or "[]"))
                self._set_state(connection, _DEMO_IDS, json.dumps(sorted(known | set(ids))))
        return ImportSummary(added=len(ids) - len(existing), replaced=len(existing),
                             removed_demo=removed_demo)

    def _remove_demo(self, connection: Connection) -> int:
        demo_ids = json.loads(self._state(connection, _DEMO_IDS) or "[]")
        for chunk in chunks(demo_ids):
            for table in (models.customer_phones, models.orders, models.tickets, models.interactions):
                connection.execute(delete(table).where(table.c.customer_id.in_(chunk)))
            connection.execute(delete(models.customers).where(models.customers.c.id.in_(chunk)))
        if demo_ids:
            connection.execute(delete(models.store_state).where(models.store_state.c.key == _DEMO_IDS))
        return len(demo_ids)

    def demo_ids(self) -> frozenset[str]:
        with self.engine.connect() as connection:
            return frozenset(json.loads(self._state(connection, _DEMO_IDS) or "[]"))

    def add_new(self, histories: Iterable[CustomerHistory]) -> int:
        """Insert customers known to be new (generated ones), in batches; for loading millions fast."""
        count = 0
        batch: list[CustomerHistory] = []
        with self.engine.begin() as connection:
            for history in histories:
                batch.append(history)
                if len(batch) >= 5_000:
                    self._insert(connection, batch)
                    count += len(batch)
                    batch = []
            if batch:
                self._insert(connection, batch)
                count += len(batch)
        return count

    def record_call(self, customer_id: str, call: Interaction, kept: Sequence[int] = ()) -> None:
        """A wrap-up: the call's outcome, the scripts used and any promise, for the next call's card;
        `kept` are the stored calls whose promises this call kept."""
        with self.engine.begin() as connection:
            if connection.execute(select(models.customers.c.id)
                                  .where(models.customers.c.id == customer_id)).first() is None:
                raise CustomerStoreError(f"no customer {customer_id!r}")
            connection.execute(insert(models.interactions),
                               [_call_row(customer_id, replace(call, origin="sidebar"))])
            if kept:
                calls = models.interactions
                connection.execute(update(calls).where(calls.c.customer_id == customer_id,
                                                       calls.c.row_id.in_(list(kept)))
                                   .values(promise_kept=True))

    def _existing_ids(self, connection: Connection, ids: Sequence[str]) -> Iterator[str]:
        for chunk in chunks(ids):
            yield from connection.execute(select(models.customers.c.id)
                                          .where(models.customers.c.id.in_(chunk))).scalars()

    def _check_phones(self, connection: Connection, histories: Sequence[CustomerHistory]) -> None:
        owner = {phone: history for history in histories for phone in history.customer.phones}
        # A number may move between customers of the same file: they are all replaced together.
        importing = {history.customer.id for history in histories}
        table = models.customer_phones
        for chunk in chunks(list(owner)):
            for phone, customer_id in connection.execute(select(table.c.e164, table.c.customer_id)
                                                         .where(table.c.e164.in_(chunk))):
                history = owner[phone]
                if customer_id not in importing:
                    where = f"line {history.line}: " if history.line else ""
                    raise CustomerStoreError(f"{where}phones: the number ending {phone[-4:]} belongs to "
                                             f"customer {customer_id}; change or remove it there first")

    @staticmethod
    def _insert(connection: Connection, histories: Sequence[CustomerHistory],
                existing: set[str] | frozenset[str] = frozenset()) -> None:
        now = datetime.now(UTC)
        customers: list[dict[str, Any]] = []
        phones: list[dict[str, Any]] = []
        orders: list[dict[str, Any]] = []
        tickets: list[dict[str, Any]] = []
        calls: list[dict[str, Any]] = []
        for history in histories:
            customer = history.customer
            customers.append({"id": customer.id, "name": customer.name, "address_as": customer.address_as,
                              "tier": customer.tier, "birth_year": customer.birth_year,
                              "language": customer.language, "notes": customer.notes,
                              "flags": list(customer.flags), "updated_at": now})
            phones.extend({"e164": phone, "customer_id": customer.id, "position": position}
                          for position, phone in enumerate(customer.phones))
            orders.extend({"customer_id": customer.id, "order_id": order.id, "placed": _utc(order.placed),
                           "items": [[name, quantity] for name, quantity in order.items],
                           "amount_fen": order.amount_fen, "status": order.status,
                           "logistics": order.logistics, "refund": order.refund}
                          for order in history.orders)
            tickets.extend({"customer_id": customer.id, "ticket_id": ticket.id, "type": ticket.type,
                            "status": ticket.status, "opened": _utc(ticket.opened), "due": _utc(ticket.due),
                            "summary": ticket.summary, "outcome": ticket.outcome,
                            "order_id": ticket.order_id, "topic": ticket.topic}
                           for ticket in history.tickets)
            calls.extend(_call_row(customer.id, call) for call in history.interactions)
        # A customer already stored is updated in place: deleting the row would take the calls the
        # sidebar recorded with it.
        for row in (row for row in customers if row["id"] in existing):
            connection.execute(update(models.customers).where(models.customers.c.id == row["id"])
                               .values(**row))
        customers = [row for row in customers if row["id"] not in existing]
        for table, rows in ((models.customers, customers), (models.customer_phones, phones),
                            (models.orders, orders), (models.tickets, tickets),
                            (models.interactions, calls)):
            if rows:
                connection.execute(insert(table), rows)

    def state(self, key: str) -> str | None:
        with self.engine.connect() as connection:
            return self._state(connection, key)

    def set_state(self, key: str, value: str) -> None:
        with self.engine.begin() as connection:
            self._set_state(connection, key, value)

    @staticmethod
    def _state(connection: Connection, key: str) -> str | None:
        table = models.store_state
        return connection.execute(select(table.c.value).where(table.c.key == key)).scalar()

    @staticmethod
    def _set_state(connection: Connection, key: str, value: str) -> None:
        table = models.store_state
        connection.execute(delete(table).where(table.c.key == key))
        connection.execute(insert(table), [{"key": key, "value": value}])

    # -- reading ---------------------------------------------------------------------------------------

    def checkpoint(self) -> None:
        """Fold SQLite's write-ahead log into the database file (after a large load)."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def count(self) -> int:
        with self.engine.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(models.customers)).scalar_one())

    def customer_id_for(self, e164: str) -> str | None:
        table = models.customer_phones
        with self.engine.connect() as connection:
            return connection.execute(select(table.c.customer_id).where(table.c.e164 == e164)).scalar()

    def history_for_phone(self, e164: str) -> CustomerHistory | None:
        with self.engine.connect() as connection:
            table = models.customer_phones
            customer_id = connection.execute(select(table.c.customer_id)
                                             .where(table.c.e164 == e164)).scalar()
            return None if customer_id is None else self._history(connection, customer_id)

    def history(self, customer_id: str) -> CustomerHistory | None:
        with self.engine.connect() as connection:
            return self._history(connection, customer_id)

    def _history(self, connection: Connection, customer_id: str) -> CustomerHistory | None:
        row = connection.execute(select(models.customers).where(models.customers.c.id == customer_id)).first()
        if row is None:
            return None
        phones = connection.execute(select(models.customer_phones.c.e164)
                                    .where(models.customer_phones.c.customer_id == customer_id)
                                    .order_by(models.customer_phones.c.position)).scalars().all()
        demo = customer_id in json.loads(self._state(connection, _DEMO_IDS) or "[]")
        customer = Customer(id=row.id, name=row.name, phones=tuple(phones), address_as=row.address_as,
                            tier=row.tier, birth_year=row.birth_year, language=row.language,
                            notes=row.notes, flags=tuple(row.flags or ()), demo=demo)
        orders_table, tickets_table, calls_table = models.orders, models.tickets, models.interactions
        orders = connection.execute(select(orders_table).where(orders_table.c.customer_id == customer_id)
                                    .order_by(orders_table.c.placed.desc()).limit(RECENT_ORDERS)).all()
        open_tickets = connection.execute(
            select(tickets_table).where(tickets_table.c.customer_id == customer_id,
                                        tickets_table.c.status.in_(OPEN_TICKET_STATUSES))
            .order_by(tickets_table.c.opened.desc())).all()
        closed_tickets = connection.execute(
            select(tickets_table).where(tickets_table.c.customer_id == customer_id,
                                        tickets_table.c.status.not_in(OPEN_TICKET_STATUSES))
            .order_by(tickets_table.c.opened.desc()).limit(RECENT_CLOSED_TICKETS)).all()
        calls = connection.execute(select(calls_table).where(calls_table.c.customer_id == customer_id)
                                   .order_by(calls_table.c.at.desc()).limit(RECENT_CALLS)).all()
        tickets = sorted((_ticket(t) for t in (*open_tickets, *closed_tickets)),
                         key=lambda ticket: ticket.opened, reverse=True)
        return CustomerHistory(customer, tuple(_order(o) for o in orders), tuple(tickets),
                               tuple(_call(c) for c in calls))


def _call_row(customer_id: str, call: Interaction) -> dict[str, Any]:
    return {"customer_id": customer_id, "at": _utc(call.at), "agent": call.agent,
            "scripts": list(call.scripts), "outcome": call.outcome, "promise": call.promise,
            "promise_due": _utc(call.promise_due), "promise_kept": call.promise_kept, "origin": call.origin}


def _order(row: Any) -> Order:
    placed = as_utc(row.placed)
    assert placed is not None
    return Order(id=row.order_id, placed=placed, items=tuple((name, qty) for name, qty in row.items),
                 amount_fen=row.amount_fen, status=row.status, logistics=row.logistics, refund=row.refund)


def _ticket(row: Any) -> Ticket:
    opened = as_utc(row.opened)
    assert opened is not None
    return Ticket(id=row.ticket_id, type=row.type, status=row.status, opened=opened, summary=row.summary,
                  due=as_utc(row.due), outcome=row.outcome, order_id=row.order_id, topic=row.topic)


def _call(row: Any) -> Interaction:
    at = as_utc(row.at)
    assert at is not None
    return Interaction(at=at, agent=row.agent, outcome=row.outcome, scripts=tuple(row.scripts or ()),
                       promise=row.promise, promise_due=as_utc(row.promise_due),
                       promise_kept=bool(row.promise_kept), row_id=row.row_id, origin=row.origin)

