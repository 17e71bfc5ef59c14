"""After a call: what came of it, which scripts were used (filled in from what was opened), and any
promise with its due time. Saved on the customer's history, it shows on the next call's card."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class WrapUp:
    outcome: str
    scripts: tuple[str, ...]
    promise: str
    promise_due: datetime | None
    kept: tuple[int, ...] = ()  # stored calls whose earlier promises this call kept


class WrapUpPanel(QFrame):
    saved = Signal(object)  # a WrapUp
    skipped = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wrapUp")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.heading = QLabel(self)
        self.heading.setObjectName("callerHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the caller's name comes from the CRM
        self.outcome = QComboBox(self)
        self.outcome.setEditable(True)
        self.outcome.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.scripts = QListWidget(self)
        self.kept = QListWidget(self)
        for ticks in (self.scripts, self.kept):
            # A few lines each: the caller's card above must keep its room.
            ticks.setMaximumHeight(56)
            ticks.setWordWrap(True)
            ticks.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.promise = QLineEdit(self)
        self.promise.setMaxLength(300)
        self.due = QDateTimeEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.promise.textChanged.connect(lambda text: self.due.setEnabled(bool(text.strip())))
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        self.skip_button = QPushButton(self)
        self.skip_button.clicked.connect(self._skip)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self._labels = [QLabel(self) for _ in range(5)]
        editors = (self.outcome, self.scripts, self.kept, self.promise, self.due)
        for label, editor in zip(self._labels, editors, strict=True):
            label.setBuddy(editor)
            self.form.addRow(label, editor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        save_keys = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_keys.activated.connect(self._save)
        self._can_save = True
        self.retranslate()
        self.hide()

    def open_for(self, caller: str, scripts: Sequence[tuple[str, str]],
                 promises: Sequence[tuple[int, str, datetime | None]] = (), can_save: bool = True) -> None:
        """`scripts`: (script id, title) opened during the call, all ticked; `promises`: (stored call,
        promise, due) made on earlier calls and not kept yet, to tick when this call kept them;
        `can_save` is False for a caller with no customer record (nothing to attach the wrap-up to)."""
        self._caller = caller
        self._can_save = can_save
        self.outcome.setCurrentIndex(0)
        self.promise.clear()
        self.due.setEnabled(False)
        self.due.setDateTime(QDateTime.currentDateTime().addSecs(24 * 3600))
        self.scripts.clear()
        for script_id, title in scripts:
            item = QListWidgetItem(title or script_id, self.scripts)
            item.setData(Qt.ItemDataRole.UserRole, script_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.kept.clear()
        for row_id, promise, due in promises:
            when = f" ({due.astimezone():%m-%d %H:%M})" if due is not None else ""
            item = QListWidgetItem(promise + when, self.kept)
            item.setData(Qt.ItemDataRole.UserRole, row_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        for row, shown in ((1, bool(scripts)), (2, bool(promises))):
            self.form.setRowVisible(row, shown)
        self.retranslate()
        self.show()
        self.outcome.setFocus()

    @staticmethod
    def _ticked(items: QListWidget) -> list[Any]:
        ticked = []
        for row in range(items.count()):
            item = items.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ticked.append(item.data(Qt.ItemDataRole.UserRole))
        return ticked

    def values(self) -> WrapUp:
        promise = self.promise.text().strip()
        typed = self.due.dateTime().toPython() if promise else None
        # Local wall time, as typed.
        due = typed.astimezone() if isinstance(typed, datetime) else None
        return WrapUp(self.outcome.currentText().strip(), tuple(str(s) for s in self._ticked(self.scripts)),
                      promise, due, tuple(int(row) for row in self._ticked(self.kept)))

    def _save(self) -> None:
        if not self.isVisible() or not self._can_save:
            return
        wrap_up = self.values()
        if not wrap_up.outcome:
            self.note.setText(self.tr("Say what came of the call first."))
            self.outcome.setFocus()
            return
        past = datetime.now().astimezone() - timedelta(minutes=1)
        if wrap_up.promise_due is not None and wrap_up.promise_due < past:
            self.note.setText(self.tr("The promise is due in the past; pick a later time."))
            self.due.setFocus()
            return
        self.hide()
        self.saved.emit(wrap_up)

    def _skip(self) -> None:
        self.hide()
        self.skipped.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        caller = getattr(self, "_caller", "")
        self.heading.setText(self.tr("Call ended: %1").replace("%1", caller) if caller
                             else self.tr("Call ended"))
        current = self.outcome.currentText()
        self.outcome.clear()
        self.outcome.addItems([self.tr("Solved on this call"), self.tr("Follow-up needed"),
                               self.tr("Escalated to a supervisor"), self.tr("Transferred to another team"),
                               self.tr("Customer hung up")])
        if current:
            self.outcome.setCurrentText(current)
        for label, text in zip(self._labels, (self.tr("Outcome"), self.tr("Scripts used"),
                                              self.tr("Promises kept now"), self.tr("Promise"),
                                              self.tr("Due")), strict=True):
            label.setText(text)
        self.promise.setPlaceholderText(self.tr("What you promised, if anything (e.g. call back with the "
                                                "refund state)"))
        self.save_button.setText(self.tr("Save"))
        self.skip_button.setText(self.tr("Skip"))
        self.save_button.setEnabled(self._can_save)
        self.note.setText("" if self._can_save else
                          self.tr("No customer record has this number, so there is nothing to save it to."))
