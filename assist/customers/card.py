"""The caller's card: who is calling, what they bought, what is open, what was promised, which flags
matter, and the scripts that fit, worked out the moment the phone rings (Qt-free; the UI only reads it).

docs/customers-format.md defines the flags; `build_card` is the one place that decides them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from types import MappingProxyType

from assist.customers.phones import phone_tail
from assist.customers.records import CustomerHistory, Interaction, Order, Ticket
from knowledge.languages import to_traditional

_EMPTY: Mapping[str, str] = MappingProxyType({})

ELDERLY_AGE = 60
REPEAT_WINDOW = timedelta(days=7)
DUE_SOON = timedelta(hours=24)
SHOWN_ORDERS = 3
SHOWN_CALLS = 3
# In the order the card shows them: what changes how the agent should talk first.
FLAG_ORDER = ("abusive_history", "complaint_due", "promise_pending", "repeat_complaint", "repeat_caller",
              "elderly", "vip")


@dataclass(frozen=True)
class CallerCard:
    # How the agent addresses the caller ("王女士"), never the full legal name.
    address_as: str
    phone_tail: str = ""
    flags: tuple[str, ...] = ()
    # Dotted placeholder names ("order.id") to the values lines are filled with.
    facts: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    suggested_scripts: tuple[str, ...] = ()
    customer_id: str = ""
    name: str = ""
    # The full number in E.164: shown only when the agent asks for it.
    number: str = ""
    tier: str = ""
    language: str = ""
    age: int | None = None
    notes: str = ""
    orders: tuple[Order, ...] = ()
    open_tickets: tuple[Ticket, ...] = ()
    calls: tuple[Interaction, ...] = ()
    promises: tuple[Interaction, ...] = ()  # made on earlier calls and not kept yet, soonest due first
    as_of: datetime | None = None
    demo: bool = False  # a bundled demo customer, not a real one

    @property
    def known(self) -> bool:
        return bool(self.customer_id)

    def placeholder_values(self) -> dict[str, str]:
        values = dict(self.facts)
        if self.address_as:
            values.setdefault("customer.name", self.address_as)
        if self.phone_tail:
            values.setdefault("customer.phone_tail", self.phone_tail)
        return values


def card_flags(history: CustomerHistory, now: datetime) -> tuple[str, ...]:
    customer = history.customer
    flags: set[str] = set(customer.flags)
    if customer.tier == "vip":
        flags.add("vip")
    if customer.birth_year is not None and now.year - customer.birth_year >= ELDERLY_AGE:
        flags.add("elderly")
    if any(now - REPEAT_WINDOW <= call.at <= now for call in history.interactions):
        flags.add("repeat_caller")
    if _repeats_a_complaint(history.tickets):
        flags.add("repeat_complaint")
    if any(ticket.is_open and ticket.type == "complaint" and ticket.due is not None
           and ticket.due - now <= DUE_SOON for ticket in history.tickets):
        flags.add("complaint_due")
    if any(call.promise_due - now <= DUE_SOON for call in _pending_promises(history)
           if call.promise_due is not None):
        flags.add("promise_pending")
    return tuple(flag for flag in FLAG_ORDER if flag in flags)


def _repeats_a_complaint(tickets: tuple[Ticket, ...]) -> bool:
    """An open ticket about the same thing (topic or order) as an earlier complaint."""
    for ticket in tickets:
        if not ticket.is_open:
            continue
        for earlier in tickets:
            if earlier is ticket or earlier.type != "complaint" or earlier.opened >= ticket.opened:
                continue
            if (ticket.topic and ticket.topic == earlier.topic) or \
                    (ticket.order_id and ticket.order_id == earlier.order_id):
                return True
    return False


def _pending_promises(history: CustomerHistory) -> list[Interaction]:
    pending = [call for call in history.interactions if call.promise and not call.promise_kept]
    return sorted(pending, key=lambda call: (call.promise_due is None, call.promise_due or call.at))


def build_card(history: CustomerHistory, number: str, now: datetime, suggested: tuple[str, ...] = (),
               flags: tuple[str, ...] | None = None) -> CallerCard:
    customer = history.customer
    open_tickets = tuple(sorted((ticket for ticket in history.tickets if ticket.is_open),
                                key=lambda ticket: (ticket.due is None, ticket.due or ticket.opened)))
    return CallerCard(
        address_as=customer.address_as or customer.name,
        phone_tail=phone_tail(number) if number else "",
        flags=card_flags(history, now) if flags is None else flags,
        facts=MappingProxyType(_facts(history, open_tickets, customer.language)),
        suggested_scripts=suggested,
        customer_id=customer.id,
        name=customer.name,
        number=number,
        tier=customer.tier,
        language=customer.language,
        age=None if customer.birth_year is None else now.year - customer.birth_year,
        notes=customer.notes,
        orders=history.orders[:SHOWN_ORDERS],
        open_tickets=open_tickets,
        calls=history.interactions[:SHOWN_CALLS],
        promises=tuple(_pending_promises(history)),
        as_of=now,
        demo=customer.demo,
    )


def unknown_caller_card(number: str, now: datetime) -> CallerCard:
    """A number no customer has (or none at all when withheld): the card says so; scripts still work."""
    return CallerCard(address_as="", phone_tail=phone_tail(number) if number else "", number=number,
                      as_of=now)


# Words that go into the lines the agent reads out, in the caller's language.
_WORDS: Mapping[str, Mapping[str, str]] = {
    "zh-Hans": {"basic": "普通会员", "gold": "金卡会员", "vip": "VIP 客户",
                "pending_payment": "待付款", "paid": "已付款，待发货", "shipped": "已发货，运输中",
                "delivered": "已送达", "completed": "已完成", "cancelled": "已取消", "returning": "退货中",
                "refunding": "退款处理中", "refunded": "已退款",
                "refund.pending": "退款审核中", "refund.approved": "退款已批准，等待到账",
                "refund.paid": "退款已退回", "refund.rejected": "退款未通过审核"},
    "en": {"basic": "Basic member", "gold": "Gold member", "vip": "VIP customer",
           "pending_payment": "awaiting payment", "paid": "paid, awaiting dispatch",
           "shipped": "shipped, on its way", "delivered": "delivered", "completed": "completed",
           "cancelled": "cancelled", "returning": "being returned", "refunding": "refund in progress",
           "refunded": "refunded", "refund.pending": "refund under review",
           "refund.approved": "refund approved, on its way to you", "refund.paid": "refund paid back",
           "refund.rejected": "refund not approved"},
}


@cache
def _words(language: str) -> Mapping[str, str]:
    # Traditional Chinese is derived, as for every text written in Simplified (knowledge.languages);
    # on first use, not at import: the converter's dictionaries take longer to load than the sidebar's
    # first paint may.
    if language == "zh-Hant":
        return {key: to_traditional(word) for key, word in _WORDS["zh-Hans"].items()}
    return _WORDS.get(language, _WORDS["zh-Hans"])


def _day(moment: str | datetime | None, language: str) -> str:
    if moment is None:
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return ""
    local = moment.astimezone()
    if language == "en":
        return local.strftime("%d %b")
    return f"{local.month}月{local.day}日"


def money(fen: int, language: str = "zh-Hans") -> str:
    yuan = f"{fen / 100:,.2f}"
    return f"¥{yuan}" if language == "en" else f"{yuan} 元"


def _facts(history: CustomerHistory, open_tickets: tuple[Ticket, ...], language: str) -> dict[str, str]:
    words = _words(language)
    customer = history.customer
    facts: dict[str, str] = {"customer.level": words[customer.tier]}
    # The order the call is most likely about: the one an open ticket names, else the newest.
    named = {ticket.order_id for ticket in open_tickets if ticket.order_id}
    order = next((order for order in history.orders if order.id in named), None) \
        or (history.orders[0] if history.orders else None)
    if order is not None:
        facts["order.id"] = order.id
        if order.items:
            facts["order.item"] = order.items[0][0]
        facts["order.status"] = words[order.status]
        logistics = order.logistics or {}
        for key in ("carrier", "tracking_no"):
            if logistics.get(key):
                facts[f"logistics.{key}"] = str(logistics[key])
        if logistics.get("eta"):
            facts["order.eta"] = _day(logistics["eta"], language)
    refund_order = next((o for o in history.orders if o.refund and o.refund.get("status") != "paid"), None) \
        or next((o for o in history.orders if o.refund), None)
    if refund_order is not None and refund_order.refund is not None:
        refund = refund_order.refund
        facts["refund.status"] = words[f"refund.{refund['status']}"]
        facts["refund.amount"] = money(int(refund.get("amount_fen", refund_order.amount_fen)), language)
        if refund.get("method"):
            facts["refund.method"] = str(refund["method"])
        if refund.get("eta"):
            facts["refund.eta"] = _day(refund["eta"], language)
    if open_tickets:
        ticket = open_tickets[0]
        facts["ticket.id"] = ticket.id
        if ticket.due is not None:
            local = ticket.due.astimezone()
            facts["ticket.promised_at"] = (local.strftime("%d %b %H:%M") if language == "en"
                                           else f"{local.month}月{local.day}日 {local:%H:%M}")
    return facts
