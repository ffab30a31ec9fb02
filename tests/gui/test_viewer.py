"""The auditor viewer (SPEC X6): verdict, reconciliation, records, refusals, names, the menu."""

from __future__ import annotations

import json
import shutil
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from redvan import cli
from redvan.core.demo import DemoPlan, generate
from redvan.core.weeks import IsoWeek
from redvan.exchange import trust
from redvan.exchange.bundle import AuditRow, write_audit_bundle
from redvan.exchange.signing import DeviceKey, device_key, signature_path
from redvan.gui import settings as keys
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.viewer.models import AuditRowsModel, FiguresModel
from redvan.gui.viewer.window import AuditViewer, Level

FIRST, LAST = IsoWeek(2026, 43), IsoWeek(2026, 46)
NOW = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)


@dataclass
class Bundles:
    good: Path
    trusted: Path  # a trusted-keys file holding the device's key
    untrusted: Path  # a trusted-keys file without it
    pubkey: str
    folder: Path
    rows: int

    def copy(self, name: str) -> Path:
        """A copy of the good bundle and its signature in a folder of its own."""
        target = self.folder / name / self.good.name
        target.parent.mkdir()
        shutil.copyfile(self.good, target)
        shutil.copyfile(signature_path(self.good), signature_path(target))
        return target


def rezip(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Rebuild the bundle's zip with its members changed (names, order and dates kept)."""
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
        members = {info.filename: zf.read(info) for info in infos}
    change(members)
    with zipfile.ZipFile(path, "w") as zf:
        for info in infos:
            zf.writestr(info, members[info.filename])


def raise_contacts(members: dict[str, bytes]) -> None:
    tally = json.loads(members["tally.json"])
    tally["totals"]["contacts"]["count"] += 1
    members["tally.json"] = json.dumps(tally, separators=(",", ":")).encode()


@pytest.fixture
def bundles(services, tmp_path: Path) -> Bundles:  # type: ignore[no-untyped-def]
    generate(services, DemoPlan(weeks=4, seed=3, last_week=LAST))
    good = tmp_path / "good" / "audit.rvaudit"
    good.parent.mkdir()
    summary = write_audit_bundle(services, FIRST, LAST, good, now=NOW)
    public = device_key(services.store).public
    trusted = tmp_path / "trusted.pub"
    trusted.write_text(public.file_text(), encoding="utf-8")
    untrusted = tmp_path / "other.pub"
    untrusted.write_text(DeviceKey.generate().public.file_text(), encoding="utf-8")
    return Bundles(good, trusted, untrusted, public.base64, tmp_path, summary.rows)


def open_viewer(qtbot, path: Path, keys_path: Path, **kwargs) -> AuditViewer:  # type: ignore[no-untyped-def]
    viewer = AuditViewer(path, keys_path=keys_path, **kwargs)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.open_file()
    qtbot.waitUntil(lambda: viewer.bundle is not None or bool(viewer.refusal), timeout=20_000)
    return viewer


def checks(viewer: AuditViewer) -> list[str]:
    model = viewer.figures_model
    return [
        str(model.data(model.index(row, FiguresModel.COL_CHECK))) for row in range(model.rowCount())
    ]


# -- verdicts ---------------------------------------------------------------------------------


def test_a_genuine_bundle_from_a_trusted_device_is_verified(qtbot, bundles: Bundles) -> None:
    viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
    assert viewer.verdict.level is Level.OK
    assert viewer.verdict.headline.text().startswith("✓ Verified")
    assert viewer.verdict.headline.property("role") == "ok"
    marks = checks(viewer)
    assert marks and not any(mark.startswith("✗") for mark in marks)
    assert any(mark == "✓ matches" for mark in marks)
    assert any(mark == "— cannot be recomputed" for mark in marks)
    assert viewer.rows_model.total() == bundles.rows > 0
    fingerprint = viewer.bundle.verdict.fingerprint  # type: ignore[union-attr]
    assert fingerprint in viewer.verdict.meta_values["signer"].text()
    assert viewer.verdict.meta_values["period"].text() == "2026-W43 – 2026-W46"
    listed = [viewer.keys_list.item(i).text() for i in range(viewer.keys_list.count())]
    assert any(fingerprint in text and "signed this bundle" in text for text in listed)
    assert str(bundles.trusted) in viewer.keys_path_label.text()
    assert "redvan device --pubkey" in viewer.keys_howto.text()
    assert "unzip audit.rvaudit report.pdf" in viewer.report_text.text()


def test_an_unknown_signer_is_not_verified_until_its_key_is_given(qtbot, bundles: Bundles) -> None:
    viewer = open_viewer(qtbot, bundles.good, bundles.untrusted)
    assert viewer.verdict.level is Level.WARN
    assert viewer.verdict.headline.text().startswith("! Not verified")
    assert "not among the trusted keys" in viewer.verdict.findings.text()

    given = open_viewer(qtbot, bundles.good, bundles.untrusted, given_keys=[bundles.pubkey])
    assert given.verdict.level is Level.OK
    listed = [given.keys_list.item(i).text() for i in range(given.keys_list.count())]
    assert any("given on the command line" in text for text in listed)


def test_a_tampered_figure_is_shown_as_a_mismatch_and_a_broken_signature(
    qtbot, bundles: Bundles
) -> None:
    tampered = bundles.copy("tampered")
    rezip(tampered, raise_contacts)
    viewer = open_viewer(qtbot, tampered, bundles.trusted)
    assert viewer.verdict.level is Level.BAD
    assert viewer.verdict.headline.property("role") == "error"
    findings = viewer.verdict.findings.text()
    assert "The signature does not verify" in findings
    assert "tally.json" in findings  # the manifest's hash of it
    assert "1 figure(s) do not match" in findings or "1 figure does not match" in findings
    model = viewer.figures_model
    first = model.index(0, FiguresModel.COL_CHECK)  # the mismatches come first
    assert model.data(first) == "✗ does not match"
    assert model.data(first, Qt.ItemDataRole.AccessibleTextRole) == "does not match"
    assert model.figure(0).key == "contacts"
    assert model.figure(0).stated == model.figure(0).recomputed + 1  # type: ignore[operator]
    assert "(does not verify)" in viewer.verdict.meta_values["signer"].text()


def test_a_bundle_re_signed_by_another_device_is_not_trusted(qtbot, bundles: Bundles) -> None:
    """The forger rebuilds everything consistently under their own key: valid, not trusted."""
    import hashlib

    from redvan.exchange.bundle import trusted_comment

    forged = bundles.copy("forged")
    forger = DeviceKey.generate()

    def forge(members: dict[str, bytes]) -> None:
        raise_contacts(members)
        manifest = json.loads(members["manifest.json"])
        manifest["device_id"] = forger.device_id
        manifest["device_public_key"] = forger.public.base64
        for member in manifest["members"]:
            data = members[member["name"]]
            member["size"], member["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        members["manifest.json"] = json.dumps(manifest, separators=(",", ":")).encode()

    rezip(forged, forge)
    comment = trusted_comment("audit", forger.device_id, 1, FIRST, LAST)
    signature_path(forged).write_bytes(forger.sign(forged.read_bytes(), comment))
    viewer = open_viewer(qtbot, forged, bundles.trusted)
    assert viewer.verdict.level is Level.BAD  # the figure does not match its records
    findings = viewer.verdict.findings.text()
    assert "! The signature is valid, but the device that made it is not among" in findings
    assert "Every file in the bundle matches its manifest hash" in findings
    assert "do not match the records" in findings or "does not match the records" in findings


def test_a_bundle_without_its_signature_is_not_relied_on(qtbot, bundles: Bundles) -> None:
    bare = bundles.copy("bare")
    signature_path(bare).unlink()
    viewer = open_viewer(qtbot, bare, bundles.trusted)
    assert viewer.verdict.level is Level.BAD
    assert "missing or cannot be read" in viewer.verdict.findings.text()
    assert viewer.verdict.meta_values["signer"].text() == "—"


def test_a_flipped_byte_is_refused_or_fails_the_checks(qtbot, bundles: Bundles) -> None:
    for offset in (40, bundles.good.stat().st_size // 2, bundles.good.stat().st_size - 30):
        damaged = bundles.copy(f"flipped-{offset}")
        data = bytearray(damaged.read_bytes())
        data[offset] ^= 0x01
        damaged.write_bytes(bytes(data))
        viewer = open_viewer(qtbot, damaged, bundles.trusted)
        assert viewer.refusal or viewer.verdict.level is Level.BAD, offset


# -- malformed files --------------------------------------------------------------------------


def _zip_of(name: str, data: bytes) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a bundle at all\n",
        b"PK\x03\x04" + bytes(range(256)) * 4,
        _zip_of("manifest.json", b"{"),
        _zip_of("../../escape.txt", b"x"),
        b"age-encryption.org/v1\n-> X25519 abc\n",
    ],
    ids=["empty", "text", "broken-zip", "bad-json", "traversal", "encrypted"],
)
def test_a_malformed_file_gets_one_clear_sentence(
    qtbot, bundles: Bundles, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "odd.rvaudit"
    path.write_bytes(content)
    viewer = open_viewer(qtbot, path, bundles.trusted)
    assert viewer.bundle is None
    assert viewer.stack.currentWidget() is viewer.refused_page
    text = viewer.refused_text.text()
    assert text and "\n" not in text and "Traceback" not in text and text.endswith(".")
    assert viewer.refused_title.text() == "This file cannot be opened as an audit bundle."
    assert not (tmp_path.parent / "escape.txt").exists()


def test_a_missing_file_and_a_folder_are_refused(qtbot, bundles: Bundles, tmp_path: Path) -> None:
    for path in (tmp_path / "nowhere.rvaudit", tmp_path):
        viewer = open_viewer(qtbot, path, bundles.trusted)
        assert viewer.refused_text.text().endswith(".")


def test_an_unreadable_trusted_keys_file_is_said_and_the_rest_used(
    qtbot, bundles: Bundles, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.pub"
    broken.write_text("this is not a key\n", encoding="utf-8")
    viewer = open_viewer(qtbot, bundles.good, broken, given_keys=[bundles.pubkey])
    assert viewer.verdict.level is Level.OK
    assert not viewer.keys_problem.isHidden()
    assert "could not be read" in viewer.keys_problem.text()


# -- the records ------------------------------------------------------------------------------


def test_a_hundred_thousand_records_are_fetched_a_page_at_a_time(qapp) -> None:  # type: ignore[no-untyped-def]
    rows = [
        AuditRow("2026-W46", None if n % 3 else f"P-{n:05X}", (("condoms", 10),), ("referred",))
        for n in range(100_000)
    ]
    model = AuditRowsModel("en")
    model.set_rows(rows)
    assert model.total() == 100_000
    assert model.rowCount() == AuditRowsModel.PAGE_SIZE
    model.fetchMore()
    assert model.rowCount() == 2 * AuditRowsModel.PAGE_SIZE
    person = model.index(1, AuditRowsModel.COL_PERSON)
    assert model.data(person) == "—"
    assert model.data(person, Qt.ItemDataRole.AccessibleTextRole) == "no code"
    assert model.data(model.index(0, AuditRowsModel.COL_SERVICES)) == "Condoms ×10"
    assert model.data(model.index(0, AuditRowsModel.COL_REFERRALS)) == "Referred"


# -- names and language -----------------------------------------------------------------------


def test_every_control_has_an_accessible_name(qtbot, bundles: Bundles) -> None:
    viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
    missing = []
    for index in range(viewer.tabs.count()):
        viewer.tabs.setCurrentIndex(index)
        for widget in viewer.findChildren(QWidget):
            if not widget.isVisibleTo(viewer) or isinstance(widget, QHeaderView):
                continue
            if isinstance(widget, QAbstractButton):
                named = bool(widget.accessibleName() or widget.text().replace("&", "").strip())
            elif isinstance(widget, QLineEdit | QComboBox | QAbstractItemView):
                named = bool(widget.accessibleName())
            else:
                continue
            if not named:
                missing.append(type(widget).__name__)
    assert not missing, missing
    # the verdict is read out as words, not only as a colour
    assert viewer.verdict.headline.accessibleName().startswith("✓ Verified")


def test_the_viewer_speaks_danish_when_the_app_does(qtbot, bundles: Bundles) -> None:
    from tests.gui.test_translations import english_only, visible_texts

    app = QApplication.instance()
    translations = Translations(app)
    translations.install("da")
    try:
        viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
        assert viewer.figures_model.language == "da"
        assert viewer.figures_model.data(viewer.figures_model.index(0, 0)) == "Kontakter"
        english = english_only()
        found = set()
        for index in range(viewer.tabs.count()):
            viewer.tabs.setCurrentIndex(index)
            found |= {t for t in visible_texts(viewer) if t.replace("&", "") in english}
        assert not found, found
    finally:
        translations.install("en")


def test_switching_the_language_retranslates_an_open_viewer(qtbot, bundles: Bundles) -> None:
    app = QApplication.instance()
    translations = Translations(app)
    viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
    try:
        translations.install("da")
        qtbot.waitUntil(lambda: viewer.figures_model.language == "da")
        assert viewer.close_button.text() == "&Luk"
    finally:
        translations.install("en")
    qtbot.waitUntil(lambda: viewer.figures_model.language == "en")
    assert viewer.close_button.text() == "&Close"


# -- the main window and the command line -----------------------------------------------------


def test_file_open_audit_bundle_needs_no_vault_and_remembers_nothing(
    qtbot, bundles: Bundles, tmp_path: Path
) -> None:
    app = QApplication.instance()
    ini = tmp_path / "settings.ini"
    settings = AppSettings(QSettings(str(ini), QSettings.Format.IniFormat))
    window = MainWindow(Session(None), settings, Translations(app), lambda context: [])
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.audit.isVisibleTo(window)
    assert window.audit_action in window.file_menu.actions()
    viewer = window.open_audit_bundle(bundles.good)
    qtbot.waitUntil(lambda: viewer.bundle is not None, timeout=20_000)
    assert viewer.isWindow() and viewer.parent() is window
    assert settings.get(keys.LAST_VAULT) == ""
    viewer.close()
    assert not ini.exists()


def test_redvan_open_refuses_a_missing_file_in_one_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert cli.main(["open", str(tmp_path / "nowhere.rvaudit")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("redvan: There is no file at") and err.count("\n") == 1


def test_redvan_open_refuses_a_bad_pubkey_in_one_line(
    bundles: Bundles,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    assert cli.main(["open", str(bundles.good), "--pubkey", "RWnot-a-key"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("redvan: ") and err.count("\n") == 1


def test_labels_of_a_refusal_are_plain_text(qtbot, bundles: Bundles, tmp_path: Path) -> None:
    """A hostile file's text must not become rich text (links, images) in the window."""
    path = tmp_path / "<b>odd<i>.rvaudit"
    path.write_bytes(b"<img src=x>")
    viewer = open_viewer(qtbot, path, bundles.trusted)
    for label in viewer.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_an_encrypted_bundle_opens_with_its_age_key_only(
    qtbot, services, bundles: Bundles, tmp_path: Path
) -> None:
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    sealed = tmp_path / "sealed" / "audit.rvaudit"
    sealed.parent.mkdir()
    write_audit_bundle(
        services, FIRST, LAST, sealed, recipients=[str(identity.to_public())], now=NOW
    )
    locked = open_viewer(qtbot, sealed, bundles.trusted)
    assert locked.needs_identity and "--identity" in locked.refused_hint.text()
    assert not locked.identity_button.isVisibleTo(locked)  # no file dialogs stand-alone
    in_app = open_viewer(qtbot, sealed, bundles.trusted, allow_dialogs=True)
    assert in_app.identity_button.isVisibleTo(in_app)

    opened = open_viewer(qtbot, sealed, bundles.trusted, identities=[identity])
    assert opened.verdict.level is Level.OK
    assert "decrypted in memory only" in opened.verdict.findings.text()
    assert "age -d -i KEYFILE" in opened.report_text.text()


# -- issue 15, item 11: trusting a signer, searching the records ------------------------------


def test_trust_this_device_asks_with_the_fingerprint_then_writes_the_key(  # type: ignore[no-untyped-def]
    qtbot, bundles: Bundles, tmp_path: Path
) -> None:
    keys_file = tmp_path / "config" / "trusted-devices.pub"
    viewer = open_viewer(qtbot, bundles.good, keys_file)
    assert viewer.verdict.level is Level.WARN
    assert viewer.trust_button.isVisibleTo(viewer)
    signer = viewer.bundle.verdict.signer
    asked: list[tuple[str, Path]] = []

    viewer.confirm_trust = lambda fingerprint, path: asked.append((fingerprint, path)) or False
    qtbot.mouseClick(viewer.trust_button, Qt.MouseButton.LeftButton)
    assert asked == [(viewer.bundle.verdict.fingerprint, keys_file)]
    assert " " in asked[0][0] and len(asked[0][0].replace(" ", "")) == 16
    assert not keys_file.exists(), "a No writes nothing"

    viewer.confirm_trust = lambda fingerprint, path: True
    with qtbot.waitSignal(viewer.bundle_shown, timeout=20_000):
        qtbot.mouseClick(viewer.trust_button, Qt.MouseButton.LeftButton)
    assert viewer.verdict.level is Level.OK
    assert not viewer.trust_button.isVisibleTo(viewer)
    assert signer.base64 in keys_file.read_text(encoding="utf-8")
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    assert viewer.trust_message.isVisibleTo(viewer)
    # trusting again adds nothing; the file still parses
    assert trust.add_trusted_key(signer, keys_file) == keys_file
    assert keys_file.read_text(encoding="utf-8").count(signer.base64) == 1
    assert [k.base64 for k in trust.trusted_keys(path=keys_file)] == [signer.base64]


def test_a_trusted_bundle_offers_no_trust_button(qtbot, bundles: Bundles) -> None:  # type: ignore[no-untyped-def]
    viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
    assert viewer.verdict.level is Level.OK
    assert not viewer.trust_button.isVisibleTo(viewer)


def test_the_records_can_be_searched(qtbot, bundles: Bundles) -> None:  # type: ignore[no-untyped-def]
    viewer = open_viewer(qtbot, bundles.good, bundles.trusted)
    viewer.tabs.setCurrentWidget(viewer.rows_tab)
    rows = viewer.bundle.rows
    week = rows[0].week
    expected = sum(1 for row in rows if row.week == week)
    assert 0 < expected < len(rows)
    viewer.search.setFocus()
    qtbot.keyClicks(viewer.search, week)
    assert viewer.rows_model.total() == expected
    assert viewer.search_count.text() == f"{expected} of {len(rows)}"
    model = viewer.rows_model
    assert all(model.data(model.index(r, model.COL_WEEK)) == week for r in range(model.rowCount()))
    # two words: both must match (a week and a service)
    qtbot.keyClicks(viewer.search, " condoms")
    both = sum(1 for row in rows if row.week == week and "condoms" in dict(row.services))
    assert viewer.rows_model.total() == both
    # nothing matches: an empty list, said so
    viewer.search.clear()
    qtbot.keyClicks(viewer.search, "no-such-thing")
    assert viewer.rows_model.total() == 0 and viewer.search_count.text() == f"0 of {len(rows)}"
    viewer.search.clear()
    assert viewer.rows_model.total() == len(rows) and viewer.search_count.text() == ""
