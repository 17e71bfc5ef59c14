"""Lines an agent reads out or copies (answer sentences, a step's say lines): model, delegate, view."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from assist.ui.rich_text import HtmlBlock, segments_html, slot_color, smaller_font
from scripts_lib.placeholders import RenderedLine

_Index = QModelIndex | QPersistentModelIndex
PADDING = 6


@dataclass(frozen=True)
class Line:
    rendered: RenderedLine
    part: str  # which part of the entry or script it came from, for the usage log
    section: str = ""  # a caption drawn above the line when it starts a section

    @property
    def text(self) -> str:
        return self.rendered.text


class LinesModel(QAbstractListModel):
    LineRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._lines: list[Line] = []

    def set_lines(self, lines: Sequence[Line]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line(self, row: int) -> Line | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def lines(self) -> list[Line]:
        return list(self._lines)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return line.text
        if role == self.LineRole:
            return line
        return None


class LineDelegate(QStyledItemDelegate):
    """A section caption when the line starts one, then the line with card values in bold."""

    def __init__(self, view: QListView, slot_labels: Mapping[str, str] | None = None) -> None:
        super().__init__(view)
        self._view = view
        self.slot_labels: dict[str, str] = dict(slot_labels or {})
        self._blocks: dict[tuple[int, int, str], HtmlBlock] = {}

    def clear_cache(self) -> None:
        self._blocks.clear()

    def _block(self, line: Line, width: int, option: QStyleOptionViewItem) -> HtmlBlock:
        palette: QPalette = option.palette
        key = (id(line), width, palette.color(QPalette.ColorRole.Window).name())
        block = self._blocks.get(key)
        if block is None:
            if len(self._blocks) > 200:
                self._blocks.clear()
            markup = segments_html(line.rendered.segments, slot_color(palette), self.slot_labels)
            block = HtmlBlock(markup, width, palette, option.font)
            self._blocks[key] = block
        return block

    @staticmethod
    def _caption_font(option: QStyleOptionViewItem) -> QFont:
        return smaller_font(option.font, bold=True)

    def _caption_height(self, line: Line, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(self._caption_font(option)).lineSpacing() + 4 if line.section else 0

    def _text_width(self) -> int:
        return max(120, self._view.viewport().width() - 2 * PADDING - 4)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = index.data(LinesModel.LineRole)
        if not isinstance(line, Line):
            return super().sizeHint(option, index)
        block = self._block(line, self._text_width(), option)
        height = self._caption_height(line, option) + block.size().height() + 2 * PADDING
        return QSize(self._view.viewport().width(), int(height + 0.5))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        line = index.data(LinesModel.LineRole)
        if not isinstance(line, Line):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        top = rect.top() + PADDING
        if line.section:
            caption = QColor(palette.color(QPalette.ColorRole.Text))
            caption.setAlpha(160)
            painter.setPen(caption)
            painter.setFont(self._caption_font(option))
            painter.drawText(QRect(rect.left() + PADDING, top, rect.width() - 2 * PADDING,
                                   self._caption_height(line, option)),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, line.section)
            top += self._caption_height(line, option)
        block = self._block(line, self._text_width(), option)
        body = QRect(rect.left(), top - 3, rect.width(), int(block.size().height()) + 6)
        if selected:
            painter.fillRect(body, palette.color(QPalette.ColorRole.Highlight))
            painter.fillRect(QRect(body.left(), body.top(), 3, body.height()),
                             palette.color(QPalette.ColorRole.Accent))
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        block.paint(painter, QPointF(rect.left() + PADDING + 4, top), text_color)
        painter.restore()


class LinesView(QListView):
    """Up/Down pick a line; Enter or Ctrl+C copies it; Ctrl+Shift+C copies its whole section."""

    copy_requested = Signal(object)  # a Line
    copy_section_requested = Signal(object)  # the Lines of the current line's section

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines_model = LinesModel(self)
        self.setModel(self.lines_model)
        self.line_delegate = LineDelegate(self)
        self.setItemDelegate(self.line_delegate)
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_lines(self, lines: Sequence[Line], current: int = 0) -> None:
        self.line_delegate.clear_cache()
        self.lines_model.set_lines(lines)
        if lines:
            self.setCurrentIndex(self.lines_model.index(max(0, min(current, len(lines) - 1))))

    def current_line(self) -> Line | None:
        return self.lines_model.line(self.currentIndex().row())

    def section_of_current(self) -> list[Line]:
        row = self.currentIndex().row()
        lines = self.lines_model.lines()
        if not 0 <= row < len(lines):
            return []
        start = row
        while start > 0 and not lines[start].section:
            start -= 1
        end = row + 1
        while end < len(lines) and not lines[end].section:
            end += 1
        return lines[start:end]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.current_line()
        if line is not None:
            if event.matches(QKeySequence.StandardKey.Copy) or event.key() in (
                    Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.copy_requested.emit(line)
                event.accept()
                return
            if event.key() == Qt.Key.Key_C and event.modifiers() == (
                    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
                self.copy_section_requested.emit(self.section_of_current())
                event.accept()
                return
        super().keyPressEvent(event)

    def resizeEvent(self, event: Any) -> None:
        self.line_delegate.clear_cache()
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()
