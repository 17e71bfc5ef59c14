"""The rule set in force, kept in the store and versioned: editors change it, every version is kept, and
the bundled seed (rules.yaml) stands until the first one is saved. A text that is not a usable rule set
(a broken pattern, a missing message) is refused with the rule and field named, and nothing is saved."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.lint.rules import (
    DEFAULT_RULES_FILE,
    MAX_RULES_BYTES,
    RuleSet,
    RuleSetError,
    default_rules,
    parse_rules,
)
from knowledge.models import LintRuleSet, utcnow
from knowledge.safe_yaml import YamlRefused, load_yaml
from knowledge.store import KnowledgeStore, as_utc


@dataclass(frozen=True)
class RuleSetVersion:
    version: int  # 0: the bundled seed
    author: str
    created_at: datetime | None


def parse_rule_text(text: str) -> RuleSet:
    if len(text.encode("utf-8")) > MAX_RULES_BYTES:
        raise RuleSetError(f"larger than {MAX_RULES_BYTES // 1024} KB; not a rule set")
    try:
        return parse_rules(load_yaml(text, "lint rule sets"))
    except YamlRefused as error:
        raise RuleSetError(str(error)) from None


def _newest(session: Session) -> int:
    """The version in force; 0 while the bundled seed stands."""
    return int(session.scalar(select(func.max(LintRuleSet.version))) or 0)


class RuleSets:
    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cached: tuple[int, RuleSet] | None = None

    def current_version(self) -> int:
        with self.store.session() as session:
            return _newest(session)

    def current(self) -> RuleSet:
        """The rules in force, compiled once per version."""
        version = self.current_version()
        with self._lock:
            if self._cached is not None and self._cached[0] == version:
                return self._cached[1]
        rules = default_rules() if version == 0 else parse_rule_text(self.text(version))
        with self._lock:
            self._cached = (version, rules)
        return rules

    def text(self, version: int | None = None) -> str:
        """A version's YAML (the newest when None; the seed's for 0 or when none was saved)."""
        with self.store.session() as session:
            if version is None:
                version = _newest(session)
            if version == 0:
                return DEFAULT_RULES_FILE.read_text("utf-8")
            row = session.get(LintRuleSet, version)
            if row is None:
                raise RuleSetError(f"there is no rule set version {version}")
            return row.text

    def save(self, text: str, author: str, expected_version: int | None = None) -> int:
        """A new version, checked whole first (RuleSetError names the rule and field). With
        `expected_version`, refused if someone saved another version meanwhile."""
        if not author.strip():
            raise RuleSetError("a rule set version needs its author's name")
        rules = parse_rule_text(text)
        with self.store.session() as session, session.begin():
            newest = _newest(session)
            if expected_version is not None and newest != expected_version:
                raise RuleSetError(f"version {newest} was saved after the version {expected_version} you "
                                   "edited; load it and apply your change again")
            version = newest + 1
            session.add(LintRuleSet(version=version, text=text, author=author.strip(), created_at=utcnow()))
        with self._lock:
            self._cached = (version, rules)
        return version

    def history(self) -> list[RuleSetVersion]:
        with self.store.session() as session:
            rows = session.scalars(select(LintRuleSet).order_by(LintRuleSet.version.desc()))
            saved = [RuleSetVersion(row.version, row.author, as_utc(row.created_at)) for row in rows]
        return [*saved, RuleSetVersion(0, "bundled", None)]
