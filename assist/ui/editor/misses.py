"""The "what agents could not find" tab: missed searches (most frequent first, then newest), the most opened
entries, and a bar chart of the top misses, so editors see what to write next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from knowledge.usage import UsageReport

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_BARS = 8


class MissChart(QWidget):
    """Horizontal bars: one per missed query, its length the number of misses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int]] = []
        self.setMinimumHeight(60)

    def set_bars(self, bars: Sequence[tuple[str, int]]) -> None:
        self.bars = list(bars)[:CHART_BARS]
        self.setMinimumHeight(12 + 22 * max(1, len(self.bars)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 12 + 22 * max(1, len(self.bars)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        if not self.bars:
            painter.setPen(palette.placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No missed searches"))
            painter.end()
            return
        label_width = min(self.width() // 3, 180)
        most = max(count for _, count in self.bars) or 1
        row_height = 22
        metrics = painter.fontMetrics()
        for position, (query, count) in enumerate(self.bars):
            top = 6 + position * row_height
            painter.setPen(palette.text().color())
            label = metrics.elidedText(query, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(0, top, label_width - 8, row_height - 4),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), label)
            room = max(10, self.width() - label_width - 40)
            width = max(2.0, room * count / most)
            painter.fillRect(QRectF(label_width, top + 3, width, row_height - 10), QColor("#e07b39"))
            painter.drawText(QRectF(label_width + width + 4, top, 36, row_height - 4),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), str(count))
        painter.end()


class MissesPanel(QWidget):
    create_requested = Signal(str)  # a missed query
    open_requested = Signal(str)  # an entry id
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: UsageReport | None = None
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.missed = QTableWidget(0, 3, self)
        self.missed.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.missed.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.missed.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.missed.verticalHeader().hide()
        self.missed.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.missed.itemSelectionChanged.connect(self._chosen)
        self.create_button = QPushButton(self)
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self._create)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.chart = MissChart(self)
        self.opened_heading = QLabel(self)
        self.opened_heading.setObjectName("stepTitle")
        self.opened = QListWidget(self)
        self.opened.itemActivated.connect(lambda item: self.open_requested.emit(item.data(ID_ROLE)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(self.missed, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.opened_heading)
        layout.addWidget(self.opened, 1)
        self.retranslate()

    def set_report(self, report: UsageReport) -> None:
        self.report = report
        # The report comes most frequent first, the newest first among equals.
        self.missed.setRowCount(len(report.missed))
        for row, miss in enumerate(report.missed):
            query = QTableWidgetItem(miss.query)
            query.setData(ID_ROLE, miss.query)
            count = QTableWidgetItem(str(miss.count))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            last = QTableWidgetItem(miss.last.astimezone().strftime("%m-%d %H:%M") if miss.last else "")
            self.missed.setItem(row, 0, query)
            self.missed.setItem(row, 1, count)
            self.missed.setItem(row, 2, last)
        self.chart.set_bars([(miss.query, miss.count) for miss in report.missed])
        self.opened.clear()
        for doc in report.opened:
            text = self.tr("%1 — opened %2 times").replace("%1", doc.title or doc.doc_id).replace(
                "%2", str(doc.count))
            item = QListWidgetItem(text, self.opened)
            item.setData(ID_ROLE, doc.doc_id if doc.kind == "faq" else "")
        self.retranslate()
        self._chosen()

    def _query(self, row: int) -> str:
        item = self.missed.item(row, 0)
        return item.text() if item is not None else ""

    def queries(self) -> list[str]:
        return [self._query(row) for row in range(self.missed.rowCount())]

    def select_query(self, query: str) -> bool:
        for row in range(self.missed.rowCount()):
            if self._query(row) == query:
                self.missed.selectRow(row)
                return True
        return False

    def _selected_query(self) -> str:
        rows = self.missed.selectionModel().selectedRows()
        return self._query(rows[0].row()) if rows else ""

    def _chosen(self) -> None:
        self.create_button.setEnabled(bool(self._selected_query()))

    def _create(self) -> None:
        query = self._selected_query()
        if query:
            self.create_requested.emit(query)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.missed.setHorizontalHeaderLabels([self.tr("Searched for, found nothing opened"),
                                               self.tr("Times"), self.tr("Last")])
        self.create_button.setText(self.tr("Create an entry from this"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.opened_heading.setText(self.tr("Most opened entries"))
        if self.report is None:
            self.summary.setText(self.tr("Loading the last 30 days…"))
        else:
            self.summary.setText(self.tr("Last %1 days: %2 searches found nothing the agent opened.")
                                 .replace("%1", str(self.report.days))
                                 .replace("%2", str(self.report.totals.missed)))
