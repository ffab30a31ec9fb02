"""Python's cycle collector, run on the GUI thread only (Anki and pyqtgraph do the same).

The collector runs in whichever thread happens to allocate when a threshold is crossed. When
that is a background worker (a PDF being drawn, a backup), it can free Qt objects that belong
to the GUI thread — a dialog, a timer, a screen's model caught in a reference cycle — and Qt
crashes the process. So automatic collection is switched off and a timer on the GUI thread
collects, generation by generation, as the thresholds say, a few times a second.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Owns the timer; a child of the application, so it lives as long as the app."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[0] > thresholds[0]:
            generation = 0
            if counts[1] > thresholds[1]:
                generation = 2 if counts[2] > thresholds[2] else 1
            gc.collect(generation)


def install(app: QObject) -> GuiThreadCollector:
    """Once per application: later calls return the collector already installed."""
    found = app.findChild(GuiThreadCollector)
    return found if isinstance(found, GuiThreadCollector) else GuiThreadCollector(app)
