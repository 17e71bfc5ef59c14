"""Where a sidebar keeps its replica of a team server, and the server's own store for editing."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from assist.team.credentials import place
from assist.team.errors import TeamError, first_line
from assist.team.schema import connect
from knowledge.store import KnowledgeStore

REPLICAS = "team"


def replica_dir(data_dir: Path, url: URL) -> Path:
    """One replica per server, database and user: following another server never mixes content, and
    another agent on the same machine gets their own packs and usage."""
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{url.username}@{place(url)}")
    return Path(data_dir) / REPLICAS / name


def server_store(url: URL) -> KnowledgeStore:
    """The team server's knowledge store, for editors and imports; TeamError when it is away."""
    try:
        # Opening migrates-or-checks the schema, which already talks to the server.
        store = KnowledgeStore(connect(url, compact_json=True))
    except (DBAPIError, SQLAlchemyError) as error:
        raise TeamError(f"editing needs the team server {place(url)}, which cannot be reached or "
                        f"refused: {first_line(error)}") from None
    return store


def knowledge_identity(store: KnowledgeStore) -> tuple[str, str]:
    """The server login and the knowledge editor's role for it: a team's editors (and admins) edit and
    review; leads and agents read. The server enforces the same with its grants."""
    from assist.team.schema import knowledge_role, member_of

    with store.engine.connect() as connection:
        member = member_of(connection)
    return member.name, knowledge_role(member.role)
