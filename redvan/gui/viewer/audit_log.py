"""The viewer's audit-log tab: the summary the bundle holds, drawn as a tree."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from redvan.gui.widgets.layouts import vbox
from redvan.gui.widgets.texts import Texts

# A genuine summary is small, so a huge one is cut short.
MAX_SUMMARY_ITEMS = 2000


class AuditLogTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        t = self.texts = Texts()
        self.note = t.label(
            lambda: self.tr(
                "What the vault's audit log says about the period, without names or contents "
                "(as written in the bundle)."
            ),
            wrap=True,
        )
        self.tree = t.bind(QTreeWidget(), accessibleName=lambda: self.tr("Audit log summary"))
        self.tree.setColumnCount(2)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        vbox(self.note, (self.tree, 1), parent=self)

    def show_summary(self, summary: Mapping[str, Any]) -> None:
        self.tree.clear()
        budget = [MAX_SUMMARY_ITEMS]

        def add(parent: QTreeWidgetItem | QTreeWidget, key: str, value: Any) -> None:
            if budget[0] <= 0:
                return
            budget[0] -= 1
            scalar = not isinstance(value, Mapping | list)
            item = QTreeWidgetItem([key, str(value) if scalar else ""])
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if isinstance(value, Mapping):
                for k, v in value.items():
                    add(item, str(k), v)
            elif isinstance(value, list):
                for number, v in enumerate(value, start=1):
                    add(item, str(number), v)

        for key, value in summary.items():
            add(self.tree, str(key), value)
        self.tree.expandToDepth(1)
        self.tree.resizeColumnToContents(0)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.tree.setHeaderLabels([self.tr("Entry"), self.tr("Value")])
