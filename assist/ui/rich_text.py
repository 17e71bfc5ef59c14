"""Small HTML pieces for list delegates: highlighted matches, filled placeholders and open slots."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QPainter, QPalette, QTextDocument

from scripts_lib.placeholders import Segment


def smaller_font(font: QFont, bold: bool = False) -> QFont:
    """The secondary text of a row (snippets, captions, badges): 85% of the row's font."""
    smaller = QFont(font)
    smaller.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
    smaller.setBold(bold)
    return smaller


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def mark_color(palette: QPalette) -> str:
    return "#8a6d00" if is_dark(palette) else "#ffe58a"


def slot_color(palette: QPalette) -> str:
    return "#7a2e2e" if is_dark(palette) else "#ffd6d6"


def unbreakable_items(hint: str) -> str:
    """A "key action · key action" hint that wraps between items only, never inside one."""
    return " · ".join(item.strip().replace(" ", "\u00a0") for item in hint.split("·"))


def highlighted_html(text: str, spans: Sequence[tuple[int, int]], background: str) -> str:
    """Escape `text`, wrapping each (start, end) span in a marked run; bad spans are ignored."""
    pieces: list[str] = []
    cursor = 0
    for start, end in sorted(spans):
        start, end = max(start, cursor), min(end, len(text))
        if start >= end:
            continue
        pieces.append(html.escape(text[cursor:start]))
        pieces.append(f'<span style="background-color:{background}">'
                      f"{html.escape(text[start:end])}</span>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def segments_html(segments: Sequence[Segment], slot_background: str, slot_label: dict[str, str]) -> str:
    """A rendered line: filled placeholders bold so the agent sees what came from the card."""
    pieces: list[str] = []
    for segment in segments:
        if segment.is_slot:
            label = slot_label.get(segment.name or "", segment.name or "")
            pieces.append(f'<span style="background-color:{slot_background}">'
                          f"&nbsp;{html.escape(label)}&nbsp;</span>")
        elif segment.name is not None:
            pieces.append(f"<b>{html.escape(segment.text)}</b>")
        else:
            pieces.append(html.escape(segment.text))
    return "".join(pieces)


class HtmlBlock:
    """A laid-out HTML text, reused for sizing and painting one row."""

    def __init__(self, markup: str, width: float, palette: QPalette, font: object) -> None:
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        self.document.setDefaultFont(font)  # type: ignore[arg-type]
        self.document.setHtml(markup)
        self.document.setTextWidth(max(width, 40.0))
        self._palette = QPalette(palette)  # the option owning `palette` dies after this paint

    def size(self) -> QSizeF:
        return self.document.size()

    def paint(self, painter: QPainter, top_left: QPointF, text_color: QColor) -> None:
        painter.save()
        painter.translate(top_left)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = QPalette(self._palette)
        context.palette.setColor(QPalette.ColorRole.Text, text_color)
        context.clip = QRectF(0, 0, self.document.textWidth(), self.document.size().height())
        self.document.documentLayout().draw(painter, context)
        painter.restore()
