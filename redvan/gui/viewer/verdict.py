"""The verdict at the top of the auditor viewer: one headline, then each finding."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from redvan.gui import theme
from redvan.gui.widgets.text import scale_font


class Level(IntEnum):
    OK = 0
    WARN = 1
    BAD = 2


MARK = {Level.OK: "✓", Level.WARN: "!", Level.BAD: "✗"}
COLOUR = {Level.OK: theme.OK, Level.WARN: theme.WARN, Level.BAD: theme.ACCENT}
ROLE = {Level.OK: "ok", Level.WARN: "warning", Level.BAD: "error"}


@dataclass(frozen=True)
class Finding:
    level: Level
    text: str
    details: tuple[str, ...] = ()
    mark: str = ""  # instead of the level's mark, for a plain note

    @property
    def shown_mark(self) -> str:
        return self.mark or MARK[self.level]


def set_label_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


def selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class VerdictPanel(QFrame):
    """The header: one headline with its mark, the findings behind it, and who signed what."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.level = Level.OK
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        scale_font(self.headline, 1.35)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        selectable(self.findings)
        self.meta_labels: dict[str, QLabel] = {}
        self.meta_values: dict[str, QLabel] = {}
        meta = QFormLayout()
        meta.setHorizontalSpacing(12)
        meta.setVerticalSpacing(2)
        for key in ("signer", "device", "sequence", "period", "created", "file"):
            label = QLabel()
            label.setProperty("role", "subtitle")
            value = selectable(QLabel())
            value.setWordWrap(True)
            self.meta_labels[key] = label
            self.meta_values[key] = value
            meta.addRow(label, value)
        left = QVBoxLayout()
        left.addWidget(self.headline)
        left.addWidget(self.findings)
        left.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addLayout(left, 3)
        layout.addSpacing(16)
        layout.addLayout(meta, 2)

    def show_verdict(self, level: Level, headline: str, findings: Sequence[Finding]) -> None:
        self.level = level
        self.headline.setText(f"{MARK[level]} {headline}")
        set_label_role(self.headline, ROLE[level])
        lines = []
        for finding in findings:
            lines.append(f"{finding.shown_mark} {finding.text}")
            lines.extend(f"      {detail}" for detail in finding.details)
        self.findings.setText("\n".join(lines))
        self.findings.setAccessibleName(self.findings.text())
        self.headline.setAccessibleName(self.headline.text())
        self.setStyleSheet(
            f'QFrame[role="card"] {{ border: 1px solid {COLOUR[level]}; '
            f"border-left-width: 6px; border-radius: 6px; }}"
        )

    def set_meta(self, key: str, label: str, value: str) -> None:
        self.meta_labels[key].setText(label)
        self.meta_values[key].setText(value)
        self.meta_values[key].setAccessibleName(f"{label} {value}")
