"""The sidebar driven as an agent drives it: by keyboard, pinyin, an input method and one-key copies."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from assist.context import AppContext
from assist.customers.card import CallerCard
from assist.ui.sidebar import Sidebar
from knowledge.search.engine import SearchHit
from knowledge.usage import UsageLog

WAIT = 5000


@pytest.fixture
def sidebar(qtbot: QtBot, demo_context: AppContext) -> Iterator[Sidebar]:
    widget = Sidebar("en")
    qtbot.addWidget(widget)
    widget.resize(420, 860)
    widget.show()
    widget.attach(demo_context, UsageLog(demo_context.store))
    yield widget
    widget._ops.wait()


def type_chinese(widget: QApplication | object, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)  # type: ignore[arg-type]


def search(qtbot: QtBot, sidebar: Sidebar, text: str) -> None:
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        qtbot.keyClicks(sidebar.search_box, text)


def test_pinyin_shows_highlighted_results_and_previews_the_first(qtbot: QtBot, sidebar: Sidebar) -> None:
    search(qtbot, sidebar, "tuikuan")
    first = sidebar.results.hit(0)
    assert first is not None and "退款" in first.title
    assert first.title_highlights  # the delegate marks the matched part
    shown = sidebar.script_view.title if first.kind == "script" else sidebar.faq_view.title
    assert shown.text() == first.title


def test_chinese_through_an_input_method(qtbot: QtBot, sidebar: Sidebar) -> None:
    sidebar.search_box.setFocus()
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        type_chinese(sidebar.search_box, "会员升级")
    assert sidebar.search_box.text() == "会员升级"
    first = sidebar.results.hit(0)
    assert first is not None and "会员" in first.title


def test_initials_and_english_find_the_same_kind_of_answer(qtbot: QtBot, sidebar: Sidebar) -> None:
    search(qtbot, sidebar, "tk")
    assert any("退款" in (hit.title) for hit in (sidebar.results.hit(r) for r in range(3)) if hit)
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        sidebar.search_box.clear()
    search(qtbot, sidebar, "refund")
    first = sidebar.results.hit(0)
    assert first is not None and "refund" in (first.title + first.snippet).lower()


def test_keyboard_moves_opens_and_clears(qtbot: QtBot, sidebar: Sidebar) -> None:
    search(qtbot, sidebar, "refund")
    assert sidebar.result_list.currentIndex().row() == 0
    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Down)
    assert sidebar.result_list.currentIndex().row() == 1
    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Up)
    assert sidebar.result_list.currentIndex().row() == 0
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sidebar.focusWidget() in (sidebar.faq_view.lines, sidebar.script_view.say))
    # Esc in the answer goes back to the search box; Esc there clears it.
    qtbot.keyClick(sidebar.focusWidget(), Qt.Key.Key_Escape)
    assert sidebar.focusWidget() is sidebar.search_box
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Escape)
    assert sidebar.search_box.text() == "" and sidebar.results.rowCount() == 0


def test_ctrl_number_opens_that_result(qtbot: QtBot, sidebar: Sidebar) -> None:
    search(qtbot, sidebar, "tuikuan")
    second = sidebar.results.hit(1)
    assert second is not None
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT) as shown:
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert shown.args == [second.doc_id]
    assert sidebar.result_list.currentIndex().row() == 1


def test_a_newer_keystroke_wins(qtbot: QtBot, sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.results_painted, timeout=WAIT,
                          check_params_cb=lambda query: query == "wuliu"):
        for char in "wuliu":
            qtbot.keyClick(sidebar.search_box, char)
    # Only results for the final text are ever shown, never a stale prefix's.
    assert sidebar.search_box.text() == "wuliu"
    qtbot.wait(100)
    assert sidebar._shown_query == "wuliu"


def test_copying_a_line_filled_from_the_caller(qtbot: QtBot, sidebar: Sidebar) -> None:
    sidebar.set_caller(CallerCard("王女士", phone_tail="8000", flags=("vip",), customer_id="C1",
                                  number="+8613800138000"))
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("app-login-fail")
    lines = sidebar.faq_view.lines
    texts = [line.text for line in lines.lines_model.lines()]
    row = next(i for i, text in enumerate(texts) if text.startswith("王女士"))
    lines.setCurrentIndex(lines.lines_model.index(row))
    lines.setFocus()
    with qtbot.waitSignal(sidebar.copied, timeout=WAIT):
        qtbot.keyClick(lines, Qt.Key.Key_Return)
    assert QGuiApplication.clipboard().text() == texts[row]
    assert "{customer.name}" not in QGuiApplication.clipboard().text()
    assert "王女士" in sidebar.caller.heading.text()
    # The number stays masked to its last four digits until the agent clicks it.
    assert sidebar.caller.number_button.text() == "•••• 8000"
    sidebar.caller.number_button.click()
    assert sidebar.caller.number_button.text() == "+8613800138000"
    with qtbot.waitSignal(sidebar.copied, timeout=WAIT):
        qtbot.keyClick(lines, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == texts[row]


def test_a_gap_typed_by_the_agent_fills_every_line(qtbot: QtBot, sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("app-login-fail")
    edit = sidebar.faq_view.slots.edit("customer.name")
    assert edit is not None and sidebar.faq_view.slots.isVisible()
    before = [line.text for line in sidebar.faq_view.lines.lines_model.lines()]
    assert any("【customer.name】" in text for text in before)
    edit.setFocus()
    qtbot.keyClicks(edit, "Ms Li")
    after = [line.text for line in sidebar.faq_view.lines.lines_model.lines()]
    assert not any("【customer.name】" in text for text in after)
    assert any(text.startswith("Ms Li") for text in after)
    assert sidebar.values()["customer.name"] == "Ms Li"
    assert edit.hasFocus()  # the field survives the re-render while the agent types


def test_walking_a_script(qtbot: QtBot, sidebar: Sidebar) -> None:
    sidebar.set_caller(CallerCard("张先生", facts={"order.id": "SO-2231"}))
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    view = sidebar.script_view
    runner = view.runner
    assert runner is not None
    total = len(runner.script.steps)
    assert view.progress.text() == f"Step 1 of {total}"
    assert view.say.lines_model.line(0) is not None
    first_line = view.say.lines_model.line(0)
    assert first_line is not None and first_line.text.startswith("张先生")
    assert len(view.branch_texts()) == 2
    say = view.say
    qtbot.waitUntil(say.hasFocus)
    qtbot.keyClick(say, Qt.Key.Key_1)
    assert runner.current.id == "confirm_facts"
    assert "SO-2231" in say.lines_model.line(0).text  # type: ignore[union-attr]
    assert view.path.text().count("›") == 1
    assert view.branch_texts() == ["1  Next step"]
    qtbot.keyClick(say, Qt.Key.Key_1)
    assert runner.current.id == "resolve"
    qtbot.keyClick(say, Qt.Key.Key_Backspace)
    assert runner.current.id == "confirm_facts"
    qtbot.keyClick(say, Qt.Key.Key_9)  # no ninth branch: nothing happens
    assert runner.current.id == "confirm_facts"
    with qtbot.waitSignal(sidebar.copied, timeout=WAIT):
        qtbot.keyClick(say, Qt.Key.Key_Return)
    assert "SO-2231" in QGuiApplication.clipboard().text()
    qtbot.keyClick(say, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert runner.path == (runner.script.start,)


def test_checklist_ticks_survive_going_back(qtbot: QtBot, sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    view = sidebar.script_view
    model = view.checklist_model
    assert model.setData(model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    view.choose(1)
    view.back()
    assert model.data(model.index(0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_every_model_passes_the_model_tester(qtbot: QtBot, sidebar: Sidebar,
                                             qtmodeltester: ModelTester) -> None:
    search(qtbot, sidebar, "tuikuan")
    qtmodeltester.check(sidebar.results)
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("app-login-fail")
    qtmodeltester.check(sidebar.faq_view.lines.lines_model)
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    qtmodeltester.check(sidebar.script_view.say.lines_model)
    qtmodeltester.check(sidebar.script_view.checklist_model)


def test_opens_copies_and_misses_reach_the_usage_log(qtbot: QtBot, sidebar: Sidebar,
                                                     demo_context: AppContext) -> None:
    usage = UsageLog(demo_context.store)
    before = usage.report().totals
    search(qtbot, sidebar, "mima")
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        sidebar.search_box.clear()
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        qtbot.keyClicks(sidebar.search_box, "zzqqxx")
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        sidebar.search_box.clear()
    sidebar._ops.wait()
    after = usage.report().totals
    assert after.opened == before.opened + 1
    assert after.missed == before.missed + 1
    assert any(miss.query == "zzqqxx" for miss in usage.report().missed)


def test_a_usage_log_that_cannot_write_is_said_once(qtbot: QtBot, sidebar: Sidebar,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from knowledge.usage import UsageLogError

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise UsageLogError("cannot write the usage log: database or disk is full")

    monkeypatch.setattr(UsageLog, "opened", full_disk)
    search(qtbot, sidebar, "mima")
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(sidebar.banner.problems))
    assert "disk is full" in sidebar.banner.problems[0]
    assert sidebar.faq_view.entry is not None  # the agent's answer is there regardless


def test_the_caller_area_has_an_empty_state_and_a_card(qtbot: QtBot, sidebar: Sidebar) -> None:
    assert sidebar.caller.heading.text() == "No call in progress"
    sidebar.set_caller(CallerCard("王女士", flags=("elderly",), customer_id="C2"),
                       [("script:elderly-app-wont-open", "老人不会用APP")])
    assert "王女士" in sidebar.caller.heading.text()
    assert "Elderly" in sidebar.caller.detail.text()
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.caller.findChild(type(sidebar.settings_button).__mro__[1], "suggestedScript").click()
    sidebar.set_caller(None)
    assert sidebar.caller.heading.text() == "No call in progress"


def test_enter_while_searching_opens_the_new_querys_top_result(qtbot: QtBot, sidebar: Sidebar,
                                                               demo_context: AppContext) -> None:
    import time

    search(qtbot, sidebar, "tuikuan")
    slow_search = demo_context.search.search

    def slow(text: str, cancelled: Callable[[], bool]) -> list[SearchHit]:
        time.sleep(0.2)  # a big store on a busy machine
        return slow_search(text, limit=20, cancelled=cancelled)

    sidebar.search.set_searcher(slow)
    sidebar.search_box.clear()
    qtbot.keyClicks(sidebar.search_box, "mima")
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT) as shown:
        qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)  # before "mima" has any results
    expected = demo_context.search.search("mima", limit=1)[0]
    assert shown.args == [expected.doc_id]


def test_a_script_keeps_its_place_while_other_answers_are_looked_at(qtbot: QtBot,
                                                                    sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    view = sidebar.script_view
    view.choose(1)
    model = view.checklist_model
    model.setData(model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:refund-not-received")
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    assert view.runner is not None and view.runner.current.id == "confirm_facts"
    assert model.data(model.index(0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # The next caller starts the script afresh.
    sidebar.set_caller(CallerCard("李先生"))
    assert view.runner is not None and view.runner.path == (view.runner.script.start,)
    assert model.data(model.index(0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_filling_a_gap_keeps_the_line_the_agent_picked(qtbot: QtBot, sidebar: Sidebar) -> None:
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT):
        sidebar.open_document("script:irate-late-delivery")
    view = sidebar.script_view
    view.choose(1)  # confirm_facts: three lines, several gaps
    view.say.setCurrentIndex(view.say.lines_model.index(1))
    edit = view.slots.edit("order.id")
    assert edit is not None
    edit.setFocus()
    qtbot.keyClicks(edit, "SO-77")
    assert view.say.currentIndex().row() == 1
    assert "SO-77" in view.say.lines_model.line(0).text  # type: ignore[union-attr]
    qtbot.keyClick(edit, Qt.Key.Key_1)  # digits in a gap are text, not a branch choice
    assert view.runner is not None and view.runner.current.id == "confirm_facts"
    assert edit.text() == "SO-771"


def test_an_entry_past_its_verify_by_date_says_it_may_be_outdated(qtbot: QtBot) -> None:
    import datetime as dt

    from assist.ui.faq_view import FaqView
    from knowledge.entries import FaqEntryData

    view = FaqView()
    qtbot.addWidget(view)
    old = FaqEntryData(id="old", title="旧规则", body="正文。", tags=("退款",),
                       verify_by=dt.date(2026, 1, 31))
    view.show_entry(old, {}, {}, "en")
    assert view.meta.text().startswith("Possibly outdated: due for checking since 2026-01-31")
    later = dt.date.today() + dt.timedelta(days=30)
    fresh = FaqEntryData(id="new", title="新规则", body="正文。", verify_by=later)
    view.show_entry(fresh, {}, {}, "en")
    assert not view.meta.isVisibleTo(view)
