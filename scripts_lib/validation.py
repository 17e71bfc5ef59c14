"""The rules of docs/script-format.md checked over a whole script, reporting every problem found.

Shape and types are checked while building (shape.py); these are the rules about content and about the
step graph, which an author wants to see all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scripts_lib.model import AUTHORED_LANGS, Script, Step, Text
from scripts_lib.placeholders import brace_problems, braces_fine
from scripts_lib.problems import ScriptError, ScriptProblem
from scripts_lib.vocabulary import CATEGORIES, CUSTOMER_FLAGS, TICKET_TYPES

MIN_STEPS = 3
SCRIPT_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")
STEP_ID_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,99}")
def _texts_sound(step: Step) -> bool:
    """Whether every text of a step has both languages and no brace problem: what most steps are,
    told for all of them at once. (Joined by newlines: a token spanning two texts would hold one,
    which no fine token does.)"""
    texts = [step.title, *step.say, *step.do, *(branch.label for branch in step.branches)]
    return all(text.zh_hans and text.en for text in texts) and braces_fine(
        "\n".join([line for text in texts for line in (text.zh_hans, text.en)]))


def _quoted(ids: Iterable[str]) -> str:
    return ", ".join(f"'{step_id}'" for step_id in ids)


class _Checker:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.problems: list[ScriptProblem] = []
        self.ids = {step.id for step in script.steps if step.id}
        # Steps whose own way on is broken; reported once, and not again as part of a dead-end loop.
        self.broken_exits: set[str] = set()

    def problem(self, step: str | None, field: str, message: str) -> None:
        self.problems.append(ScriptProblem(self.script.source, self.script.id, step, field, message))

    def text(self, text: Text, step: str | None, field: str) -> None:
        if not text.has("zh-Hans") and not text.has("en"):
            self.problem(step, field, "missing")
            return
        for lang in AUTHORED_LANGS:
            if not text.has(lang):
                self.problem(step, f"{field}.{lang}", "missing")
            else:
                for brace in brace_problems(text.get(lang)):
                    self.problem(step, f"{field}.{lang}", brace.message)

    def script_fields(self) -> None:
        script = self.script
        if not script.id:
            self.problem(None, "id", "missing")
        elif not SCRIPT_ID_RE.fullmatch(script.id):
            self.problem(None, "id", f"'{script.id}' must be up to 100 lowercase letters, digits or '-'")
        self.text(script.title, None, "title")
        if not script.category:
            self.problem(None, "category", "missing")
        elif script.category not in CATEGORIES:
            self.problem(None, "category", f"unknown category '{script.category}' "
                         f"(one of: {', '.join(CATEGORIES)})")
        if script.tags:
            for lang in AUTHORED_LANGS:
                if not script.tags.get(lang):
                    self.problem(None, f"tags.{lang}", "missing")
        for n, flag in enumerate(script.triggers.flags, 1):
            if flag not in CUSTOMER_FLAGS:
                self.problem(None, f"triggers.flags[{n}]", f"unknown customer flag '{flag}' "
                             f"(one of: {', '.join(CUSTOMER_FLAGS)})")
        for n, ticket_type in enumerate(script.triggers.ticket_types, 1):
            if ticket_type not in TICKET_TYPES:
                self.problem(None, f"triggers.ticket_types[{n}]", f"unknown ticket type '{ticket_type}' "
                             f"(one of: {', '.join(TICKET_TYPES)})")
        if not script.steps:
            self.problem(None, "steps", "missing")
        elif len(script.steps) < MIN_STEPS:
            self.problem(None, "steps", f"a script needs at least {MIN_STEPS} steps; this one has "
                         f"{len(script.steps)}")
        if script.steps and script.start not in self.ids:
            self.problem(None, "start", f"unknown step '{script.start}'")

    def step(self, step: Step, position: int, first_position: dict[str, int]) -> None:
        where, prefix = (step.id, "") if step.id else (None, f"steps[{position}].")
        if not step.id:
            self.problem(None, f"{prefix}id", "missing")
        elif not STEP_ID_RE.fullmatch(step.id):
            self.problem(where, "id", "must be up to 100 lowercase letters, digits, '_' or '-'")
        elif step.id in first_position:
            self.problem(where, "id", f"duplicate step id: steps[{first_position[step.id]}] and "
                         f"steps[{position}] both use it")
        else:
            first_position[step.id] = position
        if not _texts_sound(step):
            self.texts(step, where, prefix)
        self.exits(step, where, prefix)

    def texts(self, step: Step, where: str | None, prefix: str) -> None:
        self.text(step.title, where, f"{prefix}title")
        for n, line in enumerate(step.say, 1):
            self.text(line, where, f"{prefix}say[{n}]")
        for n, item in enumerate(step.do, 1):
            self.text(item, where, f"{prefix}do[{n}]")
        for n, branch in enumerate(step.branches, 1):
            self.text(branch.label, where, f"{prefix}branches[{n}].label")

    def exits(self, step: Step, where: str | None, prefix: str) -> None:
        ways = [name for name, present in (("branches", step.branches), ("next", step.next),
                                           ("end", step.end)) if present]
        broken = False
        if not ways:
            self.problem(where, f"{prefix}next", "missing: a step needs branches (two or more), next, "
                         "or end: true")
            broken = True
        elif len(ways) > 1:
            self.problem(where, f"{prefix}{ways[1]}", f"a step has only one of branches, next or end: true; "
                         f"this one has {' and '.join(ways)}")
        if len(step.branches) == 1:
            self.problem(where, f"{prefix}branches", "has one branch; add another, or use next for a "
                         "single way on")
        for n, branch in enumerate(step.branches, 1):
            if not branch.next:
                self.problem(where, f"{prefix}branches[{n}].next", "missing")
                broken = True
            elif branch.next not in self.ids:
                self.problem(where, f"{prefix}branches[{n}].next", f"unknown step '{branch.next}'")
                broken = True
        if step.next and step.next not in self.ids:
            self.problem(where, f"{prefix}next", f"unknown step '{step.next}'")
            broken = True
        if broken and step.id:
            self.broken_exits.add(step.id)

    def graph(self) -> None:
        script = self.script
        if script.start not in self.ids:
            return  # already reported; every step would look unreachable
        leads_to = {step.id: [t for t in step.targets() if t in self.ids] for step in script.steps}
        reached = _closure([script.start], leads_to)
        for step in script.steps:
            if step.id and step.id not in reached:
                self.problem(step.id, "id", f"not reachable from the start step '{script.start}': no next "
                             "or branch leads here")
        led_from: dict[str, list[str]] = {step_id: [] for step_id in self.ids}
        for step_id, targets in leads_to.items():
            for target in targets:
                led_from[target].append(step_id)
        # A broken step counts as a way out here, so one mistake is not reported a second time.
        exits = [step.id for step in script.steps if step.end or step.id in self.broken_exits]
        can_finish = _closure(exits, led_from)
        stuck = [step for step in script.steps if step.id and step.id not in can_finish]
        if stuck:
            first = stuck[0]
            self.problem(first.id, "branches" if first.branches else "next",
                         f"loop with no way out: no end step can be reached from "
                         f"{_quoted(dict.fromkeys(step.id for step in stuck))}")


def _closure(starts: Iterable[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    pending = list(seen)
    while pending:
        for target in edges.get(pending.pop(), ()):
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def validate_script(script: Script) -> list[ScriptProblem]:
    """Every problem of one script, in file order; an empty list means the script is sound."""
    checker = _Checker(script)
    checker.script_fields()
    first_position: dict[str, int] = {}
    for position, step in enumerate(script.steps, 1):
        checker.step(step, position, first_position)
    checker.graph()
    return checker.problems


def validate_scripts(scripts: Iterable[Script]) -> list[ScriptProblem]:
    """Every problem of each script, plus script ids used more than once."""
    problems: list[ScriptProblem] = []
    first_source: dict[str, str] = {}
    for script in scripts:
        problems += validate_script(script)
        if not script.id:
            continue
        if script.id in first_source:
            problems.append(ScriptProblem(script.source, script.id, None, "id",
                                          f"duplicate script id '{script.id}'; "
                                          f"{first_source[script.id]} uses it too"))
        else:
            first_source[script.id] = script.source
    return problems


def check_script(script: Script) -> Script:
    """The script itself when it is sound; otherwise ScriptError listing every problem."""
    problems = validate_script(script)
    if problems:
        raise ScriptError(problems)
    return script
