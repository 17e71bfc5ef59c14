"""Following a team server: a local SQLite replica of its published content and the packs pushed to this
agent, kept current by pulling what changed since a cursor, woken by LISTEN/NOTIFY within a second of a
change and by polling when notices cannot arrive. Away from the server the replica goes on answering,
and the follower says since when it is offline; on reconnect it catches up. Usage goes the other way in
batches.

Every step is all-or-nothing on the replica: a page of entries lands with the cursor that follows it,
a pack is downloaded whole and checked before it is installed in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import selectors
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, Engine, event, func, select, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session

from assist.team import models
from assist.team.credentials import place
from assist.team.errors import TeamError, first_line
from assist.team.releases import Release, release_bytes, releases, team_keys, verify_release, wanted
from assist.team.schema import Member, connect, member_of, schema_problem
from knowledge.entries import IMPORT_KEYS, FaqEntryData, entry_from_mapping
from knowledge.models import FaqEntry, PackDisplaced, StoreState, UsageEvent, utcnow
from knowledge.store import KnowledgeStore, as_utc, chunks, entry_data, history_fields
from scripts_lib.packs.install import (
    install_pack,
    installed_checks,
    pack_versions,
    rollback_pack,
    uninstall_pack,
)
from scripts_lib.packs.problems import PackError

log = logging.getLogger(__name__)

TEAM_ORIGIN = "team"  # the origin of replicated entries in the replica
CHANNEL = "assist_changes"
_CURSOR = "team_cursor"  # [generation, id] of the last entry applied
_SERVER = "team_server"  # the server store's id: another database behind the same URL starts over
_PACKS = "team_packs"  # names of the packs this replica installed because the team pushed them
PAGE = 2000
USAGE_BATCH = 500
POLL_SECONDS = 30.0
# A server that hangs (a frozen proxy, a link gone without a word) must turn into "offline" within
# seconds, not when TCP gives up minutes later: keepalives, a send timeout and a statement timeout.
LIVE_CONNECTION = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
                   "tcp_user_timeout": 20_000, "options": "-c statement_timeout=30000"}
SETTLE_SECONDS = 0.3
_EVERYTHING = "*"
RETRY_SECONDS = (1.0, 2.0, 4.0, 8.0, 15.0)

# Sync states, as the sidebar shows them.
CONNECTING, SYNCING, CURRENT, OFFLINE, REFUSED = "connecting", "syncing", "current", "offline", "refused"


@dataclass(frozen=True)
class SyncStatus:
    server: str
    state: str = CONNECTING
    # CURRENT: when the replica last matched the server; OFFLINE: since when the server is away.
    since: dt.datetime | None = None
    reason: str = ""
    member: Member | None = None
    # Progress of what is downloading now: entries, or a pack by name.
    doing: str = ""
    done: int = 0
    total: int = 0
    problems: tuple[str, ...] = ()


@dataclass
class SyncReport:
    entries: int = 0
    removed: int = 0
    packs: list[str] = field(default_factory=list)
    uploaded: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.entries or self.removed or self.packs)


def entry_digest(entries: Iterable[FaqEntryData]) -> str:
    """A digest of published content (what search can show), the same on the server and a replica
    that caught up with it."""
    digest = hashlib.sha256()
    for entry in sorted(entries, key=lambda item: item.id):
        if entry.status == "archived":
            continue
        fields = history_fields(entry)
        digest.update(json.dumps([entry.id, entry.version, fields], ensure_ascii=False,
                                 sort_keys=True, default=str).encode())
    return digest.hexdigest()


def server_digest(connection: Connection) -> str:
    with Session(bind=connection) as session:
        return entry_digest(entry_data(row) for row in session.scalars(select(FaqEntry)))


def _kept_aside(session: Session, pack: str | None = None) -> dict[str, dict[str, Any]]:
    """The server's entries that packs installed here took over (all packs, or one), as kept aside
    until the pack lets go: entry id -> what was kept."""
    query = select(PackDisplaced.item_id, PackDisplaced.data).where(PackDisplaced.kind == "faq")
    if pack is not None:
        query = query.where(PackDisplaced.pack == pack)
    return {item_id: data for item_id, data in session.execute(query) if data.get("origin") == TEAM_ORIGIN}


def replica_digest(replica: KnowledgeStore) -> str:
    """The server's entries as this replica holds them: its own copies, and the ones a pack took over
    (set aside, as the server has them, until the pack lets go)."""
    with replica.session() as session:
        held = [entry_data(row) for row in session.scalars(
            select(FaqEntry).where(FaqEntry.origin == TEAM_ORIGIN))]
        held += [_displaced_entry(data) for data in _kept_aside(session).values()]
    return entry_digest(held)


# What a replica takes from the server, already in the form SQLite keeps it (times and dates as the
# text SQLAlchemy writes there, in UTC; the lists as the server's JSON text), in the order the replica's
# INSERT names them, then the server's generation for the cursor. A first sync writes a hundred
# thousand rows and 200 sidebars apply every change: turning each field into Python and back was most
# of the work.
_PULLED = ("id", "title", "body", "scenario_answer", "aliases", "tags", "category", "lang", "status",
           "version", "created_at", "updated_at", "verify_by")
# In UTC: SQLite keeps a time's reading without its zone, and a server in Asia/Shanghai reads times
# out in its own.
_SQLITE_TIME = "YYYY-MM-DD HH24:MI:SS.US"
_PULL = ("SELECT id, title, body, coalesce(scenario_answer, ''), coalesce(aliases::text, '[]'), "
         "coalesce(tags::text, '[]'), coalesce(category, ''), lang, status, version, "
         f"to_char(created_at AT TIME ZONE 'UTC', '{_SQLITE_TIME}'), "
         f"to_char(updated_at AT TIME ZONE 'UTC', '{_SQLITE_TIME}'), "
         "to_char(verify_by, 'YYYY-MM-DD'), generation FROM faq_entries ")
_PULL_AFTER = (_PULL + "WHERE (generation, id) > (%(generation)s, %(id)s) "
               "ORDER BY generation, id LIMIT %(page)s")
_PULL_IDS = _PULL + "WHERE id = ANY(%(ids)s)"
_SERVER_GENERATION = len(_PULLED)
# Where the server stands: its generation counter, and the generation of the entry a cursor stands on.
_STANDING = ("SELECT (SELECT value FROM store_state WHERE key = 'generation'), "
             "(SELECT generation FROM faq_entries WHERE id = %(id)s)")


# Which of a page's entries a pack installed here holds. The ids go as one JSON array: a page is up
# to a thousand ids, and binding each as a parameter of its own cost more than the query.
_HELD_BY_PACKS = (f"SELECT id, origin FROM faq_entries WHERE origin NOT IN ('{TEAM_ORIGIN}', 'local') "
                  "AND id IN (SELECT value FROM json_each(?))")


def _upsert(generation: int) -> str:
    # The replica's own generation is a literal (an int): every row of a page shares it, and the
    # server's rows go in as they came.
    columns = (*_PULLED, "origin", "generation")
    return (f"INSERT INTO faq_entries ({', '.join(columns)}) VALUES ({', '.join('?' * len(_PULLED))}, "
            f"'{TEAM_ORIGIN}', {int(generation)}) ON CONFLICT (id) DO UPDATE SET "
            + ", ".join(f"{name} = excluded.{name}" for name in columns if name != "id"))


def _is_outage(error: DBAPIError) -> bool:
    """The server or the way to it failed, as opposed to the server refusing what was asked."""
    from psycopg import errors as pg_errors

    orig = error.orig
    return isinstance(orig, pg_errors.OperationalError | pg_errors.InterfaceError) and not isinstance(
        orig, pg_errors.QueryCanceled)


def _pulled_record(row: Sequence[Any]) -> dict[str, Any]:
    """A pulled row as an import record (what a pack keeps of an entry it set aside)."""
    return {key: json.loads(value) if key in ("aliases", "tags") else value
            for key, value in zip(_PULLED, row[:_SERVER_GENERATION], strict=True) if key in IMPORT_KEYS}


def _displaced_entry(data: dict[str, Any]) -> FaqEntryData:
    entry = entry_from_mapping(data["record"])
    return replace(entry, status=data["record"].get("status", entry.status),
                   version=int(data.get("version", entry.version)))


class Follower:
    """Keeps one replica in step with one PostgreSQL server, as one agent.

    `sync_once` does one round (entries, packs, usage) and raises when the server is away; `run` loops
    over it until stopped, waiting for a notice or the poll interval in between. `on_status` is called
    from the loop's thread with every change of state.
    """

    def __init__(self, url: URL, replica: KnowledgeStore, app_version: str,
                 on_status: Callable[[SyncStatus], None] | None = None,
                 page: int = PAGE, poll_seconds: float = POLL_SECONDS) -> None:
        self.url = url
        self.replica = replica
        self.app_version = app_version
        self.page = page
        self.poll_seconds = poll_seconds
        self._on_status = on_status
        self._woken = threading.Event()
        self._changed: set[str] = set()  # tables the server's notices named since the last round
        self._refused: dict[str, str] = {}  # release checksum -> why it was refused (not retried)
        self._reconcile = True
        self._member: Member | None = None
        # The (generation, id) of the last server entry applied here, once this run applied one.
        self.applied: tuple[int, str] | None = None
        self.applied_at: float | None = None  # when (time.time()): lets a benchmark time convergence
        # The packs installed in the replica by version, as of the last round that looked at packs.
        self.packs: dict[str, str] = {}
        self._usage_problem = ""
        self._stop: threading.Event | None = None  # set while run() follows: long pulls stop early
        self.status = SyncStatus(place(url))
        # `wake` rings this so a wait on the server's socket ends at once (select needs sockets on
        # Windows, so not a pipe).
        self._bell_in, self._bell_out = socket.socketpair()
        self._bell_in.setblocking(False)
        # One connection per sidebar: the queries and the LISTEN share it, so a team of a thousand
        # costs the server a thousand connections, not two thousand.
        # No ping before each use: a round already fails fast on a dropped connection and then
        # reconnects, and the ping would be one more round trip per query, per sidebar.
        self.engine: Engine = connect(url, pool_size=1, max_overflow=0, pool_pre_ping=False,
                                      connect_args=LIVE_CONNECTION)
        # What the server going away looks like: wrapped by SQLAlchemy, or the driver's own error where
        # the follower talks to the driver directly (waiting for notices).
        dbapi = getattr(self.engine.dialect, "dbapi", None)
        self._driver_errors: tuple[type[BaseException], ...] = (
            DBAPIError, SQLAlchemyError, OSError, *((dbapi.Error,) if dbapi is not None else ()))
        event.listen(self.engine, "connect", self._listen)

    # -- notices ---------------------------------------------------------------------------------

    def _listen(self, dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.add_notify_handler(lambda notice: self._noticed(str(notice.payload)))
        cursor = dbapi_connection.cursor()
        cursor.execute(f"LISTEN {CHANNEL}")
        cursor.close()
        dbapi_connection.commit()

    def _noticed(self, payload: str) -> None:
        self._changed.add(payload)
        self._woken.set()

    def _drain(self, driver: Any) -> None:
        """Take the notices waiting on the socket without a query: a burst of commits would otherwise
        cost every sidebar two round trips per commit. Raises the driver's error when the server went
        away (the socket was readable because it closed)."""
        pgconn = driver.pgconn
        pgconn.consume_input()
        while (notice := pgconn.notifies()) is not None:
            self._noticed(notice.extra.decode())

    def wake(self) -> None:
        """Sync now (another part of the app knows something changed, or it is shutting down)."""
        self._changed.add(_EVERYTHING)
        self._woken.set()
        with contextlib.suppress(OSError):
            self._bell_out.send(b"!")

    def wait_for_change(self, timeout: float) -> bool:
        """Block until the server announces a change, `wake` is called or `timeout` passes; True unless
        the time ran out. Raises the driver's error when the server goes away while waiting."""
        if not self._woken.is_set():
            with self.engine.connect() as connection:
                driver: Any = connection.connection.driver_connection
                try:
                    # Notices wait behind an open transaction; a checked-out connection should have
                    # none, and if a round left one the wait would hear nothing.
                    driver.rollback()
                    # Notices that came with the last round's answers were handed over then: news
                    # already, with nothing more to come on the socket for them.
                    if not self._woken.is_set():
                        self._wait_on(driver, timeout)
                except self._driver_errors:
                    # A connection the server dropped goes, rather than back to the pool to fail there.
                    connection.invalidate()
                    raise
        with contextlib.suppress(OSError):
            while self._bell_in.recv(64):
                pass
        woken = self._woken.is_set()
        self._woken.clear()
        return woken

    def _wait_on(self, driver: Any, timeout: float) -> None:
        # A selector, not select(): select() fails on descriptors past 1024, which a process following
        # many servers (the team benchmark's hundreds of sidebars) reaches.
        with selectors.DefaultSelector() as selector:
            selector.register(self._bell_in, selectors.EVENT_READ)
            selector.register(driver.fileno(), selectors.EVENT_READ, "server")
            if not any(key.data == "server" for key, _ in selector.select(timeout)):
                return
            self._drain(driver)
            # An editor's burst of commits is one round, not one per commit: let it settle, but
            # never past SETTLE_SECONDS after the first notice (within a second, always).
            selector.unregister(self._bell_in)
            settled = time.monotonic() + SETTLE_SECONDS
            while (left := settled - time.monotonic()) > 0 and selector.select(left):
                self._drain(driver)

    # -- one round -------------------------------------------------------------------------------

    def _set(self, **changes: Any) -> None:
        self.status = replace(self.status, **changes)
        if self._on_status is not None:
            try:
                self._on_status(self.status)
            except Exception:  # a listener's mistake must not stop the sync
                log.exception("sync status listener failed")

    def take_changes(self) -> frozenset[str] | None:
        """What the notices since the last call said changed (table names); None: look at everything
        (woken by `wake`, or nothing announced, as after a poll interval)."""
        changed, self._changed = self._changed, set()
        return None if not changed or _EVERYTHING in changed else frozenset(changed)

    def sync_once(self, changed: frozenset[str] | None = None) -> SyncReport:
        """One round against the server: everything, or only what `changed` names (take_changes).
        Raises TeamError (refused: not a member, schema) or the driver's error (the server is away);
        the replica is consistent either way."""
        report = SyncReport()
        with self.engine.connect() as connection:
            member = self._check(connection)
            self._set(state=SYNCING, member=member, doing="", done=0, total=0)
            if changed is None or "faq_entries" in changed or self._reconcile:
                # A full round (the first, a poll, `wake`) also notices entries deleted outright.
                self._pull_entries(connection, report, look_for_removed=changed is None)
            if changed is None or not changed.isdisjoint(("team_pack_releases", "team_keys")):
                self._sync_packs(connection, member, report)
            report.uploaded = self._upload_usage(connection, member)
        problems = (*sorted(self._refused.values()), *([self._usage_problem] if self._usage_problem else []))
        self._set(state=CURRENT, since=utcnow(), reason="", doing="", done=0, total=0, problems=problems)
        return report

    def _check(self, connection: Connection) -> Member:
        """Once per connection (the first round, and after the server was away): the schema is one
        this app knows, the login is a member, and the database is the one the replica followed."""
        if self._member is not None:
            return self._member
        problem = schema_problem(connection, place(self.url))
        if problem is not None:
            raise TeamError(problem)
        member = member_of(connection)
        server_id = connection.execute(select(StoreState.value).where(StoreState.key == "store_id")
                                       ).scalar_one_or_none() or ""
        connection.rollback()
        if self.replica.state(_SERVER) != server_id:
            # Another database (recreated, restored) behind the same address: start over.
            self.replica.set_state(_CURSOR, json.dumps([0, ""]))
            self.replica.set_state(_SERVER, server_id)
            self._reconcile = True
        self._member = member
        return member

    # -- entries ---------------------------------------------------------------------------------

    def _pull_entries(self, connection: Connection, report: SyncReport,
                      look_for_removed: bool = False) -> None:
        generation, last_id = json.loads(self.replica.state(_CURSOR) or '[0, ""]')
        counter, at = connection.exec_driver_sql(_STANDING, {"id": last_id}).one()
        # The entry the cursor stands on is still there, at its generation or a later one.
        at = at if last_id else generation
        connection.rollback()
        if generation > int(counter or 0) or at is None or at < generation:
            # The server is behind this replica: restored from a backup, or its last commits were lost
            # in a crash (or the entry deleted). Its next changes reuse generations the cursor has
            # passed: start over.
            generation, last_id = 0, ""
            self.replica.set_state(_CURSOR, json.dumps([0, ""]))
            self._reconcile = True
        done = total = 0
        while True:
            rows: Sequence[Any] = connection.exec_driver_sql(
                _PULL_AFTER, {"generation": generation, "id": last_id, "page": self.page}).all()
            connection.rollback()
            if not rows:
                break
            generation, last_id = rows[-1][_SERVER_GENERATION], rows[-1][0]
            if len(rows) == self.page and not total:
                # A large download (a first sync, a bulk import): count it once, to show progress.
                total = len(rows) + int(connection.execute(
                    select(func.count()).select_from(FaqEntry).where(
                        tuple_(FaqEntry.generation, FaqEntry.id) > tuple_(generation, last_id))
                ).scalar_one())
                connection.rollback()
            self._apply_entries(rows, [generation, last_id])
            done += len(rows)
            report.entries += len(rows)
            if total:
                self._set(doing="entries", done=done, total=total)
            if len(rows) < self.page or (self._stop is not None and self._stop.is_set()):
                break
        if not self._reconcile and look_for_removed and self._holds_more(connection):
            self._reconcile = True
        if self._reconcile:
            report.removed = self._remove_missing(connection)
            self._reconcile = False

    def _holds_more(self, connection: Connection) -> bool:
        """Whether this replica, all changes pulled, holds more live entries than the server: one was
        deleted there (a deletion leaves no row for the cursor to find). Two counts, not every id."""
        live = FaqEntry.status != "archived"
        on_server = int(connection.execute(select(func.count()).select_from(FaqEntry).where(live)
                                           ).scalar_one())
        connection.rollback()
        with self.replica.session() as session:
            held = int(session.scalar(select(func.count()).select_from(FaqEntry)
                                      .where(FaqEntry.origin == TEAM_ORIGIN, live)) or 0)
            held += sum(1 for data in _kept_aside(session).values()
                        if data.get("record", {}).get("status") != "archived")
        return held > on_server

    def _apply_entries(self, rows: Sequence[Any], cursor: list[Any] | None) -> None:
        """Write pulled rows into the replica, with the cursor that follows them (None: rows written
        again out of turn, which leave the cursor where it is)."""
        with self.replica.session() as session, session.begin():
            generation = self.replica.claim_generation(session)
            packs: dict[str, str] = dict(session.connection().exec_driver_sql(
                _HELD_BY_PACKS, (json.dumps([row[0] for row in rows]),)).all())
            values: list[tuple[Any, ...]] = []
            for row in rows:
                pack = packs.get(row[0])
                if pack is not None:
                    self._set_aside(session, pack, row)
                else:
                    values.append(row[:_SERVER_GENERATION])
            if values:
                session.connection().exec_driver_sql(_upsert(generation), values)
            if cursor is not None:
                self.replica._set_state(session, _CURSOR, json.dumps(cursor))
        if cursor is not None:
            self.applied = (int(cursor[0]), str(cursor[1]))
            self.applied_at = time.time()

    @staticmethod
    def _set_aside(session: Any, pack: str, row: Sequence[Any]) -> None:
        """A pack installed here holds this entry: the server's new version waits where the pack keeps
        what it displaced, and comes back when the pack lets go of the entry."""
        entry_id = row[0]
        data = {"origin": TEAM_ORIGIN, "version": row[_PULLED.index("version")],
                "record": _pulled_record(row)}
        record = session.get(PackDisplaced, (pack, "faq", entry_id))
        if record is None:
            session.add(PackDisplaced(pack=pack, kind="faq", item_id=entry_id, data=data))
        else:
            record.data = data

    def _remove_missing(self, connection: Connection) -> int:
        """Entries deleted on the server (not archived: removed outright) leave the replica too; archived
        rather than deleted here, so the search index drops them the way it drops any archived entry."""
        on_server = set(connection.execute(select(FaqEntry.id)).scalars())
        connection.rollback()
        with self.replica.session() as session, session.begin():
            held = session.scalars(select(FaqEntry.id).where(FaqEntry.origin == TEAM_ORIGIN,
                                                             FaqEntry.status != "archived")).all()
            gone = [entry_id for entry_id in held if entry_id not in on_server]
            if gone:
                generation = self.replica.claim_generation(session)
                for chunk in chunks(gone):
                    session.execute(update(FaqEntry).where(FaqEntry.id.in_(chunk))
                                    .values(status="archived", generation=generation))
        return len(gone)

    # -- packs -----------------------------------------------------------------------------------

    def _sync_packs(self, connection: Connection, member: Member, report: SyncReport) -> None:
        team_releases = releases(connection, member.team)
        connection.rollback()
        want = wanted(team_releases, member.name)
        # A refusal stands while its release is still the one wanted; once the lead withdrew or
        # replaced it, it is no longer a problem to show.
        current = {release.sha256 for release in want.values()}
        self._refused = {sha256: reason for sha256, reason in self._refused.items() if sha256 in current}
        installed = pack_versions(self.replica)
        self.packs = {name: versions.active for name, versions in installed.items()}
        from_team = set(json.loads(self.replica.state(_PACKS) or "[]"))
        for name, release in sorted(want.items()):
            active = installed.get(name)
            if (active is not None and active.active == release.version) or release.sha256 in self._refused:
                continue
            # Remembered before it lands: a sidebar that stops right after the install still knows the
            # pack is the team's, to remove when the team withdraws it.
            if name not in from_team:
                from_team.add(name)
                self._remember(from_team)
            team_entries = self._team_entries_held(name)
            try:
                if active is not None and active.previous == release.version:
                    rollback_pack(self.replica, name)
                    report.packs.append(f"{name} {active.active} -> {release.version} (rolled back)")
                else:
                    self._install(connection, release, report)
            except (PackError, TeamError) as error:
                reason = f"{release.name} {release.version} from the team was refused: {error}"
                log.warning("%s", reason)
                self._refused[release.sha256] = reason
                report.problems.append(reason)
                continue
            self._rewrite_team_entries(connection, team_entries | self._team_entries_held(name))
            self.packs[name] = release.version
        for name in sorted(from_team - set(want)):
            if name in installed:
                team_entries = self._team_entries_held(name)
                uninstall_pack(self.replica, name)
                self.packs.pop(name, None)
                report.packs.append(f"{name} {installed[name].active} removed")
                self._rewrite_team_entries(connection, team_entries)
            from_team.discard(name)
            self._remember(from_team)

    def _team_entries_held(self, pack: str) -> set[str]:
        """The server entries a pack installed here took over (and keeps aside)."""
        with self.replica.session() as session:
            return set(_kept_aside(session, pack))

    def _rewrite_team_entries(self, connection: Connection, ids: set[str]) -> None:
        """A pack sets the entries it takes over aside, and puts them back when it lets go, as its own
        snapshot has them: without the server's version, and without what changed since. Written
        again as the server has them, they are set aside or put back exactly."""
        if not ids:
            return
        rows = connection.exec_driver_sql(_PULL_IDS, {"ids": sorted(ids)}).all()
        connection.rollback()
        if rows:
            self._apply_entries(rows, None)

    def _remember(self, names: set[str]) -> None:
        self.replica.set_state(_PACKS, json.dumps(sorted(names)))

    def _install(self, connection: Connection, release: Release, report: SyncReport) -> None:
        def progress(done: int, total: int) -> None:
            self._set(doing=release.name, done=done, total=total)

        self._set(doing=release.name, done=0, total=release.size)
        data = release_bytes(connection, release, progress)
        keys = team_keys(connection, release.team)
        connection.rollback()
        pack = verify_release(data, release.team, keys, self.app_version,
                              installed_checks(self.replica, release.name))
        if (pack.manifest.name, pack.manifest.version) != (release.name, release.version):
            raise TeamError(f"the file is {pack.manifest.name} {pack.manifest.version}, not what the "
                            "release names")
        change = install_pack(self.replica, pack, allow_downgrade=True)
        before = f"{change.replaced} -> " if change.replaced else ""
        report.packs.append(f"{release.name} {before}{release.version}")

    # -- usage -----------------------------------------------------------------------------------

    def _upload_usage(self, connection: Connection, member: Member) -> int:
        """Usage recorded here goes up in batches; an event is marked sent only after the server
        committed it, and the server ignores an event it already has, so nothing is lost or doubled
        when the connection drops between the two."""
        sent = 0
        while True:
            with self.replica.session() as session:
                events = session.scalars(select(UsageEvent).where(UsageEvent.uploaded_at.is_(None))
                                         .order_by(UsageEvent.occurred_at).limit(USAGE_BATCH)).all()
            if not events:
                return sent
            now = utcnow()
            rows = [{"id": item.id, "team": member.team, "agent": member.name,
                     "occurred_at": as_utc(item.occurred_at), "event": item.event, "kind": item.kind,
                     "doc_id": item.doc_id, "part": item.part, "query": item.query, "received_at": now}
                    for item in events]
            try:
                connection.execute(pg_insert(models.usage).values(rows).on_conflict_do_nothing())
                connection.commit()
            except DBAPIError as error:
                if error.connection_invalidated or _is_outage(error):
                    raise
                # The server answers but will not take it (a read-only replica, a login moved to
                # another team): usage waits here, and following goes on.
                connection.rollback()
                self._usage_problem = f"usage is kept on this computer: {first_line(error)}"
                return sent
            self._usage_problem = ""
            with self.replica.session() as session, session.begin():
                session.execute(update(UsageEvent).where(UsageEvent.id.in_([row["id"] for row in rows]))
                                .values(uploaded_at=now))
            sent += len(rows)
            if len(rows) < USAGE_BATCH:
                return sent

    # -- the loop --------------------------------------------------------------------------------

    def run(self, stop: threading.Event, on_report: Callable[[SyncReport], None] | None = None) -> None:
        """Follow until `stop` is set: sync, then wait for a notice (or the poll interval); away from
        the server, retry with growing pauses and say since when it is away."""
        failures = 0
        changed: frozenset[str] | None = None
        self._stop = stop
        # Notices name what changed; deletions leave no notice worth trusting (anyone may NOTIFY), so
        # a full round comes at least every poll interval however busy the server is.
        full_round_at = time.monotonic() + self.poll_seconds
        while not stop.is_set():
            if time.monotonic() >= full_round_at:
                changed = None
            if changed is None:
                full_round_at = time.monotonic() + self.poll_seconds
            try:
                report = self.sync_once(changed)
            except TeamError as error:
                self._set(state=REFUSED, reason=str(error), doing="")
                changed = None
                stop.wait(self.poll_seconds)
                continue
            except Exception as error:
                if not isinstance(error, self._driver_errors):
                    # A fault of ours must not end the thread silently: say so, retry like an outage.
                    log.exception("team sync round failed")
                self._went_away(error)
                # What changed while away is unknown: the next round looks at everything.
                changed = None
                stop.wait(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1
                continue
            failures = 0
            if report.changed or report.uploaded:
                # Between rounds, not inside the next one: a change waits for no one's housekeeping.
                try:
                    self.replica.fold_log()
                except SQLAlchemyError as error:  # SQLite folds it in itself later; following goes on
                    log.warning("could not tidy the replica's log: %s", first_line(error))
            if on_report is not None and (report.changed or report.problems):
                on_report(report)
            try:
                self.wait_for_change(self.poll_seconds)
                changed = self.take_changes()
            except Exception as error:
                if not isinstance(error, self._driver_errors):
                    log.exception("waiting for the team server's notices failed")
                changed = None
                self._went_away(error)
                stop.wait(RETRY_SECONDS[0])

    def _went_away(self, error: BaseException) -> None:
        reason = first_line(error)
        if self.status.state != OFFLINE:
            log.warning("team server %s is away: %s", place(self.url), reason)
            self._set(state=OFFLINE, since=utcnow(), reason=reason, doing="", done=0, total=0)
        # What changed while away is unknown: on reconnect, look for entries removed meanwhile too, and
        # check the server again (it may have been upgraded or replaced meanwhile).
        self._reconcile = True
        self._member = None
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()
        self._bell_in.close()
        self._bell_out.close()
