"""The recovery code as the create-vault wizard and Settings → Staff both show it once: the
code itself in large type, and its printable sheet (a PDF from reports/): where to save it,
writing it, and the line saying where it went."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from redvan.gui.saved_files import SaveFolder


def code_label(factor: float) -> QLabel:
    """The label the code is shown in: bold monospace, `factor` times the system font, centred."""
    label = QLabel()
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(QGuiApplication.font().pointSizeF() * factor)
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


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
