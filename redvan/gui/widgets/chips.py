"""A list of checkable choices drawn as chips that wrap (zones and staff of a shift)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem, QWidget

from redvan.gui import theme

_CHIP_STYLE = f"""
QListWidget::item {{ border: 1px solid palette(mid); border-radius: 4px; padding: 0.15em 0.5em; }}
QListWidget::item:focus {{ border-color: palette(light); }}
QListWidget::indicator {{ width: 0.8em; height: 0.8em; border: 1px solid palette(light);
    border-radius: 2px; background: palette(base); }}
QListWidget::indicator:checked {{ background: {theme.ACCENT}; border-color: {theme.ACCENT}; }}
"""


def _mark_checked(item: QListWidgetItem) -> None:
    """A checked chip is also bold, so the choice shows at a glance in the dark."""
    font = item.font()
    font.setBold(item.checkState() == Qt.CheckState.Checked)
    item.setFont(font)


def _toggle(item: QListWidgetItem) -> None:
    checked = item.checkState() == Qt.CheckState.Checked
    item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)


def chip_list(parent: QWidget | None = None) -> QListWidget:
    """Checkable items that wrap like chips; arrows move, Space or Enter checks."""
    widget = QListWidget(parent)
    widget.setFlow(QListView.Flow.LeftToRight)
    widget.setWrapping(True)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setSpacing(2)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # The dark palette hides an unchecked box; draw each choice as an outlined chip.
    widget.setStyleSheet(_CHIP_STYLE)
    widget.itemActivated.connect(_toggle)
    widget.itemChanged.connect(_mark_checked)
    return widget


def checked(widget: QListWidget) -> list[str]:
    """The UserRole data of the checked chips, in list order."""
    return [
        widget.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    ]
