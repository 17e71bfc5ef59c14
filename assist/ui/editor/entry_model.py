"""A table model over the editor's entry rows: it shows what rows.py filtered, it computes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from assist.ui.editor.rows import EntryRow

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("title", "status", "category", "lang", "version")
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class EntryListModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntryRow] = []

    def set_rows(self, rows: Sequence[EntryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EntryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, key: tuple[str, str]) -> int:
        for position, row in enumerate(self._rows):
            if row.key == key:
                return position
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def status_text(self, row: EntryRow) -> str:
        names = {"draft": self.tr("Draft"), "review": self.tr("In review"), "rejected": self.tr("Rejected"),
                 "published": self.tr("Published"), "archived": self.tr("Archived")}
        name = names.get(row.status, row.status)
        if row.editor:
            # Whose draft it is matters: two editors may each hold a draft of the same entry.
            name = self.tr("%1 · %2").replace("%1", name).replace("%2", row.editor)
        if row.stale:
            name = self.tr("%1 (verify)").replace("%1", name)
        return name

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "status":
                return self.status_text(row)
            if column == "version":
                return row.version
            return str(getattr(row, column))
        if role == Qt.ItemDataRole.ToolTipRole and column == "title":
            return row.entry_id
        if role == KEY_ROLE:
            return row.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(COLUMNS):
            return None
        titles = (self.tr("Title"), self.tr("Status"), self.tr("Category"), self.tr("Language"),
                  self.tr("Version"))
        return titles[section]
