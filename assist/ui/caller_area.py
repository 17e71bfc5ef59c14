"""The caller's card at the top of the sidebar: an empty state between calls, a compact card during one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from assist.customers.card import CallerCard


class CallerArea(QFrame):
    open_requested = Signal(str)  # the doc id of a suggested script

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callerArea")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._card: CallerCard | None = None
        self._suggestions: list[tuple[str, str]] = []
        self.heading = QLabel(self)
        self.heading.setObjectName("callerHeading")
        self.heading.setWordWrap(True)
        self.detail = QLabel(self)
        self.detail.setObjectName("callerDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.suggestion_row = QHBoxLayout()
        self.suggestion_row.setSpacing(4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.detail)
        layout.addLayout(self.suggestion_row)
        self.retranslate()

    def show_card(self, card: CallerCard | None, suggestions: Sequence[tuple[str, str]] = ()) -> None:
        """`suggestions` are (doc id, title) of scripts that fit the caller, best first."""
        self._card = card
        self._suggestions = list(suggestions)
        self.retranslate()

    def _set_suggestions(self) -> None:
        while self.suggestion_row.count():
            item = self.suggestion_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for doc_id, title in self._suggestions[:3]:
            button = QPushButton(title, self)
            button.setObjectName("suggestedScript")
            button.setToolTip(title)
            button.clicked.connect(lambda _checked=False, target=doc_id: self.open_requested.emit(target))
            self.suggestion_row.addWidget(button)
        self.suggestion_row.addStretch(1)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        card = self._card
        if card is None:
            self.heading.setText(self.tr("No call in progress"))
            self.detail.setText(self.tr("When the phone rings, the caller's card and the scripts "
                                        "that fit appear here."))
            self.setProperty("empty", True)
        else:
            tail = self.tr("phone ends %1").replace("%1", card.phone_tail) if card.phone_tail else ""
            self.heading.setText(" · ".join(part for part in (card.address_as, tail) if part))
            self.detail.setText(" · ".join((*card.flags, card.summary)) if card.flags or card.summary
                                else "")
            self.setProperty("empty", False)
        self.detail.setVisible(bool(self.detail.text()))
        self._set_suggestions()
        self.style().unpolish(self)
        self.style().polish(self)
