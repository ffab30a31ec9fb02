"""The progress dialog where work takes seconds: migration at unlock, manual backup, restore,
the report export (issue 15, item 13). Real vaults, real work, real key presses."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.unlock.page import UnlockPage
from redvan.gui.widgets import progress
from redvan.storage import backup, schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every update a screen's progress got: the title, the stage as shown, how far, the
    safety sentence and whether its dialog was open (it is made only once shown)."""
    seen: list[dict[str, Any]] = []
    original = progress.Progress.update

    def record(self: progress.Progress, done: int, total: int, stage: str) -> None:
        original(self, done, total, stage)
        title, safety, stages, _ = self._args
        dialog = self.dialog
        seen.append(
            {
                "title": title,
                "stage": (stages or {}).get(stage, ""),
                "value": dialog.bar.value() if dialog else done,
                "maximum": dialog.bar.maximum() if dialog else total,
                "safe": safety.text(),
                "open": bool(dialog and dialog.isVisible()),
            }
        )

    monkeypatch.setattr(progress.Progress, "update", record)
    return seen


def old_vault(tmp_path: Path) -> Path:
    fixture = FIXTURES / "schema_v1.redvan"
    target = tmp_path / "old.redvan"
    for suffix in ("", ".keys"):
        shutil.copyfile(fixture.with_name(fixture.name + suffix), f"{target}{suffix}")
        Path(f"{target}{suffix}").chmod(0o600)
    return target


def test_unlocking_an_old_vault_shows_the_backup_and_the_migration(
    qtbot, tmp_path: Path, shown: list[dict[str, Any]]
) -> None:  # type: ignore[no-untyped-def]
    path = old_vault(tmp_path)
    session = Session(path)
    page = UnlockPage(session)
    qtbot.addWidget(page)
    page.show()
    page.prepare()
    qtbot.keyClicks(page.passphrase, "fixture passphrase v1")
    with qtbot.waitSignal(page.unlocked, timeout=60_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    stages = [s["stage"] for s in shown]
    assert "Backing up the vault before the update" in stages
    assert stages[-1] == "Updating the vault, one step at a time"
    assert shown[-1]["value"] == shown[-1]["maximum"] > 0  # every step done
    assert all(s["title"] == "Updating the vault to this version of Red Van" for s in shown)
    assert "a backup was made first" in shown[-1]["safe"]
    assert any(s["open"] for s in shown)  # the dialog was on screen while it worked
    assert session.vault is not None and schema.version(session.vault.conn) == schema.LATEST
    assert [p.name.endswith("-pre-migration.rvbackup") for p in backup.list_backups(path)] == [True]
    session.lock(backup=False)


def test_an_ordinary_unlock_shows_no_progress_dialog(
    qtbot, session, shown: list[dict[str, Any]]
) -> None:  # type: ignore[no-untyped-def]
    path = session.path
    session.lock(backup=False)
    again = Session(path, kdf=session.kdf)
    page = UnlockPage(again)
    qtbot.addWidget(page)
    page.show()
    page.prepare()
    qtbot.keyClicks(page.passphrase, "night shift passphrase")
    with qtbot.waitSignal(page.unlocked, timeout=60_000):
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert shown == []
    again.lock(backup=False)


def test_back_up_now_reports_copy_check_and_write(
    qtbot, context, session, shown: list[dict[str, Any]]
) -> None:  # type: ignore[no-untyped-def]
    from redvan.gui.vault_settings.page import BackupSection

    section = BackupSection(context)
    qtbot.addWidget(section)
    section.show()
    qtbot.mouseClick(section.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: section.status.property("role") == "ok", timeout=30_000)
    assert {"Copying the vault", "Checking the copy", "Writing the backup file"} <= {
        s["stage"] for s in shown
    }
    assert shown[-1]["value"] == shown[-1]["maximum"] > 0  # the last stage, complete
    assert all("the copy is checked before it is kept" in s["safe"] for s in shown)
    assert len(backup.list_backups(session.path)) == 1


def test_restoring_a_backup_shows_what_it_does_and_that_the_vault_is_kept(
    qtbot, session, tmp_path: Path, monkeypatch, shown: list[dict[str, Any]]
) -> None:  # type: ignore[no-untyped-def]
    made = backup.automatic_backup(session.vault, "lock")
    path = session.path
    session.lock(backup=False)
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        Session(path, kdf=session.kdf),
        settings,
        Translations(QApplication.instance()),
        lambda ctx: [],
    )
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("night shift passphrase", True))
    )
    window.restore_backup(made)
    qtbot.waitUntil(lambda: "Restored" in window.unlock_page.error.text(), timeout=30_000)
    assert shown and shown[0]["stage"] == "Unpacking the backup and checking every table"
    assert shown[0]["maximum"] == 0  # no count: a busy bar
    assert "kept as it is until the new one has been written and checked" in shown[0]["safe"]
    assert list(tmp_path.glob("*.replaced-*"))  # the vault it replaced was kept aside


def test_saving_the_report_reports_drawing_then_writing(
    qtbot, context, tmp_path: Path, shown: list[dict[str, Any]]
) -> None:  # type: ignore[no-untyped-def]
    from redvan.gui.reports.page import ReportsPage

    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    target = tmp_path / "weekly.pdf"
    with qtbot.waitSignal(page.exported, timeout=30_000):
        assert page.export("pdf", target)
    assert [s["stage"] for s in shown][:1] == ["Drawing the report"]  # each stage is shown
    assert shown[-1]["stage"] == "Writing the file" and shown[-1]["value"] == 2
    assert target.read_bytes().startswith(b"%PDF-")
