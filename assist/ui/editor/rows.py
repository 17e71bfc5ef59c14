"""The editor's entry list as plain rows (published entries and drafts side by side) and its filters.

Qt-free so the filtering can be tested and reasoned about without a display; the Qt model only shows
the rows this module produces.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from knowledge.editing import Draft, Editing
from knowledge.entries import FaqEntryData

# What the status filter offers, and which row states each choice covers: a rejected draft is still
# the editor's draft to fix, so it is listed with the drafts.
STATUS_GROUPS: dict[str, tuple[str, ...]] = {
    "draft": ("draft", "rejected"),
    "review": ("review",),
    "published": ("published",),
    "archived": ("archived",),
}


@dataclass(frozen=True)
class EntryRow:
    entry_id: str
    title: str
    # "draft", "review", "rejected" (drafts), "published" or "archived" (stored entries)
    status: str
    category: str
    lang: str
    version: int
    tags: tuple[str, ...] = ()
    # Whose draft this row is; "" for a stored entry.
    editor: str = ""
    stale: bool = False
    # Title, id and aliases, case-folded: what the text filter looks in (the answers are not read for
    # the list: at 100,000 entries they are most of the store).
    haystack: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.entry_id, self.editor)


@dataclass(frozen=True)
class RowFilter:
    status: str = ""  # a STATUS_GROUPS key; "" for every status
    category: str = ""
    tag: str = ""
    lang: str = ""
    stale_only: bool = False
    text: str = ""

    def accepts(self, row: EntryRow) -> bool:
        if self.status and row.status not in STATUS_GROUPS.get(self.status, (self.status,)):
            return False
        if self.category and row.category != self.category:
            return False
        if self.tag and self.tag not in row.tags:
            return False
        if self.lang and row.lang != self.lang:
            return False
        if self.stale_only and not row.stale:
            return False
        words = self.text.casefold().split()
        return all(word in row.haystack for word in words)


def _haystack(entry_id: str, title: str, aliases: Iterable[str]) -> str:
    return "\n".join((title, entry_id, *aliases)).casefold()


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _texts(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(item for item in value if isinstance(item, str))
    return ()


def build_rows(entries: Iterable[FaqEntryData], drafts: Iterable[Draft],
               stale_ids: set[str]) -> list[EntryRow]:
    """Drafts first (newest first, as Editing.drafts returns them), then the stored entries by id."""
    rows: list[EntryRow] = []
    for draft in drafts:
        data = draft.data
        title, aliases = _text(data.get("title")), _texts(data.get("aliases"))
        rows.append(EntryRow(draft.entry_id, title or draft.entry_id, draft.state,
                             _text(data.get("category")), _text(data.get("lang")) or "zh-Hans",
                             draft.base_version,
                             _texts(data.get("tags")), draft.editor, draft.entry_id in stale_ids,
                             _haystack(draft.entry_id, title, aliases)))
    for entry in entries:
        rows.append(EntryRow(entry.id, entry.title, entry.status, entry.category, entry.lang, entry.version,
                             entry.tags, "", entry.id in stale_ids,
                             _haystack(entry.id, entry.title, entry.aliases)))
    return rows


def load_rows(editing: Editing, today: dt.date | None = None) -> list[EntryRow]:
    """Reads the store: call it off the GUI thread. Entries of every status are listed (an import may
    bring drafts or entries in review), each without its answers."""
    today = today or dt.date.today()
    entries = editing.store.entry_headers()
    stale = {entry.id for entry in entries
             if entry.status == "published" and entry.verify_by is not None and entry.verify_by < today}
    return build_rows(entries, editing.drafts(), stale)
