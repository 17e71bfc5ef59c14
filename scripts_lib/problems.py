"""What goes wrong with a script: one located problem, and the error that carries one or more of them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ScriptProblem:
    """One thing wrong with a script, located precisely enough for an author to fix it unaided.

    `field` is a path inside the script or step, such as `say[2].en`; list positions count from 1,
    as a person counts the `-` items of a YAML list.
    """

    source: str
    script_id: str
    step_id: str | None
    field: str
    message: str

    def __str__(self) -> str:
        parts = [self.source or "<script>"]
        if self.step_id is not None:
            parts.append(f"step '{self.step_id}'")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(parts)


class ScriptError(ValueError):
    """A script that cannot be used; its text is one line per problem, each naming file, step and field."""

    def __init__(self, problems: Iterable[ScriptProblem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ScriptError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def at(cls, source: str, message: str) -> ScriptError:
        """A problem with a whole file (reading, encoding, YAML), before any script or step exists."""
        return cls([ScriptProblem(source, "", None, "", message)])
