"""Settings (G8): what a coordinator looks after — lists, staff and keys, locking and privacy,
backups and the language.

Only a coordinator sees the controls; an outreach worker gets a short explanation. Key-slot
work (a passphrase, a recovery code) runs the slow KDF on a pool thread (gui.background).
Passphrases and the recovery code are never kept in a draft, a setting or the clipboard.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from redvan.core.enums import Role
from redvan.gui.vault_settings.backups import BackupSection
from redvan.gui.vault_settings.helpers import scrolled
from redvan.gui.vault_settings.language import LanguageSection
from redvan.gui.vault_settings.organisation import OrganisationSection
from redvan.gui.vault_settings.privacy import PrivacySection
from redvan.gui.vault_settings.reporting_day import ReportingDaySection
from redvan.gui.vault_settings.staff import StaffSection
from redvan.gui.vault_settings.vocabularies import VocabularySection
from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.texts import Texts
from redvan.gui.workspace import Context, WorkspacePage


class SettingsPage(WorkspacePage):
    """Coordinator settings. `language_requested` asks the main window to switch language;
    `setting_changed(key, value)` tells it a vault setting changed (e.g. the auto-lock time)."""

    key = "settings"
    language_requested = Signal(str)
    setting_changed = Signal(str, int)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        t = self.texts = Texts()
        self.heading = t.label(self.title, role="title", scale=1.5)
        self.denied = t.notice(
            lambda: self.tr(
                "Settings are looked after by a coordinator: the lists, staff and keys, locking, "
                "retention and backups. Ask your coordinator if something needs to change.\n\n"
                "You can switch the language under View → Language."
            )
        )
        self.body = QStackedWidget()
        self.body.addWidget(self.denied)
        self.tabs: QTabWidget | None = None
        self.vocabularies: VocabularySection | None = None
        self.staff: StaffSection | None = None
        self.privacy: PrivacySection | None = None
        self.backups: BackupSection | None = None
        self.language: LanguageSection | None = None
        self.reporting_day: ReportingDaySection | None = None
        self.organisation: OrganisationSection | None = None
        vbox(self.heading, (self.body, 1), parent=self)
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
        self.reporting_day = ReportingDaySection(context)
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
        self.tabs.addTab(scrolled(self.reporting_day), "")
        self.organisation = OrganisationSection(context)  # O1-O4
        self.tabs.addTab(scrolled(self.organisation), "")
        self.body.addWidget(self.tabs)

    def sections(self) -> list[Any]:
        return [
            s
            for s in (
                self.vocabularies,
                self.staff,
                self.privacy,
                self.backups,
                self.language,
                self.reporting_day,
                self.organisation,
            )
            if s is not None
        ]

    def title(self) -> str:
        return self.tr("Settings")

    def retranslate(self) -> None:
        self.texts.retranslate()
        if self.tabs is not None:
            for index, text in enumerate(
                (
                    self.tr("Lists"),
                    self.tr("Staff and keys"),
                    self.tr("Locking and privacy"),
                    self.tr("Backups"),
                    self.tr("Language"),
                    self.tr("Reporting day"),
                    self.tr("Organisation"),
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

    def show_organisation(self) -> None:
        """Open the Organisation tab (a new laptop joining, O1)."""
        if self.tabs is not None and self.organisation is not None:
            self.tabs.setCurrentIndex(self.tabs.count() - 1)

    def select_section(self, index: int) -> None:
        if self.tabs is not None:
            self.tabs.setCurrentIndex(index)
