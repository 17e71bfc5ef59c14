"""The team's own tables, beside the knowledge and customer schemas in the same database: who belongs
to which team with which role, the keys a team's packs must be signed with, the packs a lead pushed,
and what the team's sidebars did (usage, never customer data)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ROLES = ("agent", "editor", "lead", "admin")

teams = Table(
    "teams", metadata,
    Column("name", String(63), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# `name` is the PostgreSQL login role itself, so the server knows who is asking without trusting the
# client (current_user), and row-level security can look the member's team up.
members = Table(
    "team_members", metadata,
    Column("name", String(63), primary_key=True),
    Column("team", String(63), ForeignKey("teams.name"), nullable=False, index=True),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

keys = Table(
    "team_keys", metadata,
    Column("team", String(63), ForeignKey("teams.name"), primary_key=True),
    Column("fingerprint", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("public_key", Text, nullable=False),
    Column("added_by", String(63), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

# One pushed pack version. The newest live release an agent is targeted by is what their sidebar
# installs; withdrawing it (a lead's rollback) sends everyone on it back to the one before.
releases = Table(
    "team_pack_releases", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("team", String(63), ForeignKey("teams.name"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("version", String(100), nullable=False),
    Column("content_digest", String(64), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("agents", JSON, nullable=False),
    Column("percent", Integer, nullable=False),
    Column("state", String(16), nullable=False),
    Column("published_by", String(63), nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Index("ix_team_pack_releases_team_name", "team", "name"),
)

# Usage and missed searches uploaded by the sidebars: the ids are the sidebar's own random event ids,
# so an upload repeated after a lost reply stores nothing twice.
usage = Table(
    "team_usage", metadata,
    Column("id", String(32), primary_key=True),
    Column("team", String(63), nullable=False),
    Column("agent", String(63), nullable=False),
    Column("occurred_at", DateTime(timezone=True), nullable=False),
    Column("event", String(8), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("doc_id", String(200), nullable=False),
    Column("part", String(32), nullable=False),
    Column("query", String(64), nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Index("ix_team_usage_team_occurred", "team", "occurred_at"),
)
