"""The viewer's report tab: what the bundle's PDF is, and how to take it out (the viewer
neither shows nor saves it: no PDF renderer ships with the app, and saving would be writing)."""

from __future__ import annotations

import re

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from redvan.exchange.bundle import OpenedBundle
from redvan.gui.viewer.verdict import selectable
from redvan.gui.widgets.layouts import STRETCH, vbox
from redvan.gui.widgets.roles import role_label

REPORT_NAME = "report.pdf"  # the report's name inside the bundle's zip


def pdf_pages(data: bytes) -> int | None:
    """The page count of a PDF as reportlab writes it (page objects in the clear), if found."""
    if not data.startswith(b"%PDF-"):
        return None
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data)) or None


class ReportTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle: OpenedBundle | None = None
        self.text = selectable(role_label())
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        vbox(self.text, STRETCH, parent=self)

    def show_report(self, bundle: OpenedBundle) -> None:
        self.bundle = bundle
        self.retranslate()

    def retranslate(self) -> None:
        bundle = self.bundle
        if bundle is None:
            return
        data = bundle.report_pdf
        if not data:
            self.text.setText(self.tr("The bundle holds no report."))
            return
        pages = pdf_pages(data)
        size = QLocale().formattedDataSize(len(data))
        text = (
            self.tr("The bundle holds the report as a PDF of %n page(s), %1.", None, pages)
            if pages
            else self.tr("The bundle holds the report as a PDF, %1.")
        ).replace("%1", size)
        text += "\n\n" + self.tr(
            "This viewer neither shows nor saves it, so that it writes nothing. To read it, "
            "take it out of the bundle with any unzip tool, for example:"
        )
        text += f"\n\n    unzip {bundle.path_name} {REPORT_NAME}"
        if bundle.encrypted:
            text += "\n\n" + self.tr(
                "The bundle is encrypted: decrypt it first with “age -d -i KEYFILE”."
            )
        self.text.setText(text)
