"""GUI fixtures: offscreen Qt (opt out with REDVAN_TEST_SCREEN=1), a fresh unlocked vault."""

from __future__ import annotations

import os

if not os.environ.get("REDVAN_TEST_SCREEN"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from redvan.gui.session import Session
from redvan.gui.workspace import Context

NIGHT = datetime(2026, 11, 20, 22, 0)


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the app does (redvan/gui/collector.py): no cycle collection on a worker thread, which
    could free a test's dialogs and timers there and crash the process; collected here."""
    enabled = gc.isenabled()
    gc.disable()
    yield
    gc.collect()
    if enabled:
        gc.enable()


@pytest.fixture
def session(tmp_path: Path, fast_kdf, qapp) -> Iterator[Session]:  # type: ignore[no-untyped-def]
    """An unlocked session over a new, seeded vault (coordinator "AB")."""
    session = Session(kdf=fast_kdf)
    vault, code = session.create(tmp_path / "van.redvan", "AB", "night shift passphrase")
    session.recovery_code = code  # type: ignore[attr-defined]
    session.attach(vault)
    yield session
    if session.is_open:
        session.lock(backup=False)


@pytest.fixture
def context(session: Session) -> Context:
    """A workspace context whose clock says it is 22:00 on a Friday night in week 47."""
    return Context(session, "en", now=lambda: NIGHT)
