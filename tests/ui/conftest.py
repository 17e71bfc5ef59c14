"""One demo store for the widget tests: opening it and loading its index is the slow part."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assist.context import AppContext


@pytest.fixture(scope="session")
def demo_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppContext]:
    context = AppContext.open(tmp_path_factory.mktemp("ui-data"))
    context.search  # noqa: B018 - build the index once, before any widget waits on it
    yield context
    context.close()
