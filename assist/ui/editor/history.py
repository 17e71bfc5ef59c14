"""The history tab: every published version of an entry, a side-by-side diff of any two (or one
against what the form holds now), and rolling back to an old version."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assist.ui.editor.form import field_names
from assist.ui.ops import BackgroundOps
from assist.ui.rich_text import is_dark
from knowledge.editing import FIELDS, Revision, diff_segments

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1


def field_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "\n".join(str(item) for item in value)
    return "" if value is None else str(value)


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def side_by_side_html(old: Mapping[str, Any], new: Mapping[str, Any], old_label: str, new_label: str,
                      field_names: Mapping[str, str], deleted: str, inserted: str, unchanged: str) -> str:
    """One table row per changed field: the old text with deletions marked on the left, the new text
    with insertions marked on the right."""
    rows: list[str] = []
    for field in FIELDS:
        before, after = field_text(old.get(field)), field_text(new.get(field))
        if before == after:
            continue
        left: list[str] = []
        right: list[str] = []
        for kind, text in diff_segments(before, after):
            if kind == "equal":
                left.append(_escaped(text))
                right.append(_escaped(text))
            elif kind == "delete":
                left.append(f'<span style="background-color:{deleted}">{_escaped(text)}</span>')
            else:
                right.append(f'<span style="background-color:{inserted}">{_escaped(text)}</span>')
        rows.append(f'<tr><td colspan="2"><b>{html.escape(field_names.get(field, field))}</b></td></tr>'
                    f'<tr><td width="50%" valign="top">{"".join(left)}</td>'
                    f'<td width="50%" valign="top">{"".join(right)}</td></tr>')
    if not rows:
        return f"<p>{html.escape(unchanged)}</p>"
    head = (f'<tr><th width="50%" align="left">{html.escape(old_label)}</th>'
            f'<th width="50%" align="left">{html.escape(new_label)}</th></tr>')
    return f'<table width="100%" cellspacing="0" cellpadding="4" border="1">{head}{"".join(rows)}</table>'


class HistoryPanel(QWidget):
    rollback_requested = Signal(int)  # a version
    diff_shown = Signal()  # a diff finished on the worker is on screen (tests wait for it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._revisions: list[Revision] = []
        self._current: dict[str, Any] = {}
        # Diffing two long answers takes seconds: on a worker, and only the latest one shown.
        self._ops = BackgroundOps(self, threads=1)
        self._diff_serial = 0
        self.table = QTableWidget(0, 6, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.diff = QTextBrowser(self)
        self.diff.setOpenLinks(False)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.rollback_button = QPushButton(self)
        self.rollback_button.setEnabled(False)
        self.rollback_button.clicked.connect(self._rollback)
        self.can_roll_back = True
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.rollback_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.diff)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def set_revisions(self, revisions: Sequence[Revision], current: Mapping[str, Any]) -> None:
        """`revisions` newest first; `current` is what the form holds, compared against one chosen version."""
        self._revisions = list(revisions)
        self._current = dict(current)
        self.table.setRowCount(len(self._revisions))
        for row, revision in enumerate(self._revisions):
            when = revision.created_at.astimezone().strftime("%Y-%m-%d %H:%M") if revision.created_at else ""
            cells = (str(revision.version), self._action_name(revision.action), revision.author,
                     revision.reviewer, when, revision.comment)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(VERSION_ROLE, revision.version)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.diff.clear()
        if self._revisions:
            self.table.selectRow(0)
        self._selection_changed()

    def set_current(self, current: Mapping[str, Any]) -> None:
        self._current = dict(current)

    def select_versions(self, *versions: int) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, revision in enumerate(self._revisions):
            if revision.version in versions:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def selected(self) -> list[Revision]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._revisions[row] for row in rows if row < len(self._revisions)]

    def _action_name(self, action: str) -> str:
        return {"publish": self.tr("published"), "rollback": self.tr("rolled back"),
                "baseline": self.tr("imported"), "import": self.tr("imported again"),
                "pack": self.tr("from a pack")}.get(action, action)

    def _colors(self) -> tuple[str, str]:
        return ("#7a2e2e", "#2e5f36") if is_dark(self.palette()) else ("#ffc9c9", "#c6efc6")

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.rollback_button.setEnabled(self.can_roll_back and len(chosen) == 1
                                        and chosen[0].version != self._revisions[0].version)
        names = field_names()
        deleted, inserted = self._colors()
        unchanged = self.tr("No field differs.")
        self._diff_serial += 1
        serial = self._diff_serial
        if len(chosen) == 2:
            older, newer = sorted(chosen, key=lambda revision: revision.version)
            sides = (older.data, newer.data, self.tr("Version %1").replace("%1", str(older.version)),
                     self.tr("Version %1").replace("%1", str(newer.version)))
        elif len(chosen) == 1:
            sides = (chosen[0].data, dict(self._current),
                     self.tr("Version %1").replace("%1", str(chosen[0].version)),
                     self.tr("Now, in the editor"))
        else:
            self.diff.clear()
            return

        def show(page: str) -> None:
            if serial == self._diff_serial:
                self.diff.setHtml(page)
                self.diff_shown.emit()

        self._ops.run(lambda: side_by_side_html(*sides, names, deleted, inserted, unchanged), show,
                      lambda error: self.diff.setPlainText(str(error)))

    def _rollback(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self.rollback_requested.emit(chosen[0].version)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("Version"), self.tr("Action"), self.tr("Author"),
                                              self.tr("Reviewer"), self.tr("When"), self.tr("Comment")])
        self.hint.setText(self.tr("Choose one version to compare with the editor, or two to compare "
                                  "them (Ctrl+click)."))
        self.rollback_button.setText(self.tr("Roll back to this version"))
