"""Fields for the placeholders the caller's card could not fill; what the agent types fills every line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from knowledge.languages import to_traditional
from scripts_lib.placeholders import PLACEHOLDERS


def merged_values(card: Mapping[str, str], typed: Mapping[str, str]) -> dict[str, str]:
    """What lines are filled with: the caller's card, then what the agent typed into gaps (a gap
    typed blank leaves the card's value)."""
    return {**card, **{name: value for name, value in typed.items() if value.strip()}}


def slot_label(name: str, ui_language: str) -> str:
    """The placeholder's description in the UI's language; the dotted name for unknown ones."""
    placeholder = PLACEHOLDERS.get(name)
    if placeholder is None:
        return name
    if ui_language == "en":
        return placeholder.en
    return to_traditional(placeholder.zh_hans) if ui_language == "zh_TW" else placeholder.zh_hans


def short_label(name: str, ui_language: str) -> str:
    """The label without its example: "对客户的称呼（如 王女士）" -> "对客户的称呼"."""
    label = slot_label(name, ui_language)
    for bracket in ("（", " ("):
        label = label.split(bracket, 1)[0]
    return label


class _SlotEdit(QLineEdit):
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class SlotForm(QWidget):
    filled = Signal(str, str)  # placeholder name, the value typed
    left = Signal()  # Esc in a field: back to the lines

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        # Long English descriptions go above their field instead of squeezing it.
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._names: tuple[str, ...] = ()
        self._edits: dict[str, _SlotEdit] = {}
        self._language = "en"
        self.setVisible(False)

    def set_slots(self, names: Sequence[str], values: Mapping[str, str], ui_language: str) -> None:
        """Rebuilt only when the set of slots changes, so typing never loses the focused field."""
        if tuple(names) == self._names and ui_language == self._language:
            for name, edit in self._edits.items():
                if edit.text() != values.get(name, "") and not edit.hasFocus():
                    edit.setText(values.get(name, ""))
            return
        self._names = tuple(names)
        self._language = ui_language
        while self._layout.rowCount():
            # Deleted later, not now: this may run inside a key event of the very field going away.
            row = self._layout.takeRow(0)
            for item in (row.labelItem, row.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._edits.clear()
        for name in names:
            edit = _SlotEdit(self)
            edit.setObjectName(f"slot:{name}")
            edit.setText(values.get(name, ""))
            edit.setPlaceholderText(short_label(name, ui_language))
            edit.setToolTip(slot_label(name, ui_language))
            edit.textEdited.connect(self._emit_filled(name))
            edit.escaped.connect(self.left)
            label = QLabel(short_label(name, ui_language), self)
            label.setWordWrap(True)
            # A long description wraps in its own column instead of squeezing the field.
            # Up to about seven Chinese characters or 22 Latin ones on a line; a short label
            # keeps its one line (a word-wrapped label would otherwise be squeezed to wrap).
            metrics = label.fontMetrics()
            widest = max(metrics.horizontalAdvance("国") * 7, metrics.horizontalAdvance("n" * 22))
            label.setMaximumWidth(widest)
            label.setMinimumWidth(min(metrics.horizontalAdvance(label.text()) + 2, widest))
            label.setBuddy(edit)
            self._layout.addRow(label, edit)
            self._edits[name] = edit
        self.setVisible(bool(names))

    def _emit_filled(self, name: str) -> Callable[[str], None]:
        return lambda text: self.filled.emit(name, text)

    def edit(self, name: str) -> QLineEdit | None:
        return self._edits.get(name)

    def first_edit(self) -> QLineEdit | None:
        return self._edits[self._names[0]] if self._names else None
