"""Saving the printable recovery sheet (a PDF from reports/), as the create-vault wizard and
Settings → Staff both offer it: where to save it, writing it, and the line saying where it is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from redvan.gui.saved_files import SaveFolder


def ask_where(parent: QWidget, folder: SaveFolder) -> Path | None:
    """The save dialog for the sheet, opened in `folder`; None when cancelled."""
    return folder.ask(
        parent,
        QCoreApplication.translate("RecoverySheet", "Save recovery sheet"),
        QCoreApplication.translate("RecoverySheet", "recovery-sheet.pdf"),
        QCoreApplication.translate("RecoverySheet", "PDF files (*.pdf)"),
    )


def write(target: Path, code: str, vault: Path | None, made: datetime, language: str) -> str:
    """Write the sheet for `code` to `target` (OSError when it cannot); returns the line
    saying where it went."""
    from redvan.reports.recovery_sheet import write_recovery_sheet

    write_recovery_sheet(target, code, vault.name if vault else "", made, language)
    return (
        QCoreApplication.translate("RecoverySheet", "Saved %1 in %2.")
        .replace("%1", target.name)
        .replace("%2", str(target.parent))
    )
