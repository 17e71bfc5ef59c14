"""`assist --screenshot FILE --state ...`: the sidebar rendered offscreen in a realistic state."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from assist.ui.shell import Shell
from assist.ui.waiting import wait_for_signal

SCREENSHOT_SIZE = (420, 860)
TIMEOUT_MS = 20_000


def take_screenshot(shell: Shell, target: Path, state: str) -> int:
    sidebar = shell.sidebar
    sidebar.resize(*SCREENSHOT_SIZE)
    sidebar.show()
    if not wait_for_signal(shell.ready, timeout_ms=TIMEOUT_MS, action=shell.start):
        print("assist: the knowledge base did not open in time", file=sys.stderr)
        return 1
    kind, _, value = state.partition(":")
    if kind == "search" and value and sidebar.context is not None:
        sidebar.search_box.setFocus()
        wait_for_signal(sidebar.results_shown, action=lambda: sidebar.search_box.setText(value))
        if sidebar.results.rowCount():
            wait_for_signal(sidebar.entry_shown, action=lambda: sidebar.open_result(0))
    elif kind == "script" and value and sidebar.context is not None:
        doc_id = value if value.startswith("script:") else f"script:{value}"
        if not wait_for_signal(sidebar.entry_shown, timeout_ms=5000,
                               action=lambda: sidebar.open_document(doc_id)):
            print(f"assist: no script {value!r} to show", file=sys.stderr)
            return 1
    elif kind in ("call", "ended") and value:
        # The phone rings from this number (any form), as the command hook would report it.
        from assist.telephony.events import make_event

        calls = shell.calls
        event = make_event("ringing", value, "hook", None, "screenshot")
        if not wait_for_signal(calls.card_shown, timeout_ms=5000, action=lambda: calls.deliver(event)):
            print("assist: the caller's card did not come up", file=sys.stderr)
            return 1
        if kind == "ended":
            calls.deliver(make_event("ended", value, "hook", None, "screenshot"))
            wait_for_signal(sidebar.wrap_up.saved, timeout_ms=500)  # time for the wrap-up to open
    elif state:
        print(f"assist: unknown --state {state!r}; use search:QUERY, script:ID, call:NUMBER or "
              "ended:NUMBER", file=sys.stderr)
        return 2
    for _ in range(3):
        QCoreApplication.processEvents()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not sidebar.grab().save(str(target), "PNG"):
        print(f"assist: could not write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0
