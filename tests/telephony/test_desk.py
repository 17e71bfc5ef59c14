"""CallDesk over a real customer store: the card for a number in any form, the call's life, wrap-up."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assist.customers.lookup import CardLookupService
from assist.customers.records import Customer, CustomerHistory, Order, Ticket
from assist.customers.store import CustomerStore
from assist.customers.suggest import ScriptTriggers
from assist.telephony.desk import MAX_CALLS, SAME_RING_SECONDS, CallDesk
from assist.telephony.events import CallEvent, CallEventError, make_event
from assist.telephony.problems import ProblemLog
from tests.telephony.helpers import assert_not_logged, problem_records

SCRIPTS = (
    ScriptTriggers("refund-not-received", flags=("repeat_caller", "promise_pending"),
                   ticket_types=("refund",)),
    ScriptTriggers("complaint-intake", flags=("repeat_complaint",), ticket_types=("complaint",)),
    ScriptTriggers("silent-customer", flags=("elderly",)),
    ScriptTriggers("keep-your-promise", flags=("promise_pending",)),
)


def histories(now: datetime) -> list[CustomerHistory]:
    refund_order = Order("SO-1", now - timedelta(days=20), (("空气净化器", 1),), 159_900, "refunding",
                         refund={"status": "approved", "amount_fen": 159_900})
    liu = CustomerHistory(
        Customer("C1", "刘建华", ("+8613800138000",), address_as="刘先生", tier="gold", birth_year=1980),
        orders=(refund_order,),
        tickets=(Ticket("TK-1", "refund", "open", now - timedelta(days=2), "退款还没有到账",
                        order_id="SO-1"),))
    zhao = CustomerHistory(
        Customer("C2", "赵秀兰", ("+8613912345678", "+85291234567"), address_as="赵阿姨", birth_year=1950),
        tickets=(Ticket("TK-2", "complaint", "resolved", now - timedelta(days=40), "快递员态度差"),))
    return [liu, zhao]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CustomerStore]:
    customers = CustomerStore.open(tmp_path / "store")
    customers.import_histories(histories(datetime.now().astimezone()))
    yield customers
    customers.close()


@pytest.fixture
def desk(store: CustomerStore, caplog: pytest.LogCaptureFixture) -> CallDesk:
    caplog.set_level(logging.DEBUG)
    return CallDesk(CardLookupService(store, SCRIPTS), ProblemLog())


def ring(desk: CallDesk, number: str | None, call_id: str = "", source: str = "baresip") -> CallEvent:
    return make_event("ringing", number, source, "Wang Wei", call_id or None)


@pytest.mark.parametrize("number", ["sip:8613800138000@pbx.example", "sip:013800138000@127.0.0.1:41679",
                                    "013800138000", "138-0013-8000", "+86 138 0013 8000", "13800138000",
                                    "tel:+86-138-0013-8000", "sips:+8613800138000@gw;user=phone",
                                    "(0)138 0013 8000", "sip:%2B8613800138000@h"])
def test_ringing_finds_the_customer_from_any_form(number: str, desk: CallDesk,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    update = desk.handle(ring(desk, number, "c-1"))
    assert update is not None
    assert update.call.customer_id == "C1"
    card = update.call.lookup.card
    assert card.address_as == "刘先生" and card.phone_tail == "8000"
    assert card.suggested_scripts == ("refund-not-received",)
    assert 0 <= update.latency_ms < 1000
    assert update.to_json() == {"event": "ringing", "number": "+8613800138000", "call_id": "c-1",
                                "source": "baresip", "customer_id": "C1",
                                "suggested": ["refund-not-received"],
                                "latency_ms": round(update.latency_ms, 3)}
    assert problem_records(caplog) == []


def test_a_second_number_of_a_customer_and_a_number_from_abroad(desk: CallDesk) -> None:
    for number in ("sip:85291234567@gw", "+852 9123 4567", "13912345678"):
        update = desk.handle(ring(desk, number, number))
        assert update is not None and update.call.customer_id == "C2", number
        assert update.call.lookup.card.flags == ("elderly",)
        assert update.call.lookup.card.suggested_scripts == ("silent-customer",)


def test_a_number_nobody_has(desk: CallDesk, caplog: pytest.LogCaptureFixture) -> None:
    update = desk.handle(ring(desk, "sip:13700000000@pbx", "c-9"))
    assert update is not None
    assert update.call.customer_id is None and not update.call.lookup.card.known
    assert update.call.lookup.number == "+8613700000000"
    assert update.call.lookup.card.phone_tail == "0000"
    assert update.to_json()["customer_id"] is None and update.to_json()["suggested"] == []
    assert problem_records(caplog) == []


def test_a_call_tied_by_its_call_id(desk: CallDesk, caplog: pytest.LogCaptureFixture) -> None:
    ringing = desk.handle(ring(desk, "sip:013800138000@h", "c-1"))
    # A different form of the number in later events does not matter: the call id ties them.
    answered = desk.handle(make_event("answered", "+8613800138000", "baresip", call_id="c-1"))
    ended = desk.handle(make_event("ended", None, "baresip", call_id="c-1"))
    assert ringing is not None and answered is not None and ended is not None
    assert ringing.call is answered.call is ended.call
    call = ended.call
    assert call.answered_at == answered.event.at and call.ended_at == ended.event.at
    assert [u.to_json()["event"] for u in (ringing, answered, ended)] == ["ringing", "answered", "ended"]
    assert {u.to_json()["customer_id"] for u in (ringing, answered, ended)} == {"C1"}
    assert problem_records(caplog) == []


def test_two_calls_at_once_are_kept_apart(desk: CallDesk) -> None:
    first = desk.handle(ring(desk, "013800138000", "a"))
    second = desk.handle(ring(desk, "13912345678", "b"))
    assert first is not None and second is not None
    ended = desk.handle(make_event("ended", None, "baresip", call_id="b"))
    assert ended is not None and ended.call is second.call and first.call.ended_at is None


def test_a_call_without_a_call_id_is_tied_by_its_number(desk: CallDesk, caplog: pytest.LogCaptureFixture
                                                         ) -> None:
    ringing = desk.handle(ring(desk, "013800138000", source="hook"))
    answered = desk.handle(make_event("answered", "138-0013-8000", "hook"))
    ended = desk.handle(make_event("ended", "+86 138 0013 8000", "hook"))
    assert ringing is not None and answered is not None and ended is not None
    assert ringing.call is answered.call is ended.call
    assert ended.call.customer_id == "C1"
    assert problem_records(caplog) == []


def test_the_same_number_from_two_sources_is_two_calls(desk: CallDesk) -> None:
    assert desk.handle(ring(desk, "013800138000", source="hook")) is not None
    assert desk.handle(ring(desk, "013800138000", source="http")) is not None


@pytest.mark.parametrize("kind", ["answered", "ended"])
def test_an_event_for_a_call_that_never_rang(kind: str, desk: CallDesk, caplog: pytest.LogCaptureFixture
                                             ) -> None:
    assert desk.handle(make_event(kind, "013800138000", "baresip", "Wang Wei", "cid-77")) is None
    assert desk.handle(make_event(kind, "013800138000", "hook", "Wang Wei")) is None
    assert desk.handle(make_event(kind, "013800138000", "hook", "Wang Wei")) is None
    messages = [r.getMessage() for r in problem_records(caplog)]
    assert messages == [f"call source baresip: {kind} for a call that never rang; ignored",
                        f"call source hook: {kind} for a call that never rang; ignored"]
    assert_not_logged(caplog.records, "13800138000", "Wang", "cid-77")


def test_events_after_the_end_are_for_a_call_that_never_rang(desk: CallDesk,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    desk.handle(ring(desk, "013800138000", "c-1"))
    assert desk.handle(make_event("ended", None, "baresip", call_id="c-1")) is not None
    assert desk.handle(make_event("ended", None, "baresip", call_id="c-1")) is None
    assert desk.handle(make_event("answered", None, "baresip", call_id="c-1")) is None
    assert len(problem_records(caplog)) == 2  # two kinds of problem, each logged once


def test_duplicates_are_dropped(desk: CallDesk, caplog: pytest.LogCaptureFixture) -> None:
    assert desk.handle(ring(desk, "013800138000", "c-1")) is not None
    assert desk.handle(ring(desk, "013800138000", "c-1")) is None  # a retransmitted ringing
    assert desk.handle(make_event("answered", None, "baresip", call_id="c-1")) is not None
    assert desk.handle(make_event("answered", None, "baresip", call_id="c-1")) is None
    assert desk.handle(ring(desk, "013800138000", "c-1")) is None  # still the same call
    assert desk.handle(make_event("ended", None, "baresip", call_id="c-1")) is not None
    assert desk.handle(ring(desk, "013800138000", "c-1")) is not None  # over: a new call may ring
    assert problem_records(caplog) == []


@pytest.mark.parametrize("number", ["12", "+999999999999999999", "WANG-WEI", "sip:wangwei@example.com",
                                    "138 0013 8000 ext 5", "1" * 200, "+" + "8" * 255, "١٣٨٠٠١٣٨٠٠٠"])
def test_an_absurd_number_gets_an_unknown_callers_card(number: str, desk: CallDesk,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    update = desk.handle(ring(desk, number, "c-1"))
    assert update is not None
    lookup = update.call.lookup
    assert lookup.customer_id is None and lookup.number == "" and not lookup.withheld
    assert lookup.number_problem
    assert lookup.card.suggested_scripts == () and lookup.card.phone_tail == ""
    assert update.to_json()["number"] is None
    (record,) = problem_records(caplog)
    assert record.getMessage().startswith("call source baresip: a caller number that is not one (")
    assert_not_logged(caplog.records, number, number[-4:] if number[-4:].isdigit() else number, "Wang")
    # The call still goes on as any other.
    assert desk.handle(make_event("ended", None, "baresip", call_id="c-1")) is not None


def test_a_number_longer_than_256_characters(desk: CallDesk, caplog: pytest.LogCaptureFixture) -> None:
    number = "1" * 300
    with pytest.raises(CallEventError, match="longer than 256") as refused:
        make_event("ringing", number, "http")
    assert number not in str(refused.value)
    # Built past make_event's check, the desk still copes.
    update = desk.handle(CallEvent("ringing", number, "hook"))
    assert update is not None and update.call.customer_id is None
    assert "too long for a phone number (300 characters)" in problem_records(caplog)[0].getMessage()
    assert_not_logged(caplog.records, "1" * 20)


@pytest.mark.parametrize("number", [None, "", "anonymous", "Anonymous", "sip:anonymous@anonymous.invalid",
                                    "restricted", "tel:private", "0"])
def test_a_withheld_number(number: str | None, desk: CallDesk, caplog: pytest.LogCaptureFixture) -> None:
    update = desk.handle(ring(desk, number, "c-1"))
    assert update is not None
    lookup = update.call.lookup
    assert lookup.withheld is True and lookup.number == "" and lookup.number_problem == ""
    assert lookup.customer_id is None
    assert lookup.card.address_as == "" and lookup.card.phone_tail == ""
    assert update.to_json()["number"] is None
    assert problem_records(caplog) == []


def test_wrap_up_shows_on_the_next_call(desk: CallDesk, store: CustomerStore) -> None:
    before = desk.handle(ring(desk, "013800138000", "c-1"))
    assert before is not None
    assert before.call.lookup.card.flags == () and before.call.lookup.card.calls == ()
    assert desk.handle(make_event("answered", None, "baresip", call_id="c-1")) is not None
    assert desk.handle(make_event("ended", None, "baresip", call_id="c-1")) is not None
    call = before.call
    desk.note_script(call, "refund-not-received")
    desk.note_script(call, "refund-not-received")
    assert call.scripts_used == ["refund-not-received"]
    due = datetime.now().astimezone() + timedelta(hours=20)
    assert desk.wrap_up(call, "A031 周婷", "已查询退款进度，银行处理中", call.scripts_used,
                        promise="明天18:00前回电告知到账情况", promise_due=due)
    assert call.wrapped_up

    after = desk.handle(ring(desk, "+86 138 0013 8000", "c-2"))
    assert after is not None
    card = after.call.lookup.card
    assert card.customer_id == "C1"
    (last,) = card.calls
    assert (last.agent, last.outcome, last.scripts) == ("A031 周婷", "已查询退款进度，银行处理中",
                                                        ("refund-not-received",))
    assert last.at == call.answered_at
    (promise,) = card.promises
    assert promise.promise == "明天18:00前回电告知到账情况" and promise.promise_due == due
    assert card.flags == ("promise_pending", "repeat_caller")
    assert card.suggested_scripts[0] == "refund-not-received"
    assert "keep-your-promise" in card.suggested_scripts
    stored = store.history("C1")
    assert stored is not None and len(stored.interactions) == 1


def test_a_promise_due_later_is_not_pending_yet(desk: CallDesk) -> None:
    first = desk.handle(ring(desk, "013800138000", "c-1"))
    assert first is not None
    desk.handle(make_event("ended", None, "baresip", call_id="c-1"))
    desk.wrap_up(first.call, "A1", "回访", [], promise="下周回电",
                 promise_due=datetime.now().astimezone() + timedelta(days=5))
    second = desk.handle(ring(desk, "013800138000", "c-2"))
    assert second is not None
    assert second.call.lookup.card.flags == ("repeat_caller",)  # called minutes ago, promise not due
    assert len(second.call.lookup.card.promises) == 1


def test_a_promise_without_text_records_no_due_date(desk: CallDesk, store: CustomerStore) -> None:
    first = desk.handle(ring(desk, "013800138000", "c-1"))
    assert first is not None
    desk.wrap_up(first.call, "A1", "已解决", [], promise="", promise_due=datetime.now().astimezone())
    stored = store.history("C1")
    assert stored is not None and stored.interactions[0].promise_due is None


def test_wrap_up_of_an_unknown_caller_records_nothing(desk: CallDesk, store: CustomerStore) -> None:
    update = desk.handle(ring(desk, "13700000000", "c-1"))
    assert update is not None
    assert desk.wrap_up(update.call, "A1", "打错了", []) is False
    assert not update.call.wrapped_up


def test_remembered_calls_are_bounded(desk: CallDesk) -> None:
    for index in range(MAX_CALLS + 10):
        assert desk.handle(ring(desk, None, f"flood-{index}")) is not None
    assert len(desk._calls) == MAX_CALLS
    # The oldest were forgotten: their end is now for a call that never rang; the newest still ends.
    assert desk.handle(make_event("ended", None, "baresip", call_id="flood-0")) is None
    assert desk.handle(make_event("ended", None, "baresip", call_id=f"flood-{MAX_CALLS + 9}")) is not None


def test_a_number_ringing_again_after_a_lost_end_is_a_new_call(desk: CallDesk) -> None:
    # A bare command hook has no call ids; its "ended" may never come (the softphone crashed).
    first = make_event("ringing", "013800138000", "hook")
    assert desk.handle(first) is not None
    assert desk.handle(make_event("ringing", "013800138000", "hook", received=first.received + 1)) is None
    later = make_event("ringing", "013800138000", "hook", received=first.received + SAME_RING_SECONDS + 1)
    update = desk.handle(later)
    assert update is not None and update.call.event is later
