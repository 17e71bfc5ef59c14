"""Turning plain data (parsed YAML, stored JSON) into a Script, refusing wrong shapes and types.

Only what stops a faithful Script from being built is refused here: a wrong type, an unknown field, a
hand-written zh-Hant. Whether the script is complete and sound (languages present, steps linked, ids
well-formed) is validation.py's job, so an editor can show a draft and all its problems at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scripts_lib.model import AUTHORED_LANGS, Branch, Script, Step, Text, Triggers
from scripts_lib.problems import ScriptError, ScriptProblem

SCRIPT_KEYS = ("id", "title", "category", "tags", "triggers", "start", "steps")
STEP_KEYS = ("id", "title", "say", "do", "branches", "next", "escalation", "end")
BRANCH_KEYS = ("label", "next")
TRIGGER_KEYS = ("flags", "ticket_types", "keywords")
MAX_LIST_ITEMS = 500


def _type_name(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


class _Reader:
    """Collects every shape problem of one script instead of stopping at the first."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.script_id = ""
        self.problems: list[ScriptProblem] = []

    def problem(self, step: str | None, field: str, message: str) -> None:
        self.problems.append(ScriptProblem(self.source, self.script_id, step, field, message))

    def mapping(self, value: object, step: str | None, field: str, allowed: tuple[str, ...],
                what: str) -> Mapping[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, Mapping):
            self.problem(step, field, f"expected {what}, got {_type_name(value)}")
            return None
        self.known_keys(value, step, field, allowed)
        return value

    def known_keys(self, value: Mapping[Any, Any], step: str | None, field: str,
                   allowed: tuple[str, ...]) -> None:
        # A misspelt key ("brnaches") would otherwise vanish silently and leave a dead-end step.
        for key in value:
            if key not in allowed:
                name = key if isinstance(key, str) else repr(key)
                self.problem(step, f"{field}.{name}" if field else name,
                             f"unknown field (known: {', '.join(allowed)})")

    def items(self, value: object, step: str | None, field: str, what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            self.problem(step, field, f"expected a list of {what}, got {_type_name(value)}")
            return []
        if len(value) > MAX_LIST_ITEMS:
            self.problem(step, field, f"has {len(value)} items; the limit is {MAX_LIST_ITEMS}")
            return []
        return list(value)

    def string(self, value: object, step: str | None, field: str) -> str:
        """Text with surrounding space removed; "" when absent (validation decides if that matters)."""
        if value is None:
            return ""
        if not isinstance(value, str):
            hint = " (put it in quotes)" if isinstance(value, bool | int | float) else ""
            self.problem(step, field, f"expected text, got {_type_name(value)}{hint}")
            return ""
        surrogate = _SURROGATE_RE.search(value)
        if surrogate:
            # Only a JSON or YAML escape makes one; no file or database can store it.
            self.problem(step, field, f"contains U+{ord(surrogate.group()):04X}, half of a surrogate pair")
            return ""
        return value.strip()

    def flag(self, value: object, step: str | None, field: str) -> bool:
        if value is None:
            return False
        if not isinstance(value, bool):
            self.problem(step, field, f"expected true or false, got {_type_name(value)}")
            return False
        return value

    def text(self, value: object, step: str | None, field: str) -> Text:
        if isinstance(value, str):
            self.problem(step, field, "expected zh-Hans and en texts, got a single text")
            return Text()
        values = self.mapping(value, step, field, (*AUTHORED_LANGS, "zh-Hant"), "zh-Hans and en texts")
        if values is None:
            return Text()
        if "zh-Hant" in values:
            self.problem(step, f"{field}.zh-Hant", "is derived from zh-Hans with OpenCC; do not write it")
        return Text(zh_hans=self.string(values.get("zh-Hans"), step, f"{field}.zh-Hans"),
                    en=self.string(values.get("en"), step, f"{field}.en"))

    def texts(self, value: object, step: str | None, field: str) -> tuple[Text, ...]:
        return tuple(self.text(item, step, f"{field}[{n}]")
                     for n, item in enumerate(self.items(value, step, field, "zh-Hans/en texts"), 1))

    def words(self, value: object, step: str | None, field: str) -> tuple[str, ...]:
        words: list[str] = []
        for n, item in enumerate(self.items(value, step, field, "words"), 1):
            word = self.string(item, step, f"{field}[{n}]")
            if word and word not in words:
                words.append(word)
        return tuple(words)

    def words_by_lang(self, value: object, field: str) -> dict[str, tuple[str, ...]]:
        values = self.mapping(value, None, field, AUTHORED_LANGS, "zh-Hans and en lists")
        if values is None:
            return {}
        return {lang: self.words(values.get(lang), None, f"{field}.{lang}")
                for lang in AUTHORED_LANGS if lang in values}

    def branch(self, value: object, step: str | None, field: str) -> Branch:
        values = self.mapping(value, step, field, BRANCH_KEYS, "a branch (label and next)")
        if values is None:
            return Branch(Text(), "")
        return Branch(self.text(values.get("label"), step, f"{field}.label"),
                      self.string(values.get("next"), step, f"{field}.next"))

    def step(self, value: object, position: int) -> Step:
        field = f"steps[{position}]"
        if not isinstance(value, Mapping):
            if value is not None:
                self.problem(None, field, f"expected a step, got {_type_name(value)}")
            return Step(id="")
        values: Mapping[Any, Any] = value
        step_id = self.string(values.get("id"), None, f"{field}.id")
        # Once a step has an id, messages name it; the position is all a nameless step has.
        where, prefix = (step_id, "") if step_id else (None, f"{field}.")
        self.known_keys(values, where, prefix.rstrip("."), STEP_KEYS)
        branches = self.items(values.get("branches"), where, f"{prefix}branches", "branches")
        return Step(
            id=step_id,
            title=self.text(values.get("title"), where, f"{prefix}title"),
            say=self.texts(values.get("say"), where, f"{prefix}say"),
            do=self.texts(values.get("do"), where, f"{prefix}do"),
            branches=tuple(self.branch(item, where, f"{prefix}branches[{n}]")
                           for n, item in enumerate(branches, 1)),
            next=self.string(values.get("next"), where, f"{prefix}next") or None,
            escalation=self.flag(values.get("escalation"), where, f"{prefix}escalation"),
            end=self.flag(values.get("end"), where, f"{prefix}end"),
        )

    def triggers(self, value: object) -> Triggers:
        values = self.mapping(value, None, "triggers", TRIGGER_KEYS, "flags, ticket_types and keywords")
        if values is None:
            return Triggers()
        return Triggers(flags=self.words(values.get("flags"), None, "triggers.flags"),
                        ticket_types=self.words(values.get("ticket_types"), None, "triggers.ticket_types"),
                        keywords=self.words_by_lang(values.get("keywords"), "triggers.keywords"))


def script_from_data(data: object, source: str) -> Script:
    """Build a Script from a parsed document; raises ScriptError listing every shape problem."""
    reader = _Reader(source)
    if data is None:
        raise ScriptError.at(source, "the script is empty")
    if not isinstance(data, Mapping):
        raise ScriptError.at(source, "expected a script (id, title, category, steps), got "
                             f"{_type_name(data)}")
    values: Mapping[Any, Any] = data
    reader.known_keys(values, None, "", SCRIPT_KEYS)
    # Read in file order, so problems are listed in the order an author meets them.
    reader.script_id = reader.string(values.get("id"), None, "id")
    title = reader.text(values.get("title"), None, "title")
    category = reader.string(values.get("category"), None, "category")
    tags = reader.words_by_lang(values.get("tags"), "tags")
    triggers = reader.triggers(values.get("triggers"))
    start = reader.string(values.get("start"), None, "start")
    steps = tuple(reader.step(item, n)
                  for n, item in enumerate(reader.items(values.get("steps"), None, "steps", "steps"), 1))
    script = Script(
        id=reader.script_id, title=title, category=category, tags=tags, triggers=triggers,
        # The format lets start default to the first step; resolving it here keeps every reader simple.
        start=start or (steps[0].id if steps else ""),
        steps=steps, source=source,
    )
    if reader.problems:
        raise ScriptError(reader.problems)
    return script
