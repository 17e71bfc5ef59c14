"""The compliance lint over a script: the lines an agent says, in each language written."""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.lint import Finding, RuleSet, lint_text
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


def lint_script(script: Script, rules: RuleSet | None = None, lang: str = "en") -> list[ScriptFinding]:
    """Findings in `say` lines only: `do` items are instructions to the agent, where naming a phrase
    to avoid is the point."""
    findings: list[ScriptFinding] = []
    for step in script.steps:
        for position, line in enumerate(step.say, 1):
            for text_lang, text in (("zh-Hans", line.zh_hans), ("en", line.en)):
                findings += [ScriptFinding(script.id, step.id, position, text_lang, finding)
                             for finding in lint_text(text, "say", rules, lang)]
    return findings
