"""The main window: welcome, create, unlock and the workspace, in one stack (like KeePassXC).

Locking flips the stack back to the unlock page after the workspace has been destroyed,
the unsaved draft stored encrypted in the vault, and the connection and key dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from redvan import __version__
from redvan.gui import settings as keys
from redvan.gui.i18n import Translations
from redvan.gui.locking import Clock, IdleWatcher
from redvan.gui.messages import describe
from redvan.gui.saved_files import SaveFolder
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.unlock.page import UnlockPage
from redvan.gui.unlock.recovery import RecoveryPage
from redvan.gui.widgets.layouts import STRETCH, centred, hbox
from redvan.gui.widgets.roles import set_role
from redvan.gui.widgets.texts import Texts
from redvan.gui.wizard.page import CreateVaultWizard
from redvan.gui.workspace import Context, PageEntry, Workspace

if TYPE_CHECKING:
    from redvan.gui.viewer.window import AuditViewer

log = logging.getLogger(__name__)

PageFactory = Callable[[Context], Sequence[PageEntry]]
Wiring = Callable[[Workspace, "MainWindow"], None]


class WelcomePage(QWidget):
    create_requested = Signal()
    open_requested = Signal()
    audit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing: Path | None = None  # the last vault, when it is not where it was
        t = self.texts = Texts()
        self.title = t.label(lambda: self.tr("Red Van Intake"), role="big")
        self.text = t.label(
            lambda: self.tr(
                "Record contacts, services, referrals, follow-ups and incidents on the night "
                "shift, offline and encrypted. People are counted without being known: a person "
                "is a code they choose and an alias."
            ),
            wrap=True,
        )
        self.notice = t.label(self._missing_text, role="error", wrap=True, hidden=True)
        self.create = t.button(
            lambda: self.tr("&Create a new vault"), role="primary", clicked=self.create_requested
        )
        self.open = t.button(lambda: self.tr("&Open a vault…"), clicked=self.open_requested)
        self.audit = t.button(
            lambda: self.tr("An auditor? Open an &audit bundle…"),
            flat=True,
            clicked=self.audit_requested,
        )
        centred(
            self.title,
            self.text,
            self.notice,
            12,
            hbox(self.create, self.open, STRETCH),
            12,
            (self.audit, 0, Qt.AlignmentFlag.AlignLeft),
            parent=self,
            width=560,
        )

    def _missing_text(self) -> str:
        if self.missing is None:
            return ""
        return self.tr(
            "The last vault, %1, is not there any more. Nothing was deleted by this app: "
            "if the file was moved or is on a disk that is not connected, open it with "
            "“Open a vault…”."
        ).replace("%1", str(self.missing))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.notice.setVisible(self.missing is not None)

    def show_missing(self, path: Path | None) -> None:
        """Say that the last vault was not found (or nothing, with None)."""
        self.missing = path
        self.retranslate()


class MainWindow(QMainWindow):
    """Receives what it uses (STYLE 2): the session, settings, translations and pages."""

    def __init__(
        self,
        session: Session,
        app_settings: AppSettings,
        translations: Translations,
        page_factory: PageFactory,
        *,
        wire: Wiring | None = None,
        clock: Clock | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.app_settings = app_settings
        self.translations = translations
        self.page_factory = page_factory
        self.wire = wire
        self.now = now  # screens' idea of "tonight"; injected by tests and screenshots
        self.workspace: Workspace | None = None
        self.context: Context | None = None
        self.idle = IdleWatcher(300, clock, self)
        self.idle.idle_timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)

        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.create_requested.connect(self.show_wizard)
        self.welcome.open_requested.connect(self.choose_vault)
        self.welcome.audit_requested.connect(self.choose_audit_bundle)
        self.unlock_page = UnlockPage(session)
        self.unlock_page.unlocked.connect(self._unlocked)
        self.unlock_page.forgot_passphrase.connect(self.show_recovery)
        self.unlock_page.other_vault.connect(self.choose_vault)
        self.unlock_page.restore_requested.connect(self.restore_backup)
        self.recovery_page = RecoveryPage(session)
        self.recovery_page.unlocked.connect(self._unlocked)
        self.recovery_page.cancelled.connect(self.show_unlock)
        self.wizard: CreateVaultWizard | None = None
        for page in (self.welcome, self.unlock_page, self.recovery_page):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        # The lock's backup runs on a worker thread; its progress shows here (B12).
        session.backup_progress.connect(self._backup_progress)
        session.closed.connect(self._backup_done)
        self._quit_after_backup = False
        self._build_menus()
        self.retranslate()
        geometry = app_settings.get(keys.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 720)
        if session.path and session.path.exists():
            self.show_unlock()
        else:
            self.welcome.show_missing(session.path)
            self.stack.setCurrentWidget(self.welcome)

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        t = self.texts = Texts()
        t.bind(self, windowTitle=lambda: self.tr("Red Van Intake"))
        bar = self.menuBar()
        self.file_menu = t.bind(bar.addMenu(""), title=lambda: self.tr("&File"))
        self.new_action = t.action(self, lambda: self.tr("&New vault…"), triggered=self.show_wizard)
        self.open_action = t.action(
            self,
            lambda: self.tr("&Open vault…"),
            triggered=self.choose_vault,
            shortcut=QKeySequence.StandardKey.Open,
        )
        self.restore_action = t.action(
            self, lambda: self.tr("&Restore a backup…"), triggered=lambda: self.restore_backup(None)
        )
        self.audit_action = t.action(
            self,
            lambda: self.tr("Open an &audit bundle…"),
            triggered=self.choose_audit_bundle,
            shortcut="Ctrl+Shift+O",
        )
        self.lock_action = t.action(
            self, lambda: self.tr("&Lock"), triggered=self.lock, shortcut="Ctrl+L"
        )
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action = t.action(self, lambda: self.tr("&Quit"), triggered=self.close)
        # Windows and the offscreen platform have no standard Quit key: Ctrl+Q there too.
        quit_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcuts(quit_keys or [QKeySequence("Ctrl+Q")])
        for action in (self.new_action, self.open_action, self.restore_action, self.lock_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.audit_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.view_menu = t.bind(bar.addMenu(""), title=lambda: self.tr("&View"))
        self.language_menu = t.bind(self.view_menu.addMenu(""), title=lambda: self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions = {}
        for code, name in (("en", "English"), ("da", "Dansk")):
            action = QAction(name, self, checkable=True)
            action.setChecked(self.translations.language == code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.theme_action = t.action(self, lambda: self.tr("&Dark theme"), checkable=True)
        self.theme_action.setChecked(self.app_settings.get(keys.THEME) == "dark")
        self.theme_action.toggled.connect(self.set_dark)
        self.view_menu.addAction(self.theme_action)
        self.help_menu = t.bind(bar.addMenu(""), title=lambda: self.tr("&Help"))
        self.about_action = t.action(
            self, lambda: self.tr("&About Red Van Intake"), triggered=self.about
        )
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.texts.retranslate()
        for page in (self.welcome, self.unlock_page, self.recovery_page, self.wizard):
            if page is not None:
                page.retranslate()
        if self.workspace is not None:
            self.workspace.retranslate()
        self._update_status()

    def _update_status(self) -> None:
        me = self.session.me() if self.session.is_open else None
        set_role(self.status, "warning" if me is not None and self.session.read_only else None)
        if me is None:
            self.status.setText(self.tr("Locked"))
        elif self.session.read_only:
            self.status.setText(
                self.tr(
                    "Read-only: the disk is full, nothing can be saved. Free space on that disk "
                    "(older backups are in %2), then lock (Ctrl+L) and unlock. · %1"
                )
                .replace("%1", me.display_name)
                .replace("%2", f"{self.session.path.name}.backups" if self.session.path else "")
            )
        else:
            self.status.setText(
                self.tr("Unlocked as %1 · Ctrl+L locks").replace("%1", me.display_name)
            )
        self.lock_action.setEnabled(self.session.is_open)
        self.restore_action.setEnabled(not self.session.is_open and self.session.path is not None)

    # -- navigation between states --------------------------------------------------------

    def show_unlock(self) -> None:
        self.unlock_page.prepare()
        self.stack.setCurrentWidget(self.unlock_page)
        self._update_status()

    def show_recovery(self) -> None:
        self.recovery_page.prepare()
        self.stack.setCurrentWidget(self.recovery_page)

    def show_wizard(self) -> None:
        if self.session.is_open:
            self.lock()
        if self.wizard is None:
            self.wizard = CreateVaultWizard(self.session, save_folder=SaveFolder(self.app_settings))
            self.wizard.created.connect(self._wizard_done)
            self.wizard.cancelled.connect(self._wizard_cancelled)
            self.stack.addWidget(self.wizard)
        self.stack.setCurrentWidget(self.wizard)

    def _wizard_done(self) -> None:
        join = self.wizard is not None and self.wizard.join_after.isChecked()
        self._drop_wizard()
        self._unlocked()
        if join and self.workspace is not None:  # O1: "Join an organisation"
            self.workspace.open_page("settings").show_organisation()  # type: ignore[attr-defined]

    def _wizard_cancelled(self) -> None:
        self._drop_wizard()
        if self.session.path and self.session.path.exists():
            self.show_unlock()
        else:
            self.stack.setCurrentWidget(self.welcome)

    def _drop_wizard(self) -> None:
        if self.wizard is not None:
            self.stack.removeWidget(self.wizard)
            self.wizard.deleteLater()
            self.wizard = None

    def choose_vault(self) -> None:
        start = str(self.session.path.parent) if self.session.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a vault"), start, self.tr("Red Van vaults (*.redvan)")
        )
        if name:
            self.open_path(Path(name))

    def choose_audit_bundle(self) -> None:
        """An auditor's way in: needs no vault, and the viewer writes nothing (SPEC X6)."""
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an audit bundle"),
            str(Path.home()),
            self.tr("Audit bundles (*.rvaudit);;All files (*)"),
        )
        if name:
            self.open_audit_bundle(Path(name))

    def open_audit_bundle(self, path: Path) -> AuditViewer:
        """Show a bundle in its own window; it is closed with this one."""
        # Loaded on first use: the viewer brings jsonschema, minisign and age (bench B2).
        from redvan.gui.viewer.window import AuditViewer

        viewer = AuditViewer(path, allow_dialogs=True, parent=self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        viewer.open_file()
        return viewer

    def open_path(self, path: Path) -> None:
        if self.session.is_open:
            self.lock()
        path = path.absolute()  # the app may start from another folder next time (issue 15)
        self.session.path = path
        self.app_settings.set(keys.LAST_VAULT, str(path))
        self.welcome.show_missing(None)
        self.show_unlock()

    def _unlocked(self) -> None:
        services = self.session.services
        assert services is not None
        if self.session.path:
            self.app_settings.set(keys.LAST_VAULT, str(self.session.path.absolute()))
        self.welcome.show_missing(None)
        self.context = Context(
            self.session, self.translations.language, app_settings=self.app_settings
        )
        if self.now is not None:
            self.context.now = self.now
        self.workspace = Workspace(self.context, self.page_factory(self.context))
        if self.wire is not None:
            self.wire(self.workspace, self)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        if not self.session.read_only:  # a read-only vault keeps its drafts for later
            self.workspace.restore_drafts()
        self.idle.timeout_seconds = 60 * services.setting("auto_lock_minutes")
        self.idle.start()
        self._update_status()

    def lock(self) -> None:
        """Keep the draft, destroy every view, close the connection, show the unlock page."""
        self.idle.stop()
        if self.workspace is not None:
            try:
                if self.session.is_open:
                    self.workspace.save_drafts()
            except Exception as exc:  # noqa: BLE001 - a failed draft must not keep it open
                log.warning("draft not kept on lock: %s", type(exc).__name__)
            self.workspace.wipe()
            self.stack.removeWidget(self.workspace)
            self.workspace.setParent(None)
            self.workspace.deleteLater()
            self.workspace = None
            self.context = None
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        try:
            self.session.lock()
        except Exception as exc:  # noqa: BLE001 - the lock still completes; say what failed
            QMessageBox.warning(self, self.tr("Red Van Intake"), describe(exc))
        if self.session.path and self.session.path.exists():
            self.show_unlock()
        else:
            self.stack.setCurrentWidget(self.welcome)

    def restore_backup(self, backup: Path | None) -> None:
        """Replace the (locked) vault with a verified backup; the old one is kept aside."""
        from redvan.gui.background import Reporter
        from redvan.gui.messages import backup_time
        from redvan.gui.widgets.progress import Safety, run_with_progress
        from redvan.storage.backup import list_backups, restore

        path = self.session.path
        if path is None or self.session.is_open:
            return
        if backup is None:
            found = list_backups(path)
            start = str(found[0]) if found else str(path.parent)
            name, _ = QFileDialog.getOpenFileName(
                self, self.tr("Restore a backup"), start, self.tr("Red Van backups (*.rvbackup)")
            )
            if not name:
                return
            backup = Path(name)
        staff = self.unlock_page.staff.currentText() or None
        secret, ok = QInputDialog.getText(
            self,
            self.tr("Restore a backup"),
            self.tr("Passphrase of %1 when the backup from %2 was made:")
            .replace("%1", staff or "")
            .replace("%2", backup_time(backup)),
            QLineEdit.EchoMode.Password,
        )
        if not ok or not secret:
            return
        chosen = backup
        from redvan.storage.keyhistory import earlier_than_vault

        earlier = earlier_than_vault(chosen, path)  # V11: made before a key change

        def done(_: object) -> None:
            self.show_unlock()
            notice = self.tr(
                "Restored the backup from %1. The damaged vault was kept aside. Unlock "
                "with the passphrase that was valid then."
            ).replace("%1", backup_time(chosen))
            if earlier:
                notice += " " + self.tr(
                    "This backup was made under an earlier vault key, so the key slots of that "
                    "time are back, including anyone revoked since. After unlocking, change the "
                    "vault key (Settings → Staff and keys) and revoke again anyone who should "
                    "not have a key."
                )
            self.unlock_page.show_notice(notice)

        def failed(exc: BaseException) -> None:
            self.show_unlock()
            self.unlock_page._show_error(describe(exc))

        def work(report: Reporter) -> Path | None:
            report(0, 0, "restore")  # one step without a count: a busy bar and what it does
            self.session.wait_closed()  # the last lock's backup holds the vault until written
            return restore(path, chosen, secret, staff=staff)

        run_with_progress(
            self,
            self.tr("Restoring a backup"),
            work,
            done,
            failed,
            safety=Safety.REPLACE,
            stages={"restore": self.tr("Unpacking the backup and checking every table")},
        )

    # -- view -----------------------------------------------------------------------------

    def set_language(self, code: str) -> None:
        self.translations.install(code)
        self.app_settings.set(keys.LANGUAGE, code)
        if self.context is not None:
            self.context.language = code
        self.retranslate()

    def set_dark(self, dark: bool) -> None:
        from redvan.gui import theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, "dark" if dark else "light")
        self.app_settings.set(keys.THEME, "dark" if dark else "light")

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Red Van Intake"),
            self.tr(
                "Red Van Intake %1\n\nAnonymous, encrypted, offline records for street outreach. "
                "This app never connects to a network."
            ).replace("%1", __version__),
        )

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.app_settings.set(keys.GEOMETRY, self.saveGeometry())
        if self.session.is_open:
            self.lock()
        if self.session.closing:
            # The backup of the lock is still being written: close when it is done, and
            # keep painting (with its progress) meanwhile.
            self._quit_after_backup = True
            self.setEnabled(False)
            event.ignore()
            return
        event.accept()

    def _backup_progress(self, done: int, total: int, stage: str) -> None:
        if stage == "verify" or total <= 1:
            text = self.tr("Backing up the vault: checking the copy…")
        else:
            share = str(100 * done // max(total, 1))
            text = self.tr("Backing up the vault: %1 %").replace("%1", share)
        self.statusBar().showMessage(text)

    def _backup_done(self) -> None:
        self.statusBar().clearMessage()
        if self._quit_after_backup:
            self._quit_after_backup = False
            # `closed` is sent from the backup's thread just before it ends: wait for that end,
            # or the close below would still find the backup "running" and wait for ever.
            self.session.wait_closed()
            self.close()
