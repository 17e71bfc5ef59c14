"""The knowledge schema: one SQLAlchemy model set for SQLite (embedded) and PostgreSQL (team)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

STATUSES = ("draft", "review", "published", "archived")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class FaqEntry(Base):
    __tablename__ = "faq_entries"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    scenario_answer: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    category: Mapped[str] = mapped_column(String(100), default="")
    lang: Mapped[str] = mapped_column(String(16), default="zh-Hans")
    status: Mapped[str] = mapped_column(String(16), default="published", index=True)
    # "local" (written here: imports, demo content, editors) or the name of the pack that installed it.
    origin: Mapped[str] = mapped_column(String(200), default="local", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    verify_by: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The store generation of the last change: lets a saved search index catch up incrementally.
    generation: Mapped[int] = mapped_column(Integer, default=0, index=True)


class StoredScript(Base):
    """A scenario script as plain JSON: the store keeps scripts without knowing their shape, which
    belongs to scripts_lib."""

    __tablename__ = "scripts"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    # Where it came from: "builtin" or the name of the pack that installed it.
    origin: Mapped[str] = mapped_column(String(200), default="builtin", index=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="published", index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    generation: Mapped[int] = mapped_column(Integer, default=0, index=True)


class StoreState(Base):
    """Single-row counters and markers of the store (generation, demo content loaded)."""

    __tablename__ = "store_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class TrustedKey(Base):
    """A public key whose signatures this store accepts on packs."""

    __tablename__ = "trusted_keys"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(Text)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PackVersion(Base):
    """One installed version of a pack with its verified content, kept so a rollback needs no file.

    `state` is "active" (what the store shows) or "previous" (what a rollback returns to).
    """

    __tablename__ = "pack_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    version: Mapped[str] = mapped_column(String(100))
    state: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    signer: Mapped[str] = mapped_column(String(64))
    content_digest: Mapped[str] = mapped_column(String(64))
    manifest: Mapped[dict[str, Any]] = mapped_column(JSON)
    scripts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    entries: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    installed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The signed file (then scripts and entries are empty: read from it on a rollback), what its check
    # accepted (verify.Checked) and under which checks (verify.checked_under): the next version
    # checks again only what changed, while the checks are the same. NULL: installed before these.
    archive: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    checked: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    checked_under: Mapped[str | None] = mapped_column(String(100), nullable=True)


class PackDisplaced(Base):
    """What a pack's item replaced when the pack took it over (a built-in script, a local entry),
    put back when the pack lets the item go (uninstall, rollback, a version without it)."""

    __tablename__ = "pack_displaced"

    pack: Mapped[str] = mapped_column(String(200), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class UsageEvent(Base):
    """One thing an agent did in the sidebar: opened or copied an entry or script, or searched and
    found nothing to open (knowledge.usage). Never customer data: queries are masked before they get
    here. The id is random and the time UTC so events can be merged from many sidebars later."""

    __tablename__ = "usage_events"
    __table_args__ = (Index("ix_usage_events_kind_doc_id", "kind", "doc_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    # "open", "copy" or "miss".
    event: Mapped[str] = mapped_column(String(8))
    # "faq" or "script"; "" for a miss.
    kind: Mapped[str] = mapped_column(String(16), default="")
    doc_id: Mapped[str] = mapped_column(String(200), default="")
    # What was copied ("body", "scenario", "say"...); "" unless a copy.
    part: Mapped[str] = mapped_column(String(32), default="")
    # The masked query that led here (the missed query for a miss); "" when there was none.
    query: Mapped[str] = mapped_column(String(64), default="")
    # When the team server took it (assist.team); NULL while it waits, or always without a team.
    uploaded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True,
                                                            index=True)


class FaqRevision(Base):
    """A published version of an entry, kept for history and rollback: its fields in the import format,
    who wrote it, who approved it and why."""

    __tablename__ = "faq_revisions"
    __table_args__ = (Index("ix_faq_revisions_entry_version", "entry_id", "version", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_id: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    # "publish" (approved from a draft), "rollback" (an older version again) or "baseline" (what the
    # entry was before its first edit here: an import, a pack or the demo content).
    action: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(200), default="")
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FaqDraft(Base):
    """One editor's unpublished change to an entry (or a new entry): autosaved as it is typed, so it
    survives a crash; `base_version` is the published version it started from (0 for a new entry)."""

    __tablename__ = "faq_drafts"

    entry_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    editor: Mapped[str] = mapped_column(String(200), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    # "draft" (being written), "review" (submitted) or "rejected" (sent back with a comment).
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    reviewer: Mapped[str] = mapped_column(String(200), default="")
    review_comment: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LintRuleSet(Base):
    """A version of the compliance lint's rule set as editors saved it (YAML, as rules.yaml); the newest
    is the one in force. None saved: the bundled seed."""

    __tablename__ = "lint_rule_sets"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
