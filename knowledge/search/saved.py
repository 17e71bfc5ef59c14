"""The saved search index opened on its own, before the store: the sidebar answers a query while the
database layer is still loading, then the store catches the index up (KnowledgeSearch, `saved=`).

Imports nothing of the database: that is what makes it early.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from knowledge.search.engine import SearchEngine, SearchHit
from knowledge.search.index import IndexFormatError, InvertedIndex
from knowledge.search.synonyms import SynonymFileError, SynonymTable

log = logging.getLogger(__name__)

INDEX_DIR = "search-index"
SYNONYMS_FILE = "synonyms.yaml"


def load_synonyms(path: Path | None) -> tuple[SynonymTable, str | None]:
    """The synonym table, or an empty one and why: a broken table must not take search down."""
    if path is None or not path.exists():
        return SynonymTable(), None
    try:
        return SynonymTable.load(path), None
    except SynonymFileError as error:
        log.warning("synonym table ignored: %s", error)
        return SynonymTable(), str(error)


@dataclass
class SavedSearch:
    """Searches the saved index under `lock`; KnowledgeSearch later shares the lock and may point
    `engine` at a caught-up or rebuilt index, so searches through here stay correct."""

    engine: SearchEngine
    lock: threading.RLock
    synonym_problem: str | None = None

    def search(self, query: str, limit: int = 10, kinds: Iterable[str] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[SearchHit]:
        with self.lock:
            return self.engine.search(query, limit=limit, kinds=kinds, cancelled=cancelled)


def open_saved_search(data_dir: Path) -> SavedSearch | None:
    """None when there is no usable saved index (a first start): the store must build one."""
    try:
        index = InvertedIndex.load(Path(data_dir) / INDEX_DIR)
    except (IndexFormatError, OSError) as reason:
        log.info("no saved search index to start from: %s", reason)
        return None
    synonyms, problem = load_synonyms(Path(data_dir) / SYNONYMS_FILE)
    return SavedSearch(SearchEngine(index, synonyms), threading.RLock(), problem)
