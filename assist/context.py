"""Opening the user's knowledge store and search on first start and every start after it."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from knowledge.db import DATABASE_FILE
from knowledge.demo import ensure_synonyms_file, load_demo_content
from knowledge.search.saved import SavedSearch
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore, ScriptRecord
from scripts_lib.storage import script_documents, sync_builtin_scripts

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

    from assist.customers.store import CustomerStore
    from assist.customers.suggest import ScriptTriggers
    from assist.settings import Settings

log = logging.getLogger(__name__)


def chosen_db_url(explicit: str | None, settings: Settings | None = None) -> str | None:
    """The database to use: --db, else ASSIST_DB_URL, else the team server `assist team login` chose;
    None for this computer's own store."""
    if explicit or os.environ.get("ASSIST_DB_URL"):
        return explicit or os.environ.get("ASSIST_DB_URL")
    from assist.settings import Settings

    return str((settings or Settings.load()).get("team_server")) or None


def is_team_url(db_url: str) -> bool:
    """A PostgreSQL URL names a team server to follow; any other (sqlite://) is a store used directly."""
    return db_url.strip().lower().startswith(("postgresql", "postgres:"))


@dataclass
class AppContext:
    data_dir: Path
    store: KnowledgeStore
    progress: Callable[[int], None] | None = None
    # A throwaway folder (a copy of a broken store, or the built-in content): removed on close.
    temporary: bool = False
    # The saved index, opened before the store so search could answer early; taken over by search.
    saved: SavedSearch | None = None
    db_url: str | None = None
    # Where customer history lives when it is not beside this store: the agent's own data folder while
    # the knowledge base is shown from a copy or the built-in content (a broken FAQ store must not
    # cost the caller cards, nor send wrap-ups to a folder removed on close).
    customers_dir: Path | None = None

    # A team server (PostgreSQL) this context follows: `store` is then its local replica, and what
    # edits content goes to the server (editing_store).
    team_url: URL | None = None

    @classmethod
    def open(cls, data_dir: Path, db_url: str | None = None,
             progress: Callable[[int], None] | None = None) -> AppContext:
        data_dir.mkdir(parents=True, exist_ok=True)
        team_url = None
        if db_url and is_team_url(db_url):
            from assist.team.credentials import parse_server_url
            from assist.team.replica import replica_dir

            team_url = parse_server_url(db_url)
            # The replica holds the team's content only: no demo entries mixed into it.
            store = KnowledgeStore.open(replica_dir(data_dir, team_url))
        else:
            store = KnowledgeStore.from_url(db_url) if db_url else KnowledgeStore.open(data_dir)
            if os.environ.get("ASSIST_NO_DEMO") != "1":
                load_demo_content(store)
        # The built-in scripts are part of the app, not demo content: every install has them.
        sync_builtin_scripts(store)
        return cls(data_dir, store, progress, db_url=db_url, team_url=team_url)

    @cached_property
    def _server_store(self) -> KnowledgeStore:
        from assist.team.replica import server_store

        assert self.team_url is not None
        return server_store(self.team_url)

    @cached_property
    def _team_identity(self) -> tuple[str, str]:
        from assist.team.replica import knowledge_identity

        assert self.team_url is not None
        return knowledge_identity(self.editing_store())

    def team_identity(self) -> tuple[str, str]:
        """Who edits (the server login) and their knowledge role ("reviewer" for a team's editors and
        admins, "agent" otherwise); TeamError when the server is away or the login no member."""
        return self._team_identity

    def editing_store(self) -> KnowledgeStore:
        """Where content is edited and imported: the team server when following one (which must be
        reachable: TeamError says so), else the store itself."""
        return self.store if self.team_url is None else self._server_store

    @cached_property
    def search(self) -> KnowledgeSearch:
        """Opened on first use: exporting or importing needs the store, not the search index."""
        synonyms = ensure_synonyms_file(self.data_dir)
        return KnowledgeSearch(self.store, self.data_dir, synonyms, progress=self.progress,
                               script_documents=script_documents, saved=self.saved)

    @cached_property
    def customers(self) -> CustomerStore:
        """Customer history beside the knowledge store (the same server in team mode, its own tables)."""
        from assist.customers.demo import load_demo_customers
        from assist.customers.store import CustomerStore

        if self.team_url is not None:
            from sqlalchemy.pool import NullPool

            from assist.team.schema import connect

            # Looked up about once a call: no connection held between calls, so a sidebar holds one
            # server connection in all (its sync's, which carries the notices).
            store = CustomerStore(connect(self.team_url, compact_json=True, poolclass=NullPool))
        else:
            store = (CustomerStore.from_url(self.db_url) if self.db_url
                     else CustomerStore.open(self.customers_dir or self.data_dir))
        if self.team_url is None and os.environ.get("ASSIST_NO_DEMO") != "1":
            load_demo_customers(store)
        return store

    def script_triggers(self, records: Sequence[ScriptRecord] | None = None) -> list[ScriptTriggers]:
        """What suggests each published script for a caller; `records` when already read."""
        from assist.customers.suggest import triggers_from_script_data

        return [triggers_from_script_data(record.data)
                for record in (self.store.scripts() if records is None else records)]

    def close(self) -> None:
        if "customers" in self.__dict__:
            self.customers.close()
        if "_server_store" in self.__dict__:
            self._server_store.close()
        if "search" in self.__dict__:
            self.search.engine.index.close()
        self.store.close()
        if self.temporary:
            shutil.rmtree(self.data_dir, ignore_errors=True)


@dataclass
class Opened:
    """What the sidebar got to work with, and what it must tell the agent about how it got it.

    `mode` is "store" (the agent's own), "copy" (a snapshot of it: writes are not kept), "builtin"
    (a fresh store with the bundled content only) or "none"; the UI words the message itself.
    """

    context: AppContext | None
    mode: str
    location: str
    failure: str = ""  # why the agent's own store did not open
    fallback_failure: str = ""  # why the built-in content did not open either

    @property
    def provisional(self) -> bool:
        return self.mode in ("copy", "builtin")


def _open_with_index(data_dir: Path, db_url: str | None, temporary: bool = False,
                     saved: SavedSearch | None = None, customers_dir: Path | None = None) -> AppContext:
    try:
        context = AppContext.open(data_dir, db_url=db_url)
        context.temporary = temporary
        context.saved = saved
        context.customers_dir = customers_dir
    except BaseException:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    try:
        context.search  # noqa: B018 - load the index now, in the caller's (background) thread
    except BaseException:
        context.close()
        raise
    return context


def _reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def open_for_sidebar(data_dir: Path, db_url: str | None = None,
                     saved: SavedSearch | None = None) -> Opened:
    """Open the agent's store; if that fails, a copy of it, and failing that the built-in content.

    The broken original is never written to, so whatever is wrong with it can still be mended.
    `saved` is the store's saved index, already answering searches (open_saved_search).
    """
    location = db_url or str(data_dir)
    try:
        return Opened(_open_with_index(data_dir, db_url, saved=saved), "store", location)
    except Exception as error:  # any failure here must become a message, not a crash
        failure = _reason(error)
        log.warning("store at %s did not open: %s", location, failure)
    database = data_dir / DATABASE_FILE
    if db_url is None and database.is_file():
        copy_dir: Path | None = None
        try:
            copy_dir = Path(tempfile.mkdtemp(prefix="assist-copy-"))
            for suffix in ("", "-wal"):
                source = database.with_name(database.name + suffix)
                if source.exists():
                    shutil.copy2(source, copy_dir / source.name)
            return Opened(_open_with_index(copy_dir, None, temporary=True, customers_dir=data_dir),
                          "copy", location, failure)
        except Exception as error:
            if copy_dir is not None:
                shutil.rmtree(copy_dir, ignore_errors=True)
            log.warning("copy of the store did not open either: %s", _reason(error))
    try:
        fallback = Path(tempfile.mkdtemp(prefix="assist-builtin-"))
        return Opened(_open_with_index(fallback, None, temporary=True,
                                       customers_dir=None if db_url else data_dir), "builtin", location,
                      failure)
    except Exception as error:
        return Opened(None, "none", location, failure, _reason(error))
