"""The UI language: our own translations plus Qt's for its standard dialogs, switchable while running."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from assist.settings import UI_LANGUAGES
from knowledge.resources import resources_dir


def shown_lang(content_lang: str, ui_language: str) -> str:
    """The language content is shown in: Simplified reads as Traditional for a Traditional UI;
    nothing else is converted (content is written in Simplified Chinese and English)."""
    return "zh-Hant" if content_lang == "zh-Hans" and ui_language == "zh_TW" else content_lang


def translations_dir() -> Path:
    return resources_dir() / "translations"


class Translations:
    """Installing a new translator sends LanguageChange to every widget; each retranslates itself."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def switch(self, language: str) -> str | None:
        """Returns a problem to show when the language's file is missing; English is used then."""
        if language not in UI_LANGUAGES:
            language = "en"
        ours = QTranslator()
        problem = None
        if not ours.load(f"assist_{language}", str(translations_dir())):
            problem = f"translation file assist_{language}.qm not found in {translations_dir()}"
        qt_own = QTranslator()
        has_qt_own = language != "en" and qt_own.load(
            QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = [t for t, ok in ((ours, problem is None), (qt_own, has_qt_own)) if ok]
        for translator in self._installed:
            QCoreApplication.installTranslator(translator)
        self.language = language if problem is None else "en"
        QLocale.setDefault(QLocale(self.language))
        return problem


_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *values: str) -> str:
    """%1, %2… of a translated text, in one pass: a value holding "%2" (a team's name, a query, a pack
    from the server) must not be substituted again."""
    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if 0 <= index < len(values) else match.group(0)
    return _PLACEHOLDER.sub(value, template)
