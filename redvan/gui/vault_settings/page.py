"""Settings (G8): what a coordinator looks after — lists, staff and keys, locking and privacy,
backups and the language.

Only a coordinator sees the controls; an outreach worker gets a short explanation. Key-slot
work (a passphrase, a recovery code) runs the slow KDF on a pool thread (gui.background).
Passphrases and the recovery code are never kept in a draft, a setting or the clipboard.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QHideEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums
from redvan.core.enums import Role
from redvan.core.model import Staff
from redvan.core.passphrase import MIN_LENGTH, PassphraseTooWeak, check_new_passphrase, estimate
from redvan.core.services import SETTINGS
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind, is_valid_slug
from redvan.gui import background
from redvan.gui.messages import describe
from redvan.gui.widgets.progress import Safety, backup_stages, run_with_progress
from redvan.gui.widgets.text import scale_font
from redvan.gui.workspace import Context, WorkspacePage
from redvan.storage import backup, keyslots, staffkeys
from redvan.storage.vault import backups_dir

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

# The order the lists are offered in.
KINDS = (
    VocabularyKind.SERVICE,
    VocabularyKind.DESTINATION,
    VocabularyKind.ZONE,
    VocabularyKind.CHANNEL,
    VocabularyKind.LANGUAGE,
    VocabularyKind.ORIGIN_REGION,
)


# -- small helpers ----------------------------------------------------------------------------


def say(label: QLabel, text: str, role: str) -> None:
    """Show an inline message with a theme role ("ok", "error", "warning", "subtitle")."""
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


def message_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.hide()
    return label


def card(layout: QVBoxLayout | QFormLayout | QGridLayout | QHBoxLayout) -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    frame.setLayout(layout)
    return frame


def heading() -> QLabel:
    label = QLabel()
    scale_font(label, 1.15)
    return label


def subtitle() -> QLabel:
    label = QLabel()
    label.setProperty("role", "subtitle")
    label.setWordWrap(True)
    return label


def password_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setInputMethodHints(
        Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    )
    return field


def scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


def locale_for(lang: str) -> QLocale:
    if enums.is_danish(lang):
        return QLocale(QLocale.Language.Danish, QLocale.Country.Denmark)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def data_size(size: int, lang: str) -> str:
    return locale_for(lang).formattedDataSize(
        size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
    )


_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def suggest_slug(label: str) -> str:
    """A slug from an English label: "Night café (Vesterbro)" → "night-cafe-vesterbro"."""
    text = label.casefold().translate(_DANISH_LETTERS)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:40].rstrip("-")


def table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


def _quiet_color() -> Any:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


# -- table models -----------------------------------------------------------------------------


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

    def load(self, paths: Sequence[Path], language: str) -> None:
        self.beginResetModel()
        self.files = [read_backup_file(p) for p in paths]
        self.language = language
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


# -- vocabularies -----------------------------------------------------------------------------


class VocabularySection(QWidget):
    """Pick a list; add an entry, edit its labels, retire or delete it, or bring it back."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editing: VocabularyEntry | None = None
        self._slug_auto = True

        self.intro = subtitle()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.model = VocabularyModel(self)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(
            VocabularyModel.COL_SLUG, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(VocabularyModel.COL_EN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VocabularyModel.COL_DA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            VocabularyModel.COL_STATUS, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.form_title = heading()
        self.label_en = QLineEdit()
        self.label_en.setMaxLength(120)
        self.label_en.textEdited.connect(self._english_edited)
        self.label_da = QLineEdit()
        self.label_da.setMaxLength(120)
        self.label_da.textEdited.connect(self._validate)
        self.slug = QLineEdit()
        self.slug.setMaxLength(40)
        self.slug.textEdited.connect(self._slug_edited)
        self.quantity = QCheckBox()
        self.quantity.toggled.connect(self._validate)
        self.en_label, self.da_label, self.slug_label = QLabel(), QLabel(), QLabel()
        self.en_label.setBuddy(self.label_en)
        self.da_label.setBuddy(self.label_da)
        self.slug_label.setBuddy(self.slug)
        self.slug_hint = subtitle()
        self.problem_label = message_label()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        self.reactivate_button = QPushButton()
        self.reactivate_button.clicked.connect(self.reactivate)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.start_new)
        self.status = message_label()
        for field in (self.label_en, self.label_da, self.slug):
            field.returnPressed.connect(self.save)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.en_label, self.label_en)
        form.addRow(self.da_label, self.label_da)
        form.addRow(self.slug_label, self.slug)
        form.addRow("", self.slug_hint)
        form.addRow("", self.quantity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.reactivate_button)
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        editor = QVBoxLayout()
        editor.addWidget(self.form_title)
        editor.addLayout(form)
        editor.addWidget(self.problem_label)
        editor.addLayout(buttons)
        editor.addWidget(self.status)
        editor.addStretch()
        editor_card = card(editor)
        em = self.fontMetrics().horizontalAdvance("M")
        editor_card.setMinimumWidth(em * 24)

        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch()
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addWidget(editor_card, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        QWidget.setTabOrder(self.kind, self.view)
        QWidget.setTabOrder(self.view, self.label_en)
        QWidget.setTabOrder(self.label_en, self.label_da)
        QWidget.setTabOrder(self.label_da, self.slug)
        QWidget.setTabOrder(self.slug, self.quantity)
        QWidget.setTabOrder(self.quantity, self.save_button)
        QWidget.setTabOrder(self.save_button, self.remove_button)
        QWidget.setTabOrder(self.remove_button, self.reactivate_button)
        QWidget.setTabOrder(self.reactivate_button, self.new_button)

    @property
    def services(self) -> Any:
        return self.context.services

    def current_kind(self) -> VocabularyKind:
        return VocabularyKind(self.kind.currentData())

    def kind_name(self, kind: VocabularyKind) -> str:
        return {
            VocabularyKind.SERVICE: self.tr("Services"),
            VocabularyKind.DESTINATION: self.tr("Partner organisations (referrals)"),
            VocabularyKind.ZONE: self.tr("Zones"),
            VocabularyKind.CHANNEL: self.tr("Channels"),
            VocabularyKind.LANGUAGE: self.tr("Languages"),
            VocabularyKind.ORIGIN_REGION: self.tr("Origin regions"),
        }[kind]

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The lists staff choose from. Every entry has an English and a Danish label. "
                "An entry already used in saved records cannot be deleted; it is retired "
                "instead, so old records keep it but it is no longer offered."
            )
        )
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, self.kind_name(kind))
        self.kind_label.setText(self.tr("&List"))
        self.kind.setAccessibleName(self.tr("List to edit"))
        self.view.setAccessibleName(self.tr("Entries of the list"))
        self.en_label.setText(self.tr("&English label"))
        self.da_label.setText(self.tr("&Danish label"))
        self.slug_label.setText(self.tr("Sl&ug"))
        self.label_en.setAccessibleName(self.tr("English label"))
        self.label_da.setAccessibleName(self.tr("Danish label"))
        self.slug.setAccessibleName(self.tr("Slug"))
        self.slug_hint.setText(
            self.tr(
                "The short name used in files and exports: a–z, 0–9 and '-'. "
                "It cannot change later."
            )
        )
        self.quantity.setText(self.tr("Handed out in &numbers (like condoms)"))
        self.quantity.setAccessibleName(self.tr("Handed out in numbers"))
        self.remove_button.setText(self.tr("Re&tire or delete"))
        self.reactivate_button.setText(self.tr("Re&activate"))
        self.new_button.setText(self.tr("&New entry"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._update_form()

    def refresh(self) -> None:
        self._load(self.editing.slug if self.editing else None)

    def _kind_changed(self) -> None:
        self.status.hide()
        self._load(None)

    def _load(self, keep: str | None) -> None:
        self.model.load(self.services.store.vocabulary(self.current_kind()))
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self._row_changed(self.model.index(row, 0), QModelIndex())
        else:
            self.start_new(focus=False)

    # -- the form -------------------------------------------------------------------------

    def start_new(self, *, focus: bool = True) -> None:
        self.view.selectionModel().clearCurrentIndex()
        self.view.clearSelection()
        self.editing = None
        self._slug_auto = True
        for field in (self.label_en, self.label_da, self.slug):
            field.clear()
        self.quantity.setChecked(False)
        self._update_form()
        if focus:
            self.label_en.setFocus()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is None:
            return
        self.editing = entry
        self.label_en.setText(entry.label_en)
        self.label_da.setText(entry.label_da)
        self.slug.setText(entry.slug)
        self.quantity.setChecked(entry.quantity)
        self._update_form()

    def _update_form(self) -> None:
        entry = self.editing
        is_service = self.current_kind() is VocabularyKind.SERVICE
        self.quantity.setVisible(is_service)
        self.slug.setEnabled(entry is None)
        self.slug_hint.setVisible(entry is None)
        if entry is None:
            self.form_title.setText(
                self.tr("New entry in %1").replace(
                    "%1",
                    self.kind_name(self.current_kind()).lower()
                    if not enums.is_danish(self.context.language)
                    else self.kind_name(self.current_kind()),
                )
            )
            self.save_button.setText(self.tr("&Add"))
        else:
            self.form_title.setText(entry.label(self.context.language))
            self.save_button.setText(self.tr("&Save labels"))
        self.remove_button.setVisible(entry is not None and not entry.retired)
        self.reactivate_button.setVisible(entry is not None and entry.retired)
        self.new_button.setVisible(entry is not None)
        self._validate()

    def _english_edited(self, text: str) -> None:
        if self.editing is None and self._slug_auto:
            self.slug.setText(suggest_slug(text))
        self._validate()

    def _slug_edited(self, text: str) -> None:
        self._slug_auto = not text
        self._validate()

    def problem(self) -> tuple[str, str] | None:
        """What keeps the form from being saved, as (text, "error" | "subtitle"), or None."""
        slug = self.slug.text().strip()
        en, da = self.label_en.text().strip(), self.label_da.text().strip()
        if self.editing is None:
            if slug and not is_valid_slug(slug):
                return (
                    self.tr(
                        "The slug may only hold lower-case letters a–z, digits and '-' "
                        "(at most 40)."
                    ),
                    "error",
                )
            if slug and self.model.row_of(slug) >= 0:
                return self.tr("This list already has an entry with that slug."), "error"
            if not en or not da or not slug:
                return self.tr("Type the English and Danish labels and a slug."), "subtitle"
            return None
        if not en or not da:
            return self.tr("Every entry needs both an English and a Danish label."), "error"
        if (en, da, self.quantity.isChecked()) == (
            self.editing.label_en,
            self.editing.label_da,
            self.editing.quantity,
        ):
            return "", "subtitle"  # nothing changed, nothing to say
        return None

    def _validate(self) -> None:
        problem = self.problem()
        self.save_button.setEnabled(problem is None)
        if problem is None:
            self.problem_label.hide()
        else:
            say(self.problem_label, *problem)

    # -- actions --------------------------------------------------------------------------

    def save(self) -> None:
        if self.problem() is not None:
            return
        kind = self.current_kind()
        en, da = self.label_en.text().strip(), self.label_da.text().strip()
        quantity = self.quantity.isChecked() and kind is VocabularyKind.SERVICE
        if self.editing is None:
            sort = max((e.sort for e in self.model.entries), default=0) + 10
            try:
                entry = VocabularyEntry(
                    kind, self.slug.text().strip(), en, da, sort=sort, quantity=quantity
                )
            except ValueError:
                self._validate()
                return
            done = self.tr("Added “%1”.")
        else:
            entry = replace(self.editing, label_en=en, label_da=da, quantity=quantity)
            done = self.tr("Saved the labels of “%1”.")
        try:
            self.services.save_vocabulary_entry(entry)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.status, describe(exc), "error")
            return
        self._load(entry.slug)
        say(self.status, done.replace("%1", entry.label(self.context.language)), "ok")

    def remove(self) -> None:
        entry = self.editing
        if entry is None or entry.retired:
            return
        name = entry.label(self.context.language)
        try:
            outcome = self.services.remove_vocabulary_entry(entry.kind, entry.slug)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            return
        if outcome == "deleted":
            self._load(None)
            say(
                self.status,
                self.tr("Deleted “%1”: it was not used in any record.").replace("%1", name),
                "ok",
            )
        else:
            self._load(entry.slug)
            say(
                self.status,
                self.tr(
                    "Retired “%1”: saved records use it, so it stays in them, but it is no longer "
                    "offered."
                ).replace("%1", name),
                "warning",
            )

    def reactivate(self) -> None:
        entry = self.editing
        if entry is None or not entry.retired:
            return
        try:
            self.services.save_vocabulary_entry(replace(entry, retired=False))
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            return
        self._load(entry.slug)
        say(
            self.status,
            self.tr("“%1” is offered again.").replace("%1", entry.label(self.context.language)),
            "ok",
        )


# -- staff and keys ---------------------------------------------------------------------------


class StrengthMeter(QWidget):
    """A passphrase strength bar and word, following one passphrase field."""

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.bar = QProgressBar()
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(self.fontMetrics().height() // 2)
        self.word = QLabel()
        self.word.setProperty("role", "subtitle")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.word)
        field.textChanged.connect(self.update_strength)
        self.update_strength()

    def update_strength(self) -> None:
        text = self.field.text()
        strength = estimate(text)
        self.bar.setValue(strength.score)
        words = [
            self.tr("Very weak"),
            self.tr("Weak"),
            self.tr("Fair"),
            self.tr("Good"),
            self.tr("Strong"),
        ]
        self.word.setText(words[strength.score] if text else "")
        self.bar.setAccessibleName(self.tr("Passphrase strength"))


class StaffSection(QWidget):
    """Staff with their keys; add a member with a key; revoke; my passphrase; recovery code."""

    staff_changed = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.recovery_code = ""
        self._recovery_made: datetime | None = None

        # the list and revoking
        self.list_title = heading()
        self.model = StaffModel(self)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(StaffModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        for column in (StaffModel.COL_ROLE, StaffModel.COL_ACTIVE, StaffModel.COL_KEY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(self._selection_changed)
        self.list_label = QLabel()
        self.list_label.setBuddy(self.view)
        self.revoke_button = QPushButton()
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.revoke_question = QLabel()
        self.revoke_question.setWordWrap(True)
        self.revoke_question.setProperty("role", "warning")
        self.revoke_yes = QPushButton()
        self.revoke_yes.setProperty("role", "primary")
        self.revoke_yes.clicked.connect(self.revoke)
        self.revoke_no = QPushButton()
        self.revoke_no.clicked.connect(self._cancel_revoke)
        confirm = QHBoxLayout()
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(self.revoke_question, 1)
        confirm.addWidget(self.revoke_yes)
        confirm.addWidget(self.revoke_no)
        self.revoke_confirm = QWidget()
        self.revoke_confirm.setLayout(confirm)
        self.revoke_confirm.hide()
        self.list_status = message_label()
        staff_box = QVBoxLayout()
        staff_box.addWidget(self.list_title)
        staff_box.addWidget(self.list_label)
        staff_box.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.revoke_button)
        row.addStretch()
        staff_box.addLayout(row)
        staff_box.addWidget(self.revoke_confirm)
        staff_box.addWidget(self.list_status)

        # adding a member
        self.add_title = heading()
        self.add_intro = subtitle()
        self.initials = QLineEdit()
        self.initials.setMaxLength(40)
        self.role = QComboBox()
        for role in (Role.OUTREACH, Role.COORDINATOR):
            self.role.addItem("", role.value)
        self.new_passphrase = password_field()
        self.new_repeat = password_field()
        self.new_repeat.returnPressed.connect(self.add_staff)
        self.new_meter = StrengthMeter(self.new_passphrase)
        self.add_labels = [QLabel() for _ in range(4)]
        add_form = QFormLayout()
        add_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in zip(
            self.add_labels,
            (self.initials, self.role, self.new_passphrase, self.new_repeat),
            strict=True,
        ):
            label.setBuddy(field)
        add_form.addRow(self.add_labels[0], self.initials)
        add_form.addRow(self.add_labels[1], self.role)
        add_form.addRow(self.add_labels[2], self.new_passphrase)
        add_form.addRow("", self.new_meter)
        add_form.addRow(self.add_labels[3], self.new_repeat)
        self.add_button = QPushButton()
        self.add_button.setProperty("role", "primary")
        self.add_button.clicked.connect(self.add_staff)
        self.add_status = message_label()
        add_box = QVBoxLayout()
        add_box.addWidget(self.add_title)
        add_box.addWidget(self.add_intro)
        add_box.addLayout(add_form)
        add_row = QHBoxLayout()
        add_row.addStretch()
        add_row.addWidget(self.add_button)
        add_box.addLayout(add_row)
        add_box.addWidget(self.add_status)
        add_box.addStretch()

        # my passphrase
        self.mine_title = heading()
        self.current = password_field()
        self.mine_new = password_field()
        self.mine_repeat = password_field()
        self.mine_repeat.returnPressed.connect(self.change_mine)
        self.mine_meter = StrengthMeter(self.mine_new)
        self.mine_labels = [QLabel() for _ in range(3)]
        mine_form = QFormLayout()
        mine_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in zip(
            self.mine_labels, (self.current, self.mine_new, self.mine_repeat), strict=True
        ):
            label.setBuddy(field)
        mine_form.addRow(self.mine_labels[0], self.current)
        mine_form.addRow(self.mine_labels[1], self.mine_new)
        mine_form.addRow("", self.mine_meter)
        mine_form.addRow(self.mine_labels[2], self.mine_repeat)
        self.mine_button = QPushButton()
        self.mine_button.clicked.connect(self.change_mine)
        self.mine_status = message_label()
        mine_box = QVBoxLayout()
        mine_box.addWidget(self.mine_title)
        mine_box.addLayout(mine_form)
        mine_row = QHBoxLayout()
        mine_row.addStretch()
        mine_row.addWidget(self.mine_button)
        mine_box.addLayout(mine_row)
        mine_box.addWidget(self.mine_status)
        mine_box.addStretch()

        # the recovery code
        self.recovery_title = heading()
        self.recovery_intro = subtitle()
        self.recovery_button = QPushButton()
        self.recovery_button.clicked.connect(self.ask_recovery)
        self.recovery_question = QLabel()
        self.recovery_question.setWordWrap(True)
        self.recovery_question.setProperty("role", "warning")
        self.recovery_yes = QPushButton()
        self.recovery_yes.setProperty("role", "primary")
        self.recovery_yes.clicked.connect(self.new_recovery_code)
        self.recovery_no = QPushButton()
        self.recovery_no.clicked.connect(self._cancel_recovery)
        ask = QVBoxLayout()
        ask.setContentsMargins(0, 0, 0, 0)
        ask.addWidget(self.recovery_question)
        ask_row = QHBoxLayout()
        ask_row.addStretch()
        ask_row.addWidget(self.recovery_yes)
        ask_row.addWidget(self.recovery_no)
        ask.addLayout(ask_row)
        self.recovery_confirm = QWidget()
        self.recovery_confirm.setLayout(ask)
        self.recovery_confirm.hide()
        self.code_label = QLabel()
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(QGuiApplication.font().pointSizeF() * 1.4)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setWordWrap(True)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code_warning = QLabel()
        self.code_warning.setWordWrap(True)
        self.code_warning.setProperty("role", "warning")
        self.save_sheet = QPushButton()
        self.save_sheet.clicked.connect(self._save_sheet)
        self.hide_code = QPushButton()
        self.hide_code.clicked.connect(self.forget_code)
        code_box = QVBoxLayout()
        code_frame = card(QVBoxLayout())
        code_frame_layout = code_frame.layout()
        assert isinstance(code_frame_layout, QVBoxLayout)
        code_frame_layout.addWidget(self.code_label)
        code_box.setContentsMargins(0, 0, 0, 0)
        code_box.addWidget(code_frame)
        code_box.addWidget(self.code_warning)
        code_row = QHBoxLayout()
        code_row.addWidget(self.save_sheet)
        code_row.addStretch()
        code_row.addWidget(self.hide_code)
        code_box.addLayout(code_row)
        self.code_panel = QWidget()
        self.code_panel.setLayout(code_box)
        self.code_panel.hide()
        self.recovery_status = message_label()
        recovery_box = QVBoxLayout()
        recovery_box.addWidget(self.recovery_title)
        recovery_box.addWidget(self.recovery_intro)
        recovery_row = QHBoxLayout()
        recovery_row.addWidget(self.recovery_button)
        recovery_row.addStretch()
        recovery_box.addLayout(recovery_row)
        recovery_box.addWidget(self.recovery_confirm)
        recovery_box.addWidget(self.code_panel)
        recovery_box.addWidget(self.recovery_status)
        recovery_box.addStretch()

        grid = QGridLayout(self)
        grid.addWidget(card(staff_box), 0, 0)
        grid.addWidget(card(add_box), 0, 1)
        grid.addWidget(card(mine_box), 1, 0)
        grid.addWidget(card(recovery_box), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)

        QWidget.setTabOrder(self.view, self.revoke_button)
        QWidget.setTabOrder(self.revoke_button, self.revoke_yes)
        QWidget.setTabOrder(self.revoke_yes, self.revoke_no)
        QWidget.setTabOrder(self.revoke_no, self.initials)
        QWidget.setTabOrder(self.initials, self.role)
        QWidget.setTabOrder(self.role, self.new_passphrase)
        QWidget.setTabOrder(self.new_passphrase, self.new_repeat)
        QWidget.setTabOrder(self.new_repeat, self.add_button)
        QWidget.setTabOrder(self.add_button, self.current)
        QWidget.setTabOrder(self.current, self.mine_new)
        QWidget.setTabOrder(self.mine_new, self.mine_repeat)
        QWidget.setTabOrder(self.mine_repeat, self.mine_button)
        QWidget.setTabOrder(self.mine_button, self.recovery_button)
        QWidget.setTabOrder(self.recovery_button, self.recovery_yes)
        QWidget.setTabOrder(self.recovery_yes, self.recovery_no)
        QWidget.setTabOrder(self.recovery_no, self.save_sheet)
        QWidget.setTabOrder(self.save_sheet, self.hide_code)

    @property
    def services(self) -> Any:
        return self.context.services

    @property
    def vault(self) -> Any:
        vault = self.context.session.vault
        if vault is None:
            raise RuntimeError("the vault is locked")
        return vault

    def retranslate(self) -> None:
        self.list_title.setText(self.tr("Staff"))
        self.list_label.setText(
            self.tr(
                "&Who may unlock this vault. Each person has their own passphrase: their own key."
            )
        )
        self.list_label.setWordWrap(True)
        self.view.setAccessibleName(self.tr("Staff members"))
        self.revoke_button.setText(self.tr("&Revoke key…"))
        self.revoke_yes.setText(self.tr("Yes, revo&ke"))
        self.revoke_no.setText(self.tr("Cancel"))
        self.add_title.setText(self.tr("Add a staff member"))
        self.add_intro.setText(
            self.tr(
                "Let the new member type their own passphrase (at least %n characters; a few "
                "unrelated words work well).",
                None,
                MIN_LENGTH,
            )
        )
        for label, text in zip(
            self.add_labels,
            (self.tr("&Initials"), self.tr("R&ole"), self.tr("&Passphrase"), self.tr("Repea&t")),
            strict=True,
        ):
            label.setText(text)
        self.initials.setAccessibleName(self.tr("Initials of the new staff member"))
        self.role.setAccessibleName(self.tr("Role of the new staff member"))
        self.new_passphrase.setAccessibleName(self.tr("Passphrase of the new staff member"))
        self.new_repeat.setAccessibleName(self.tr("Repeat the new member's passphrase"))
        for index, role in enumerate((Role.OUTREACH, Role.COORDINATOR)):
            self.role.setItemText(index, enums.label(role, self.context.language))
        self.add_button.setText(self.tr("A&dd with own key"))
        self.mine_title.setText(self.tr("My passphrase"))
        for label, text in zip(
            self.mine_labels,
            (self.tr("C&urrent"), self.tr("&New"), self.tr("Rep&eat new")),
            strict=True,
        ):
            label.setText(text)
        self.current.setAccessibleName(self.tr("Current passphrase"))
        self.mine_new.setAccessibleName(self.tr("New passphrase"))
        self.mine_repeat.setAccessibleName(self.tr("Repeat the new passphrase"))
        self.mine_button.setText(self.tr("C&hange my passphrase"))
        self.recovery_title.setText(self.tr("Recovery code"))
        self.recovery_intro.setText(
            self.tr(
                "The recovery code opens the vault when a passphrase is forgotten. Make a new one "
                "if the old sheet may have been seen or lost; the old code then stops working."
            )
        )
        self.recovery_button.setText(self.tr("Make a new re&covery code…"))
        self.recovery_question.setText(
            self.tr("The current recovery code will stop working. Make a new one now?")
        )
        self.recovery_yes.setText(self.tr("&Make new code"))
        self.recovery_no.setText(self.tr("Cancel"))
        self.code_warning.setText(
            self.tr(
                "Shown only now. Write it down or save the sheet, and keep it away from this "
                "computer. Without a passphrase or this code, the vault cannot be opened by anyone."
            )
        )
        self.save_sheet.setText(self.tr("&Save recovery sheet (PDF)…"))
        self.hide_code.setText(self.tr("I ha&ve stored it — hide the code"))
        for meter in (self.new_meter, self.mine_meter):
            meter.update_strength()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._selection()

    def refresh(self) -> None:
        self._load()

    def clear_secrets(self) -> None:
        for field in (
            self.new_passphrase,
            self.new_repeat,
            self.current,
            self.mine_new,
            self.mine_repeat,
        ):
            field.clear()

    def _keyed(self) -> set[str]:
        return {s.staff_id for s in self.vault.keyfile().staff_slots() if s.staff_id}

    def _load(self, select: str | None = None) -> None:
        current = self.model.member(self.view.currentIndex().row())
        select = select or (current.id if current else None)
        try:
            keyed = self._keyed()
        except (keyslots.KeyFileError, OSError) as exc:
            log.warning("key file not readable: %s", type(exc).__name__)
            keyed = set()
        self.model.load(
            self.services.store.list_staff(include_inactive=True),
            keyed,
            self.vault.staff_id,
            self.context.language,
        )
        row = next((i for i, s in enumerate(self.model.staff) if s.id == select), -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._selection()

    def selected(self) -> Staff | None:
        return self.model.member(self.view.currentIndex().row())

    def _selection_changed(self, *_args: object) -> None:
        self.revoke_confirm.hide()
        self._selection()

    def _selection(self) -> None:
        member = self.selected()
        can = (
            member is not None
            and member.id != self.model.me
            and (member.active or self.model.has_key(member))
        )
        self.revoke_button.setEnabled(can)
        if not can:
            self.revoke_confirm.hide()

    def _busy(self, busy: bool) -> None:
        for button in (
            self.add_button,
            self.mine_button,
            self.recovery_button,
            self.recovery_yes,
            self.revoke_button,
            self.revoke_yes,
        ):
            button.setEnabled(not busy)
        if not busy:
            self._selection()

    # -- revoking -------------------------------------------------------------------------

    def ask_revoke(self) -> None:
        member = self.selected()
        if member is None or not self.revoke_button.isEnabled():
            return
        if self.model.has_key(member):
            question = self.tr(
                "%1 will no longer be able to unlock this vault. What they "
                "recorded stays. Revoke their key?"
            )
        else:
            question = self.tr(
                "%1 has no key to this vault. Mark them as no longer on the "
                "staff? What they recorded stays."
            )
        self.revoke_question.setText(question.replace("%1", member.display_name))
        self.revoke_confirm.show()
        self.list_status.hide()
        self.revoke_yes.setFocus()

    def _cancel_revoke(self) -> None:
        self.revoke_confirm.hide()
        self.view.setFocus()

    def revoke(self) -> None:
        member = self.selected()
        self.revoke_confirm.hide()
        if member is None or member.id == self.model.me:
            return
        try:
            if self.model.has_key(member):
                staffkeys.revoke_slot(self.vault, member.id)
            self.services.set_staff_active(member.id, False)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.list_status, describe(exc), "error")
            self._load(member.id)
            return
        self._load(member.id)
        say(
            self.list_status,
            self.tr("%1 can no longer unlock this vault.").replace("%1", member.display_name),
            "ok",
        )
        self.staff_changed.emit()

    # -- adding ---------------------------------------------------------------------------

    def _checked_passphrase(
        self, first: QLineEdit, second: QLineEdit, status: QLabel
    ) -> str | None:
        passphrase = first.text()
        if passphrase != second.text():
            say(status, self.tr("The two passphrases differ."), "error")
            second.selectAll()
            second.setFocus()
            return None
        try:
            check_new_passphrase(passphrase)
        except PassphraseTooWeak as exc:
            say(status, describe(exc), "error")
            first.selectAll()
            first.setFocus()
            return None
        return passphrase

    def add_staff(self) -> None:
        if not self.add_button.isEnabled():
            return
        initials = self.initials.text().strip()
        if not initials:
            say(self.add_status, self.tr("Type the new member's initials."), "error")
            self.initials.setFocus()
            return
        passphrase = self._checked_passphrase(self.new_passphrase, self.new_repeat, self.add_status)
        if passphrase is None:
            return
        existing = next(
            (
                s
                for s in self.services.store.list_staff(include_inactive=True)
                if s.display_name.casefold() == initials.casefold()
            ),
            None,
        )
        try:
            if existing is not None and existing.id in self._keyed():
                say(
                    self.add_status,
                    self.tr("%1 already has a key to this vault.").replace(
                        "%1", existing.display_name
                    ),
                    "error",
                )
                self.initials.selectAll()
                self.initials.setFocus()
                return
            # A member without a key (revoked earlier) gets a new one instead of a twin.
            member = existing or self.services.add_staff(initials, Role(self.role.currentData()))
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.add_status, describe(exc), "error")
            return
        vault, kdf = self.vault, self.context.session.kdf
        self._busy(True)
        say(
            self.add_status,
            self.tr("Making %1's key… this takes a few seconds.").replace(
                "%1", member.display_name
            ),
            "subtitle",
        )

        def work() -> Staff:
            staffkeys.add_staff_slot(vault, member.id, member.display_name, passphrase, kdf=kdf)
            return member

        background.run(self, work, self._added, self._add_failed)

    def _added(self, member: Staff) -> None:
        self._busy(False)
        if not member.active:
            self.services.set_staff_active(member.id, True)
        for field in (self.initials, self.new_passphrase, self.new_repeat):
            field.clear()
        self._load(member.id)
        say(
            self.add_status,
            self.tr("%1 was added and can unlock the vault with their own passphrase.").replace(
                "%1", member.display_name
            ),
            "ok",
        )
        self.staff_changed.emit()

    def _add_failed(self, exc: BaseException) -> None:
        self._busy(False)
        self._load()
        say(self.add_status, describe(exc), "error")

    # -- my passphrase --------------------------------------------------------------------

    def change_mine(self) -> None:
        if not self.mine_button.isEnabled():
            return
        current = self.current.text()
        if not current:
            say(self.mine_status, self.tr("Type your current passphrase first."), "error")
            self.current.setFocus()
            return
        new = self._checked_passphrase(self.mine_new, self.mine_repeat, self.mine_status)
        if new is None:
            return
        vault, kdf = self.vault, self.context.session.kdf

        def work() -> None:
            keyfile = vault.keyfile()
            slot = next((s for s in keyfile.staff_slots() if s.staff_id == vault.staff_id), None)
            if slot is None:
                raise keyslots.WrongSecret
            keyslots.unwrap_key(keyfile.vault_id, slot, current)  # the current one is right
            staffkeys.change_passphrase(vault, vault.staff_id, new, kdf=kdf)

        self._busy(True)
        say(self.mine_status, self.tr("Changing your passphrase…"), "subtitle")
        background.run(self, work, self._mine_changed, self._mine_failed)

    def _mine_changed(self, _result: object) -> None:
        self._busy(False)
        for field in (self.current, self.mine_new, self.mine_repeat):
            field.clear()
        say(
            self.mine_status,
            self.tr("Your passphrase was changed. Use the new one from the next unlock."),
            "ok",
        )

    def _mine_failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, keyslots.WrongSecret):
            say(self.mine_status, self.tr("That is not your current passphrase."), "error")
            self.current.selectAll()
            self.current.setFocus()
        else:
            say(self.mine_status, describe(exc), "error")

    # -- the recovery code ----------------------------------------------------------------

    def ask_recovery(self) -> None:
        self.recovery_status.hide()
        self.recovery_confirm.show()
        self.recovery_yes.setFocus()

    def _cancel_recovery(self) -> None:
        self.recovery_confirm.hide()
        self.recovery_button.setFocus()

    def new_recovery_code(self) -> None:
        self.recovery_confirm.hide()
        vault, kdf = self.vault, self.context.session.kdf
        self._busy(True)
        say(self.recovery_status, self.tr("Making a new recovery code…"), "subtitle")
        background.run(
            self,
            lambda: staffkeys.replace_recovery_code(vault, kdf=kdf),
            self._recovery_made_now,
            self._recovery_failed,
        )

    def _recovery_made_now(self, code: str) -> None:
        self._busy(False)
        self.recovery_code = code
        self._recovery_made = self.context.now()
        self.code_label.setText(code)
        self.code_panel.show()
        self.recovery_status.hide()
        self.save_sheet.setFocus()

    def _recovery_failed(self, exc: BaseException) -> None:
        self._busy(False)
        say(self.recovery_status, describe(exc), "error")

    def _save_sheet(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save recovery sheet"),
            str(Path.home() / self.tr("recovery-sheet.pdf")),
            self.tr("PDF files (*.pdf)"),
        )
        if name:
            self.write_sheet(Path(name))

    def write_sheet(self, target: Path) -> None:
        from redvan.reports.recovery_sheet import write_recovery_sheet

        if not self.recovery_code:
            return
        path = self.context.session.path
        try:
            write_recovery_sheet(
                target,
                self.recovery_code,
                path.name if path else "",
                self._recovery_made or self.context.now(),
                self.context.language,
            )
        except OSError as exc:
            log.warning("recovery sheet not written: %s", type(exc).__name__)
            say(
                self.recovery_status,
                self.tr("The sheet could not be saved there. Choose another place."),
                "error",
            )
            return
        say(self.recovery_status, self.tr("Saved to %1").replace("%1", target.name), "ok")

    def forget_code(self) -> None:
        self.recovery_code = ""
        self.code_label.clear()
        self.code_panel.hide()
        say(self.recovery_status, self.tr("The new recovery code is in use."), "ok")
        self.recovery_button.setFocus()


# -- locking and privacy ----------------------------------------------------------------------


class NumberSettings(QWidget):
    """Some of the vault's whole-number settings, each with its bounds and one line on it."""

    setting_changed = Signal(str, int)

    def __init__(
        self, context: Context, keys: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.keys = list(keys)
        self.spins: dict[str, QSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(self.fontMetrics().horizontalAdvance("M"))
        for row, key in enumerate(self.keys):
            low, high = SETTINGS[key]
            spin = QSpinBox()
            spin.setRange(low, high)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self._changed)
            label = QLabel()
            label.setBuddy(spin)
            note = subtitle()
            self.spins[key], self.labels[key], self.notes[key] = spin, label, note
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(spin, row, 1)
            self.grid.addWidget(note, row, 2)
        self.warning = message_label()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.status = message_label()
        self._saved: dict[str, int] = {}

    def texts(self) -> dict[str, tuple[str, str, str]]:
        """key -> (label with mnemonic, unit suffix, explanation with %1–%2 bounds)."""
        return {
            "auto_lock_minutes": (
                self.tr("Auto-&lock after"),
                self.tr(" min"),
                self.tr(
                    "Lock the vault after this many idle minutes (%1–%2). Ctrl+L locks at once."
                ),
            ),
            "suppression_threshold": (
                self.tr("&Suppress counts below"),
                "",
                self.tr(
                    "Reports that leave the vault hide any count below this number, so no "
                    "person can be recognised (%1–%2)."
                ),
            ),
            "note_retention_days": (
                self.tr("Keep &notes for"),
                self.tr(" days"),
                self.tr(
                    "Notes, incident descriptions and follow-up outcomes older than this are "
                    "deleted for good (%1–%2 days)."
                ),
            ),
            "profile_retention_days": (
                self.tr("Keep &codes for"),
                self.tr(" days"),
                self.tr(
                    "A person not seen for this long is detached from their code; their "
                    "contacts still count (%1–%2 days)."
                ),
            ),
            "backup_generations": (
                self.tr("&Keep"),
                self.tr(" backups"),
                self.tr(
                    "The newest automatic backups kept next to the vault; older ones are "
                    "removed (%1–%2)."
                ),
            ),
        }

    def retranslate(self) -> None:
        texts = self.texts()
        for key in self.keys:
            label, suffix, note = texts[key]
            low, high = SETTINGS[key]
            self.labels[key].setText(label)
            self.spins[key].setSuffix(suffix)
            self.spins[key].setAccessibleName(label.replace("&", ""))
            self.notes[key].setText(note.replace("%1", str(low)).replace("%2", str(high)))
        self.save_button.setText(self.tr("Sa&ve"))
        self._changed()

    def refresh(self) -> None:
        services = self.context.services
        self._saved = {key: services.setting(key) for key in self.keys}
        for key, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(self._saved[key])
            spin.blockSignals(False)
        self.status.hide()
        self._changed()

    def changes(self) -> dict[str, int]:
        return {
            k: s.value()
            for k, s in self.spins.items()
            if k in self._saved and s.value() != self._saved[k]
        }

    def _changed(self) -> None:
        changes = self.changes()
        self.save_button.setEnabled(bool(changes))
        shorter = [
            k
            for k in ("note_retention_days", "profile_retention_days")
            if k in changes and changes[k] < self._saved[k]
        ]
        if shorter:
            say(
                self.warning,
                self.tr(
                    "A shorter retention period applies at the next purge: what is older is "
                    "deleted or detached then, and cannot be brought back."
                ),
                "warning",
            )
        else:
            self.warning.hide()

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            return
        services = self.context.services
        try:
            for key, value in changes.items():
                services.change_setting(key, value)
                self._saved[key] = value
                self.setting_changed.emit(key, value)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            self._changed()
            return
        self._changed()
        say(self.status, self.tr("Saved."), "ok")


class PrivacySection(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = subtitle()
        self.numbers = NumberSettings(
            context,
            (
                "auto_lock_minutes",
                "suppression_threshold",
                "note_retention_days",
                "profile_retention_days",
            ),
        )
        box = QVBoxLayout()
        box.addWidget(self.intro)
        box.addSpacing(6)
        box.addLayout(self.numbers.grid)
        box.addWidget(self.numbers.warning)
        row = QHBoxLayout()
        row.addWidget(self.numbers.save_button)
        row.addWidget(self.numbers.status, 1)
        row.addStretch()
        box.addLayout(row)
        layout = QVBoxLayout(self)
        layout.addWidget(card(box))
        layout.addStretch()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "How soon the vault locks itself, how small a count may be "
                "shown outside it, and how long notes and codes are kept."
            )
        )
        self.numbers.retranslate()

    def refresh(self) -> None:
        self.numbers.refresh()


# -- backups ----------------------------------------------------------------------------------


class BackupSection(QWidget):
    """How many automatic backups to keep, the list of them, and "Back up now"."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.intro = subtitle()
        self.numbers = NumberSettings(context, ("backup_generations",))
        self.now_button = QPushButton()
        self.now_button.setProperty("role", "primary")
        self.now_button.clicked.connect(self.back_up_now)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2)
        self.progress.hide()
        self.status = message_label()
        self.model = BackupModel(self)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(BackupModel.COL_WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(BackupModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(BackupModel.COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        self.list_label = QLabel()
        self.list_label.setBuddy(self.view)
        self.folder = subtitle()
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        keep = QHBoxLayout()
        keep.addLayout(self.numbers.grid, 1)
        keep.addWidget(self.numbers.save_button)
        now = QHBoxLayout()
        now.addWidget(self.now_button)
        now.addWidget(self.progress, 1)
        now.addStretch()
        box = QVBoxLayout()
        box.addWidget(self.intro)
        box.addLayout(keep)
        box.addWidget(self.numbers.status)
        box.addSpacing(6)
        box.addLayout(now)
        box.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(card(box))
        layout.addWidget(self.list_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.folder)

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The vault is backed up automatically when it is locked after a change. "
                "A backup is encrypted like the vault and opens with the passphrases of its day."
            )
        )
        self.numbers.retranslate()
        self.now_button.setText(self.tr("&Back up now"))
        self.list_label.setText(self.tr("Automatic backups, &newest first"))
        self.view.setAccessibleName(self.tr("Automatic backups"))
        self.progress.setAccessibleName(self.tr("Backing up"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        self._load()

    def refresh(self) -> None:
        self.numbers.refresh()
        self._load()

    def _load(self) -> None:
        path = self.context.session.path
        if path is None:
            return
        self.model.load(backup.list_backups(path), self.context.language)
        self.folder.setText(self.tr("Kept in %1").replace("%1", str(backups_dir(path))))

    def back_up_now(self) -> None:
        vault = self.context.session.vault
        if vault is None or not self.now_button.isEnabled():
            return
        self.now_button.setEnabled(False)
        self.progress.show()
        say(self.status, self.tr("Backing up and checking the copy…"), "subtitle")
        run_with_progress(
            self,
            self.tr("Backing up the vault"),
            lambda report: backup.automatic_backup(vault, "manual", report),
            self._done,
            self._failed,
            safety=Safety.COPY,
            stages=backup_stages(),
        )

    def _done(self, made: Path) -> None:
        self.now_button.setEnabled(True)
        self.progress.hide()
        self._load()
        item = read_backup_file(made)
        size = data_size(item.size, self.context.language)
        say(self.status, self.tr("Backup written and checked (%1).").replace("%1", size), "ok")

    def _failed(self, exc: BaseException) -> None:
        self.now_button.setEnabled(True)
        self.progress.hide()
        say(self.status, describe(exc), "error")


# -- language ---------------------------------------------------------------------------------


class LanguageSection(QWidget):
    language_requested = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.intro = subtitle()
        # Each language is named in itself, so it is found whatever the current language.
        self.english = QRadioButton("English")
        self.danish = QRadioButton("Dansk")
        self.group = QButtonGroup(self)
        self.group.addButton(self.english)
        self.group.addButton(self.danish)
        self.english.clicked.connect(lambda: self._choose("en"))
        self.danish.clicked.connect(lambda: self._choose("da"))
        box = QVBoxLayout()
        box.addWidget(self.intro)
        box.addWidget(self.english)
        box.addWidget(self.danish)
        layout = QVBoxLayout(self)
        layout.addWidget(card(box))
        layout.addStretch()

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "The language of the screens and reports on this computer. Lists such as services "
                "and zones have labels in both languages, set under Lists."
            )
        )
        self.group.setExclusive(False)
        self.english.setChecked(not enums.is_danish(self.context.language))
        self.danish.setChecked(enums.is_danish(self.context.language))
        self.group.setExclusive(True)
        self.english.setAccessibleName("English")
        self.danish.setAccessibleName("Dansk")

    def refresh(self) -> None:
        self.retranslate()

    def _choose(self, code: str) -> None:
        if code != self.context.language:
            self.language_requested.emit(code)


# -- the page ---------------------------------------------------------------------------------


class SettingsPage(WorkspacePage):
    """Coordinator settings. `language_requested` asks the main window to switch language;
    `setting_changed(key, value)` tells it a vault setting changed (e.g. the auto-lock time)."""

    key = "settings"
    language_requested = Signal(str)
    setting_changed = Signal(str, int)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.denied = QLabel()
        self.denied.setWordWrap(True)
        self.denied.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body = QStackedWidget()
        self.body.addWidget(self.denied)
        self.tabs: QTabWidget | None = None
        self.vocabularies: VocabularySection | None = None
        self.staff: StaffSection | None = None
        self.privacy: PrivacySection | None = None
        self.backups: BackupSection | None = None
        self.language: LanguageSection | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body, 1)
        self._apply_role()
        self.retranslate()

    def allowed(self) -> bool:
        me = self.context.session.me()
        return me is not None and me.active and me.role == Role.COORDINATOR.value

    def _apply_role(self) -> None:
        if not self.allowed():
            self.body.setCurrentWidget(self.denied)
            if self.tabs is not None:
                self.tabs.hide()
            return
        if self.tabs is None:
            self._build()
        assert self.tabs is not None
        self.tabs.show()
        self.body.setCurrentWidget(self.tabs)

    def _build(self) -> None:
        context = self.context
        self.vocabularies = VocabularySection(context)
        self.staff = StaffSection(context)
        self.privacy = PrivacySection(context)
        self.backups = BackupSection(context)
        self.language = LanguageSection(context)
        self.language.language_requested.connect(self.language_requested)
        self.privacy.numbers.setting_changed.connect(self.setting_changed)
        self.backups.numbers.setting_changed.connect(self.setting_changed)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.vocabularies, "")
        self.tabs.addTab(scrolled(self.staff), "")
        self.tabs.addTab(scrolled(self.privacy), "")
        self.tabs.addTab(self.backups, "")
        self.tabs.addTab(self.language, "")
        self.body.addWidget(self.tabs)

    def sections(self) -> list[Any]:
        return [
            s
            for s in (self.vocabularies, self.staff, self.privacy, self.backups, self.language)
            if s is not None
        ]

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Settings"))
        self.denied.setText(
            self.tr(
                "Settings are looked after by a coordinator: the lists, staff and keys, locking, "
                "retention and backups. Ask your coordinator if something needs to change.\n\n"
                "You can switch the language under View → Language."
            )
        )
        if self.tabs is not None:
            for index, text in enumerate(
                (
                    self.tr("Lists"),
                    self.tr("Staff and keys"),
                    self.tr("Locking and privacy"),
                    self.tr("Backups"),
                    self.tr("Language"),
                )
            ):
                self.tabs.setTabText(index, text)
        for section in self.sections():
            section.retranslate()

    def refresh(self) -> None:
        self._apply_role()
        if self.tabs is None or not self.allowed():
            return
        for section in self.sections():
            section.refresh()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        # Passphrases typed but not used do not wait on a screen nobody is looking at.
        if self.staff is not None:
            self.staff.clear_secrets()
        super().hideEvent(event)

    def select_section(self, index: int) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex(index)
