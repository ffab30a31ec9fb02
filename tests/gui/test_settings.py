"""Settings (G8): lists, staff and keys, locking, privacy, backups, language; coordinators only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from redvan.core.enums import Role
from redvan.core.model import ContactInput, ServiceGiven
from redvan.core.services import SETTINGS
from redvan.core.vocabulary import VocabularyKind
from redvan.gui.vault_settings import BackupModel, SettingsPage, StaffModel, VocabularyModel
from redvan.gui.vault_settings.page import suggest_slug
from redvan.gui.workspace import Context
from redvan.storage import backup, staffkeys
from redvan.storage.errors import UnknownStaff, WrongPassphrase
from redvan.storage.vault import unlock

PASSPHRASE = "night shift passphrase"
NEW_MEMBER = "otters swim at dawn"
LISTS, STAFF, PRIVACY, BACKUPS, LANGUAGE = range(5)


@pytest.fixture
def page(context: Context, qtbot) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 720)
    widget.show()
    widget.refresh()
    return widget


def click(qtbot, button: QAbstractButton) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def choose_kind(section, kind: VocabularyKind) -> None:  # type: ignore[no-untyped-def]
    section.kind.setCurrentIndex(section.kind.findData(kind.value))


def select_slug(section, slug: str) -> None:  # type: ignore[no-untyped-def]
    row = section.model.row_of(slug)
    assert row >= 0, slug
    section.view.setCurrentIndex(section.model.index(row, VocabularyModel.COL_SLUG))


def entries(context: Context, kind: VocabularyKind) -> dict[str, object]:
    return {e.slug: e for e in context.services.store.vocabulary(kind)}


def add_member(context: Context, name: str, role: Role, passphrase: str) -> str:
    member = context.services.add_staff(name, role)
    staffkeys.add_staff_slot(
        context.session.vault, member.id, name, passphrase, kdf=context.session.kdf
    )
    return member.id


# -- vocabularies -----------------------------------------------------------------------------


def test_suggested_slugs() -> None:
    assert suggest_slug("Night café (Vesterbro)") == "night-cafe-vesterbro"
    assert suggest_slug("Kødbyen Øst & Ålborg") == "koedbyen-oest-aalborg"
    assert len(suggest_slug("x" * 80)) == 40


def test_add_an_entry_with_inline_validation(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    section = page.vocabularies
    choose_kind(section, VocabularyKind.ZONE)
    assert section.model.rowCount() == len(entries(context, VocabularyKind.ZONE))
    assert not section.save_button.isEnabled()
    type_into(qtbot, section.label_en, "Night Cafe")  # QTest types ASCII only
    assert section.slug.text() == "night-cafe"
    assert not section.save_button.isEnabled()  # the Danish label is missing
    type_into(qtbot, section.label_da, "Natcafe")
    section.label_da.insert("en")
    assert section.save_button.isEnabled()
    type_into(qtbot, section.slug, "Night Cafe")
    assert not section.save_button.isEnabled()
    assert section.problem_label.property("role") == "error"
    assert "lower-case" in section.problem_label.text()
    type_into(qtbot, section.slug, "istedgade")
    assert "already" in section.problem_label.text()
    type_into(qtbot, section.slug, "night-cafe")
    qtbot.keyClick(section.slug, Qt.Key.Key_Return)

    saved = entries(context, VocabularyKind.ZONE)["night-cafe"]
    assert (saved.label_en, saved.label_da, saved.retired) == ("Night Cafe", "Natcafeen", False)
    assert saved.sort == max(e.sort for e in entries(context, VocabularyKind.ZONE).values())
    assert section.status.text() == "Added “Night Cafe”."
    assert section.editing is not None and section.editing.slug == "night-cafe"
    assert "night-cafe" in context.services._active(VocabularyKind.ZONE)


def test_edit_labels_keeps_the_slug(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    section = page.vocabularies
    choose_kind(section, VocabularyKind.SERVICE)
    select_slug(section, "coffee-food")
    assert section.label_en.text() == "Coffee / food"
    assert not section.slug.isEnabled()
    assert section.quantity.isVisible() and section.quantity.isChecked()
    assert not section.save_button.isEnabled()  # nothing changed yet
    type_into(qtbot, section.label_en, "Coffee and food")
    type_into(qtbot, section.label_da, "Kaffe og mad")
    click(qtbot, section.save_button)
    saved = entries(context, VocabularyKind.SERVICE)["coffee-food"]
    assert (saved.label_en, saved.label_da, saved.quantity) == (
        "Coffee and food",
        "Kaffe og mad",
        True,
    )
    index = section.model.index(section.model.row_of("coffee-food"), VocabularyModel.COL_DA)
    assert index.data() == "Kaffe og mad"

    choose_kind(section, VocabularyKind.ZONE)
    assert not section.quantity.isVisible()


def test_retire_delete_and_reactivate(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    context.services.save_contact(
        ContactInput(time=datetime(2026, 11, 20, 21, 0), services=(ServiceGiven("lubricant", 2),))
    )
    section = page.vocabularies
    choose_kind(section, VocabularyKind.SERVICE)

    select_slug(section, "lubricant")
    click(qtbot, section.remove_button)
    assert entries(context, VocabularyKind.SERVICE)["lubricant"].retired is True
    assert section.status.text().startswith("Retired “Lubricant”")
    index = section.model.index(section.model.row_of("lubricant"), VocabularyModel.COL_STATUS)
    assert index.data() == "Retired"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not section.remove_button.isVisible()
    click(qtbot, section.reactivate_button)
    assert entries(context, VocabularyKind.SERVICE)["lubricant"].retired is False
    assert section.status.text() == "“Lubricant” is offered again."

    select_slug(section, "group-course")
    click(qtbot, section.remove_button)
    assert "group-course" not in entries(context, VocabularyKind.SERVICE)
    assert section.status.text().startswith("Deleted “Group course”")
    assert section.model.row_of("group-course") == -1
    assert section.editing is None


# -- staff and keys ---------------------------------------------------------------------------


def test_add_staff_with_a_key_then_they_unlock(page, context, session, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(STAFF)
    staff = page.staff
    type_into(qtbot, staff.initials, "CD")
    staff.role.setCurrentIndex(staff.role.findData(Role.OUTREACH.value))
    type_into(qtbot, staff.new_passphrase, NEW_MEMBER)
    assert staff.new_meter.word.text() in {"Good", "Strong"}
    type_into(qtbot, staff.new_repeat, NEW_MEMBER)
    click(qtbot, staff.add_button)
    qtbot.waitUntil(lambda: staff.add_status.property("role") == "ok", timeout=20_000)
    assert staff.new_passphrase.text() == "" and staff.new_repeat.text() == ""

    member = next(s for s in context.services.store.list_staff() if s.display_name == "CD")
    assert member.role == "outreach"
    row = next(i for i, s in enumerate(staff.model.staff) if s.id == member.id)
    assert staff.model.index(row, StaffModel.COL_KEY).data() == "Has a key"
    assert staff.model.index(row, StaffModel.COL_ROLE).data() == "Outreach worker"

    path = session.path
    session.lock(backup=False)
    vault = unlock(path, NEW_MEMBER, staff="CD")
    try:
        assert vault.staff_id == member.id
    finally:
        vault.close(backup=False)


def test_add_staff_checks_the_passphrase_first(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(STAFF)
    staff = page.staff
    type_into(qtbot, staff.initials, "EF")
    type_into(qtbot, staff.new_passphrase, NEW_MEMBER)
    type_into(qtbot, staff.new_repeat, NEW_MEMBER + "!")
    click(qtbot, staff.add_button)
    assert staff.add_status.text() == "The two passphrases differ."
    type_into(qtbot, staff.new_passphrase, "password1")
    type_into(qtbot, staff.new_repeat, "password1")
    qtbot.keyClick(staff.new_repeat, Qt.Key.Key_Return)
    assert "too short or too easy" in staff.add_status.text()
    assert "EF" not in {s.display_name for s in context.services.store.list_staff()}

    type_into(qtbot, staff.initials, "ab")  # the coordinator already has a key
    type_into(qtbot, staff.new_passphrase, NEW_MEMBER)
    type_into(qtbot, staff.new_repeat, NEW_MEMBER)
    click(qtbot, staff.add_button)
    assert staff.add_status.text() == "AB already has a key to this vault."


def change_the_key(qtbot, staff, said: str) -> None:  # type: ignore[no-untyped-def]
    """The key change's dialog: it says what happens, runs, reports, and is closed."""
    dialog = staff.rotation_dialog
    assert dialog is not None and dialog.isVisible()
    assert said in dialog.title.text() + dialog.what.text()
    assert "Backups made before this change" in dialog.backups.text()
    click(qtbot, dialog.start)
    qtbot.waitUntil(lambda: dialog.close_button.isVisible(), timeout=60_000)
    assert dialog.bar.value() == dialog.bar.maximum()
    assert dialog.status.property("role") == "ok"
    click(qtbot, dialog.close_button)
    assert staff.rotation_dialog is None


def test_revoke_a_key_with_an_inline_confirmation(page, context, session, qtbot) -> None:  # type: ignore[no-untyped-def]
    member_id = add_member(context, "GH", Role.OUTREACH, NEW_MEMBER)
    page.select_section(STAFF)
    page.refresh()
    staff = page.staff

    me = next(i for i, s in enumerate(staff.model.staff) if s.id == session.vault.staff_id)
    staff.view.setCurrentIndex(staff.model.index(me, 0))
    assert staff.model.index(me, StaffModel.COL_NAME).data() == "AB (you)"
    assert not staff.revoke_button.isEnabled()  # never your own key

    row = next(i for i, s in enumerate(staff.model.staff) if s.id == member_id)
    staff.view.setCurrentIndex(staff.model.index(row, 0))
    click(qtbot, staff.revoke_button)
    assert staff.revoke_confirm.isVisible()
    assert "GH will no longer be able to unlock" in staff.revoke_question.text()
    click(qtbot, staff.revoke_no)
    assert not staff.revoke_confirm.isVisible()
    assert any(s.staff_id == member_id for s in session.vault.keyfile().staff_slots())

    click(qtbot, staff.revoke_button)
    click(qtbot, staff.revoke_yes)
    change_the_key(qtbot, staff, "GH")  # V11: revoking changes the vault key, in a dialog
    assert not any(s.staff_id == member_id for s in session.vault.keyfile().staff_slots())
    assert session.vault.keyfile().generation == 1
    member = next(
        s for s in context.services.store.list_staff(include_inactive=True) if s.id == member_id
    )
    assert member.active is False
    assert staff.list_status.text() == "GH can no longer unlock this vault."
    row = next(i for i, s in enumerate(staff.model.staff) if s.id == member_id)
    assert staff.model.index(row, StaffModel.COL_KEY).data() == "No key"
    assert staff.model.index(row, StaffModel.COL_ACTIVE).data() == "Inactive"

    path = session.path
    session.lock(backup=False)
    with pytest.raises(UnknownStaff):
        unlock(path, NEW_MEMBER, staff="GH")


def test_change_my_passphrase(page, session, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(STAFF)
    staff = page.staff
    type_into(qtbot, staff.current, "not my passphrase")
    type_into(qtbot, staff.mine_new, NEW_MEMBER)
    type_into(qtbot, staff.mine_repeat, NEW_MEMBER)
    click(qtbot, staff.mine_button)
    qtbot.waitUntil(lambda: staff.mine_status.property("role") == "error", timeout=20_000)
    assert staff.mine_status.text() == "That is not your current passphrase."

    type_into(qtbot, staff.current, PASSPHRASE)
    click(qtbot, staff.mine_button)
    qtbot.waitUntil(lambda: staff.mine_status.property("role") == "ok", timeout=20_000)
    assert staff.current.text() == staff.mine_new.text() == ""

    path = session.path
    session.lock(backup=False)
    with pytest.raises(WrongPassphrase):
        unlock(path, PASSPHRASE, staff="AB")
    unlock(path, NEW_MEMBER, staff="AB").close(backup=False)


def test_new_recovery_code_is_shown_once_with_a_sheet(page, session, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.select_section(STAFF)
    staff = page.staff
    old = session.recovery_code
    click(qtbot, staff.recovery_button)
    assert staff.recovery_confirm.isVisible()
    click(qtbot, staff.recovery_yes)
    change_the_key(qtbot, staff, "recovery code")
    qtbot.waitUntil(lambda: staff.code_panel.isVisible(), timeout=20_000)
    code = staff.code_label.text()
    assert code and code != old

    sheet = tmp_path / "sheet.pdf"
    staff.write_sheet(sheet)
    assert sheet.read_bytes().startswith(b"%PDF")
    assert staff.recovery_status.text() == "Saved to sheet.pdf"

    click(qtbot, staff.hide_code)
    assert staff.code_label.text() == "" and staff.recovery_code == ""
    assert not staff.code_panel.isVisible()

    path = session.path
    session.lock(backup=False)
    with pytest.raises(WrongPassphrase):
        unlock(path, old, recovery=True)
    unlock(path, code, recovery=True).close(backup=False)


def test_passphrases_are_cleared_when_the_page_is_left(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(STAFF)
    type_into(qtbot, page.staff.new_passphrase, NEW_MEMBER)
    type_into(qtbot, page.staff.current, PASSPHRASE)
    page.hide()
    assert page.staff.new_passphrase.text() == "" and page.staff.current.text() == ""


# -- locking, privacy, backups ----------------------------------------------------------------


def test_settings_keep_their_bounds_and_are_saved(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(PRIVACY)
    numbers = page.privacy.numbers
    services = context.services
    for key, spin in numbers.spins.items():
        assert (spin.minimum(), spin.maximum()) == SETTINGS[key]
        assert spin.value() == services.setting(key)
        assert f"{SETTINGS[key][0]}–{SETTINGS[key][1]}" in numbers.notes[key].text()
    assert not numbers.save_button.isEnabled()

    lock = numbers.spins["auto_lock_minutes"]
    lock.setValue(500)
    assert lock.value() == 120
    numbers.spins["suppression_threshold"].setValue(0)
    assert numbers.spins["suppression_threshold"].value() == SETTINGS["suppression_threshold"][0]
    notes = numbers.spins["note_retention_days"]
    notes.setFocus()
    notes.lineEdit().selectAll()
    qtbot.keyClicks(notes, "30")
    assert notes.value() == 30
    assert numbers.warning.isVisibleTo(page)  # a shorter retention is said plainly

    with qtbot.waitSignals([page.setting_changed] * 3, timeout=1000):
        click(qtbot, numbers.save_button)
    assert services.setting("auto_lock_minutes") == 120
    assert services.setting("suppression_threshold") == SETTINGS["suppression_threshold"][0]
    assert services.setting("note_retention_days") == 30
    assert numbers.status.text() == "Saved."
    assert not numbers.warning.isVisibleTo(page)

    page.refresh()
    assert lock.value() == 120


def test_back_up_now_and_generations(page, context, session, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(BACKUPS)
    section = page.backups
    assert section.model.rowCount() == 0
    click(qtbot, section.now_button)
    assert not section.now_button.isEnabled() and section.progress.isVisible()
    qtbot.waitUntil(lambda: section.status.property("role") == "ok", timeout=20_000)
    made = backup.list_backups(session.path)
    assert len(made) == 1 and made[0].name.endswith("-manual.rvbackup")
    assert section.model.rowCount() == 1
    assert section.model.index(0, BackupModel.COL_REASON).data() == "Backed up by hand"
    assert section.status.text().startswith("Backup written and checked")
    assert section.now_button.isEnabled() and not section.progress.isVisible()

    spin = section.numbers.spins["backup_generations"]
    spin.setValue(3)
    click(qtbot, section.numbers.save_button)
    assert context.services.setting("backup_generations") == 3


def test_language_choice_is_requested_not_applied(page, context, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.select_section(LANGUAGE)
    section = page.language
    assert section.english.isChecked()
    section.danish.setFocus()
    with qtbot.waitSignal(page.language_requested) as signal:
        qtbot.keyClick(section.danish, Qt.Key.Key_Space)
    assert signal.args == ["da"]
    assert context.language == "en"  # the main window applies it


def test_danish_data_labels(page, context) -> None:  # type: ignore[no-untyped-def]
    context.language = "da"
    page.retranslate()
    page.refresh()
    staff = page.staff
    assert staff.model.index(0, StaffModel.COL_ROLE).data() == "Koordinator"
    assert staff.role.itemText(0) == "Opsøgende medarbejder"
    assert page.language.danish.isChecked()


# -- who may see it ---------------------------------------------------------------------------


def test_outreach_sees_an_explanation_and_no_controls(context, session, qtbot) -> None:  # type: ignore[no-untyped-def]
    add_member(context, "IJ", Role.OUTREACH, NEW_MEMBER)
    session.lock(backup=False)
    session.attach(session.open_vault("IJ", NEW_MEMBER))
    page = SettingsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.tabs is None
    assert page.body.currentWidget() is page.denied
    assert "coordinator" in page.denied.text()
    assert not [w for w in page.findChildren(QAbstractButton) if w.isVisible()]
    assert not [w for w in page.findChildren(QLineEdit) if w.isVisible()]


# -- the models on their own ------------------------------------------------------------------


def test_models_work_without_a_view(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from redvan.core.vocabulary import default_entries

    vocab = VocabularyModel()
    zones = default_entries(VocabularyKind.ZONE)
    vocab.load([zones[0], replace_retired(zones[1])])
    assert vocab.rowCount() == 2 and vocab.columnCount() == 4
    assert vocab.headerData(VocabularyModel.COL_DA, Qt.Orientation.Horizontal) == "Danish"
    assert vocab.index(0, VocabularyModel.COL_STATUS).data() == "Active"
    assert vocab.index(1, VocabularyModel.COL_STATUS).data() == "Retired"
    assert vocab.row_of(zones[1].slug) == 1 and vocab.row_of("nowhere") == -1

    folder = tmp_path / "v.redvan.backups"
    folder.mkdir()
    made = folder / f"20261120T210000123456Z-pre-migration{backup.SUFFIX}"
    made.write_bytes(b"x" * 2048)
    odd = folder / f"odd{backup.SUFFIX}"
    odd.write_bytes(b"")
    files = BackupModel()
    files.load([made, odd], "en")
    assert files.index(0, BackupModel.COL_REASON).data() == "Before an update"
    assert files.index(0, BackupModel.COL_SIZE).data() == "2.0 kB"
    assert "2026" in files.index(0, BackupModel.COL_WHEN).data()
    assert files.index(1, BackupModel.COL_WHEN).data() == odd.name
    files.load([made], "da")
    assert files.index(0, BackupModel.COL_SIZE).data() == "2,0 kB"


def replace_retired(entry):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(entry, retired=True)


def test_backups_made_under_an_earlier_key_are_marked_and_can_be_destroyed(
    page, context, session, qtbot
) -> None:  # type: ignore[no-untyped-def]
    """V11 (issue 13): after a key change the list says which backups the old key opens."""
    vault = session.vault
    old = backup.automatic_backup(vault, "manual")
    staffkeys.rotate_key(vault)
    new = backup.automatic_backup(vault, "manual")
    page.select_section(BACKUPS)
    section = page.backups
    section.refresh()
    reasons = {
        section.model.files[r].path: section.model.index(r, BackupModel.COL_REASON).data()
        for r in range(section.model.rowCount())
    }
    assert reasons[old] == "Backed up by hand · earlier key"
    assert reasons[new] == "Backed up by hand"
    assert section.earlier.isVisible()
    assert "under an earlier vault key" in section.earlier.note.text()
    click(qtbot, section.earlier.destroy_button)
    assert "cannot be reached from here" in section.earlier.question.text()
    click(qtbot, section.earlier.yes)
    qtbot.waitUntil(lambda: section.earlier.status.isVisible(), timeout=20_000)
    assert "cannot be reached from here" in section.earlier.status.text()
    assert not old.exists() and new.exists()
    assert section.model.rowCount() == 1
