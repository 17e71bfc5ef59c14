"""Opening the user's knowledge store and search on first start and every start after it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from knowledge.demo import ensure_synonyms_file, load_demo_content
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore
from scripts_lib.storage import script_documents, sync_builtin_scripts


@dataclass
class AppContext:
    data_dir: Path
    store: KnowledgeStore
    progress: Callable[[int], None] | None = None

    @classmethod
    def open(cls, data_dir: Path, db_url: str | None = None,
             progress: Callable[[int], None] | None = None) -> AppContext:
        data_dir.mkdir(parents=True, exist_ok=True)
        store = KnowledgeStore.from_url(db_url) if db_url else KnowledgeStore.open(data_dir)
        if os.environ.get("ASSIST_NO_DEMO") != "1":
            load_demo_content(store)
        # The built-in scripts are part of the app, not demo content: every install has them.
        sync_builtin_scripts(store)
        return cls(data_dir, store, progress)

    @cached_property
    def search(self) -> KnowledgeSearch:
        """Opened on first use: exporting or importing needs the store, not the search index."""
        synonyms = ensure_synonyms_file(self.data_dir)
        return KnowledgeSearch(self.store, self.data_dir, synonyms, progress=self.progress,
                               script_documents=script_documents)

    def close(self) -> None:
        if "search" in self.__dict__:
            self.search.engine.index.close()
        self.store.close()
