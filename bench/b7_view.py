"""B7 contacts view: from unlock to the contacts view painted, 1M vault (≤ 200 ms); memory
(≤ 300 MB resident).

Each run is a fresh process (`python -m bench.worker b7`) that starts the app's own window the
way `redvan gui --vault` does (`redvan.gui.app.create_window`, offscreen, empty settings) and
waits until the unlock screen is painted. It then unlocks with the same call the unlock screen
makes on its worker thread (not timed: that is B1) and times what follows in the GUI thread
(the first of several runs is a warm-up):

- **Tonight** (the screen the app opens on after unlock): from handing the unlocked vault to
  the unlock screen (`UnlockPage._opened`, which builds the workspace: the other screens are
  built on their first open; their modules were imported during the unlock) until tonight's
  contacts table has its rows and the window has been painted once (the turn of the event
  loop after that paint). "Now" is set to the time of the newest contact in the vault, so
  the table shows a real night's contacts. Tonight fills its due list and programme warning
  after that paint; the time until they are in is reported beside it;
- **People** (Ctrl+3): from `open_page("profiles")` (which builds the screen) until the list
  of people (the most recently seen first, a page at a time) has been painted once;
- every other screen the same way, for context (painted once after `open_page`).

The process's peak resident set (VmHWM, which includes the unlock's 64 MiB Argon2id) is the
memory figure (MB = 10⁶ bytes); its resident set at the end (VmRSS) is reported beside it.
The worse of Tonight and People is B7's time; medians over the runs (fewer than asked when
the processes so far took over two minutes).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 200.0
BUDGET_MB = 300.0
TIMEOUT_S = 300.0
CAP_S = 120.0  # no further run is started once the runs so far took this long


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def measure(vault_path: Path, passphrase: str) -> dict[str, Any]:
    """The worker's side: runs in its own process (see the module's doc)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from redvan.gui.app import create_window
    from redvan.gui.settings import AppSettings

    app = QApplication.instance() or QApplication(["redvan"])
    assert isinstance(app, QApplication)
    app.setApplicationName("Red Van Intake")
    app.setOrganizationName("redvan")

    class Painted(QObject):
        """Notes the time at the turn of the event loop right after `widget`'s first paint.

        The paint itself is included; what a screen queues for after its paint (Tonight's
        due list) is not, because this filter is installed after the screen's own and so
        runs, and queues its mark, first.
        """

        def __init__(self, widget: QWidget) -> None:
            super().__init__(widget)
            self.seen = False
            self.at = 0.0
            self._armed = True
            widget.installEventFilter(self)

        def _mark(self) -> None:
            self.at = time.perf_counter()
            self.seen = True

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if self._armed and event.type() == QEvent.Type.Paint:
                self._armed = False
                QTimer.singleShot(0, self, self._mark)
            return False

    def wait_until(done: Callable[[], bool], what: str) -> None:
        deadline = time.perf_counter() + TIMEOUT_S
        while not done():
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{what} never happened")

    def wait_for(flag: Painted, what: str) -> float:
        wait_until(lambda: flag.seen, f"the first paint of {what}")
        return flag.at

    window = create_window(app, vault_path, AppSettings())
    unlock_painted = Painted(window.unlock_page)
    window.show()
    wait_for(unlock_painted, "the unlock screen")
    rss_locked = _status_kib("VmRSS")

    started = time.perf_counter()
    vault = window.session.open_vault(None, passphrase)
    unlock_s = time.perf_counter() - started
    newest = vault.conn.execute("SELECT max(time) FROM contact").fetchone()[0]
    night = datetime.fromisoformat(newest) + timedelta(minutes=1) if newest else datetime.now()
    window.now = lambda: night

    # Tonight: everything after the unlock itself, to the contacts table painted once; and,
    # for context, to the due list and programme warning filled after that paint.
    started = time.perf_counter()
    window.unlock_page._opened(vault)
    workspace = window.workspace
    assert workspace is not None
    tonight = workspace.page("tonight")
    details: list[float] = []
    tonight.details_loaded.connect(lambda: details.append(time.perf_counter()))  # type: ignore[attr-defined]
    table = tonight.contacts_view  # type: ignore[attr-defined]
    shown = tonight.contacts_stack.currentWidget()  # type: ignore[attr-defined]
    painted = Painted(table.viewport() if shown is table else shown)  # or "no contacts yet"
    done = wait_for(painted, "tonight's contacts")
    wait_until(lambda: bool(details), "tonight's due list")
    timings: dict[str, float] = {
        "tonight": (done - started) * 1000,
        "tonight_complete": (details[0] - started) * 1000,
    }
    rows = {"tonight": tonight.contacts_model.rowCount()}  # type: ignore[attr-defined]

    # Screens are built on their first open: the time includes building it. Opening it
    # shows it; it is painted at the next turn of the event loop, in wait_for.
    for key in workspace.keys:
        if key == "tonight":
            continue
        started = time.perf_counter()
        page = workspace.open_page(key)
        target: QWidget = page.list.viewport() if key == "profiles" else page  # type: ignore[attr-defined]
        painted = Painted(target)
        timings[key] = (wait_for(painted, key) - started) * 1000
        if key == "profiles":
            rows["profiles"] = page.results.rowCount()  # type: ignore[attr-defined]
    result = {
        "night": night.isoformat(timespec="minutes"),
        "unlock_s": unlock_s,
        "open_ms": timings,
        "rows": rows,
        "rss_locked_kib": rss_locked,
        "rss_end_kib": _status_kib("VmRSS"),
        "peak_rss_kib": _status_kib("VmHWM"),
    }
    window.session.lock(backup=False)
    window.workspace = None
    return result


def _worker(vault: Path, passphrase: str, home: Path) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "REDVAN_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        REDVAN_LOG_DIR=str(home / "log"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.worker", "b7", "--vault", str(vault)],
        input=(passphrase + "\n").encode(),
        capture_output=True,
        cwd=ROOT,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"B7 worker failed:\n{done.stderr.decode(errors='replace')[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def run(vault: Path, passphrase: str, runs: int) -> dict[str, Any]:
    """`vault` is a copy: unlocking writes an audit event."""
    samples: list[dict[str, Any]] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="redvan-b7-") as tmp:
        if runs > 1:
            _worker(vault, passphrase, Path(tmp))  # warm-up: the OS file cache
        while len(samples) < runs and (not samples or time.perf_counter() - started < CAP_S):
            samples.append(_worker(vault, passphrase, Path(tmp)))
    pages = list(samples[0]["open_ms"])
    return {
        "runs": len(samples),
        "night": samples[0]["night"],
        "rows": samples[0]["rows"],
        "open_ms": {p: Summary.of([s["open_ms"][p] for s in samples]).as_dict() for p in pages},
        "peak_rss_mb": max(s["peak_rss_kib"] for s in samples) * 1024 / 1e6,
        "rss_end_mb": statistics.median(s["rss_end_kib"] for s in samples) * 1024 / 1e6,
        "rss_locked_mb": statistics.median(s["rss_locked_kib"] for s in samples) * 1024 / 1e6,
        "unlock_s": statistics.median(s["unlock_s"] for s in samples),
        "samples": samples,
    }


def figures(result: dict[str, Any]) -> list[Figure]:
    opened = result["open_ms"]
    n = result["runs"]
    worse = max(("tonight", "profiles"), key=lambda p: opened[p]["p50"])
    out = [
        Figure(
            "B7",
            f"contacts view opens ({'Tonight' if worse == 'tonight' else 'People'}, the worse), "
            f"median (n={n})",
            opened[worse]["p50"],
            "ms",
            BUDGET_MS,
        ),
        Figure(
            "B7",
            f"  Tonight after unlock, {result['rows']['tonight']} contacts, median",
            opened["tonight"]["p50"],
            "ms",
        ),
        Figure("B7", "  Tonight, max", opened["tonight"]["max"], "ms"),
        Figure(
            "B7",
            f"  People (Ctrl+3), first {result['rows'].get('profiles', 0)} people, median",
            opened["profiles"]["p50"],
            "ms",
        ),
        Figure("B7", "  People, max", opened["profiles"]["max"], "ms"),
    ]
    if "tonight_complete" in opened:
        out.append(
            Figure(
                "B7",
                "  Tonight complete: due list and programme warning filled after, median",
                opened["tonight_complete"]["p50"],
                "ms",
            )
        )
    for page, summary in opened.items():
        if page not in ("tonight", "profiles", "tonight_complete"):
            out.append(Figure("B7", f"  other screens: {page}, median", summary["p50"], "ms"))
    out += [
        Figure(
            "B7",
            "peak resident memory (VmHWM), max of runs",
            result["peak_rss_mb"],
            "MB",
            BUDGET_MB,
        ),
        Figure("B7", "  resident with every screen opened, median", result["rss_end_mb"], "MB"),
        Figure("B7", "  resident at the unlock screen, median", result["rss_locked_mb"], "MB"),
    ]
    return out
