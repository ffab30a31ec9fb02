"""Qt Linguist translations (G10): English source strings, Danish from redvan_da.qm.

redvan_en.qm holds only English plural forms ("%n contact" / "%n contacts").
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from redvan.resources import resource_path

SUPPORTED = ("en", "da")
_current = ["en"]


def current_language() -> str:
    return _current[0]


def system_language() -> str:
    return "da" if QLocale.system().language() == QLocale.Language.Danish else "en"


class Translations:
    """Installs the app's and Qt's own translators; switchable at run time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> bool:
        language = language if language in SUPPORTED else system_language()
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed.clear()
        self.language = language
        _current[0] = language
        QLocale.setDefault(
            QLocale(
                QLocale.Language.Danish if language == "da" else QLocale.Language.English,
                QLocale.Country.Denmark,
            )
        )
        ours = QTranslator(self._app)
        loaded = ours.load(str(qm_path(language)))
        if loaded:
            self._app.installTranslator(ours)
            self._installed.append(ours)
        if language == "en":
            return loaded  # English needs only its plural forms; Qt's own strings are English
        qt = QTranslator(self._app)
        if qt.load(
            QLocale(language),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            self._app.installTranslator(qt)
            self._installed.append(qt)
        return loaded


def qm_path(language: str) -> Path:
    return resource_path("translations") / f"redvan_{language}.qm"
