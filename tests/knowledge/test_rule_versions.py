"""The lint rule set, versioned in the store and editable by editors."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.editing import Editing
from knowledge.entries import FaqEntryData
from knowledge.lint.rules import DEFAULT_RULES_FILE, RuleSetError
from knowledge.lint.versions import RuleSets
from knowledge.store import KnowledgeStore

EXTRA_RULE = """
  - id: no-promise-of-today
    severity: error
    pattern: "今天一定到"
    why: {zh-Hans: 不能替物流打包票。, en: Nobody can guarantee the carrier.}
    suggest: {zh-Hans: 说预计时间和跟进方式。, en: Give the expected time and how you will follow up.}
"""


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    store = KnowledgeStore.open(tmp_path / "data")
    store.upsert([FaqEntryData(id="late", title="快递还没到", body="预计明天送达。")])
    return store


def test_the_bundled_rules_stand_until_an_editor_saves_a_version(store: KnowledgeStore) -> None:
    rule_sets = RuleSets(store)
    assert rule_sets.current_version() == 0
    assert rule_sets.text() == DEFAULT_RULES_FILE.read_text("utf-8")
    version = rule_sets.save(rule_sets.text() + EXTRA_RULE, "li")
    assert version == 1 and rule_sets.current_version() == 1
    assert "no-promise-of-today" in {rule.id for rule in rule_sets.current().rules}
    assert [saved.version for saved in rule_sets.history()] == [1, 0]
    # The workflow's lint uses the rules in force.
    editing = Editing(store)
    draft = editing.start("late", "wang")
    _entry, findings = editing.lint("late", {**draft.data, "body": "今天一定到，放心。"})
    assert [finding.rule for finding in findings] == ["no-promise-of-today"]


def test_a_broken_pattern_is_refused_naming_rule_and_field(store: KnowledgeStore) -> None:
    rule_sets = RuleSets(store)
    broken = (rule_sets.text() + EXTRA_RULE).replace('pattern: "今天一定到"', 'pattern: "今天(一定到"')
    with pytest.raises(RuleSetError,
                       match="rule 'no-promise-of-today': 'pattern' is not a valid regular expression"):
        rule_sets.save(broken, "li")
    assert rule_sets.current_version() == 0  # nothing saved


@pytest.mark.parametrize(("text", "message"), [
    ("version: 1\nrules: [{id: x, severity: fatal, pattern: a, why: {en: a}, suggest: {en: b}}]",
     "severity"),
    ("version: 1\nrules: [{id: x, severity: error, pattern: a, suggest: {en: b}}]", "why"),
    ("a: &a [*a]", "alias"),
    ("not: [valid", "YAML|yaml"),
])
def test_other_broken_rule_sets(store: KnowledgeStore, text: str, message: str) -> None:
    with pytest.raises(RuleSetError, match=message):
        RuleSets(store).save(text, "li")
    assert RuleSets(store).current_version() == 0


def test_two_editors_saving_the_rules_at_once(store: KnowledgeStore) -> None:
    rule_sets = RuleSets(store)
    base = rule_sets.current_version()
    rule_sets.save(rule_sets.text() + EXTRA_RULE, "li", expected_version=base)
    with pytest.raises(RuleSetError, match="version 1 was saved after"):
        rule_sets.save(rule_sets.text(0), "wang", expected_version=base)


def test_unknown_placeholders_are_errors(store: KnowledgeStore) -> None:
    editing = Editing(store)
    draft = editing.start("late", "wang")
    body = "{customer.name}您好，单号{order.idd}。{{字面}}"
    _entry, findings = editing.lint("late", {**draft.data, "body": body})
    assert [(f.rule, f.phrase, f.is_error) for f in findings] == [
        ("unknown-placeholder", "{order.idd}", True)]
