"""`assist team ...` and the team side of `assist pack ...`, run in-process as a person would type them."""

from __future__ import annotations

import io
import json
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from assist.cli import main
from assist.team.credentials import SERVICE, account, parse_server_url, save_password, shown, with_password
from assist.team.errors import TeamError
from assist.team.localserver import LocalPostgres
from assist.team.replica import replica_dir
from assist.team.sync import CURRENT, Follower
from knowledge.store import KnowledgeStore
from knowledge.usage import UsageLog
from tests.pg import create_database, drop_database
from tests.team.support import TEAM, TeamDb, built_pack, entry, signing_key, team_database

SCRIPT_DOC = "script:east-refund-check.zh-Hans"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> bool:
    return err.startswith("assist: ") and err.count("\n") == 1 and "Traceback" not in err


def typed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


@pytest.fixture
def bare(pg_database_url: str) -> Iterator[TeamDb]:
    """An empty database; the members' names get a suffix and are dropped afterwards, as in support."""
    made = TeamDb(pg_database_url, secrets.token_hex(3))
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def team(pg_database_url: str) -> Iterator[TeamDb]:
    with team_database(pg_database_url) as made:
        made.server_store().upsert([entry("refund-days", "退款几天到账"), entry("pickup", "上门取件")])
        yield made


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def keyring_account(url_text: str) -> str:
    url = make_url(url_text)
    return f"{url.username}@{url.host}:{url.port}/{url.database}"


def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


# -- init and users ------------------------------------------------------------------------------------


def test_init_then_add_and_list_users(bare: TeamDb, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    admin = bare.admin_url
    code, out, err = run(capsys, "team", "init", "--db", admin)
    assert code == 0, err
    assert "team_alembic_version: empty -> t0001" in out and "team database ready" in out
    code, out, _ = run(capsys, "--db", admin, "team", "init")  # the global --db does as well
    assert code == 0 and "roles, grants and row-level security applied" in out and "->" not in out
    for short, role in (("alice", "agent"), ("ed", "editor"), ("lena", "lead")):
        typed(monkeypatch, f"first-{short}-pw\n")
        code, out, err = run(capsys, "team", "user", "add", bare.name(short), "--role", role, "--team", TEAM,
                             "--password-stdin", "--db", admin)
        assert code == 0, err
        assert f"{bare.name(short)} is {role} in {TEAM}" in out and f"first-{short}-pw" not in out + err
    code, out, _ = run(capsys, "team", "user", "list", "--json", "--db", admin)
    assert code == 0
    assert json.loads(out) == [{"name": bare.name(short), "team": TEAM, "role": role}
                               for short, role in (("alice", "agent"), ("ed", "editor"), ("lena", "lead"))]
    code, out, _ = run(capsys, "team", "user", "list", "--team", "south", "--db", admin)
    assert code == 0 and out == ""
    # bad input: one line each, nothing added
    typed(monkeypatch, "pw\n")
    code, _, err = run(capsys, "team", "user", "add", "Bad-Name", "--role", "agent", "--team", TEAM,
                       "--password-stdin", "--db", admin)
    assert code == 1 and one_line_error(err) and "lower-case" in err
    typed(monkeypatch, "\n")
    code, _, err = run(capsys, "team", "user", "add", bare.name("bob"), "--role", "agent", "--team", TEAM,
                       "--password-stdin", "--db", admin)
    assert code == 1 and one_line_error(err) and "empty password" in err
    code, _, err = run(capsys, "team", "user", "add", bare.name("bob"), "--role", "agent", "--team", TEAM,
                       "--db", admin)  # no terminal to ask on
    assert code == 1 and one_line_error(err) and "--password-stdin" in err
    assert len(json.loads(run(capsys, "team", "user", "list", "--json", "--db", admin)[1])) == 3
    # an agent cannot add people
    typed(monkeypatch, "pw\n")
    code, _, err = run(capsys, "team", "user", "add", bare.name("bob"), "--role", "admin", "--team", TEAM,
                       "--password-stdin", "--db", bare.url_text("alice"))
    assert code == 1 and one_line_error(err)
    assert len(json.loads(run(capsys, "team", "user", "list", "--json", "--db", admin)[1])) == 3


def test_init_and_users_on_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'team.sqlite3'}"
    assert run(capsys, "team", "init", "--db", url)[0] == 0
    code, _, err = run(capsys, "team", "user", "add", "alice", "--role", "agent", "--team", TEAM,
                       "--db", url)
    assert code == 0, err
    assert json.loads(run(capsys, "team", "user", "list", "--json", "--db", url)[1]) == [
        {"name": "alice", "team": TEAM, "role": "agent"}]


# -- login ---------------------------------------------------------------------------------------------


def test_login_keeps_the_password_in_the_keyring_only(team: TeamDb, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url = team.url_text("alice")
    password = "correct horse battery 9"
    typed(monkeypatch, password + "\n")
    code, out, err = run(capsys, "team", "login", "--db", url, "--password-stdin")
    assert code == 0, err
    assert f"as {team.name('alice')}: agent in {TEAM}" in out and "keyring" in out
    assert keyring.get_password(SERVICE, keyring_account(url)) == password
    settings = settings_file(tmp_path).read_text("utf-8")
    assert json.loads(settings)["settings"]["team_server"] == url
    assert password not in settings and password not in out + err
    # the sidebar and the commands now follow that server without --db
    code, out, err = run(capsys, "team", "status", "--json")
    assert code == 0, err
    status = json.loads(out)
    assert status["state"] == "current" and status["member"] == {
        "name": team.name("alice"), "team": TEAM, "role": "agent"}
    assert status["entries"] == 2 and status["reason"] == ""
    # logging out forgets both
    code, out, _ = run(capsys, "team", "logout", "--db", url)
    assert code == 0
    assert keyring.get_password(SERVICE, keyring_account(url)) is None
    assert json.loads(settings_file(tmp_path).read_text("utf-8"))["settings"].get("team_server", "") == ""


def test_the_url_keeps_tls_options_and_a_typed_password_wins_over_the_stored_one() -> None:
    url = parse_server_url("postgresql://alice@db.example:6432/team?sslmode=verify-full&sslrootcert=/ca.pem")
    assert url.drivername == "postgresql+psycopg"
    assert dict(url.query) == {"sslmode": "verify-full", "sslrootcert": "/ca.pem"}
    assert account(url) == "alice@db.example:6432/team"
    # what `team login` writes to the settings reads back as the same server and options
    assert parse_server_url(shown(url)) == url and "sslmode=verify-full" in shown(url)
    assert with_password(url).password is None  # nothing stored: the server may trust this login
    save_password(url, "stored")
    assert with_password(url).password == "stored"
    # `team login` checks the password just typed, not the one it is about to replace
    assert with_password(url.set(password="typed")).password == "typed"
    with pytest.raises(TeamError, match="starts with postgresql"):
        parse_server_url("mysql://alice@db.example/team")
    with pytest.raises(TeamError, match="not a database URL"):
        parse_server_url("not a url")


def test_a_password_in_the_url_is_refused(team: TeamDb, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    url = make_url(team.url_text("alice")).set(password="in-the-url").render_as_string(hide_password=False)
    for command in (["team", "login", "--db", url], ["team", "sync", "--db", url],
                    ["team", "init", "--db", url], ["pack", "releases", "--team", TEAM, "--db", url]):
        code, out, err = run(capsys, *command)
        assert code == 1 and one_line_error(err) and "holds a password" in err, command
        assert "in-the-url" not in out + err
    assert not settings_file(tmp_path).exists()
    assert not (tmp_path / "data" / "team").exists()
    assert keyring.get_password(SERVICE, keyring_account(url)) is None


# -- sync and status -----------------------------------------------------------------------------------


def test_sync_and_status_as_json(team: TeamDb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = team.url_text("alice")
    code, out, err = run(capsys, "team", "sync", "--json", "--db", url)
    assert code == 0, err
    first = json.loads(out)
    assert first["state"] == "current" and first["pulled"]["entries"] == 2 and first["entries"] == 2
    assert first["server"] == f"{make_url(url).host}:{make_url(url).port}/{make_url(url).database}"
    team.server_store("ed").upsert([entry("new-one", "新条目")])
    code, out, _ = run(capsys, "team", "sync", "--json", "--db", url)
    second = json.loads(out)
    assert code == 0 and second["pulled"]["entries"] == 1 and second["entries"] == 3
    assert second["digest"] != first["digest"]
    code, out, _ = run(capsys, "team", "status", "--json", "--db", url)
    assert code == 0 and json.loads(out)["digest"] == second["digest"]
    # the replica is the one the sidebar opens for this server and user
    replica = KnowledgeStore.open(replica_dir(tmp_path / "data", make_url(url)))
    try:
        assert replica.get("new-one") is not None
    finally:
        replica.close()
    code, out, _ = run(capsys, "team", "sync", "--db", url)
    assert code == 0 and "pulled 0 entry change(s)" in out and team.name("alice") in out


# -- packs ---------------------------------------------------------------------------------------------


def test_a_lead_publishes_stages_and_rolls_back_from_the_command_line(
        team: TeamDb, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lead = team.url_text("lena")
    public = tmp_path / "lead.pub"
    public.write_text(signing_key().to_openssh(), encoding="ascii")
    code, out, err = run(capsys, "pack", "trust", str(public), "--team", TEAM, "--db", lead)
    assert code == 0 and f"{TEAM} now trusts 'lead'" in out, err
    v1, v2 = built_pack(tmp_path, "1.0.0"), built_pack(tmp_path, "1.1.0")
    code, out, err = run(capsys, "pack", "publish", str(v1), "--team", TEAM, "--db", lead)
    assert code == 0 and f"published east-refunds 1.0.0 to {TEAM} (everyone)" in out, err
    code, out, err = run(capsys, "pack", "publish", str(v2), "--team", TEAM, "--agents", team.name("alice"),
                         "--db", lead)
    assert code == 0 and f"({team.name('alice')})" in out, err
    code, out, _ = run(capsys, "pack", "releases", "--team", TEAM, "--json", "--db", lead)
    listed = json.loads(out)
    assert [(r["version"], r["state"], r["agents"], r["percent"]) for r in listed] == [
        ("1.0.0", "live", [], 100), ("1.1.0", "live", [team.name("alice")], 0)]
    assert {r["published_by"] for r in listed} == {team.name("lena")}
    # the sidebars follow
    alice = json.loads(run(capsys, "team", "sync", "--json", "--db", team.url_text("alice"))[1])
    bob = json.loads(run(capsys, "team", "sync", "--json", "--db", team.url_text("bob"))[1])
    assert alice["packs"] == [{"name": "east-refunds", "version": "1.1.0"}]
    assert bob["packs"] == [{"name": "east-refunds", "version": "1.0.0"}]
    code, out, _ = run(capsys, "pack", "promote", "east-refunds", "--team", TEAM, "--db", lead)
    assert code == 0 and "east-refunds 1.1.0 now goes to everyone" in out
    code, out, _ = run(capsys, "pack", "rollback", "east-refunds", "--team", TEAM, "--db", lead)
    assert code == 0 and "withdrew east-refunds 1.1.0" in out and "go back to east-refunds 1.0.0" in out
    bob = json.loads(run(capsys, "team", "sync", "--json", "--db", team.url_text("bob"))[1])
    assert bob["packs"] == [{"name": "east-refunds", "version": "1.0.0"}]
    code, out, _ = run(capsys, "pack", "releases", "--team", TEAM, "--db", lead)
    assert code == 0 and "withdrawn" in out and "live" in out
    # an agent may look but not push
    code, out, _ = run(capsys, "pack", "releases", "--team", TEAM, "--json", "--db", team.url_text("alice"))
    assert code == 0 and len(json.loads(out)) == 2
    code, _, err = run(capsys, "pack", "publish", str(built_pack(tmp_path, "2.0.0")), "--team", TEAM,
                       "--db", team.url_text("alice"))
    assert code == 1 and one_line_error(err) and "permission denied" in err
    code, _, err = run(capsys, "pack", "rollback", "east-refunds", "--team", TEAM,
                       "--db", team.url_text("bob"))
    assert code == 1 and one_line_error(err)
    # a pack the team does not trust, and a file that is no pack
    signing_key("stranger")
    code, _, err = run(capsys, "pack", "publish", str(built_pack(tmp_path / "s", "3.0.0", key="stranger")),
                       "--team", TEAM, "--db", lead)
    assert code == 1 and one_line_error(err) and "does not trust" in err and f"--team {TEAM}" in err
    junk = tmp_path / "junk.assistpack"
    junk.write_bytes(b"not a zip")
    code, _, err = run(capsys, "pack", "publish", str(junk), "--team", TEAM, "--db", lead)
    assert code == 1 and one_line_error(err) and "junk.assistpack" in err
    assert len(json.loads(run(capsys, "pack", "releases", "--team", TEAM, "--json", "--db", lead)[1])) == 2


# -- usage ---------------------------------------------------------------------------------------------


def test_a_leads_usage_report_shows_what_the_agents_uploaded(team: TeamDb, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    lead = team.url_text("lena")
    public = tmp_path / "lead.pub"
    public.write_text(signing_key().to_openssh(), encoding="ascii")
    assert run(capsys, "pack", "trust", str(public), "--team", TEAM, "--db", lead)[0] == 0
    assert run(capsys, "pack", "publish", str(built_pack(tmp_path, "1.0.0")), "--team", TEAM, "--db", lead
               )[0] == 0
    # alice works in the sidebar the command line shares a replica with; bob in his own
    alice_url = team.url_text("alice")
    assert run(capsys, "team", "sync", "--db", alice_url)[0] == 0
    replica = KnowledgeStore.open(replica_dir(tmp_path / "data", make_url(alice_url)))
    try:
        log = UsageLog(replica)
        log.opened("script", SCRIPT_DOC, query="退款")
        log.opened("script", SCRIPT_DOC)
        log.copied("script", SCRIPT_DOC, "say")
        log.missed("发票抬头 13812345678")
    finally:
        replica.close()
    code, out, _ = run(capsys, "team", "sync", "--json", "--db", alice_url)
    assert code == 0 and json.loads(out)["pulled"]["uploaded"] == 4
    bob = team.follower("bob", tmp_path / "bob")
    UsageLog(bob.replica).opened("script", SCRIPT_DOC)
    UsageLog(bob.replica).missed("发票抬头 13912345678")
    assert bob.sync_once().uploaded == 2
    assert run(capsys, "team", "sync", "--db", lead)[0] == 0  # the lead's replica names the scripts
    code, out, err = run(capsys, "team", "usage", "--json", "--db", lead)
    assert code == 0, err
    report = json.loads(out)
    assert (report["team"], report["team_agents"], report["active_agents"]) == (TEAM, 4, 2)
    assert report["scripts"] == [{"id": "east-refund-check", "title": "华东退款核对流程", "agents": 2,
                                  "opens": 3, "copies": 1, "share": 0.5}]
    # queries are masked before they leave the sidebar: no phone number reaches the server
    assert report["misses"] == [{"query": "发票抬头 #", "count": 2, "agents": 2}]
    code, out, _ = run(capsys, "team", "usage", "--db", lead)
    assert code == 0 and "2 of 4 member(s) active" in out and "华东退款核对流程" in out
    code, _, err = run(capsys, "team", "usage", "--json", "--db", alice_url)
    assert code == 1 and one_line_error(err) and "you are an agent" in err
    code, _, err = run(capsys, "team", "usage", "--days", "0", "--db", lead)
    assert code == 1 and one_line_error(err)


# -- the server away -----------------------------------------------------------------------------------


def test_a_server_that_is_away_is_one_line_and_nothing_is_written(
        closed_port: int, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"postgresql://alice@127.0.0.1:{closed_port}/team"
    pack = tmp_path / "p.assistpack"
    pack.write_bytes(b"irrelevant")
    public = tmp_path / "k.pub"
    public.write_text(signing_key("k").to_openssh(), encoding="ascii")
    commands = [
        ["team", "init"], ["team", "user", "list"],
        ["team", "user", "add", "bob", "--role", "agent", "--team", TEAM, "--password-stdin"],
        ["team", "login", "--password-stdin"], ["team", "status"], ["team", "sync"],
        ["team", "sync", "--json"], ["team", "usage"], ["pack", "releases", "--team", TEAM],
        ["pack", "publish", str(pack), "--team", TEAM],
        ["pack", "promote", "east-refunds", "--team", TEAM],
        ["pack", "rollback", "east-refunds", "--team", TEAM], ["pack", "trust", str(public), "--team", TEAM],
    ]
    for command in commands:
        typed(monkeypatch, "a password\n")
        code, out, err = run(capsys, *command, "--db", url)
        assert code == 1, command
        assert one_line_error(err), (command, err)
        assert f"127.0.0.1:{closed_port}" in err or "connection" in err.lower(), (command, err)
        assert "a password" not in out + err
    data = tmp_path / "data"
    assert not data.exists() or list(data.iterdir()) == [], list(data.rglob("*"))
    assert not settings_file(tmp_path).exists()
    assert keyring.get_password(SERVICE, f"alice@127.0.0.1:{closed_port}/team") is None


def test_offline_with_a_replica_says_so_and_keeps_it(own_pg: LocalPostgres, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    database = create_database(own_pg.url())
    try:
        with team_database(database) as team:
            team.server_store().upsert([entry("refund-days", "退款几天到账"), entry("pickup", "上门取件")])
            url = team.url_text("alice")
            assert run(capsys, "team", "sync", "--db", url)[0] == 0
            own_pg.stop()
            try:
                code, out, err = run(capsys, "team", "status", "--json", "--db", url)
                assert code == 1 and one_line_error(err) and "offline" in err
                status = json.loads(out)
                assert status["state"] == "offline" and status["entries"] == 2
                code, out, err = run(capsys, "team", "sync", "--db", url)
                assert code == 1 and one_line_error(err) and "offline" in err
                assert "2 published entries" in out
            finally:
                own_pg.start()
            assert run(capsys, "team", "sync", "--db", url)[0] == 0
    finally:
        drop_database(own_pg.url(), database)


def test_a_sidebar_follows_over_tls_with_the_server_certificate_verified(own_pg: Any,
                                                                         tmp_path: Path) -> None:
    """sslmode=verify-full with the server's certificate: the connection is encrypted and the server
    proven; the same URL without the certificate is refused in one line."""
    database_url = create_database(own_pg.url())
    try:
        with team_database(database_url) as team:
            certificate = own_pg.tls_certificate
            url = parse_server_url(team.url_text("alice")
                                   + f"?sslmode=verify-full&sslrootcert={certificate}")
            follower = Follower(url, KnowledgeStore.open(tmp_path / "replica"), "0.1.0")
            try:
                follower.sync_once()
                assert follower.status.state == CURRENT
                with follower.engine.connect() as connection:
                    assert connection.execute(text(
                        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar_one() is True
            finally:
                follower.close()
                follower.replica.close()
            wrong = parse_server_url(team.url_text("alice")
                                     + f"?sslmode=verify-full&sslrootcert={tmp_path / 'none.crt'}")
            stranger = Follower(wrong, KnowledgeStore.open(tmp_path / "other"), "0.1.0")
            try:
                with pytest.raises(Exception, match="root certificate file"):
                    stranger.sync_once()
            finally:
                stranger.close()
                stranger.replica.close()
    finally:
        drop_database(own_pg.url(), database_url)


def test_editing_while_the_team_server_is_away_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    source = tmp_path / "entries.jsonl"
    source.write_text(json.dumps({"id": "x", "title": "标题", "body": "答案"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    code = main(["--db", f"postgresql://lina@127.0.0.1:{port}/assist", "kb", "import", str(source)])
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("assist: editing needs the team server 127.0.0.1:") and err.count("\n") == 1
    assert "Traceback" not in err and "TeamError" not in err
