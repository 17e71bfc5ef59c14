"""Editing without losing an edit: drafts, review, publish, conflicts, history, rollback."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sqlite3
from pathlib import Path

import pytest

from knowledge.editing import (
    EditConflict,
    EditError,
    Editing,
    LintBlocked,
    diff_segments,
    merge_fields,
)
from knowledge.entries import FaqEntryData
from knowledge.search.service import KnowledgeSearch
from knowledge.store import KnowledgeStore

ENTRY = FaqEntryData(id="refund-time", title="退款多久到账", body="原路退回，一般1-3个工作日到账。",
                     aliases=("钱什么时候到",), tags=("退款",), category="returns-refunds")


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    store = KnowledgeStore.open(tmp_path / "data")
    store.upsert([ENTRY])
    return store


def publish(editing: Editing, entry_id: str, editor: str, **changes: object) -> int:
    draft = editing.start(entry_id, editor)
    editing.save(entry_id, editor, {**draft.data, **changes})
    editing.submit(entry_id, editor)
    return editing.approve(entry_id, editor, "reviewer-li", "ok").version


def test_a_draft_does_not_change_what_agents_see_until_it_is_approved(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    assert draft.base_version == 1 and draft.state == "draft"
    changed = {**draft.data, "body": "原路退回，微信支付宝1-3个工作日到账。"}
    editing.save("refund-time", "editor-wang", changed)
    assert store.get("refund-time").body == ENTRY.body  # type: ignore[union-attr]
    assert editing.submit("refund-time", "editor-wang").state == "review"
    revision = editing.approve("refund-time", "editor-wang", "reviewer-li", "looks right")
    assert revision.version == 2 and revision.author == "editor-wang" and revision.reviewer == "reviewer-li"
    published = store.get("refund-time")
    assert published is not None and published.version == 2 and "微信支付宝" in published.body
    assert editing.draft("refund-time", "editor-wang") is None
    assert [r.action for r in editing.history("refund-time")] == ["publish", "baseline"]


def test_publishing_is_searchable_at_once(store: KnowledgeStore, tmp_path: Path) -> None:
    search = KnowledgeSearch(store, tmp_path / "data")
    editing = Editing(store)
    publish(editing, "refund-time", "editor-wang", body="原路退回，到账时间看支付方式：银行卡3-7个工作日。")
    search.refresh()
    assert search.search("银行卡3-7个工作日", limit=3)[0].doc_id == "refund-time"


def test_a_draft_survives_a_restart(store: KnowledgeStore, tmp_path: Path) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    editing.save("refund-time", "editor-wang", {**draft.data, "body": "半句话"})
    store.close()
    again = Editing(KnowledgeStore.open(tmp_path / "data"))
    kept = again.draft("refund-time", "editor-wang")
    assert kept is not None and kept.data["body"] == "半句话"


def test_the_second_of_two_editors_gets_a_conflict_not_an_overwrite(store: KnowledgeStore) -> None:
    editing = Editing(store)
    base = editing.start("refund-time", "editor-wang").data
    editing.start("refund-time", "editor-zhao")
    editing.save("refund-time", "editor-wang", {**base, "body": "王改的正文"})
    editing.save("refund-time", "editor-zhao", {**base, "body": "赵改的正文", "tags": ["退款", "到账"]})
    for editor in ("editor-wang", "editor-zhao"):
        editing.submit("refund-time", editor)
    editing.approve("refund-time", "editor-wang", "reviewer-li")
    with pytest.raises(EditConflict) as raised:
        editing.approve("refund-time", "editor-zhao", "reviewer-li")
    conflict = raised.value
    assert store.get("refund-time").body == "王改的正文"  # type: ignore[union-attr]
    assert [c.field for c in conflict.merge.conflicts] == ["body"]
    assert conflict.merge.data["tags"] == ["退款", "到账"]  # only Zhao changed the tags: kept
    assert conflict.their_author == "editor-wang" and conflict.merge.their_version == 2
    # Zhao decides the body, re-applies on top of version 2, and publishes: both edits are in.
    resolved = {**conflict.merge.data, "body": "王改的正文，赵补充：到账后短信提醒。"}
    editing.rebase("refund-time", "editor-zhao", resolved, conflict.merge.their_version)
    editing.submit("refund-time", "editor-zhao")
    assert editing.approve("refund-time", "editor-zhao", "reviewer-li").version == 3
    final = store.get("refund-time")
    assert final is not None and final.tags == ("退款", "到账") and "赵补充" in final.body


def test_lint_errors_block_submitting_and_warnings_do_not(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    editing.save("refund-time", "editor-wang", {**draft.data, "body": "这是公司规定，退款要等。"})
    with pytest.raises(LintBlocked) as raised:
        editing.submit("refund-time", "editor-wang")
    assert raised.value.findings[0].is_error
    editing.save("refund-time", "editor-wang", {**draft.data, "body": "我不能马上退，但可以加急。"})
    _entry, findings = editing.lint("refund-time", editing.start("refund-time", "editor-wang").data)
    assert findings and not any(f.is_error for f in findings)
    assert editing.submit("refund-time", "editor-wang").state == "review"


def test_reject_needs_a_comment_and_sends_the_draft_back(store: KnowledgeStore) -> None:
    editing = Editing(store)
    editing.start("refund-time", "editor-wang")
    editing.submit("refund-time", "editor-wang")
    with pytest.raises(EditError, match="comment"):
        editing.reject("refund-time", "editor-wang", "reviewer-li", "  ")
    rejected = editing.reject("refund-time", "editor-wang", "reviewer-li", "写清楚信用卡要多久")
    assert rejected.state == "rejected" and rejected.review_comment == "写清楚信用卡要多久"
    with pytest.raises(EditError, match="not been submitted"):
        editing.approve("refund-time", "editor-wang", "reviewer-li")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("verify_by", "2027-02-30", "verify_by"),
    ("body", "正文\x07响铃", "control character"),
    ("body", "", "required"),
    ("lang", "fr", "lang"),
])
def test_bad_fields_are_named_and_nothing_is_published(store: KnowledgeStore, field: str, value: str,
                                                       message: str) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    editing.save("refund-time", "editor-wang", {**draft.data, field: value})
    with pytest.raises(EditError, match=message) as raised:
        editing.submit("refund-time", "editor-wang")
    assert raised.value.field == field
    published = store.get("refund-time")
    assert published is not None and published.version == 1 and published.body == ENTRY.body


def test_a_pasted_five_megabytes_is_refused_at_the_field(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    with pytest.raises(EditError) as raised:
        editing.save("refund-time", "editor-wang", {**draft.data, "body": "长" * 5_000_000})
    assert raised.value.field == "body"
    kept = editing.draft("refund-time", "editor-wang")
    assert kept is not None and kept.data == draft.data


def test_rollback_publishes_an_old_version_again(store: KnowledgeStore) -> None:
    editing = Editing(store)
    publish(editing, "refund-time", "editor-wang", body="第二版正文")
    publish(editing, "refund-time", "editor-wang", body="第三版正文")
    revision = editing.rollback("refund-time", 1, "editor-wang")
    assert revision.version == 4 and revision.action == "rollback"
    assert store.get("refund-time").body == ENTRY.body  # type: ignore[union-attr]
    assert [r.version for r in editing.history("refund-time")] == [4, 3, 2, 1]


def test_a_new_entry_goes_through_review_too(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.new("editor-wang", {"title": "发票怎么开", "body": "订单完成后在订单详情里申请电子发票。",
                                         "aliases": ["开发票"]})
    assert store.get(draft.entry_id) is None
    editing.submit(draft.entry_id, "editor-wang")
    assert editing.approve(draft.entry_id, "editor-wang", "reviewer-li").version == 1
    assert store.get(draft.entry_id) is not None


def test_stale_entries(store: KnowledgeStore) -> None:
    store.upsert([FaqEntryData(id="old", title="旧规则", body="正文", verify_by=dt.date(2026, 1, 1))])
    assert [e.id for e in Editing(store).stale(dt.date(2026, 11, 24))] == ["old"]


def test_merge_fields_three_ways() -> None:
    base = {"title": "t", "body": "b", "tags": ["x"]}
    merge = merge_fields(base, {**base, "title": "T2"}, {**base, "body": "B2"}, 5)
    assert merge.data["title"] == "T2" and merge.data["body"] == "B2" and merge.conflicts == ()
    both = merge_fields(base, {**base, "body": "theirs"}, {**base, "body": "mine"}, 5)
    assert [c.field for c in both.conflicts] == ["body"] and both.data["body"] == "mine"


def test_diff_is_character_by_character_for_chinese_and_word_by_word_for_english() -> None:
    assert diff_segments("一般1-3个工作日到账", "一般3-7个工作日到账") == [
        ("equal", "一般"), ("delete", "1"), ("insert", "3"), ("equal", "-"), ("delete", "3"),
        ("insert", "7"), ("equal", "个工作日到账")]
    assert diff_segments("refund in three days", "refund in five days") == [
        ("equal", "refund in "), ("delete", "three"), ("insert", "five"), ("equal", " days")]


def _publish_and_die(data_dir: str) -> None:
    # A writer killed in the middle of its transaction: the rows are flushed, the commit never comes.
    store = KnowledgeStore.open(Path(data_dir))
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    editing.save("refund-time", "editor-wang", {**draft.data, "body": "写到一半"})
    editing.submit("refund-time", "editor-wang")
    from knowledge.editing import check_fields

    entry = check_fields("refund-time", editing.draft("refund-time", "editor-wang").data)  # type: ignore[union-attr]
    session = store.session()
    session.begin()
    editing._publish(session, entry, 1, "publish", "editor-wang", "reviewer-li", "", None)
    session.flush()
    os._exit(9)


def test_a_writer_killed_mid_transaction_leaves_the_store_consistent(store: KnowledgeStore,
                                                                     tmp_path: Path) -> None:
    store.close()
    process = multiprocessing.get_context("spawn").Process(target=_publish_and_die,
                                                            args=(str(tmp_path / "data"),))
    process.start()
    process.join(60)
    assert process.exitcode == 9
    reopened = KnowledgeStore.open(tmp_path / "data")
    entry = reopened.get("refund-time")
    assert entry is not None and entry.version == 1 and entry.body == ENTRY.body
    assert Editing(reopened).history("refund-time") == []
    draft = Editing(reopened).draft("refund-time", "editor-wang")
    assert draft is not None and draft.data["body"] == "写到一半"  # the autosaved draft is still there
    connection = sqlite3.connect(tmp_path / "data" / "knowledge.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()


def test_a_copy_older_than_a_merge_cannot_replace_it(store: KnowledgeStore) -> None:
    editing = Editing(store)
    base = editing.start("refund-time", "editor-wang")
    editing.start("refund-time", "editor-zhao")
    publish(editing, "refund-time", "editor-zhao", body="赵的新正文")
    editing.save("refund-time", "editor-wang", {**base.data, "body": "王的正文"}, base_version=1)
    with pytest.raises(EditConflict) as raised:  # at submit: the editor merges, not the reviewer
        editing.submit("refund-time", "editor-wang")
    editing.rebase("refund-time", "editor-wang", {**raised.value.merge.data, "body": "王合并后的正文"}, 2)
    # The window still holding the pre-merge copy autosaves: refused, the merged draft stays.
    with pytest.raises(EditError, match="merged meanwhile"):
        editing.save("refund-time", "editor-wang", {**base.data, "body": "王的正文"}, base_version=1)
    kept = editing.draft("refund-time", "editor-wang")
    assert kept is not None and kept.data["body"] == "王合并后的正文"


def test_an_edit_saved_during_the_approval_is_not_thrown_away(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.start("refund-time", "editor-wang")
    editing.submit("refund-time", "editor-wang")
    reviewed = editing.draft("refund-time", "editor-wang")
    editing.save("refund-time", "editor-wang", {**draft.data, "body": "刚刚又改了一句"})
    # The reviewer's approval of what was reviewed must not take the newer draft with it.
    original = editing._require
    editing._require = lambda entry_id, editor: reviewed  # type: ignore[assignment, method-assign, return-value]
    with pytest.raises(EditError, match="changed the draft"):
        editing.approve("refund-time", "editor-wang", "reviewer-li")
    editing._require = original  # type: ignore[method-assign]
    assert store.get("refund-time").version == 1  # type: ignore[union-attr]
    kept = editing.draft("refund-time", "editor-wang")
    assert kept is not None and kept.data["body"] == "刚刚又改了一句"


def test_an_author_does_not_approve_their_own_draft(store: KnowledgeStore) -> None:
    editing = Editing(store)
    editing.start("refund-time", "editor-wang")
    editing.submit("refund-time", "editor-wang")
    with pytest.raises(EditError, match="someone other than its author"):
        editing.approve("refund-time", "editor-wang", "editor-wang")


def test_rolling_back_to_a_version_the_rules_now_forbid_is_refused(store: KnowledgeStore) -> None:
    from knowledge.lint.versions import RuleSets

    editing = Editing(store)
    publish(editing, "refund-time", "editor-wang", body="今天一定到账。")
    publish(editing, "refund-time", "editor-wang", body="一般1-3个工作日到账。")
    rules = RuleSets(store)
    rules.save(rules.text() + """
  - id: no-guarantee
    severity: error
    pattern: "今天一定到"
    why: {en: Nobody can guarantee it.}
    suggest: {en: Give the expected time.}
""", "li")
    with pytest.raises(LintBlocked):
        editing.rollback("refund-time", 2, "reviewer-li")
    assert store.get("refund-time").version == 3  # type: ignore[union-attr]


def test_a_pack_or_import_changing_an_edited_entry_shows_in_its_history(store: KnowledgeStore) -> None:
    editing = Editing(store)
    publish(editing, "refund-time", "editor-wang", body="编辑改过的正文")
    store.upsert([FaqEntryData(id="refund-time", title=ENTRY.title, body="包里带来的正文",
                               origin="east-pack")])
    history = editing.history("refund-time")
    assert [(r.version, r.action, r.author) for r in history][:2] == [(3, "pack", "east-pack"),
                                                                     (2, "publish", "editor-wang")]
    assert history[0].data["body"] == "包里带来的正文"


def test_archiving_goes_through_review_and_leaves_agents_search(store: KnowledgeStore,
                                                                tmp_path: Path) -> None:
    search = KnowledgeSearch(store, tmp_path / "data")
    editing = Editing(store)
    publish(editing, "refund-time", "editor-wang", status="archived")
    entry = store.get("refund-time")
    assert entry is not None and entry.status == "archived" and entry.version == 2
    search.refresh()
    assert all(hit.doc_id != "refund-time" for hit in search.search("退款多久到账", limit=5))
    publish(editing, "refund-time", "editor-wang", status="published")
    search.refresh()
    assert search.search("退款多久到账", limit=1)[0].doc_id == "refund-time"
