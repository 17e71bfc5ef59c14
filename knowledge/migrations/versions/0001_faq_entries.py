"""FAQ entries and the store's state table.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_entries",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("scenario_answer", sa.Text(), nullable=False, server_default=""),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("category", sa.String(100), nullable=False, server_default=""),
        sa.Column("lang", sa.String(16), nullable=False, server_default="zh-Hans"),
        sa.Column("status", sa.String(16), nullable=False, server_default="published"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verify_by", sa.Date(), nullable=True),
        sa.Column("generation", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_faq_entries_status", "faq_entries", ["status"])
    op.create_index("ix_faq_entries_generation", "faq_entries", ["generation"])
    op.create_table(
        "store_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_state")
    op.drop_index("ix_faq_entries_generation", "faq_entries")
    op.drop_index("ix_faq_entries_status", "faq_entries")
    op.drop_table("faq_entries")
