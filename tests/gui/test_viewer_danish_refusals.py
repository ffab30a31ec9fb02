"""The auditor viewer in Danish shows the exchange's refusal sentences in Danish too (issue 15,
item 12: they were English under Danish headlines)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from redvan.core.demo import DemoPlan, generate
from redvan.core.weeks import IsoWeek
from redvan.exchange.bundle import write_audit_bundle
from redvan.exchange.signing import device_key, signature_path
from redvan.gui.i18n import Translations
from redvan.gui.viewer.window import AuditViewer


@pytest.fixture
def danish(qapp):  # type: ignore[no-untyped-def]
    translations = Translations(QApplication.instance())
    translations.install("da")
    yield
    translations.install("en")


def shown(qtbot, path: Path, keys: Path) -> AuditViewer:  # type: ignore[no-untyped-def]
    viewer = AuditViewer(path, keys_path=keys)
    qtbot.addWidget(viewer)
    viewer.show()
    viewer.open_file()
    qtbot.waitUntil(lambda: viewer.bundle is not None or bool(viewer.refusal), timeout=20_000)
    return viewer


@pytest.mark.parametrize(
    ("content", "danish_sentence"),
    [
        (b"not a bundle at all\n", "Filen er ikke en revisionspakke (den er ikke et zip-arkiv)."),
        (
            b"PK\x03\x04" + bytes(range(256)) * 4,
            "Revisionspakken er beskadiget: dens zip-arkiv kan ikke læses.",
        ),
    ],
)
def test_a_refused_file_is_explained_in_danish(
    qtbot, danish, tmp_path: Path, content: bytes, danish_sentence: str
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.rvaudit"
    path.write_bytes(content)
    viewer = shown(qtbot, path, tmp_path / "none.pub")
    assert viewer.refused_title.text() == "Filen kan ikke åbnes som en revisionspakke."
    assert viewer.refused_text.text() == danish_sentence


def test_a_changed_file_in_a_bundle_is_named_in_danish(
    qtbot, danish, services, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    last = IsoWeek(2026, 47)
    generate(services, DemoPlan(weeks=2, seed=3, last_week=last))
    good = tmp_path / "audit.rvaudit"
    write_audit_bundle(services, IsoWeek(2026, 46), last, good)
    keys = tmp_path / "trusted.pub"
    keys.write_text(device_key(services.store).public.file_text(), encoding="utf-8")
    changed = tmp_path / "changed" / good.name
    changed.parent.mkdir()
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "rows.json":
                data = data.replace(b"]]", b"]] ", 1)  # one byte more than the manifest says
            target.writestr(info, data)
    shutil.copyfile(signature_path(good), signature_path(changed))
    viewer = shown(qtbot, changed, keys)
    findings = viewer.verdict.findings.text()
    assert "Manifestet passer ikke med pakkens indhold:" in findings
    assert "rows.json fylder " in findings and "; manifestet siger " in findings
    assert "the manifest says" not in findings
