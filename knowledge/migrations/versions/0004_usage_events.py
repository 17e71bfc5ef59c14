"""The local usage log: what agents open and copy, and the searches that found nothing to open.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default=""),
        sa.Column("doc_id", sa.String(200), nullable=False, server_default=""),
        sa.Column("part", sa.String(32), nullable=False, server_default=""),
        sa.Column("query", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_usage_events_occurred_at", "usage_events", ["occurred_at"])
    op.create_index("ix_usage_events_kind_doc_id", "usage_events", ["kind", "doc_id"])


def downgrade() -> None:
    op.drop_index("ix_usage_events_kind_doc_id", "usage_events")
    op.drop_index("ix_usage_events_occurred_at", "usage_events")
    op.drop_table("usage_events")
