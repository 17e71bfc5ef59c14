"""The customer-history schema: one SQLAlchemy metadata for SQLite and PostgreSQL, migrated with Alembic.

Rows are keyed by the CRM's ids. Orders, tickets and calls belong to one customer and are found through
an index on (customer, time), the only way the card reads them; phones are their own table so a call
from any stored number is one primary-key lookup.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

customers = Table(
    "customers", metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("address_as", Text, nullable=False),
    Column("tier", String(16), nullable=False),
    Column("birth_year", Integer),
    Column("language", String(8), nullable=False),
    Column("notes", Text, nullable=False),
    Column("flags", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

customer_phones = Table(
    "customer_phones", metadata,
    Column("e164", String(20), primary_key=True),
    Column("customer_id", String(64), ForeignKey("customers.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("position", Integer, nullable=False),
)

orders = Table(
    "customer_orders", metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(64), ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("order_id", String(64), nullable=False),
    Column("placed", DateTime(timezone=True), nullable=False),
    Column("items", JSON, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("status", String(24), nullable=False),
    Column("logistics", JSON),
    Column("refund", JSON),
    Index("ix_customer_orders_customer_placed", "customer_id", "placed"),
)

tickets = Table(
    "customer_tickets", metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(64), ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("ticket_id", String(64), nullable=False),
    Column("type", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("opened", DateTime(timezone=True), nullable=False),
    Column("due", DateTime(timezone=True)),
    Column("summary", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("order_id", String(64)),
    Column("topic", String(64)),
    Index("ix_customer_tickets_customer_opened", "customer_id", "opened"),
)

interactions = Table(
    "customer_interactions", metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("customer_id", String(64), ForeignKey("customers.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("agent", Text, nullable=False),
    Column("scripts", JSON, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("promise", Text, nullable=False),
    Column("promise_due", DateTime(timezone=True)),
    Column("promise_kept", Boolean, nullable=False),
    Column("origin", String(16), nullable=False, server_default="import"),
    Index("ix_customer_interactions_customer_at", "customer_id", "at"),
)

# Small facts about the store itself ("demo_loaded"), so a store emptied on purpose is not refilled.
store_state = Table(
    "customers_state", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
