"""The lint rule set as editors change it: the YAML in force, saved as a new version after it is checked
whole (a broken pattern is named with its rule and field, and nothing is saved)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from assist.ui.ops import BackgroundOps

if TYPE_CHECKING:
    from knowledge.lint.versions import RuleSets


class RulesTab(QWidget):
    saved = Signal(int)  # the new version in force

    def __init__(self, rule_sets: RuleSets, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule_sets = rule_sets
        self._user = user
        self._version: int | None = None  # the version the text was loaded from
        self._ops = BackgroundOps(self, threads=1)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("rulesText")
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text.setFont(QFont(fixed))
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldError")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.reload_button = QPushButton(self)
        self.reload_button.clicked.connect(self.load)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def load(self) -> None:
        rule_sets = self._rule_sets

        def read() -> tuple[int, str]:
            version = rule_sets.current_version()
            return version, rule_sets.text(version)

        self._ops.run(read, self._loaded, lambda error: self.problem.setText(str(error)))

    def _loaded(self, loaded: tuple[int, str]) -> None:
        self._version, text = loaded
        self.text.setPlainText(text)
        self.problem.clear()
        self.retranslate()

    def save(self) -> None:
        text, version, rule_sets, user = self.text.toPlainText(), self._version, self._rule_sets, self._user
        self.save_button.setEnabled(False)
        self._ops.run(lambda: rule_sets.save(text, user, expected_version=version), self._saved,
                      self._refused)

    def _saved(self, version: int) -> None:
        self._version = version
        self.save_button.setEnabled(True)
        self.problem.clear()
        self.retranslate()
        self.saved.emit(version)

    def _refused(self, error: Exception) -> None:
        # RuleSetError names the rule and the field: shown where the editor is working.
        self.save_button.setEnabled(True)
        self.problem.setText(self.tr("Not saved: %1").replace("%1", str(error)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        version = self._version
        shown = (self.tr("the bundled rules") if version == 0 else
                 self.tr("version %1").replace("%1", str(version)) if version is not None else "…")
        self.heading.setText(self.tr("Phrases to avoid, and what to say instead: the rule set in force is "
                                     "%1. Saving checks every rule first and keeps the earlier versions.")
                             .replace("%1", shown))
        self.save_button.setText(self.tr("Save as a new version"))
        self.reload_button.setText(self.tr("Reload"))
