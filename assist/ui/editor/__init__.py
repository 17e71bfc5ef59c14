"""The knowledge editor: drafts with autosave, inline lint, review, history and the miss report."""

from assist.ui.editor.screenshot import take_editor_screenshot
from assist.ui.editor.window import EditorWindow

__all__ = ["EditorWindow", "take_editor_screenshot"]
