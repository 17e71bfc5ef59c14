from datetime import datetime, timedelta

import pytest

from assist.customers.card import build_card, card_flags
from assist.customers.records import Interaction, Order, Ticket
from assist.customers.suggest import ScriptTriggers, suggest_scripts, triggers_from_script_data
from scripts_lib.loading import builtin_scripts
from tests.customers.conftest import history


def ticket(kind: str, status: str = "open", opened_days_ago: int = 1, due_hours: float | None = None,
           topic: str | None = None, order_id: str | None = None, *, now: datetime,
           ticket_id: str = "TK1") -> Ticket:
    due = now + timedelta(hours=due_hours) if due_hours is not None else None
    return Ticket(ticket_id, kind, status, now - timedelta(days=opened_days_ago), "summary", due=due,
                  topic=topic, order_id=order_id)


def test_no_history_no_flags(now: datetime) -> None:
    assert card_flags(history(), now) == ()


def test_vip_and_elderly(now: datetime) -> None:
    assert card_flags(history(tier="vip", birth_year=now.year - 60), now) == ("elderly", "vip")
    assert card_flags(history(tier="gold", birth_year=now.year - 59), now) == ()


def test_repeat_caller_within_seven_days_only(now: datetime) -> None:
    recent = Interaction(now - timedelta(days=6, hours=23), "A1", "ok")
    old = Interaction(now - timedelta(days=7, hours=1), "A1", "ok")
    assert "repeat_caller" in card_flags(history(calls=(recent,)), now)
    assert "repeat_caller" not in card_flags(history(calls=(old,)), now)


def test_repeat_complaint_needs_an_open_ticket_about_what_was_complained_of_before(now: datetime) -> None:
    earlier = ticket("complaint", "closed", 20, topic="late-delivery", now=now, ticket_id="TK0")
    same_topic = ticket("logistics", "open", 1, topic="late-delivery", now=now)
    same_order = ticket("refund", "in_progress", 1, order_id="SO1", now=now)
    earlier_on_order = ticket("complaint", "resolved", 30, order_id="SO1", now=now, ticket_id="TK2")
    other = ticket("logistics", "open", 1, topic="quality", now=now)
    assert "repeat_complaint" in card_flags(history(tickets=(same_topic, earlier)), now)
    assert "repeat_complaint" in card_flags(history(tickets=(same_order, earlier_on_order)), now)
    assert "repeat_complaint" not in card_flags(history(tickets=(other, earlier)), now)
    closed_again = ticket("logistics", "closed", 1, topic="late-delivery", now=now)
    assert "repeat_complaint" not in card_flags(history(tickets=(closed_again, earlier)), now)


@pytest.mark.parametrize(("due_hours", "status", "flagged"), [
    (5, "open", True), (-3, "in_progress", True), (30, "open", False), (-3, "resolved", False)])
def test_complaint_due(now: datetime, due_hours: float, status: str, flagged: bool) -> None:
    complaint = ticket("complaint", status, due_hours=due_hours, now=now)
    assert ("complaint_due" in card_flags(history(tickets=(complaint,)), now)) is flagged


def test_promise_due_until_kept(now: datetime) -> None:
    promise = Interaction(now - timedelta(days=10), "A1", "ok", promise="call back",
                          promise_due=now + timedelta(hours=3))
    kept = Interaction(promise.at, "A1", "ok", promise="call back", promise_due=promise.promise_due,
                       promise_kept=True)
    later = Interaction(promise.at, "A1", "ok", promise="call back", promise_due=now + timedelta(days=3))
    assert "promise_pending" in card_flags(history(calls=(promise,)), now)
    assert "promise_pending" not in card_flags(history(calls=(kept,)), now)
    assert "promise_pending" not in card_flags(history(calls=(later,)), now)


def test_card_content_and_placeholder_values(now: datetime) -> None:
    order = Order("SO1", now - timedelta(days=5), (("空气净化器", 1),), 159_900, "refunding",
                  refund={"status": "approved", "amount_fen": 159_900, "method": "原路退回",
                          "eta": (now + timedelta(days=3)).isoformat()})
    open_refund = ticket("refund", due_hours=20, order_id="SO1", now=now)
    card = build_card(history(orders=(order,), tickets=(open_refund,), flags=("abusive_history",)),
                      "+8613800138000", now, ("refund-not-received",))
    assert card.known and card.customer_id == "C1" and card.address_as == "刘先生"
    assert card.phone_tail == "8000" and card.number == "+8613800138000"
    assert card.flags == ("abusive_history",)
    assert card.open_tickets == (open_refund,)
    values = card.placeholder_values()
    assert values["customer.name"] == "刘先生"
    assert values["order.id"] == "SO1" and values["order.item"] == "空气净化器"
    assert values["refund.amount"] == "1,599.00 元" and values["refund.method"] == "原路退回"
    assert values["refund.status"] == "退款已批准，等待到账"
    assert values["ticket.id"] == "TK1"


@pytest.fixture(scope="module")
def builtin_triggers() -> list[ScriptTriggers]:
    return [triggers_from_script_data(script.to_json()) for script in builtin_scripts()]


def test_an_open_refund_ticket_suggests_the_refund_script(now: datetime,
                                                          builtin_triggers: list[ScriptTriggers]) -> None:
    caller = history(tickets=(ticket("refund", now=now),))
    assert suggest_scripts(caller, card_flags(caller, now), builtin_triggers)[0] == "refund-not-received"


def test_an_elderly_caller_gets_the_step_by_step_script(now: datetime,
                                                        builtin_triggers: list[ScriptTriggers]) -> None:
    caller = history(birth_year=1946)
    assert suggest_scripts(caller, card_flags(caller, now), builtin_triggers)[0] == "elderly-app-wont-open"


def test_the_abusive_caller_script_needs_the_abusive_flag(now: datetime,
                                                          builtin_triggers: list[ScriptTriggers]) -> None:
    complaint = ticket("complaint", now=now)
    plain = history(tickets=(complaint,))
    abusive = history(tickets=(complaint,), flags=("abusive_history",))
    assert "abusive-customer" not in suggest_scripts(plain, card_flags(plain, now), builtin_triggers)
    assert suggest_scripts(abusive, card_flags(abusive, now), builtin_triggers)[0] == "abusive-customer"


def test_no_history_suggests_nothing_and_ties_break_by_id() -> None:
    scripts = [ScriptTriggers("b", ticket_types=("refund",)), ScriptTriggers("a", ticket_types=("refund",))]
    assert suggest_scripts(None, (), scripts) == ()
    caller = history(tickets=(Ticket("T", "refund", "open", datetime(2026, 1, 1).astimezone(), "s"),))
    assert suggest_scripts(caller, (), scripts) == ("a", "b")
