"""Scripts kept as JSON in the store, and their search documents kept in step with it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from knowledge.search.document import SearchDocument
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore, ScriptRecord


def _documents(record: ScriptRecord) -> Sequence[SearchDocument]:
    data = record.data
    return [SearchDocument(doc_id=f"script:{record.id}", kind="script", lang="zh-Hans",
                           title=data["title"], body=data.get("body", ""))]


def test_put_scripts_versions_and_generations(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    first = store.put_scripts([ScriptRecord("calm", {"title": "安抚情绪"})])
    assert (first.created, first.updated) == (1, 0)
    generation = store.generation()
    again = store.put_scripts([ScriptRecord("calm", {"title": "安抚情绪"})])
    assert again.unchanged == 1 and store.generation() == generation
    store.put_scripts([ScriptRecord("calm", {"title": "先安抚情绪"}, origin="team-pack")])
    [record] = store.scripts()
    assert record.data == {"title": "先安抚情绪"} and record.origin == "team-pack"
    assert record.version == 2
    assert [r.id for r in store.scripts_changed_since(generation)] == ["calm"]


def test_search_finds_scripts_and_follows_changes(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.put_scripts([ScriptRecord("calm", {"title": "客户情绪激动怎么安抚"})])
    search = KnowledgeSearch(store, tmp_path, script_documents=_documents)
    assert [hit.doc_id for hit in search.search("情绪激动")] == ["script:calm"]
    assert search.search("情绪激动")[0].kind == "script"

    store.put_scripts([ScriptRecord("calm", {"title": "客户情绪激动怎么安抚"}, status="archived")])
    assert search.refresh() == 1
    assert search.search("情绪激动") == []

    # A fresh start reads the saved index and catches up with what changed since it was saved.
    store.put_scripts([ScriptRecord("outage", {"title": "系统故障时怎么跟客户说"})])
    reopened = KnowledgeSearch(store, tmp_path, script_documents=_documents)
    assert [hit.doc_id for hit in reopened.search("系统故障")] == ["script:outage"]


def test_unreadable_stored_script_is_left_out_not_fatal(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.put_scripts([ScriptRecord("broken", {"no_title": True}),
                       ScriptRecord("fine", {"title": "退款没到账"})])
    search = KnowledgeSearch(store, tmp_path, script_documents=_documents)
    assert [hit.doc_id for hit in search.search("退款")] == ["script:fine"]
