"""Walking a script during a call: the current step, the route taken, and its lines filled in."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from knowledge.languages import LANGS
from scripts_lib.model import Script, Step
from scripts_lib.outline import StepView, step_view
from scripts_lib.placeholders import RenderedLine

_NO_CONTEXT: Mapping[str, str] = MappingProxyType({})


class RunnerError(ValueError):
    """A move the current step does not allow; the runner's state is unchanged."""


class ScriptRunner:
    """A plain state machine over one script; the UI shows its state and calls its moves.

    Every move checks before it changes anything, so a refused move leaves the runner as it was.
    """

    def __init__(self, script: Script, context: Mapping[str, str] = _NO_CONTEXT,
                 lang: str = "zh-Hans") -> None:
        if not script.has_step(script.start):
            raise RunnerError(f"script '{script.id}' cannot run: its start step '{script.start}' "
                              "does not exist")
        self._script = script
        self._lang = self._checked_lang(lang)
        self._context = dict(context)
        self._path: list[str] = [script.start]

    @staticmethod
    def _checked_lang(lang: str) -> str:
        if lang not in LANGS:
            raise RunnerError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
        return lang

    @property
    def script(self) -> Script:
        return self._script

    @property
    def lang(self) -> str:
        return self._lang

    @property
    def context(self) -> Mapping[str, str]:
        return MappingProxyType(self._context)

    @property
    def current(self) -> Step:
        return self._script.step(self._path[-1])

    @property
    def path(self) -> tuple[str, ...]:
        """The ids of the steps visited, in order, the current one last; a loop appears as often as taken."""
        return tuple(self._path)

    @property
    def at_end(self) -> bool:
        return self.current.end

    @property
    def can_go_back(self) -> bool:
        return len(self._path) > 1

    @property
    def can_advance(self) -> bool:
        step = self.current
        return not step.end and not step.branches and step.next is not None

    def _go(self, target: str, how: str) -> Step:
        if not self._script.has_step(target):
            raise RunnerError(f"step '{self.current.id}': {how} leads to step '{target}', which does not "
                              "exist")
        self._path.append(target)
        return self.current

    def choose(self, branch_index: int) -> Step:
        """Follow branch `branch_index` (from 0, in the order shown) and return the new current step."""
        step = self.current
        if not step.branches:
            raise RunnerError(f"step '{step.id}' has no branches to choose from"
                              + ("; it is an end step" if step.end else "; use advance()"))
        if not 0 <= branch_index < len(step.branches):
            raise RunnerError(f"step '{step.id}' has {len(step.branches)} branches; there is no branch "
                              f"{branch_index}")
        return self._go(step.branches[branch_index].next, f"branch {branch_index}")

    def advance(self) -> Step:
        """Follow the current step's `next` and return the new current step."""
        step = self.current
        if step.end:
            raise RunnerError(f"step '{step.id}' is an end step; there is nowhere to go on to")
        if step.branches:
            raise RunnerError(f"step '{step.id}' has branches; choose one")
        if step.next is None:
            raise RunnerError(f"step '{step.id}' has no next step")
        return self._go(step.next, "next")

    def back(self) -> Step:
        """Return to the step before the current one on the route taken."""
        if len(self._path) == 1:
            raise RunnerError(f"step '{self.current.id}' is where the script starts; there is no step "
                              "before it")
        self._path.pop()
        return self.current

    def restart(self) -> Step:
        self._path = [self._script.start]
        return self.current

    def set_context(self, context: Mapping[str, str]) -> None:
        """Replace what the caller's card knows (keys are dotted names such as "customer.name")."""
        self._context = dict(context)

    def fill(self, name: str, value: str) -> None:
        """Fill one slot, as the agent types into it; every line using the name picks it up."""
        self._context[name] = value

    def set_lang(self, lang: str) -> None:
        self._lang = self._checked_lang(lang)

    def view(self) -> StepView:
        """The current step as the agent reads it, filled from the context."""
        return step_view(self.current, self._lang, self._context)

    def title(self) -> str:
        return self.view().title

    def say_lines(self) -> list[RenderedLine]:
        return list(self.view().say)

    def do_items(self) -> list[RenderedLine]:
        return list(self.view().do)

    def branch_labels(self) -> list[str]:
        return list(self.view().branch_labels)
