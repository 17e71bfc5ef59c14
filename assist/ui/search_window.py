"""The first sidebar: a search box, results as the agent types, and the selected answer.

Every search and store read runs in the background; a newer keystroke makes older results stale,
and stale results are dropped instead of shown.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assist.context import AppContext
from assist.ui.ops import BackgroundOps
from assist.ui.results_model import ResultsModel
from knowledge.entries import FaqEntryData
from knowledge.search.engine import SearchHit
from scripts_lib.model import Script
from scripts_lib.outline import outline
from scripts_lib.storage import load_stored_script

RESULT_LIMIT = 20


class SearchWindow(QWidget):
    results_shown = Signal(int)
    entry_shown = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._ops = BackgroundOps(self)
        self._query_serial = 0
        self.setWindowTitle(self.tr("Agent Assist"))
        self.resize(420, 760)

        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(
            self.tr("Search answers: Chinese, pinyin, initials or English"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.results = ResultsModel(self)
        self.result_list = QListView(self)
        self.result_list.setModel(self.results)
        self.result_list.setWordWrap(True)
        self.result_list.setUniformItemSizes(False)
        self.result_list.setAlternatingRowColors(True)
        self.detail = QTextBrowser(self)
        self.detail.setOpenExternalLinks(False)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.result_list)
        splitter.addWidget(self.detail)
        splitter.setSizes([330, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)

        # Coalesce a burst of keystrokes (and an input method's preedit churn) into one query.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(30)
        self._debounce.timeout.connect(self._run_query)
        self.search_box.textChanged.connect(lambda _text: self._debounce.start())
        self.search_box.returnPressed.connect(self._open_current)
        self.result_list.selectionModel().currentChanged.connect(self._current_changed)
        self.result_list.activated.connect(lambda index: self._show_entry(index.row()))
        self.status.setText(self.tr("%n entries ready", "", len(context.search.engine.index)))

    # -- searching --------------------------------------------------------------------------------

    def _run_query(self) -> None:
        self._query_serial += 1
        serial = self._query_serial
        query = self.search_box.text()
        if not query.strip():
            self.results.set_hits([])
            self.detail.clear()
            self.results_shown.emit(0)
            return

        def work() -> list[SearchHit]:
            return self._context.search.search(
                query, limit=RESULT_LIMIT, cancelled=lambda: serial != self._query_serial)

        self._ops.run(work, lambda hits: self._show_hits(serial, hits), self._show_error)

    def _show_hits(self, serial: int, hits: list[SearchHit]) -> None:
        if serial != self._query_serial:
            return  # an older keystroke's answer arrived late
        self.results.set_hits(hits)
        if hits:
            self.status.setText(self.tr("%n results", "", len(hits)))
            self.result_list.setCurrentIndex(self.results.index(0))
        else:
            self.status.setText(self.tr("Nothing found. Try fewer characters or other words."))
            self.detail.clear()
        self.results_shown.emit(len(hits))

    def _show_error(self, error: Exception) -> None:
        self.status.setText(self.tr("Search failed: %1").replace("%1", str(error)))

    # -- the selected answer ----------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._show_entry(current.row())

    def _open_current(self) -> None:
        index = self.result_list.currentIndex()
        if index.isValid():
            self._show_entry(index.row())
            self.detail.setFocus()

    def _show_entry(self, row: int) -> None:
        hit = self.results.hit(row)
        if hit is None:
            return
        doc_id = hit.doc_id
        if hit.kind == "script":
            self._ops.run(lambda: load_stored_script(self._context.store, doc_id),
                          lambda found: self._render_script(doc_id, found), self._show_error)
            return
        self._ops.run(lambda: self._context.store.get(doc_id),
                      lambda entry: self._render_entry(doc_id, entry), self._show_error)

    def _is_current(self, doc_id: str) -> bool:
        current = self.results.hit(self.result_list.currentIndex().row())
        return current is not None and current.doc_id == doc_id

    def _render_script(self, doc_id: str, found: tuple[Script, str] | None) -> None:
        # An outline of the whole script; walking it step by step is the script runner's job.
        if found is None or not self._is_current(doc_id):
            return
        script, lang = found
        parts = [f"<h3>{html.escape(script.title.get(lang))}</h3>"]
        for number, view in enumerate(outline(script, lang), 1):
            parts.append(f"<p><b>{number}. {html.escape(view.title)}</b></p>")
            parts += [f"<p>“{html.escape(line.text)}”</p>" for line in view.say]
            parts += [f"<p>☐ {html.escape(item.text)}</p>" for item in view.do]
        self.detail.setHtml("".join(parts))
        self.entry_shown.emit(doc_id)

    def _render_entry(self, doc_id: str, entry: FaqEntryData | None) -> None:
        if entry is None or not self._is_current(doc_id):
            return
        parts = [f"<h3>{html.escape(entry.title)}</h3>",
                 f"<p><b>{html.escape(self.tr('Standard answer'))}</b></p>",
                 f"<p>{html.escape(entry.body)}</p>"]
        if entry.scenario_answer:
            parts += [f"<p><b>{html.escape(self.tr('Scenario answer'))}</b></p>",
                      f"<p>{html.escape(entry.scenario_answer)}</p>"]
        self.detail.setHtml("".join(parts))
        self.entry_shown.emit(doc_id)

    # -- keyboard ---------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.rowCount():
                row = self.result_list.currentIndex().row()
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.results.rowCount() - 1, row + step))
                self.result_list.setCurrentIndex(self.results.index(row))
                return True
            if key == Qt.Key.Key_Escape:
                self.search_box.clear()
                return True
        return super().eventFilter(watched, event)
