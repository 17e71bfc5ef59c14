"""The knowledge store: FAQ entries in SQLite (embedded) or PostgreSQL, behind plain-Python calls."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast, overload

from sqlalchemy import CursorResult, Engine, Integer, String, bindparam, func, insert, select, update
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session, sessionmaker

from knowledge.db import migrate, open_engine, sqlite_url
from knowledge.entries import FaqEntryData
from knowledge.models import FaqEntry, FaqRevision, StoredScript, StoreState, utcnow

_GENERATION = "generation"
# What a session claimed, and in which transaction (session.info): see _generation_stamp.
_CLAIMED = "knowledge.claimed_generation"


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

    def fold_log(self) -> None:
        """Fold SQLite's write-ahead log into the database now, while nothing waits on this store.
        Left to SQLite, it happens inside whichever commit takes the log past 1,000 pages, and that
        write (a burst of a team's changes arriving, a pack installing) takes the time of the one
        before it too. PASSIVE: it neither waits for nor blocks anyone reading or writing."""
        if self.engine.dialect.name != "sqlite":
            return
        with self.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")

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
                # Writes of one transaction (a pack's scripts and entries) commit together: one
                # generation serves them all.
                held = session.info.get(_CLAIMED)
                claimed.append(held[1] if held is not None and held[0] is session.get_transaction()
                               else self.claim_generation(session))
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
        value = int(session.scalar(select(StoreState.value).where(StoreState.key == _GENERATION)) or 1)
        session.info[_CLAIMED] = (session.get_transaction(), value)
        return value

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
        # Columns, not mapped objects, and bulk statements: a pack installing on hundreds of
        # sidebars at once, or an import of thousands, spent most of its time building, tracking and
        # flushing one object per entry.
        held = {row.id: _Held(row.origin, row.version, entry_data(row).content_key())
                for row in column_rows(session, _HELD_COLUMNS, [e.id for e in entries])}
        # Entries edited here have a history; an import or a pack changing one adds its version to it,
        # so the history shows what is live and who put it there.
        with_history = _with_history(session, list(held))
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        revisions: list[dict[str, Any]] = []
        for position, entry in enumerate(entries, 1):
            current = held.get(entry.id)
            content = entry.content_key()
            if current is None:
                inserts.append({"id": entry.id, **entry_columns(entry), "status": entry.status,
                                "origin": entry.origin, "version": 1, "created_at": now,
                                "updated_at": now, "generation": stamp()})
                held[entry.id] = _Held(entry.origin, 1, content)
                created += 1
            elif current.content == content and (same_content_keeps_origin
                                                 or current.origin == entry.origin):
                unchanged += 1
            else:
                version = current.version + 1
                updates.append({"id": entry.id, **entry_columns(entry), "status": entry.status,
                                "origin": entry.origin, "version": version, "updated_at": now,
                                "generation": stamp()})
                held[entry.id] = _Held(entry.origin, version, content)
                updated += 1
                if entry.id in with_history:
                    revisions.append({"entry_id": entry.id, "version": version,
                                      "data": history_fields(entry),
                                      "action": "import" if entry.origin == "local" else "pack",
                                      "author": entry.origin, "created_at": now})
            if progress is not None and position % 5000 == 0:
                _write_entries(session, inserts, updates, revisions)
                progress(position, len(entries))
        _write_entries(session, inserts, updates, revisions)
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
        held = {row.id: row for row in column_rows(
            session, (StoredScript.id, StoredScript.data, StoredScript.origin, StoredScript.status,
                      StoredScript.version), [r.id for r in records])}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for record in records:
            row = held.get(record.id)
            if row is None:
                inserts.append({"id": record.id, "origin": record.origin, "data": record.data,
                                "status": record.status, "version": 1, "updated_at": now,
                                "generation": stamp()})
                created += 1
            elif (row.data, row.origin, row.status) == (record.data, record.origin, record.status):
                unchanged += 1
            else:
                updates.append({"id": record.id, "origin": record.origin, "data": record.data,
                                "status": record.status, "version": row.version + 1,
                                "updated_at": now, "generation": stamp()})
                updated += 1
        if inserts:
            session.execute(insert(StoredScript), inserts)
        if updates:
            session.execute(update(StoredScript), updates)
        return ImportResult(created, updated, unchanged)


@dataclass(frozen=True)
class _Held:
    """What an upsert compares an entry with: who holds it, its version and its content."""

    origin: str
    version: int
    content: tuple[Any, ...]


# What entry_data reads: the columns of a whole entry, without a mapped object to track.
_HELD_COLUMNS = (FaqEntry.id, FaqEntry.title, FaqEntry.body, FaqEntry.scenario_answer, FaqEntry.aliases,
                 FaqEntry.tags, FaqEntry.category, FaqEntry.lang, FaqEntry.status, FaqEntry.verify_by,
                 FaqEntry.origin, FaqEntry.version, FaqEntry.created_at, FaqEntry.updated_at)


def _write_entries(session: Session, inserts: list[dict[str, Any]], updates: list[dict[str, Any]],
                   revisions: list[dict[str, Any]]) -> None:
    """Write what an upsert collected (and empty the lists): new rows, changed rows by id, then the
    versions added to histories."""
    if inserts:
        session.execute(insert(FaqEntry), inserts)
    if updates:
        session.execute(update(FaqEntry), updates)
    if revisions:
        session.execute(insert(FaqRevision), revisions)
    for done in (inserts, updates, revisions):
        done.clear()


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
    return {row.entry_id for row in column_rows(session, (FaqRevision.entry_id,), ids)}


def chunks(ids: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    # SQLite limits bound parameters per statement.
    for start in range(0, len(ids), size):
        yield ids[start: start + size]


@functools.lru_cache(maxsize=64)
def _by_ids(what: tuple[Any, ...], key: Any) -> Any:
    """A query for rows by id, built once: building `in_()` of hundreds of ids anew, every time, took
    longer than running it."""
    return select(*what).where(key.in_(bindparam("ids", expanding=True)))


def rows_by_id(session: Session, model: type[_Row], ids: Sequence[str]) -> list[_Row]:
    rows: list[_Row] = []
    for chunk in chunks(ids):
        rows += session.scalars(_by_ids((model,), model.id), {"ids": list(chunk)}).all()
    return rows


def column_rows(session: Session, columns: Sequence[Any], ids: Sequence[str]) -> list[Any]:
    """Some columns of the rows whose first column is one of these ids: no mapped objects. Rows
    repeat when the first column does (an entry's history)."""
    rows: list[Any] = []
    for chunk in chunks(ids):
        rows += session.execute(_by_ids(tuple(columns), columns[0]), {"ids": list(chunk)}).all()
    return rows


def origins_by_id(session: Session, model: type[_Row], ids: Sequence[str]) -> dict[str, str]:
    """Who holds each of these items (local, builtin or a pack); ids and origins only, so no JSON
    column is decoded."""
    return {row.id: row.origin for row in column_rows(session, (model.id, model.origin), ids)}


def _script_record(row: StoredScript) -> ScriptRecord:
    return ScriptRecord(id=row.id, data=dict(row.data), origin=row.origin, status=row.status,
                        version=row.version)
