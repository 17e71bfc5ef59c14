"""Opening a knowledge database and bringing its schema up to date with Alembic."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
DATABASE_FILE = "knowledge.sqlite3"


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{Path(data_dir) / DATABASE_FILE}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the sidebar read while an import or an editor writes; NORMAL is durable in WAL mode
    # except for the last transactions on power loss, never corrupting.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def compact_json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def open_engine(url: str, compact_json: bool = False) -> Engine:
    """`compact_json` stores JSON columns as UTF-8 without spaces: Chinese text takes a third of the
    room `\\uXXXX` escapes would (customer history, millions of rows)."""
    engine = (create_engine(url, future=True, json_serializer=compact_json_text) if compact_json
              else create_engine(url, future=True))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(directory: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(directory))
    return config


# Either quote: script.py.mako writes repr() of the revision, which is single-quoted.
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*(?:(["'])(.*?)\2|None)""", re.MULTILINE)


@dataclass(frozen=True)
class MigrationChain:
    """One Alembic history: the knowledge store's, or another schema's (customer history) with its own
    version table, so both can live in one PostgreSQL database.

    The chain's env.py reads the connection and version table from `config.attributes`.
    """

    directory: Path
    version_table: str = "alembic_version"

    def head(self) -> str | None:
        """The newest migration, read from the migration files' own revision lines.

        Alembic answers the same (tests/knowledge/test_store.py checks it), but importing it costs
        a start about half a second, and a start only needs to know that nothing is to be done.
        """
        return _head_of(self.directory)

    def current(self, engine: Engine) -> str | None:
        """What the version table holds, read as Alembic's MigrationContext would (None when new)."""
        with engine.connect() as connection:
            return self.current_on(connection)

    def current_on(self, connection: Connection) -> str | None:
        """The same on a connection already open (a team sidebar's only one)."""
        if not inspect(connection).has_table(self.version_table):
            return None
        return connection.execute(text(f"SELECT version_num FROM {self.version_table}")).scalar()

    def upgrade(self, engine: Engine) -> None:
        """Upgrade to the newest schema; a no-op (one small query) when already there."""
        if self.current(engine) == self.head():
            return
        from alembic import command

        config = _alembic_config(self.directory)
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            config.attributes["version_table"] = self.version_table
            command.upgrade(config, "head")


@cache
def _head_of(directory: Path) -> str | None:
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (directory / "versions").glob("*.py"):
        for key, _quote, value in _REVISION_LINE.findall(path.read_text("utf-8")):
            (revisions if key == "revision" else parents).add(value)
    heads = revisions - parents - {""}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations in {directory} have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


KNOWLEDGE_MIGRATIONS = MigrationChain(MIGRATIONS_DIR)


def head_revision() -> str | None:
    return KNOWLEDGE_MIGRATIONS.head()


def current_revision(engine: Engine) -> str | None:
    return KNOWLEDGE_MIGRATIONS.current(engine)


def migrate(engine: Engine) -> None:
    KNOWLEDGE_MIGRATIONS.upgrade(engine)
