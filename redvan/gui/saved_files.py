"""Saving a file the way a worker expects (issue 15, item 10).

- The save dialog opens in the folder used last. Only the folder is remembered (QSettings,
  before unlock, like the last vault); never a file name, which can say what a report is about.
- After saving, a line says which file went into which folder, in the current language (it is
  written again after a language switch), with a button that opens the folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from redvan.gui import settings as keys
from redvan.gui.settings import AppSettings

# A sentence for a saved file, given its name and folder; called again after a language switch.
Describe = Callable[[str, str], str]


class SaveFolder:
    """The folder the next save dialog opens in; kept in QSettings when there are settings."""

    def __init__(self, app_settings: AppSettings | None = None) -> None:
        self._settings = app_settings
        self._here: Path | None = None  # without settings (tests, the viewer): this run only

    def folder(self) -> Path:
        stored = self._settings.get(keys.SAVE_FOLDER) if self._settings is not None else ""
        for candidate in (self._here, Path(stored) if stored else None):
            if candidate is not None and candidate.is_absolute() and candidate.is_dir():
                return candidate
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents and Path(documents).is_dir() else Path.home()

    def remember(self, chosen: Path) -> None:
        folder = chosen.absolute().parent
        self._here = folder
        if self._settings is not None:
            self._settings.set(keys.SAVE_FOLDER, str(folder))

    def ask(self, parent: QWidget, caption: str, suggested: str, filters: str) -> Path | None:
        """The save dialog, opened in the remembered folder; remembers the folder chosen."""
        name, _filter = QFileDialog.getSaveFileName(
            parent, caption, str(self.folder() / suggested), filters
        )
        if not name:
            return None
        path = Path(name)
        self.remember(path)
        return path


class SavedFileNotice(QWidget):
    """ "Saved weekly-tally-2026-W49.csv in /home/…/Reports." and an "Open the folder" button."""

    folder_opened = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setProperty("role", "ok")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)
        self._path: Path | None = None
        self._describe: Describe | None = None
        # Replaced by tests; opens the folder in the system's file manager.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.hide()
        self.retranslate()

    def show_saved(self, path: Path, describe: Describe) -> None:
        self._path, self._describe = path, describe
        self.retranslate()
        self.show()

    def clear(self) -> None:
        self._path = self._describe = None
        self.text.clear()
        self.hide()

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open the folder"))
        self.open_button.setAccessibleName(self.tr("Open the folder of the saved file"))
        if self._path is not None and self._describe is not None:
            self.text.setText(self._describe(self._path.name, str(self._path.parent)))
            self.text.setToolTip(str(self._path))

    def open_folder(self) -> None:
        if self._path is not None:
            self.open_url(QUrl.fromLocalFile(str(self._path.parent)))
            self.folder_opened.emit(str(self._path.parent))
