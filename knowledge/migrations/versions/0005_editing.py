"""Editing: one editor's draft per entry, and every published version kept for history and rollback.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "faq_revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entry_id", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("author", sa.String(200), nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(200), nullable=False, server_default=""),
        sa.Column("comment", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_faq_revisions_entry_version", "faq_revisions", ["entry_id", "version"], unique=True)
    op.create_table(
        "faq_drafts",
        sa.Column("entry_id", sa.String(200), primary_key=True),
        sa.Column("editor", sa.String(200), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=False, server_default="0"),
        sa.Column("state", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("reviewer", sa.String(200), nullable=False, server_default=""),
        sa.Column("review_comment", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_faq_drafts_state", "faq_drafts", ["state"])


def downgrade() -> None:
    op.drop_index("ix_faq_drafts_state", "faq_drafts")
    op.drop_table("faq_drafts")
    op.drop_index("ix_faq_revisions_entry_version", "faq_revisions")
    op.drop_table("faq_revisions")
