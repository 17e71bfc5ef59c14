"""Opening a knowledge database and bringing its schema up to date with Alembic."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text

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


def open_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


# Either quote: script.py.mako writes repr() of the revision, which is single-quoted.
_REVISION_LINE = re.compile(r"""^(down_revision|revision)\s*=\s*(?:(["'])(.*?)\2|None)""", re.MULTILINE)


@cache
def head_revision() -> str | None:
    """The newest migration, read from the migration files' own revision lines.

    Alembic answers the same (tests/knowledge/test_store.py checks it), but importing it costs
    a start about half a second, and a start only needs to know that nothing is to be done.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for key, _quote, value in _REVISION_LINE.findall(path.read_text("utf-8")):
            (revisions if key == "revision" else parents).add(value)
    heads = revisions - parents - {""}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations in {MIGRATIONS_DIR} have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    """What alembic_version holds, read as Alembic's MigrationContext would (None for a new store)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Upgrade to the newest schema; a no-op (one small query) when already there."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
