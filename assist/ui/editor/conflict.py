"""Someone published the entry after this draft started: per conflicting field, theirs beside yours,
and the editor chooses. Nothing is overwritten until they do (Editing.rebase then)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from assist.ui.editor.history import field_text
from knowledge.editing import LIST_FIELDS, EditConflict


class ConflictDialog(QDialog):
    def __init__(self, conflict: EditConflict, field_names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        merge = conflict.merge
        self.setWindowTitle(self.tr("Published meanwhile: choose per field"))
        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(self.tr("%1 published version %2 after this draft started from version %3. Fields "
                              "only one side changed are merged already; for each field below, keep your "
                              "text or take theirs.")
                      .replace("%1", conflict.their_author or self.tr("Someone"))
                      .replace("%2", str(merge.their_version)).replace("%3", str(conflict.base_version)))
        grid_host = QWidget(self)
        grid = QGridLayout(grid_host)
        grid.addWidget(QLabel(self.tr("<b>Theirs (published)</b>"), grid_host), 0, 1)
        grid.addWidget(QLabel(self.tr("<b>Yours (this draft)</b>"), grid_host), 0, 2)
        self.choices: dict[str, QButtonGroup] = {}
        self.keep_mine: dict[str, QRadioButton] = {}
        self.take_theirs: dict[str, QRadioButton] = {}
        for row, field_conflict in enumerate(merge.conflicts, start=1):
            field = field_conflict.field
            grid.addWidget(QLabel(f"<b>{field_names.get(field, field)}</b>", grid_host), row * 2 - 1, 0)
            for column, value in ((1, field_conflict.theirs), (2, field_conflict.yours)):
                text = QPlainTextEdit(field_text(value), grid_host)
                text.setReadOnly(True)
                text.setMaximumHeight(120)
                grid.addWidget(text, row * 2 - 1, column)
            theirs = QRadioButton(self.tr("Take theirs"), grid_host)
            mine = QRadioButton(self.tr("Keep mine"), grid_host)
            mine.setChecked(True)
            group = QButtonGroup(self)
            group.addButton(theirs)
            group.addButton(mine)
            grid.addWidget(theirs, row * 2, 1)
            grid.addWidget(mine, row * 2, 2)
            self.choices[field] = group
            self.keep_mine[field] = mine
            self.take_theirs[field] = theirs
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(self.tr("Use these and continue editing"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def resolved(self) -> dict[str, Any]:
        """The merged draft with each conflicting field as chosen."""
        data = dict(self.conflict.merge.data)
        for field_conflict in self.conflict.merge.conflicts:
            field = field_conflict.field
            value = field_conflict.theirs if self.take_theirs[field].isChecked() else field_conflict.yours
            if field in LIST_FIELDS:
                value = list(value or [])
            data[field] = value
        return data
