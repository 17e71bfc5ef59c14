"""A plain-text field that marks lint findings as the editor types: a wavy underline (red for an
error, orange for a warning), why and what to say instead on hover, and a one-click replacement in the
context menu. Replacing goes through a text cursor, so it is one step on the field's undo stack."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from knowledge.lint.check import Finding

ERROR_COLOR = "#d32f2f"
WARNING_COLOR = "#ef8a00"


def utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 units; Python's count code points (they differ past U+FFFF, emoji)."""
    return len(text[:index].encode("utf-16-le")) // 2


def finding_tip(finding: Finding) -> str:
    return f"{finding.why}\n→ {finding.suggestion}"


class LintTextEdit(QPlainTextEdit):
    replaced = Signal(object)  # the Finding whose phrase was replaced

    def __init__(self, field: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._findings: list[Finding] = []
        self.setTabChangesFocus(True)

    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Mark these findings (positions in the current text; stale ones are dropped by the caller)."""
        self._findings = [finding for finding in findings if finding.field == self.field]
        text = self.toPlainText()
        selections: list[QTextEdit.ExtraSelection] = []
        for finding in self._findings:
            if text[finding.start:finding.end] != finding.phrase:
                continue  # the text moved on since it was linted; the next lint marks it again
            selection = QTextEdit.ExtraSelection()
            char_format = QTextCharFormat()
            char_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            char_format.setUnderlineColor(QColor(ERROR_COLOR if finding.is_error else WARNING_COLOR))
            char_format.setToolTip(finding_tip(finding))
            selection.format = char_format
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, finding.start))
            cursor.setPosition(utf16_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)

    def finding_at(self, position: int) -> Finding | None:
        """The finding under a Qt cursor position, if any."""
        text = self.toPlainText()
        for finding in self._findings:
            if utf16_offset(text, finding.start) <= position <= utf16_offset(text, finding.end):
                return finding
        return None

    def apply_replacement(self, finding: Finding) -> bool:
        """Replace the finding's phrase with its one-click replacement; False when there is none or the
        phrase is no longer where it was found."""
        text = self.toPlainText()
        if finding.replace is None or text[finding.start:finding.end] != finding.phrase:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(utf16_offset(text, finding.start))
        cursor.setPosition(utf16_offset(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(finding.replace)
        self._findings = [other for other in self._findings if other != finding]
        self.set_findings(self._findings)
        self.replaced.emit(finding)
        return True

    def viewportEvent(self, event: QEvent) -> bool:
        # Tool tips arrive at the viewport; the one to show is the finding under the mouse.
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            finding = self.finding_at(self.cursorForPosition(event.pos()).position())
            if finding is not None:
                QToolTip.showText(event.globalPos(), finding_tip(finding), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        finding = self.finding_at(self.cursorForPosition(event.pos()).position())
        if finding is not None and finding.replace is not None and not self.isReadOnly():
            first = menu.actions()[0] if menu.actions() else None
            action = menu.addAction(self.tr("Replace with “%1”").replace("%1", finding.replace))
            action.triggered.connect(lambda: self.apply_replacement(finding))
            if first is not None:
                menu.insertAction(first, action)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()
