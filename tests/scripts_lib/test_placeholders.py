"""Placeholders fill from the caller's card; what the card lacks becomes a slot the agent types into."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_lib import PLACEHOLDERS, Segment, placeholders_in, plain_text, render, unknown_placeholders
from scripts_lib.placeholders import brace_problems

FORMAT_DOC = Path(__file__).parents[2] / "docs" / "script-format.md"
LINE = "{customer.name}您好，订单{order.id}的退款{refund.amount}已退回。"


def test_the_list_is_the_one_in_the_format_doc() -> None:
    assert len(PLACEHOLDERS) == 20
    assert {"customer.name", "order.id", "refund.amount", "callback.time", "compensation.offer"} <= set(
        PLACEHOLDERS)
    assert all(p.zh_hans and p.en for p in PLACEHOLDERS.values())
    # The table authors read, in docs/script-format.md, names exactly these, in the same order.
    documented = re.findall(r"^\| `\{([a-z_.]+)\}` \|", FORMAT_DOC.read_text("utf-8"), re.MULTILINE)
    assert documented == list(PLACEHOLDERS)


def test_a_full_context_fills_every_placeholder() -> None:
    line = render(LINE, {"customer.name": "王女士", "order.id": "A1001", "refund.amount": "¥99"})
    assert line.text == "王女士您好，订单A1001的退款¥99已退回。"
    assert line.slots == ()
    assert line.segments[0] == Segment("王女士", "customer.name", filled=True)


def test_missing_and_empty_values_become_slots() -> None:
    line = render(LINE, {"customer.name": "王女士", "order.id": "", "refund.amount": "  "})
    assert line.text == "王女士您好，订单【order.id】的退款【refund.amount】已退回。"
    assert line.slots == ("order.id", "refund.amount")
    assert [(s.text, s.name, s.is_slot) for s in line.segments] == [
        ("王女士", "customer.name", False), ("您好，订单", None, False), ("【order.id】", "order.id", True),
        ("的退款", None, False), ("【refund.amount】", "refund.amount", True), ("已退回。", None, False)]


def test_a_slot_used_twice_is_listed_once() -> None:
    line = render("{callback.time}前后，也就是{callback.time}", {})
    assert line.slots == ("callback.time",)
    assert sum(segment.is_slot for segment in line.segments) == 2


def test_doubled_braces_are_literal() -> None:
    line = render("{{customer.name}} is written as {{name}}; }}{{", {"customer.name": "Ms Wang"})
    assert line.text == "{customer.name} is written as {name}; }{"
    assert line.slots == () and line.segments == (Segment(line.text),)
    assert placeholders_in("{{customer.name}}") == []
    assert brace_problems("{{customer.name}} {{") == []


def test_lone_braces_render_as_written_and_are_validation_problems() -> None:
    # Anything between single braces is a placeholder name; the validator refuses the unknown ones.
    assert render("a { b } c", {}).slots == (" b ",)
    assert render("smile :} or {", {}).text == "smile :} or {"
    assert [p.message for p in brace_problems("smile :} or {")] == [
        "unmatched '}'; write '}}' for a literal brace", "unmatched '{'; write '{{' for a literal brace"]


def test_placeholders_in_and_unknown_names() -> None:
    text = "{order.id} {customer.email} {order.id} {} {Order.Id}"
    assert placeholders_in(text) == ["order.id", "customer.email", "", "Order.Id"]
    assert unknown_placeholders(text) == ["customer.email", "", "Order.Id"]
    assert [p.message for p in brace_problems(text)] == [
        "unknown placeholder '{customer.email}'", "unknown placeholder '{}'",
        "unknown placeholder '{Order.Id}'"]


def test_plain_text_drops_placeholders_for_search() -> None:
    assert plain_text(LINE) == "您好，订单的退款已退回。"
    assert plain_text("Costs {{not a slot}}") == "Costs {not a slot}"


@settings(max_examples=400, deadline=None)
@given(st.text(), st.dictionaries(st.text(), st.text()))
def test_render_never_raises(text: str, context: dict[str, str]) -> None:
    line = render(text, context)
    assert line.text == "".join(segment.text for segment in line.segments)
    assert set(line.slots) == {segment.name for segment in line.segments if segment.is_slot}


_LITERALS = st.text(alphabet=st.characters(blacklist_characters="{}"), max_size=6)
_NAMES = st.sampled_from(["customer.name", "order.id", "refund.eta"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_LITERALS.map(lambda text: ("text", text)),
                          st.sampled_from([("text", "{{"), ("text", "}}")]),
                          _NAMES.map(lambda name: ("name", name)))),
       st.dictionaries(_NAMES, st.text(max_size=5)))
def test_render_matches_a_line_built_from_known_pieces(pieces: list[tuple[str, str]],
                                                       context: dict[str, str]) -> None:
    # The expected result is worked out from the pieces themselves, not from render's own parts.
    source = "".join(value if kind == "text" else "{" + value + "}" for kind, value in pieces)
    expected_text, expected_slots = "", []
    for kind, value in pieces:
        if kind == "text":
            expected_text += {"{{": "{", "}}": "}"}.get(value, value)
        elif context.get(value, "").strip():
            expected_text += context[value].strip()
        else:
            expected_text += f"【{value}】"
            if value not in expected_slots:
                expected_slots.append(value)
    line = render(source, context)
    assert line.text == expected_text
    assert line.slots == tuple(expected_slots)
    assert [s.name for s in line.segments if s.name] == [v for k, v in pieces if k == "name"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "{{", "}}", "a", ".", " ", "退", "customer.name"])).map("".join),
       st.dictionaries(st.sampled_from(["customer.name", "a", "", "a.a"]), st.text(max_size=5)))
def test_render_never_raises_on_brace_soup(text: str, context: dict[str, str]) -> None:
    line = render(text, context)
    assert line.text == "".join(segment.text for segment in line.segments)
    if "{" not in text and "}" not in text:
        assert line.text == text
    for segment in line.segments:
        if segment.filled:
            assert segment.name is not None and segment.text == context[segment.name].strip()
