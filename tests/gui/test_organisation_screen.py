"""Settings → Organisation and the merge dialog (O1, O3): a coordinator enrols a laptop in the
app, the new laptop joins in the app, and the merge dialog shows devices, weeks and the
estimate with its interval."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redvan.core.model import ContactInput
from redvan.core.weeks import IsoWeek
from redvan.exchange import enrol, sync
from redvan.gui.session import Session
from redvan.gui.vault_settings.merge import MergeDialog, merge_files
from redvan.gui.vault_settings.organisation import OrganisationSection
from redvan.gui.workspace import Context


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(enrol, "KDF_MEMORY_KIB", 19 * 1024)
    monkeypatch.setattr(enrol, "KDF_ITERATIONS", 2)
    monkeypatch.setattr(enrol, "KDF_PARALLELISM", 1)


@pytest.fixture
def laptop(tmp_path: Path, fast_kdf, qapp):  # type: ignore[no-untyped-def]
    """A second, new vault: the laptop to enrol."""
    session = Session(kdf=fast_kdf)
    vault, _ = session.create(tmp_path / "new.redvan", "CD", "night shift passphrase")
    session.attach(vault)
    yield Context(session, "en")
    if session.is_open:
        session.lock(backup=False)


def section(context: Context, qtbot) -> OrganisationSection:  # type: ignore[no-untyped-def]
    widget = OrganisationSection(context)
    qtbot.addWidget(widget)
    widget.resize(900, 900)
    widget.show()
    widget.refresh()
    return widget


def test_enrol_and_join_in_the_app_then_merge(  # type: ignore[no-untyped-def]
    context: Context, laptop: Context, qtbot, tmp_path: Path, monkeypatch
) -> None:
    office, new = section(context, qtbot), section(laptop, qtbot)
    assert new.join_card.isVisible() and new.recipient.text().startswith("age1")
    target = tmp_path / "new.rvenrol"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(office.enrol_button, Qt.MouseButton.LeftButton)
    shown = office.code_shown.text()
    assert "shown only this once" in shown and target.exists()
    code = shown.split(": ", 1)[1].split("\n")[0]
    new.join_file.setText(str(target))
    new.join_code.setText("WRONG")
    qtbot.mouseClick(new.join_button, Qt.MouseButton.LeftButton)
    assert "28 letters and digits" in new.join_message.text()
    assert new.join_code.text() == ""  # the code never waits in a field
    new.join_code.setText(code)
    qtbot.mouseClick(new.join_button, Qt.MouseButton.LeftButton)
    assert "Joined organisation" in new.join_message.text(), new.join_message.text()
    assert not new.join_card.isVisible()
    assert "Organisation " in office.status.text() or office.refresh() is None
    # The same person on both laptops, one person in the merge dialog's estimate.
    paths = []
    for name, ctx in (("office", context), ("new", laptop)):
        ctx.services.save_contact(ContactInput(time=datetime(2026, 3, 3, 22, 0), code="MAJA7"))
        path = tmp_path / f"{name}.rvsync"
        sync.write_package(ctx.services, IsoWeek(2026, 10), IsoWeek(2026, 10), path)
        paths.append(path)
    assert (
        context.services.find_by_code("MAJA7").alias
        == laptop.services.find_by_code(  # type: ignore[union-attr]
            "MAJA7"
        ).alias
    )
    dialog = MergeDialog("en")
    qtbot.addWidget(dialog)
    dialog.set_paths(paths)
    dialog.show_result(merge_files(paths))
    text = dialog.summary.text()
    assert "from 2 devices" in text and "between 1 and 2" in text
    assert dialog.model.rowCount() == 1
    assert dialog.model.rows[0] == ("2026-W10", 1, 1, 1)
    dialog.grab().save(str(tmp_path / "merge.png"))


def test_the_wizard_leads_a_new_laptop_to_join_an_organisation(  # type: ignore[no-untyped-def]
    qtbot, tmp_path: Path, fast_kdf
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from redvan.gui.i18n import Translations
    from redvan.gui.main_window import MainWindow
    from redvan.gui.settings import AppSettings
    from redvan.gui.vault_settings import SettingsPage

    class Clock:
        def monotonic(self) -> float:
            return 1000.0

        def wall(self) -> float:
            return 1_800_000_000.0

    app_settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    session = Session(kdf=fast_kdf)
    window = MainWindow(
        session,
        app_settings,
        Translations(QApplication.instance()),
        lambda ctx: [SettingsPage(ctx)],
        clock=Clock(),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.welcome.create, Qt.MouseButton.LeftButton)
    wizard = window.wizard
    assert wizard is not None
    wizard.path_edit.setText(str(tmp_path / "van.redvan"))
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.initials, "AB")
    wizard.passphrase.setText("night shift passphrase")
    wizard.repeat.setText("night shift passphrase")
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.steps.currentIndex() == 2, timeout=10_000)
    wizard.confirm.setChecked(True)
    assert "Join" in wizard.join_after.text() or "organisation" in wizard.join_after.text()
    wizard.join_after.setChecked(True)
    qtbot.mouseClick(wizard.next, Qt.MouseButton.LeftButton)
    assert window.workspace is not None
    page = window.workspace.current()
    assert isinstance(page, SettingsPage) and page.organisation is not None
    assert page.tabs is not None and page.tabs.currentIndex() == page.tabs.count() - 1
    assert page.organisation.join_card.isVisible()
    assert page.organisation.recipient.text().startswith("age1")
    window.grab().save(str(tmp_path / "join.png"))
    session.lock(backup=False)
