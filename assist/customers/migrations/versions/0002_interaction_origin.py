"""Calls recorded by the sidebar's wrap-up are kept when the CRM's file is imported again.

Revision ID: c0002
Revises: c0001
"""

import sqlalchemy as sa
from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customer_interactions") as table:
        table.add_column(sa.Column("origin", sa.String(16), nullable=False, server_default="import"))


def downgrade() -> None:
    with op.batch_alter_table("customer_interactions") as table:
        table.drop_column("origin")
