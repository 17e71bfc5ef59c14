"""Paints one search hit: its number for Ctrl+1..9, its kind, the title and a snippet, matches marked.

Every row has the same height (a one-line title, a two-line snippet), so the list lays out without
measuring text, and only the rows on screen are ever laid out: that keeps a keystroke's repaint cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from assist.ui.results_model import ResultsModel
from assist.ui.rich_text import HtmlBlock, highlighted_html, is_dark, mark_color, smaller_font
from knowledge.search.engine import SearchHit

_Index = QModelIndex | QPersistentModelIndex
PADDING = 6
GAP = 6
SNIPPET_LINES = 2


def _clip_spans(spans: tuple[tuple[int, int], ...], length: int) -> tuple[tuple[int, int], ...]:
    return tuple((start, min(end, length)) for start, end in spans if start < length)


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blocks: dict[tuple[str, int, str], HtmlBlock] = {}
        self._heights: dict[tuple[str, int], tuple[float, float]] = {}

    def clear_cache(self) -> None:
        self._blocks.clear()

    @staticmethod
    def _small_font(option: QStyleOptionViewItem) -> QFont:
        return smaller_font(option.font)

    @staticmethod
    def _title_font(option: QStyleOptionViewItem) -> QFont:
        font = QFont(option.font)
        font.setBold(True)
        return font

    def _line_heights(self, option: QStyleOptionViewItem) -> tuple[float, float]:
        """A title line and a full snippet, measured once per font: documents add their own leading."""
        key = (option.font.toString(), SNIPPET_LINES)
        if key not in self._heights:
            palette = option.palette
            title = HtmlBlock("国", 400, palette, self._title_font(option)).size().height()
            snippet = HtmlBlock("<br>".join(["国"] * SNIPPET_LINES), 400, palette,
                                self._small_font(option)).size().height()
            self._heights[key] = (title, snippet)
        return self._heights[key]

    def _badge_width(self, option: QStyleOptionViewItem) -> int:
        metrics = QFontMetrics(self._small_font(option))
        labels = (ResultsModel.kind_label("faq"), ResultsModel.kind_label("script"))
        return max(metrics.horizontalAdvance(label) for label in labels) + 10

    def _text_left(self, option: QStyleOptionViewItem) -> int:
        number_width = QFontMetrics(self._small_font(option)).horizontalAdvance("9") + 4
        return PADDING + number_width + GAP + self._badge_width(option) + GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        title, snippet = self._line_heights(option)
        view = self.parent()
        width = view.viewport().width() if isinstance(view, QWidget) and hasattr(view, "viewport") \
            else option.rect.width()
        return QSize(width, int(title + 2 + snippet + 2 * PADDING + 0.5))

    def _cached(self, hit: SearchHit, part: str, width: int, option: QStyleOptionViewItem) -> HtmlBlock:
        palette = option.palette
        key = (f"{hit.doc_id}\0{hit.title}\0{hit.snippet}\0{palette.color(QPalette.ColorRole.Window).name()}",
               width, part)
        block = self._blocks.get(key)
        if block is None:
            if len(self._blocks) > 200:
                self._blocks.clear()
            block = (self._title(hit, width, option) if part == "title"
                     else self._snippet(hit, width, option))
            self._blocks[key] = block
        return block

    def _title(self, hit: SearchHit, width: int, option: QStyleOptionViewItem) -> HtmlBlock:
        font = self._title_font(option)
        title = QFontMetrics(font).elidedText(hit.title, Qt.TextElideMode.ElideRight, width - 2)
        kept = len(title) if title == hit.title else max(0, len(title) - 1)
        markup = highlighted_html(title, _clip_spans(hit.title_highlights, kept), mark_color(option.palette))
        return HtmlBlock(markup, width + 40, option.palette, font)  # wider: never wraps what fits

    def _snippet(self, hit: SearchHit, width: int, option: QStyleOptionViewItem) -> HtmlBlock:
        """The snippet in SNIPPET_LINES lines, cut with "…" where it runs over."""
        font, palette = self._small_font(option), option.palette
        limit = self._line_heights(option)[1] + 1
        text = hit.snippet

        def block(length: int) -> HtmlBlock:
            shown = text if length >= len(text) else text[:length].rstrip() + "…"
            return HtmlBlock(highlighted_html(shown, _clip_spans(hit.snippet_highlights, length),
                                              mark_color(palette)), width, palette, font)

        # A first guess from the text's advance, then shorter until it fits: one or two layouts.
        metrics = QFontMetrics(font)
        length, room = len(text), width * SNIPPET_LINES * 0.92
        advance = 0
        for position, char in enumerate(text):
            advance += metrics.horizontalAdvance(char)
            if advance > room:
                length = position
                break
        candidate = block(length)
        while length > 0 and candidate.size().height() > limit:
            length = max(0, length - max(2, length // 10))
            candidate = block(length)
        return candidate

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        hit = index.data(ResultsModel.HitRole)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        elif index.row() % 2:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        small = self._small_font(option)
        painter.setFont(small)
        metrics = QFontMetrics(small)
        top = rect.top() + PADDING
        if index.row() < 9:
            painter.setPen(text_color)
            painter.drawText(QRect(rect.left() + PADDING, top, metrics.horizontalAdvance("9") + 4,
                                   metrics.height()), Qt.AlignmentFlag.AlignLeft, str(index.row() + 1))
        badge_left = rect.left() + PADDING + metrics.horizontalAdvance("9") + 4 + GAP
        badge = QRect(badge_left, top, self._badge_width(option), metrics.height() + 2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._kind_color(hit.kind, palette))
        painter.drawRoundedRect(badge, 4, 4)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, ResultsModel.kind_label(hit.kind))
        left = rect.left() + self._text_left(option)
        width = max(120, rect.right() - left - PADDING)
        title_height = self._line_heights(option)[0]
        painter.setClipRect(QRect(left, top, width, int(title_height + 1)))
        self._cached(hit, "title", width, option).paint(painter, QPointF(left, top), text_color)
        painter.setClipping(False)
        muted = QColor(text_color)
        if not selected:
            muted.setAlpha(190)
        self._cached(hit, "snippet", width, option).paint(
            painter, QPointF(left, top + title_height + 2), muted)
        painter.restore()

    @staticmethod
    def _kind_color(kind: str, palette: QPalette) -> QColor:
        if kind == "script":
            return QColor("#2f7d4f" if not is_dark(palette) else "#3f9a66")
        return QColor("#2d5fa8" if not is_dark(palette) else "#4a7cc4")
