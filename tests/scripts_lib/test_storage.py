"""Built-in scripts in the store, and scripts found by the same search as FAQ entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from assist.context import AppContext
from knowledge.store import KnowledgeStore, ScriptRecord
from scripts_lib.loading import builtin_scripts
from scripts_lib.model import Script, script_id_of
from scripts_lib.storage import (
    BUILTIN,
    load_stored_script,
    script_from_record,
    script_record,
    sync_builtin_scripts,
)


def test_builtin_sync_is_idempotent_and_respects_packs(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    shipped = builtin_scripts()
    assert sync_builtin_scripts(store).created == len(shipped) >= 14
    generation = store.generation()
    assert sync_builtin_scripts(store).unchanged == len(shipped)
    assert store.generation() == generation  # nothing rewritten, nothing to reindex

    # A pack took over one script id; a start must not put the built-in version back.
    taken = shipped[0]
    store.put_scripts([script_record(taken, origin="team-pack")])
    sync_builtin_scripts(store)
    record = store.script(taken.id)
    assert record is not None and record.origin == "team-pack"

    # A built-in script this version no longer ships is archived, not deleted.
    store.put_scripts([ScriptRecord("retired-script", shipped[1].to_json())])
    sync_builtin_scripts(store)
    retired = store.script("retired-script")
    assert retired is not None and retired.status == "archived"
    assert {script_from_record(r).id for r in store.scripts()} == {s.id for s in shipped}


def test_doc_ids_name_script_and_language() -> None:
    assert script_id_of("script:refund-not-received.en") == ("refund-not-received", "en")
    assert script_id_of("script:refund-not-received") == ("refund-not-received", "zh-Hans")
    assert script_id_of("refund-eta") is None


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    return AppContext.open(tmp_path_factory.mktemp("scripts-data"))


@pytest.mark.parametrize("query", ["老年客户APP打不开", "laonian", "客戶辱罵", "abusive customer",
                                   "投诉登记", "tsdj", "irate", "以旧换新两台"])
def test_scripts_are_found_like_faq_entries(context: AppContext, query: str) -> None:
    hits = context.search.search(query, limit=5, kinds=["script"])
    assert hits, query
    found = load_stored_script(context.store, hits[0].doc_id)
    assert found is not None
    script, lang = found
    assert hits[0].title == script.title.get(lang)


def test_script_snippets_carry_no_placeholder_syntax(context: AppContext) -> None:
    hits = context.search.search("退款", limit=10, kinds=["script"])
    assert hits
    assert all("{" not in hit.snippet and "}" not in hit.snippet for hit in hits)


def test_builtin_sync_skips_parsing_until_the_library_or_the_store_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from knowledge.resources import resources_dir
    from scripts_lib import loading, storage

    library = tmp_path / "resources"
    shutil.copytree(resources_dir() / "scripts", library / "scripts")
    monkeypatch.setenv("ASSIST_RESOURCES_DIR", str(library))
    parsed: list[int] = []
    real = loading.load_script_dir

    def counting(path: Path, **kwargs: bool) -> list[Script]:
        parsed.append(1)
        return real(path, **kwargs)

    monkeypatch.setattr(storage, "builtin_scripts", lambda: tuple(counting(library / "scripts")))
    store = KnowledgeStore.open(tmp_path / "data")
    sync_builtin_scripts(store)
    assert len(parsed) == 1
    sync_builtin_scripts(store)
    assert len(parsed) == 1  # a plain restart reads no YAML

    # An edited library file is synced on the next start.
    target = sorted((library / "scripts").glob("*.yaml"))[0]
    target.write_text(target.read_text("utf-8") + "\n# edited\n", "utf-8")
    sync_builtin_scripts(store)
    assert len(parsed) == 2

    # So is a store a pack or an editor changed behind the library's back.
    victim = store.scripts()[0]
    store.put_scripts([ScriptRecord(victim.id, victim.data, origin=BUILTIN, status="archived")])
    sync_builtin_scripts(store)
    assert len(parsed) == 3
    restored = store.script(victim.id)
    assert restored is not None and restored.status == "published"
