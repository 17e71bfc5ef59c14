import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from assist.customers.demo import DEMO_ANCHOR, load_demo_customers
from assist.customers.importing import CustomerImportError, read_customer_file
from assist.customers.lookup import CardLookupService
from assist.customers.records import Interaction
from assist.customers.store import CustomerStore, CustomerStoreError
from knowledge.resources import demo_dir


def line(**fields: Any) -> str:
    customer = {"id": "C1", "name": "刘建华", "phones": ["+86 138 0013 8000"]}
    customer.update(fields)
    return json.dumps(customer, ensure_ascii=False)


def write(tmp_path: Path, *lines: str, name: str = "customers.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


FULL = line(address_as="刘先生", tier="gold", birth_year=1966, language="zh-Hans", notes="白天上班",
            orders=[{"id": "SO1", "placed": "2026-10-20T10:00:00+08:00", "items": [{"name": "空气净化器"}],
                     "amount": "1599.00", "status": "refunding",
                     "refund": {"status": "approved", "amount": 1599, "method": "原路退回",
                                "eta": "2026-11-10T00:00:00+08:00"},
                     "logistics": {"state": "returned", "carrier": "顺丰速运", "tracking_no": "SF1"}}],
            tickets=[{"id": "TK1", "type": "refund", "status": "open", "opened": "2026-10-28T09:00:00+08:00",
                      "due": "2026-11-02T18:00:00+08:00", "summary": "退款没到账", "order_id": "SO1",
                      "topic": "refund-delay"}],
            interactions=[{"at": "2026-10-30T14:00:00+08:00", "agent": "A017", "outcome": "已催办",
                           "scripts": ["refund-not-received"], "promise": "回电", "promise_due":
                           "2026-11-01T18:00:00+08:00"}])


def test_import_and_find_by_any_form_of_the_number(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    second = line(id="C2", name="王秀兰", phones=["010-6552 1234"])
    histories = read_customer_file(write(tmp_path, FULL, second))
    assert store.import_histories(histories).added == 2
    service = CardLookupService(store)
    for written in ("sip:8613800138000@127.0.0.1:5080", "013800138000", "138-0013-8000"):
        assert service.lookup(written).customer_id == "C1"
    assert service.lookup("+86 10 6552 1234").customer_id == "C2"
    stored = store.history("C1")
    assert stored is not None
    assert stored.orders[0].refund == {"status": "approved", "amount_fen": 159900, "method": "原路退回",
                                       "eta": "2026-11-10T00:00:00+08:00"}
    assert stored.orders[0].amount_fen == 159900 and stored.orders[0].items == (("空气净化器", 1),)
    assert stored.tickets[0].due == datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
    assert stored.interactions[0].scripts == ("refund-not-received",)
    store.close()


def test_reimport_replaces_the_customers_history(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    store.import_histories(read_customer_file(write(tmp_path, FULL)))
    summary = store.import_histories(read_customer_file(write(tmp_path, line(name="刘建华", tier="vip"),
                                                              name="again.jsonl")))
    assert (summary.added, summary.replaced) == (0, 1)
    stored = store.history("C1")
    assert stored is not None and stored.customer.tier == "vip" and stored.orders == ()
    store.close()


@pytest.mark.parametrize(("bad", "message"), [
    ("{not json", "2: not JSON"),
    ('["a list"]', "2: line: must be a JSON object"),
    (line(id="C2", phones=["abc"]), "2: phones[0]: not a phone number"),
    (line(id="C2", phones=[]), "2: phones: needs at least one number"),
    (line(id="C2", phones=["013800138000"]),
     "2: phones: a number ending 8000 is already the customer's on line 1"),
    (line(id="C1", phones=["13900000000"]), "2: id: 'C1' is already on line 1"),
    (line(id="C2", phones=["13900000000"], tier="platinum"), "2: tier: 'platinum' is not one of"),
    (line(id="C2", phones=["13900000000"], orders=[{"id": "SO9", "placed": "yesterday", "amount": 1,
                                                     "status": "paid"}]), "2: orders[0].placed: not a time"),
    (line(id="C2", phones=["13900000000"], tickets=[{"id": "T", "type": "praise", "status": "open",
                                                      "opened": "2026-11-01T00:00:00+08:00",
                                                      "summary": "x"}]), "2: tickets[0].type: 'praise'"),
    (line(id="C2", phones=["13900000000"], nickname="x"), "2: nickname: is not a field"),
    (line(id="C2", phones=["13900000000"], flags=["vip"]), "2: flags[0]: 'vip' is not set by hand"),
    (line(id="C2", phones=["13900000000"], orders=[{"id": "SO9", "placed": "2026-11-01T00:00:00+08:00",
                                                     "amount": "12.345", "status": "paid"}]),
     "2: orders[0].amount: must be an amount"),
])
def test_a_bad_line_stops_the_whole_file_naming_line_and_field(tmp_path: Path, bad: str,
                                                               message: str) -> None:
    store = CustomerStore.open(tmp_path / "data")
    with pytest.raises(CustomerImportError) as raised:
        store.import_histories(read_customer_file(write(tmp_path, FULL, bad)))
    assert message in str(raised.value)
    assert store.count() == 0
    store.close()


def test_a_number_owned_by_a_stored_customer_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    store.import_histories(read_customer_file(write(tmp_path, FULL)))
    incoming = read_customer_file(write(tmp_path, line(id="C3", phones=["13900000000"]),
                                        line(id="C2", phones=["138 0013 8000"]), name="b.jsonl"))
    with pytest.raises(CustomerStoreError,
                       match="line 2: phones: the number ending 8000 belongs to customer C1"):
        store.import_histories(incoming)
    assert store.count() == 1 and store.customer_id_for("+8613900000000") is None
    store.close()


def test_not_utf8_and_unreadable_files(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    path.write_bytes(line().encode("utf-8") + b"\n" + "{\"name\": \"é\"}".encode("latin-1") + b"\n")
    with pytest.raises(CustomerImportError, match=r"latin\.jsonl:2: not UTF-8"):
        read_customer_file(path)
    with pytest.raises(CustomerImportError, match="cannot read"):
        read_customer_file(tmp_path / "missing.jsonl")


def test_record_call_appears_on_the_next_card_and_wrap_up_needs_a_customer(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    store.import_histories(read_customer_file(write(tmp_path, line())))
    now = datetime.now().astimezone()
    store.record_call("C1", Interaction(now, "A001", "已解答", ("refund-not-received",), "明天回电",
                                        now + timedelta(hours=5)))
    card = CardLookupService(store).lookup("13800138000").card
    assert card.calls[0].outcome == "已解答" and card.promises[0].promise == "明天回电"
    assert "promise_pending" in card.flags and "repeat_caller" in card.flags
    with pytest.raises(CustomerStoreError):
        store.record_call("nobody", Interaction(now, "A001", "x"))
    store.close()


def test_lookups_from_many_threads_at_once(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    store.import_histories(read_customer_file(write(tmp_path, FULL)))
    service = CardLookupService(store)
    found: list[str | None] = []

    def look() -> None:
        for _ in range(20):
            found.append(service.lookup("sip:8613800138000@h").customer_id)

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == ["C1"] * 80
    store.close()


def test_the_demo_set_loads_once_and_covers_every_flag(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    added = load_demo_customers(store, now=DEMO_ANCHOR)
    assert added >= 60 and store.count() == added
    assert load_demo_customers(store) == 0
    histories = read_customer_file(demo_dir() / "customers.jsonl")
    from assist.customers.card import FLAG_ORDER, card_flags

    seen = {flag for history in histories for flag in card_flags(history, DEMO_ANCHOR)}
    assert seen == set(FLAG_ORDER)
    open_types = {ticket.type for history in histories for ticket in history.tickets if ticket.is_open}
    assert open_types == {"complaint", "refund", "repair", "logistics", "other"}
    card = CardLookupService(store, clock=lambda: DEMO_ANCHOR).lookup("sip:8613800138000@x").card
    assert card.customer_id == "C0001"
    store.close()


def test_demo_times_move_with_today(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    later = DEMO_ANCHOR + timedelta(days=40)
    load_demo_customers(store, now=later)
    moved = CardLookupService(store, clock=lambda: later).lookup("+8613800138000").card
    assert "promise_pending" in moved.flags and "repeat_caller" in moved.flags
    store.close()


def test_reimporting_keeps_the_calls_the_sidebar_recorded(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    store.import_histories(read_customer_file(write(tmp_path, FULL)))
    now = datetime.now().astimezone()
    store.record_call("C1", Interaction(now, "A001", "wrap-up outcome"))
    store.import_histories(read_customer_file(write(tmp_path, FULL, name="nightly.jsonl")))
    stored = store.history("C1")
    assert stored is not None
    assert [call.outcome for call in stored.interactions] == ["wrap-up outcome", "已催办"]
    assert [call.origin for call in stored.interactions] == ["sidebar", "import"]
    store.close()


def test_the_first_real_import_takes_the_demo_customers_out(tmp_path: Path) -> None:
    store = CustomerStore.open(tmp_path / "data")
    demo_count = load_demo_customers(store)
    assert CardLookupService(store).lookup("+8613800138000").card.demo
    # A real customer with a number a demo customer had: no conflict, the demo is gone.
    real = write(tmp_path, line(id="R1", phones=["13800138000"]))
    summary = store.import_histories(read_customer_file(real))
    assert summary.removed_demo == demo_count and store.count() == 1
    card = CardLookupService(store).lookup("+8613800138000").card
    assert card.customer_id == "R1" and not card.demo
    assert store.demo_ids() == frozenset()
    store.close()


def test_a_topic_is_a_short_key(tmp_path: Path) -> None:
    ticket = {"id": "T", "type": "other", "status": "open", "opened": "2026-11-01T00:00:00+08:00",
              "summary": "x", "topic": "x" * 65}
    with pytest.raises(CustomerImportError, match=r"tickets\[0\]\.topic"):
        read_customer_file(write(tmp_path, line(tickets=[ticket])))


def test_a_broken_knowledge_base_keeps_the_agents_own_customer_store(tmp_path: Path) -> None:
    from assist.context import open_for_sidebar
    from knowledge.db import DATABASE_FILE

    data_dir = tmp_path / "data"
    store = CustomerStore.open(data_dir)
    store.import_histories(read_customer_file(write(tmp_path, line(id="R1"))))
    store.close()
    (data_dir / DATABASE_FILE).write_bytes(b"this is not a database" * 100)
    opened = open_for_sidebar(data_dir)
    assert opened.mode in ("copy", "builtin") and opened.context is not None
    try:
        assert opened.context.customers.count() == 1
        assert opened.context.customers.customer_id_for("+8613800138000") == "R1"
    finally:
        opened.context.close()
