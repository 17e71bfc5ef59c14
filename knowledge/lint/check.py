"""Running a rule set over text: what an agent would say, never the customer's own words.

Many texts are linted at once (a pack's every line and answer): each distinct text is simplified and
folded once, all of them in one OpenCC call, and the screen scans them all in one pass, so the rules'
regular expressions run only on the few texts that hold their words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter

from knowledge.entries import FaqEntryData
from knowledge.lint.rules import LintRule, RuleSet, default_rules
from knowledge.search.normalize import contains_han, to_simplified

# The fields an agent reads out; titles and aliases are how customers ask, and "我不能登录" there is
# the customer's problem, not the agent's wording.
SPOKEN_FIELDS = ("body", "scenario_answer")
_spoken = attrgetter(*SPOKEN_FIELDS)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    field: str
    start: int
    end: int
    phrase: str
    why: str
    suggestion: str
    replace: str | None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        return f"{self.severity} '{self.phrase}': {self.why} Instead: {self.suggestion}"


# Join texts for one OpenCC call. OpenCC converts by dictionary phrases, and no phrase holds a control
# character, so the text on either side of one converts exactly as it would alone.
_JOINERS = ("\x1f", "\x1e", "\x1d", "\x1c")


def _simplified(texts: Sequence[str]) -> list[str]:
    """to_simplified of each text, with one OpenCC call for all of them."""
    result = list(texts)
    wide = [position for position, text in enumerate(texts) if not text.isascii()]  # ASCII has no Han
    if len(wide) > 1:
        chosen = [texts[position] for position in wide]
        for joiner in _JOINERS:
            joined = joiner.join(chosen)
            if joined.count(joiner) == len(chosen) - 1:  # in none of the texts
                converted = to_simplified(joined).split(joiner)
                if len(converted) == len(chosen):
                    for position, text, simple in zip(wide, chosen, converted, strict=True):
                        # to_simplified leaves a text without Han as it is, whatever OpenCC would do.
                        if simple != text and contains_han(text):
                            result[position] = simple
                    return result
                break
    for position in wide:
        result[position] = to_simplified(texts[position])
    return result


Match = tuple[LintRule, int, int]


def _matches(texts: Sequence[str], rules: RuleSet) -> dict[str, list[Match]]:
    """Every rule match in each distinct text, in order of position."""
    distinct = [text for text in dict.fromkeys(texts) if text]
    simplified = _simplified(distinct)
    runs = rules.screen.rules_for(simplified)
    found: dict[str, list[Match]] = {}
    for text, simple, run in zip(distinct, simplified, runs, strict=True):
        if len(simple) != len(text):
            # The patterns are Simplified Chinese; offsets stay valid only when the conversion kept the
            # length, which OpenCC's character mappings do in all but rare phrase conversions. Such a
            # text is searched as written, by every rule, since the screen read the converted one.
            matches = [(rule, *match.span()) for rule in rules.rules for match in rule.pattern.finditer(text)]
        elif run:
            matches = [(rules.rules[rule], *match.span()) for rule in run
                       for match in rules.rules[rule].pattern.finditer(simple)]
        else:
            continue
        if matches:
            matches.sort(key=lambda match: (match[1], match[2]))
            found[text] = matches
    return found


def _finding(match: Match, text: str, field: str, lang: str) -> Finding:
    rule, start, end = match
    return Finding(rule.id, rule.severity, field, start, end, text[start:end], rule.text(rule.why, lang),
                   rule.text(rule.suggest, lang), rule.replace)


def lint_distinct(texts: Iterable[str], field: str = "text", rules: RuleSet | None = None,
                  lang: str = "en") -> dict[str, list[Finding]]:
    """The findings of every distinct text that has any, linting all of them at once: far faster
    than one by one. A text missing from the result has no finding."""
    matches = _matches(list(texts), rules or default_rules())
    return {text: [_finding(match, text, field, lang) for match in found] for text, found in matches.items()}


def lint_texts(texts: Sequence[str], field: str = "text", rules: RuleSet | None = None,
               lang: str = "en") -> list[list[Finding]]:
    """lint_text of each text, many at a time."""
    found = lint_distinct(texts, field, rules, lang)
    return [list(found[text]) if text in found else [] for text in texts]


def lint_text(text: str, field: str = "text", rules: RuleSet | None = None,
              lang: str = "en") -> list[Finding]:
    """Every phrase to avoid in one text, in order; `lang` is the language of the messages."""
    return lint_texts([text], field, rules, lang)[0]


def lint_entries(entries: Iterable[FaqEntryData], rules: RuleSet | None = None,
                 lang: str = "en") -> list[list[Finding]]:
    """lint_entry of each entry, many at a time."""
    spoken = [_spoken(entry) for entry in entries]
    matches = _matches([text for texts in spoken for text in texts], rules or default_rules())
    if not matches:
        return [[] for _ in spoken]
    return [[_finding(match, text, field, lang) for field, text in zip(SPOKEN_FIELDS, texts, strict=True)
             for match in matches.get(text, ())] for texts in spoken]


def lint_entry(entry: FaqEntryData, rules: RuleSet | None = None, lang: str = "en") -> list[Finding]:
    return lint_entries([entry], rules, lang)[0]
