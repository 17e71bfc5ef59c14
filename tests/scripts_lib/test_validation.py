"""Every rule of docs/script-format.md has an example that breaks it, and the message points at it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts_lib import (
    CATEGORIES,
    CUSTOMER_FLAGS,
    TICKET_TYPES,
    ScriptError,
    check_script,
    validate_script,
    validate_scripts,
)
from scripts_lib.placeholders import brace_problems, braces_fine
from tests.scripts_lib.sample import parsed, sample, step_of

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: object) -> Mutation:
    """Set a value at a dotted path; "step:<id>" selects a step, digits select list items."""
    def mutate(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            node = step_of(data, part[5:]) if part.startswith("step:") else (
                node[int(part)] if part.isdigit() else node[part])
        if value is _DELETE:
            del node[int(last) if last.isdigit() else last]
        else:
            node[int(last) if last.isdigit() else last] = value
    return mutate


_DELETE = object()


def _add_step(step: dict[str, Any]) -> Mutation:
    return lambda data: data["steps"].append(step)


def _many(*mutations: Mutation) -> Mutation:
    def mutate(data: dict[str, Any]) -> None:
        for mutation in mutations:
            mutation(data)
    return mutate


_END_STEP = {"title": {"zh-Hans": "结束", "en": "End"}, "end": True}

# (what breaks, every line reported for it, in file order)
CASES: list[tuple[str, Mutation, list[str]]] = [
    ("id missing", _set("id", _DELETE), ["demo.yaml: id: missing"]),
    ("id malformed", _set("id", "Demo_Refund"),
     ["demo.yaml: id: 'Demo_Refund' must be up to 100 lowercase letters, digits or '-'"]),
    ("title missing", _set("title", _DELETE), ["demo.yaml: title: missing"]),
    ("title without en", _set("title.en", _DELETE), ["demo.yaml: title.en: missing"]),
    ("category missing", _set("category", _DELETE), ["demo.yaml: category: missing"]),
    ("category unknown", _set("category", "refunds"),
     ["demo.yaml: category: unknown category 'refunds' (one of: returns-refunds, shipping, membership, "
      "trade-in, app-account, payment, complaints, privacy, service)"]),
    ("tags without en", _set("tags.en", _DELETE), ["demo.yaml: tags.en: missing"]),
    ("flag unknown", _set("triggers.flags", ["vip", "gold"]),
     ["demo.yaml: triggers.flags[2]: unknown customer flag 'gold' (one of: vip, elderly, repeat_caller, "
      "repeat_complaint, promise_pending, abusive_history)"]),
    ("ticket type unknown", _set("triggers.ticket_types", ["refunds"]),
     ["demo.yaml: triggers.ticket_types[1]: unknown ticket type 'refunds' (one of: refund, return, "
      "logistics, repair, complaint, account, payment, trade_in, membership, privacy, outage)"]),
    ("steps missing", _set("steps", _DELETE), ["demo.yaml: steps: missing"]),
    ("fewer than 3 steps", _many(_set("start", _DELETE), _set("steps", [dict(_END_STEP, id="a"),
                                                                          dict(_END_STEP, id="b")])),
     ["demo.yaml: steps: a script needs at least 3 steps; this one has 2",
      "demo.yaml: step 'b': id: not reachable from the start step 'a': no next or branch leads here"]),
    ("start unknown", _set("start", "hello"), ["demo.yaml: start: unknown step 'hello'"]),
    ("step title missing", _set("step:close.title", _DELETE), ["demo.yaml: step 'close': title: missing"]),
    ("say line without en", _set("step:greet.say.1.en", _DELETE),
     ["demo.yaml: step 'greet': say[2].en: missing"]),
    ("do item without zh-Hans", _set("step:explain.do.0.zh-Hans", _DELETE),
     ["demo.yaml: step 'explain': do[1].zh-Hans: missing"]),
    ("branch label without en", _set("step:greet.branches.1.label.en", _DELETE),
     ["demo.yaml: step 'greet': branches[2].label.en: missing"]),
    ("step id missing", _set("step:escalate.id", _DELETE),
     ["demo.yaml: step 'greet': branches[2].next: unknown step 'escalate'",
      "demo.yaml: steps[3].id: missing"]),
    ("step id malformed", _many(_set("step:close.id", "Close Call"), _set("step:explain.next", "Close Call")),
     ["demo.yaml: step 'Close Call': id: must be up to 100 lowercase letters, digits, '_' or '-'"]),
    ("step id twice", _add_step(dict(_END_STEP, id="close")),
     ["demo.yaml: step 'close': id: duplicate step id: steps[4] and steps[5] both use it"]),
    ("one branch", _set("step:greet.branches", [{"label": {"zh-Hans": "好", "en": "OK"}, "next": "explain"}]),
     ["demo.yaml: step 'greet': branches: has one branch; add another, or use next for a single way on",
      "demo.yaml: step 'escalate': id: not reachable from the start step 'greet': no next or branch "
      "leads here"]),
    ("next and end", _set("step:explain.end", True),
     ["demo.yaml: step 'explain': end: a step has only one of branches, next or end: true; this one has "
      "next and end"]),
    ("branches and next", _set("step:greet.next", "close"),
     ["demo.yaml: step 'greet': next: a step has only one of branches, next or end: true; this one has "
      "branches and next"]),
    ("no way on", _set("step:explain.next", _DELETE),
     ["demo.yaml: step 'explain': next: missing: a step needs branches (two or more), next, or end: true",
      "demo.yaml: step 'close': id: not reachable from the start step 'greet': no next or branch leads "
      "here"]),
    ("next unknown", _set("step:explain.next", "closing"),
     ["demo.yaml: step 'explain': next: unknown step 'closing'",
      "demo.yaml: step 'close': id: not reachable from the start step 'greet': no next or branch leads "
      "here"]),
    ("branch target unknown", _set("step:greet.branches.1.next", "supervisor"),
     ["demo.yaml: step 'greet': branches[2].next: unknown step 'supervisor'",
      "demo.yaml: step 'escalate': id: not reachable from the start step 'greet': no next or branch "
      "leads here"]),
    ("branch target missing", _set("step:greet.branches.0.next", _DELETE),
     ["demo.yaml: step 'greet': branches[1].next: missing",
      "demo.yaml: step 'explain': id: not reachable from the start step 'greet': no next or branch "
      "leads here",
      "demo.yaml: step 'close': id: not reachable from the start step 'greet': no next or branch leads "
      "here"]),
    ("unreachable step", _add_step(dict(_END_STEP, id="orphan")),
     ["demo.yaml: step 'orphan': id: not reachable from the start step 'greet': no next or branch leads "
      "here"]),
    ("loop with no way out", _many(
        _set("step:greet.branches.1.next", "hold"),
        _add_step({"id": "hold", "title": {"zh-Hans": "稍等", "en": "Hold"}, "next": "wait"}),
        _add_step({"id": "wait", "title": {"zh-Hans": "等待", "en": "Wait"}, "next": "hold"})),
     ["demo.yaml: step 'escalate': id: not reachable from the start step 'greet': no next or branch "
      "leads here",
      "demo.yaml: step 'hold': next: loop with no way out: no end step can be reached from 'hold', 'wait'"]),
    ("unknown placeholder", _set("step:explain.say.0.zh-Hans", "您的邮箱是{customer.email}吗？"),
     ["demo.yaml: step 'explain': say[1].zh-Hans: unknown placeholder '{customer.email}'"]),
    ("single brace", _set("step:close.say.0.en", "Anything else? :}"),
     ["demo.yaml: step 'close': say[1].en: unmatched '}'; write '}}' for a literal brace"]),
    ("placeholder in a do item", _set("step:explain.do.0.en", "Note it in {ticket}"),
     ["demo.yaml: step 'explain': do[1].en: unknown placeholder '{ticket}'"]),
]


def test_the_sample_is_valid() -> None:
    assert validate_script(parsed(sample())) == []


@pytest.mark.parametrize(("mutation", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_each_rule_reports_file_step_and_field(mutation: Mutation, expected: list[str]) -> None:
    data = sample()
    mutation(data)
    assert [str(problem) for problem in validate_script(parsed(data))] == expected


def test_a_going_back_branch_is_allowed() -> None:
    data = sample()
    step_of(data, "explain").pop("next")
    step_of(data, "explain")["branches"] = [
        {"label": {"zh-Hans": "客户没听清", "en": "Didn't catch it"}, "next": "greet"},
        {"label": {"zh-Hans": "明白了", "en": "Understood"}, "next": "close"}]
    assert validate_script(parsed(data)) == []


def test_problem_fields_are_structured() -> None:
    data = sample()
    step_of(data, "greet")["branches"][1]["next"] = "y"
    problem = validate_script(parsed(data))[0]
    assert (problem.source, problem.script_id, problem.step_id, problem.field) == (
        "demo.yaml", "demo-refund", "greet", "branches[2].next")
    assert problem.message == "unknown step 'y'"


def test_several_problems_are_all_reported_in_file_order() -> None:
    data = sample()
    data["category"] = "nope"
    step_of(data, "greet")["say"][0].pop("en")
    step_of(data, "close")["say"][0]["zh-Hans"] = "{x}"
    assert [(p.step_id, p.field) for p in validate_script(parsed(data))] == [
        (None, "category"), ("greet", "say[1].en"), ("close", "say[1].zh-Hans")]


def test_duplicate_script_ids_across_scripts() -> None:
    first, second = parsed(sample(), "a.yaml"), parsed(sample(), "b.yaml")
    assert [str(p) for p in validate_scripts([first, second])] == [
        "b.yaml: id: duplicate script id 'demo-refund'; a.yaml uses it too"]
    other = sample()
    other["id"] = "demo-other"
    assert validate_scripts([first, parsed(other, "b.yaml")]) == []


def test_check_script_raises_with_every_problem() -> None:
    data = sample()
    data["category"] = "nope"
    step_of(data, "explain")["next"] = "gone"
    script = parsed(data)
    with pytest.raises(ScriptError) as caught:
        check_script(script)
    assert len(caught.value.problems) == 3
    lines = str(caught.value).splitlines()
    assert lines[0].startswith("demo.yaml: category: unknown category 'nope'")
    assert lines[1] == "demo.yaml: step 'explain': next: unknown step 'gone'"
    valid = parsed(sample())
    assert check_script(valid) is valid


def test_vocabulary_is_the_one_in_the_format_doc() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "script-format.md").read_text("utf-8")

    def listed(heading: str, label: str = "") -> list[str]:
        section = doc.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
        if label:
            section = section.split(f"{label}:", 1)[1].split(".\n", 1)[0]
        return re.findall(r"`([a-z_-]+)`", section)

    assert listed("Categories") == list(CATEGORIES)
    assert listed("Customer flags and ticket types", "Flags") == list(CUSTOMER_FLAGS)
    assert listed("Customer flags and ticket types", "Ticket types") == list(TICKET_TYPES)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["{", "}", "{{", "}}", "{customer.name}", "{order.id}", "{nope}", "{}",
                                 "a", "中", " ", "\n", "{customer.name", "{{order.id}}", "{{{"]),
                max_size=8))
def test_the_quick_brace_check_agrees_with_brace_problems(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert braces_fine(text) == (not brace_problems(text))
    # Texts joined by newlines are fine exactly when each is.
    assert braces_fine("\n".join(pieces)) == all(braces_fine(piece) for piece in pieces)
