"""`ASSIST_FIRST_PAINT=1` (or `exit`) makes the sidebar print `first-paint <epoch seconds>` once its
window has been painted the first time, so start-up can be timed from outside, the same way for the
installed app and the bundle (scripts/bundle_figures.py). With `exit` it then quits."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, window: QWidget, quit_after: bool) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._quit_after = quit_after
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and watched is self._window and event.type() == QEvent.Type.Paint:
            self._seen = True
            # After this paint event is handled: the moment the window has its first picture.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.time():.6f}", flush=True, file=sys.stdout)
        self._window.removeEventFilter(self)
        if self._quit_after:
            self._app.quit()


def report_first_paint(app: QApplication, window: QWidget, quit_after: bool) -> None:
    window.installEventFilter(_FirstPaint(app, window, quit_after))
