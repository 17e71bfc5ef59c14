"""The team lead's dashboard: how widely the team uses each script and which searches found nothing,
from `assist.team.usage`. The window only shows what its loader returns; the loader (a network read)
runs on a BackgroundOps worker, never on the GUI thread."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QPoint,
    QRectF,
    QSize,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from assist.ui.i18n import fill
from assist.ui.ops import BackgroundOps

if TYPE_CHECKING:
    # Only for annotations: the usage module brings SQLAlchemy, which the window itself never needs.
    from assist.team.usage import TeamUsage

Bar = tuple[str, float, str]  # label, value, caption

PERIODS = (7, 30, 90)
DEFAULT_DAYS = 30
WINDOW_SIZE = (480, 640)
# A newer refresh must not queue behind an older one stuck on a slow server.
LOAD_THREADS = 3

def _percent(share: float) -> str:
    locale = QLocale()
    return f"{locale.toString(round(share * 100))}{locale.percent()}"


class BarChart(QWidget):
    """Horizontal bars, one per row: the label on the left, the bar, its caption at the bar's end.
    Painted by hand because PySide6-Essentials has no QtCharts; colours come from the palette so the
    light and dark looks both read."""

    MARGIN = 8
    GAP = 8
    ROW_PADDING = 10

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: tuple[Bar, ...] = ()
        self._maximum = 1.0
        self._empty_text = ""
        # The chart is as tall as its rows: the window scrolls, the chart never clips.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._describe()

    # -- data ------------------------------------------------------------------------------------

    def set_bars(self, bars: Sequence[Bar], maximum: float | None = None) -> None:
        """`maximum` is the value of a full-width bar; None scales to the largest value."""
        self._bars = tuple((str(label), float(value), str(caption)) for label, value, caption in bars)
        largest = max((value for _, value, _ in self._bars), default=0.0)
        self._maximum = maximum if maximum is not None and maximum > 0 else (largest or 1.0)
        self._describe()
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def maximum(self) -> float:
        return self._maximum

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self._describe()
        self.update()

    def empty_text(self) -> str:
        return self._empty_text or self.tr("Nothing to show")

    def _describe(self) -> None:
        # What a screen reader says instead of the picture: every bar's label and caption.
        if self._bars:
            lines = (f"{label}: {caption}" for label, _, caption in self._bars)
            self.setAccessibleDescription("\n".join(lines))
        else:
            self.setAccessibleDescription(self.empty_text())

    # -- geometry ----------------------------------------------------------------------------------

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + self.ROW_PADDING

    def sizeHint(self) -> QSize:
        return QSize(360, 2 * self.MARGIN + self._row_height() * max(1, len(self._bars)))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.sizeHint().height())

    def _fraction(self, value: float) -> float:
        return min(1.0, max(0.0, value / self._maximum))

    def _room(self, bar_left: float, captions: Sequence[tuple[float, int]]) -> float:
        """The longest bar that still leaves every bar's own caption room after its end: a short bar
        may carry a long caption, so captions need not all be reserved at their widest."""
        right = self.width() - self.MARGIN
        room = right - bar_left
        for fraction, caption_width in captions:
            # A pixel spare: bar ends fall between pixels, and a caption one pixel short is elided.
            free = right - bar_left - self.GAP - caption_width - 1
            room = min(room, free / fraction if fraction > 0 else room)
        return max(0.0, room)

    def _columns(self) -> tuple[float, float, float]:
        """The label column's width, where bars start, and the room a full bar has."""
        metrics = QFontMetrics(self.font())
        inner = self.width() - 2 * self.MARGIN
        captions = [(self._fraction(value), metrics.horizontalAdvance(caption))
                    for _, value, caption in self._bars]
        natural = max((metrics.horizontalAdvance(label) for label, _, _ in self._bars), default=0)
        label_width = float(min(natural, int(inner * 0.4)))
        # Long titles give way (elided) before the bars shrink below a readable length.
        while True:
            bar_left = self.MARGIN + label_width + self.GAP
            room = self._room(bar_left, captions)
            if room >= inner * 0.25 or label_width <= 60:
                return label_width, bar_left, room
            label_width = max(60.0, label_width - 8)

    def row_at(self, position: QPoint) -> int | None:
        row = (position.y() - self.MARGIN) // self._row_height()
        if position.y() < self.MARGIN or not 0 <= row < len(self._bars):
            return None
        return int(row)

    def tool_tip_at(self, position: QPoint) -> str:
        row = self.row_at(position)
        if row is None:
            return ""
        label, _, caption = self._bars[row]
        return f"{label}\n{caption}"

    # -- events ------------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tool_tip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self.updateGeometry()
        elif event.type() == QEvent.Type.LanguageChange:
            self._describe()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.base())
        painter.drawRect(frame)
        if not self._bars:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text())
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        label_width, bar_left, room = self._columns()
        row_height = self._row_height()
        bar_height = max(6, row_height - 12)
        text_color = palette.color(QPalette.ColorRole.Text)
        bar_color = palette.color(QPalette.ColorRole.Highlight)
        middle = int(Qt.AlignmentFlag.AlignVCenter)
        for row, (label, value, caption) in enumerate(self._bars):
            top = self.MARGIN + row * row_height
            painter.setPen(text_color)
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_width))
            painter.drawText(QRectF(self.MARGIN, top, label_width, row_height),
                             int(Qt.AlignmentFlag.AlignLeft) | middle, shown)
            fraction = self._fraction(value)
            # A non-zero value keeps a sliver: "a few" must not look like "none".
            length = room * fraction if fraction == 0 else max(2.0, room * fraction)
            painter.fillRect(QRectF(bar_left, top + (row_height - bar_height) / 2, length, bar_height),
                             bar_color)
            caption_left = bar_left + length + self.GAP
            caption_width = max(0.0, self.width() - self.MARGIN - caption_left)
            painter.drawText(QRectF(caption_left, top, caption_width, row_height),
                             int(Qt.AlignmentFlag.AlignLeft) | middle,
                             metrics.elidedText(caption, Qt.TextElideMode.ElideRight, int(caption_width)))
        painter.end()


def _number_item(value: str) -> QTableWidgetItem:
    item = QTableWidgetItem(value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    # The page scrolls as a whole; a table scrolling inside it would trap the wheel.
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return table


def _fit_height(table: QTableWidget) -> None:
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows + 2 * table.frameWidth())


class TeamDashboard(QWidget):
    """A window of its own. `load(days)` runs on a worker thread and returns the team's usage; a
    refresh asked for later wins over one still running (its answer is dropped)."""

    loaded = Signal(object)  # TeamUsage, once shown
    failed = Signal(str)  # the loader's error message

    def __init__(self, load: Callable[[int], TeamUsage], parent: QWidget | None = None,
                 days: int = DEFAULT_DAYS) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._load = load
        self.ops = BackgroundOps(self, threads=LOAD_THREADS)
        self._generation = 0
        self._loading = False
        self._usage: TeamUsage | None = None
        self._error = ""

        self.header = QLabel(self)
        self.header.setWordWrap(True)
        header_font = self.header.font()
        # Bold only: a size set here would stop following the sidebar's font size setting.
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.period_label = QLabel(self)
        self.period = QComboBox(self)
        for days_choice in PERIODS:
            self.period.addItem("", days_choice)
        self.period.setCurrentIndex(max(0, self.period.findData(days)))
        self.period_label.setBuddy(self.period)
        self.period.currentIndexChanged.connect(lambda _index: self.refresh())
        self.show_tables = QCheckBox(self)
        self.show_tables.toggled.connect(self._switch_view)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.hide()
        self.error = QLabel(self)
        self.error.setObjectName("dashboardError")
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self._color_error()

        self.scripts_heading = QLabel(self)
        self.scripts_hint = QLabel(self)
        self.scripts_chart = BarChart(self)
        self.scripts_table = _table(self, 5)
        self.misses_heading = QLabel(self)
        self.misses_hint = QLabel(self)
        self.misses_chart = BarChart(self)
        self.misses_table = _table(self, 3)
        for heading in (self.scripts_heading, self.misses_heading):
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
        for hint in (self.scripts_hint, self.misses_hint):
            hint.setObjectName("hint")
            hint.setWordWrap(True)

        controls = QHBoxLayout()
        controls.addWidget(self.period_label)
        controls.addWidget(self.period)
        controls.addSpacing(12)
        controls.addWidget(self.show_tables)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        page = QWidget()
        sections = QVBoxLayout(page)
        sections.setContentsMargins(0, 0, 0, 0)
        for heading, hint, chart, table in (
                (self.scripts_heading, self.scripts_hint, self.scripts_chart, self.scripts_table),
                (self.misses_heading, self.misses_hint, self.misses_chart, self.misses_table)):
            sections.addWidget(heading)
            sections.addWidget(hint)
            sections.addWidget(chart)
            sections.addWidget(table)
            sections.addSpacing(10)
        sections.addStretch(1)
        self.page = QScrollArea(self)
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QFrame.Shape.NoFrame)
        self.page.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page.setWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(self.page, 1)
        self._switch_view(False)
        self.resize(*WINDOW_SIZE)
        self.retranslate()

    # -- loading -----------------------------------------------------------------------------------

    def days(self) -> int:
        return int(self.period.currentData() or DEFAULT_DAYS)

    def usage(self) -> TeamUsage | None:
        return self._usage

    def refresh(self) -> None:
        self._generation += 1
        generation, days, load = self._generation, self.days(), self._load
        self._loading = True
        self._error = ""
        self._show_state()

        def done(usage: TeamUsage) -> None:
            if generation != self._generation:
                return  # superseded: a newer refresh (another period, perhaps) is what is wanted
            self._loading = False
            self._usage = usage
            self._show_usage()
            self._show_state()
            self.loaded.emit(usage)

        def failed(error: Exception) -> None:
            if generation != self._generation:
                return
            self._loading = False
            self._error = str(error) or type(error).__name__
            self._show_state()
            self.failed.emit(self._error)

        self.ops.run(lambda: load(days), done, failed)

    def showEvent(self, event: QShowEvent) -> None:
        # Opened without data: load it then, so whoever opens the window need not remember to.
        if self._usage is None and self._generation == 0:
            self.refresh()
        super().showEvent(event)

    # -- showing -----------------------------------------------------------------------------------

    def _show_state(self) -> None:
        self.status.setText(self.tr("Loading…"))
        self.status.setVisible(self._loading)
        self.error.setText(fill(self.tr("Could not load the team's usage: %1"), self._error))
        self.error.setVisible(bool(self._error))

    def _show_usage(self) -> None:
        usage = self._usage
        if usage is None:
            self.header.setText("")
            self.header.hide()
            return
        locale = QLocale()
        self.header.show()
        template = self.tr("%1 · last %2 days · %3 of %Ln agents active", "", usage.team_agents)
        self.header.setText(fill(template, usage.team, locale.toString(usage.days),
                                  locale.toString(usage.active_agents)))
        since = usage.since.astimezone().date()
        self.header.setToolTip(fill(self.tr("Since %1"), locale.toString(
            QDate(since.year, since.month, since.day), QLocale.FormatType.ShortFormat)))
        script_bars: list[Bar] = []
        self.scripts_table.setRowCount(len(usage.scripts))
        for row, script in enumerate(usage.scripts):
            agents = self.tr("%Ln agents", "", script.agents)
            opens = self.tr("%Ln opens", "", script.opens)
            caption = " · ".join((agents, _percent(script.share), opens))
            script_bars.append((script.title, script.share, caption))
            title = QTableWidgetItem(script.title)
            title.setToolTip(f"{script.title}\n{script.script_id}")
            self.scripts_table.setItem(row, 0, title)
            self.scripts_table.setItem(row, 1, _number_item(locale.toString(script.agents)))
            self.scripts_table.setItem(row, 2, _number_item(_percent(script.share)))
            self.scripts_table.setItem(row, 3, _number_item(locale.toString(script.opens)))
            self.scripts_table.setItem(row, 4, _number_item(locale.toString(script.copies)))
        # Adoption is out of the whole team: a full bar is every agent, not the best-used script.
        self.scripts_chart.set_bars(script_bars, maximum=1.0)
        miss_bars: list[Bar] = []
        self.misses_table.setRowCount(len(usage.misses))
        for row, miss in enumerate(usage.misses):
            times = self.tr("%Ln times", "", miss.count)
            caption = " · ".join((times, self.tr("%Ln agents", "", miss.agents)))
            miss_bars.append((miss.query, float(miss.count), caption))
            query = QTableWidgetItem(miss.query)
            query.setToolTip(miss.query)
            self.misses_table.setItem(row, 0, query)
            self.misses_table.setItem(row, 1, _number_item(locale.toString(miss.count)))
            self.misses_table.setItem(row, 2, _number_item(locale.toString(miss.agents)))
        self.misses_chart.set_bars(miss_bars)
        for table in (self.scripts_table, self.misses_table):
            table.resizeRowsToContents()
            _fit_height(table)

    def _switch_view(self, tables: bool) -> None:
        pairs = ((self.scripts_chart, self.scripts_table), (self.misses_chart, self.misses_table))
        for chart, table in pairs:
            chart.setVisible(not tables)
            table.setVisible(tables)

    def _color_error(self) -> None:
        # Red that reads on either look: darker on a light window, lighter on a dark one.
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#f28b82" if dark else "#b3261e"))
        self.error.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._color_error()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Team dashboard"))
        self.period_label.setText(self.tr("Period:"))
        for index, days in enumerate(PERIODS):
            self.period.setItemText(index, fill(self.tr("Last %1 days"), QLocale().toString(days)))
        self.show_tables.setText(self.tr("Exact numbers"))
        self.show_tables.setToolTip(self.tr("Show tables instead of charts"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.scripts_heading.setText(self.tr("Script adoption"))
        self.scripts_hint.setText(self.tr("Share of the team's agents who opened each script"))
        self.misses_heading.setText(self.tr("Searches that found nothing"))
        self.misses_hint.setText(self.tr("What agents searched for without opening any result"))
        self.scripts_chart.setAccessibleName(self.tr("Script adoption"))
        self.scripts_chart.set_empty_text(self.tr("No script was opened in this period"))
        self.misses_chart.setAccessibleName(self.tr("Searches that found nothing"))
        self.misses_chart.set_empty_text(self.tr("Every search found something in this period"))
        self.scripts_table.setAccessibleName(self.tr("Script adoption"))
        self.misses_table.setAccessibleName(self.tr("Searches that found nothing"))
        self.scripts_table.setHorizontalHeaderLabels([self.tr("Script"), self.tr("Agents"), self.tr("Share"),
                                                      self.tr("Opens"), self.tr("Copies")])
        self.misses_table.setHorizontalHeaderLabels([self.tr("Search"), self.tr("Times"), self.tr("Agents")])
        self._show_state()
        self._show_usage()


def take_dashboard_screenshot(path: Path, usage: TeamUsage, lang: str | None = None) -> Path:
    """The dashboard showing `usage`, rendered offscreen into a PNG at `path`; `lang` is a UI language
    (zh_CN, zh_TW, en) for this shot only, else whatever the application has installed."""
    path = Path(path)
    app = QApplication.instance()
    if app is None:
        from assist.app import has_display

        if not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([])
        assert isinstance(app, QApplication)
        # Dressed like the sidebar, so the shot shows what a lead would see.
        from assist.ui.shell import prefer_cjk_font
        from assist.ui.theme import apply_theme

        apply_theme(app, "light", 11)
        prefer_cjk_font(app)
        # Nothing is installed in an application made here: English still needs its plural forms.
        lang = lang or "en"
    translator: QTranslator | None = None
    locale = QLocale()
    if lang is not None:
        from assist.ui.i18n import translations_dir

        translator = QTranslator()
        if not translator.load(f"assist_{lang}", str(translations_dir())):
            raise FileNotFoundError(f"no translation assist_{lang}.qm in {translations_dir()}")
        QCoreApplication.installTranslator(translator)
        QLocale.setDefault(QLocale(lang))
    from assist.ui.waiting import wait_for_signal

    window = TeamDashboard(lambda _days: usage, days=usage.days)
    try:
        window.resize(*WINDOW_SIZE)
        # Shown, it loads by itself; the answer comes back through the event loop.
        if not wait_for_signal(window.loaded, timeout_ms=10_000, action=window.show):
            raise TimeoutError("the dashboard did not show its data")
        for _ in range(3):
            QCoreApplication.processEvents()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
    finally:
        window.close()
        window.deleteLater()
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
            QLocale.setDefault(locale)
    return path
