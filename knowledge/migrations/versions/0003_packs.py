"""Script packs: trusted signing keys, installed pack versions, and what a pack took over.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot add a column with a default and an index in one plain ALTER.
    with op.batch_alter_table("faq_entries") as batch:
        batch.add_column(sa.Column("origin", sa.String(200), nullable=False, server_default="local"))
        batch.create_index("ix_faq_entries_origin", ["origin"])
    op.create_table(
        "trusted_keys",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "pack_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("signer", sa.String(64), nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("manifest", sa.JSON(), nullable=False),
        sa.Column("scripts", sa.JSON(), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("installed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_pack_versions_name", "pack_versions", ["name"])
    op.create_table(
        "pack_displaced",
        sa.Column("pack", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("item_id", sa.String(200), primary_key=True),
        sa.Column("data", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("pack_displaced")
    op.drop_index("ix_pack_versions_name", "pack_versions")
    op.drop_table("pack_versions")
    op.drop_table("trusted_keys")
    with op.batch_alter_table("faq_entries") as batch:
        batch.drop_index("ix_faq_entries_origin")
        batch.drop_column("origin")
