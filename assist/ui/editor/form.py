"""The edit form for every field of an FAQ entry, the findings list under it and the agent's preview.

The form only holds text: loading, saving and linting are the window's, off the GUI thread. A field
is only rewritten when its value really differs, so a save never resets the undo stack of the field
being typed in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assist.ui.editor.lint_edit import ERROR_COLOR, LintTextEdit
from knowledge.entries import FaqEntryData
from knowledge.languages import LANGS
from knowledge.lint.check import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


def _lines(value: Any) -> str:
    return "\n".join(value) if isinstance(value, list | tuple) else ""


def _split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_names() -> dict[str, str]:
    """What the editor calls each field, in the UI language: the form, the history and the conflict
    dialog say the same."""
    def tr(text: str) -> str:
        return QCoreApplication.translate("EntryForm", text)

    return {"title": tr("Question"), "body": tr("Answer"), "scenario_answer": tr("In a call"),
            "aliases": tr("Also asked as"), "tags": tr("Tags"), "category": tr("Category"),
            "lang": tr("Language"), "verify_by": tr("Verify by"), "status": tr("Status")}


class EntryForm(QWidget):
    """Emits `edited` for every change the user makes, never for what set_values puts in."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.title = QLineEdit(self)
        self.body = LintTextEdit("body", self)
        self.scenario = LintTextEdit("scenario_answer", self)
        self.aliases = QPlainTextEdit(self)
        self.tags = QPlainTextEdit(self)
        for small in (self.aliases, self.tags):
            small.setTabChangesFocus(True)
            small.setMaximumHeight(70)
        self.body.setMinimumHeight(90)
        self.scenario.setMinimumHeight(70)
        self.category = QLineEdit(self)
        self.lang = QComboBox(self)
        for lang in LANGS:
            self.lang.addItem(lang, lang)
        # Archiving takes an answer out of agents' search through review like any change.
        self.status = QComboBox(self)
        for status in ("published", "archived"):
            self.status.addItem(status, status)
        self.verify_set = QCheckBox(self)
        self.verify_by = QDateEdit(self)
        self.verify_by.setCalendarPopup(True)
        self.verify_by.setDisplayFormat("yyyy-MM-dd")
        self.verify_by.setDate(QDate.currentDate().addMonths(6))
        self.verify_by.setEnabled(False)
        self.verify_set.toggled.connect(self.verify_by.setEnabled)
        verify_row = QHBoxLayout()
        verify_row.setContentsMargins(0, 0, 0, 0)
        verify_row.addWidget(self.verify_set)
        verify_row.addWidget(self.verify_by, 1)

        self.fields: dict[str, QWidget] = {
            "title": self.title, "body": self.body, "scenario_answer": self.scenario,
            "aliases": self.aliases, "tags": self.tags, "category": self.category, "lang": self.lang,
            "verify_by": self.verify_by, "status": self.status}
        # An error under each field, in words, where the editor is looking.
        self.errors: dict[str, QLabel] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self._labels: dict[str, QLabel] = {}
        for field, widget in self.fields.items():
            label = QLabel(self)
            label.setBuddy(widget)
            self._labels[field] = label
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setStyleSheet(f"color: {ERROR_COLOR};")
            error.setWordWrap(True)
            error.hide()
            self.errors[field] = error
            column = QVBoxLayout()
            column.setSpacing(1)
            if field == "verify_by":
                column.addLayout(verify_row)
            else:
                column.addWidget(widget)
            column.addWidget(error)
            self.layout_.addRow(label, column)

        self.title.textEdited.connect(self._changed)
        self.category.textEdited.connect(self._changed)
        for text in (self.body, self.scenario, self.aliases, self.tags):
            text.textChanged.connect(self._changed)
        self.lang.currentIndexChanged.connect(self._changed)
        self.status.currentIndexChanged.connect(self._changed)
        self.verify_set.toggled.connect(self._changed)
        self.verify_by.dateChanged.connect(self._changed)
        self.retranslate()

    def _changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def values(self) -> dict[str, Any]:
        verify = self.verify_by.date().toPython() if self.verify_set.isChecked() else None
        return {
            "title": self.title.text(), "body": self.body.toPlainText(),
            "scenario_answer": self.scenario.toPlainText(),
            "aliases": _split_lines(self.aliases.toPlainText()),
            "tags": _split_lines(self.tags.toPlainText()),
            "category": self.category.text(), "lang": self.lang.currentData() or "zh-Hans",
            "verify_by": verify.isoformat() if isinstance(verify, dt.date) else None,
            "status": self.status.currentData() or "published",
        }

    def set_values(self, data: Mapping[str, Any], reset: bool = False) -> None:
        """Show `data`, touching only the fields that differ (their undo stacks are kept otherwise);
        `reset` for another entry, whose fields must not undo back into the one before."""
        self._loading = True
        try:
            def put_line(edit: QLineEdit, value: Any) -> None:
                text = value if isinstance(value, str) else ""
                if reset or edit.text() != text:
                    edit.setText(text)

            def put_text(edit: QPlainTextEdit, text: str) -> None:
                if reset or edit.toPlainText() != text:
                    edit.setPlainText(text)

            put_line(self.title, data.get("title"))
            put_line(self.category, data.get("category"))
            put_text(self.body, data.get("body") or "")
            put_text(self.scenario, data.get("scenario_answer") or "")
            for edit, field in ((self.aliases, "aliases"), (self.tags, "tags")):
                if reset or _split_lines(edit.toPlainText()) != list(data.get(field) or []):
                    edit.setPlainText(_lines(data.get(field)))
            lang = data.get("lang") or "zh-Hans"
            if self.lang.findData(lang) < 0:
                self.lang.addItem(str(lang), lang)
            self.lang.setCurrentIndex(self.lang.findData(lang))
            self.status.setCurrentIndex(1 if data.get("status") == "archived" else 0)
            verify = data.get("verify_by")
            try:
                day = dt.date.fromisoformat(verify) if isinstance(verify, str) else None
            except ValueError:
                day = None  # a bad date from an old draft: shown as none, the lint names it
            self.verify_set.setChecked(day is not None)
            if day is not None:
                self.verify_by.setDate(QDate(day.year, day.month, day.day))
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.title, self.category):
            widget.setReadOnly(read_only)
        for text in (self.body, self.scenario, self.aliases, self.tags):
            text.setReadOnly(read_only)
        for other in (self.lang, self.status, self.verify_set, self.verify_by):
            other.setEnabled(not read_only)
        if not read_only:
            self.verify_by.setEnabled(self.verify_set.isChecked())

    def show_error(self, field: str, message: str) -> None:
        label = self.errors.get(field)
        if label is None:
            label = self.errors["title"]  # a whole-entry problem still shows at the top
        label.setText(message)
        label.show()

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.body.set_findings(findings)
        self.scenario.set_findings(findings)

    def text_field(self, field: str) -> LintTextEdit | None:
        return {"body": self.body, "scenario_answer": self.scenario}.get(field)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        names = field_names()
        for field, label in self._labels.items():
            label.setText(names[field])
        self.status.setItemText(0, self.tr("Published: agents find it"))
        self.status.setItemText(1, self.tr("Archived: out of agents' search"))
        self.aliases.setPlaceholderText(self.tr("One per line"))
        self.tags.setPlaceholderText(self.tr("One per line"))
        self.scenario.setPlaceholderText(self.tr("What to say on a call, step by step"))
        self.verify_set.setText(self.tr("Check again by"))
        self.verify_set.setToolTip(self.tr("Unticked: no date, the entry never asks to be checked"))


class FindingsPanel(QWidget):
    """Every lint finding of the entry, with the one-click replacement for the chosen one."""

    replace_requested = Signal(object)  # a Finding
    show_requested = Signal(object)  # a Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        self.list.setWordWrap(True)
        self.replace_button = QPushButton(self)
        self.replace_button.setEnabled(False)
        self.replace_button.clicked.connect(self._replace)
        self.list.currentItemChanged.connect(self._chosen)
        self.list.itemActivated.connect(lambda item: self.show_requested.emit(item.data(FINDING_ROLE)))
        self.heading = QLabel(self)
        self.heading.setObjectName("hint")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.heading, 1)
        row.addWidget(self.replace_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self._count = 0
        self.retranslate()

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.list.clear()
        for finding in findings:
            severity = self.tr("Error") if finding.is_error else self.tr("Warning")
            text = self.tr("%1 “%2”: %3 Instead: %4").replace("%1", severity).replace(
                "%2", finding.phrase).replace("%3", finding.why).replace("%4", finding.suggestion)
            item = QListWidgetItem(text, self.list)
            item.setData(FINDING_ROLE, finding)
            item.setForeground(Qt.GlobalColor.red if finding.is_error else Qt.GlobalColor.darkYellow)
            item.setToolTip(text)
        self._count = len(findings)
        if findings:
            self.list.setCurrentRow(0)
        self._chosen()
        self.retranslate()

    def findings(self) -> list[Finding]:
        found: list[Finding] = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None:
                found.append(item.data(FINDING_ROLE))
        return found

    def select(self, finding: Finding) -> bool:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(FINDING_ROLE) == finding:
                self.list.setCurrentRow(row)
                return True
        return False

    def _current(self) -> Finding | None:
        item = self.list.currentItem()
        finding = item.data(FINDING_ROLE) if item is not None else None
        return finding if isinstance(finding, Finding) else None

    def _chosen(self, *_args: object) -> None:
        finding = self._current()
        self.replace_button.setEnabled(finding is not None and finding.replace is not None)
        if finding is not None and finding.replace is not None:
            self.replace_button.setText(self.tr("Replace with “%1”").replace("%1", finding.replace))
        else:
            self.replace_button.setText(self.tr("Replace"))

    def _replace(self) -> None:
        finding = self._current()
        if finding is not None and finding.replace is not None:
            self.replace_requested.emit(finding)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("No phrases to avoid") if not self._count
                             else self.tr("Phrases to avoid: %n", "", self._count))
        self._chosen()


class AnswerPreview(QWidget):
    """The answer as agents get it: the sidebar's own FAQ view, with its lines cut as they copy them,
    placeholders as the gaps they fill, and the "possibly outdated" note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from assist.ui.faq_view import FaqView

        self.view = FaqView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    def show_entry(self, data: Mapping[str, Any]) -> None:
        ui_language = {"zh_CN": "zh_CN", "zh_TW": "zh_TW"}.get(QLocale().name(), "en")
        self.view.show_entry(preview_entry(data), {}, {}, ui_language)
        self.view.show()

    def clear(self) -> None:
        self.view.hide()


def preview_entry(data: Mapping[str, Any]) -> FaqEntryData:
    """A draft as an entry, leniently: the preview shows what is typed even before it would pass."""
    lang = data.get("lang") if data.get("lang") in LANGS else "zh-Hans"
    try:
        verify_by = dt.date.fromisoformat(str(data.get("verify_by"))) if data.get("verify_by") else None
    except ValueError:
        verify_by = None
    tags = data.get("tags")
    return FaqEntryData(id="preview", title=str(data.get("title") or ""), body=str(data.get("body") or ""),
                        scenario_answer=str(data.get("scenario_answer") or ""),
                        tags=tuple(str(tag) for tag in tags) if isinstance(tags, list | tuple) else (),
                        lang=str(lang), verify_by=verify_by)

