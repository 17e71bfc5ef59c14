"""The knowledge editor window: the entry list on the left; the form, the history and what agents
could not find on the right. Every read and write of the store runs through BackgroundOps (one
thread, so a save queued before a load or a submit always lands first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QLocale, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assist.context import AppContext
from assist.ui.editor.conflict import ConflictDialog
from assist.ui.editor.entry_model import EntryListModel
from assist.ui.editor.form import AnswerPreview, EntryForm, FindingsPanel, field_names
from assist.ui.editor.history import HistoryPanel
from assist.ui.editor.lint_edit import ERROR_COLOR
from assist.ui.editor.misses import MissesPanel
from assist.ui.editor.rows import EntryRow, RowFilter, load_rows
from assist.ui.editor.rules import RulesTab
from assist.ui.ops import BackgroundOps
from knowledge.editing import Draft, EditConflict, EditError, Editing, LintBlocked, Revision, entry_fields
from knowledge.entries import FaqEntryData, make_id
from knowledge.languages import LANGS
from knowledge.lint.check import Finding, lint_text
from knowledge.usage import UsageLog, UsageReport

ROLES = ("editor", "reviewer")
AUTOSAVE_IDLE_MS = 3000
LINT_DEBOUNCE_MS = 300
REPORT_DAYS = 30


def _message(error: Exception) -> str:
    """EditError says "field: problem"; at the field, the problem alone reads better."""
    text = str(error)
    return text.split(": ", 1)[1] if isinstance(error, EditError) and ": " in text else text


def _create_draft(editing: Editing, editor: str, title: str, aliases: list[str]) -> Draft:
    """A new draft whose id comes from its title; a taken id gets a number (two misses may share a
    title once masked, and an editor may start two entries with one question)."""
    base = make_id(title or "entry")
    for attempt in range(1, 100):
        try:
            return editing.new(editor, {"title": title, "aliases": aliases},
                               base if attempt == 1 else f"{base}-{attempt}")
        except EditError as error:
            if error.field != "id":
                raise
    raise EditError("id", f"no free id for {title!r}")


class EditorWindow(QMainWindow):
    # For views and tests: each announces what just happened (style.md, habit 4).
    list_loaded = Signal()
    entry_loaded = Signal(str)
    saved = Signal(object)  # Draft
    linted = Signal(object)  # list[Finding]
    submitted = Signal(object)  # Draft
    submit_refused = Signal(object)  # the LintBlocked or EditError
    review_rejected = Signal(object)  # Draft
    published = Signal(object)  # Revision
    conflict_shown = Signal(object)  # ConflictDialog
    rebased = Signal(object)  # Draft
    discarded = Signal(str)
    report_loaded = Signal(object)  # UsageReport
    draft_created = Signal(object)  # Draft
    entry_changed = Signal(str)  # an entry id, after any write
    failed = Signal(str)

    def __init__(self, context: AppContext, user: str, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        self.context = context
        self.user = user
        self.role = role
        # Following a team, edits go to the server (the shell opened it before showing this window).
        self.editing = Editing(context.editing_store())
        self.ops = BackgroundOps(self, threads=1)
        self._entry_id = ""
        self._draft: Draft | None = None
        self._published: FaqEntryData | None = None
        self._editable = False
        self._dirty = False
        self._lint_seq = 0
        self._rows: list[EntryRow] = []
        self._selecting = False
        self._opened_first = False
        self.conflict_dialog: ConflictDialog | None = None

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(AUTOSAVE_IDLE_MS)
        self.save_timer.timeout.connect(self.save_now)
        self._shown_findings: list[Finding] = []  # the last lint of the open entry, and which entry
        self._findings_for = ""
        self.lint_timer = QTimer(self)
        self.lint_timer.setSingleShot(True)
        self.lint_timer.setInterval(LINT_DEBOUNCE_MS)
        self.lint_timer.timeout.connect(self._lint)

        self._build_list()
        self._build_edit_tab()
        self.history = HistoryPanel(self)
        self.history.can_roll_back = role == "reviewer"  # a rollback publishes without a review
        self.history.rollback_requested.connect(self.roll_back)
        self.misses = MissesPanel(self)
        self.misses.create_requested.connect(self.create_from_miss)
        self.misses.open_requested.connect(self._open_opened)
        self.misses.refresh_requested.connect(self.load_report)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.edit_tab, "")
        self.tabs.addTab(self.history, "")
        self.tabs.addTab(self.misses, "")
        # The rule set is the editors' too; everyone lints with the version in force.
        self.rules = RulesTab(self.editing.rule_sets, user, self)
        self.rules.saved.connect(lambda _version: self.lint_timer.start())
        self.tabs.addTab(self.rules, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self._rules_loaded = False
        self._report_asked = False

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_panel)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 900])
        self.setCentralWidget(splitter)
        self.status_line = QLabel(self)
        self.status_line.setObjectName("status")
        self.save_status = QLabel(self)
        self.statusBar().addWidget(self.status_line, 1)
        self.statusBar().addPermanentWidget(self.save_status)
        self.resize(1280, 800)
        self.retranslate()
        self._update_buttons()
        self.load_list()

    # -- building ---------------------------------------------------------------------------------

    def _build_list(self) -> None:
        self.list_panel = QWidget(self)
        self.filter_text = QLineEdit(self.list_panel)
        self.filter_text.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self.list_panel)
        self.category_filter = QComboBox(self.list_panel)
        self.tag_filter = QComboBox(self.list_panel)
        self.lang_filter = QComboBox(self.list_panel)
        self.stale_filter = QCheckBox(self.list_panel)
        self.new_button = QPushButton(self.list_panel)
        self.new_button.clicked.connect(lambda: self.create_entry(self.tr("New question"), []))
        self.model = EntryListModel(self)
        self.table = QTableView(self.list_panel)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        for combo in (self.status_filter, self.category_filter, self.tag_filter, self.lang_filter):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.tag_filter.setEditable(False)
        self.filter_text.textChanged.connect(self.apply_filter)
        self.stale_filter.toggled.connect(self.apply_filter)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.lang_filter)
        filters.addWidget(self.stale_filter)
        more = QHBoxLayout()
        more.addWidget(self.category_filter, 1)
        more.addWidget(self.tag_filter, 1)
        layout = QVBoxLayout(self.list_panel)
        layout.setContentsMargins(6, 6, 0, 6)
        top = QHBoxLayout()
        top.addWidget(self.filter_text, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addLayout(more)
        layout.addWidget(self.table, 1)

    def _build_edit_tab(self) -> None:
        self.edit_tab = QWidget(self)
        self.heading = QLabel(self.edit_tab)
        self.heading.setObjectName("detailTitle")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.state_note = QLabel(self.edit_tab)
        self.state_note.setObjectName("detailMeta")
        self.state_note.setWordWrap(True)
        self.state_note.setTextFormat(Qt.TextFormat.PlainText)
        self.form = EntryForm(self.edit_tab)
        self.form.edited.connect(self._edited)
        self.form.body.replaced.connect(self._replaced)
        self.form.scenario.replaced.connect(self._replaced)
        scroll = QScrollArea(self.edit_tab)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.preview = AnswerPreview(self.edit_tab)
        self.preview_label = QLabel(self.edit_tab)
        self.preview_label.setObjectName("stepTitle")
        preview_box = QWidget(self.edit_tab)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_label)
        preview_layout.addWidget(self.preview, 1)
        halves = QSplitter(Qt.Orientation.Horizontal, self.edit_tab)
        halves.addWidget(scroll)
        halves.addWidget(preview_box)
        halves.setStretchFactor(0, 3)
        halves.setStretchFactor(1, 2)
        self.findings = FindingsPanel(self.edit_tab)
        self.findings.replace_requested.connect(self.replace_finding)
        self.findings.show_requested.connect(self._show_finding)

        self.submit_button = QPushButton(self.edit_tab)
        self.submit_button.clicked.connect(self.submit)
        self.discard_button = QPushButton(self.edit_tab)
        self.discard_button.clicked.connect(self.discard)
        self.review_comment = QLineEdit(self.edit_tab)
        self.review_error = QLabel(self.edit_tab)
        self.review_error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.review_error.hide()
        self.approve_button = QPushButton(self.edit_tab)
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton(self.edit_tab)
        self.reject_button.clicked.connect(self.reject)
        self.review_comment.textEdited.connect(lambda _text: self.review_error.hide())
        for reviewer_only in (self.review_comment, self.approve_button, self.reject_button):
            reviewer_only.setVisible(self.role == "reviewer")
        buttons = QHBoxLayout()
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.review_comment, 2)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self.edit_tab)
        layout.addWidget(self.heading)
        layout.addWidget(self.state_note)
        layout.addWidget(halves, 1)
        layout.addWidget(self.findings)
        layout.addLayout(buttons)
        layout.addWidget(self.review_error, 0, Qt.AlignmentFlag.AlignRight)

    # -- the list ---------------------------------------------------------------------------------

    def load_list(self) -> None:
        editing = self.editing
        self.ops.run(lambda: load_rows(editing), self._list_loaded,
                     self._failure(self.tr("Could not load the entries: %1")))

    def _list_loaded(self, rows: list[EntryRow]) -> None:
        self._rows = rows
        self._fill_choices(self.category_filter, sorted({row.category for row in rows if row.category}))
        self._fill_choices(self.tag_filter, sorted({tag for row in rows for tag in row.tags}))
        self.apply_filter()
        self.list_loaded.emit()
        if not self._opened_first:
            # Back after a crash or a restart: the editor's latest draft is where they left off.
            self._opened_first = True
            mine = [row for row in rows if row.editor == self.user]
            if mine and not self._entry_id:
                self.open_entry(mine[0].entry_id)

    @staticmethod
    def _fill_choices(combo: QComboBox, values: list[str]) -> None:
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for value in values:
            combo.addItem(value, value)
        position = combo.findData(chosen) if chosen else 0
        combo.setCurrentIndex(max(position, 0))
        combo.blockSignals(False)

    def row_filter(self) -> RowFilter:
        return RowFilter(status=self.status_filter.currentData() or "",
                         category=self.category_filter.currentData() or "",
                         tag=self.tag_filter.currentData() or "", lang=self.lang_filter.currentData() or "",
                         stale_only=self.stale_filter.isChecked(), text=self.filter_text.text())

    def apply_filter(self) -> None:
        accepted = self.row_filter()
        self.model.set_rows([row for row in self._rows if accepted.accepts(row)])
        self._select_current_row()

    def _select_current_row(self) -> None:
        owner = self._draft.editor if self._draft is not None else ""
        position = self.model.row_of((self._entry_id, owner))
        if position < 0:
            position = self.model.row_of((self._entry_id, ""))
        self._selecting = True
        try:
            if position >= 0:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(position, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            else:
                self.table.clearSelection()
        finally:
            self._selecting = False

    def _row_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        if row is None or self._selecting:
            return
        if row.key != (self._entry_id, self._draft.editor if self._draft else ""):
            self.open_entry(row.entry_id, row.editor)

    # -- opening an entry -------------------------------------------------------------------------

    def open_entry(self, entry_id: str, owner: str = "") -> None:
        """Show an entry: `owner`'s draft of it, or (by default) this user's draft, or the published
        entry (typing into it starts a draft). Pending edits of the entry left are saved first."""
        self.save_now()
        editing, wanted = self.editing, owner or self.user

        def work() -> tuple[FaqEntryData | None, Draft | None, list[Revision]]:
            draft = editing.draft(entry_id, wanted)
            return editing.store.get(entry_id), draft, editing.history(entry_id)

        self.ops.run(work, lambda result: self._entry_opened(entry_id, *result),
                     self._failure(self.tr("Could not open the entry: %1")))

    def _entry_opened(self, entry_id: str, entry: FaqEntryData | None, draft: Draft | None,
                      revisions: list[Revision]) -> None:
        if entry is None and draft is None:
            self.status_line.setText(
                self.tr("%1 is no longer in the knowledge base.").replace("%1", entry_id))
            return
        if self._dirty and self._entry_id and entry_id != self._entry_id:
            # The save of what was typed here failed (a field the message names): opening another
            # entry would throw that text away, so this one stays until it is fixed or discarded.
            self.status_line.setText(self.tr("Your changes to %1 are not saved yet; fix what is marked, "
                                             "or discard the draft, before opening another entry.")
                                     .replace("%1", self._entry_id))
            self._select_current_row()
            return
        self.save_timer.stop()
        self._dirty = False
        # The entry left's findings are not this one's.
        self._shown_findings = []
        self._findings_for = ""
        self._entry_id, self._draft, self._published = entry_id, draft, entry
        self._editable = draft is None or draft.editor == self.user
        data = draft.data if draft is not None else entry_fields(entry) if entry is not None else {}
        self.form.set_values(data, reset=True)
        self.form.set_read_only(not self._editable)
        self.form.clear_errors()
        self.form.set_findings([])
        self.findings.set_findings([])
        self.review_error.hide()
        self.preview.show_entry(data)
        self.history.set_revisions(revisions, data)
        self._describe()
        self._update_buttons()
        self._select_current_row()
        self._lint()
        self.entry_loaded.emit(entry_id)

    def _describe(self) -> None:
        draft, entry = self._draft, self._published
        title = (draft.data.get("title") if draft else entry.title if entry else "") or self._entry_id
        self.heading.setText(str(title))
        if draft is None:
            note = self.tr("%1 · published version %2 · typing starts your draft").replace(
                "%1", self._entry_id).replace("%2", str(entry.version if entry else 0))
        else:
            states = {"draft": self.tr("draft"), "review": self.tr("waiting for review"),
                      "rejected": self.tr("sent back")}
            note = self.tr("%1 · %2's %3 from version %4").replace("%1", self._entry_id).replace(
                "%2", draft.editor).replace("%3", states.get(draft.state, draft.state)).replace(
                "%4", str(draft.base_version))
            if draft.state == "rejected" and draft.review_comment:
                note += " · " + self.tr("%1 says: %2").replace("%1", draft.reviewer).replace(
                    "%2", draft.review_comment)
        self.state_note.setText(note)

    def _update_buttons(self) -> None:
        draft = self._draft
        mine = self._editable and bool(self._entry_id)
        self.submit_button.setEnabled(
            mine and (self._dirty or (draft is not None and draft.state != "review")))
        self.discard_button.setEnabled(draft is not None and draft.editor == self.user)
        in_review = self.role == "reviewer" and draft is not None and draft.state == "review"
        for widget in (self.approve_button, self.reject_button, self.review_comment):
            widget.setEnabled(in_review)

    # -- typing, autosave and lint ----------------------------------------------------------------

    def _edited(self) -> None:
        if not self._entry_id or not self._editable:
            return
        self._dirty = True
        # Every few seconds while typing goes on, not only after a pause: a crash loses at most that.
        if not self.save_timer.isActive():
            self.save_timer.start()
        # The preview and the history's "now" follow with the lint, after a pause: rebuilding them on
        # every key froze the window on a long answer.
        self.lint_timer.start()
        self.save_status.setText(self.tr("Editing…"))
        self._update_buttons()

    def save_now(self, after: Callable[[], None] | None = None) -> None:
        """Save the draft if anything changed (autosave, leaving the entry, closing), then `after`."""
        self.save_timer.stop()
        if not self._dirty or not self._entry_id or not self._editable:
            if after is not None:
                after()
            return
        editing, user = self.editing, self.user
        entry_id, data, started = self._entry_id, self.form.values(), self._draft is not None
        known_base = self._draft.base_version if self._draft is not None else None
        self._dirty = False

        def work() -> Draft:
            # The first change of a published entry starts the draft; later saves name the version
            # this window's copy starts from, so a copy older than a merge never replaces it.
            base = known_base if started else editing.start(entry_id, user).base_version
            return editing.save(entry_id, user, data, base_version=base)

        def done(draft: Draft) -> None:
            state_changed = self._draft is None or self._draft.state != draft.state
            if draft.entry_id == self._entry_id:
                self._draft = draft
                self._describe()
                self._update_buttons()
            saved_at = (draft.updated_at or dt.datetime.now(dt.UTC)).astimezone()
            self.save_status.setText(self.tr("Draft saved %1").replace("%1", saved_at.strftime("%H:%M")))
            self.saved.emit(draft)
            self.entry_changed.emit(entry_id)
            if not started or state_changed:
                self.load_list()
            if after is not None:
                after()

        def failed(error: Exception) -> None:
            if entry_id == self._entry_id:
                self._dirty = True
                self._update_buttons()
            if isinstance(error, EditError):
                self.form.show_error(error.field, _message(error))
            self.save_status.setText(self.tr("Not saved: %1").replace("%1", str(error)))
            self.failed.emit(str(error))

        self.ops.run(work, done, failed)

    def _lint(self) -> None:
        if not self._entry_id:
            return
        data = self.form.values()
        self.preview.show_entry(data)
        self.history.set_current(data)
        self._lint_seq += 1
        # Why and what instead, in the editor's language (the rules carry zh-Hans and en).
        reader = {"zh_CN": "zh-Hans", "zh_TW": "zh-Hant"}.get(QLocale().name(), "en")
        editing, seq, entry_id, data = self.editing, self._lint_seq, self._entry_id, self.form.values()

        def work() -> tuple[int, list[Finding], EditError | None]:
            try:
                return seq, editing.lint(entry_id, data, reader)[1], None
            except EditError as error:
                # A field that cannot be published yet (an empty title, say) must not hide the
                # phrases to avoid in the answer being typed.
                spoken = [finding for field in ("body", "scenario_answer")
                          for finding in lint_text(str(data.get(field) or ""), field,
                                                   editing.rules_in_force(), reader)]
                return seq, spoken, error

        self.ops.run(work, self._linted, self._failure(self.tr("Could not check the entry: %1")))

    def _linted(self, result: tuple[int, list[Finding], EditError | None]) -> None:
        seq, found, error = result
        if seq != self._lint_seq:
            return  # a newer check is on its way
        self._show_findings(found)
        self.form.clear_errors()
        if error is not None:
            self.form.show_error(error.field, _message(error))
        self.linted.emit(found)

    def _show_findings(self, found: list[Finding]) -> None:
        self._shown_findings = list(found)
        self._findings_for = self._entry_id
        self.form.set_findings(found)
        self.findings.set_findings(found)

    def replace_finding(self, finding: Finding) -> bool:
        field = self.form.text_field(finding.field)
        if field is None or not self._editable:
            return False
        if not field.apply_replacement(finding):
            self.status_line.setText(self.tr("The text changed meanwhile; checking it again."))
            self._lint()
            return False
        return True

    def _replaced(self, finding: Finding) -> None:
        self.status_line.setText(self.tr("Replaced “%1” with “%2”.").replace("%1", finding.phrase).replace(
            "%2", finding.replace or ""))

    def _show_finding(self, finding: Finding) -> None:
        field = self.form.text_field(finding.field)
        if field is not None:
            field.setFocus()
            cursor = field.textCursor()
            cursor.setPosition(finding.start)
            field.setTextCursor(cursor)

    # -- workflow ---------------------------------------------------------------------------------

    def submit(self) -> None:
        if not self._entry_id or not self._editable:
            return
        if self._draft is None and not self._dirty:
            self.status_line.setText(self.tr("Nothing to submit: change the entry first."))
            return
        editing, user, entry_id = self.editing, self.user, self._entry_id

        def refused(error: Exception) -> None:
            if isinstance(error, LintBlocked):
                self._show_findings(list(error.findings))
                self.status_line.setText(self.tr(
                    "Not submitted: %n phrases must change first (marked in red).", "", len(error.findings)))
            elif isinstance(error, EditError):
                self.form.show_error(error.field, _message(error))
                self.status_line.setText(self.tr("Not submitted: %1").replace("%1", str(error)))
            else:
                self.status_line.setText(self.tr("Not submitted: %1").replace("%1", str(error)))
            self.submit_refused.emit(error)

        def done(draft: Draft) -> None:
            self._draft = draft
            self._describe()
            self._update_buttons()
            self.status_line.setText(self.tr("Submitted for review."))
            self.load_list()
            self.submitted.emit(draft)
            self.entry_changed.emit(entry_id)

        self.save_now(after=lambda: self.ops.run(lambda: editing.submit(entry_id, user), done, refused))

    def approve(self) -> None:
        draft = self._draft
        if self.role != "reviewer" or draft is None or draft.state != "review":
            return
        if self._findings_for != draft.entry_id or self.lint_timer.isActive():
            # Not checked yet since it was opened or changed: the reviewer decides on what is there.
            self.status_line.setText(self.tr("Checking the answer first; approve again in a moment."))
            self.lint_timer.start()
            return
        warnings = [finding for finding in self._shown_findings if not finding.is_error]
        # Errors block publishing in the core; warnings are the reviewer's call, made knowingly.
        if warnings and not self.confirm(self.tr("The answer still has %1 phrase(s) the lint warns about. "
                                                 "Publish it anyway?").replace("%1", str(len(warnings)))):
            return
        editing, search_of, reviewer = self.editing, self.context, self.user
        entry_id, owner, comment = draft.entry_id, draft.editor, self.review_comment.text()

        def work() -> tuple[Revision, str]:
            revision = editing.approve(entry_id, owner, reviewer, comment)
            try:
                search_of.search.refresh()  # agents find the new text on their next keystroke
            except Exception as error:  # published all the same; say why search lags
                return revision, str(error)
            return revision, ""

        def done(result: tuple[Revision, str]) -> None:
            revision, search_problem = result
            self.review_comment.clear()
            text = self.tr("Published version %1; agents find it now.").replace("%1", str(revision.version))
            if search_problem:
                text = self.tr("Published version %1, but search was not refreshed: %2").replace(
                    "%1", str(revision.version)).replace("%2", search_problem)
            self.status_line.setText(text)
            self.published.emit(revision)
            self.entry_changed.emit(entry_id)
            self.load_list()
            self.open_entry(entry_id)

        def failed(error: Exception) -> None:
            if isinstance(error, EditConflict):
                self.show_conflict(error, owner)
            elif isinstance(error, LintBlocked):
                self._show_findings(list(error.findings))
                self.status_line.setText(self.tr("Not published: %1").replace("%1", str(error)))
            else:
                self.status_line.setText(self.tr("Not published: %1").replace("%1", str(error)))
            self.failed.emit(str(error))

        self.ops.run(work, done, failed)

    def reject(self) -> None:
        draft = self._draft
        if self.role != "reviewer" or draft is None or draft.state != "review":
            return
        comment = self.review_comment.text().strip()
        if not comment:
            self.review_error.setText(self.tr("Say what to change: a rejection needs a comment."))
            self.review_error.show()
            self.review_comment.setFocus()
            return
        editing, reviewer, entry_id, owner = self.editing, self.user, draft.entry_id, draft.editor

        def done(rejected: Draft) -> None:
            self._draft = rejected
            self.review_comment.clear()
            self._describe()
            self._update_buttons()
            self.status_line.setText(self.tr("Sent back to %1.").replace("%1", owner))
            self.load_list()
            self.review_rejected.emit(rejected)
            self.entry_changed.emit(entry_id)

        self.ops.run(lambda: editing.reject(entry_id, owner, reviewer, comment), done,
                     self._failure(self.tr("Not sent back: %1")))

    def discard(self) -> None:
        draft = self._draft
        if draft is None or draft.editor != self.user:
            return
        if not self.confirm(self.tr("Throw away your draft of “%1”? The published entry stays as it is.")
                            .replace("%1", self.heading.text())):
            return
        self.save_timer.stop()
        self._dirty = False
        editing, user, entry_id = self.editing, self.user, draft.entry_id

        def done(_result: object) -> None:
            self.status_line.setText(self.tr("Draft discarded."))
            self.save_status.clear()
            self.discarded.emit(entry_id)
            self.entry_changed.emit(entry_id)
            self.load_list()
            if self._published is not None:
                self.open_entry(entry_id)
            else:
                self._clear_form()

        self.ops.run(lambda: editing.discard(entry_id, user), done,
                     self._failure(self.tr("Not discarded: %1")))

    def _clear_form(self) -> None:
        self._entry_id, self._draft, self._published, self._editable = "", None, None, False
        self.form.set_values({}, reset=True)
        self.form.set_read_only(True)
        self.form.set_findings([])
        self.findings.set_findings([])
        self.preview.clear()
        self.history.set_revisions([], {})
        self.heading.clear()
        self.state_note.clear()
        self._update_buttons()

    def confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.windowTitle(), question)
        return answer == QMessageBox.StandardButton.Yes

    # -- conflicts --------------------------------------------------------------------------------

    def show_conflict(self, conflict: EditConflict, owner: str) -> ConflictDialog:
        """Theirs beside yours for each field both changed; nothing is written until the editor chooses."""
        dialog = ConflictDialog(conflict, field_names(), self)
        self.conflict_dialog = dialog
        dialog.accepted.connect(lambda: self._resolve(conflict, owner, dialog.resolved()))
        dialog.rejected.connect(lambda: self.status_line.setText(
            self.tr("Not published: the draft is kept as it was until the conflict is resolved.")))
        self.status_line.setText(self.tr("Not published: %1 changed meanwhile.").replace(
            "%1", conflict.their_author or self.tr("someone")))
        dialog.open()
        self.conflict_shown.emit(dialog)
        return dialog

    def _resolve(self, conflict: EditConflict, owner: str, data: dict[str, Any]) -> None:
        editing, entry_id, version = self.editing, conflict.entry_id, conflict.merge.their_version

        def done(draft: Draft) -> None:
            if entry_id == self._entry_id:
                self._draft = draft
                self.form.set_values(draft.data)
                self.preview.show_entry(draft.data)
                self._describe()
                self._update_buttons()
                self._lint()
            self.status_line.setText(self.tr("Merged with version %1: check it and submit it again.")
                                     .replace("%1", str(version)))
            self.load_list()
            self.rebased.emit(draft)
            self.entry_changed.emit(entry_id)

        self.ops.run(lambda: editing.rebase(entry_id, owner, data, version), done,
                     self._failure(self.tr("Not merged: %1")))

    # -- history ----------------------------------------------------------------------------------

    def roll_back(self, version: int) -> None:
        if self.role != "reviewer" or not self._entry_id:
            return
        question = self.tr("Publish version %1 again, as a new version?").replace("%1", str(version))
        if not self.confirm(question):
            return
        editing, context, user, entry_id = self.editing, self.context, self.user, self._entry_id

        def work() -> Revision:
            revision = editing.rollback(entry_id, version, user)
            context.search.refresh()
            return revision

        def done(revision: Revision) -> None:
            self.status_line.setText(self.tr("Version %1 is published again as version %2.").replace(
                "%1", str(version)).replace("%2", str(revision.version)))
            self.published.emit(revision)
            self.entry_changed.emit(entry_id)
            self.load_list()
            self.open_entry(entry_id)

        self.ops.run(work, done, self._failure(self.tr("Not rolled back: %1")))

    # -- what agents could not find ---------------------------------------------------------------

    def _open_opened(self, entry_id: str) -> None:
        if entry_id:  # a script in the most-opened list has nothing to edit here
            self.tabs.setCurrentWidget(self.edit_tab)
            self.open_entry(entry_id)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.misses and not self._report_asked:
            self.load_report()
        if self.tabs.widget(index) is self.rules and not self._rules_loaded:
            self._rules_loaded = True
            self.rules.load()

    def load_report(self) -> None:
        self._report_asked = True
        context = self.context

        def read() -> UsageReport:
            if context.team_url is None:
                return UsageLog(context.store).report(days=REPORT_DAYS)
            # On a team server: what the whole team missed, as its sidebars uploaded it.
            from assist.team.usage import team_report

            return team_report(context.editing_store().engine, days=REPORT_DAYS)

        def done(report: UsageReport) -> None:
            self.misses.set_report(report)
            self.report_loaded.emit(report)

        self.ops.run(read, done, self._failure(self.tr("Could not read the usage log: %1")))

    def create_from_miss(self, query: str) -> None:
        self.create_entry(query, [query])

    def create_entry(self, title: str, aliases: list[str]) -> None:
        self.save_now()
        editing, user = self.editing, self.user

        def done(draft: Draft) -> None:
            self.status_line.setText(
                self.tr("New draft “%1”: write the answer and submit it.").replace("%1", title))
            self.draft_created.emit(draft)
            self.entry_changed.emit(draft.entry_id)
            self.tabs.setCurrentWidget(self.edit_tab)
            self.load_list()
            self.open_entry(draft.entry_id)

        self.ops.run(lambda: _create_draft(editing, user, title, aliases), done,
                     self._failure(self.tr("Could not start an entry: %1")))

    # -- shared -----------------------------------------------------------------------------------

    def _failure(self, template: str) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            self.status_line.setText(template.replace("%1", str(error)))
            self.failed.emit(str(error))
        return failed

    def closeEvent(self, event: QCloseEvent) -> None:
        # The last edits must reach the store before it can be closed under us.
        self.save_now()
        self.ops.wait(-1)  # however long the worker is busy: the store closes after this
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Knowledge editor — %1").replace("%1", self.user))
        self.filter_text.setPlaceholderText(self.tr("Filter by words"))
        self.new_button.setText(self.tr("New entry"))
        self.stale_filter.setText(self.tr("Needs verification"))
        self.stale_filter.setToolTip(self.tr("Published entries past their verify-by date"))
        choices = {self.status_filter: [(self.tr("Any status"), ""), (self.tr("Draft"), "draft"),
                                        (self.tr("In review"), "review"), (self.tr("Published"), "published"),
                                        (self.tr("Archived"), "archived")],
                   self.lang_filter: [(self.tr("Any language"), ""), *((lang, lang) for lang in LANGS)]}
        for combo, items in choices.items():
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
            combo.blockSignals(False)
        anys = ((self.category_filter, self.tr("Any category")), (self.tag_filter, self.tr("Any tag")))
        for combo, text in anys:
            if combo.count() == 0:
                combo.addItem(text, "")
            else:
                combo.setItemText(0, text)
        self.preview_label.setText(self.tr("As the agent sees it"))
        self.submit_button.setText(self.tr("Submit for review"))
        self.discard_button.setText(self.tr("Discard draft"))
        self.review_comment.setPlaceholderText(self.tr("Review comment (needed to reject)"))
        self.approve_button.setText(self.tr("Approve and publish"))
        self.reject_button.setText(self.tr("Reject"))
        self.tabs.setTabText(0, self.tr("Edit"))
        self.tabs.setTabText(1, self.tr("History"))
        self.tabs.setTabText(2, self.tr("What agents could not find"))
        self.tabs.setTabText(3, self.tr("Phrases to avoid"))
