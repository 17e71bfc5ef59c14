"""Scenario scripts, stored as JSON beside the FAQ entries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scripts",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("origin", sa.String(200), nullable=False, server_default="builtin"),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="published"),
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("generation", sa.Integer(), nullable=False, server_default="0"),
    )
    op.create_index("ix_scripts_origin", "scripts", ["origin"])
    op.create_index("ix_scripts_status", "scripts", ["status"])
    op.create_index("ix_scripts_generation", "scripts", ["generation"])


def downgrade() -> None:
    op.drop_index("ix_scripts_generation", "scripts")
    op.drop_index("ix_scripts_status", "scripts")
    op.drop_index("ix_scripts_origin", "scripts")
    op.drop_table("scripts")
