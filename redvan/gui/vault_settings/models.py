"""The settings' table models: lists (vocabularies), staff and key slots, backups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    Qt,
)

from redvan.core import enums
from redvan.core.enums import Role
from redvan.core.model import Staff
from redvan.core.vocabulary import VocabularyEntry
from redvan.gui.vault_settings.helpers import Index, _quiet_color, data_size, locale_for
from redvan.storage import backup


class VocabularyModel(QAbstractTableModel):
    """The entries of one vocabulary: slug, English and Danish label, active or retired."""

    COL_SLUG, COL_EN, COL_DA, COL_STATUS = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[VocabularyEntry] = []

    def load(self, entries: Sequence[VocabularyEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> VocabularyEntry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def row_of(self, slug: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.slug == slug), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                entry.slug,
                entry.label_en,
                entry.label_da,
                self.tr("Retired") if entry.retired else self.tr("Active"),
            )[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and entry.retired:
            return _quiet_color()
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Slug"), self.tr("English"), self.tr("Danish"), self.tr("Status"))[section]


class StaffModel(QAbstractTableModel):
    """Staff members: name, role, active, and whether they hold a key to the vault."""

    COL_NAME, COL_ROLE, COL_ACTIVE, COL_KEY = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.staff: list[Staff] = []
        self.keyed: set[str] = set()
        self.me: str | None = None
        self.language = "en"

    def load(self, staff: Sequence[Staff], keyed: set[str], me: str | None, language: str) -> None:
        self.beginResetModel()
        self.staff = list(staff)
        self.keyed = set(keyed)
        self.me = me
        self.language = language
        self.endResetModel()

    def member(self, row: int) -> Staff | None:
        return self.staff[row] if 0 <= row < len(self.staff) else None

    def has_key(self, member: Staff) -> bool:
        return member.id in self.keyed

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.staff)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        member = self.member(index.row()) if index.isValid() else None
        if member is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == self.COL_NAME:
                if member.id == self.me:
                    return self.tr("%1 (you)").replace("%1", member.display_name)
                return member.display_name
            if column == self.COL_ROLE:
                try:
                    return enums.label(Role(member.role), self.language)
                except ValueError:
                    return member.role
            if column == self.COL_ACTIVE:
                return self.tr("Active") if member.active else self.tr("Inactive")
            return self.tr("Has a key") if self.has_key(member) else self.tr("No key")
        if role == Qt.ItemDataRole.ForegroundRole and not member.active:
            return _quiet_color()
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Staff member"), self.tr("Role"), self.tr("Status"), self.tr("Key"))[
            section
        ]


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


class BackupModel(QAbstractTableModel):
    """Automatic backups of the vault, newest first: when, why, size."""

    COL_WHEN, COL_REASON, COL_SIZE = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.files: list[BackupFile] = []
        self.language = "en"
        self.earlier: set[Path] = set()  # made under an earlier vault key (V11)

    def load(self, paths: Sequence[Path], language: str, earlier: set[Path] | None = None) -> None:
        self.beginResetModel()
        self.files = [read_backup_file(p) for p in paths]
        self.language = language
        self.earlier = set(earlier or ())
        self.endResetModel()

    def reason(self, reason: str) -> str:
        return {
            "lock": self.tr("On lock"),
            "exit": self.tr("On closing"),
            "created": self.tr("New vault"),
            "manual": self.tr("Backed up by hand"),
            "pre-migration": self.tr("Before an update"),
        }.get(reason, reason)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.files)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.files):
            return None
        item = self.files[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            locale = locale_for(self.language)
            if index.column() == self.COL_WHEN:
                if item.made is None:
                    return item.path.name
                pattern = (
                    "d. MMM yyyy  HH:mm" if enums.is_danish(self.language) else "d MMM yyyy  HH:mm"
                )
                return locale.toString(item.made.replace(tzinfo=None), pattern)
            if index.column() == self.COL_REASON:
                if item.path in self.earlier:
                    return self.tr("%1 · earlier key").replace("%1", self.reason(item.reason))
                return self.reason(item.reason)
            return data_size(item.size, self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,  # noqa: N802
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Made"), self.tr("Why"), self.tr("Size"))[section]
