"""`assist --screenshot FILE --state ...`: the sidebar rendered offscreen in a realistic state."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

from assist.ui.shell import Shell

SCREENSHOT_SIZE = (420, 860)
TIMEOUT_MS = 20_000


def _wait(signal: object, timeout_ms: int = TIMEOUT_MS) -> bool:
    loop = QEventLoop()
    fired: list[bool] = []

    def done(*_args: object) -> None:
        fired.append(True)
        loop.quit()

    signal.connect(done)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(done)  # type: ignore[attr-defined]
    return bool(fired)


def take_screenshot(shell: Shell, target: Path, state: str) -> int:
    sidebar = shell.sidebar
    sidebar.resize(*SCREENSHOT_SIZE)
    sidebar.show()
    shell.start()
    if not _wait(shell.ready):
        print("assist: the knowledge base did not open in time", file=sys.stderr)
        return 1
    kind, _, value = state.partition(":")
    if kind == "search" and value and sidebar.context is not None:
        sidebar.search_box.setFocus()
        sidebar.search_box.setText(value)
        _wait(sidebar.results_shown)
        if sidebar.results.rowCount():
            sidebar.open_result(0)
            _wait(sidebar.entry_shown)
    elif kind == "script" and value and sidebar.context is not None:
        sidebar.open_document(value if value.startswith("script:") else f"script:{value}")
        if not _wait(sidebar.entry_shown, 5000):
            print(f"assist: no script {value!r} to show", file=sys.stderr)
            return 1
    elif state:
        print(f"assist: unknown --state {state!r}; use search:QUERY or script:ID", file=sys.stderr)
        return 2
    for _ in range(3):
        QCoreApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not sidebar.grab().save(str(target), "PNG"):
        print(f"assist: could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0
