"""A PostgreSQL server for the tests: the one ASSIST_TEST_PG_URL names, else a private cluster."""

from __future__ import annotations

import os
import secrets
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from assist.team.localserver import LocalPostgres
from assist.team.schema import group_role_names

DRIVER = "postgresql+psycopg"
# Only databases the tests made are ever dropped, so a mistyped URL cannot cost a real one.
TEST_DATABASE_PREFIX = "assist_t_"


def normalise_url(url: str) -> str:
    """A ``postgres://``, ``postgresql://`` or ``postgresql+driver://`` URL in the psycopg driver's form."""
    parsed = make_url(url)
    if parsed.get_backend_name() not in ("postgresql", "postgres"):
        raise ValueError(f"not a PostgreSQL URL: {parsed.render_as_string(hide_password=True)}")
    return parsed.set(drivername=DRIVER).render_as_string(hide_password=False)


def conninfo(url: str) -> str:
    """The libpq form of a SQLAlchemy URL, for ``psycopg.connect``."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def configured_server_url() -> str | None:
    """ASSIST_TEST_PG_URL's server, checked to answer; None when unset, RuntimeError when unusable."""
    configured = os.environ.get("ASSIST_TEST_PG_URL", "").strip()
    if not configured:
        return None
    try:
        url = normalise_url(configured)
        with psycopg.connect(conninfo(url), autocommit=True, connect_timeout=5) as connection:
            connection.execute("SELECT 1")
    except (ValueError, ArgumentError, psycopg.Error) as error:
        raise RuntimeError(f"ASSIST_TEST_PG_URL={configured} is not usable: {error}") from error
    return url


def create_database(admin_url: str) -> str:
    """A new empty database on admin_url's server; returns its URL (psycopg driver)."""
    name = f"{TEST_DATABASE_PREFIX}{secrets.token_hex(6)}"
    with psycopg.connect(conninfo(admin_url), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_url(normalise_url(admin_url)).set(database=name).render_as_string(hide_password=False)


def drop_database(admin_url: str, url: str) -> None:
    """Drop url's database, closing whatever connections a test left open to it."""
    name = make_url(url).database or ""
    if not name.startswith(TEST_DATABASE_PREFIX):
        raise ValueError(f"refusing to drop {name!r}: not a database the tests created")
    with psycopg.connect(conninfo(admin_url), autocommit=True) as connection:
        connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
        # a pool may reconnect between the terminate and the drop; FORCE closes those too
        force = sql.SQL(" WITH (FORCE)") if connection.info.server_version >= 130000 else sql.SQL("")
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}{}").format(sql.Identifier(name), force))
        # A team database's group roles are the server's: they go with it.
        for role in reversed(list(group_role_names(name).values())):
            connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def unavailable(reason: str) -> NoReturn:
    """Fail when the run demands PostgreSQL (ASSIST_REQUIRE_PG=1), else skip."""
    if os.environ.get("ASSIST_REQUIRE_PG") == "1":
        pytest.fail(f"PostgreSQL is required (ASSIST_REQUIRE_PG=1): {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL server: {reason}")


class PrivateCluster:
    """At most one private cluster per session, started on first use and removed at the end."""

    def __init__(self) -> None:
        self._server: LocalPostgres | None = None
        self._error: str | None = None

    def get(self) -> LocalPostgres:
        """The running cluster; RuntimeError (the same one every time) when none can be started."""
        if self._error is not None:
            raise RuntimeError(self._error)
        if self._server is None:
            server = LocalPostgres.temporary()
            try:
                server.start()
            except RuntimeError as error:
                server.cleanup()
                self._error = str(error)
                raise
            self._server = server
        elif not self._server.running:
            # a restart test that failed half-way leaves it stopped; later tests still need it
            self._server.start()
        return self._server

    def serves(self, url: str) -> bool:
        return self._server is not None and url == self._server.url()

    def close(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None
