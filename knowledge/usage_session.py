"""Which searches were misses: the search-box side of the usage log (rule in knowledge/usage.py).

Kept apart from the log itself so the sidebar can track searches before its store has opened,
without loading the database layer.
"""

from __future__ import annotations

import unicodedata
from difflib import SequenceMatcher

# Long enough to be a question, short enough that a pasted paragraph is not kept.
MIN_MISS_CHARS = 2
# How much text two queries must share to count as one being an edit of the other.
_RELATED_RATIO = 0.6


def fold_text(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), every decimal digit as 0-9, control and format
    characters and lone surrogates (which no database can store) as spaces, whitespace folded."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(str(unicodedata.decimal(c)) if c.isdecimal() and not c.isascii() else
                   " " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c
                   for c in text)
    return " ".join(text.split())


# -- miss detection ---------------------------------------------------------------------------------


def _edits(before: str, after: str) -> bool:
    """Whether `after` reads as an edit of `before` rather than a new question."""
    if before.startswith(after) or after.startswith(before):
        return True
    return SequenceMatcher(None, before, after, autojunk=False).ratio() >= _RELATED_RATIO


class SearchSession:
    """Decides which searches were misses (rule in the module docstring). Pure logic, no I/O: feed it
    what happens in the search box and report what it returns with UsageLog.missed. Not thread-safe:
    call it from one thread (the GUI thread is fine)."""

    def __init__(self) -> None:
        self._query = ""  # the session's latest non-empty query, as typed (whitespace folded)
        self._opened = False

    def searched(self, query: str, result_count: int) -> str | None:
        """The box now holds `query` and the search showed `result_count` results. Returns the query
        to report as a miss when this query ends the previous session, else None. A returned query
        is as typed: UsageLog.missed masks it."""
        query = fold_text(query)
        if not query:
            return self.ended()
        if self._query and _edits(self._query.lower(), query.lower()):
            self._query = query
            return None
        miss = self.ended()
        self._query = query
        return miss

    def opened(self) -> None:
        """The agent opened a result (or copied from one) during the current session."""
        if self._query:
            self._opened = True

    def ended(self) -> str | None:
        """The box was cleared or the sidebar hidden. Returns the miss to report, if any."""
        query, opened = self._query, self._opened
        self._query, self._opened = "", False
        if query and not opened and len(query) >= MIN_MISS_CHARS:
            return query
        return None
