"""The PostgreSQL the team tests run against: the fixtures, and the private cluster behind them."""

from __future__ import annotations

import socket
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from assist.team.localserver import LocalPostgres, main
from tests.pg import conninfo, create_database, drop_database


def database_names(admin_url: str) -> set[str]:
    with psycopg.connect(conninfo(admin_url), autocommit=True) as connection:
        return {row[0] for row in connection.execute("SELECT datname FROM pg_database")}


def test_a_test_database_takes_tables(pg_database_url: str) -> None:
    assert pg_database_url.startswith("postgresql+psycopg://")
    engine = create_engine(pg_database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)"))
            connection.execute(text("INSERT INTO note (body) VALUES ('您好')"))
        with engine.connect() as connection:
            assert connection.execute(text("SELECT body FROM note")).scalar_one() == "您好"
    finally:
        engine.dispose()


def test_each_call_makes_its_own_database_and_drop_closes_leftovers(pg_server_url: str) -> None:
    first, second = create_database(pg_server_url), create_database(pg_server_url)
    try:
        assert first != second
        names = {url.rsplit("/", 1)[1] for url in (first, second)}
        assert names <= database_names(pg_server_url)
        # a connection a test forgot to close must not keep its database alive
        leftover = psycopg.connect(conninfo(first))
    finally:
        drop_database(pg_server_url, first)
        drop_database(pg_server_url, second)
    leftover.close()
    assert not names & database_names(pg_server_url)


def test_drop_refuses_databases_the_tests_did_not_make(pg_server_url: str) -> None:
    with pytest.raises(ValueError, match="refusing"):
        drop_database(pg_server_url, pg_server_url)


def test_own_pg_restarts_on_the_same_port(own_pg: LocalPostgres) -> None:
    url = own_pg.url(driver="postgresql")
    before = psycopg.connect(url, autocommit=True)
    own_pg.restart()
    assert own_pg.running
    assert own_pg.url(driver="postgresql") == url
    with pytest.raises(psycopg.OperationalError):
        before.execute("SELECT 1")
    before.close()
    with psycopg.connect(url, autocommit=True) as after:
        assert after.execute("SELECT 1").fetchone() == (1,)


def test_own_pg_recovers_after_a_kill(own_pg: LocalPostgres) -> None:
    own_pg.kill()
    assert not own_pg.running
    own_pg.start()
    with psycopg.connect(own_pg.url(driver="postgresql"), autocommit=True) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)


def test_a_directory_holding_a_cluster_is_reused(own_pg: LocalPostgres) -> None:
    admin = own_pg.url()
    marker = create_database(admin)
    try:
        # while it runs, a second handle adopts the running server and its port
        running = LocalPostgres(own_pg.directory)
        running.start()
        assert running.url() == admin
        own_pg.stop()
        again = LocalPostgres(own_pg.directory, port=own_pg.port)
        again.start()  # would fail in initdb if it tried to make a new cluster
        assert marker.rsplit("/", 1)[1] in database_names(admin)
    finally:
        own_pg.start()
        drop_database(admin, marker)


def test_a_failed_start_says_why(own_pg: LocalPostgres) -> None:
    own_pg.stop()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        blocked = LocalPostgres(own_pg.directory, port=taken.getsockname()[1])
        with pytest.raises(RuntimeError, match="did not start") as failure:
            blocked.start()
    assert "Address already in use" in str(failure.value)
    assert "\n" not in str(failure.value)
    own_pg.start()


def test_pg_bin_without_binaries_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PG_BIN", str(tmp_path))
    with pytest.raises(RuntimeError, match=r"PG_BIN=.* holds no PostgreSQL server binaries") as failure:
        LocalPostgres(tmp_path / "cluster").start()
    assert "\n" not in str(failure.value)
    assert not (tmp_path / "cluster").exists()


def test_command_line_starts_prints_the_url_and_stops(own_pg: LocalPostgres,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # own_pg only so that this skips, like the rest, where no cluster can be run
    server = LocalPostgres.temporary()
    try:
        assert main([str(server.directory), "--max-connections", "20"]) == 0
        url = capsys.readouterr().out.strip()
        assert url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
        with psycopg.connect(conninfo(url)) as connection:
            assert connection.execute("SHOW max_connections").fetchone() == ("20",)
        assert main([str(server.directory), "--stop"]) == 0
        assert not server.running
    finally:
        server.cleanup()
