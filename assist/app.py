"""QApplication bootstrap: the display check, fonts, opening the store, the window, screenshots."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NO_DISPLAY_MESSAGE = ("assist: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it on "
                      "a virtual screen with: xvfb-run -a .venv/bin/assist")
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform.startswith(_HEADLESS_PLATFORMS))


def run_sidebar(args: argparse.Namespace) -> int:
    if args.screenshot:
        if not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from assist.context import AppContext
    from assist.paths import data_dir
    from assist.ui.search_window import SearchWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Agent Assist")
    app.setOrganizationName("Agent Assist")
    _prefer_cjk_font(app)
    context = AppContext.open(data_dir(args.data_dir),
                              db_url=args.db or os.environ.get("ASSIST_DB_URL"))
    window = SearchWindow(context)
    if args.screenshot:
        return _screenshot(window, Path(args.screenshot), args.state)
    window.show()
    window.search_box.setFocus()
    code = app.exec()
    context.close()
    return int(code)


def _prefer_cjk_font(app: object) -> None:
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    assert isinstance(app, QApplication)
    families = set(QFontDatabase.families())
    for family in ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
                   "Microsoft YaHei", "PingFang SC"):
        if family in families:
            font = QFont(app.font())
            font.setFamilies([family, *font.families()])
            app.setFont(font)
            return


def _screenshot(window: object, target: Path, state: str) -> int:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from assist.ui.search_window import SearchWindow

    assert isinstance(window, SearchWindow)
    window.show()
    if state.startswith("search:"):
        loop = QEventLoop()
        window.entry_shown.connect(lambda _id: loop.quit())

        def stop_if_empty(count: int) -> None:
            if count == 0:
                loop.quit()

        window.results_shown.connect(stop_if_empty)
        QTimer.singleShot(10_000, loop.quit)
        window.search_box.setText(state.removeprefix("search:"))
        loop.exec()
    QCoreApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(target), "PNG"):
        print(f"assist: could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0
