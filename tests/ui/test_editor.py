"""The knowledge editor window: autosave, inline lint, review, conflicts, history and the miss report,
each driven the way an editor works it, against a fresh demo store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from assist.context import AppContext
from assist.ui.editor import EditorWindow
from knowledge.editing import EditError, Editing, LintBlocked
from knowledge.usage import UsageLog

ENTRY = "app-account-frozen"
FAST_MS = 150  # autosave idle time in the tests that are not about its length

MakeWindow = Callable[..., EditorWindow]


@pytest.fixture
def context(tmp_path: Path) -> Iterator[AppContext]:
    opened = AppContext.open(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def make_window(qtbot: QtBot, context: AppContext) -> Iterator[MakeWindow]:
    windows: list[EditorWindow] = []

    def make(user: str = "alice", role: str = "editor", fast: bool = True) -> EditorWindow:
        window = EditorWindow(context, user, role)
        qtbot.addWidget(window)
        if fast:
            window.save_timer.setInterval(FAST_MS)
        windows.append(window)
        window.show()  # buttons take clicks only when shown
        qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=5000)
        return window

    yield make
    for window in windows:  # saved and finished before the store closes
        window.close()


def open_entry(qtbot: QtBot, window: EditorWindow, entry_id: str = ENTRY, owner: str = "") -> None:
    with qtbot.waitSignal(window.linted, timeout=5000):
        window.open_entry(entry_id, owner)
    assert window._entry_id == entry_id


def to_end(field: QPlainTextEdit) -> None:
    field.setFocus()
    cursor = field.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    field.setTextCursor(cursor)


def commit(field: QPlainTextEdit, text: str) -> None:
    """Chinese arrives as an input method commits it (keyClicks with non-ASCII aborts Qt)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(field, event)


def type_chinese(qtbot: QtBot, window: EditorWindow, text: str) -> list[object]:
    """Types at the end of the answer and returns the findings of the check that follows."""
    to_end(window.form.body)
    with qtbot.waitSignal(window.linted, timeout=5000) as linted:
        commit(window.form.body, text)
    return list(linted.args[0]) if linted.args else []


def test_typing_autosaves_a_draft_that_survives_reopening(qtbot: QtBot, make_window: MakeWindow,
                                                          context: AppContext) -> None:
    window = make_window(fast=False)
    assert window.save_timer.interval() == 3000
    open_entry(qtbot, window)
    original = window.form.body.toPlainText()
    editing = Editing(context.store)
    assert editing.draft(ENTRY, "alice") is None

    to_end(window.form.body)
    qtbot.keyClicks(window.form.body, " hello")
    commit(window.form.body, "退款")
    with qtbot.waitSignal(window.saved, timeout=6000):
        pass  # three seconds after the last key
    draft = editing.draft(ENTRY, "alice")
    assert draft is not None and draft.data["body"] == original + " hello退款"
    assert draft.state == "draft" and draft.base_version == 1
    assert window.save_status.text().startswith("Draft saved ")
    # The save did not rewrite the field: its undo stack is intact.
    assert window.form.body.document().isUndoAvailable()
    window.form.body.undo()
    assert window.form.body.toPlainText().endswith(" hello")
    window.form.body.redo()
    assert window.form.body.toPlainText().endswith(" hello退款")

    window.close()  # as after a crash or a restart: the draft is in the store
    reopened = make_window()
    qtbot.waitUntil(lambda: reopened._entry_id == ENTRY, timeout=5000)
    assert reopened.form.body.toPlainText() == original + " hello退款"
    assert reopened.model.row_of((ENTRY, "alice")) >= 0


def test_banned_phrase_is_marked_and_blocks_submit(qtbot: QtBot, make_window: MakeWindow,
                                                   context: AppContext) -> None:
    window = make_window()
    open_entry(qtbot, window)
    found = type_chinese(qtbot, window, "这是公司规定")
    errors = [finding for finding in found if getattr(finding, "is_error", False)]
    assert [getattr(finding, "rule", "") for finding in errors] == ["blames-policy"]

    marks = window.form.body.extraSelections()
    assert len(marks) == 1
    char_format = marks[0].format
    assert char_format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    assert char_format.underlineColor().name() == "#d32f2f"
    assert marks[0].cursor.selectedText() == "这是公司规定"
    assert window.form.body.finding_at(marks[0].cursor.selectionStart() + 1) is not None
    assert window.findings.list.count() == 1

    with qtbot.waitSignal(window.submit_refused, timeout=5000) as refused:
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    assert isinstance(refused.args[0], LintBlocked)
    assert "must change" in window.status_line.text()
    draft = Editing(context.store).draft(ENTRY, "alice")
    assert draft is not None and draft.state == "draft" and draft.data["body"].endswith("这是公司规定")


def test_one_click_replace_fixes_a_warning_and_undoes_in_one_step(qtbot: QtBot, make_window: MakeWindow,
                                                                   context: AppContext) -> None:
    window = make_window()
    open_entry(qtbot, window)
    found = type_chinese(qtbot, window, "我们不能给您退款。")
    assert [getattr(finding, "severity", "") for finding in found] == ["warning"]
    assert window.findings.replace_button.isEnabled()
    with qtbot.waitSignal(window.linted, timeout=5000) as relinted:
        qtbot.mouseClick(window.findings.replace_button, Qt.MouseButton.LeftButton)
    body = window.form.body.toPlainText()
    assert body.endswith("我可以为您退款。") and "不能给您" not in body
    assert relinted.args[0] == []
    editing = Editing(context.store)

    def saved_fixed() -> bool:
        draft = editing.draft(ENTRY, "alice")
        return draft is not None and draft.data["body"].endswith("我可以为您退款。")

    qtbot.waitUntil(saved_fixed, timeout=5000)
    window.form.body.undo()
    assert window.form.body.toPlainText().endswith("我们不能给您退款。")


def test_submit_then_approve_publishes_and_search_finds_it(qtbot: QtBot, make_window: MakeWindow,
                                                           context: AppContext) -> None:
    editor_window = make_window()
    assert editor_window.approve_button.isHidden() and editor_window.reject_button.isHidden()
    open_entry(qtbot, editor_window)
    to_end(editor_window.form.body)
    qtbot.keyClicks(editor_window.form.body, " Quokkaphrase applies too.")
    with qtbot.waitSignal(editor_window.submitted, timeout=5000):
        qtbot.mouseClick(editor_window.submit_button, Qt.MouseButton.LeftButton)
    editor_window.close()

    # Someone other than the author approves it.
    window = make_window("rita", "reviewer")
    assert not window.approve_button.isHidden()
    open_entry(qtbot, window, owner="alice")
    assert window.approve_button.isEnabled()
    qtbot.keyClicks(window.review_comment, "fine")
    with qtbot.waitSignal(window.published, timeout=10_000) as published:
        qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)
    assert published.args[0].version == 2
    entry = context.store.get(ENTRY)
    assert entry is not None and entry.version == 2 and entry.body.endswith("Quokkaphrase applies too.")
    assert Editing(context.store).draft(ENTRY, "alice") is None
    assert ENTRY in [hit.doc_id for hit in context.search.search("quokkaphrase")]
    assert "Published version 2" in window.status_line.text()


def test_reject_needs_a_comment(qtbot: QtBot, make_window: MakeWindow, context: AppContext) -> None:
    editing = Editing(context.store)
    draft = editing.start(ENTRY, "alice")
    editing.save(ENTRY, "alice", {**draft.data, "body": draft.data["body"] + " More."})
    editing.submit(ENTRY, "alice")
    window = make_window("rita", "reviewer")
    open_entry(qtbot, window, ENTRY, "alice")
    assert window.form.body.isReadOnly()  # someone else's draft: reviewed, not edited here

    qtbot.mouseClick(window.reject_button, Qt.MouseButton.LeftButton)
    assert not window.review_error.isHidden() and "comment" in window.review_error.text()
    still = editing.draft(ENTRY, "alice")
    assert still is not None and still.state == "review"

    qtbot.keyClicks(window.review_comment, "Say when the refund arrives")
    with qtbot.waitSignal(window.review_rejected, timeout=5000):
        qtbot.mouseClick(window.reject_button, Qt.MouseButton.LeftButton)
    rejected = editing.draft(ENTRY, "alice")
    assert rejected is not None and rejected.state == "rejected"
    assert rejected.review_comment == "Say when the refund arrives" and rejected.reviewer == "rita"


def test_conflict_shows_both_sides_and_loses_nothing(qtbot: QtBot, make_window: MakeWindow,
                                                     context: AppContext) -> None:
    editing = Editing(context.store)
    for editor, body in (("alice", "Alice's answer."), ("bob", "Bob's answer.")):
        draft = editing.start(ENTRY, editor)
        editing.save(ENTRY, editor, {**draft.data, "body": body})
        editing.submit(ENTRY, editor)
    editing.approve(ENTRY, "bob", "rita")  # bob's is published first

    window = make_window("rita", "reviewer")
    open_entry(qtbot, window, ENTRY, "alice")
    with qtbot.waitSignal(window.conflict_shown, timeout=5000) as shown:
        qtbot.mouseClick(window.approve_button, Qt.MouseButton.LeftButton)
    dialog = shown.args[0]
    assert [conflict.field for conflict in dialog.conflict.merge.conflicts] == ["body"]
    assert dialog.isVisible() and dialog.keep_mine["body"].isChecked()
    published = context.store.get(ENTRY)
    assert published is not None and published.body == "Bob's answer." and published.version == 2
    kept = editing.draft(ENTRY, "alice")
    assert kept is not None and kept.data["body"] == "Alice's answer." and kept.base_version == 1

    with qtbot.waitSignal(window.rebased, timeout=5000) as rebased:
        dialog.apply_button.click()
    merged = rebased.args[0]
    assert merged.base_version == 2 and merged.data["body"] == "Alice's answer." and merged.state == "draft"
    assert window.form.body.toPlainText() == "Alice's answer."
    assert "Merged with version 2" in window.status_line.text()


def test_history_diff_and_rollback(qtbot: QtBot, make_window: MakeWindow, context: AppContext,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    editing = Editing(context.store)
    original = context.store.get(ENTRY)
    assert original is not None
    draft = editing.start(ENTRY, "alice")
    editing.save(ENTRY, "alice", {**draft.data, "body": original.body + "新增一句。"})
    editing.submit(ENTRY, "alice")
    editing.approve(ENTRY, "alice", "rita")

    window = make_window("rita", "reviewer")
    open_entry(qtbot, window)
    window.tabs.setCurrentWidget(window.history)
    assert window.history.table.rowCount() == 2
    with qtbot.waitSignal(window.history.diff_shown, timeout=5000):  # diffed on a worker
        window.history.select_versions(1, 2)
    diff = window.history.diff.toHtml()
    assert "新增一句" in diff and "background-color:#c6efc6" in diff
    assert not window.history.rollback_button.isEnabled()

    window.history.select_versions(1)
    assert window.history.rollback_button.isEnabled()
    monkeypatch.setattr(window, "confirm", lambda _question: True)
    with qtbot.waitSignal(window.published, timeout=10_000) as published:
        qtbot.mouseClick(window.history.rollback_button, Qt.MouseButton.LeftButton)
    assert published.args[0].version == 3 and published.args[0].action == "rollback"
    entry = context.store.get(ENTRY)
    assert entry is not None and entry.version == 3 and entry.body == original.body
    qtbot.waitUntil(lambda: window.history.table.rowCount() == 3, timeout=5000)


def test_miss_report_creates_an_entry_with_the_query_as_alias(qtbot: QtBot, make_window: MakeWindow,
                                                              context: AppContext) -> None:
    usage = UsageLog(context.store)
    for _ in range(2):
        usage.missed("发票抬头写错了")
    usage.opened("faq", ENTRY)
    window = make_window()
    with qtbot.waitSignal(window.report_loaded, timeout=5000):
        window.tabs.setCurrentWidget(window.misses)
    assert window.misses.queries()[0] == "发票抬头写错了"
    count = window.misses.missed.item(0, 1)
    assert count is not None and count.text() == "2"
    assert window.misses.chart.bars[0] == ("发票抬头写错了", 2)
    assert window.misses.opened.count() == 1

    assert window.misses.select_query("发票抬头写错了")
    with qtbot.waitSignal(window.draft_created, timeout=5000) as created:
        qtbot.mouseClick(window.misses.create_button, Qt.MouseButton.LeftButton)
    draft = Editing(context.store).draft(created.args[0].entry_id, "alice")
    assert draft is not None and draft.data["aliases"] == ["发票抬头写错了"] and draft.base_version == 0
    qtbot.waitUntil(lambda: window._entry_id == draft.entry_id, timeout=5000)
    assert window.tabs.currentWidget() is window.edit_tab


def test_field_error_is_shown_at_the_field_and_nothing_is_submitted(qtbot: QtBot, make_window: MakeWindow,
                                                                    context: AppContext) -> None:
    window = make_window()
    open_entry(qtbot, window)
    window.form.title.setFocus()
    with qtbot.waitSignal(window.linted, timeout=5000):
        window.form.title.selectAll()
        qtbot.keyClick(window.form.title, Qt.Key.Key_Backspace)
    assert window.form.error_text("title")
    with qtbot.waitSignal(window.submit_refused, timeout=5000) as refused:
        qtbot.mouseClick(window.submit_button, Qt.MouseButton.LeftButton)
    assert isinstance(refused.args[0], EditError) and refused.args[0].field == "title"
    draft = Editing(context.store).draft(ENTRY, "alice")
    assert draft is not None and draft.state == "draft"  # saved as typed, not sent for review


def test_list_filters_and_model(qtbot: QtBot, make_window: MakeWindow, context: AppContext,
                                qtmodeltester: object) -> None:
    editing = Editing(context.store)
    draft = editing.start(ENTRY, "alice")
    editing.save(ENTRY, "alice", draft.data)
    window = make_window("bob")
    qtmodeltester.check(window.model)  # type: ignore[attr-defined]
    everything = window.model.rowCount()
    window.status_filter.setCurrentIndex(window.status_filter.findData("draft"))
    assert window.model.rowCount() == 1 and window.model.row_at(0).editor == "alice"  # type: ignore[union-attr]
    window.status_filter.setCurrentIndex(0)
    window.lang_filter.setCurrentIndex(window.lang_filter.findData("en"))
    assert 0 < window.model.rowCount() < everything
    assert all(window.model.row_at(row).lang == "en"  # type: ignore[union-attr]
               for row in range(window.model.rowCount()))
    window.lang_filter.setCurrentIndex(0)
    qtbot.keyClicks(window.filter_text, "frozen")
    assert window.model.row_of((ENTRY, "")) >= 0 and window.model.rowCount() < everything
    window.stale_filter.setChecked(True)
    assert window.model.rowCount() == len([e for e in editing.stale() if "frozen" in e.id])


def test_the_rules_tab_saves_a_new_version_and_refuses_a_broken_pattern(qtbot: QtBot, tmp_path: Path) -> None:
    from assist.context import AppContext
    from assist.ui.editor import EditorWindow
    from knowledge.lint.versions import RuleSets

    context = AppContext.open(tmp_path / "rules-data")
    try:
        window = EditorWindow(context, "li", "reviewer")
        qtbot.addWidget(window)
        window.show()
        window.tabs.setCurrentWidget(window.rules)
        qtbot.waitUntil(lambda: "version:" in window.rules.text.toPlainText(), timeout=10_000)
        good = window.rules.text.toPlainText()
        window.rules.text.setPlainText(good.replace('pattern: "我们?', 'pattern: "(我们?', 1))
        window.rules.save()
        qtbot.waitUntil(lambda: bool(window.rules.problem.text()), timeout=10_000)
        assert "'pattern' is not a valid regular expression" in window.rules.problem.text()
        assert RuleSets(context.store).current_version() == 0  # nothing saved
        window.rules.text.setPlainText(good + "\n# reviewed\n")
        with qtbot.waitSignal(window.rules.saved, timeout=10_000) as saved:
            window.rules.save()
        assert saved.args == [1] and RuleSets(context.store).text().endswith("# reviewed\n")
        window.close()
    finally:
        context.close()


def test_the_editor_screenshots_are_drawn(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from assist.context import AppContext
    from assist.ui.editor import take_editor_screenshot

    context = AppContext.open(tmp_path / "shot-data")
    try:
        paths = take_editor_screenshot(context, "wang", tmp_path / "editor.png", ENTRY)
    finally:
        context.close()
    assert [path.name for path in paths] == ["editor.png", "editor-history.png", "editor-misses.png"]
    for path in paths:
        image = QImage(str(path))
        assert image.width() >= 800 and image.height() >= 600


def test_approving_an_answer_with_warnings_asks_first(qtbot: QtBot, make_window: MakeWindow,
                                                      context: AppContext,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    editing = Editing(context.store)
    draft = editing.start(ENTRY, "alice")
    editing.save(ENTRY, "alice", {**draft.data, "body": draft.data["body"] + "我不能马上给您退。"})
    editing.submit(ENTRY, "alice")
    window = make_window("rita", "reviewer")
    open_entry(qtbot, window, owner="alice")
    qtbot.waitUntil(lambda: bool(getattr(window, "_shown_findings", [])), timeout=5000)
    asked: list[str] = []
    monkeypatch.setattr(window, "confirm", lambda question: asked.append(question) or False)
    window.approve()
    assert asked and "warns about" in asked[0]
    assert context.store.get(ENTRY).version == 1  # type: ignore[union-attr]
    monkeypatch.setattr(window, "confirm", lambda _question: True)
    with qtbot.waitSignal(window.published, timeout=10_000):
        window.approve()
    assert context.store.get(ENTRY).version == 2  # type: ignore[union-attr]


def test_unsaved_text_is_not_dropped_by_opening_another_entry(qtbot: QtBot,
                                                              make_window: MakeWindow) -> None:
    window = make_window()
    open_entry(qtbot, window)
    # A paste too big for a draft: the save is refused, the text stays in the field.
    window.form.body.setPlainText("长" * 200_001 + "half typed")
    with qtbot.waitSignal(window.failed, timeout=10_000):
        window.save_now()
    window.open_entry("app-login-fail")
    qtbot.waitUntil(lambda: "not saved yet" in window.status_line.text(), timeout=5000)
    assert window._entry_id == ENTRY and window.form.body.toPlainText().endswith("half typed")
