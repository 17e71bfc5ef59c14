"""The newest keystroke wins: stale and cancelled answers never reach the result list."""

from __future__ import annotations

import threading
from collections.abc import Callable

from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from assist.ui.ops import BackgroundOps
from assist.ui.search_controller import SearchController
from knowledge.search.engine import SearchHit


def hit(doc_id: str) -> SearchHit:
    return SearchHit(doc_id=doc_id, kind="faq", lang="en", title=doc_id, score=1.0, snippet="")


def test_typing_back_to_an_earlier_text_never_shows_its_cancelled_answer(qtbot: QtBot) -> None:
    ops = BackgroundOps()
    release = threading.Event()
    calls: list[str] = []

    def searcher(text: str, cancelled: Callable[[], bool]) -> list[SearchHit]:
        calls.append(text)
        if len(calls) == 1:
            release.wait(5)
        # The engine answers a cancelled search with nothing, like a real empty result.
        return [] if cancelled() else [hit(f"{text}-{len(calls)}")]

    controller = SearchController(ops)
    controller.set_searcher(searcher)
    shown: list[tuple[str, list[SearchHit]]] = []
    controller.results_ready.connect(lambda text, hits: shown.append((text, hits)))
    controller.request("tuikuan")
    qtbot.waitUntil(lambda: calls == ["tuikuan"])
    controller.request("tuikuanx")  # a typo while the first search runs
    controller.request("tuikuan")  # and Backspace
    release.set()
    qtbot.waitUntil(lambda: bool(shown))
    ops.wait()
    # The first run was cancelled mid-way; only a fresh run of the same text is shown.
    assert calls == ["tuikuan", "tuikuan"]
    assert shown == [("tuikuan", [hit("tuikuan-2")])]


def test_failures_are_reported_for_the_text_that_failed(qtbot: QtBot) -> None:
    ops = BackgroundOps()

    def broken(text: str, _cancelled: Callable[[], bool]) -> list[SearchHit]:
        raise RuntimeError("index file unreadable")

    controller = SearchController(ops)
    controller.set_searcher(broken)
    with qtbot.waitSignal(controller.failed, timeout=5000) as failed:
        controller.request("wuliu")
    assert failed.args == ["wuliu", "index file unreadable"]
    ops.wait()


def test_an_answer_for_a_closed_widget_is_dropped(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QWidget

    owner = QWidget()
    ops = BackgroundOps(owner)
    release = threading.Event()
    delivered: list[int] = []
    ops.run(lambda: release.wait(5) and 1, delivered.append, lambda _error: None)
    # The work finishes while the owner is being deleted (its pool waits for running work).
    threading.Timer(0.2, release.set).start()
    owner.deleteLater()
    qtbot.waitUntil(lambda: not isValid(owner))
    qtbot.wait(200)  # the worker's answer arrives on the event loop, for nobody
    assert delivered == []
