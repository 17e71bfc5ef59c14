"""The compliance lint over a script: the lines an agent says, in each language written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.lint import Finding, RuleSet, lint_distinct
from scripts_lib.model import Script


@dataclass(frozen=True)
class ScriptFinding:
    script: str
    step: str
    line: int
    lang: str
    finding: Finding

    def __str__(self) -> str:
        return f"{self.script}: step '{self.step}', say line {self.line} ({self.lang}): {self.finding}"


def lint_scripts(scripts: Iterable[Script], rules: RuleSet | None = None,
                 lang: str = "en") -> list[ScriptFinding]:
    """Findings in `say` lines only, script by script: `do` items are instructions to the agent, where
    naming a phrase to avoid is the point. All lines are linted at once, which is far faster."""
    scripts = list(scripts)
    found = lint_distinct([text for script in scripts for step in script.steps for line in step.say
                           for text in (line.zh_hans, line.en)], "say", rules, lang)
    if not found:
        return []
    return [ScriptFinding(script.id, step.id, position, text_lang, finding)
            for script in scripts for step in script.steps for position, line in enumerate(step.say, 1)
            for text_lang, text in (("zh-Hans", line.zh_hans), ("en", line.en))
            for finding in found.get(text, ())]


def lint_script(script: Script, rules: RuleSet | None = None, lang: str = "en") -> list[ScriptFinding]:
    """Findings in one script's `say` lines."""
    return lint_scripts([script], rules, lang)
