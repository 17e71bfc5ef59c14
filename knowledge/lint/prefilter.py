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
    """Case-folded strings of which any match of `pattern` (compiled case-insensitively) contains one;
    None when they cannot be worked out, and the pattern must then run on every text."""
    if sre_parser is None:
        return None
    try:
        required = _required(sre_parser.parse(pattern))
    except Exception:
        return None
    return frozenset(literal.casefold() for literal in required) if required else None


@dataclass(frozen=True)
class Screen:
    """Says "no rule can match" for most texts at a fraction of the rules' cost. It reads the text as
    the rules do (Simplified Chinese) and case-folded, as the case-insensitive rules match (str.lower
    would miss the long s that re.IGNORECASE takes for an s). Chinese literals go in one alternation,
    which the regex engine scans for by first character in C; Latin ones are plain substring tests,
    because their many first letters would make a regex crawl."""

    chinese: re.Pattern[str] | None
    latin: tuple[str, ...]

    def may_match(self, folded: str) -> bool:
        """`folded`: the text in Simplified Chinese, case-folded."""
        if self.chinese is not None and self.chinese.search(folded):
            return True
        return any(literal in folded for literal in self.latin)


def screen_for(required: Sequence[frozenset[str] | None]) -> Screen | None:
    """The screen for rules with these literals; None if any rule has none (then every text needs the
    full check)."""
    if not required or any(literals is None for literals in required):
        return None
    spellings = {literal for literals in required if literals for literal in literals}
    # Longest first, so the alternation never stops at a prefix of a longer literal.
    chinese = sorted((literal for literal in spellings if not literal.isascii()),
                     key=lambda literal: (-len(literal), literal))
    return Screen(re.compile("|".join(map(re.escape, chinese))) if chinese else None,
                  tuple(sorted(literal for literal in spellings if literal.isascii())))
