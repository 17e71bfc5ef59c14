"""Problems shown where the agent looks (settings, store, disk, fonts), instead of a traceback."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class ProblemBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBanner")
        self._problems: list[str] = []
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.close_button = QToolButton(self)
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.close_button)
        self.retranslate()
        self.setVisible(False)

    @property
    def problems(self) -> list[str]:
        return list(self._problems)

    def add(self, message: str) -> None:
        if message and message not in self._problems:
            self._problems.append(message)
            self.text.setText("\n".join(self._problems))
            self.setVisible(True)

    def dismiss(self) -> None:
        self._problems.clear()
        self.text.clear()
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.close_button.setToolTip(self.tr("Dismiss"))
