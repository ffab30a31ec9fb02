"""The first settings tier (STYLE 8): only what is needed before unlock lives in QSettings.

Everything else (auto-lock timeout, retention, suppression, vocabularies) lives in the vault.
This table declares every key; nothing else is ever written to QSettings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: Any


LANGUAGE = Key("ui/language", str, "")  # "" follows the system locale; else "da" or "en"
THEME = Key("ui/theme", str, "dark")  # "dark" (night use) or "light"
LAST_VAULT = Key("vault/last_path", str, "")
GEOMETRY = Key("window/geometry", QByteArray, QByteArray())
# The folder of the last saved export, never a file name (names can say what a report is about).
SAVE_FOLDER = Key("files/save_folder", str, "")

ALL_KEYS = (LANGUAGE, THEME, LAST_VAULT, GEOMETRY, SAVE_FOLDER)


class AppSettings:
    """Typed access to the declared QSettings keys."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings or QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "redvan", "redvan"
        )

    def get(self, key: Key) -> Any:
        value = self._q.value(key.name, key.default)
        if key.type is str:
            return str(value) if value is not None else key.default
        if key.type is QByteArray:
            return value if isinstance(value, QByteArray) else key.default
        return value

    def set(self, key: Key, value: Any) -> None:
        if key not in ALL_KEYS:
            raise KeyError(key.name)
        self._q.setValue(key.name, value)
        self._q.sync()

    def file_name(self) -> str:
        return self._q.fileName()


def remembered_vault(app_settings: AppSettings, bases: Sequence[Path] | None = None) -> Path | None:
    """The last vault, as an absolute path, or None when none was opened yet.

    Older versions stored the path as given, which could be relative (`demo/night.redvan`),
    so the app started from another folder forgot it (issue 15, item 5). Such a path is looked
    for under the current folder, then the home folder; the one found is stored absolute.
    A path found nowhere is returned as it would be under the first base, so the window can
    say which vault is missing.
    """
    value = app_settings.get(LAST_VAULT)
    if not value:
        return None
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    bases = [Path.cwd(), Path.home()] if bases is None else list(bases)
    for base in bases:
        candidate = (base / path).absolute()
        if candidate.exists():
            app_settings.set(LAST_VAULT, str(candidate))
            return candidate
    return (bases[0] / path).absolute() if bases else path.absolute()
