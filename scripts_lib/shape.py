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


class _Irregular(Exception):
    """Data the quick reader leaves to _Reader, which says what is wrong with it (if anything)."""


_SCRIPT_KEYSET = frozenset(SCRIPT_KEYS)
_STEP_KEYSET = frozenset(STEP_KEYS)
_BRANCH_KEYSET = frozenset(BRANCH_KEYS)
_TRIGGER_KEYSET = frozenset(TRIGGER_KEYS)
_LANG_KEYSET = frozenset(AUTHORED_LANGS)
_NO_TEXT = Text()


class _QuickReader:
    """Builds the Script _Reader would from data with nothing wrong in its shape, several times faster;
    anything else (a wrong type, an unknown or derived field, an overlong list) raises _Irregular, and
    _Reader reads the data again to say what is wrong. Strings are checked for surrogates all at once
    at the end (`unchecked`), unless the caller knows there can be none; only then are texts shared
    through `known` (a text read before in the same batch is that same Text)."""

    def __init__(self, surrogates_possible: bool = True,
                 known: dict[tuple[str, str], Text] | None = None) -> None:
        self.surrogates_possible = surrogates_possible
        self.unchecked: list[str] = []
        self.known = None if surrogates_possible else known

    def string(self, value: object) -> str:
        if value is None:
            return ""
        if type(value) is not str:
            raise _Irregular
        if self.surrogates_possible and not value.isascii():
            self.unchecked.append(value)
        return value.strip()

    def text(self, value: object) -> Text:
        if value is None:
            return _NO_TEXT
        if type(value) is not dict or not value.keys() <= _LANG_KEYSET:
            raise _Irregular
        zh_hans, en = value.get("zh-Hans"), value.get("en")
        if self.known is not None and type(zh_hans) is str and type(en) is str:
            text = self.known.get((zh_hans, en))
            if text is None:
                text = self.known[zh_hans, en] = Text(zh_hans.strip(), en.strip())
            return text
        return Text(zh_hans=self.string(zh_hans), en=self.string(en))

    def items(self, value: object) -> list[Any]:
        if value is None:
            return []
        if type(value) is not list or len(value) > MAX_LIST_ITEMS:
            raise _Irregular
        return value

    def words(self, value: object) -> tuple[str, ...]:
        words: list[str] = []
        for item in self.items(value):
            word = self.string(item)
            if word and word not in words:
                words.append(word)
        return tuple(words)

    def words_by_lang(self, value: object) -> dict[str, tuple[str, ...]]:
        if value is None:
            return {}
        if type(value) is not dict or not value.keys() <= _LANG_KEYSET:
            raise _Irregular
        return {lang: self.words(value[lang]) for lang in AUTHORED_LANGS if lang in value}

    def flag(self, value: object) -> bool:
        if value is None:
            return False
        if type(value) is not bool:
            raise _Irregular
        return value

    def branch(self, value: object) -> Branch:
        if value is None:
            return Branch(_NO_TEXT, "")
        if type(value) is not dict or not value.keys() <= _BRANCH_KEYSET:
            raise _Irregular
        return Branch(self.text(value.get("label")), self.string(value.get("next")))

    def step(self, value: object) -> Step:
        if type(value) is not dict or not value.keys() <= _STEP_KEYSET:
            raise _Irregular
        text = self.text
        return Step(
            id=self.string(value.get("id")),
            title=text(value.get("title")),
            say=tuple(map(text, self.items(value.get("say")))),
            do=tuple(map(text, self.items(value.get("do")))),
            branches=tuple(map(self.branch, self.items(value.get("branches")))),
            next=self.string(value.get("next")) or None,
            escalation=self.flag(value.get("escalation")),
            end=self.flag(value.get("end")),
        )

    def triggers(self, value: object) -> Triggers:
        if value is None:
            return Triggers()
        if type(value) is not dict or not value.keys() <= _TRIGGER_KEYSET:
            raise _Irregular
        return Triggers(flags=self.words(value.get("flags")),
                        ticket_types=self.words(value.get("ticket_types")),
                        keywords=self.words_by_lang(value.get("keywords")))

    def script(self, data: object, source: str) -> Script:
        if type(data) is not dict or not data.keys() <= _SCRIPT_KEYSET:
            raise _Irregular
        steps = tuple(map(self.step, self.items(data.get("steps"))))
        script = Script(
            id=self.string(data.get("id")), title=self.text(data.get("title")),
            category=self.string(data.get("category")), tags=self.words_by_lang(data.get("tags")),
            triggers=self.triggers(data.get("triggers")), start=self.string(data.get("start"))
            or (steps[0].id if steps else ""), steps=steps, source=source)
        # No newline can make a surrogate out of two halves of other strings.
        if self.unchecked and _SURROGATE_RE.search("\n".join(self.unchecked)):
            raise _Irregular
        return script


def quick_script(data: object, source: str, surrogates_possible: bool = True,
                 known: dict[tuple[str, str], Text] | None = None) -> Script | None:
    """The Script script_from_data builds from data of a sound shape; None for anything it would have
    to look into (then call script_from_data). Whatever it accepts is nested a few levels at most.
    `surrogates_possible`: False when no string can hold half a surrogate pair, as in JSON decoded
    from UTF-8 with no \\u escape; then none is looked for, and texts are shared through `known`
    (texts repeat across the scripts of a pack: built once, and kept once)."""
    try:
        return _QuickReader(surrogates_possible, known).script(data, source)
    except _Irregular:
        return None


def script_from_data(data: object, source: str) -> Script:
    """Build a Script from a parsed document; raises ScriptError listing every shape problem."""
    script = quick_script(data, source)
    return script if script is not None else _read_with_problems(data, source)


def _read_with_problems(data: object, source: str) -> Script:
    """script_from_data the thorough way, collecting every problem."""
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
