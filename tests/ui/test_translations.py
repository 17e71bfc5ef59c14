"""The three UI languages are complete, in step with the sources, and compiled."""

from __future__ import annotations

import importlib.util
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _tool()
_MARKERS = re.compile(r"%(?:n|\d)")


def messages(path: Path) -> dict[tuple[str, str], ElementTree.Element]:
    return tool._messages(ElementTree.parse(path))  # type: ignore[no-any-return]


@pytest.mark.parametrize("language", tool.LANGUAGES)
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    found = messages(tool.ts_path(language))
    assert len(found) > 50
    for (context, source), message in found.items():
        assert not tool._unfinished(message), f"{language}: unfinished: {context}: {source}"
        for text in tool._texts(message):
            assert text.strip(), f"{language}: empty: {source}"
            assert sorted(_MARKERS.findall(text)) == sorted(set(_MARKERS.findall(source))) or (
                message.get("numerus") == "yes" and set(_MARKERS.findall(text)) <= {"%n"}
            ), f"{language}: placeholders differ: {source!r} -> {text!r}"


def test_the_translation_files_match_the_sources(tmp_path: Path) -> None:
    copies = []
    for language in tool.LANGUAGES:
        copy = tmp_path / tool.ts_path(language).name
        shutil.copy(tool.ts_path(language), copy)
        copies.append(copy)
    tool.run_lupdate(copies)
    for language, copy in zip(tool.LANGUAGES, copies, strict=True):
        assert set(messages(copy)) == set(messages(tool.ts_path(language))), (
            f"UI strings changed: run .venv/bin/python scripts/update_translations.py ({language})")


@pytest.mark.parametrize("language", tool.LANGUAGES)
def test_the_compiled_files_are_current(tmp_path: Path, language: str) -> None:
    fresh = tmp_path / f"{language}.qm"
    tool.run_lrelease(tool.ts_path(language), fresh)
    assert fresh.read_bytes() == tool.qm_path(language).read_bytes(), (
        "stale .qm: run .venv/bin/python scripts/update_translations.py")
