"""Light and dark looks, following the system unless the agent chose one, and the font size."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from knowledge.resources import resources_dir


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#202124", QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e8eaed", QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3b5a8a",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2d2f33",
        QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Mid: "#4a4d52", QPalette.ColorRole.Accent: "#8ab4f8",
        QPalette.ColorRole.Link: "#8ab4f8",
        # Fusion draws check boxes, frames and handles from these; left at their light defaults a
        # checklist's boxes vanish into the dark base.
        QPalette.ColorRole.Light: "#5f6368", QPalette.ColorRole.Midlight: "#45484d",
        QPalette.ColorRole.Dark: "#111214", QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6f75"))
    return palette


def _light_palette() -> QPalette:
    palette = QStyleFactory.create("Fusion").standardPalette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#cfe0fb"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#111111"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#f5f6f8"))
    palette.setColor(QPalette.ColorRole.Accent, QColor("#2d5fa8"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f75"))
    return palette


@cache
def _style_sheet() -> str:
    try:
        return (resources_dir() / "themes" / "sidebar.qss").read_text(encoding="utf-8")
    except OSError:
        return ""  # a missing sheet costs looks, not the sidebar


def apply_theme(app: QApplication, theme: str, font_size: int) -> bool:
    """Returns whether the dark look was chosen."""
    dark = theme == "dark" or (theme == "system" and system_prefers_dark())
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if dark else _light_palette())
    font = QFont(app.font())
    font.setPointSize(font_size)
    app.setFont(font)
    app.setStyleSheet(_style_sheet())
    return dark
