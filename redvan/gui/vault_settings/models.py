"""The settings' table models: lists (vocabularies), staff and key slots, backups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor

from redvan.core import enums
from redvan.core.enums import Role
from redvan.core.model import Staff
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.vault_settings.helpers import _quiet_color, data_size, locale_for
from redvan.gui.widgets.table import ALL_ROWS, Column, ColumnTableModel
from redvan.storage import backup


class _SettingsModel(ColumnTableModel[Any]):
    """A settings list: short (every row at once), tooltips only where a column has one."""

    PAGE_SIZE = ALL_ROWS
    TEXT_TOOLTIPS = False

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__("en", parent)

    def _at(self, row: int) -> Any:
        return self.item(row) if 0 <= row < self.total() else None


class VocabularyModel(_SettingsModel):
    """The entries of one vocabulary: slug, English and Danish label, active or retired."""

    COL_SLUG, COL_EN, COL_DA, COL_STATUS = range(4)

    def columns(self) -> Sequence[Column[VocabularyEntry]]:
        return (
            Column(lambda: self.tr("Slug"), lambda e: e.slug),
            Column(lambda: self.tr("English"), lambda e: e.label_en),
            Column(lambda: self.tr("Danish"), lambda e: e.label_da),
            Column(
                lambda: self.tr("Status"),
                lambda e: self.tr("Retired") if e.retired else self.tr("Active"),
            ),
        )

    @property
    def entries(self) -> list[VocabularyEntry]:
        return self.items()

    def load(self, entries: Sequence[VocabularyEntry]) -> None:
        self.set_items(entries)

    def key(self, item: VocabularyEntry) -> str:
        return item.slug

    def entry(self, row: int) -> VocabularyEntry | None:
        return self._at(row)

    def foreground(self, row: VocabularyEntry) -> QColor | None:
        return _quiet_color() if row.retired else None


class StaffModel(_SettingsModel):
    """Staff members: name, role, active, and whether they hold a key to the vault."""

    COL_NAME, COL_ROLE, COL_ACTIVE, COL_KEY = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        self.keyed: set[str] = set()
        self.me: str | None = None
        super().__init__(parent)

    def columns(self) -> Sequence[Column[Staff]]:
        return (
            Column(lambda: self.tr("Staff member"), self._name),
            Column(lambda: self.tr("Role"), self._role),
            Column(
                lambda: self.tr("Status"),
                lambda m: self.tr("Active") if m.active else self.tr("Inactive"),
            ),
            Column(
                lambda: self.tr("Key"),
                lambda m: self.tr("Has a key") if self.has_key(m) else self.tr("No key"),
            ),
        )

    @property
    def staff(self) -> list[Staff]:
        return self.items()

    def load(self, staff: Sequence[Staff], keyed: set[str], me: str | None, language: str) -> None:
        self.keyed = set(keyed)
        self.me = me
        self.language = language
        self.set_items(staff)

    def member(self, row: int) -> Staff | None:
        return self._at(row)

    def has_key(self, member: Staff) -> bool:
        return member.id in self.keyed

    def foreground(self, row: Staff) -> QColor | None:
        return None if row.active else _quiet_color()

    def _name(self, member: Staff) -> str:
        if member.id == self.me:
            return self.tr("%1 (you)").replace("%1", member.display_name)
        return member.display_name

    def _role(self, member: Staff) -> str:
        try:
            return enums.label(Role(member.role), self.language)
        except ValueError:
            return member.role


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: datetime | None  # local time
    reason: str
    size: int


def read_backup_file(path: Path) -> BackupFile:
    """Date and reason from an automatic backup's name ("20261120T220000123456Z-lock…")."""
    stem = path.name.removesuffix(backup.SUFFIX)
    stamp, _, reason = stem.partition("-")
    try:
        made: datetime | None = (
            datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC).astimezone()
        )
    except ValueError:
        made = None
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return BackupFile(path, made, reason, size)


class BackupModel(_SettingsModel):
    """Automatic backups of the vault, newest first: when, why, size."""

    COL_WHEN, COL_REASON, COL_SIZE = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        self.earlier: set[Path] = set()  # made under an earlier vault key (V11)
        super().__init__(parent)

    def columns(self) -> Sequence[Column[BackupFile]]:
        return (
            Column(lambda: self.tr("Made"), self._made),
            Column(lambda: self.tr("Why"), self._why),
            Column(
                lambda: self.tr("Size"),
                lambda f: data_size(f.size, self.language),
                alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            ),
        )

    @property
    def files(self) -> list[BackupFile]:
        return self.items()

    def load(self, paths: Sequence[Path], language: str, earlier: set[Path] | None = None) -> None:
        self.language = language
        self.earlier = set(earlier or ())
        self.set_items([read_backup_file(p) for p in paths])

    def key(self, item: BackupFile) -> Path:
        return item.path

    def reason(self, reason: str) -> str:
        return {
            "lock": self.tr("On lock"),
            "exit": self.tr("On closing"),
            "created": self.tr("New vault"),
            "manual": self.tr("Backed up by hand"),
            "pre-migration": self.tr("Before an update"),
        }.get(reason, reason)

    def _made(self, item: BackupFile) -> str:
        if item.made is None:
            return item.path.name
        pattern = "d. MMM yyyy  HH:mm" if enums.is_danish(self.language) else "d MMM yyyy  HH:mm"
        return locale_for(self.language).toString(item.made.replace(tzinfo=None), pattern)

    def _why(self, item: BackupFile) -> str:
        if item.path in self.earlier:
            return self.tr("%1 · earlier key").replace("%1", self.reason(item.reason))
        return self.reason(item.reason)
