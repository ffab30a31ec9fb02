"""`redvan tally` (SPEC §8, R1–R4, R6): text and json for the coordinator (exact), csv and pdf
for publishing (suppressed), files written 0600 and atomically, every run audited."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
from datetime import datetime
from pathlib import Path

import pytest

from redvan.core.model import ContactInput
from redvan.core.services import Services
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests import exit_scenario as exit_
from tests.cli_input import run_cli
from tests.pdftext import pdf_text

PASS = "night shift passphrase"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


def run(argv: list[str], monkeypatch, capsysbinary) -> tuple[int, bytes, str]:  # type: ignore[no-untyped-def]
    code, out, err = run_cli(argv, f"{PASS}\n".encode(), monkeypatch, capsysbinary)
    return code, out, err.decode()


@pytest.fixture
def vault(tmp_path: Path, monkeypatch, capsysbinary) -> Path:  # type: ignore[no-untyped-def]
    """A vault holding the memo's programme (halfway in 2021-W52) and one busy night."""
    path = tmp_path / "van.redvan"
    code, _, err = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        monkeypatch,
        capsysbinary,
    )
    assert code == 0, err
    opened = unlock(path, PASS)
    try:
        services = Services(VaultStore(opened))
        exit_.record(services)
        for minute in range(12):  # a busy night in 2021-W50, without codes
            services.save_contact(ContactInput(time=datetime(2021, 12, 17, 22, minute)))
    finally:
        opened.close(backup=False)
    return path


def tally(vault: Path, *extra: str) -> list[str]:
    return ["tally", "--vault", str(vault), "--passphrase-stdin", *extra]


def exports(vault: Path) -> list[tuple[str, str]]:
    opened = unlock(vault, PASS)
    try:
        return [
            (r[0], r[1])
            for r in opened.conn.execute(
                "SELECT entity, entity_id FROM audit WHERE action = 'export' ORDER BY seq"
            )
        ]
    finally:
        opened.close(backup=False)


def test_text_shows_exact_counts_and_marks_what_the_report_hides(
    vault, monkeypatch, capsysbinary
) -> None:
    code, out, err = run(tally(vault, "--week", "2021-W51"), monkeypatch, capsysbinary)
    assert (code, err) == (0, "")
    text = out.decode()
    assert text.startswith("Weekly tally — week 51, 2021")
    assert "CONFIDENTIAL, EXACT" in text
    # One contact that week: exact here, with its rounded published value (0 or 5) beside it.
    contacts = next(line for line in text.splitlines() if line.startswith("Contacts  "))
    assert contacts.split()[-2:] in (["1", "(0)"], ["1", "(5)"])
    assert "EXIT 2020–2023" in text and "EARLY WARNING" in text
    assert exports(vault) == [("tally-text", "2021-W51..2021-W51")]


def test_json_is_exact_with_the_published_form(vault, monkeypatch, capsysbinary) -> None:
    code, out, err = run(
        tally(vault, "--week", "2020-W02", "--to", "2021-W52", "--format", "json"),
        monkeypatch,
        capsysbinary,
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == "redvan-tally" and data["exact"] is True
    assert data["totals"]["contacts"]["count"] == 76
    assert data["totals"]["contacts"]["published"] % 5 == 0
    reach = data["reach"][0]
    assert reach["reached"]["count"] == 64 and reach["target"] == 465 and reach["warning"]
    assert reach["forecast"]["count"] == 128 and reach["pace_needed"] == 3.86
    weeks = next(t for t in data["tables"] if t["key"] == "contacts.week")
    assert len(weeks["cells"]) == 104
    assert {c["published"] for c in weeks["cells"] if c["count"] in (1, 2)} <= {0, 5}
    busy = next(c for c in weeks["cells"] if c["category"] == "2021-W50")
    assert busy["count"] == 12 and busy["published"] in (10, 15)
    # a period's additive figures are the sums of its weeks' published values
    assert data["totals"]["contacts"]["published"] == sum(c["published"] for c in weeks["cells"])
    assert reach["published_line"][-1][1] == reach["reached"]["published"]


def test_csv_is_suppressed_and_safe(vault, tmp_path, monkeypatch, capsysbinary) -> None:
    out_file = tmp_path / "week.csv"
    code, out, err = run(
        tally(
            vault,
            "--week",
            "2021-W40",
            "--to",
            "2021-W52",
            "--format",
            "csv",
            "--out",
            str(out_file),
            "--lang",
            "da",
        ),
        monkeypatch,
        capsysbinary,
    )
    assert (code, err) == (0, ""), err
    assert b"Wrote the tally of 2021-W40" in out
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    data = out_file.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["tabel", "kategori", "betegnelse", "værdi"]
    values = {(r[0], r[1]): r[3] for r in rows[1:]}
    weeks = {c: int(v) for (t, c), v in values.items() if t == "contacts.week"}
    assert int(values[("total", "contacts")]) == sum(weeks.values())
    for (table, _), value in values.items():
        if table.startswith(("contacts.", "persons.", "services", "referrals.")) or (
            table == "total"
        ):
            assert value.isdigit() and int(value) % 5 == 0, (table, value)
    assert weeks["2021-W41"] == 0 and weeks["2021-W50"] in (10, 15)
    assert values[("reach.exit-2020", "warning")] == "ja"
    assert int(values[("reach.exit-2020", "reached")]) % 5 == 0
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert [e for e, _ in exports(vault)] == ["tally-csv"]


def test_pdf_needs_a_file_and_is_written_private(
    vault, tmp_path, monkeypatch, capsysbinary
) -> None:
    code, _, err = run(
        tally(vault, "--week", "2021-W52", "--format", "pdf"), monkeypatch, capsysbinary
    )
    assert code != 0 and "--out" in err and err.count("\n") == 1
    target = tmp_path / "report.pdf"
    code, _, err = run(
        tally(
            vault,
            "--week",
            "2021-W01",
            "--to",
            "2021-W52",
            "--format",
            "pdf",
            "--out",
            str(target),
            "--lang",
            "da",
        ),
        monkeypatch,
        capsysbinary,
    )
    assert (code, err) == (0, ""), err
    assert target.read_bytes().startswith(b"%PDF") and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.pdf")]
    if shutil.which("pdftotext"):
        text = pdf_text(target)
        assert "Periodeopgørelse — uge 1–52, 2021" in text
        assert "Tidlig advarsel" in text and "465" in text
        assert "Diskretionering" in text


def test_bad_periods_are_one_line_errors(vault, tmp_path, monkeypatch, capsysbinary) -> None:
    for extra in (
        ["--week", "2021-W52", "--to", "2021-W40"],
        ["--week", "2021-W60"],
        ["--week", "2021-W10", "--out", str(tmp_path / "no" / "such" / "dir.txt")],
    ):
        code, _, err = run(tally(vault, *extra), monkeypatch, capsysbinary)
        assert code != 0 and err.startswith("redvan: ") and err.count("\n") == 1, err
    assert exports(vault) == []
