import datetime as dt
import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, update

from knowledge.db import current_revision, head_revision, open_engine
from knowledge.entries import entry_from_mapping
from knowledge.models import UsageEvent
from knowledge.store import KnowledgeStore
from knowledge.usage import MAX_QUERY_CHARS, UsageLog, UsageLogError, mask_query
from knowledge.usage_session import SearchSession

# -- masking ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "stored"), [
    ("退款\ud800怎么办", "退款怎么办"),  # a lone surrogate pasted from a broken source
    ("13812345678", "#"),
    ("客户 13812345678 要退款", "客户 # 要退款"),
    ("138 1234 5678 退款", "# 退款"),
    ("+86 138-1234-5678", "+#"),
    ("１３８１２３４５６７８ 退款", "# 退款"),  # full-width digits
    ("一三八一二三四五六七八", "#"),  # read out in Chinese numerals
    ("订单SO20240101123查不到", "订单#查不到"),
    ("订单号 2024010112345 物流", "订单号 # 物流"),
    ("身份证11010519491231002X怎么改", "身份证#怎么改"),
    ("身份证 110105 19491231 002x", "身份证 #"),
    ("香港身份证 A123456(7)", "香港身份证 #"),
    ("京A12345 违章", "京# 违章"),
    ("邮箱 zhang.san@example.com 改不了", "邮箱 @ 改不了"),
    ("zhangsan@qq", "@"),
    ("2024年账单", "#年账单"),
])
def test_mask_query_removes_numbers_and_emails(typed: str, stored: str) -> None:
    assert mask_query(typed) == stored


@pytest.mark.parametrize(("typed", "stored"), [
    ("退款怎么操作", "退款怎么操作"),
    ("5G套餐 退订", "5g套餐退订"),  # a space between Chinese words is no different question
    ("iPhone15 碎屏保修", "iphone15 碎屏保修"),
    ("tuikuan  shibai\t", "tuikuan shibai"),
    ("退款失败\n怎么办", "退款失败怎么办"),
    ("改3次地址", "改3次地址"),
    ("第123期账单", "第123期账单"),
])
def test_mask_query_keeps_words_and_short_numbers(typed: str, stored: str) -> None:
    assert mask_query(typed) == stored


def test_mask_query_masks_before_it_cuts() -> None:
    masked = mask_query("退" * 60 + " 13812345678")
    assert len(masked) <= MAX_QUERY_CHARS and not any(c.isdigit() for c in masked)
    assert masked.endswith("#")
    assert len(mask_query("怎么" * 100)) == MAX_QUERY_CHARS


# -- miss detection -----------------------------------------------------------------------------------


def type_out(session: SearchSession, text: str, start: int = 1) -> list[str | None]:
    return [session.searched(text[:end], 3) for end in range(start, len(text) + 1)]


def test_typing_letter_by_letter_then_opening_is_no_miss() -> None:
    session = SearchSession()
    assert type_out(session, "tuikuan") == [None] * 7
    session.opened()
    assert session.searched("", 0) is None
    assert session.ended() is None


def test_typing_then_clearing_is_one_miss_for_the_last_query() -> None:
    session = SearchSession()
    assert type_out(session, "退款失败") == [None] * 4
    assert session.searched("", 0) == "退款失败"
    # The session is over: hiding the sidebar now reports nothing more.
    assert session.ended() is None


def test_hiding_the_sidebar_ends_the_session() -> None:
    session = SearchSession()
    type_out(session, "refund status")
    assert session.ended() == "refund status"


def test_an_unrelated_query_ends_the_old_session() -> None:
    session = SearchSession()
    type_out(session, "退款进度")
    assert session.searched("改地址", 2) == "退款进度"
    session.opened()
    assert session.ended() is None


def test_deleting_back_and_retyping_is_one_session() -> None:
    session = SearchSession()
    type_out(session, "退款进度")
    for query in ("退款进", "退款", "退", "退货", "退货流程"):
        assert session.searched(query, 0) is None
    assert session.ended() == "退货流程"

    # Replacing the end of a query in one go is still an edit of it.
    type_out(session, "怎么退款失败")
    assert session.searched("怎么退货失败", 1) is None
    session.opened()
    assert session.ended() is None


def test_opening_anywhere_in_a_session_means_no_miss() -> None:
    session = SearchSession()
    type_out(session, "tk")
    session.opened()
    type_out(session, "tkx", start=3)
    assert session.searched("", 0) is None


def test_single_characters_are_noise() -> None:
    session = SearchSession()
    assert session.searched("退", 5) is None
    assert session.searched("", 0) is None
    assert session.searched("a", 0) is None
    assert session.searched("b", 0) is None  # unrelated, but "a" was a single character
    assert session.searched("  ", 0) is None


def test_opening_with_no_session_and_whitespace_edits_change_nothing() -> None:
    session = SearchSession()
    session.opened()
    assert session.searched("退款 ", 0) is None
    assert session.searched("退款  进度", 0) is None
    assert session.ended() == "退款 进度"


def test_the_miss_is_what_was_typed_and_the_log_masks_it(tmp_path: Path) -> None:
    session = SearchSession()
    type_out(session, "订单13812345678")
    miss = session.ended()
    assert miss == "订单13812345678"
    log = UsageLog(KnowledgeStore.open(tmp_path))
    log.missed(miss)
    assert log.report().missed[0].query == "订单#"


# -- the log ------------------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    store = KnowledgeStore.open(tmp_path)
    store.upsert([entry_from_mapping({"id": "refund", "title": "怎么退款", "body": "在订单页申请退款"}),
                  entry_from_mapping({"id": "address", "title": "改地址", "body": "发货前可改"})])
    return store


def stored_events(store: KnowledgeStore) -> list[UsageEvent]:
    with store.session() as session:
        return list(session.scalars(select(UsageEvent).order_by(UsageEvent.occurred_at)))


def age_events(store: KnowledgeStore, days: float) -> None:
    with store.session() as session, session.begin():
        session.execute(update(UsageEvent).values(
            occurred_at=dt.datetime.now(dt.UTC) - dt.timedelta(days=days)))


def test_the_store_is_migrated_to_the_usage_table(tmp_path: Path) -> None:
    store = KnowledgeStore.open(tmp_path)
    assert current_revision(store.engine) == head_revision() == "0008"
    with sqlite3.connect(tmp_path / "knowledge.sqlite3") as raw:
        indexes = {row[0] for row in raw.execute(
            "SELECT name FROM sqlite_master WHERE type='index' AND tbl_name='usage_events'")}
    assert {"ix_usage_events_occurred_at", "ix_usage_events_kind_doc_id"} <= indexes


def test_events_have_unique_ids_utc_times_and_masked_queries(store: KnowledgeStore) -> None:
    log = UsageLog(store)
    before = dt.datetime.now(dt.UTC)
    log.opened("faq", "refund", query="订单 SO123456 退款")
    log.copied("faq", "refund", "body")
    log.missed("13812345678 怎么改")
    events = stored_events(store)
    assert [(e.event, e.kind, e.doc_id, e.part, e.query) for e in events] == [
        ("open", "faq", "refund", "", "订单 # 退款"),
        ("copy", "faq", "refund", "body", ""),
        ("miss", "", "", "", "# 怎么改")]
    assert len({e.id for e in events}) == 3 and all(len(e.id) == 32 for e in events)
    for e in events:
        moment = e.occurred_at.replace(tzinfo=dt.UTC)  # SQLite returns UTC as naive
        assert before - dt.timedelta(seconds=1) <= moment <= dt.datetime.now(dt.UTC)


def test_bad_arguments_are_refused_before_anything_is_stored(store: KnowledgeStore) -> None:
    log = UsageLog(store)
    with pytest.raises(ValueError, match="kind"):
        log.opened("customer", "x")
    with pytest.raises(ValueError, match="doc_id"):
        log.opened("faq", "")
    with pytest.raises(ValueError, match="part"):
        log.copied("faq", "refund", "张先生 13812345678")  # copied text is never a part name
    log.missed("   ")  # nothing left to store
    assert stored_events(store) == []


def test_report_counts(store: KnowledgeStore) -> None:
    log = UsageLog(store, script_title=lambda doc_id: {"script:greeting": "开场白"}.get(doc_id))
    for _ in range(3):
        log.opened("faq", "refund", "tuikuan")
    log.opened("faq", "address")
    log.opened("script", "script:greeting")
    log.opened("faq", "gone")  # deleted since: no title
    log.opened("faq", "gone")
    log.copied("faq", "refund", "body")
    log.copied("faq", "refund", "body")
    log.copied("faq", "refund", "scenario")
    log.copied("script", "script:greeting", "say")
    for query in ("退钱", "退钱", "退钱", "电话 13812345678", "电话 13900001111", "发票"):
        log.missed(query)

    report = log.report(days=30, limit=2)
    assert (report.totals.opened, report.totals.copied, report.totals.missed) == (7, 4, 6)
    assert [(d.kind, d.doc_id, d.count, d.title) for d in report.opened] == [
        ("faq", "refund", 3, "怎么退款"), ("faq", "gone", 2, None)]
    assert [(d.doc_id, d.count, d.title, d.parts) for d in report.copied] == [
        ("refund", 3, "怎么退款", {"body": 2, "scenario": 1}),
        ("script:greeting", 1, "开场白", {"say": 1})]
    # Two different phone numbers are one masked query.
    assert [(m.query, m.count) for m in report.missed] == [("退钱", 3), ("电话 #", 2)]

    full = log.report(limit=20)
    assert [d.doc_id for d in full.opened] == ["refund", "gone", "address", "script:greeting"]
    assert dict((d.doc_id, d.title) for d in full.opened)["script:greeting"] == "开场白"
    assert full.until - full.since == dt.timedelta(days=30)

    data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert data["totals"] == {"opened": 7, "copied": 4, "missed": 6}
    assert data["opened"][0] == {"id": "refund", "kind": "faq", "title": "怎么退款", "count": 3}
    assert data["copied"][0]["parts"] == {"body": 2, "scenario": 1}
    second = data["missed"][1]
    assert {key: second[key] for key in ("query", "count")} == {"query": "电话 #", "count": 2}
    assert dt.datetime.fromisoformat(second["last"]) <= dt.datetime.fromisoformat(data["until"])
    assert data["days"] == 30 and dt.datetime.fromisoformat(data["since"]).tzinfo is not None


def test_report_covers_only_its_window(store: KnowledgeStore) -> None:
    log = UsageLog(store)
    log.opened("faq", "refund")
    log.missed("退钱")
    age_events(store, 10)
    log.opened("faq", "address")
    week = log.report(days=7)
    assert [d.doc_id for d in week.opened] == ["address"] and week.missed == ()
    assert week.totals.opened == 1 and week.totals.missed == 0
    assert log.report(days=30).totals.opened == 2
    with pytest.raises(ValueError):
        log.report(days=0)


def test_empty_report(store: KnowledgeStore) -> None:
    report = UsageLog(store).report()
    assert (report.opened, report.copied, report.missed) == ((), (), ())
    assert report.as_json()["totals"] == {"opened": 0, "copied": 0, "missed": 0}


def test_prune_deletes_only_old_events(store: KnowledgeStore) -> None:
    log = UsageLog(store)
    log.opened("faq", "refund")
    log.missed("退钱")
    age_events(store, 200)
    log.opened("faq", "address")
    assert log.prune(keep_days=180) == 2
    assert [e.doc_id for e in stored_events(store)] == ["address"]
    assert log.prune(keep_days=180) == 0
    assert log.prune(keep_days=0) == 1
    with pytest.raises(ValueError):
        log.prune(keep_days=-1)


def test_the_log_works_from_worker_threads(store: KnowledgeStore) -> None:
    log = UsageLog(store)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(20):
                log.opened("faq", "refund")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and log.report().totals.opened == 80


# -- errors -------------------------------------------------------------------------------------------


def read_only_store(tmp_path: Path) -> KnowledgeStore:
    """The same database opened read-only: refused writes even for root, for whom chmod is no bar."""
    KnowledgeStore.open(tmp_path).close()
    path = tmp_path / "knowledge.sqlite3"
    return KnowledgeStore(open_engine(f"sqlite:///file:{path}?mode=ro&uri=true"))


def test_a_read_only_store_raises_usage_log_error(tmp_path: Path) -> None:
    log = UsageLog(read_only_store(tmp_path))
    with pytest.raises(UsageLogError) as caught:
        log.opened("faq", "refund")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("cannot write the usage log in ") and "readonly" in message
    assert str(tmp_path / "knowledge.sqlite3") in message
    with pytest.raises(UsageLogError):
        log.prune()
    assert log.report().totals.opened == 0  # reading still works


def test_a_chmod_read_only_file_raises_usage_log_error(tmp_path: Path) -> None:
    KnowledgeStore.open(tmp_path).close()
    for path in tmp_path.glob("knowledge.sqlite3*"):
        path.chmod(0o444)
    try:
        if os.access(tmp_path / "knowledge.sqlite3", os.W_OK):
            pytest.skip("this user writes through chmod 0444 (root); the mode=ro test covers it")
        with pytest.raises(UsageLogError, match="cannot write the usage log"):
            UsageLog(KnowledgeStore.open(tmp_path)).missed("退钱")
    finally:
        for path in tmp_path.glob("knowledge.sqlite3*"):
            path.chmod(0o644)


@pytest.mark.parametrize("failure", [sqlite3.OperationalError("database or disk is full"),
                                     sqlite3.OperationalError("database is locked"),
                                     OSError(28, "No space left on device")])
def test_write_failures_become_one_line_usage_log_errors(store: KnowledgeStore,
                                                         failure: Exception) -> None:
    def fail(*_args: Any) -> None:
        raise failure

    event.listen(store.engine, "before_cursor_execute", fail)
    log = UsageLog(store)
    with pytest.raises(UsageLogError) as caught:
        log.copied("faq", "refund", "body")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("cannot write the usage log")
    assert str(failure).splitlines()[0].split("] ")[-1] in message
    with pytest.raises(UsageLogError, match="cannot read the usage log"):
        log.report()
    event.remove(store.engine, "before_cursor_execute", fail)
    assert stored_events(store) == []


def test_the_same_question_is_one_miss() -> None:
    from knowledge.usage import mask_query

    assert {mask_query(q) for q in ("退款多久?", "退款多久", "退款 多久", " 退款多久？？ ")} == {"退款多久"}
    assert mask_query("refund time?") == "refund time"
    assert mask_query("订单 SO2024010112 退款") == "订单 # 退款"
