"""When a usage event reached the team server (NULL: not yet, or no team).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("usage_events") as batch:
        batch.add_column(sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_usage_events_uploaded_at", "usage_events", ["uploaded_at"])


def downgrade() -> None:
    op.drop_index("ix_usage_events_uploaded_at", "usage_events")
    with op.batch_alter_table("usage_events") as batch:
        batch.drop_column("uploaded_at")
