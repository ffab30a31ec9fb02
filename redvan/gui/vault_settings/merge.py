"""The coordinator's merge in the app (X3, O3, O4): choose sync packages, see which devices and
weeks they bring, and the distinct persons across devices as an estimate with its interval.

Reading and merging needs no vault and touches no widget, so it runs on a pool thread
(gui.background); the dialog only shows the result. Trusted keys are the user's trusted-keys
file, where enrolment keeps the organisation's devices (no key is typed here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QListWidget,
    QTableView,
    QWidget,
)

from redvan.gui import background
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.texts import Texts

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Merged:
    """What the pool thread hands back: the merge result and the refusals, or an error."""

    result: Any
    refused: list[str]
    error: str = ""


def merge_files(paths: list[Path]) -> Merged:
    """Read, verify and merge ``paths`` (never touches a widget: runs on a pool thread)."""
    from redvan.exchange.hostile import ImportRefused
    from redvan.exchange.merge import Ledger, merge
    from redvan.exchange.signing import EncryptionError, SignatureError
    from redvan.exchange.sync import read_packages
    from redvan.exchange.trust import trusted_keys

    try:
        packages, refused = read_packages(paths, trusted_keys())
    except (ImportRefused, SignatureError, EncryptionError) as exc:
        return Merged(None, [], str(exc))
    result = merge(Ledger(), packages)
    return Merged(result, refused + result.refused)


class WeekEstimateModel(QAbstractTableModel):
    """One row per merged week: the estimate of distinct persons and its interval."""

    COL_WEEK, COL_ESTIMATE, COL_LOW, COL_HIGH = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, int, int, int]] = []

    def set_rows(self, rows: list[tuple[str, int, int, int]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 (Qt API)
        return 0 if parent.isValid() else 4

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return str(self.rows[index.row()][index.column()])

    def headerData(  # noqa: N802 (Qt API)
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Week"),
            self.tr("Estimated persons"),
            self.tr("At least"),
            self.tr("At most"),
        )[section]


class MergeDialog(QDialog):
    """Choose packages, merge them, read the result."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.paths: list[Path] = []
        t = self.texts = Texts()
        t.bind(self, windowTitle=lambda: self.tr("Merge sync packages"))
        self.heading = t.label(lambda: self.tr("Merge sync packages"), scale=1.2)
        self.intro = t.label(
            lambda: self.tr(
                "Choose the sync packages your laptops and partners sent (each with its "
                ".minisig file). Only packages signed by a trusted device are merged; the "
                "devices of your organisation are trusted from their enrolment."
            ),
            wrap=True,
        )
        self.files = t.bind(QListWidget(), accessibleName=lambda: self.tr("Sync packages to merge"))
        self.files.setMaximumHeight(110)
        self.choose = t.button(lambda: self.tr("Choose packages…"), clicked=self._choose)
        self.run = t.button(lambda: self.tr("Merge"), clicked=self._merge, enabled=False)
        self.summary = t.label(wrap=True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusals = t.label(role="error", wrap=True, hidden=True)
        self.model = WeekEstimateModel(self)
        self.table = t.bind(
            QTableView(), accessibleName=lambda: self.tr("Distinct persons per week")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        vbox(
            self.heading,
            self.intro,
            self.files,
            hbox(self.choose, self.run, STRETCH),
            self.refusals,
            self.summary,
            (self.table, 1),
            buttons,
            parent=self,
        )
        self.resize(720, 560)

    def retranslate(self) -> None:
        self.texts.retranslate()

    def _choose(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose sync packages"), "", self.tr("Sync packages (*)")
        )
        if chosen:
            self.set_paths([Path(p) for p in chosen if not p.endswith(".minisig")])

    def set_paths(self, paths: list[Path]) -> None:
        self.paths = paths
        self.files.clear()
        self.files.addItems([p.name for p in paths])
        self.run.setEnabled(bool(paths))

    def _merge(self) -> None:
        paths = list(self.paths)
        self.run.setEnabled(False)
        self.summary.setText(self.tr("Merging…"))
        background.run(self, lambda: merge_files(paths), self.show_result, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.run.setEnabled(True)
        self.summary.setText(self.tr("The packages could not be merged."))

    def show_result(self, merged: Merged) -> None:
        from redvan.exchange.merge import estimate_note, persons_note, programme_notes
        from redvan.exchange.sync import fingerprint

        self.run.setEnabled(bool(self.paths))
        lines = list(merged.refused)
        if merged.error:
            lines.insert(0, merged.error)
        self.refusals.setText("\n".join(lines))
        self.refusals.setVisible(bool(lines))
        result = merged.result
        if result is None or result.tally is None:
            self.summary.setText(self.tr("Nothing was merged: no package was accepted."))
            self.model.set_rows([])
            return
        devices = ", ".join(
            f"{fingerprint(d)} (#{', #'.join(str(s) for s in seqs)})"
            for d, seqs in result.devices.items()
        )
        parts = [
            self.tr("Weeks %1 to %2 from %3 devices: %4")
            .replace("%4", devices)
            .replace("%3", str(len(result.devices)))
            .replace("%2", str(result.tally.last))
            .replace("%1", str(result.tally.first)),
            persons_note(result, self.language, published=False),
        ]
        estimate = estimate_note(result, self.language, published=False)
        if estimate:
            parts.append(estimate)
        parts.extend(programme_notes(result, self.language, published=False))
        self.summary.setText("\n\n".join(parts))
        self.model.set_rows([(w, e.value, e.low, e.high) for w, e in result.week_estimates.items()])
