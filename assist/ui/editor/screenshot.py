"""Screenshots of the editor rendered offscreen: a lint finding being typed, the history diff and the
miss report. It writes to the store it is given (a draft, one published edit, a few missed searches
when there are none): point it at a throwaway data folder, never an agent's real one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent, QTextCursor

from assist.context import AppContext
from assist.ui.editor.window import EditorWindow
from assist.ui.waiting import wait_for_signal
from knowledge.editing import Editing
from knowledge.usage import UsageLog

BANNED_PHRASE = "这是公司规定"
SAMPLE_MISSES = {"怎么开发票": 5, "退款多久到账": 3, "会员积分过期": 2, "invoice copy": 1}


def type_text(window: EditorWindow, text: str) -> None:
    """Type at the end of the answer the way an input method commits Chinese."""
    body = window.form.body
    body.setFocus()
    cursor = body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(cursor)
    event = QInputMethodEvent()
    event.setCommitString(text)
    QCoreApplication.sendEvent(body, event)


def _publish_sample_edit(context: AppContext, user: str, entry_id: str) -> None:
    """A history needs two versions to compare: publish one small edit if the entry has none."""
    editing = Editing(context.store)
    if editing.history(entry_id) or editing.draft(entry_id, user) is not None:
        return
    draft = editing.start(entry_id, user)
    data = dict(draft.data)
    data["body"] = str(data.get("body") or "").replace("。", "，", 1) + "如有疑问，可随时回电。"
    editing.save(entry_id, user, data)
    editing.submit(entry_id, user)
    editing.approve(entry_id, user, "reviewer", "sample edit for the screenshot")


def take_editor_screenshot(context: AppContext, user: str, path: Path, entry_id: str) -> list[Path]:
    """Writes `path` (the form with a lint finding), `<stem>-history.png` and `<stem>-misses.png`;
    returns the three paths."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _publish_sample_edit(context, user, entry_id)
    usage = UsageLog(context.store)
    if not usage.report(days=30).missed:
        for query, times in SAMPLE_MISSES.items():
            for _ in range(times):
                usage.missed(query)
        for times, entry in enumerate(context.store.entries()[:5]):
            for _ in range(6 - times):
                usage.opened("faq", entry.id)
    window = EditorWindow(context, user, "reviewer")
    window.resize(1280, 800)
    window.show()
    shots = [path, path.with_name(f"{path.stem}-history.png"), path.with_name(f"{path.stem}-misses.png")]
    try:
        wait_for_signal(window.list_loaded, timeout_ms=10_000)
        if window._entry_id != entry_id:
            wait_for_signal(window.entry_loaded, lambda opened: opened == entry_id, timeout_ms=10_000,
                            action=lambda: window.open_entry(entry_id))
        wait_for_signal(window.linted, timeout_ms=5000)
        wait_for_signal(window.linted, lambda found: bool(found), timeout_ms=5000,
                        action=lambda: type_text(window, BANNED_PHRASE))
        _settle()
        window.grab().save(str(shots[0]), "PNG")

        window.tabs.setCurrentWidget(window.history)
        versions = [revision.version for revision in window.history._revisions]
        if len(versions) >= 2:
            window.history.select_versions(versions[0], versions[1])
        _settle()
        window.grab().save(str(shots[1]), "PNG")

        wait_for_signal(window.report_loaded, timeout_ms=5000,
                        action=lambda: window.tabs.setCurrentWidget(window.misses))
        _settle()
        window.grab().save(str(shots[2]), "PNG")
    finally:
        window.close()
        window.deleteLater()
    return shots


def _settle() -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
