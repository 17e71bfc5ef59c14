"""Shared fixtures: every test gets its own data directory, an in-memory keyring, no real display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


class MemoryKeyring(KeyringBackend):
    """Headless Linux has no keyring; the null backend would silently drop secrets."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self._secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self._secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data_dir = tmp_path / "data"
    monkeypatch.setenv("ASSIST_DATA_DIR", str(data_dir))
    monkeypatch.setenv("ASSIST_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("ASSIST_DB_URL", raising=False)
    monkeypatch.delenv("ASSIST_NO_DEMO", raising=False)
    keyring.set_keyring(MemoryKeyring())
    yield data_dir
