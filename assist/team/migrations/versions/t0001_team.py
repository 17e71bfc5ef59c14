"""Teams, members, team keys, pack releases, uploaded usage; on PostgreSQL, the change notices.

Revision ID: t0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "t0001"
down_revision = None
branch_labels = None
depends_on = None

# Tables whose changes every sidebar must follow: a statement-level trigger notifies at commit, so a
# write from any client (an editor, an import, a lead's push) wakes the sidebars within a second.
NOTIFYING = ("faq_entries", "team_pack_releases", "team_keys")


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("name", sa.String(63), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "team_members",
        sa.Column("name", sa.String(63), primary_key=True),
        sa.Column("team", sa.String(63), sa.ForeignKey("teams.name"), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_team_members_team", "team_members", ["team"])
    op.create_table(
        "team_keys",
        sa.Column("team", sa.String(63), sa.ForeignKey("teams.name"), primary_key=True),
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("public_key", sa.Text, nullable=False),
        sa.Column("added_by", sa.String(63), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "team_pack_releases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("team", sa.String(63), sa.ForeignKey("teams.name"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("agents", sa.JSON, nullable=False),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("published_by", sa.String(63), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_team_pack_releases_team_name", "team_pack_releases", ["team", "name"])
    op.create_table(
        "team_usage",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("team", sa.String(63), nullable=False),
        sa.Column("agent", sa.String(63), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("doc_id", sa.String(200), nullable=False),
        sa.Column("part", sa.String(32), nullable=False),
        sa.Column("query", sa.String(64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_team_usage_team_occurred", "team_usage", ["team", "occurred_at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("""
            CREATE OR REPLACE FUNCTION assist_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('assist_changes', TG_TABLE_NAME);
                RETURN NULL;
            END $$""")
        for table in NOTIFYING:
            op.execute(f"CREATE TRIGGER {table}_notify AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                       f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION assist_notify_change()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in NOTIFYING:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_notify ON {table}")
        op.execute("DROP FUNCTION IF EXISTS assist_notify_change()")
    for table in ("team_usage", "team_pack_releases", "team_keys", "team_members", "teams"):
        op.drop_table(table)
