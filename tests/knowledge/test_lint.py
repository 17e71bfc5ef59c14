"""The compliance lint: the avoid table's phrases are flagged with better wording, fine phrases are not,
the shortcut that skips most texts never changes a finding, and broken rule sets are refused by name."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.demo import demo_entries
from knowledge.lint import (
    RuleSet,
    RuleSetError,
    default_rules,
    lint_entries,
    lint_entry,
    lint_text,
    lint_texts,
    load_rules,
    parse_rules,
)
from knowledge.lint.prefilter import fold, requirement
from scripts_lib.lint import lint_script
from scripts_lib.loading import builtin_scripts

AVOIDED = [
    ("我不能给您退款", "closes-the-door", "warning"),
    ("这是公司规定，没办法", "blames-policy", "error"),
    ("您别生气，我看看", "dismisses-feelings", "error"),
    ("我不清楚，需要问一下", "sounds-unprepared", "warning"),
    ("请检查网络。", "bare-network-check", "warning"),
    ("你别催了，我在弄", "pushes-back-on-urgency", "error"),
    ("Sorry, I can't do that.", "closes-the-door-en", "warning"),
    ("That's company policy.", "blames-policy-en", "error"),
    ("Please calm down.", "dismisses-feelings-en", "error"),
    ("I don't know, I'd have to ask.", "sounds-unprepared-en", "warning"),
    ("Please check your network.", "bare-network-check-en", "warning"),
    ("Stop rushing me.", "pushes-back-on-urgency-en", "error"),
]


@pytest.mark.parametrize(("text", "rule", "severity"), AVOIDED)
def test_each_phrase_of_the_avoid_table_is_flagged_with_a_suggestion(text: str, rule: str,
                                                                     severity: str) -> None:
    findings = lint_text(text, lang="zh-Hans")
    assert rule in [finding.rule for finding in findings]
    finding = next(finding for finding in findings if finding.rule == rule)
    assert finding.severity == severity
    assert text[finding.start: finding.end] == finding.phrase and finding.phrase
    assert finding.suggestion and finding.why
    assert any("\u4e00" <= char <= "\u9fff" for char in finding.suggestion)  # asked for zh-Hans


@pytest.mark.parametrize("text", [
    "根据公司政策，我们可以帮您办理退货。",
    "注销后有7天冷静期，期间登录即可撤销。",
    "您看看能不能换一个型号？",
    "快递公司会在两小时内联系您。",
    "Under our policy, what we can do is refund the postage.",
    "You can cancel during the cooling-off period.",
    "Let me check your order.",
])
def test_good_wording_is_not_flagged(text: str) -> None:
    assert lint_text(text) == []


def test_traditional_text_is_flagged_at_its_own_offsets() -> None:
    text = "先生，這是公司規定，您別生氣。"
    findings = lint_text(text)
    assert [finding.phrase for finding in findings] == ["這是公司規定", "您別生氣"]
    assert all(text[finding.start: finding.end] == finding.phrase for finding in findings)


def test_entry_lint_reads_only_what_the_agent_says() -> None:
    entry = next(iter(demo_entries()))
    customer_words = dataclasses.replace(entry, title="我不能登录怎么办", aliases=("你们别催我",))
    assert lint_entry(customer_words) == []
    spoken = dataclasses.replace(entry, scenario_answer="这是公司规定。")
    assert [(finding.field, finding.rule) for finding in lint_entry(spoken)] == \
        [("scenario_answer", "blames-policy")]


def test_built_in_scripts_and_demo_content_use_no_phrase_to_avoid() -> None:
    findings = [str(finding) for script in builtin_scripts() for finding in lint_script(script)]
    findings += [f"{entry.id}: {finding.phrase}" for entry in demo_entries()
                 for finding in lint_entry(entry)]
    assert findings == []


def _unscreened(rules: RuleSet) -> RuleSet:
    return RuleSet(rules.version, tuple(dataclasses.replace(rule, required=None) for rule in rules.rules))


PHRASES = [text for text, _, _ in AVOIDED] + ["這是公司規定", "冷静一下", "I CANNOT", "CALM DOWN",
                                             "沒办法，规定如此", "There'ſ no need to get upset"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(PHRASES),
                          st.text(alphabet="我你您别別不能沒没公司規规定清楚检查網网络催。，abcdeIknow'ſİ ",
                                  max_size=12)), max_size=6))
def test_the_screen_never_changes_a_finding(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert lint_text(text) == lint_text(text, rules=_unscreened(default_rules()))


@pytest.mark.parametrize(("text", "rule"), [
    ("沒办法，规定如此。", "blames-policy"),            # Traditional and Simplified mixed
    ("我沒办法给您退", "closes-the-door"),
    ("There'ſ no need to get upset.", "dismisses-feelings-en"),  # re.IGNORECASE folds the long s
])
def test_text_the_rules_flag_gets_past_the_screen(text: str, rule: str) -> None:
    assert rule in [finding.rule for finding in lint_text(text)]


def test_a_custom_rule_with_capitals_and_accents_is_screened_case_insensitively(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    rule = "  - {{id: {}, severity: error, pattern: '{}', why: {{en: x}}, suggest: {{en: y}}}}\n"
    rules = rule.format("vip", "VIP会员不能") + rule.format("cafe", "CAFÉ closed")
    path.write_text("version: 1\nrules:\n" + rules, encoding="utf-8")
    found = lint_text("vip会员不能退，Café closed", rules=load_rules(path))
    assert [finding.rule for finding in found] == ["vip", "cafe"]


def test_requirements_are_in_every_match() -> None:
    for rule in default_rules().rules:
        assert rule.required is not None, rule.id
    assert set(requirement("我(们)?(不能|没法)") or ()) == {frozenset({"我", "不能"}),
                                                        frozenset({"我", "没法"})}
    assert requirement("a?b*") is None
    assert requirement("(?i)Calm down") == (frozenset({"calm down"}),)
    # Words a rule needs together: a text with only the common one is passed over.
    urgency = next(rule for rule in default_rules().rules if rule.id == "pushes-back-on-urgency")
    assert urgency.required is not None
    assert all(any("催" in literal for literal in group) for group in urgency.required)
    # A literal another one of its group contains is dropped; so is a group holding another group.
    assert requirement("公司规定|这是公司规定") == (frozenset({"公司规定"}),)
    assert set(requirement("冷静一[点下]") or ()) == {frozenset({"冷静一", "点"}),
                                                  frozenset({"冷静一", "下"})}


@pytest.mark.parametrize(("text", "rule"), [
    ("I have no \u0130dea.", "sounds-unprepared-en"),    # re.IGNORECASE matches the Turkish İ with i
    ("I have no \u0131dea.", "sounds-unprepared-en"),    # and the dotless ı
    ("STOP RUSHING ME", "pushes-back-on-urgency-en"),
])
def test_the_screen_folds_letters_as_the_rules_match_them(text: str, rule: str) -> None:
    assert [finding.rule for finding in lint_text(text)] == [rule]
    assert fold("\u0130") == fold("\u0131") == "i"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from([*PHRASES, "", "後來這是公司規定", "您別再催了", "冷靜一下"]),
                          st.text(alphabet="我你您别別不能沒没公司規规定清楚检查網网络催。，"
                                           "abcdeIknow'ſİı \x1f\n", max_size=16)), max_size=12))
def test_many_texts_at_once_are_linted_as_each_alone(texts: list[str]) -> None:
    assert lint_texts(texts, "say") == [lint_text(text, "say") for text in texts]


def test_entries_at_once_are_linted_as_each_alone() -> None:
    entries = list(demo_entries())[:20]
    entries[3] = dataclasses.replace(entries[3], body="這是公司規定。", scenario_answer="您别催了")
    entries[7] = dataclasses.replace(entries[7], scenario_answer="這是公司規定。")
    assert lint_entries(entries) == [lint_entry(entry) for entry in entries]
    assert [finding.rule for finding in lint_entries(entries)[3]] == ["blames-policy",
                                                                      "pushes-back-on-urgency"]


def test_a_rule_without_a_requirement_runs_on_every_text(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    rule = "  - {{id: {}, severity: error, pattern: '{}', why: {{en: x}}, suggest: {{en: y}}}}\n"
    path.write_text("version: 1\nrules:\n" + rule.format("any-digits", "\\d{3}")
                    + rule.format("policy", "公司规定"), encoding="utf-8")
    rules = load_rules(path)
    assert [rule.required for rule in rules.rules] == [None, (frozenset({"公司规定"}),)]
    texts = ["电话 123", "公司规定 456", "没有"]
    assert [[finding.rule for finding in findings] for findings in lint_texts(texts, rules=rules)] == \
        [["any-digits"], ["policy", "any-digits"], []]


@pytest.mark.parametrize(("content", "message"), [
    ("version: 1\nrules:\n"
     "  - {id: bad, severity: error, pattern: '别(生气', why: {en: x}, suggest: {en: y}}\n",
     "rule 'bad': 'pattern' is not a valid regular expression"),
    ("version: 1\nrules:\n  - {id: empty, severity: error, pattern: 'x?', why: {en: x}, suggest: {en: y}}\n",
     "rule 'empty': 'pattern' matches empty text"),
    ("version: 1\nrules:\n  - {id: a, severity: fatal, pattern: 'x', why: {en: x}, suggest: {en: y}}\n",
     "rule 'a': 'severity' must be one of error, warning"),
    ("version: 1\nrules:\n  - {id: a, severity: error, pattern: 'x', why: {en: x}, suggest: {en: y}}\n"
     "  - {id: a, severity: error, pattern: 'y', why: {en: x}, suggest: {en: y}}\n",
     "rule 'a' is defined twice"),
    ("version: 1\nrules:\n  - {id: a, severity: error, pattern: 'x', why: {en: x}}\n",
     "rule 'a': 'suggest' must map languages"),
    ("rules: []\n", "'version' must be a positive whole number"),
    ("a: &x [1]\nb: *x\n", "anchors"),
])
def test_a_broken_rule_set_is_refused_naming_the_rule(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_rules(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


_WORDS = ["别", "催", "了", "公司", "规定", "不", "能", "I", "can", "'t", " ", "know", "ſ", "K", "ß", "İ"]


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    """Small regular expressions of the kinds rules use: words, groups, alternatives, classes,
    repeats and anchors."""
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["word", "word", "group", "class", "repeat", "anchor"]
                                    if depth < 2 else ["word", "class", "anchor"]))
        if kind == "word":
            parts.append(re.escape(draw(st.sampled_from(_WORDS))))
        elif kind == "group":
            choices = draw(st.lists(_patterns(depth + 1), min_size=1, max_size=3))
            parts.append(f"(?:{'|'.join(choices)})" + draw(st.sampled_from(["", "?", "+", "*", "{2}"])))
        elif kind == "class":
            parts.append(draw(st.sampled_from(["[别催]", "[a-z]", r"\w", ".", "[^了]", "[kK]"])))
        elif kind == "repeat":
            parts.append(re.escape(draw(st.sampled_from(_WORDS))) + draw(st.sampled_from(["?", "+", "*"])))
        else:
            parts.append(draw(st.sampled_from([r"\b", "^", "$"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(st.lists(_patterns(), min_size=1, max_size=3),
       st.lists(st.lists(st.sampled_from([*_WORDS, "k", "s", "S", "i", "ı", "別", "規定", "x", "\n"]),
                         max_size=10).map("".join), max_size=8))
def test_requirements_never_hide_a_match(patterns: list[str], texts: list[str]) -> None:
    rules = []
    for number, pattern in enumerate(patterns):
        try:
            compiled = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
        except re.error:
            continue
        if compiled.match(""):
            continue
        rules.append({"id": f"r{number}", "severity": "error", "pattern": pattern,
                      "why": {"en": "x"}, "suggest": {"en": "y"}})
    if not rules:
        return
    screened = parse_rules({"version": 1, "rules": rules})
    assert lint_texts(texts, rules=screened) == lint_texts(texts, rules=_unscreened(screened))
