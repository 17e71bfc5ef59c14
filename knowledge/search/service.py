"""The search index's life beside a store: load the saved index, catch up, rebuild when needed."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from knowledge.entries import FaqEntryData
from knowledge.search.document import SearchDocument
from knowledge.search.engine import SearchEngine, SearchHit
from knowledge.search.index import IndexFormatError, InvertedIndex
from knowledge.search.saved import INDEX_DIR, SavedSearch, load_synonyms
from knowledge.search.synonyms import SynonymTable
from knowledge.store import KnowledgeStore, ScriptRecord

log = logging.getLogger(__name__)

# Turns a stored script into its search documents. Given by the caller because the shape of a
# script belongs to scripts_lib, which the knowledge package does not import.
ScriptDocuments = Callable[[ScriptRecord], Sequence[SearchDocument]]

# Past this many changes since the saved base, a rebuild is cheaper than replaying them each start.
REBUILD_AFTER_CHANGES = 2000


class KnowledgeSearch:
    """Thread-safe: the sidebar searches from a worker thread while writes refresh the index.

    Two locks. `_lock` is the search lock: held by every search for as long as it runs, and by
    whatever changes the index searches read, only ever briefly. `_refresh_lock` lets one refresh or
    rebuild run at a time; a rebuild builds the new index with only that one held, so searches go on
    answering from the old index meanwhile, and takes the search lock just to swap the new one in.
    """

    def __init__(self, store: KnowledgeStore, data_dir: Path, synonyms_path: Path | None = None,
                 progress: Callable[[int], None] | None = None,
                 script_documents: ScriptDocuments | None = None,
                 saved: SavedSearch | None = None) -> None:
        """`saved`: the saved index already opened on its own (open_saved_search), perhaps being
        searched right now; it is taken over, caught up with the store, and kept pointing at
        the current engine."""
        self.store = store
        self._script_documents = script_documents
        self.index_dir = Path(data_dir) / INDEX_DIR
        self._lock = saved.lock if saved is not None else threading.RLock()
        self._refresh_lock = threading.RLock()
        self._progress = progress
        if saved is not None:
            synonyms, self.synonym_problem = saved.engine.synonyms, saved.synonym_problem
        else:
            synonyms, self.synonym_problem = load_synonyms(synonyms_path)
        # The store generation the index has folded in; read and written under _refresh_lock.
        self._generation = 0
        self._saved = saved
        with self._refresh_lock:
            self._open_index(synonyms)

    def _open_index(self, synonyms: SynonymTable) -> None:
        """Start from the saved index (already open, or loaded now) and catch it up the way a
        refresh does; an index of another store, or none at all, is rebuilt."""
        if self._saved is not None:
            self.engine = self._saved.engine
        else:
            try:
                self.engine = SearchEngine(InvertedIndex.load(self.index_dir), synonyms)
            except IndexFormatError as reason:
                log.info("building the search index: %s", reason)
                generation = self.store.generation()
                self.engine = SearchEngine(self._build(self.store.store_id(), generation), synonyms)
                self._save(self.engine.index)
                self._generation = generation
                return
        if self.engine.index.meta.get("store") != self.store.store_id():
            log.info("building the search index: the saved one belongs to another store")
            self.rebuild()
            return
        self._generation = int(self.engine.index.meta.get("generation", 0))
        self._fold_in()

    def _build(self, store_id: str, generation: int) -> InvertedIndex:
        """A new index of everything published, in memory; `generation` was read before the store was."""
        published = self.store.entries(status="published")
        scripts = self.store.scripts() if self._script_documents is not None else []

        def documents() -> Iterator[SearchDocument]:
            for entry in published:
                yield entry.to_document()
            for record in scripts:
                yield from self._documents_of(record)

        return InvertedIndex.build(documents(), meta={"store": store_id, "generation": generation},
                                   progress=self._progress)

    def _save(self, index: InvertedIndex) -> None:
        """Write a freshly built index as the saved base (before any change is applied to it: save
        needs a fresh build). Only when no search can still read the saved files it replaces."""
        try:
            index.save(self.index_dir)
        except OSError as error:
            log.warning("search index not saved (%s); it will be rebuilt next start", error)

    @staticmethod
    def _apply(index: InvertedIndex, changes: Iterable[FaqEntryData]) -> None:
        for entry in changes:
            if entry.status == "published":
                index.upsert(entry.to_document())
            else:
                index.remove(entry.id)

    def _changed_scripts(self, generation: int) -> list[ScriptRecord]:
        if self._script_documents is None:
            return []
        return self.store.scripts_changed_since(generation)

    def _documents_of(self, record: ScriptRecord) -> Sequence[SearchDocument]:
        assert self._script_documents is not None
        try:
            return self._script_documents(record)
        except (KeyError, TypeError, ValueError) as error:
            # A stored script this version cannot read must not take search down with it.
            log.warning("script %s left out of search: %s", record.id, error)
            return []

    def _apply_scripts(self, index: InvertedIndex, changes: Iterable[ScriptRecord]) -> None:
        for record in changes:
            documents = self._documents_of(record)
            for document in documents:
                if record.status == "published":
                    index.upsert(document)
                else:
                    index.remove(document.doc_id)

    def _rebuild(self, generation: int) -> None:
        """Build a new index aside while searches use the old one, then swap it in. Caller holds
        _refresh_lock, so nothing else changes the index meanwhile."""
        index = self._build(self.store.store_id(), generation)
        with self._lock:
            old = self.engine.index
            # A new engine too: the old one keeps tables made from the old index's word list.
            self.engine = SearchEngine(index, self.engine.synonyms)
            if self._saved is not None:
                self._saved.engine = self.engine
        # Every search holds the lock while it runs and reads the engine inside it, so none is in
        # the old index now and none will be again: its files may go.
        old.close()
        self._save(index)
        self._generation = generation

    def _fold_in(self, may_rebuild: bool = True) -> int:
        """Fold in the changes since the generation the index has; how many. Past
        REBUILD_AFTER_CHANGES (and `may_rebuild`), a new index is built instead, and what landed
        during the build is folded into it right after the swap. Caller holds _refresh_lock."""
        # Generation first: a write landing between the two reads is then applied again next time
        # (upserts are idempotent) instead of being skipped for good.
        generation = self.store.generation()
        changes = self.store.changed_since(self._generation)
        script_changes = self._changed_scripts(self._generation)
        count = len(changes) + len(script_changes)
        if not count:
            return 0
        if may_rebuild and self.engine.index.delta_size + count > REBUILD_AFTER_CHANGES:
            self._rebuild(generation)
            return count + self._fold_in(may_rebuild=False)
        with self._lock:
            self._apply(self.engine.index, changes)
            self._apply_scripts(self.engine.index, script_changes)
        self._generation = generation
        return count

    def refresh(self) -> int:
        """Fold in what changed in the store since the index last looked; returns how many. Searches
        wait only while changes are applied or a rebuilt index is swapped in, never while the store
        is read or an index is built."""
        with self._refresh_lock:
            return self._fold_in()

    def rebuild(self) -> None:
        """A new index of the whole store, built while searches go on in the old one."""
        with self._refresh_lock:
            self._rebuild(self.store.generation())
            self._fold_in(may_rebuild=False)

    def search(self, query: str, limit: int = 10, kinds: Iterable[str] | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[SearchHit]:
        with self._lock:
            return self.engine.search(query, limit=limit, kinds=kinds, cancelled=cancelled)
