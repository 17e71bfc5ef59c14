"""The team database: one schema on SQLite and PostgreSQL, and the roles the server itself enforces."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, func, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from assist.team import models, releases
from assist.team.credentials import parse_server_url
from assist.team.errors import TeamError
from assist.team.schema import CHAINS, add_member, check_name, connect, init_database, members, ready, whoami
from knowledge.editing import Editing
from knowledge.store import KnowledgeStore
from scripts_lib.packs import PackError
from tests.pg import create_database, drop_database
from tests.team.support import TEAM, TeamDb, built_pack, entry, signing_key, team_database


@pytest.fixture
def team(pg_database_url: str) -> Iterator[TeamDb]:
    # sam leads another team on the same server
    with team_database(pg_database_url, extra={"sam": ("lead", "south")}) as made:
        made.server_store().upsert([entry("refund-days", "退款几天到账"), entry("pickup", "上门取件")])
        yield made


def sqlite_engine(tmp_path: Path) -> Engine:
    return connect(parse_server_url(f"sqlite:///{tmp_path / 'team.sqlite3'}", allow_sqlite=True))


def shape(engine: Engine) -> dict[str, dict[str, Any]]:
    """Every table's columns (name, nullable), primary key and index columns."""
    found = inspect(engine)
    tables: dict[str, dict[str, Any]] = {}
    for table in found.get_table_names():
        tables[table] = {
            "columns": sorted((column["name"], column["nullable"]) for column in found.get_columns(table)),
            "primary_key": sorted(found.get_pk_constraint(table)["constrained_columns"]),
            "indexes": sorted((index["name"], tuple(index["column_names"]), bool(index["unique"]))
                              for index in found.get_indexes(table)),
            "foreign_keys": sorted((key["referred_table"], tuple(key["constrained_columns"]))
                                   for key in found.get_foreign_keys(table)),
        }
    return tables


def refused(error: pytest.ExceptionInfo[DBAPIError]) -> bool:
    """The server said no for want of a privilege (a grant, or a row-level security policy)."""
    return isinstance(error.value.orig, psycopg.errors.InsufficientPrivilege)


# -- one schema, two engines ---------------------------------------------------------------------------


def test_the_same_migrations_give_the_same_schema_on_sqlite_and_postgresql(
        tmp_path: Path, pg_database_url: str) -> None:
    lite = sqlite_engine(tmp_path)
    server = connect(parse_server_url(pg_database_url))
    try:
        assert init_database(lite) and init_database(server)
        assert ready(lite) and ready(server)
        on_sqlite, on_postgresql = shape(lite), shape(server)
        assert {"faq_entries", "customers", "teams", "team_members", "team_keys", "team_pack_releases",
                "team_usage", "alembic_version", "customers_alembic_version",
                "team_alembic_version"} <= set(on_postgresql)
        assert on_sqlite == on_postgresql
        for chain in CHAINS:
            assert chain.current(lite) == chain.current(server) == chain.head()
    finally:
        lite.dispose()
        server.dispose()


def test_init_again_is_a_no_op_apart_from_the_grants(tmp_path: Path, pg_database_url: str) -> None:
    with team_database(pg_database_url) as team:
        team.server_store().upsert([entry("kept", "留着的条目")])
        before = shape(team.admin)
        assert init_database(team.admin) == ["roles, grants and row-level security applied"]
        assert shape(team.admin) == before
        assert {member.name for member in members(team.admin, TEAM)} == {
            team.name(short) for short in ("alice", "bob", "ed", "lena")}
        assert team.server_store().get("kept") is not None
        # the grants still hold after they were applied again
        with pytest.raises(DBAPIError) as error, team.engine("alice").begin() as connection:
            connection.execute(text("UPDATE faq_entries SET title = 'changed'"))
        assert refused(error)
    lite = sqlite_engine(tmp_path)
    try:
        assert init_database(lite)
        add_member(lite, "alice", "agent", TEAM, None)
        assert init_database(lite) == []
        assert [member.name for member in members(lite)] == ["alice"]
    finally:
        lite.dispose()


def test_init_against_a_server_that_is_away_is_one_line(unused_port: int) -> None:
    engine = connect(parse_server_url(f"postgresql://admin@127.0.0.1:{unused_port}/team"))
    with pytest.raises(TeamError) as error:
        init_database(engine)
    assert "could not set up the team database" in str(error.value)
    assert "\n" not in str(error.value)


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_names_and_roles_are_checked(tmp_path: Path) -> None:
    for bad in ("Alice", "1alice", "pg_alice", "assist_alice", "postgres", "a-b", "x" * 64, ""):
        with pytest.raises(TeamError, match="lower-case"):
            check_name(bad)
    lite = sqlite_engine(tmp_path)
    try:
        init_database(lite)
        with pytest.raises(TeamError, match="role must be one of"):
            add_member(lite, "alice", "boss", TEAM, None)
        with pytest.raises(TeamError, match="team name"):
            add_member(lite, "alice", "agent", "North Team", None)
        assert members(lite) == []
        add_member(lite, "alice", "agent", TEAM, None)
        with lite.connect() as connection:
            me = whoami(connection, "alice")
            assert me is not None and (me.team, me.role) == (TEAM, "agent")
            assert whoami(connection, "nobody") is None
            assert whoami(connection) is None  # SQLite has no logins
    finally:
        lite.dispose()


# -- the server enforces the roles ---------------------------------------------------------------------

CONTENT_WRITES = [
    "UPDATE faq_entries SET title = 'changed by an agent'",
    "INSERT INTO faq_entries (id, title, body, scenario_answer, aliases, tags, category, lang, status, "
    "origin, version, created_at, updated_at, generation) VALUES ('planted', 't', 'b', '', '[]', '[]', '', "
    "'zh-Hans', 'published', 'local', 1, now(), now(), 999)",
    "DELETE FROM faq_entries",
    "UPDATE scripts SET status = 'archived'",
    "DELETE FROM scripts",
    "UPDATE team_pack_releases SET state = 'withdrawn'",
    "DELETE FROM team_pack_releases",
    "INSERT INTO team_keys VALUES ('north', 'f', 'k', 'ssh-ed25519 AAAA', current_user, now())",
    "DELETE FROM team_keys",
    "UPDATE team_members SET role = 'admin'",
    "INSERT INTO team_members VALUES ('mallory', 'north', 'admin', now())",
    "DELETE FROM team_members",
    "UPDATE store_state SET value = '0'",
    "INSERT INTO teams VALUES ('mine', now())",
]


def test_an_agents_own_connection_cannot_change_content(team: TeamDb) -> None:
    alice = team.engine("alice")
    with alice.connect() as connection:
        me = whoami(connection)
        assert me is not None and (me.name, me.role, me.team) == (team.name("alice"), "agent", TEAM)
        # reading content is what an agent is for
        assert connection.execute(text("SELECT count(*) FROM faq_entries")).scalar_one() == 2
    for statement in CONTENT_WRITES:
        with pytest.raises(DBAPIError) as error, alice.begin() as connection:
            connection.execute(text(statement))
        assert refused(error), (statement, error.value)
    with team.admin.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM faq_entries WHERE title LIKE 'changed%' "
                                       "OR id = 'planted'")).scalar_one() == 0
        assert {row.role for row in connection.execute(select(models.members.c.role))} == {
            "agent", "editor", "lead"}


def usage_row(agent: str, team: str = TEAM) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    return {"id": uuid.uuid4().hex, "team": team, "agent": agent, "occurred_at": now, "event": "open",
            "kind": "faq", "doc_id": "refund-days", "part": "", "query": "", "received_at": now}


def test_an_agent_writes_their_own_usage_and_reads_nobodys(team: TeamDb) -> None:
    alice = team.engine("alice")
    with alice.begin() as connection:
        connection.execute(insert(models.usage).values(usage_row(team.name("alice"))))
    for row in (usage_row(team.name("bob")), usage_row(team.name("alice"), team="south")):
        with pytest.raises(DBAPIError) as error, alice.begin() as connection:
            connection.execute(insert(models.usage).values(row))
        assert refused(error) and "row-level security" in str(error.value)
    with pytest.raises(DBAPIError) as error, alice.connect() as connection:
        connection.execute(select(models.usage.c.agent))
    assert refused(error)
    # the lead reads their team's usage: alice's one row
    with team.engine("lena").connect() as connection:
        assert list(connection.execute(select(models.usage.c.agent))) == [(team.name("alice"),)]
    # another team's lead sees none of it
    with team.engine("sam").connect() as connection:
        assert list(connection.execute(select(models.usage.c.agent))) == []


def test_an_editor_edits_entries_on_the_server(team: TeamDb) -> None:
    with team.engine("ed").begin() as connection:
        assert connection.execute(text("UPDATE faq_entries SET category = 'refunds' WHERE id = 'refund-days'")
                                  ).rowcount == 1
    # the knowledge editor, on the server as the editor
    store = KnowledgeStore(team.engine("ed"))
    editing = Editing(store)
    editor = team.name("ed")
    editing.start("refund-days", editor)
    editing.save("refund-days", editor, {**editing.draft("refund-days", editor).data,  # type: ignore[union-attr]
                                         "body": "原路退款一般三个工作日内到账。"})
    editing.submit("refund-days", editor)
    revision = editing.approve("refund-days", editor, reviewer="chief")
    editing.new(editor, {"title": "发票怎么开", "body": "您可以在订单详情页申请电子发票。"},
                entry_id="invoice")
    editing.submit("invoice", editor)
    editing.approve("invoice", editor, reviewer="chief")
    server = team.server_store()
    assert server.get("refund-days").body == "原路退款一般三个工作日内到账。"  # type: ignore[union-attr]
    assert server.get("refund-days").version == revision.version  # type: ignore[union-attr]
    assert server.get("invoice").status == "published"  # type: ignore[union-attr]
    # what an editor may not touch
    for statement in ("DELETE FROM faq_entries", "UPDATE team_members SET role = 'admin'",
                      "UPDATE team_pack_releases SET state = 'withdrawn'", "DELETE FROM scripts"):
        with pytest.raises(DBAPIError) as error, team.engine("ed").begin() as connection:
            connection.execute(text(statement))
        assert refused(error), statement


def test_changing_a_members_role_changes_what_the_server_allows(team: TeamDb) -> None:
    update = text("UPDATE faq_entries SET category = 'x' WHERE id = 'pickup'")
    add_member(team.admin, team.name("alice"), "editor", TEAM, None)
    with team.engine("alice").begin() as connection:
        assert connection.execute(update).rowcount == 1
    add_member(team.admin, team.name("alice"), "agent", TEAM, None)
    with pytest.raises(DBAPIError) as error, team.engine("alice").begin() as connection:
        connection.execute(update)
    assert refused(error)
    assert [(m.name, m.role) for m in members(team.admin, TEAM) if m.name == team.name("alice")] == [
        (team.name("alice"), "agent")]


def test_a_lead_publishes_only_to_their_own_team(team: TeamDb, tmp_path: Path) -> None:
    key = signing_key()
    assert releases.trust_team_key(team.engine("lena"), TEAM, key, team.name("lena"))
    data = built_pack(tmp_path, "1.0.0").read_bytes()
    # a lead cannot trust keys for another team
    with pytest.raises(TeamError, match="row-level security"):
        releases.trust_team_key(team.engine("sam"), TEAM, key, team.name("sam"))
    # nor publish to it: the server refuses the row even when the client skips the checks
    now = dt.datetime.now(dt.UTC)
    row = {"team": TEAM, "name": "east-refunds", "version": "9.0.0", "content_digest": "0" * 64,
           "sha256": "0" * 64, "size": len(data), "data": data, "agents": [], "percent": 100,
           "state": "live", "published_by": team.name("sam"), "published_at": now, "changed_at": now}
    with pytest.raises(DBAPIError) as error, team.engine("sam").begin() as connection:
        connection.execute(insert(models.releases).values(row))
    assert refused(error)
    with pytest.raises((TeamError, PackError)):
        releases.publish(team.engine("sam"), TEAM, data, team.name("sam"), "0.1.0")
    # an agent cannot publish at all, and a lead cannot publish in someone else's name
    with pytest.raises(TeamError, match="the server refused"):
        releases.publish(team.engine("alice"), TEAM, data, team.name("alice"), "0.1.0")
    with pytest.raises(TeamError, match="row-level security"):
        releases.publish(team.engine("lena"), TEAM, data, team.name("ed"), "0.1.0")
    release, _ = releases.publish(team.engine("lena"), TEAM, data, team.name("lena"), "0.1.0")
    assert (release.team, release.version, release.published_by) == (TEAM, "1.0.0", team.name("lena"))
    # the other team's lead cannot see, widen or withdraw this team's releases
    with team.engine("sam").connect() as connection:
        assert releases.releases(connection, TEAM) == []
        assert releases.team_keys(connection, TEAM) == {}
        assert connection.execute(text("UPDATE team_pack_releases SET state = 'withdrawn'")).rowcount == 0
    with pytest.raises(TeamError, match="no live release"):
        releases.rollback(team.engine("sam"), TEAM, "east-refunds")
    with team.engine("alice").connect() as connection:
        assert [r.version for r in releases.releases(connection, TEAM)] == ["1.0.0"]
        assert list(releases.team_keys(connection, TEAM)) == [key.fingerprint]


def test_a_member_of_one_team_database_cannot_reach_another_on_the_same_server(pg_server_url: str) -> None:
    # group roles (and their grants) are the cluster's; the databases' own members are not
    first, second = create_database(pg_server_url), create_database(pg_server_url)
    try:
        with team_database(first, extra={"boss": ("admin", TEAM)}) as one, team_database(second) as two:
            two.server_store().upsert([entry("secret", "另一个团队的条目")])
            for short in ("alice", "boss"):
                stranger = create_engine(make_url(second).set(username=one.name(short)))
                try:
                    with pytest.raises(DBAPIError, match="permission denied for database"), \
                            stranger.begin() as connection:
                        connection.execute(text("DELETE FROM faq_entries"))
                finally:
                    stranger.dispose()
            assert two.server_store().get("secret") is not None
            # each database's own members still get in, and init again keeps it so
            assert init_database(two.admin)
            with two.engine("alice").connect() as connection:
                me = whoami(connection)
                assert me is not None and me.name == two.name("alice")
            with one.engine("boss").begin() as connection:
                assert connection.execute(text("UPDATE faq_entries SET category = 'x'")).rowcount == 0
    finally:
        drop_database(pg_server_url, first)
        drop_database(pg_server_url, second)


def test_a_role_in_one_team_database_gives_nothing_in_another(pg_server_url: str, tmp_path: Path) -> None:
    """Group roles are made per database: leading a team in B is no lead's right in A."""
    first, second = create_database(pg_server_url), create_database(pg_server_url)
    try:
        with team_database(first) as one, team_database(second) as two:
            # alice of A also leads a team in B, under the same login
            add_member(two.admin, one.name("alice"), "lead", TEAM, None)
            key = signing_key()
            with pytest.raises(TeamError):
                releases.trust_team_key(one.engine("alice"), TEAM, key, one.name("alice"))
            with one.engine("alice").connect() as connection:
                assert whoami(connection) == whoami(connection, one.name("alice"))
                assert whoami(connection).role == "agent"  # type: ignore[union-attr]
            # alice's login is dropped with A's members: nothing of hers may be left in B
            with two.admin.begin() as connection:
                database = connection.execute(text("SELECT current_database()")).scalar_one()
                connection.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM {one.name("alice")}'))
    finally:
        drop_database(pg_server_url, first)
        drop_database(pg_server_url, second)


def test_column_grants_keep_each_role_to_its_part(team: TeamDb, tmp_path: Path) -> None:
    from assist.customers.models import interactions

    with team.admin.begin() as connection:
        connection.execute(text(
            "INSERT INTO customers (id, name, address_as, tier, birth_year, language, notes, flags, "
            "updated_at) VALUES ('C1', '王芳', '王女士', 'normal', NULL, 'zh-Hans', '', '[]', now())"))
        row_id = connection.execute(insert(interactions).values(
            customer_id="C1", at=dt.datetime.now(dt.UTC), agent="someone else", scripts=[], outcome="已解决",
            promise="三天内回电", promise_due=None, promise_kept=False, origin="sidebar")
        ).inserted_primary_key[0]  # type: ignore[index]
    with team.engine("alice").begin() as connection:
        # an agent marks a promise kept...
        connection.execute(text("UPDATE customer_interactions SET promise_kept = true WHERE row_id = :id"),
                           {"id": row_id})
    with pytest.raises(DBAPIError) as error, team.engine("alice").begin() as connection:
        # ...but does not rewrite somebody's wrap-up
        connection.execute(text("UPDATE customer_interactions SET outcome = 'x' WHERE row_id = :id"),
                           {"id": row_id})
    assert refused(error)
    # a wrap-up goes on record in the writer's own name only
    wrap_up = {"customer_id": "C1", "at": dt.datetime.now(dt.UTC), "scripts": [], "outcome": "已解决",
               "promise": "", "promise_due": None, "promise_kept": False, "origin": "sidebar"}
    with team.engine("alice").begin() as connection:
        connection.execute(insert(interactions).values(**wrap_up, agent=team.name("alice")))
    with pytest.raises(DBAPIError) as error, team.engine("alice").begin() as connection:
        connection.execute(insert(interactions).values(**wrap_up, agent=team.name("bob")))
    assert refused(error)
    # a lead cannot rewrite what was published or by whom
    key = signing_key()
    releases.trust_team_key(team.engine("lena"), TEAM, key, team.name("lena"))
    releases.publish(team.engine("lena"), TEAM, built_pack(tmp_path, "1.0.0").read_bytes(),
                     team.name("lena"), "0.1.0")
    for change in ("published_by = 'someone'", "sha256 = 'x'", "version = '9.9.9'"):
        with pytest.raises(DBAPIError) as error, team.engine("lena").begin() as connection:
            connection.execute(text(f"UPDATE team_pack_releases SET {change}"))
        assert refused(error)
    # an editor moves the change counter, not the store's identity
    with team.engine("ed").begin() as connection:
        changed = connection.execute(text("UPDATE store_state SET value = 'forged' WHERE key = 'store_id'"))
        assert changed.rowcount == 0
    with team.admin.connect() as connection:
        assert connection.execute(text("SELECT value FROM store_state WHERE key = 'store_id'")
                                  ).scalar_one() != "forged"


def test_an_admin_member_imports_customers_again_without_doubling_their_calls(team: TeamDb) -> None:
    from assist.customers.demo import DEMO_FILE, demo_shift
    from assist.customers.importing import read_customer_file
    from assist.customers.models import interactions
    from assist.customers.store import CustomerStore
    from knowledge.resources import demo_dir

    team.extra.add("ada")
    add_member(team.admin, team.name("ada"), "admin", TEAM, None)
    histories = read_customer_file(demo_dir() / DEMO_FILE, shift=demo_shift(None))[:3]
    store = CustomerStore(team.engine("ada"))
    counts = []
    for _ in range(2):
        store.import_histories(histories)
        with team.admin.connect() as connection:
            counts.append(connection.execute(select(func.count()).select_from(interactions)).scalar_one())
    assert counts[0] == counts[1] == sum(len(history.interactions) for history in histories) > 0


def test_members_see_their_own_team_only_and_passwords_travel_hashed(team: TeamDb) -> None:
    with team.engine("alice").connect() as connection:
        seen = set(connection.execute(text("SELECT name FROM team_members")).scalars())
    assert team.name("sam") not in seen and team.name("bob") in seen
    add_member(team.admin, team.name("alice"), "agent", TEAM, "a first password")
    with team.admin.connect() as connection:
        stored = connection.execute(text("SELECT rolpassword FROM pg_authid WHERE rolname = :name"),
                                    {"name": team.name("alice")}).scalar_one()
    assert stored.startswith("SCRAM-SHA-256$") and "a first password" not in stored
    # only a login that may create roles adds people; an admin of the team may not
    with pytest.raises(TeamError, match="needs a login that may create roles"):
        add_member(team.engine("lena"), "newcomer", "agent", TEAM, None)


def test_sql_role_words_are_not_names() -> None:
    for word in ("current_user", "session_user", "public", "none"):
        with pytest.raises(TeamError):
            check_name(word)


def test_a_version_once_published_keeps_its_content(team: TeamDb, tmp_path: Path) -> None:
    key = signing_key()
    releases.trust_team_key(team.engine("lena"), TEAM, key, team.name("lena"))
    first = built_pack(tmp_path / "a", "1.1.0").read_bytes()
    releases.publish(team.engine("lena"), TEAM, first, team.name("lena"), "0.1.0")
    releases.rollback(team.engine("lena"), TEAM, "east-refunds")
    changed = built_pack(tmp_path / "b", "1.1.0", entry_title="换了内容的同一版本").read_bytes()
    with pytest.raises(TeamError, match="a changed pack needs a new version"):
        releases.publish(team.engine("lena"), TEAM, changed, team.name("lena"), "0.1.0")
