"""`redvan open FILE`: the auditor viewer on its own, with no vault (SPEC X6, T10).

The language and theme are read from the app's settings (or --lang), never written; nothing
else outside the bundle is touched except the trusted-keys file, which is only read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from redvan.gui import collector, theme
from redvan.gui import settings as keys
from redvan.gui.i18n import Translations
from redvan.gui.settings import AppSettings
from redvan.gui.viewer.window import AuditViewer

# Set to 1 to have the viewer visit every tab and the last record, then close (tests, T10).
QUIT_AFTER_SHOWN = "REDVAN_VIEWER_QUIT_AFTER_SHOWN"


def tour_and_close(viewer: AuditViewer) -> None:
    """Look at everything once, as an auditor would, say what was shown, then close."""
    for index in range(viewer.tabs.count()):
        viewer.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    model = viewer.rows_model
    while model.canFetchMore():
        model.fetchMore()
    if model.rowCount():
        viewer.rows_view.scrollTo(model.index(model.rowCount() - 1, 0))
    QApplication.processEvents()
    shown = "refused" if viewer.bundle is None else viewer.verdict.level.name.lower()
    print(f"redvan-viewer {shown}", flush=True)  # for the test (T10); standard output only
    viewer.close()


def main(
    path: Path,
    *,
    pubkeys: Sequence[str] = (),
    identities: Sequence[Any] = (),
    language: str | None = None,
) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Red Van Intake")
    app.setOrganizationName("redvan")
    app.setDesktopFileName("redvan")
    collector.install(app)  # the cycle collector never runs on a worker thread
    app_settings = AppSettings()  # read only: the viewer never calls set()
    translations = Translations(app)
    translations.install(language or app_settings.get(keys.LANGUAGE))
    theme.apply(app, app_settings.get(keys.THEME))
    viewer = AuditViewer(path, given_keys=pubkeys, identities=identities)
    if os.environ.get(QUIT_AFTER_SHOWN) == "1":
        for signal in (viewer.bundle_shown, viewer.bundle_refused):
            signal.connect(lambda *_: QTimer.singleShot(0, lambda: tour_and_close(viewer)))
    viewer.show()
    viewer.open_file()
    app.exec()
    return 1 if viewer.refusal else 0
