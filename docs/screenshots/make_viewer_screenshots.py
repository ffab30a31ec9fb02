"""Render the auditor viewer in English and Danish to docs/screenshots/<lang>/ (offscreen).

    .venv/bin/python docs/screenshots/make_viewer_screenshots.py

Makes a throwaway demo vault (made-up people only) in a temporary folder, writes its audit
bundle for weeks 37–46 of 2026, and a tampered copy: one figure of the tally raised by one,
the zip rebuilt, the original signature kept. Then shows both in the viewer, checked against
a trusted-keys file that holds the demo device's key (and once without it).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from redvan.core.demo import DemoPlan, generate  # noqa: E402
from redvan.core.services import Services  # noqa: E402
from redvan.core.weeks import IsoWeek  # noqa: E402
from redvan.exchange.bundle import write_audit_bundle  # noqa: E402
from redvan.exchange.signing import device_key, signature_path  # noqa: E402
from redvan.gui import collector, theme  # noqa: E402
from redvan.gui.i18n import Translations  # noqa: E402
from redvan.gui.viewer.window import AuditViewer  # noqa: E402
from redvan.storage.keyslots import KdfParams  # noqa: E402
from redvan.storage.repository import VaultStore  # noqa: E402
from redvan.storage.vault import create_vault  # noqa: E402

OUT = Path(__file__).resolve().parent
NOW = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
SIZE = (1100, 720)  # the default window (issue 15: nothing may be cut at this size)
FAST = KdfParams(memory_kib=19 * 1024, iterations=2, parallelism=1)
NAME = "outreach-2026-W37-W46.rvaudit"


def shot(app: QApplication, widget: QWidget, lang: str, name: str) -> None:
    for _ in range(5):
        app.processEvents()
    target = OUT / lang / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(target))
    print(target.relative_to(OUT.parent.parent))


def make_bundles(folder: Path) -> tuple[Path, Path, Path]:
    """The genuine bundle, a tampered copy, and the trusted-keys file."""

    def seed(vault: object) -> None:
        store = VaultStore(vault)  # type: ignore[arg-type]
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(
        folder / "outreach.redvan", "AB", "screenshot passphrase", kdf=FAST, init=seed
    )
    services = Services(VaultStore(created.vault))
    generate(services, DemoPlan(weeks=10, seed=3, last_week=IsoWeek(2026, 46)))
    good = folder / "good" / NAME
    good.parent.mkdir()
    write_audit_bundle(services, IsoWeek(2026, 37), IsoWeek(2026, 46), good, now=NOW)
    keys = folder / "trusted-devices.pub"
    keys.write_text(device_key(services.store).public.file_text(), encoding="utf-8")
    created.vault.close(backup=False)

    tampered = folder / "tampered" / NAME
    tampered.parent.mkdir()
    with zipfile.ZipFile(good) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(tampered, "w") as zf:
        for info, data in members:
            if info.filename == "tally.json":
                tally = json.loads(data)
                tally["totals"]["contacts"]["count"] += 1
                data = json.dumps(tally, ensure_ascii=False, separators=(",", ":")).encode()
            zf.writestr(info, data)
    shutil.copyfile(signature_path(good), signature_path(tampered))
    return good, tampered, keys


def show(app: QApplication, path: Path, keys: Path) -> AuditViewer:
    viewer = AuditViewer(path, keys_path=keys)
    viewer.resize(*SIZE)
    viewer.show()
    viewer.open_file()
    for _ in range(1000):
        app.processEvents()
        if viewer.bundle is not None or viewer.refusal:
            return viewer
        app.thread().msleep(10)
    raise RuntimeError("the bundle did not open")


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    collector.install(app)  # as the app does: no cycle collection on a worker thread
    assert isinstance(app, QApplication)
    theme.apply(app, "dark")
    translations = Translations(app)
    with tempfile.TemporaryDirectory(prefix="auditor-") as tmp:
        folder = Path(tmp)
        good, tampered, keys = make_bundles(folder)
        broken = folder / "not-a-bundle.rvaudit"
        broken.write_bytes(b"PK\x03\x04 this is not a zip archive")
        nobody = folder / "no-keys-yet.pub"  # an auditor who has not added the key
        for lang in ("en", "da"):
            translations.install(lang)
            viewer = show(app, good, keys)
            shot(app, viewer, lang, "60-viewer-good")
            viewer.tabs.setCurrentWidget(viewer.rows_tab)
            shot(app, viewer, lang, "61-viewer-records")
            viewer.tabs.setCurrentWidget(viewer.keys_tab)
            shot(app, viewer, lang, "62-viewer-trusted-keys")
            viewer.close()
            viewer = show(app, tampered, keys)
            shot(app, viewer, lang, "63-viewer-tampered")
            viewer.close()
            viewer = show(app, broken, keys)
            shot(app, viewer, lang, "64-viewer-not-a-bundle")
            viewer.close()
            viewer = show(app, good, nobody)
            shot(app, viewer, lang, "65-viewer-unknown-signer")
            viewer.close()
    translations.install("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
