"""An FAQ entry as the agent uses it mid-call: its answers cut into lines, each copied with one key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from assist.answer_lines import answer_lines
from assist.ui.i18n import shown_lang
from assist.ui.lines import Line, LinesView
from assist.ui.rich_text import unbreakable_items
from assist.ui.slot_form import SlotForm, merged_values, short_label
from knowledge.languages import to_traditional
from scripts_lib.placeholders import placeholders_in, render

if TYPE_CHECKING:
    from knowledge.entries import FaqEntryData


def shown_text(text: str, entry_lang: str, ui_language: str) -> str:
    return to_traditional(text) if shown_lang(entry_lang, ui_language) != entry_lang else text


class FaqView(QWidget):
    copied = Signal(str, str, str)  # doc id, part, the text put on the clipboard
    slot_filled = Signal(str, str)
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entry: FaqEntryData | None = None
        self._card: dict[str, str] = {}
        self._typed: dict[str, str] = {}
        self._ui_language = "en"
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.meta = QLabel(self)
        self.meta.setObjectName("detailMeta")
        self.meta.setWordWrap(True)
        self.lines = LinesView(self)
        self.lines.setObjectName("faqLines")
        self.slots = SlotForm(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.slots)
        layout.addWidget(self.hint)
        self.lines.copy_requested.connect(self._copy_line)
        self.lines.copy_section_requested.connect(self._copy_section)
        self.lines.installEventFilter(self)
        self.slots.filled.connect(self._slot_filled)
        self.slots.left.connect(self.lines.setFocus)
        self.retranslate()

    @property
    def entry(self) -> FaqEntryData | None:
        return self._entry

    def show_entry(self, entry: FaqEntryData, card: Mapping[str, str], typed: Mapping[str, str],
                   ui_language: str) -> None:
        """`card` holds what the caller's card knows; `typed` what the agent typed into gaps."""
        keep_row = self.lines.currentIndex().row() if self._entry and self._entry.id == entry.id else 0
        self._entry = entry
        self._card, self._typed = dict(card), dict(typed)
        self._ui_language = ui_language
        self._render(keep_row)

    def _render(self, current_row: int) -> None:
        entry = self._entry
        assert entry is not None

        def show(text: str) -> str:
            return shown_text(text, entry.lang, self._ui_language)

        self.title.setText(show(entry.title))
        values = merged_values(self._card, self._typed)
        lines: list[Line] = []
        slots: list[str] = []
        sections = (("body", self.tr("Standard answer"), entry.body),
                    ("scenario", self.tr("Scenario answer"), entry.scenario_answer))
        for part, caption, text in sections:
            for number, sentence in enumerate(answer_lines(show(text))):
                rendered = render(sentence, values)
                lines.append(Line(rendered, part, caption if number == 0 else ""))
                # A gap stays a field while the agent types into it (and can correct it later).
                slots += [name for name in placeholders_in(sentence)
                          if name not in slots and not self._card.get(name, "").strip()]
        self.lines.line_delegate.slot_labels = {
            name: short_label(name, self._ui_language) for name in slots}
        self.lines.set_lines(lines, current_row)
        self.slots.set_slots(slots, self._typed, self._ui_language)
        meta = [show(tag) for tag in entry.tags]
        if entry.verify_by is not None and entry.verify_by < dt.date.today():
            # Past its verify-by date: the agent may still use it, but should know to double-check.
            meta.insert(0, self.tr("Possibly outdated: due for checking since %1")
                        .replace("%1", entry.verify_by.isoformat()))
        self.meta.setText(" · ".join(meta))
        self.meta.setVisible(bool(meta))

    def _slot_filled(self, name: str, value: str) -> None:
        self._typed[name] = value
        self.slot_filled.emit(name, value)
        self._render(self.lines.currentIndex().row())

    def _copy_line(self, line: Line) -> None:
        self._copy(line.part, line.text)

    def _copy_section(self, lines: list[Line]) -> None:
        if lines:
            self._copy(lines[0].part, "".join(line.text for line in lines))

    def _copy(self, part: str, text: str) -> None:
        if self._entry is None:
            return
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(self._entry.id, part, text)

    def focus_lines(self) -> None:
        self.lines.setFocus()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if watched is self.lines and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.leave.emit()
                return True
            if event.key() == Qt.Key.Key_Tab and self.slots.first_edit() is not None:
                edit = self.slots.first_edit()
                assert edit is not None
                edit.setFocus()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hint.setText(unbreakable_items(self.tr(
            "Enter or Ctrl+C copies the line · Ctrl+Shift+C the whole answer · "
            "Tab fills a gap · Esc back to search")))
        if self._entry is not None:
            self._render(self.lines.currentIndex().row())
