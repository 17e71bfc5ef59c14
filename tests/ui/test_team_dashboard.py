"""The team lead's dashboard, fed fake usage through its loader: what it says, what it draws, and how a
failing, slow or superseded load is shown."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPoint, QTranslator
from PySide6.QtGui import QHelpEvent, QImage, QPalette
from PySide6.QtWidgets import QTableWidget, QToolTip
from pytestqt.qtbot import QtBot

from assist.team.usage import ScriptAdoption, TeamMiss, TeamUsage
from assist.ui.i18n import translations_dir
from assist.ui.team_dashboard import BarChart, TeamDashboard, take_dashboard_screenshot

TIMEOUT_MS = 5000
SINCE = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)


def usage(days: int = 30, team: str = "north") -> TeamUsage:
    scripts = [ScriptAdoption("refund-not-received", "退款未到账", 17, 212, 64, 17 / 20),
               ScriptAdoption("angry-customer", "情绪激动的客户", 14, 96, 31, 14 / 20),
               ScriptAdoption("elderly-app-help", "老人不会用App", 1, 1, 0, 1 / 20)]
    misses = [TeamMiss("以旧换新 估价", 23, 8), TeamMiss("发票 抬头 修改", 1, 1)]
    return TeamUsage(team, days, SINCE, 20, 14, scripts, misses)


def empty_usage() -> TeamUsage:
    return dataclasses.replace(usage(), active_agents=0, scripts=[], misses=[])


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The English translation (it holds the singular forms), whatever an earlier test installed."""
    translator = QTranslator()
    assert translator.load("assist_en", str(translations_dir()))
    QCoreApplication.installTranslator(translator)
    locale = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield
    QCoreApplication.removeTranslator(translator)
    QLocale.setDefault(locale)


MakeDashboard = Callable[[Callable[[int], TeamUsage]], TeamDashboard]


@pytest.fixture
def make_dashboard(qtbot: QtBot) -> MakeDashboard:
    def make(load: Callable[[int], TeamUsage]) -> TeamDashboard:
        window = TeamDashboard(load)
        qtbot.addWidget(window)
        return window
    return make


def load_into(qtbot: QtBot, window: TeamDashboard) -> TeamUsage:
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT_MS) as blocker:
        window.refresh()
    result: TeamUsage = blocker.args[0]
    return result


def cells(table: QTableWidget) -> list[list[str]]:
    return [[item.text() if (item := table.item(row, column)) is not None else ""
             for column in range(table.columnCount())] for row in range(table.rowCount())]


def test_header_bars_and_tables_show_the_loaded_usage(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    window = make_dashboard(lambda days: usage(days))
    assert load_into(qtbot, window) == usage()
    assert window.windowTitle() == "Team dashboard"
    assert window.header.text() == "north · last 30 days · 14 of 20 agents active"
    assert window.scripts_chart.bars() == (
        ("退款未到账", 17 / 20, "17 agents · 85% · 212 opens"),
        ("情绪激动的客户", 14 / 20, "14 agents · 70% · 96 opens"),
        ("老人不会用App", 1 / 20, "1 agent · 5% · 1 open"))
    assert window.scripts_chart.maximum() == 1.0  # adoption is out of the whole team
    assert window.misses_chart.bars() == (("以旧换新 估价", 23.0, "23 times · 8 agents"),
                                          ("发票 抬头 修改", 1.0, "1 time · 1 agent"))
    assert window.misses_chart.maximum() == 23.0
    assert cells(window.scripts_table) == [["退款未到账", "17", "85%", "212", "64"],
                                           ["情绪激动的客户", "14", "70%", "96", "31"],
                                           ["老人不会用App", "1", "5%", "1", "0"]]
    assert cells(window.misses_table) == [["以旧换新 估价", "23", "8"], ["发票 抬头 修改", "1", "1"]]
    assert window.error.isHidden() and window.status.isHidden()
    # Screen readers get the numbers the picture shows.
    assert window.scripts_chart.accessibleName() == "Script adoption"
    assert "退款未到账: 17 agents · 85% · 212 opens" in window.scripts_chart.accessibleDescription()


def test_the_toggle_swaps_charts_for_tables(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    window = make_dashboard(lambda days: usage(days))
    load_into(qtbot, window)
    assert window.scripts_table.isHidden() and not window.scripts_chart.isHidden()
    window.show_tables.setChecked(True)
    assert window.scripts_chart.isHidden() and not window.scripts_table.isHidden()
    assert window.misses_chart.isHidden() and not window.misses_table.isHidden()


def test_a_bar_tells_its_full_label_and_caption(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    window = make_dashboard(lambda days: usage(days))
    window.show()  # loads by itself when first shown
    qtbot.waitUntil(lambda: window.usage() is not None, timeout=TIMEOUT_MS)
    chart = window.misses_chart
    first_row = QPoint(chart.width() // 2, BarChart.MARGIN + 2)
    assert chart.tool_tip_at(first_row) == "以旧换新 估价\n23 times · 8 agents"
    assert chart.tool_tip_at(QPoint(5, chart.height() + 50)) == ""
    help_event = QHelpEvent(QEvent.Type.ToolTip, first_row, chart.mapToGlobal(first_row))
    QCoreApplication.sendEvent(chart, help_event)
    assert QToolTip.text() == "以旧换新 估价\n23 times · 8 agents"
    QToolTip.hideText()


@pytest.mark.parametrize("index, days", [(0, 7), (2, 90), (1, 30)])
def test_the_period_chooser_asks_the_loader_for_its_days(qtbot: QtBot, make_dashboard: MakeDashboard,
                                                        index: int, days: int) -> None:
    asked: list[int] = []

    def load(days: int) -> TeamUsage:
        asked.append(days)
        return usage(days)

    window = make_dashboard(load)
    assert window.days() == 30
    if index == window.period.currentIndex():
        load_into(qtbot, window)
    else:
        with qtbot.waitSignal(window.loaded, timeout=TIMEOUT_MS):
            window.period.setCurrentIndex(index)
    assert asked == [days]
    assert window.header.text() == f"north · last {days} days · 14 of 20 agents active"


def test_a_failing_loader_shows_the_error_line(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    failing = True

    def load(days: int) -> TeamUsage:
        if failing:
            raise ConnectionError("the team server refused the connection")
        return usage(days)

    window = make_dashboard(load)
    with qtbot.waitSignal(window.failed, timeout=TIMEOUT_MS) as blocker:
        window.refresh()
    assert blocker.args == ["the team server refused the connection"]
    assert not window.error.isHidden()
    assert window.error.text() == "Could not load the team's usage: the team server refused the connection"
    assert window.status.isHidden()  # no longer loading
    error_color = window.error.palette().color(QPalette.ColorRole.WindowText)
    assert error_color.red() > error_color.green() and error_color.red() > error_color.blue()
    failing = False
    load_into(qtbot, window)
    assert window.error.isHidden()


def test_a_superseded_refresh_is_ignored(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    first_call = threading.Event()
    release = threading.Event()
    calls: list[int] = []

    def load(days: int) -> TeamUsage:
        calls.append(days)
        if len(calls) == 1:
            first_call.set()
            release.wait(TIMEOUT_MS / 1000)
            return usage(days, team="stale")
        return usage(days, team="fresh")

    window = make_dashboard(load)
    shown: list[TeamUsage] = []
    window.loaded.connect(shown.append)
    try:
        window.refresh()
        assert first_call.wait(TIMEOUT_MS / 1000)
        assert not window.status.isHidden() and window.status.text() == "Loading…"
        assert load_into(qtbot, window).team == "fresh"
    finally:
        release.set()
    # The older answer arrives after the newer one: it reaches the window and is dropped there.
    assert window.ops.wait(TIMEOUT_MS)
    QCoreApplication.processEvents()
    assert [item.team for item in shown] == ["fresh"]
    assert window.header.text().startswith("fresh · ")
    assert window.status.isHidden()


def test_no_data_shows_the_empty_text(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    window = make_dashboard(lambda _days: empty_usage())
    load_into(qtbot, window)
    assert window.header.text() == "north · last 30 days · 0 of 20 agents active"
    assert window.scripts_chart.bars() == () and window.misses_chart.bars() == ()
    assert window.scripts_chart.empty_text() == "No script was opened in this period"
    assert window.misses_chart.empty_text() == "Every search found something in this period"
    assert window.misses_chart.accessibleDescription() == "Every search found something in this period"
    assert window.scripts_table.rowCount() == 0 and window.misses_table.rowCount() == 0
    window.show()
    assert _colors(window.scripts_chart.grab().toImage()) > 2  # the frame, the base and the text


def test_the_chart_grows_with_its_bars(qtbot: QtBot) -> None:
    chart = BarChart()
    qtbot.addWidget(chart)
    empty = chart.sizeHint().height()
    chart.set_bars([("一", 1, "1"), ("二", 2, "2")])
    two = chart.sizeHint().height()
    chart.set_bars([(str(number), number, "") for number in range(8)], maximum=10)
    assert empty == two - chart._row_height() < two < chart.sizeHint().height()
    assert chart.maximum() == 10


def test_the_dashboard_is_drawn(qtbot: QtBot, make_dashboard: MakeDashboard) -> None:
    window = make_dashboard(lambda days: usage(days))
    window.resize(480, 640)
    with qtbot.waitSignal(window.loaded, timeout=TIMEOUT_MS):
        window.show()
    image = window.grab().toImage()
    assert not image.isNull() and image.width() > 0
    assert _colors(image) > 20  # text, bars, frames: far from one flat colour
    chart = window.scripts_chart.grab().toImage()
    bar = window.scripts_chart.palette().color(QPalette.ColorRole.Highlight).rgb()
    assert any(chart.pixel(x, y) == bar for x in range(chart.width()) for y in range(0, chart.height(), 3))


def test_the_screenshot_is_written(qtbot: QtBot, tmp_path: Path) -> None:
    path = take_dashboard_screenshot(tmp_path / "dashboard.png", usage(), lang="zh_CN")
    image = QImage(str(path))
    assert not image.isNull() and _colors(image) > 20
    assert QCoreApplication.translate("TeamDashboard", "Team dashboard") == "Team dashboard"  # put back


def _colors(image: QImage) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)})
