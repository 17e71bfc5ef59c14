"""The sidebar: a search box, results as the agent types, the open answer or script, the caller's card.

Every search and store read runs in the background (BackgroundOps); the window only draws. The store
arrives after the window is up (`attach`), so the search box takes typing from the first moment.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QPaintEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assist.customers.card import CallerCard
from assist.ui.caller_area import CallerArea
from assist.ui.faq_view import FaqView
from assist.ui.i18n import shown_lang
from assist.ui.ops import BackgroundOps
from assist.ui.problem_banner import ProblemBanner
from assist.ui.result_delegate import ResultDelegate
from assist.ui.results_model import ResultsModel
from assist.ui.script_view import ScriptView
from assist.ui.search_controller import SearchController
from assist.ui.slot_form import merged_values
from assist.ui.wrap_up import WrapUpPanel
from knowledge.languages import to_traditional
from knowledge.search.engine import SearchHit
from knowledge.usage_session import SearchSession
from scripts_lib.model import Script, script_doc_id, script_id_of

if TYPE_CHECKING:
    # The database layer is imported once the store opens, off the path to a usable search box.
    from assist.context import AppContext
    from knowledge.entries import FaqEntryData
    from knowledge.search.saved import SavedSearch
    from knowledge.usage import UsageLog

RESULT_LIMIT = 20
PREVIEW_DELAY_MS = 250  # a pause in typing, not the gap between two keys


def shown_hit(hit: SearchHit, ui_language: str) -> SearchHit:
    """A hit as the agent reads it (see shown_lang); marks kept where the text kept its length."""
    if shown_lang(hit.lang, ui_language) == hit.lang:
        return hit
    title, snippet = to_traditional(hit.title), to_traditional(hit.snippet)
    return replace(hit, title=title, snippet=snippet,
                   title_highlights=hit.title_highlights if len(title) == len(hit.title) else (),
                   snippet_highlights=(hit.snippet_highlights if len(snippet) == len(hit.snippet)
                                       else ()))
_EMPTY_PAGE, _FAQ_PAGE, _SCRIPT_PAGE = range(3)


def _kind_of(doc_id: str) -> str:
    return "faq" if script_id_of(doc_id) is None else "script"


class ResultsView(QListView):
    painted = Signal()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class Sidebar(QWidget):
    results_shown = Signal(int)
    results_painted = Signal(str)  # the query whose results were just drawn
    entry_shown = Signal(str)
    copied = Signal(str)  # the text put on the clipboard
    settings_requested = Signal()

    def __init__(self, ui_language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._context: AppContext | None = None
        self._usage: UsageLog | None = None
        self._session = SearchSession()
        self._ui_language = ui_language
        self._card: CallerCard | None = None
        self._agent: dict[str, str] = {}
        self._typed: dict[str, str] = {}
        self._shown_query = ""
        self._paint_pending: str | None = None
        # A row the agent asked to open (Enter, Ctrl+n) before the results for the typed text came.
        self._pending_open: int | None = None
        # Each fetch of an answer gets a number: only the latest one is shown.
        self._fetch_serial = 0
        self._pending_fetch: tuple[SearchHit, bool] | None = None
        self._early_count: int | None = None
        self._unavailable = ""
        self._usage_warned = False
        # Set while the shell re-creates the window (docking): that hide does not end a search.
        self.keep_session_on_hide = False
        self._ops = BackgroundOps(self)
        self.search = SearchController(self._ops, self)
        # A new result list previews its first hit once typing pauses, not on every keystroke:
        # reading and laying out an answer the next keystroke replaces only delays the results.
        self._preview_pending = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._preview_current)

        self.banner = ProblemBanner(self)
        self.caller = CallerArea(self)
        self.wrap_up = WrapUpPanel(self)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.installEventFilter(self)
        self.settings_button = QToolButton(self)
        self.settings_button.setText("⚙")
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.settings_button.clicked.connect(self.settings_requested)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.results = ResultsModel(self)
        self.result_list = ResultsView(self)
        self.result_list.setObjectName("results")
        self.result_list.setModel(self.results)
        self.result_delegate = ResultDelegate(self.result_list)
        self.result_list.setItemDelegate(self.result_delegate)
        self.result_list.setUniformItemSizes(True)  # see ResultDelegate: rows never measure text
        self.result_list.setWordWrap(True)
        self.result_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.result_list.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.empty_page = QLabel(self)
        self.empty_page.setObjectName("hint")
        self.empty_page.setWordWrap(True)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.faq_view = FaqView(self)
        self.script_view = ScriptView(self)
        self.detail = QStackedWidget(self)
        for page in (self.empty_page, self.faq_view, self.script_view):
            self.detail.addWidget(page)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.result_list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_box, 1)
        search_row.addWidget(self.settings_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.banner)
        layout.addWidget(self.caller)
        layout.addWidget(self.wrap_up)
        layout.addLayout(search_row)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)
        self._layout = layout

        self.search_box.textChanged.connect(self._text_changed)
        self.search.results_ready.connect(self._show_hits)
        self.search.failed.connect(self._search_failed)
        self.result_list.selectionModel().currentChanged.connect(self._current_changed)
        self.result_list.activated.connect(lambda index: self.open_result(index.row()))
        self.result_list.painted.connect(self._after_paint)
        for view in (self.faq_view, self.script_view):
            view.copied.connect(self._copied)
            view.slot_filled.connect(self._slot_filled)
            view.leave.connect(self.focus_search)
        self.caller.open_requested.connect(lambda doc_id: self.open_document(doc_id, exact_language=True))
        self._shortcuts()
        self.retranslate()

    def add_footer(self, widget: QWidget) -> None:
        """A line under the results (the team server's sync state)."""
        self._layout.addWidget(widget)

    # -- wiring -------------------------------------------------------------------------------------

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for number in range(1, 10):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self, context=context)
            shortcut.activated.connect(self._opener(number - 1))
        for sequence in ("Ctrl+F", "Ctrl+L"):
            QShortcut(QKeySequence(sequence), self, context=context).activated.connect(self.focus_search)
        QShortcut(QKeySequence("Ctrl+,"), self, context=context).activated.connect(
            self.settings_requested)

    def _opener(self, row: int) -> Callable[[], None]:
        return lambda: self.open_when_current(row)

    def open_when_current(self, row: int) -> None:
        """Open result `row` of what is typed now: at once if those results are shown, else as
        soon as they are (never a row of the previous query's list)."""
        if self._results_current():
            self.open_result(row)
        else:
            self._pending_open = row

    def _results_current(self) -> bool:
        """Whether the list shows the results of exactly what is typed now."""
        return not self.search.busy and self._shown_query == self.search_box.text()

    def attach_early(self, saved: SavedSearch) -> None:
        """The saved index is open, the store not yet: searching starts, opening waits."""
        self._early_count = len(saved.engine.index)

        def searcher(text: str, cancelled: Callable[[], bool]) -> list[SearchHit]:
            return saved.search(text, limit=RESULT_LIMIT, cancelled=cancelled)

        self.search.set_searcher(searcher)
        self._show_ready_status()

    def attach(self, context: AppContext, usage: UsageLog | None = None) -> None:
        """The store and index are open: searching starts, with whatever was typed meanwhile."""
        self._context = context
        self._usage = usage
        search = context.search

        def searcher(text: str, cancelled: Callable[[], bool]) -> list[SearchHit]:
            return search.search(text, limit=RESULT_LIMIT, cancelled=cancelled)

        self.search.set_searcher(searcher)
        self._show_ready_status()
        if self._pending_fetch is not None:
            hit, focus = self._pending_fetch
            self._pending_fetch = None
            self._fetch(hit, focus)
        if search.synonym_problem:
            self.banner.add(self.tr("The synonym table was not used: %1").replace(
                "%1", search.synonym_problem))

    @property
    def context(self) -> AppContext | None:
        return self._context


    def set_ui_language(self, language: str) -> None:
        self._ui_language = language
        self._refresh_detail()
        if self.search_box.text().strip():
            self.search.request(self.search_box.text())  # results are shown in the new script

    def set_unavailable(self, message: str) -> None:
        """No store and no built-in content: say so where the result count would be."""
        self._unavailable = message
        self.status.setText(message)

    def set_caller(self, card: CallerCard | None, suggestions: Sequence[tuple[str, str]] = (),
                   withheld: bool = False) -> None:
        """A new call (or the end of one): typed gap values belonged to the previous caller."""
        if card != self._card:
            self.script_view.reset()  # the previous caller's place in a script is not this one's
        self._card = card
        self._typed = {}
        self.caller.show_card(card, suggestions, withheld=withheld)
        self._refresh_detail()

    def set_agent(self, name: str) -> None:
        """The agent's work name, for {agent.name} in lines."""
        self._agent = {"agent.name": name} if name.strip() else {}
        self._refresh_detail()

    @property
    def ui_language(self) -> str:
        return self._ui_language

    def values(self) -> dict[str, str]:
        """What lines are filled with: the caller's card, then what the agent typed into gaps."""
        return merged_values(self._card_values(), self._typed)

    def _card_values(self) -> dict[str, str]:
        values = dict(self._agent)
        if self._card is not None:
            values.update(self._card.placeholder_values())
        return values

    # -- searching ----------------------------------------------------------------------------------

    def _text_changed(self, text: str) -> None:
        self.search.request(text)

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        hits = [shown_hit(hit, self._ui_language) for hit in hits]
        self.result_delegate.clear_cache()
        self.results.set_hits(hits)
        self._shown_query = query
        # With nothing typed the list is empty: the answer or script gets the whole height.
        self.result_list.setVisible(bool(query.strip()))
        self._paint_pending = query
        if not query.strip():
            self._show_ready_status()
            self._end_session()
            self.detail.setCurrentIndex(_EMPTY_PAGE)
        elif hits:
            self.status.setText(self.tr("%n results", "", len(hits)))
            self._preview_pending = True
            self.result_list.setCurrentIndex(self.results.index(0))
        else:
            self.status.setText(self.tr("Nothing found. Try fewer characters or other words."))
            self.detail.setCurrentIndex(_EMPTY_PAGE)
        if query.strip():
            self._track(self._session.searched(query, len(hits)))
        if self._pending_open is not None and query == self.search_box.text():
            row, self._pending_open = self._pending_open, None
            if hits:
                self.open_result(min(row, len(hits) - 1))
        self.results_shown.emit(len(hits))
        if not self.result_list.isVisible():
            self._paint_pending = None
            self.results_painted.emit(query)

    def _after_paint(self) -> None:
        if self._paint_pending is not None:
            query, self._paint_pending = self._paint_pending, None
            self.results_painted.emit(query)

    def _search_failed(self, _query: str, message: str) -> None:
        self.status.setText(self.tr("Search failed: %1").replace("%1", message))

    def _show_ready_status(self) -> None:
        if self._unavailable:
            self.status.setText(self._unavailable)
        elif self._context is None and self._early_count is not None:
            self.status.setText(self.tr("%n entries and scripts ready", "", self._early_count))
        elif self._context is None:
            self.status.setText(self.tr("Opening the knowledge base…"))
        else:
            self.status.setText(self.tr("%n entries and scripts ready", "",
                                        len(self._context.search.engine.index)))

    # -- opening ------------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._preview_pending:
            self._preview_pending = False
            self._preview_timer.start()
        elif current.isValid():
            self._preview_timer.stop()
            self._load(current.row(), focus=False)

    def _preview_current(self) -> None:
        row = self.result_list.currentIndex().row()
        if row >= 0:
            self._load(row, focus=False)

    def open_result(self, row: int) -> None:
        """Enter, Ctrl+1..9 or a click: show the result and put the keyboard in it."""
        hit = self.results.hit(row)
        if hit is None:
            return
        self._preview_timer.stop()
        if self.result_list.currentIndex().row() != row:
            self.result_list.setCurrentIndex(self.results.index(row))
        self._session.opened()
        self._log(lambda usage: usage.opened(hit.kind, hit.doc_id, self._shown_query))
        self._load(row, focus=True)

    def open_document(self, doc_id: str, exact_language: bool = False) -> None:
        """Open a document that is not among the results (a suggested script). `exact_language`: in the
        language the id names (the caller's, for the card's suggestions), not the UI's."""
        if self._context is None:
            return
        named = script_id_of(doc_id)
        if named is not None and named[1] == "zh-Hans" and self._ui_language == "en" and not exact_language:
            # Nothing was typed to say which language the agent wants: the UI's, then.
            named = (named[0], "en")
            doc_id = script_doc_id(*named)
        kind = _kind_of(doc_id)
        # An FAQ entry's language comes from the entry itself once it is read.
        lang = named[1] if named is not None else "zh-Hans"
        hit = SearchHit(doc_id=doc_id, kind=kind, lang=lang, title="", score=0.0, snippet="")
        self._session.opened()
        self._log(lambda usage: usage.opened(kind, doc_id, ""))
        self._fetch(hit, focus=True)

    def _load(self, row: int, focus: bool) -> None:
        hit = self.results.hit(row)
        if hit is None:
            return
        if self._context is None:
            self._pending_fetch = (hit, focus)  # searched the saved index; the store is coming
            return
        self._fetch(hit, focus)

    def _fetch(self, hit: SearchHit, focus: bool) -> None:
        context = self._context
        assert context is not None
        doc_id = hit.doc_id
        self._fetch_serial += 1
        serial = self._fetch_serial
        if hit.kind == "script":
            from scripts_lib.storage import load_stored_script

            self._ops.run(lambda: load_stored_script(context.store, doc_id),
                          lambda found: self._show_script(hit, found, focus, serial),
                          self._load_failed)
        else:
            self._ops.run(lambda: context.store.get(doc_id),
                          lambda entry: self._show_entry(hit, entry, focus, serial),
                          self._load_failed)

    def _still_wanted(self, serial: int) -> bool:
        # Two reads may finish out of order on the pool; only the latest request is shown.
        return serial == self._fetch_serial

    def _show_entry(self, hit: SearchHit, entry: FaqEntryData | None, focus: bool,
                    serial: int) -> None:
        if not self._still_wanted(serial):
            return
        if entry is None:
            self.status.setText(self.tr("That entry is no longer in the knowledge base."))
            return
        self.faq_view.show_entry(entry, self._card_values(), self._typed, self._ui_language)
        self.detail.setCurrentIndex(_FAQ_PAGE)
        if focus:
            self._focus_detail(self.faq_view.focus_lines)
        self.entry_shown.emit(hit.doc_id)

    def _show_script(self, hit: SearchHit, found: tuple[Script, str] | None, focus: bool,
                     serial: int) -> None:
        if not self._still_wanted(serial):
            return
        if found is None:
            self.status.setText(self.tr("That script is no longer in the library."))
            return
        script, lang = found
        self.script_view.start(hit.doc_id, script, lang, self._card_values(), self._typed,
                               self._ui_language)
        self.detail.setCurrentIndex(_SCRIPT_PAGE)
        if focus:
            self._focus_detail(self.script_view.focus_lines)
        self.entry_shown.emit(hit.doc_id)

    def _load_failed(self, error: Exception) -> None:
        self.status.setText(self.tr("Could not open it: %1").replace("%1", str(error)))

    def _focus_detail(self, focus: Callable[[], None]) -> None:
        # An opened answer gets the room; the result list shrinks to a few rows.
        total = sum(self.splitter.sizes())
        results = max(120, total * 3 // 10)
        self.splitter.setSizes([results, total - results])
        focus()

    def focus_search(self) -> None:
        total = sum(self.splitter.sizes())
        self.splitter.setSizes([total * 2 // 5, total - total * 2 // 5])
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _refresh_detail(self) -> None:
        page = self.detail.currentIndex()
        if page == _FAQ_PAGE and self.faq_view.entry is not None:
            self.faq_view.show_entry(self.faq_view.entry, self._card_values(), self._typed,
                                     self._ui_language)
        elif page == _SCRIPT_PAGE and self.script_view.runner is not None:
            self.script_view.refresh(self._card_values(), self._typed, self._ui_language)

    # -- copying, gaps and the usage log ------------------------------------------------------------

    def _copied(self, doc_id: str, part: str, text: str) -> None:
        kind = _kind_of(doc_id)
        self._session.opened()
        self._log(lambda usage: usage.copied(kind, doc_id, part))
        self.status.setText(self.tr("Copied: %1").replace("%1", text if len(text) <= 40
                                                          else text[:39] + "…"))
        self.copied.emit(text)

    def _slot_filled(self, name: str, value: str) -> None:
        self._typed[name] = value
        # One call, one set of gaps: a name typed in an answer also fills the open script.
        if self.sender() is self.faq_view and self.script_view.runner is not None:
            self.script_view.refresh(self._card_values(), self._typed, self._ui_language)

    def _end_session(self) -> None:
        self._track(self._session.ended())

    def _track(self, missed: str | None) -> None:
        if missed:
            self._log(lambda usage: usage.missed(missed))

    def _log(self, write: Callable[[UsageLog], None]) -> None:
        usage = self._usage
        if usage is None:
            return
        self._ops.run(lambda: write(usage), lambda _result: None, self._usage_failed)

    def _usage_failed(self, error: Exception) -> None:
        # Said once, and logging goes on: a locked or full disk may well clear up again.
        if not self._usage_warned:
            self._usage_warned = True
            self.banner.add(self.tr("Usage is not being recorded: %1").replace("%1", str(error)))

    def wait_for_background_work(self) -> None:
        self._ops.wait(-1)

    def hideEvent(self, event: Any) -> None:
        if not self.keep_session_on_hide:
            self._end_session()
        super().hideEvent(event)

    # -- keyboard -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) \
                    and self.results.rowCount():
                row = self.result_list.currentIndex().row()
                step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5,
                        Qt.Key.Key_PageUp: -5}[Qt.Key(key)]
                row = max(0, min(self.results.rowCount() - 1, row + step))
                self.result_list.setCurrentIndex(self.results.index(row))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # The row picked with Up/Down, or the top one once the typed text's results come.
                self.open_when_current(max(0, self.result_list.currentIndex().row())
                                       if self._results_current() else 0)
                return True
            if key == Qt.Key.Key_Escape:
                if self.search_box.text():
                    self.search_box.clear()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Agent Assist"))
        self.search_box.setPlaceholderText(self.tr("Search answers and scripts"))
        self.search_box.setToolTip(
            self.tr("Search answers and scripts: Chinese, pinyin, initials or English"))
        self.settings_button.setToolTip(self.tr("Settings (Ctrl+,)"))
        self.empty_page.setText(self.tr(
            "Type a few characters: 退款, tuikuan, tk or refund.\n"
            "Up/Down pick a result, Enter opens it, Ctrl+1..9 open one directly, Esc clears."))
        if self.results.rowCount() and self._shown_query.strip():
            self.status.setText(self.tr("%n results", "", self.results.rowCount()))
        elif not self._shown_query.strip():
            self._show_ready_status()
