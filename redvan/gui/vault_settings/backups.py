"""Settings → Backups: the list of verified backups and making one now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redvan.core.enums import Role
from redvan.gui.messages import describe
from redvan.gui.vault_settings.earlier_backups import EarlierBackups, earlier_backups
from redvan.gui.vault_settings.helpers import (
    card,
    data_size,
    message_label,
    say,
    subtitle,
    table_view,
)
from redvan.gui.vault_settings.models import BackupModel, read_backup_file
from redvan.gui.vault_settings.privacy import NumberSettings
from redvan.gui.widgets.progress import Safety, backup_stages, run_with_progress
from redvan.gui.workspace import Context
from redvan.storage import backup
from redvan.storage.vault import backups_dir


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
        self.earlier = EarlierBackups()  # V11: backups under an earlier key
        self.earlier.destroyed.connect(self._load)
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
        layout.addWidget(self.earlier)
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
        earlier = earlier_backups(path)
        self.model.load(backup.list_backups(path), self.context.language, earlier)
        self.earlier.show_for(self.context.session.vault, earlier, self._coordinator())
        self.folder.setText(self.tr("Kept in %1").replace("%1", str(backups_dir(path))))

    def _coordinator(self) -> bool:
        vault = self.context.session.vault
        try:
            me = next(s for s in self.context.services.store.list_staff() if s.id == vault.staff_id)
        except Exception:  # noqa: BLE001 - locked, or no such member: no destroying
            return False
        return bool(me.role == Role.COORDINATOR.value)

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
