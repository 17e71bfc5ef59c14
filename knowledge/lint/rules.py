"""Lint rule sets: read from YAML (the bundled seed or an editor's file), every pattern compiled and
checked up front so a broken rule is reported by id before anything is linted."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from knowledge.lint.prefilter import Requirement, Screen, requirement, screen_for
from knowledge.safe_yaml import Utf8Error, YamlRefused, decode_utf8, load_yaml

SEVERITIES = ("error", "warning")
DEFAULT_RULES_FILE = Path(__file__).with_name("rules.yaml")
MAX_RULES_BYTES = 1024 * 1024
_RULE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# How every rule's pattern is compiled.
_FLAGS = re.IGNORECASE | re.MULTILINE


class RuleSetError(ValueError):
    """A rule set that cannot be used; the message names the rule and the field."""


@dataclass(frozen=True)
class LintRule:
    id: str
    severity: str
    pattern: re.Pattern[str]
    why: Mapping[str, str]
    suggest: Mapping[str, str]
    replace: str | None = None
    # Every match, folded, holds all the strings of one of these groups (prefilter.requirement);
    # None: run the pattern on every text.
    required: Requirement | None = None

    def text(self, field: Mapping[str, str], lang: str) -> str:
        """A message field in the reader's language, English when that one is missing."""
        return field.get(lang) or field.get("zh-Hans" if lang == "zh-Hant" else "en") or \
            next(iter(field.values()), "")


@dataclass(frozen=True)
class RuleSet:
    version: int
    rules: tuple[LintRule, ...]
    # Which rules may match which texts, from the literals they need. Derived from the rules, so
    # never given.
    screen: Screen = field(init=False, repr=False, compare=False)
    # What the rules say, as a checksum: a check passed under one digest holds for the same text
    # under the same digest (a pack upgrade does not check again what it did not change).
    digest: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "screen", screen_for([rule.required for rule in self.rules]))
        # From what each rule says, not from `required`: its sets print in a different order in each
        # process, and a sidebar's next start must find the same digest.
        said = [(rule.id, rule.severity, rule.pattern.pattern, rule.pattern.flags, sorted(rule.why.items()),
                 sorted(rule.suggest.items()), rule.replace) for rule in self.rules]
        object.__setattr__(self, "digest", hashlib.sha256(repr(said).encode("utf-8")).hexdigest())


def _messages(raw: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, Mapping) or not value:
        raise RuleSetError(f"{where}: '{key}' must map languages to text, e.g. {{zh-Hans: ..., en: ...}}")
    messages: dict[str, str] = {}
    for lang, text in value.items():
        if not isinstance(lang, str) or not isinstance(text, str) or not text.strip():
            raise RuleSetError(f"{where}: '{key}' must map languages to non-empty text")
        messages[lang] = text.strip()
    return messages


def _rule(raw: Any, position: int) -> LintRule:
    where = f"rule {position}"
    if not isinstance(raw, Mapping):
        raise RuleSetError(f"{where}: expected a mapping with id, severity, pattern, why, suggest")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _RULE_ID_RE.match(rule_id):
        raise RuleSetError(f"{where}: 'id' must be lowercase letters, digits and dashes")
    where = f"rule '{rule_id}'"
    unknown = set(raw) - {"id", "severity", "pattern", "why", "suggest", "replace"}
    if unknown:
        raise RuleSetError(f"{where}: unknown field '{sorted(unknown)[0]}'")
    severity = raw.get("severity")
    if severity not in SEVERITIES:
        raise RuleSetError(f"{where}: 'severity' must be one of {', '.join(SEVERITIES)}")
    pattern_text = raw.get("pattern")
    if not isinstance(pattern_text, str) or not pattern_text:
        raise RuleSetError(f"{where}: 'pattern' must be a regular expression")
    try:
        pattern = re.compile(pattern_text, _FLAGS)
    except re.error as error:
        raise RuleSetError(f"{where}: 'pattern' is not a valid regular expression: {error}") from None
    if pattern.match(""):
        raise RuleSetError(f"{where}: 'pattern' matches empty text, so it would flag everything")
    replace = raw.get("replace")
    if replace is not None and not isinstance(replace, str):
        raise RuleSetError(f"{where}: 'replace' must be text")
    return LintRule(rule_id, severity, pattern, _messages(raw, "why", where),
                    _messages(raw, "suggest", where), replace, requirement(pattern_text, _FLAGS))


def parse_rules(data: Any) -> RuleSet:
    if not isinstance(data, Mapping):
        raise RuleSetError("a rule set is a mapping with 'version' and 'rules'")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise RuleSetError("'version' must be a positive whole number")
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list):
        raise RuleSetError("'rules' must be a list")
    rules = tuple(_rule(raw, position) for position, raw in enumerate(raw_rules, 1))
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleSetError(f"rule '{rule.id}' is defined twice")
        seen.add(rule.id)
    return RuleSet(version, rules)


def load_rules(path: Path) -> RuleSet:
    """A rule set file; RuleSetError (naming the file) for anything unusable."""
    try:
        with Path(path).open("rb") as file:
            data = file.read(MAX_RULES_BYTES + 1)
    except OSError as error:
        raise RuleSetError(f"{path}: {error.strerror or error}") from None
    if len(data) > MAX_RULES_BYTES:
        raise RuleSetError(f"{path}: larger than {MAX_RULES_BYTES // 1024} KB; not a rule set")
    try:
        return parse_rules(load_yaml(decode_utf8(data), "lint rule sets"))
    except (YamlRefused, Utf8Error, RuleSetError) as error:
        raise RuleSetError(f"{path}: {error}") from None


@cache
def default_rules() -> RuleSet:
    """The bundled seed rule set."""
    return load_rules(DEFAULT_RULES_FILE)
