"""Literal text a pattern cannot match without: a few substring tests rule out almost every text before
any regular expression runs.

Python's regex engine tries each rule at every position of every text, about 100 ns a character for the
rule set; a pack of 5,000 answers would take a second to lint. Most texts contain none of the rules'
words, and `in` finds that out in C at memory speed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import opencc

try:  # the parser the re module itself uses; private, so anything unexpected means "no prefilter"
    from re import _parser as sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every supported Python has it
    sre_parser = None

_MAX_CHOICES = 24


def _required(items: Any) -> frozenset[str] | None:
    """Strings of which every match contains at least one, for a sequence of parsed items; None when
    nothing is certain."""
    best: frozenset[str] | None = None
    run = ""

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        if candidate and len(candidate) <= _MAX_CHOICES and (
                best is None or min(map(len, candidate)) > min(map(len, best))):
            best = candidate

    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(value)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if name == "SUBPATTERN":
            consider(_required(value[-1]))
        elif name == "BRANCH":
            choices: set[str] = set()
            for alternative in value[1]:
                required = _required(alternative)
                if required is None:
                    choices = set()
                    break
                choices |= required
            consider(frozenset(choices) if choices else None)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
            consider(_required(value[2]))
        elif name == "IN" and value and all(str(kind) == "LITERAL" for kind, _ in value):
            consider(frozenset(chr(code) for _, code in value))
    consider(frozenset([run]) if run else None)
    return best


def required_literals(pattern: str) -> frozenset[str] | None:
    """Lowercased strings of which any match of `pattern` (compiled case-insensitively) contains one;
    None when they cannot be worked out, and the pattern must then run on every text."""
    if sre_parser is None:
        return None
    try:
        required = _required(sre_parser.parse(pattern))
    except Exception:
        return None
    return frozenset(literal.lower() for literal in required) if required else None


# Traditional spellings of the literals, so the screen runs on the text as written: converting every
# text to Simplified first would cost more than the screen itself.
_TRADITIONAL = tuple(opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk"))


@dataclass(frozen=True)
class Screen:
    """Says "no rule can match" for most texts at a fraction of the rules' cost: one case-sensitive
    alternation for the Chinese literals (the regex engine scans for their first characters in C) and
    plain substring tests for the Latin ones, whose many first letters would make a regex crawl."""

    chinese: re.Pattern[str] | None
    latin: tuple[str, ...]

    def may_match(self, text: str) -> bool:
        if self.chinese is not None and self.chinese.search(text):
            return True
        if self.latin:
            lowered = text.lower()
            return any(literal in lowered for literal in self.latin)
        return False


def screen_for(required: Sequence[frozenset[str] | None]) -> Screen | None:
    """The screen for rules with these literals; None if any rule has none (then every text needs the
    full check)."""
    if not required or any(literals is None for literals in required):
        return None
    spellings = {literal for literals in required if literals for literal in literals}
    chinese = {literal for literal in spellings if not literal.isascii()}
    chinese |= {converter.convert(literal) for converter in _TRADITIONAL for literal in set(chinese)}
    # Longest first, so the alternation never stops at a prefix of a longer literal.
    ordered = sorted(chinese, key=lambda literal: (-len(literal), literal))
    return Screen(re.compile("|".join(map(re.escape, ordered))) if ordered else None,
                  tuple(sorted(literal for literal in spellings if literal.isascii())))
