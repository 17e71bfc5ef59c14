"""A script step as a person reads it: every text rendered, so placeholders never show raw."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scripts_lib.model import Script, Step
from scripts_lib.placeholders import RenderedLine, render


@dataclass(frozen=True)
class StepView:
    step: Step
    title: str
    say: tuple[RenderedLine, ...]
    do: tuple[RenderedLine, ...]
    branch_labels: tuple[str, ...]


def step_view(step: Step, lang: str, context: Mapping[str, str]) -> StepView:
    """One step in one language, its lines, checklist and branch labels filled from the context."""
    return StepView(
        step=step,
        title=render(step.title.get(lang), context).text,
        say=tuple(render(line.get(lang), context) for line in step.say),
        do=tuple(render(item.get(lang), context) for item in step.do),
        branch_labels=tuple(render(branch.label.get(lang), context).text for branch in step.branches),
    )


def outline(script: Script, lang: str, context: Mapping[str, str] | None = None) -> list[StepView]:
    """Every step in file order: what a preview, `assist scripts show` or a printout lists."""
    return [step_view(step, lang, context or {}) for step in script.steps]
