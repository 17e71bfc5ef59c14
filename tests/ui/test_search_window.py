from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.context import AppContext
from assist.ui.results_model import ResultsModel
from assist.ui.search_window import SearchWindow


@pytest.fixture(scope="module")
def context(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    return AppContext.open(tmp_path_factory.mktemp("ui-data"))


@pytest.fixture
def window(qtbot: QtBot, context: AppContext) -> SearchWindow:
    widget = SearchWindow(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_pinyin_shows_results_and_the_answer(qtbot: QtBot, window: SearchWindow) -> None:
    with qtbot.waitSignal(window.entry_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, "tuikuan")
    assert window.results.rowCount() > 0
    first = window.results.hit(0)
    assert first is not None and "退款" in first.title
    assert first.title in window.detail.toPlainText()


def test_chinese_through_an_input_method(qtbot: QtBot, window: SearchWindow) -> None:
    window.search_box.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("会员升级")
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        QApplication.sendEvent(window.search_box, event)
    assert window.search_box.text() == "会员升级"
    first = window.results.hit(0)
    assert first is not None and "会员" in first.title


def test_keyboard_moves_and_clears(qtbot: QtBot, window: SearchWindow) -> None:
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, "refund")
    assert window.result_list.currentIndex().row() == 0
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert window.result_list.currentIndex().row() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Up)
    assert window.result_list.currentIndex().row() == 0
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.results.rowCount() == 0


def test_nothing_found_says_so(qtbot: QtBot, window: SearchWindow) -> None:
    with qtbot.waitSignal(window.results_shown, timeout=5000):
        qtbot.keyClicks(window.search_box, "zzqqxx")
    assert window.results.rowCount() == 0
    assert window.status.text()


def test_results_model_passes_the_model_tester(qtmodeltester: object,
                                                context: AppContext) -> None:
    model = ResultsModel()
    model.set_hits(context.search.search("退款"))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_screenshot_renders_a_png(tmp_path: Path, qtbot: QtBot) -> None:
    from assist.cli import main

    target = tmp_path / "shot.png"
    assert main(["--screenshot", str(target), "--state", "search:退款"]) == 0
    assert target.stat().st_size > 10_000
