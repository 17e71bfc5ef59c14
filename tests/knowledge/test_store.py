import sqlite3
from pathlib import Path

from alembic.script import ScriptDirectory

from knowledge.db import _alembic_config, current_revision, head_revision
from knowledge.demo import load_demo_content
from knowledge.entries import entry_from_mapping
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore, ScriptRecord


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    assert current_revision(store.engine) == head_revision() == "0008"
    # head_revision reads the files itself, to keep Alembic out of a start: it must agree.
    assert head_revision() == ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with sqlite3.connect(tmp_path / "knowledge.sqlite3") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"faq_entries", "scripts", "store_state", "trusted_keys", "pack_versions",
            "pack_displaced", "usage_events"} <= tables


def test_the_migrations_build_exactly_the_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from knowledge.models import Base

    store = KnowledgeStore.open(tmp_path)
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    # Tables, columns, types and indexes; server defaults are not compared (the models set Python ones).
    assert differences == []


def test_upgrading_a_0002_store_keeps_its_entries_as_local(tmp_path: Path) -> None:
    from alembic import command

    from knowledge.db import _alembic_config, open_engine, sqlite_url

    engine = open_engine(sqlite_url(tmp_path))
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.exec_driver_sql(
            "INSERT INTO faq_entries (id, title, body, scenario_answer, aliases, tags, category, lang, "
            "status, version, created_at, updated_at, generation) VALUES ('old', '旧问题', '旧答案', '', "
            "'[]', '[]', '', 'zh-Hans', 'published', 1, '2026-01-01', '2026-01-01', 1)")
    engine.dispose()
    store = KnowledgeStore.open(tmp_path)
    entry = store.get("old")
    assert entry is not None and (entry.title, entry.origin) == ("旧问题", "local")


def test_demo_content_loads_once(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    added = load_demo_content(store)
    assert added >= 160  # 80+ Chinese entries, each with an English version
    langs = {entry.lang for entry in store.entries()}
    assert langs == {"zh-Hans", "en"}
    assert load_demo_content(store) == 0


def test_search_index_catches_up_with_store_changes(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([entry_from_mapping({"id": "a", "title": "发票怎么开", "body": "在订单页申请。"})])
    search = KnowledgeSearch(store, tmp_path)
    assert [h.doc_id for h in search.search("fapiao")] == ["a"]
    store.upsert([entry_from_mapping({"id": "b", "title": "电子发票重开", "body": "联系客服。"}),
                  entry_from_mapping({"id": "a", "title": "发票怎么开", "body": "x",
                                      "status": "archived"})])
    assert search.refresh() == 2
    assert [h.doc_id for h in search.search("fapiao")] == ["b"]
    # A new process loads the saved base and replays what changed since it was saved.
    reopened = KnowledgeSearch(store, tmp_path)
    assert [h.doc_id for h in reopened.search("fapiao")] == ["b"]


def test_a_write_between_refresh_reads_is_not_lost(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([entry_from_mapping({"id": "a", "title": "发票怎么开", "body": "在订单页申请。"})])
    search = KnowledgeSearch(store, tmp_path)
    store.upsert([entry_from_mapping({"id": "b", "title": "积分过期", "body": "年底清零。"})])
    real_changed_since = store.changed_since

    def changed_then_another_writer(generation: int) -> list:  # type: ignore[type-arg]
        changes = real_changed_since(generation)
        # Another process (a CLI import) commits right after the index read its changes.
        store.upsert([entry_from_mapping({"id": "c", "title": "电子发票重开", "body": "x"})])
        return changes

    store.changed_since = changed_then_another_writer  # type: ignore[method-assign]
    search.refresh()
    store.changed_since = real_changed_since  # type: ignore[method-assign]
    search.refresh()
    assert {h.doc_id for h in search.search("发票")} == {"a", "c"}


def test_fold_log_puts_what_was_written_into_the_database_file_itself(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path / "data")
    try:
        store.upsert([entry_from_mapping({"id": f"fold-{number}", "title": f"第{number}个问题",
                                          "body": "答复的正文。" * 50}) for number in range(300)])
        # Until then the writes may live in the write-ahead log only: the file alone would lack them.
        store.fold_log()
        alone = tmp_path / "alone.sqlite3"
        alone.write_bytes((tmp_path / "data" / "knowledge.sqlite3").read_bytes())
        with sqlite3.connect(alone) as connection:
            count = connection.execute("SELECT count(*) FROM faq_entries WHERE id LIKE 'fold-%'").fetchone()
        assert count == (300,)
    finally:
        store.close()


def test_writes_in_one_transaction_share_a_generation_and_the_next_takes_its_own(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    try:
        before = store.generation()
        with store.session() as session, session.begin():
            store.upsert([entry_from_mapping({"id": "gen-a", "title": "问题甲", "body": "答复甲。"})],
                         session=session)
            store.put_scripts([ScriptRecord(id="gen-s", data={"id": "gen-s"}, origin="local")],
                              session=session)
        assert store.generation() == before + 1
        assert [entry.id for entry in store.changed_since(before)] == ["gen-a"]
        assert [record.id for record in store.scripts_changed_since(before)] == ["gen-s"]
        store.upsert([entry_from_mapping({"id": "gen-b", "title": "问题乙", "body": "答复乙。"})])
        assert store.generation() == before + 2
        assert [entry.id for entry in store.changed_since(before + 1)] == ["gen-b"]
    finally:
        store.close()
