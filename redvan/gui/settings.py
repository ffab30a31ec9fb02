"""The first settings tier (STYLE 8): only what is needed before unlock lives in QSettings.

Everything else (auto-lock timeout, retention, suppression, vocabularies) lives in the vault.
This table declares every key; nothing else is ever written to QSettings.
"""

from __future__ import annotations

from dataclasses import dataclass
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

ALL_KEYS = (LANGUAGE, THEME, LAST_VAULT, GEOMETRY)


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
