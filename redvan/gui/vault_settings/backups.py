"""Settings → Backups: the list of verified backups and making one now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QWidget

from redvan.core.enums import Role
from redvan.gui.messages import describe
from redvan.gui.vault_settings.earlier_backups import EarlierBackups, earlier_backups
from redvan.gui.vault_settings.helpers import Section, card, data_size, say, subtitle
from redvan.gui.vault_settings.models import BackupModel, read_backup_file
from redvan.gui.vault_settings.privacy import NumberSettings
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.progress import Safety, backup_stages, run_with_progress
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.table import table_view
from redvan.gui.workspace import Context
from redvan.storage import backup
from redvan.storage.vault import backups_dir


class BackupSection(Section):
    """How many automatic backups to keep, the list of them, and "Back up now"."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts
        self.numbers = NumberSettings(context, ("backup_generations",))
        self.now_button = t.button(
            lambda: self.tr("&Back up now"), role="primary", clicked=self.back_up_now
        )
        self.progress = t.bind(QProgressBar(), accessibleName=lambda: self.tr("Backing up"))
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(self.fontMetrics().height() // 2)
        self.progress.hide()
        self.status = role_label(hidden=True)
        self.model = BackupModel(self)
        self.view = t.bind(
            table_view(self.model, stretch=BackupModel.COL_REASON, highlight=True),
            accessibleName=lambda: self.tr("Automatic backups"),
        )
        self.earlier = EarlierBackups()  # V11: backups under an earlier key
        self.earlier.destroyed.connect(self._load)
        self.folder = subtitle(t)
        self.folder.setTextFormat(Qt.TextFormat.PlainText)
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        intro = subtitle(
            t,
            lambda: self.tr(
                "The vault is backed up automatically when it is locked after a change. "
                "A backup is encrypted like the vault and opens with the passphrases of its day."
            ),
        )
        vbox(
            card(
                intro,
                hbox((self.numbers.grid, 1), self.numbers.save_button),
                self.numbers.status,
                6,
                hbox(self.now_button, (self.progress, 1), STRETCH),
                self.status,
            ),
            t.label(lambda: self.tr("Automatic backups, &newest first"), buddy=self.view),
            self.earlier,
            (self.view, 1),
            self.folder,
            parent=self,
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.numbers.retranslate()
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
            me = next(s for s in self.services.store.list_staff() if s.id == vault.staff_id)
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
