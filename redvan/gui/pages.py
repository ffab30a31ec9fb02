"""The screens of the workspace, in navigation order (Ctrl+1 … Ctrl+8), and how they talk.

Each screen is built the first time it is opened (bench B7: unlocking builds Tonight only);
`wire` connects screens to each other as each comes into being.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut

from redvan.gui.contact.page import ContactEntryPage
from redvan.gui.followups.page import FollowUpsPage
from redvan.gui.incidents.page import IncidentsPage
from redvan.gui.profiles.page import ProfilesPage
from redvan.gui.referrals.page import ReferralsPage
from redvan.gui.reports.page import ReportsPage
from redvan.gui.tonight.page import TonightPage
from redvan.gui.vault_settings.page import SettingsPage
from redvan.gui.workspace import Context, LazyPage, Workspace, WorkspacePage

if TYPE_CHECKING:
    from redvan.gui.main_window import MainWindow

# Each screen and its navigation label, shown before the screen is built: the same text in
# the same context (the class's name) as the screen's own title().
SCREENS: tuple[tuple[type[WorkspacePage], Callable[[], str]], ...] = (
    (TonightPage, lambda: QCoreApplication.translate("TonightPage", "Tonight")),
    (ContactEntryPage, lambda: QCoreApplication.translate("ContactEntryPage", "New contact")),
    (ProfilesPage, lambda: QCoreApplication.translate("ProfilesPage", "People")),
    (FollowUpsPage, lambda: QCoreApplication.translate("FollowUpsPage", "Follow-ups")),
    (IncidentsPage, lambda: QCoreApplication.translate("IncidentsPage", "Incidents")),
    (ReferralsPage, lambda: QCoreApplication.translate("ReferralsPage", "Referrals")),
    (ReportsPage, lambda: QCoreApplication.translate("ReportsPage", "Reports")),
    (SettingsPage, lambda: QCoreApplication.translate("SettingsPage", "Settings")),
)


def build_pages(context: Context) -> list[LazyPage]:
    """The screens, none built yet (the workspace builds each on its first open)."""
    del context  # each screen gets the context when it is built
    return [LazyPage(cls.key, title, cls) for cls, title in SCREENS]


def wire(workspace: Workspace, window: MainWindow) -> None:
    """Connect the screens to each other and to the window (each once it is built)."""

    def new_contact() -> None:
        workspace.open_page("contact")

    def show_followup(followup_id: str) -> None:
        followups = workspace.open_page("followups")
        assert isinstance(followups, FollowUpsPage)
        followups.select(followup_id)

    def setting_changed(key: str, value: int) -> None:
        if key == "auto_lock_minutes":
            window.idle.timeout_seconds = 60 * value

    def tonight_built(tonight: WorkspacePage) -> None:
        assert isinstance(tonight, TonightPage)
        tonight.new_contact_requested.connect(new_contact)
        tonight.followup_activated.connect(show_followup)

    def settings_built(settings: WorkspacePage) -> None:
        assert isinstance(settings, SettingsPage)
        settings.language_requested.connect(window.set_language)
        settings.setting_changed.connect(setting_changed)

    workspace.when_built("tonight", tonight_built)
    workspace.when_built("settings", settings_built)
    shortcut = QShortcut(QKeySequence("Ctrl+N"), workspace)
    shortcut.activated.connect(new_contact)
