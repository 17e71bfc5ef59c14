"""The search service beside a store: a big refresh builds the new index aside while searches go on
in the old one, swaps it in, and folds in what was written meanwhile.

The orderings are made with events, not with timings: a step that should not wait is given a long
timeout that only a hang would reach."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from knowledge.entries import FaqEntryData, entry_from_mapping
from knowledge.search import service
from knowledge.search.index import InvertedIndex
from knowledge.search.saved import open_saved_search
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore

HANG = 30  # seconds: far past anything these steps take, reached only if one waits on the other


def _entry(entry_id: str, title: str, body: str = "按页面提示操作。") -> FaqEntryData:
    return entry_from_mapping({"id": entry_id, "title": title, "body": body})


def _changed(store: KnowledgeStore, entry_id: str, **changes: Any) -> FaqEntryData:
    [entry] = [entry for entry in store.entries() if entry.id == entry_id]
    return entry_from_mapping(entry.to_import_record() | changes)


def _ids(search: KnowledgeSearch, query: str) -> set[str]:
    return {hit.doc_id for hit in search.search(query, limit=50)}


def _in_thread(action: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    """Run `action` in a thread; its result, or the exception it raised, lands in the list."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(action())
        except BaseException as error:  # handed to the test thread, which asserts on it
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


class PausedBuild:
    """Once armed, index builds announce themselves (`building`) and wait for `release`."""

    def __init__(self) -> None:
        self.armed, self.building, self.release = threading.Event(), threading.Event(), threading.Event()


@pytest.fixture
def paused_build(monkeypatch: pytest.MonkeyPatch) -> Iterator[PausedBuild]:
    paused = PausedBuild()
    real_build = InvertedIndex.build

    def build(*args: Any, **kwargs: Any) -> InvertedIndex:
        if paused.armed.is_set():
            paused.building.set()
            if not paused.release.wait(HANG):
                raise TimeoutError("the test never let the build go on")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(InvertedIndex, "build", build)
    # A handful of changes stands for the thousands of a big pack.
    monkeypatch.setattr(service, "REBUILD_AFTER_CHANGES", 2)
    yield paused
    paused.release.set()


def _big_change_pending(tmp_path: Path, paused_build: PausedBuild, first: list[FaqEntryData]
                        ) -> tuple[KnowledgeStore, KnowledgeSearch]:
    """A searched store, then three more entries: enough (with the patched limit) to rebuild."""
    store = KnowledgeStore.open(tmp_path)
    store.upsert(first)
    search = KnowledgeSearch(store, tmp_path)
    paused_build.armed.set()
    store.upsert([_entry("b", "电子发票重开"), _entry("c", "发票抬头写错"), _entry("d", "退款多久到账")])
    return store, search


def test_a_search_during_a_big_refresh_answers_from_the_old_index(
        tmp_path: Path, paused_build: PausedBuild) -> None:
    _store, search = _big_change_pending(tmp_path, paused_build, [_entry("a", "发票怎么开")])
    building, release = paused_build.building, paused_build.release

    refresher, refreshed = _in_thread(search.refresh)
    assert building.wait(HANG)
    # The new index is being built (and stays so until released): a search from another thread
    # answers from the old one instead of waiting for it.
    searcher, found = _in_thread(lambda: _ids(search, "发票"))
    searcher.join(HANG)
    assert not searcher.is_alive() and found == [{"a"}]
    assert refresher.is_alive() and not release.is_set()

    release.set()
    refresher.join(HANG)
    assert not refresher.is_alive() and refreshed == [3]
    assert _ids(search, "发票") == {"a", "b", "c"}
    assert _ids(search, "退款") == {"d"}


def test_a_write_during_the_build_is_searchable_after_the_refresh(
        tmp_path: Path, paused_build: PausedBuild) -> None:
    store, search = _big_change_pending(tmp_path, paused_build,
                                        [_entry("a", "发票怎么开"), _entry("gone", "积分过期规则")])
    building, release = paused_build.building, paused_build.release

    refresher, refreshed = _in_thread(search.refresh)
    assert building.wait(HANG)
    # The build has read the store already; these land after it did, before the swap.
    store.upsert([_entry("e", "发票丢了怎么补"),
                  _changed(store, "gone", status="archived")])
    release.set()
    refresher.join(HANG)
    assert not refresher.is_alive() and refreshed == [5]
    assert _ids(search, "发票") == {"a", "b", "c", "e"}
    assert _ids(search, "积分过期") == set()
    # Nothing is left over for the next refresh, and a new process reading the saved index (built
    # before the last writes) replays them.
    assert search.refresh() == 0
    reopened = KnowledgeSearch(store, tmp_path)
    assert _ids(reopened, "发票") == {"a", "b", "c", "e"}
    assert _ids(reopened, "积分过期") == set()


def test_the_old_index_stays_open_until_no_search_reads_it(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([_entry("a", "发票怎么开"), _entry("b", "电子发票重开")])
    KnowledgeSearch(store, tmp_path)  # builds and saves the index
    search = KnowledgeSearch(store, tmp_path)  # reads the saved one: its records come from files
    monkeypatch.setattr(service, "REBUILD_AFTER_CHANGES", 2)
    store.upsert([_entry("c", "发票抬头写错"), _entry("d", "退款多久到账"), _entry("e", "积分过期")])

    events: list[str] = []
    old = search.engine.index
    real_close, real_record = old.close, old.record

    def close() -> None:
        events.append("old index closed")
        real_close()

    def record(number: int) -> dict[str, Any]:
        events.append("record read")  # by a search, so with the search lock held
        return real_record(number)

    monkeypatch.setattr(old, "close", close)
    monkeypatch.setattr(old, "record", record)
    in_search, resume = threading.Event(), threading.Event()

    def paused() -> bool:
        # Called inside the search between reading postings and reading records (from the files).
        in_search.set()
        if not resume.wait(HANG):
            raise TimeoutError("the test never let the search go on")
        return False

    searcher, found = _in_thread(lambda: _ids_while(search, "发票", paused))
    assert in_search.wait(HANG)
    refresher, refreshed = _in_thread(search.refresh)
    # The refresh builds its index while the search is paused; the swap waits for the search, and
    # the old index's files stay open until the swap.
    resume.set()
    searcher.join(HANG)
    refresher.join(HANG)
    assert found == [{"a", "b"}] and refreshed == [3]
    assert events[-1] == "old index closed" and events[:-1] and set(events[:-1]) == {"record read"}
    assert _ids(search, "发票") == {"a", "b", "c"}


def _ids_while(search: KnowledgeSearch, query: str, cancelled: Callable[[], bool]) -> set[str]:
    return {hit.doc_id for hit in search.search(query, limit=50, cancelled=cancelled)}


def test_typo_matching_follows_a_rebuilt_index(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([entry_from_mapping({"id": "r", "title": "Refund timeline", "body": "Three days.",
                                      "lang": "en"})])
    search = KnowledgeSearch(store, tmp_path)
    assert _ids(search, "refnud") == {"r"}  # the engine's typo table is made from the index's words
    store.upsert([entry_from_mapping({"id": f"w{n}", "title": f"Aardvark{n} abacus{n} warranty",
                                      "body": "x", "lang": "en"}) for n in range(30)])
    search.rebuild()
    assert _ids(search, "refnud") == {"r"}
    assert "w1" in _ids(search, "waranty")


# -- the saved index opened before the store ----------------------------------------------------------


def test_the_saved_index_answers_before_the_store_and_is_caught_up_by_it(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([_entry("a", "发票怎么开")])
    KnowledgeSearch(store, tmp_path).engine.index.close()
    store.upsert([_entry("b", "电子发票重开")])  # written while the sidebar was closed

    saved = open_saved_search(tmp_path)
    assert saved is not None
    assert {hit.doc_id for hit in saved.search("发票")} == {"a"}  # what the index knew
    search = KnowledgeSearch(store, tmp_path, saved=saved)
    assert search.engine is saved.engine  # taken over, not loaded twice
    assert {hit.doc_id for hit in saved.search("发票")} == {"a", "b"}
    assert _ids(search, "发票") == {"a", "b"}


def test_a_saved_index_of_another_store_is_replaced_for_its_searchers(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other_store = KnowledgeStore.open(other)
    other_store.upsert([_entry("elsewhere", "发票怎么开")])
    KnowledgeSearch(other_store, other).engine.index.close()
    mine = tmp_path / "mine"
    store = KnowledgeStore.open(mine)
    store.upsert([_entry("mine", "发票抬头写错")])
    (mine / "search-index").parent.mkdir(exist_ok=True)
    shutil.copytree(other / "search-index", mine / "search-index")

    saved = open_saved_search(mine)
    assert saved is not None and {hit.doc_id for hit in saved.search("发票")} == {"elsewhere"}
    search = KnowledgeSearch(store, mine, saved=saved)
    assert saved.engine is search.engine  # searches through the early handle go to the new index
    assert {hit.doc_id for hit in saved.search("发票")} == {"mine"}
    search.engine.index.close()
    reopened = open_saved_search(mine)  # and the new one was saved over the stranger's
    assert reopened is not None and reopened.engine.index.meta["store"] == store.store_id()


def test_no_saved_index_means_none(tmp_path: Path) -> None:
    assert open_saved_search(tmp_path) is None
