"""Shared fixtures: every test gets its own data directory, an in-memory keyring, no real display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from assist.team.localserver import LocalPostgres
from tests.pg import PrivateCluster, configured_server_url, create_database, drop_database, unavailable
from tests.team.support import TeamDb, team_database

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """Headless Linux has no keyring; the null backend would silently drop secrets."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ASSIST_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASSIST_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("ASSIST_DB_URL", raising=False)
    monkeypatch.delenv("ASSIST_NO_DEMO", raising=False)
    keyring.set_keyring(MemoryKeyring())
    yield data_dir


# -- PostgreSQL: the server ASSIST_TEST_PG_URL names, else one private cluster per session (tests/pg.py) --


@pytest.fixture(scope="session")
def _pg_private_cluster() -> Iterator[PrivateCluster]:
    cluster = PrivateCluster()
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def pg_server_url(_pg_private_cluster: PrivateCluster) -> str:
    """The admin URL (postgresql+psycopg://) of a server the tests may create databases on."""
    try:
        return configured_server_url() or _pg_private_cluster.get().url()
    except RuntimeError as error:
        unavailable(str(error))


@pytest.fixture(scope="session")
def own_pg(_pg_private_cluster: PrivateCluster) -> LocalPostgres:
    """A private cluster the test may stop, kill and restart; never ASSIST_TEST_PG_URL's server."""
    try:
        return _pg_private_cluster.get()
    except RuntimeError as error:
        unavailable(str(error))


@pytest.fixture(autouse=True)
def _own_pg_left_running(request: pytest.FixtureRequest) -> Iterator[None]:
    # own_pg is shared by the whole session, so a test that stops it must not cost the next ones
    if "own_pg" not in request.fixturenames:
        yield
        return
    server: LocalPostgres = request.getfixturevalue("own_pg")
    if not server.running:
        server.start()
    yield
    if not server.running:
        server.start()


@pytest.fixture
def pg_database_url(pg_server_url: str, _pg_private_cluster: PrivateCluster) -> Iterator[str]:
    """A fresh empty database for this test alone, dropped afterwards."""
    private = _pg_private_cluster.serves(pg_server_url)
    if private:
        _pg_private_cluster.get()  # starts it again if an own_pg test left it stopped
    url = create_database(pg_server_url)
    yield url
    if private:
        _pg_private_cluster.get()  # the test may have stopped the cluster this database lives on
    drop_database(pg_server_url, url)


@pytest.fixture
def own_team(own_pg: LocalPostgres) -> Iterator[TeamDb]:
    """A team database on the private cluster, which the test may stop, kill and start."""
    url = create_database(own_pg.url())
    try:
        with team_database(url) as made:
            try:
                yield made
            finally:
                if not own_pg.running:
                    own_pg.start()
    finally:
        drop_database(own_pg.url(), url)
