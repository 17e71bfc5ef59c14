"""Customers, their phones, orders, tickets and calls.

Revision ID: c0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("address_as", sa.Text, nullable=False),
        sa.Column("tier", sa.String(16), nullable=False),
        sa.Column("birth_year", sa.Integer),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("notes", sa.Text, nullable=False),
        sa.Column("flags", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "customer_phones",
        sa.Column("e164", sa.String(20), primary_key=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_customer_phones_customer_id", "customer_phones", ["customer_id"])
    op.create_table(
        "customer_orders",
        sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("placed", sa.DateTime(timezone=True), nullable=False),
        sa.Column("items", sa.JSON, nullable=False),
        sa.Column("amount_fen", sa.Integer, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("logistics", sa.JSON),
        sa.Column("refund", sa.JSON),
    )
    op.create_index("ix_customer_orders_customer_placed", "customer_orders", ["customer_id", "placed"])
    op.create_table(
        "customer_tickets",
        sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("ticket_id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("opened", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("order_id", sa.String(64)),
        sa.Column("topic", sa.String(64)),
    )
    op.create_index("ix_customer_tickets_customer_opened", "customer_tickets", ["customer_id", "opened"])
    op.create_table(
        "customer_interactions",
        sa.Column("row_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("customer_id", sa.String(64), sa.ForeignKey("customers.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent", sa.Text, nullable=False),
        sa.Column("scripts", sa.JSON, nullable=False),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("promise", sa.Text, nullable=False),
        sa.Column("promise_due", sa.DateTime(timezone=True)),
        sa.Column("promise_kept", sa.Boolean, nullable=False),
    )
    op.create_index("ix_customer_interactions_customer_at", "customer_interactions",
                    ["customer_id", "at"])
    op.create_table(
        "customers_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("customers_state", "customer_interactions", "customer_tickets", "customer_orders",
                  "customer_phones", "customers"):
        op.drop_table(table)
