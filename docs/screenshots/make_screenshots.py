"""Render every screen in English and Danish to docs/screenshots/<lang>/ (offscreen).

    .venv/bin/python docs/screenshots/make_screenshots.py

Uses a throwaway demo vault in a temporary folder (made-up people only) and a fixed clock:
Friday 20 November 2026, 22:40, a shift running on Istedgade and Vesterbro.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from redvan.core.demo import DemoPlan, generate  # noqa: E402
from redvan.core.enums import FollowUpType  # noqa: E402
from redvan.core.model import ContactInput, ReferralInput, ServiceGiven  # noqa: E402
from redvan.core.weeks import IsoWeek  # noqa: E402
from redvan.gui import collector, theme  # noqa: E402
from redvan.gui.i18n import Translations  # noqa: E402
from redvan.gui.main_window import MainWindow  # noqa: E402
from redvan.gui.pages import build_pages, wire  # noqa: E402
from redvan.gui.session import Session  # noqa: E402
from redvan.gui.settings import AppSettings  # noqa: E402
from redvan.storage.keyslots import KdfParams  # noqa: E402

OUT = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 20, 22, 40)
PASS = "screenshot passphrase"  # noqa: S105 - a throwaway demo vault
SIZE = (1100, 720)  # the default window (issue 15: nothing may be cut at this size)
FAST = KdfParams(memory_kib=19 * 1024, iterations=2, parallelism=1)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def shot(app: QApplication, widget: QWidget, lang: str, name: str) -> None:
    settle(app)
    target = OUT / lang / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(target))
    print(target.relative_to(OUT.parent.parent))


def prepare_vault(folder: Path) -> Path:
    session = Session(kdf=FAST)
    vault, _ = session.create(folder / "outreach.redvan", "AB", PASS)
    session.attach(vault)
    services = session.services
    assert services is not None
    generate(services, DemoPlan(weeks=10, seed=3, last_week=IsoWeek(2026, 46)))
    staff = [s.id for s in services.store.list_staff()][:2]
    shift = services.store.open_shift()
    if shift is None:
        services.start_shift(
            "Van 1", ["istedgade", "vesterbro"], staff, NOW - timedelta(hours=1, minutes=40)
        )
    # Tonight so far: a few people met since the shift began.
    for minutes, code, given in (
        (10, "D0001", {"condoms": 10, "conversation": 1}),
        (25, None, {"coffee-food": 2}),
        (38, "D0007", {"condoms": 20, "lubricant": 2}),
        (52, "D0012", {"conversation": 1, "housing-advice": 1}),
        (71, None, {"condoms": 5}),
        (88, "D0003", {"coffee-food": 1, "health-clinic": 1}),
    ):
        services.save_contact(
            ContactInput(
                time=NOW - timedelta(hours=1, minutes=40) + timedelta(minutes=minutes),
                zone="istedgade",
                channel="street",
                code=code,
                services=tuple(ServiceGiven(k, v) for k, v in given.items()),
                referrals=(ReferralInput("reden"),) if code == "D0012" else (),
            )
        )
    profile = services.find_by_code("D0001")
    if profile is not None:
        services.add_followup(profile.id, FollowUpType.ACCOMPANIMENT, date(2026, 11, 19), staff[0])
        services.add_followup(profile.id, FollowUpType.CALL_BACK, date(2026, 11, 20), staff[0])
    session.lock(backup=False)
    return folder / "outreach.redvan"


def window_for(app: QApplication, path: Path | None, lang: str, folder: Path) -> MainWindow:
    settings = AppSettings(
        QSettings(str(folder / f"settings-{lang}.ini"), QSettings.Format.IniFormat)
    )
    translations = Translations(app)
    translations.install(lang)
    window = MainWindow(
        Session(path, kdf=FAST), settings, translations, build_pages, wire=wire, now=lambda: NOW
    )
    window.resize(*SIZE)
    window.show()
    return window


def unlock(app: QApplication, window: MainWindow) -> None:
    window.unlock_page.passphrase.setText(PASS)
    window.unlock_page.try_unlock()
    for _ in range(400):
        app.processEvents()
        if window.workspace is not None:
            return
        QApplication.instance().thread().msleep(10)  # type: ignore[union-attr]
    raise RuntimeError("unlock did not finish")


def render(app: QApplication, lang: str, vault: Path, folder: Path) -> None:
    # Before a vault exists: welcome and the wizard.
    window = window_for(app, None, lang, folder)
    shot(app, window, lang, "01-welcome")
    window.show_wizard()
    shot(app, window, lang, "02-wizard-where")
    wizard = window.wizard
    assert wizard is not None
    wizard._show(1)
    wizard.initials.setText("AB")
    wizard.passphrase.setText("blå bus på Istedgade")
    shot(app, window, lang, "03-wizard-coordinator")
    wizard.code_label.setText("J3WH-EF17-BR8W-VCFB-GZHA-GN7N-812Y-DME6")  # an example code
    wizard._show(2)
    shot(app, window, lang, "04-wizard-recovery-code")
    window.close()

    window = window_for(app, vault, lang, folder)
    page = window.unlock_page
    page._show_error(page.tr("Wrong passphrase for %1 (attempt %n).", None, 3).replace("%1", "AB"))
    shot(app, window, lang, "05-unlock")
    window.show_recovery()
    shot(app, window, lang, "06-recovery")
    window.show_unlock()
    unlock(app, window)
    workspace = window.workspace
    assert workspace is not None

    tonight = workspace.open_page("tonight")
    shot(app, window, lang, "10-tonight")
    correction = tonight.correction.open_row(2)  # double-click a row: correct or void it
    assert correction is not None
    shot(app, correction, lang, "11-tonight-correct")
    correction.reject()

    contact = workspace.open_page("contact")
    shot(app, window, lang, "20-contact-empty")
    contact.code.setText("D0001")
    contact.look_up(final=True)
    contact.toggle_service(0)
    contact.toggle_service(3)
    shot(app, window, lang, "21-contact-returning")
    contact.clear_form()
    contact.code.setText("NEWPERSON1")
    contact.look_up(final=True)
    contact.age.setCurrentIndex(contact.age.findData("under-18"))
    shot(app, window, lang, "22-contact-new-under-18")
    contact.clear_form()
    contact.no_code.setChecked(True)
    contact.toggle_service(1)
    contact.add_referral_row({"destination": "reden", "status": "referred"})
    contact.note.setPlainText("Ring hende på 22 33 44 55")
    contact.save()
    shot(app, window, lang, "23-contact-pii-warning")
    contact.note.setPlainText("Asked about the health clinic")
    contact.save()
    shot(app, window, lang, "24-contact-saved")

    profiles = workspace.open_page("profiles")
    profiles.alias.setText("")
    profiles.refresh()
    profiles.open_first()
    shot(app, window, lang, "30-people")

    workspace.open_page("followups")
    shot(app, window, lang, "40-follow-ups")
    workspace.open_page("incidents")
    shot(app, window, lang, "41-incidents")
    workspace.open_page("referrals")
    shot(app, window, lang, "42-referrals")
    workspace.open_page("reports")
    shot(app, window, lang, "45-reports")

    settings = workspace.open_page("settings")
    for index, name in enumerate(("lists", "staff", "privacy", "backups", "language")):
        settings.select_section(index)
        shot(app, window, lang, f"5{index}-settings-{name}")
    window.lock()
    window.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collector.install(app)  # as the app does: no cycle collection on a worker thread
    assert isinstance(app, QApplication)
    theme.apply(app, "dark")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        vault = prepare_vault(folder)
        for lang in ("en", "da"):
            render(app, lang, vault, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
