"""The progress dialog and background.run_reporting, driven by real work on a pool thread."""

from __future__ import annotations

import hashlib
import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from redvan.gui import background
from redvan.gui.background import Cancelled, Reporter
from redvan.gui.widgets.progress import ProgressDialog, Safety, run_with_progress, seconds_left


@pytest.fixture
def parent(qtbot) -> QWidget:  # type: ignore[no-untyped-def]
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_reported_progress_reaches_the_dialog_and_done_gets_the_result(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    blocks = 200
    seen: list[tuple[int, int, str]] = []
    results: list[str] = []

    def work(report: Reporter) -> str:
        digest = hashlib.sha256()
        for i in range(blocks):
            digest.update(i.to_bytes(4, "big") * 4096)
            report(i + 1, blocks, "hash")
        return digest.hexdigest()

    dialog = run_with_progress(
        parent,
        "Hashing",
        work,
        results.append,
        stages={"hash": "Hashing the blocks"},
        show_after_ms=0,
    ).dialog
    assert dialog is not None
    bar, stage = dialog.bar, dialog.stage
    bar.valueChanged.connect(lambda v: seen.append((v, bar.maximum(), stage.text())))
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert len(results[0]) == 64
    assert seen[-1] == (blocks, blocks, "Hashing the blocks")
    assert closed == [1]  # closed before done ran
    # Coalesced: never more updates than reports, and the values only grow.
    values = [v for v, _, _ in seen]
    assert len(values) <= blocks and values == sorted(values)


def test_reporter_coalesces_updates_within_a_stage_never_across() -> None:
    notified: list[int] = []
    reporter = Reporter(lambda: notified.append(1))
    for i in range(1, 101):
        reporter(i, 100, "copy")
    assert len(notified) == 1  # one update on its way carries the newest values
    reporter(0, 1, "verify")  # a quick stage between two others is still shown
    reporter(10, 50, "write")
    reporter(50, 50, "write")
    assert len(notified) == 1
    assert reporter.take() == [(100, 100, "copy"), (0, 1, "verify"), (50, 50, "write")]
    assert reporter.take() == []
    reporter(5, 0, "verify")
    assert len(notified) == 2 and reporter.take() == [(5, 0, "verify")]


def test_cancel_stops_the_work_at_its_safe_point(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    reached: list[int] = []
    outcome: list[str] = []

    def work(report: Reporter) -> None:
        for i in range(10):
            report(i + 1, 10, "write")
            reached.append(i)
            gate.wait(10)
            report.check()  # the safe point

    dialog = run_with_progress(
        parent,
        "Writing",
        work,
        lambda _: outcome.append("done"),
        lambda exc: outcome.append(f"failed {type(exc).__name__}"),
        cancellable=True,
        cancelled=lambda: outcome.append("cancelled"),
        show_after_ms=0,
    ).dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.bar.value() == 1, timeout=10_000)
    assert dialog.cancel_button is not None and dialog.cancel_button.isVisible()
    QTest.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "next safe point" in dialog.stage.text()
    assert not dialog.cancel_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: bool(outcome), timeout=10_000)
    assert outcome == ["cancelled"]
    assert reached == [0]  # stopped at the first safe point, not after all ten


def test_work_that_cannot_be_stopped_offers_no_cancel_and_escape_does_not_close(
    qtbot, parent
) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    outcome: list[Any] = []

    def work(report: Reporter) -> int:
        report(1, 2, "rename")
        gate.wait(10)
        report(2, 2, "rename")
        return 7

    dialog = run_with_progress(
        parent, "Restoring", work, outcome.append, safety=Safety.REPLACE, show_after_ms=0
    ).dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.bar.value() == 1, timeout=10_000)
    assert dialog.cancel_button is None and not dialog.buttons.isVisible()
    assert "kept as it is" in dialog.safe.text()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()  # neither Esc nor closing hides work that still runs
    gate.set()
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: outcome == [7], timeout=10_000)
    assert closed == [1]


def test_a_failure_closes_the_dialog_and_reaches_failed(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    failures: list[BaseException] = []

    def work(report: Reporter) -> None:
        report(1, 3, "verify")
        raise OSError(28, "No space left on device")

    dialog = run_with_progress(
        parent, "Backup", work, lambda _: None, failures.append, show_after_ms=0
    ).dialog
    assert dialog is not None
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], OSError) and closed == [1]


def test_quick_work_shows_no_dialog(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    results: list[int] = []
    progress = run_with_progress(parent, "Quick", lambda report: 1, results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == [1] and progress.ended
    assert progress.dialog is None  # no widget was even made
    progress.show()  # the timer firing after the work ended
    assert progress.dialog is None


def test_time_left_follows_the_pace_so_far(qtbot) -> None:  # type: ignore[no-untyped-def]
    now = [100.0]
    dialog = ProgressDialog("Backup", clock=lambda: now[0])
    qtbot.addWidget(dialog)
    dialog.update_progress(0, 100, "")
    assert dialog.remaining.text() == ""  # nothing done yet: no guess
    now[0] = 110.0
    dialog.update_progress(25, 100, "")
    assert "30 second" in dialog.remaining.text()
    now[0] = 400.0
    dialog.update_progress(50, 100, "")
    assert "5 minute" in dialog.remaining.text()
    dialog.update_progress(99, 100, "")
    assert dialog.remaining.text() == "A few seconds left"
    dialog.update_progress(3, 0, "")  # total unknown: a busy bar, no guess
    assert dialog.bar.maximum() == 0 and dialog.remaining.text() == ""


def test_seconds_left() -> None:
    assert seconds_left(0, 10, 5.0) is None
    assert seconds_left(10, 10, 5.0) is None
    assert seconds_left(5, 0, 5.0) is None
    assert seconds_left(1, 4, 0.5) is None  # too early to tell
    assert seconds_left(1, 4, 10.0) == pytest.approx(30.0)


def test_cancelled_is_raised_only_after_cancel() -> None:
    reporter = Reporter(lambda: None)
    reporter.check()
    reporter.cancel()
    with pytest.raises(Cancelled):
        reporter.check()


def test_plain_run_still_works(qtbot, parent) -> None:  # type: ignore[no-untyped-def]
    results: list[int] = []
    background.run(parent, lambda: sum(range(1000)), results.append)
    qtbot.waitUntil(lambda: results == [499500], timeout=10_000)


def test_reports_after_the_window_is_gone_do_not_stop_the_work() -> None:
    def gone() -> None:
        raise RuntimeError("Internal C++ object (_Relay) already deleted.")

    reporter = Reporter(gone)
    reporter(1, 2, "copy")  # no exception reaches the worker
    reporter(2, 2, "copy")
    assert reporter.latest == (2, 2, "copy")
