"""Refresh the UI translations after changing UI strings: .ts from the sources, then .qm.

    .venv/bin/python scripts/update_translations.py

1. pyside6-lupdate reads every `tr()` / `QCoreApplication.translate()` under assist/ into
   resources/translations/assist_{zh_CN,zh_TW,en}.ts, keeping what is already translated.
2. English: a message left unfinished is the source text itself (plural forms are written by hand).
3. Traditional Chinese: a message left unfinished is the Simplified translation converted with
   OpenCC (s2twp, Taiwan phrasing); review it in Qt Linguist or by hand like any translation.
4. pyside6-lrelease compiles every .ts into the .qm the sidebar loads.
tests/ui/test_translations.py fails when a string is new, gone or unfinished, or a .qm is stale.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import opencc

from assist.settings import UI_LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = UI_LANGUAGES
TOOLS = Path(sys.executable).parent


def sources() -> list[Path]:
    return sorted((ROOT / "assist").rglob("*.py"))


def ts_path(language: str) -> Path:
    return TRANSLATIONS / f"assist_{language}.ts"


def qm_path(language: str) -> Path:
    return TRANSLATIONS / f"assist_{language}.qm"


def run_lupdate(targets: list[Path]) -> None:
    subprocess.run([str(TOOLS / "pyside6-lupdate"), *map(str, sources()), "-no-obsolete",
                    "-locations", "none", "-ts", *map(str, targets)],
                   check=True, capture_output=True)


def run_lrelease(source: Path, target: Path) -> None:
    subprocess.run([str(TOOLS / "pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
                   check=True, capture_output=True)


def _messages(tree: ElementTree.ElementTree) -> dict[tuple[str, str], ElementTree.Element]:
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _unfinished(message: ElementTree.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete")


def _fill(translation: ElementTree.Element, texts: list[str]) -> None:
    forms = translation.findall("numerusform")
    if forms:
        for form, text in zip(forms, texts + [texts[-1]] * len(forms), strict=False):
            form.text = text
    else:
        translation.text = texts[0]
    translation.attrib.pop("type", None)


def _texts(message: ElementTree.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def fill_english(path: Path) -> None:
    tree = ElementTree.parse(path)
    for message in _messages(tree).values():
        if _unfinished(message):
            translation = message.find("translation")
            assert translation is not None
            _fill(translation, [message.findtext("source") or ""])
    tree.write(path, encoding="utf-8", xml_declaration=True)


# Where s2twp's Taiwan phrasing picks the wrong sense in this UI: 审核 (reviewing content) is not 稽核
# (an audit), 发布 (publishing an answer) is not 釋出 (a software release), and 并发布 is "and publish",
# not 併發 (concurrency).
PHRASE_FIXES = (("稽核", "審核"), ("併發布", "並發布"), ("釋出", "發布"))


def to_taiwan(text: str, convert: Callable[[str], str]) -> str:
    converted = convert(text)
    for wrong, right in PHRASE_FIXES:
        converted = converted.replace(wrong, right)
    return converted


def fill_traditional(path: Path, simplified: Path) -> None:
    convert = opencc.OpenCC("s2twp").convert
    zh_cn = _messages(ElementTree.parse(simplified))
    tree = ElementTree.parse(path)
    for key, message in _messages(tree).items():
        source = zh_cn.get(key)
        if _unfinished(message) and source is not None and not _unfinished(source):
            translation = message.find("translation")
            assert translation is not None
            _fill(translation, [to_taiwan(text, convert) for text in _texts(source)])
    tree.write(path, encoding="utf-8", xml_declaration=True)


def main() -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    run_lupdate([ts_path(language) for language in LANGUAGES])
    fill_english(ts_path("en"))
    fill_traditional(ts_path("zh_TW"), ts_path("zh_CN"))
    unfinished = 0
    for language in LANGUAGES:
        messages = _messages(ElementTree.parse(ts_path(language)))
        left = [source for (_context, source), message in messages.items() if _unfinished(message)]
        unfinished += len(left)
        for source in left:
            print(f"{language}: unfinished: {source}")
        run_lrelease(ts_path(language), qm_path(language))
    print(f"{len(LANGUAGES)} languages compiled; {unfinished} message(s) unfinished")
    return 1 if unfinished else 0


if __name__ == "__main__":
    sys.exit(main())
