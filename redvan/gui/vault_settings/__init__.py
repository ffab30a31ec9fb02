"""Settings (G8, coordinators): vocabularies, staff and keys, locking and privacy, backups.

Named `vault_settings` because these settings live inside the vault (STYLE 8, second tier);
`redvan.gui.settings` is the first tier, the few QSettings keys needed before unlock.
"""

from redvan.gui.vault_settings.models import BackupModel, StaffModel, VocabularyModel
from redvan.gui.vault_settings.page import SettingsPage

__all__ = ["BackupModel", "SettingsPage", "StaffModel", "VocabularyModel"]
