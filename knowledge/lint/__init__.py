"""The compliance lint: phrases to avoid on a call, each with the reason and better wording."""

from knowledge.lint.check import Finding, lint_distinct, lint_entries, lint_entry, lint_text, lint_texts
from knowledge.lint.rules import LintRule, RuleSet, RuleSetError, default_rules, load_rules, parse_rules

__all__ = ["Finding", "LintRule", "RuleSet", "RuleSetError", "default_rules", "lint_distinct", "lint_entries",
           "lint_entry", "lint_text", "lint_texts", "load_rules", "parse_rules"]
