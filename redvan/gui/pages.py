"""The screens of the workspace, in navigation order (Ctrl+1 … Ctrl+7), and how they talk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QShortcut

from redvan.gui.contact.page import ContactEntryPage
from redvan.gui.followups.page import FollowUpsPage
from redvan.gui.incidents.page import IncidentsPage
from redvan.gui.profiles.page import ProfilesPage
from redvan.gui.referrals.page import ReferralsPage
from redvan.gui.reports.page import ReportsPage
from redvan.gui.tonight.page import TonightPage
from redvan.gui.vault_settings.page import SettingsPage
from redvan.gui.workspace import Context, Workspace, WorkspacePage

if TYPE_CHECKING:
    from redvan.gui.main_window import MainWindow


def build_pages(context: Context) -> list[WorkspacePage]:
    return [
        TonightPage(context),
        ContactEntryPage(context),
        ProfilesPage(context),
        FollowUpsPage(context),
        IncidentsPage(context),
        ReferralsPage(context),
        ReportsPage(context),
        SettingsPage(context),
    ]


def wire(workspace: Workspace, window: MainWindow) -> None:
    """Connect the screens to each other and to the window."""
    tonight = workspace.page("tonight")
    followups = workspace.page("followups")
    settings = workspace.page("settings")
    assert isinstance(tonight, TonightPage) and isinstance(followups, FollowUpsPage)
    assert isinstance(settings, SettingsPage)

    def new_contact() -> None:
        workspace.open_page("contact")

    def show_followup(followup_id: str) -> None:
        workspace.open_page("followups")
        followups.select(followup_id)

    def setting_changed(key: str, value: int) -> None:
        if key == "auto_lock_minutes":
            window.idle.timeout_seconds = 60 * value

    tonight.new_contact_requested.connect(new_contact)
    tonight.followup_activated.connect(show_followup)
    settings.language_requested.connect(window.set_language)
    settings.setting_changed.connect(setting_changed)
    shortcut = QShortcut(QKeySequence("Ctrl+N"), workspace)
    shortcut.activated.connect(new_contact)
