"""An installed pack version kept as the signed file it came in, with what its check accepted and
under which checks (app version, lint rules): its next version checks again only what changed. NULL:
installed before; kept as JSON content, and the next version is checked whole.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("pack_versions") as batch:
        batch.add_column(sa.Column("archive", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("checked", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("checked_under", sa.String(100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pack_versions") as batch:
        batch.drop_column("checked_under")
        batch.drop_column("checked")
        batch.drop_column("archive")
