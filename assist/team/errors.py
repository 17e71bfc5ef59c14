"""The one error type of team work: a line that says what is wrong and what to do about it."""

from __future__ import annotations


class TeamError(Exception):
    """Shown to the person as it is: one line, no traceback, never a password."""


def first_line(error: BaseException) -> str:
    """The first line of a driver's message (psycopg adds details and hints on later lines); for an
    error SQLAlchemy wrapped, the driver's own message."""
    error = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(error).strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else type(error).__name__
