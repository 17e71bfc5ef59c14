"""The knowledge store: FAQ entries in SQLite (embedded) or PostgreSQL, behind plain-Python calls."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast, overload

from sqlalchemy import CursorResult, Engine, Integer, String, func, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session, sessionmaker

from knowledge.db import migrate, open_engine, sqlite_url
from knowledge.entries import FaqEntryData
from knowledge.models import FaqEntry, FaqRevision, StoredScript, StoreState, utcnow

_GENERATION = "generation"


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class ScriptRecord:
    """A stored script: its JSON (shaped by scripts_lib), where it came from, and its state."""

    id: str
    data: dict[str, Any]
    origin: str = "builtin"
    status: str = "published"
    version: int = 1


@overload
def as_utc(moment: dt.datetime) -> dt.datetime: ...
@overload
def as_utc(moment: None) -> None: ...
def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; everything is stored in UTC.
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def entry_data(row: FaqEntry) -> FaqEntryData:
    return FaqEntryData(
        id=row.id, title=row.title, body=row.body, scenario_answer=row.scenario_answer or "",
        aliases=tuple(row.aliases or ()), tags=tuple(row.tags or ()), category=row.category or "",
        lang=row.lang, status=row.status, verify_by=row.verify_by, origin=row.origin,
        version=row.version,
        created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
    )


class KnowledgeStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        migrate(engine)
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, data_dir: Path) -> KnowledgeStore:
        data_dir = Path(data_dir)
        data_dir.mkdir(parents=True, exist_ok=True)
        # Compact JSON: a pack version kept for rollback holds all its scripts and entries, and
        # Chinese as \uXXXX escapes would take twice the room (and the disk writes) of UTF-8.
        return cls(open_engine(sqlite_url(data_dir), compact_json=True))

    @classmethod
    def from_url(cls, url: str) -> KnowledgeStore:
        return cls(open_engine(url, compact_json=True))

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._sessions()

    # -- state ------------------------------------------------------------------------------------

    def _state(self, session: Session, key: str) -> str | None:
        row = session.get(StoreState, key)
        return row.value if row is not None else None

    def _set_state(self, session: Session, key: str, value: str) -> None:
        row = session.get(StoreState, key)
        if row is None:
            session.add(StoreState(key=key, value=value))
        else:
            row.value = value

    def state(self, key: str) -> str | None:
        with self.session() as session:
            return self._state(session, key)

    def set_state(self, key: str, value: str) -> None:
        with self.session() as session, session.begin():
            self._set_state(session, key, value)

    def store_id(self) -> str:
        """A random id per database, so a saved search index is never applied to another store."""
        with self.session() as session, session.begin():
            value = self._state(session, "store_id")
            if value is None:
                value = uuid.uuid4().hex
                self._set_state(session, "store_id", value)
            return value

    def generation(self) -> int:
        return int(self.state(_GENERATION) or 0)

    def _generation_stamp(self, session: Session) -> Callable[[], int]:
        """The generation a batch write stamps its rows with, claimed (claim_generation) at its first
        real change: a batch that changes nothing leaves the generation alone."""
        claimed: list[int] = []

        def stamp() -> int:
            if not claimed:
                claimed.append(self.claim_generation(session))
            return claimed[0]

        return stamp

    def claim_generation(self, session: Session) -> int:
        """A new generation for what `session` writes next, set at once: being a write, it takes the
        write lock first (SQLite) or the counter's row lock (PostgreSQL), so two writers never share
        a generation and what the writer reads afterwards stays as read until it commits."""
        # One statement that reads and writes: no other writer can slip between a read and the write.
        bumped = cast(CursorResult[Any], session.execute(
            update(StoreState).where(StoreState.key == _GENERATION)
            .values(value=sql_cast(sql_cast(StoreState.value, Integer) + 1, String))
            .execution_options(synchronize_session=False)))
        if bumped.rowcount == 0:
            session.add(StoreState(key=_GENERATION, value="1"))
            session.flush()
        # A column read, not the cached row object: the value as the database now holds it.
        value = session.scalar(select(StoreState.value).where(StoreState.key == _GENERATION))
        return int(value or 1)

    # -- reading ----------------------------------------------------------------------------------

    def count(self, status: str | None = None) -> int:
        with self.session() as session:
            query = select(func.count()).select_from(FaqEntry)
            if status is not None:
                query = query.where(FaqEntry.status == status)
            return int(session.scalar(query) or 0)

    def get(self, entry_id: str) -> FaqEntryData | None:
        with self.session() as session:
            row = session.get(FaqEntry, entry_id)
            return entry_data(row) if row is not None else None

    def entries(self, status: str | None = None) -> list[FaqEntryData]:
        with self.session() as session:
            query = select(FaqEntry).order_by(FaqEntry.id)
            if status is not None:
                query = query.where(FaqEntry.status == status)
            return [entry_data(row) for row in session.scalars(query)]

    def entry_headers(self) -> list[FaqEntryData]:
        """Every entry without its answers (body and scenario answer empty): what a list of entries
        shows and filters on, read without the texts that make up most of the store."""
        columns = (FaqEntry.id, FaqEntry.title, FaqEntry.status, FaqEntry.category, FaqEntry.lang,
                   FaqEntry.version, FaqEntry.tags, FaqEntry.aliases, FaqEntry.verify_by, FaqEntry.origin)
        with self.session() as session:
            return [FaqEntryData(id=row.id, title=row.title, body="", status=row.status,
                                 category=row.category or "", lang=row.lang, version=row.version,
                                 tags=tuple(row.tags or ()), aliases=tuple(row.aliases or ()),
                                 verify_by=row.verify_by, origin=row.origin)
                    for row in session.execute(select(*columns).order_by(FaqEntry.id))]

    def changed_since(self, generation: int) -> list[FaqEntryData]:
        """Entries written after a generation, in any status (the index drops unpublished ones)."""
        with self.session() as session:
            query = select(FaqEntry).where(FaqEntry.generation > generation).order_by(FaqEntry.id)
            return [entry_data(row) for row in session.scalars(query)]

    # -- writing ----------------------------------------------------------------------------------

    def upsert(self, entries: Sequence[FaqEntryData],
               progress: Callable[[int, int], None] | None = None,
               session: Session | None = None, same_content_keeps_origin: bool = False) -> ImportResult:
        """Insert or update by id in one transaction: all of them or, on any error, none. Pass a
        session to make this part of a larger transaction.

        An entry's origin (local or a pack) changes with its content; `same_content_keeps_origin` is
        for imports, where re-importing an export must not take entries away from the packs that own
        them.
        """
        if session is None:
            with self.session() as own, own.begin():
                return self._upsert(own, entries, progress, same_content_keeps_origin)
        return self._upsert(session, entries, progress, same_content_keeps_origin)

    def _upsert(self, session: Session, entries: Sequence[FaqEntryData],
                progress: Callable[[int, int], None] | None,
                same_content_keeps_origin: bool) -> ImportResult:
        created = updated = unchanged = 0
        now = utcnow()
        stamp = self._generation_stamp(session)
        existing = {row.id: row for row in rows_by_id(session, FaqEntry, [e.id for e in entries])}
        # Entries edited here have a history; an import or a pack changing one adds its version to it,
        # so the history shows what is live and who put it there.
        with_history = _with_history(session, list(existing))
        for position, entry in enumerate(entries, 1):
            row = existing.get(entry.id)
            if row is None:
                session.add(FaqEntry(id=entry.id, **entry_columns(entry), status=entry.status,
                                     origin=entry.origin, version=1, created_at=now, updated_at=now,
                                     generation=stamp()))
                created += 1
            elif entry_data(row).content_key() == entry.content_key() and (
                    same_content_keeps_origin or row.origin == entry.origin):
                unchanged += 1
            else:
                for column, value in entry_columns(entry).items():
                    setattr(row, column, value)
                row.status, row.origin = entry.status, entry.origin
                row.version += 1
                row.updated_at = now
                row.generation = stamp()
                updated += 1
                if row.id in with_history:
                    session.add(FaqRevision(entry_id=row.id, version=row.version,
                                            data=history_fields(entry),
                                            action="import" if entry.origin == "local" else "pack",
                                            author=entry.origin, created_at=now))
            if progress is not None and position % 5000 == 0:
                session.flush()
                progress(position, len(entries))
        return ImportResult(created, updated, unchanged)

    # -- scripts ----------------------------------------------------------------------------------

    def scripts(self, status: str | None = "published", origin: str | None = None
                ) -> list[ScriptRecord]:
        with self.session() as session:
            query = select(StoredScript).order_by(StoredScript.id)
            if status is not None:
                query = query.where(StoredScript.status == status)
            if origin is not None:
                query = query.where(StoredScript.origin == origin)
            return [_script_record(row) for row in session.scalars(query)]

    def script(self, script_id: str) -> ScriptRecord | None:
        with self.session() as session:
            row = session.get(StoredScript, script_id)
            return _script_record(row) if row is not None else None

    def scripts_changed_since(self, generation: int) -> list[ScriptRecord]:
        """Scripts written after a generation, in any status (the index drops unpublished ones)."""
        with self.session() as session:
            query = (select(StoredScript).where(StoredScript.generation > generation)
                     .order_by(StoredScript.id))
            return [_script_record(row) for row in session.scalars(query)]

    def put_scripts(self, records: Sequence[ScriptRecord], session: Session | None = None
                    ) -> ImportResult:
        """Insert or replace scripts by id in one transaction. Pass a session to make this part of a
        larger transaction (a pack installs scripts and FAQ entries together or not at all)."""
        if session is None:
            with self.session() as own, own.begin():
                return self._put_scripts(own, records)
        return self._put_scripts(session, records)

    def _put_scripts(self, session: Session, records: Sequence[ScriptRecord]) -> ImportResult:
        created = updated = unchanged = 0
        now = utcnow()
        stamp = self._generation_stamp(session)
        existing = {row.id: row for row in rows_by_id(session, StoredScript, [r.id for r in records])}
        for record in records:
            row = existing.get(record.id)
            if row is None:
                session.add(StoredScript(id=record.id, origin=record.origin, data=record.data,
                                         status=record.status, version=1, updated_at=now,
                                         generation=stamp()))
                created += 1
            elif (row.data, row.origin, row.status) == (record.data, record.origin, record.status):
                unchanged += 1
            else:
                row.data, row.origin, row.status = record.data, record.origin, record.status
                row.version += 1
                row.updated_at = now
                row.generation = stamp()
                updated += 1
        return ImportResult(created, updated, unchanged)


_Row = TypeVar("_Row", bound=FaqEntry | StoredScript)


def entry_columns(entry: FaqEntryData) -> dict[str, Any]:
    """An entry's content as its row's columns: what every write of an entry's content sets."""
    return {"title": entry.title, "body": entry.body, "scenario_answer": entry.scenario_answer,
            "aliases": list(entry.aliases), "tags": list(entry.tags), "category": entry.category,
            "lang": entry.lang, "verify_by": entry.verify_by}


# What a kept version records of an entry: the fields an editor edits (knowledge.editing.FIELDS).
HISTORY_FIELDS = ("title", "body", "scenario_answer", "aliases", "tags", "category", "lang", "verify_by",
                  "status")


def history_fields(entry: FaqEntryData) -> dict[str, Any]:
    record = entry.to_import_record()
    return {field: record.get(field) for field in HISTORY_FIELDS}


def _with_history(session: Session, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(ids):
        found.update(session.scalars(select(FaqRevision.entry_id).where(FaqRevision.entry_id.in_(chunk))
                                     .distinct()))
    return found


def chunks(ids: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    # SQLite limits bound parameters per statement.
    for start in range(0, len(ids), size):
        yield ids[start: start + size]


def rows_by_id(session: Session, model: type[_Row], ids: Sequence[str]) -> list[_Row]:
    rows: list[_Row] = []
    for chunk in chunks(ids):
        rows += session.scalars(select(model).where(model.id.in_(chunk))).all()
    return rows


def origins_by_id(session: Session, model: type[_Row], ids: Sequence[str]) -> dict[str, str]:
    """Who holds each of these items (local, builtin or a pack); ids and origins only, so no JSON
    column is decoded."""
    origins: dict[str, str] = {}
    for chunk in chunks(ids):
        query = select(model.id, model.origin).where(model.id.in_(chunk))
        origins.update({item_id: origin for item_id, origin in session.execute(query)})
    return origins


def _script_record(row: StoredScript) -> ScriptRecord:
    return ScriptRecord(id=row.id, data=dict(row.data), origin=row.origin, status=row.status,
                        version=row.version)
