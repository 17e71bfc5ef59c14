"""Running a rule set over text: what an agent would say, never the customer's own words."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.entries import FaqEntryData
from knowledge.lint.rules import RuleSet, default_rules
from knowledge.search.normalize import to_simplified

# The fields an agent reads out; titles and aliases are how customers ask, and "我不能登录" there is
# the customer's problem, not the agent's wording.
SPOKEN_FIELDS = ("body", "scenario_answer")


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


def lint_text(text: str, field: str = "text", rules: RuleSet | None = None,
              lang: str = "en") -> list[Finding]:
    """Every phrase to avoid in one text, in order; `lang` is the language of the messages."""
    rules = rules or default_rules()
    if not text:
        return []
    simplified = to_simplified(text)
    folded = simplified.casefold()
    if rules.screen is not None and not rules.screen.may_match(folded):
        return []
    # The patterns are Simplified Chinese; offsets stay valid only when the conversion kept the length,
    # which OpenCC's character mappings do in all but rare phrase conversions.
    searched = simplified if len(simplified) == len(text) else text
    findings: list[Finding] = []
    for rule in rules.rules:
        if rule.required is not None and not any(literal in folded for literal in rule.required):
            continue
        for match in rule.pattern.finditer(searched):
            start, end = match.span()
            findings.append(Finding(rule.id, rule.severity, field, start, end, text[start:end],
                                    rule.text(rule.why, lang), rule.text(rule.suggest, lang),
                                    rule.replace))
    findings.sort(key=lambda finding: (finding.start, finding.end))
    return findings


def lint_entry(entry: FaqEntryData, rules: RuleSet | None = None, lang: str = "en") -> list[Finding]:
    findings: list[Finding] = []
    for field in SPOKEN_FIELDS:
        findings += lint_text(getattr(entry, field), field, rules, lang)
    return findings
