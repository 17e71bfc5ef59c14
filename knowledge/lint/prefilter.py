"""Literal text a pattern cannot match without, and a screen that finds the few texts holding any.

Python's regex engine tries each rule at every position of every text, about 100 ns a character for the
rule set; a pack of 5,000 answers would take a second to lint. Most texts contain none of the rules'
words, and a scan for them runs in C at memory speed: one scan over all the texts of a pack at once.

A rule's requirement is a set of groups: every match holds all the literals of at least one group. A
group of several literals ("别" and "催") passes far fewer texts than its most common word would.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

try:  # the parser the re module itself uses; private, so anything unexpected means "no prefilter"
    from re import _parser as sre_parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - every supported Python has it
    sre_parser = None

# Every match of the rule contains, folded, all the strings of at least one group.
Requirement = tuple[frozenset[str], ...]
_NOTHING: Requirement = (frozenset(),)  # nothing certain: any text may match
_MAX_GROUPS = 32
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_TURKISH_I = {0x130: "i", 0x131: "i"}


def fold(text: str) -> str:
    """Text as the screen compares it: characters that re.IGNORECASE (which the rules use) takes for
    one letter fold alike. That is str.casefold, which also folds the long s and the Kelvin sign as
    the regex engine does, except for the Turkish İ and ı: the engine matches both with i, casefold
    keeps them apart."""
    if "\u0130" in text or "\u0131" in text:
        text = text.translate(_TURKISH_I)
    return text.casefold()


def _strength(requirement: Requirement) -> int:
    """How few texts a requirement lets through, roughly: its weakest group's literal length."""
    return min(sum(map(len, group)) for group in requirement)


def _implies(group: frozenset[str], other: frozenset[str]) -> bool:
    """Whether a text holding every literal of `group` holds every literal of `other`."""
    return all(any(literal in held for held in group) for literal in other)


def _reduced(groups: Iterable[frozenset[str]]) -> Requirement:
    """Without literals another literal of the same group contains, and without groups whose texts
    all pass another group anyway ("这是公司规定" or "公司规定" is just "公司规定")."""
    trimmed = {frozenset(literal for literal in group
                         if not any(literal != other and literal in other for other in group))
               for group in groups}
    kept = [group for group in trimmed
            if not any(other != group and _implies(group, other) for other in trimmed)]
    return tuple(sorted(kept, key=lambda group: sorted(group)))


def _both(first: Requirement, second: Requirement) -> Requirement:
    """What a match of one part followed by another must contain."""
    if first == _NOTHING:
        return second
    if second == _NOTHING:
        return first
    if len(first) * len(second) > _MAX_GROUPS:
        # Either part alone is still true of every match; keep the one that lets fewer texts by.
        return max(first, second, key=_strength)
    return _reduced(a | b for a in first for b in second)


def _either(choices: Sequence[Requirement]) -> Requirement:
    """What a match of any one of several alternatives must contain."""
    if any(choice == _NOTHING for choice in choices):
        return _NOTHING
    groups = {group for choice in choices for group in choice}
    return _reduced(groups) if len(groups) <= _MAX_GROUPS else _NOTHING


def _requirement(items: Any) -> Requirement:
    """The requirement of a sequence of parsed items."""
    result = _NOTHING
    run = ""
    for op, value in items:
        name = str(op)
        if name == "LITERAL":
            run += chr(value)
            continue
        if run:
            result = _both(result, (frozenset([fold(run)]),))
            run = ""
        if name == "SUBPATTERN":
            result = _both(result, _requirement(value[-1]))
        elif name == "BRANCH":
            result = _both(result, _either([_requirement(alternative) for alternative in value[1]]))
        elif name in _REPEATS and value[0] >= 1:
            result = _both(result, _requirement(value[2]))
        elif name == "IN" and value and all(str(kind) == "LITERAL" for kind, _ in value):
            result = _both(result, _either([(frozenset([fold(chr(code))]),) for _, code in value]))
        # Anything else (anchors, classes, optional parts, backreferences) promises no text.
    if run:
        result = _both(result, (frozenset([fold(run)]),))
    return result


def requirement(pattern: str, flags: int = 0) -> Requirement | None:
    """Groups of folded strings such that every match of `pattern` (compiled case-insensitively),
    folded, contains all the strings of at least one group; None when nothing is certain, and the
    pattern must then run on every text."""
    if sre_parser is None:
        return None
    try:
        found = _requirement(sre_parser.parse(pattern, flags))
    except Exception:
        return None
    return None if found == _NOTHING else found


def satisfies(folded: str, required: Requirement) -> bool:
    """Whether a folded text holds every literal of some group."""
    return any(all(literal in folded for literal in group) for group in required)


def _covered(literal: str, groups: Sequence[frozenset[str]]) -> int:
    """How many of the groups let no text by without `literal`."""
    return sum(any(literal in held for held in group) for group in groups)


def _keys(required: Requirement) -> frozenset[str]:
    """A few literals, one of which every group holds or contains: what a text must hold for the rule
    to look further. Longer literals first, since they pass fewer texts; then those more groups need."""
    uncovered = list(required)
    keys: set[str] = set()
    while uncovered:
        best = max({literal for group in uncovered for literal in group},
                   key=lambda literal: (len(literal), _covered(literal, uncovered),
                                        _covered(literal, required), literal))
        keys.add(best)
        uncovered = [group for group in uncovered if not any(best in held for held in group)]
    return frozenset(keys)


# Joins texts for one scan; a literal holding it would make the scan see matches across two texts.
_JOINERS = ("\x1f", "\x1e", "\x1d", "\x1c", "\x00")


@dataclass(frozen=True)
class Screen:
    """Which rules may match which texts, found for many texts in one pass over all of them.

    The pass looks for `scanned`: every rule's keys, bar those containing another (a text with
    "催了" has "催"). ASCII texts, most of the characters, can hold only the ASCII ones and are searched
    for each with str.find, which runs at memory speed, where an alternation of words with so many
    first letters would crawl. The other texts (Chinese, mostly) get one alternation of them all,
    which the regex engine scans for by first character in C. Only a text holding one of a rule's
    keys is then tested for a whole group.
    """

    requirements: tuple[Requirement | None, ...]
    # Per rule, the scanned literals that one of its keys contains; None: the rule runs on every text.
    triggers: tuple[frozenset[str] | None, ...]
    scanned: re.Pattern[str] | None
    ascii: tuple[str, ...]
    joiner: str

    def _held(self, texts: Sequence[str]) -> dict[int, set[str]]:
        """The scanned literals each text holds, folded (texts holding none left out)."""
        held: dict[int, set[str]] = {}
        narrow = [position for position, text in enumerate(texts) if text.isascii()]
        wide = [position for position, text in enumerate(texts) if not text.isascii()]
        for positions, by_pattern in ((narrow, False), (wide, True)):
            group = [texts[position] for position in positions]
            joined = fold(self.joiner.join(group))
            if len(joined) == sum(map(len, group)) + max(len(group) - 1, 0):
                lengths = map(len, group)  # folding changed no length: places are as they were
            else:
                folded = [fold(text) for text in group]
                joined, lengths = self.joiner.join(folded), map(len, folded)
            # Where each text starts in `joined`; no literal holds the joiner, so none spans two texts.
            starts = [0, *accumulate(length + 1 for length in lengths)]
            if by_pattern and self.scanned is not None:
                # One scanned literal at most starts at a place (none is a prefix of another), so
                # moving on by one character finds every one.
                match = self.scanned.search(joined)
                while match:
                    at = match.start()
                    held.setdefault(positions[bisect_right(starts, at) - 1], set()).add(match.group())
                    match = self.scanned.search(joined, at + 1)
                continue
            for literal in self.ascii:
                at = joined.find(literal)
                while at >= 0:
                    text = bisect_right(starts, at) - 1
                    held.setdefault(positions[text], set()).add(literal)
                    at = joined.find(literal, starts[text + 1])
        return held

    def rules_for(self, texts: Sequence[str]) -> list[tuple[int, ...]]:
        """For each text (as the rules read it: Simplified Chinese), the positions of the rules that
        may match it."""
        always = tuple(rule for rule, triggers in enumerate(self.triggers) if triggers is None)
        result = [always] * len(texts)
        for position, literals in self._held(texts).items():
            folded = fold(texts[position])
            result[position] = tuple(
                rule for rule, (triggers, required) in enumerate(zip(self.triggers, self.requirements,
                                                                       strict=True))
                if triggers is None or required is None  # (both or neither)
                or (not literals.isdisjoint(triggers) and satisfies(folded, required)))
        return result


def screen_for(requirements: Sequence[Requirement | None]) -> Screen:
    """The screen for rules with these requirements (None: a rule that must run on every text)."""
    keys = [_keys(required) if required is not None else None for required in requirements]
    spellings = {key for rule_keys in keys if rule_keys for key in rule_keys}
    scanned = {key for key in spellings if not any(other != key and other in key for other in spellings)}
    joiner = next((joiner for joiner in _JOINERS if not any(joiner in literal for literal in scanned)), None)
    if joiner is None:  # pragma: no cover - a rule set spelling out every joiner: no screen
        return Screen(tuple(requirements), tuple(None for _ in requirements), None, (), "\x1f")
    triggers = tuple(None if rule_keys is None else
                     frozenset(literal for literal in scanned if any(literal in key for key in rule_keys))
                     for rule_keys in keys)
    # Longest first, so the alternation never stops at a prefix of a longer literal.
    ordered = sorted(scanned, key=lambda literal: (-len(literal), literal))
    return Screen(tuple(requirements), triggers,
                  re.compile("|".join(map(re.escape, ordered))) if ordered else None,
                  tuple(literal for literal in ordered if literal.isascii()), joiner)
