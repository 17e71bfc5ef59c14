"""Scenario scripts as immutable plain data: texts in three languages, steps, branches, triggers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from knowledge.languages import LANGS, to_traditional
from knowledge.search.document import SearchDocument
from scripts_lib.placeholders import plain_text

# Authors write these two; zh-Hant is derived (docs/script-format.md).
AUTHORED_LANGS = ("zh-Hans", "en")
# Search folds Traditional into Simplified, so the zh-Hans document also answers zh-Hant queries.
DOCUMENT_LANGS = ("zh-Hans", "en")



_DOC_PREFIX = "script:"


def script_doc_id(script_id: str, lang: str) -> str:
    """A script's search document id: "script:<id>" in Simplified Chinese, "script:<id>.<lang>"."""
    return f"{_DOC_PREFIX}{script_id}" if lang == "zh-Hans" else f"{_DOC_PREFIX}{script_id}.{lang}"


def script_id_of(doc_id: str) -> tuple[str, str] | None:
    """The script and language a search document id names; None for anything else."""
    if not doc_id.startswith(_DOC_PREFIX):
        return None
    script_id, _, lang = doc_id[len(_DOC_PREFIX):].partition(".")
    return script_id, lang or "zh-Hans"


@dataclass(frozen=True)
class Text:
    """One text a person reads, in every language; missing languages are "" until validated.

    `get` falls back to the other authored language so that an unvalidated draft stays readable in an
    editor preview; a validated script always has both.
    """

    zh_hans: str = ""
    en: str = ""

    @classmethod
    def of(cls, values: Mapping[str, str]) -> Text:
        return cls(zh_hans=values.get("zh-Hans", ""), en=values.get("en", ""))

    @cached_property
    def zh_hant(self) -> str:
        # Converted on first use: most sessions never show Traditional Chinese.
        return to_traditional(self.zh_hans)

    def get(self, lang: str) -> str:
        if lang == "zh-Hans":
            return self.zh_hans or self.en
        if lang == "zh-Hant":
            return self.zh_hant or self.en
        if lang == "en":
            return self.en or self.zh_hans
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")

    def has(self, lang: str) -> bool:
        """Whether the author wrote this language (zh-Hant counts as written when zh-Hans is)."""
        return bool(self.en if lang == "en" else self.zh_hans)

    def to_json(self) -> dict[str, str]:
        return {lang: value for lang, value in (("zh-Hans", self.zh_hans), ("en", self.en)) if value}


@dataclass(frozen=True)
class Branch:
    label: Text
    next: str


@dataclass(frozen=True)
class Step:
    id: str
    title: Text = Text()
    say: tuple[Text, ...] = ()
    do: tuple[Text, ...] = ()
    branches: tuple[Branch, ...] = ()
    next: str | None = None
    escalation: bool = False
    end: bool = False

    def targets(self) -> list[str]:
        """The steps this one leads to, branches first."""
        return [branch.next for branch in self.branches] + ([self.next] if self.next else [])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "title": self.title.to_json(),
                                "say": [line.to_json() for line in self.say],
                                "do": [item.to_json() for item in self.do]}
        if self.branches:
            data["branches"] = [{"label": b.label.to_json(), "next": b.next} for b in self.branches]
        if self.next is not None:
            data["next"] = self.next
        if self.escalation:
            data["escalation"] = True
        if self.end:
            data["end"] = True
        return data


@dataclass(frozen=True)
class Triggers:
    """What suggests the script when a call comes in: the caller's flags, ticket types, words said."""

    flags: tuple[str, ...] = ()
    ticket_types: tuple[str, ...] = ()
    keywords: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        # The generated hash would fail on the dict; equal dicts give equal frozensets.
        return hash((self.flags, self.ticket_types, frozenset(self.keywords.items())))

    def to_json(self) -> dict[str, Any]:
        return {"flags": list(self.flags), "ticket_types": list(self.ticket_types),
                "keywords": {lang: list(words) for lang, words in self.keywords.items()}}


@dataclass(frozen=True)
class Script:
    id: str
    title: Text
    category: str
    tags: Mapping[str, tuple[str, ...]]
    triggers: Triggers
    start: str
    steps: tuple[Step, ...]
    source: str = ""

    def __hash__(self) -> int:
        # Hashes a subset of the compared fields (tags is a dict), so equal scripts hash equal.
        return hash((self.id, self.source, self.title, self.steps))

    @cached_property
    def _steps_by_id(self) -> dict[str, Step]:
        steps: dict[str, Step] = {}
        for step in self.steps:
            steps.setdefault(step.id, step)  # a duplicate id is a validation problem; the first wins
        return steps

    def step(self, step_id: str) -> Step:
        try:
            return self._steps_by_id[step_id]
        except KeyError:
            raise KeyError(f"script {self.id!r} has no step {step_id!r}") from None

    def has_step(self, step_id: str) -> bool:
        return step_id in self._steps_by_id

    def to_file_data(self) -> dict[str, Any]:
        """The file format as plain data (start resolved): written as JSON, it is a script file."""
        return {"id": self.id, "title": self.title.to_json(), "category": self.category,
                "tags": {lang: list(tags) for lang, tags in self.tags.items()},
                "triggers": self.triggers.to_json(), "start": self.start,
                "steps": [step.to_json() for step in self.steps]}

    def to_json(self) -> dict[str, Any]:
        """The file format plus where it came from, for storing in a database."""
        return self.to_file_data() | {"source": self.source}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Script:
        """Rebuild a script from `to_json` output; a stored record is checked like a file would be."""
        # The shape checks live in scripts_lib.shape, which needs this module first.
        from scripts_lib.shape import script_from_data

        # "source" is not a field of the file format; to_json adds it so a stored script keeps its origin.
        source = data.get("source")
        return script_from_data({key: value for key, value in data.items() if key != "source"},
                                source if isinstance(source, str) else "")

    def to_documents(self) -> list[SearchDocument]:
        """What search indexes: one document per language, step titles and lines as the body."""
        documents = []
        for lang in DOCUMENT_LANGS:
            body: list[str] = []
            extra: list[str] = []
            for step in self.steps:
                body += [plain_text(step.title.get(lang)), *(plain_text(s.get(lang)) for s in step.say)]
                extra += [plain_text(item.get(lang)) for item in step.do]
            documents.append(SearchDocument(
                doc_id=script_doc_id(self.id, lang),
                kind="script", lang=lang, title=self.title.get(lang),
                aliases=self.triggers.keywords.get(lang, ()), tags=self.tags.get(lang, ()),
                body="\n".join(line for line in body if line),
                extra="\n".join(line for line in extra if line)))
        return documents
