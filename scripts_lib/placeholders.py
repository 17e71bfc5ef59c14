"""The fixed placeholder list of docs/script-format.md, and filling a line from a caller's context.

A placeholder the context cannot fill stays in the line as a slot. In `RenderedLine.text` a slot is
written `【group.field】` (SLOT_OPEN + name + SLOT_CLOSE): lenticular brackets never occur in our
scripts or in card data, so a copied line with a gap in it is unmistakable in Chinese and English
alike. A UI should draw from `segments` instead, where slots are separate pieces it can turn into
fields the agent types into.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

SLOT_OPEN = "【"
SLOT_CLOSE = "】"


@dataclass(frozen=True)
class Placeholder:
    name: str
    zh_hans: str
    en: str


PLACEHOLDERS: Mapping[str, Placeholder] = {p.name: p for p in (
    Placeholder("customer.name", "对客户的称呼（如 王女士）", "how to address the caller (e.g. Ms Wang)"),
    Placeholder("customer.level", "会员等级（如 金卡会员）", "membership level (e.g. Gold member)"),
    Placeholder("customer.phone_tail", "来电手机尾号后四位，用于核对身份",
                "last four digits of the caller's phone, for identity checks"),
    Placeholder("order.id", "订单号", "order number"),
    Placeholder("order.item", "所购商品", "what was ordered"),
    Placeholder("order.status", "订单状态", "order state in words"),
    Placeholder("order.eta", "预计送达时间", "when the order is expected"),
    Placeholder("refund.amount", "退款金额（含币种）", "refund amount with currency"),
    Placeholder("refund.status", "退款状态", "refund state in words"),
    Placeholder("refund.eta", "预计到账时间", "when the refund lands"),
    Placeholder("refund.method", "退款去向（原路退回、余额……）",
                "where the refund goes (original card, balance, ...)"),
    Placeholder("ticket.id", "工单号", "open ticket number"),
    Placeholder("ticket.promised_at", "答应客户下次回复的时间",
                "time promised to the customer for the next update"),
    Placeholder("logistics.carrier", "快递公司", "carrier name"),
    Placeholder("logistics.tracking_no", "运单号", "tracking number"),
    Placeholder("repair.visit_time", "师傅来电或上门的时间", "when the technician will call or visit"),
    Placeholder("agent.name", "坐席姓名或工作名", "the agent's name or work name"),
    Placeholder("agent.id", "坐席工号", "the agent's work number"),
    Placeholder("callback.time", "答应回电的时间（通常由坐席填写）",
                "when the agent promises to call back (usually typed by the agent)"),
    Placeholder("compensation.offer", "可以给的补偿（优惠券、积分、运费）",
                "the goodwill offer (coupon, points, postage) the agent may make"),
)}

# Doubled braces first, so "{{x}}" is the literal "{x}" and never a placeholder.
_TOKEN_RE = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


@dataclass(frozen=True)
class Segment:
    """A piece of a rendered line: literal text (name is None), a filled placeholder, or a slot."""

    text: str
    name: str | None = None
    filled: bool = False

    @property
    def is_slot(self) -> bool:
        return self.name is not None and not self.filled


@dataclass(frozen=True)
class RenderedLine:
    text: str
    segments: tuple[Segment, ...]
    slots: tuple[str, ...]


@dataclass(frozen=True)
class BraceProblem:
    """A placeholder not on the list, or a lone brace that should have been doubled."""

    token: str
    message: str


def slot_marker(name: str) -> str:
    return f"{SLOT_OPEN}{name}{SLOT_CLOSE}"


def _pieces(text: str) -> list[tuple[str, str | None]]:
    """(literal text, None) and (token, placeholder name) pieces, lone braces kept as literal text."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for match in _TOKEN_RE.finditer(text):
        if match.start() > position:
            pieces.append((text[position:match.start()], None))
        token = match.group()
        if token in ("{{", "}}"):
            pieces.append((token[0], None))
        elif match.group(1) is not None:
            pieces.append((token, match.group(1)))
        else:
            pieces.append((token, None))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def placeholders_in(text: str) -> list[str]:
    """Names of the placeholders in a text, each once, in order of first appearance."""
    names: list[str] = []
    for _, name in _pieces(text):
        if name is not None and name not in names:
            names.append(name)
    return names


def brace_problems(text: str) -> list[BraceProblem]:
    """What the validator refuses: names not on the fixed list, and single braces meant literally."""
    problems: list[BraceProblem] = []
    for match in _TOKEN_RE.finditer(text):
        token = match.group()
        if token in ("{{", "}}"):
            continue
        name = match.group(1)
        if name is None:
            problems.append(BraceProblem(token, f"unmatched '{token}'; write '{token * 2}' for a "
                                         "literal brace"))
        elif name not in PLACEHOLDERS:
            problems.append(BraceProblem(token, f"unknown placeholder '{token}'"))
    return problems


# The tokens _TOKEN_RE reads a text by, written so that every way starts with a brace (which the
# regex engine then scans for in C), and the ones brace_problems finds no fault with.
_BRACE_TOKEN_RE = re.compile(r"\{(?:\{|[^{}]*\})?|\}\}?")
_FINE_TOKENS = frozenset({"{{", "}}", *(f"{{{name}}}" for name in PLACEHOLDERS)})


def braces_fine(text: str) -> bool:
    """Whether brace_problems(text) would find nothing, told far faster."""
    return ("{" not in text and "}" not in text) or _FINE_TOKENS.issuperset(_BRACE_TOKEN_RE.findall(text))


def unknown_placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders not on the list stand in a text, (start, end), read as brace_problems
    reads it (doubled braces are literal)."""
    return [match.span() for match in _TOKEN_RE.finditer(text)
            if match.group(1) is not None and match.group(1) not in PLACEHOLDERS]


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in placeholders_in(text) if name not in PLACEHOLDERS]


def _value(context: Mapping[str, str], name: str) -> str:
    value = context.get(name)
    # A card field of spaces is as empty as a missing one; non-text values are a caller's bug, not
    # a reason to lose the line in the middle of a call.
    return value.strip() if isinstance(value, str) else ""


def render(text: str, context: Mapping[str, str]) -> RenderedLine:
    """Fill the placeholders of a line from a context keyed by dotted name ("customer.name").

    Never raises: a name missing from the context, or with an empty value, becomes a slot; a lone
    brace is kept as written.
    """
    segments: list[Segment] = []
    slots: list[str] = []
    for piece, name in _pieces(text):
        if name is None:
            if segments and segments[-1].name is None:
                segments[-1] = Segment(segments[-1].text + piece)
            else:
                segments.append(Segment(piece))
            continue
        value = _value(context, name)
        if value:
            segments.append(Segment(value, name, filled=True))
        else:
            segments.append(Segment(slot_marker(name), name))
            if name not in slots:
                slots.append(name)
    return RenderedLine("".join(s.text for s in segments), tuple(segments), tuple(slots))


def plain_text(text: str) -> str:
    """The literal text alone, placeholders dropped, for search: "{customer.name}" is not a word."""
    return "".join(piece for piece, name in _pieces(text) if name is None)
