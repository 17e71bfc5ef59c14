"""A team database for the tests: initialised, with members alice and bob (agents), ed (editor) and lena
(lead) in team "north", each their own PostgreSQL login.

Login roles are the cluster's, not the database's, so every team gets a random suffix on its members'
names (alice_3f9a1c) and drops those roles again when the test ends.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy import Engine, func, select
from sqlalchemy.engine import URL, make_url

from assist import __version__
from assist.team import models
from assist.team.credentials import parse_server_url
from assist.team.schema import add_member, connect, init_database
from assist.team.sync import Follower, SyncStatus
from knowledge.entries import FaqEntryData
from knowledge.store import KnowledgeStore
from scripts_lib.packs import build_pack, generate_key, private_key
from scripts_lib.packs.signing import PublicKey
from tests.pg import conninfo
from tests.scripts_lib.packs_support import write_source

TEAM = "north"
# Who the tests use, by short name: (role, team).
MEMBERS = {"alice": ("agent", TEAM), "bob": ("agent", TEAM), "ed": ("editor", TEAM),
           "lena": ("lead", TEAM)}


@dataclass
class TeamDb:
    """One initialised team database; `name("alice")` is alice's login here, `url("alice")` hers."""

    admin_url: str  # the database's owner (a superuser), postgresql+psycopg://
    suffix: str
    engines: dict[str | None, Engine] = field(default_factory=dict)
    followers: list[Follower] = field(default_factory=list)
    stores: list[KnowledgeStore] = field(default_factory=list)
    extra: set[str] = field(default_factory=set)  # members beyond MEMBERS, by short name

    def name(self, short: str) -> str:
        return f"{short}_{self.suffix}"

    def url(self, short: str) -> URL:
        text = make_url(self.admin_url).set(username=self.name(short)).render_as_string(hide_password=False)
        return parse_server_url(text)

    def url_text(self, short: str) -> str:
        return self.url(short).render_as_string(hide_password=True)

    def engine(self, short: str | None = None) -> Engine:
        """The engine of that member (None: the admin), one each; disposed when the test ends."""
        if short not in self.engines:
            url = parse_server_url(self.admin_url) if short is None else self.url(short)
            self.engines[short] = connect(url)
        return self.engines[short]

    @property
    def admin(self) -> Engine:
        return self.engine()

    def add(self, short: str, role: str, team: str = TEAM) -> str:
        add_member(self.admin, self.name(short), role, team, None)
        return self.name(short)

    def follower(self, short: str, replica: Path, page: int = 2000, poll_seconds: float = 30.0,
                 on_status: Callable[[SyncStatus], None] | None = None) -> Follower:
        """A sidebar following this server as `short`, with its own replica in `replica`."""
        store = KnowledgeStore.open(replica)
        self.stores.append(store)
        follower = Follower(self.url(short), store, __version__, on_status=on_status, page=page,
                            poll_seconds=poll_seconds)
        self.followers.append(follower)
        return follower

    def server_store(self, short: str | None = None) -> KnowledgeStore:
        """The server's knowledge store as `short` (None: the admin)."""
        return KnowledgeStore(self.engine(short))

    def usage_rows(self) -> int:
        with self.admin.connect() as connection:
            return int(connection.execute(select(func.count()).select_from(models.usage)).scalar_one())

    def close(self) -> None:
        for follower in self.followers:
            follower.close()
        for store in self.stores:
            store.close()
        for engine in self.engines.values():
            engine.dispose()
        drop_roles(self.admin_url, [self.name(short) for short in {*MEMBERS, *self.extra}])


def drop_roles(admin_url: str, names: Sequence[str]) -> None:
    """Drop the test's login roles: their sessions ended first, then the one privilege a member holds
    directly (CONNECT on the team database; the rest comes through the group roles, which stay)."""
    database = make_url(admin_url).database or ""
    with psycopg.connect(conninfo(admin_url), autocommit=True) as connection:
        connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE usename = ANY(%s) AND pid <> pg_backend_pid()", (list(names),))
        existing = [row[0] for row in connection.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", (list(names),))]
        for name in existing:
            connection.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM {}").format(
                sql.Identifier(database), sql.Identifier(name)))
            connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


@contextlib.contextmanager
def team_database(database_url: str, extra: dict[str, tuple[str, str]] | None = None) -> Iterator[TeamDb]:
    """`database_url` (a fresh database, as its owner) set up as a team database with MEMBERS, plus
    `extra` members {short: (role, team)}."""
    team = TeamDb(database_url, secrets.token_hex(3), extra=set(extra or {}))
    try:
        init_database(team.admin)
        for short, (role, team_name) in {**MEMBERS, **(extra or {})}.items():
            team.add(short, role, team_name)
        yield team
    finally:
        team.close()


# -- content ---------------------------------------------------------------------------------------------


def entry(entry_id: str, title: str, body: str = "", status: str = "published") -> FaqEntryData:
    return FaqEntryData(id=entry_id, title=title, body=body or f"{title}的答案。", status=status)


def entries(count: int, prefix: str = "e", version: int = 1) -> list[FaqEntryData]:
    return [entry(f"{prefix}-{number:05d}", f"问题 {prefix} {number} v{version}",
                  f"答案 {prefix} {number}，第 {version} 版。") for number in range(count)]


# -- packs -----------------------------------------------------------------------------------------------


def signing_key(name: str = "lead") -> PublicKey:
    """A signing key whose private half is in the (test) keyring."""
    return generate_key(name)


def built_pack(folder: Path, version: str, key: str = "lead", name: str = "east-refunds",
               entry_title: str = "华东仓退款几天到账") -> Path:
    """A signed pack file: one script and two FAQ entries; the first entry's title marks the version."""
    source = write_source(folder / f"src-{name}-{version}", version=version, name=name, entries=[
        {"id": f"{name}-window", "title": f"{entry_title} {version}",
         "body": "华东仓签收退货后，原路退款一般两个工作日内到账。", "tags": ["退款"]},
        {"id": f"{name}-pickup", "title": "华东上门取件怎么约",
         "body": "我可以为您在线预约上门取件，快递员会在约定时段上门。", "tags": ["退货"]},
    ])
    output = folder / f"{name}-{version}.assistpack"
    build_pack(source, output, __version__, private_key(key))
    return output


# -- waiting ---------------------------------------------------------------------------------------------


def wait_until(condition: Callable[[], bool], timeout: float = 20.0, what: str = "the condition") -> None:
    """Poll until `condition` holds; AssertionError naming `what` after a generous timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Running:
    """`Follower.run` in a thread, stopped (and woken) when the test is done with it."""

    def __init__(self, follower: Follower) -> None:
        self.follower = follower
        self.stop = threading.Event()
        self.errors: list[BaseException] = []
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.follower.run(self.stop)
        except BaseException as error:  # the test reports it
            self.errors.append(error)

    def __enter__(self) -> Running:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.follower.wake()
        self.thread.join(30)
        assert not self.thread.is_alive(), "the follower did not stop"
        assert not self.errors, f"run() raised {self.errors[0]!r}"
