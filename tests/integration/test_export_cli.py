"""`redvan export alerts|police`: the incident outputs of R5 from a coordinator's script.

Nobody can review descriptions on the command line, so a description in which the PII guard
finds anything is withheld whole ("[description withheld: review in the app]")."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from redvan import cli
from redvan.core.enums import ConsentTier, IncidentType, PoliceReport
from redvan.core.model import ContactInput
from redvan.core.services import Services
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests.cli_input import run_cli
from tests.pdftext import pdf_text

PASS = "night shift passphrase"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


def run(argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run_cli(argv, f"{PASS}\n".encode(), monkeypatch, capsys)


@pytest.fixture
def vault(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """A vault with one person and an incident of every tier in 2026-W47, plus one outside."""
    path = tmp_path / "van.redvan"
    code, out, _ = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"], monkeypatch, capsys
    )
    assert code == 0, out
    opened = unlock(path, PASS)
    services = Services(VaultStore(opened))
    saved = services.save_contact(ContactInput(time=datetime(2026, 11, 18, 22), code="MAJA7"))
    texts = {
        ConsentTier.RECORD_ONLY: "recordonlymarker",
        ConsentTier.WARN_WORKERS: "Grey estate car near Kødbyen, warnmarker",
        ConsentTier.POLICE_ANONYMOUS: "Two men outside the hotel, policemarker",
        ConsentTier.STATISTICS_ONLY: "statisticsmarker",
    }
    ids = {}
    for tier, text in texts.items():
        ids[tier] = services.record_incident(
            date(2026, 11, 18), "istedgade", [IncidentType.ROBBERY_THEFT], tier,
            PoliceReport.NO, (), text, profile_id=saved.profile_id,
        ).id  # fmt: skip
    services.record_incident(
        date(2026, 11, 19), "vesterbro", [IncidentType.THREATS_HARASSMENT],
        ConsentTier.WARN_WORKERS, PoliceReport.NO, (), "He gave his number 20 30 40 50",
        confirm_pii=True,
    )  # fmt: skip
    services.record_incident(
        date(2026, 10, 1), None, [IncidentType.OTHER], ConsentTier.WARN_WORKERS,
        PoliceReport.NO, (), "oldweekmarker",
    )  # fmt: skip
    alias = services.store.profile_by_id(saved.profile_id).alias
    opened.close(backup=False)
    return path, saved.profile_id, alias, ids


def export(kind: str, vault_path: Path, out: Path, monkeypatch, capsys, *extra: str):  # type: ignore[no-untyped-def]
    return run(
        ["export", kind, "--vault", str(vault_path), "--passphrase-stdin",
         "--from", "2026-W46", "--to", "2026-W47", "--out", str(out), *extra],
        monkeypatch,
        capsys,
    )  # fmt: skip


def test_alert_sheet_holds_only_warn_workers_incidents(
    vault, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    path, profile_id, alias, ids = vault
    out = tmp_path / "alerts.pdf"
    code, stdout, err = export("alerts", path, out, monkeypatch, capsys, "--lang", "da")
    assert (code, err) == (0, "")
    assert "2 incidents" in stdout and "1 description withheld" in stdout
    assert (out.stat().st_mode & 0o777) == 0o600
    text = pdf_text(out)
    assert "Advarselsark" in text and "Kødbyen" in text and "Røveri/tyveri" in text
    assert "warnmarker" in text
    for absent in ("policemarker", "recordonlymarker", "statisticsmarker", "oldweekmarker"):
        assert absent not in text
    assert "20 30 40 50" not in text
    assert "[beskrivelse tilbageholdt: gennemgå den i appen]" in text
    assert "Uge 2026-W47 · Istedgade" in text
    assert "onsdag" not in text and "18. november" not in text  # the week, never the day
    for secret in (alias, "MAJA7", profile_id, *ids.values()):
        assert secret not in text


def test_police_report_has_only_its_tier_and_references_the_vault_keeps(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    path, profile_id, alias, ids = vault
    out = tmp_path / "police.pdf"
    code, stdout, err = export("police", path, out, monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert "1 incident" in stdout
    text = pdf_text(out)
    assert "Anonymous third-party report" in text and "policemarker" in text
    for absent in ("warnmarker", "recordonlymarker", "statisticsmarker"):
        assert absent not in text
    for secret in (alias, "MAJA7", profile_id, *ids.values()):
        assert secret not in text
    reference = next(word for word in text.split() if word.startswith("RV-"))

    opened = unlock(path, PASS)
    try:
        services = Services(VaultStore(opened))
        found = services.incident_by_police_reference(reference)
        assert found is not None and found.id == ids[ConsentTier.POLICE_ANONYMOUS]
        events = opened.conn.execute(
            "SELECT action, entity FROM audit WHERE action = 'export'"
        ).fetchall()
        assert events == [("export", "police-report")]
    finally:
        opened.close(backup=False)


def test_every_export_is_audited(vault, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path, *_ = vault
    for kind in ("alerts", "alerts", "police"):
        code, _, err = export(kind, path, tmp_path / f"{kind}.pdf", monkeypatch, capsys)
        assert code == 0, err
    opened = unlock(path, PASS)
    try:
        rows = opened.conn.execute(
            "SELECT entity FROM audit WHERE action = 'export' ORDER BY seq"
        ).fetchall()
    finally:
        opened.close(backup=False)
    assert [r[0] for r in rows] == ["alert-sheet", "alert-sheet", "police-report"]


def test_bad_arguments_are_one_line_errors(vault, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path, *_ = vault
    code, _, err = run(
        ["export", "alerts", "--vault", str(path), "--passphrase-stdin", "--from", "2026-W47",
         "--to", "2026-W46", "--out", str(tmp_path / "x.pdf")],
        monkeypatch,
        capsys,
    )  # fmt: skip
    assert code != 0 and "comes before" in err and err.count("\n") == 1
    code, _, err = run(
        ["export", "alerts", "--vault", str(path), "--passphrase-stdin", "--from", "week 47",
         "--to", "2026-W47", "--out", str(tmp_path / "x.pdf")],
        monkeypatch,
        capsys,
    )  # fmt: skip
    assert code != 0 and "ISO week" in err
    code, _, err = run(
        ["export", "alerts", "--vault", str(path), "--passphrase-stdin", "--from", "2026-W46",
         "--to", "2026-W47", "--out", str(tmp_path / "missing" / "x.pdf")],
        monkeypatch,
        capsys,
    )  # fmt: skip
    assert code != 0 and "does not exist" in err
    with pytest.raises(SystemExit) as exited:
        cli.main(["export", "tallies", "--vault", str(path), "--from", "2026-W46",
                  "--to", "2026-W47", "--out", "x.pdf"])  # fmt: skip
    assert exited.value.code == cli.EXIT_USAGE
    assert not (tmp_path / "x.pdf").exists()
