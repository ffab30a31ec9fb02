"""CLI messages a person can act on (issue 15, item 12): a folder as --out, every bad line of
a `record` file, and Danish (--lang da or the locale)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from redvan.core.intake import MAX_REPORTED
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests.cli_input import run_cli

PASS = "night shift passphrase"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "van.redvan"
    code, out, err = run_cli(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    return path


def contacts_in(path: Path) -> int:
    vault = unlock(path, PASS)
    try:
        return VaultStore(vault).count_contacts()
    finally:
        vault.close(backup=False)


@pytest.mark.parametrize(
    ("argv", "example"),
    [
        (["tally", "--week", "2026-W47", "--format", "pdf"], "tally-2026-W47.pdf"),
        (
            ["export", "sync", "--from", "2026-W40", "--to", "2026-W47"],
            "sync-2026-W40-2026-W47.rvsync.json",
        ),
        (["export", "alerts", "--from", "2026-W47", "--to", "2026-W47"], "alerts-2026-W47.pdf"),
        (["backup"], "van.rvbackup"),
    ],
)
def test_a_folder_as_out_is_named_with_a_file_name_to_use_instead(
    argv: list[str], example: str, vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "reports"
    folder.mkdir()
    code, out, err = run_cli(
        [*argv, "--vault", str(vault), "--passphrase-stdin", "--out", str(folder)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1 and out == ""
    assert err == (
        f"redvan: --out {folder} is a folder, not a file; give a file name in it, for example "
        f"--out {folder / example}\n"
    )
    assert list(folder.iterdir()) == []


def test_merge_with_a_folder_as_out_says_so_before_reading_packages(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run_cli(
        ["merge", "--out", str(tmp_path), str(tmp_path / "a.rvsync.json")], b"", monkeypatch, capsys
    )
    assert code == 1
    assert f"--out {tmp_path} is a folder, not a file" in err
    assert f"--out {tmp_path / 'merged-tally.txt'}" in err


def line(**fields: object) -> str:
    return json.dumps({"time": "2026-11-20T22:15", **fields})


def test_record_names_every_bad_line_and_saves_nothing(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    rows = [
        line(zone="istedgade"),  # 1: good
        '{"time": "2026-11-20T22:15",',  # 2: not JSON
        line(time="yesterday"),  # 3: bad time
        line(zone="istedgade"),  # 4: good
        line(zone="nowhere-street"),  # 5: not in the vault's vocabulary (second check)
        line(services={"condoms": 0}),  # 6: bad quantity
        line(colour="red"),  # 7: unknown field
    ]
    data = tmp_path / "night.jsonl"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    code, out, err = run_cli(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == (
        "redvan: 5 lines of the file cannot be taken in; nothing from the file was saved."
    )
    assert [x.split(":")[0].strip() for x in lines[1:]] == [
        "Line 2",
        "Line 3, field 'time'",
        "Line 5, field 'zone'",
        "Line 6, field 'services'",
        "Line 7, field 'colour'",
    ]
    assert "nowhere-street" in lines[3]  # a slug, never a free-text value
    assert contacts_in(vault) == 0


def test_record_shows_the_first_bad_lines_and_counts_the_rest(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    bad = MAX_REPORTED + 7
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join([line()] + [line(time="soon")] * bad) + "\n", encoding="utf-8")
    code, _, err = run_cli(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"redvan: {bad} lines of the file cannot be taken in")
    assert len(lines) == 1 + MAX_REPORTED + 1
    assert lines[1].strip().startswith("Line 2, field 'time'")
    assert lines[-1] == f"  … and 7 more (only the first {MAX_REPORTED} bad lines are shown)."
    assert contacts_in(vault) == 0


def test_one_bad_line_reads_as_before(vault: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "one.jsonl"
    data.write_text(line() + "\n" + line(time="soon") + "\n", encoding="utf-8")
    code, _, err = run_cli(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1
    assert err.startswith("redvan: Line 2, field 'time': must be a date and time")
    assert err.rstrip().endswith("Nothing from the file was saved.")


# -- Danish ------------------------------------------------------------------------------------


def test_lang_da_gives_the_record_refusal_in_danish(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "night.jsonl"
    data.write_text(
        "\n".join([line(), "{oops", line(zone="nowhere-street")]) + "\n", encoding="utf-8"
    )
    code, _, err = run_cli(
        ["--lang", "da", "record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1
    assert err.splitlines() == [
        "redvan: 2 linjer i filen kan ikke tages ind; intet fra filen er gemt.",
        "  Linje 2: linjen er ikke gyldig JSON.",
        "  Linje 3, feltet 'zone': 'nowhere-street' er ikke blandt boksens værdier for dette felt.",
    ]


def test_a_danish_locale_gives_danish_output_and_refusals(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    data = tmp_path / "night.jsonl"
    data.write_text(line(zone="istedgade", code="MAJA7") + "\n", encoding="utf-8")
    code, out, _ = run_cli(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0 and out == "Gemte 1 kontakt (1 ny person).\n"
    # a real refusal from the exchange: a sync package without its signature
    package = tmp_path / "van.rvsync.json"
    package.write_text("{}", encoding="utf-8")
    code, _, err = run_cli(
        ["merge", "--out", str(tmp_path / "merged.txt"), str(package)], b"", monkeypatch, capsys
    )
    assert code == 1
    assert err.splitlines() == [
        f"redvan: afvist: Synkroniseringspakken {package.name} har ingen signatur "
        f"({package.name}.minisig) ved siden af sig; en pakke, der ikke er signeret, afvises.",
        "redvan: Intet at flette sammen: ingen pakke blev godtaget.",
    ]
    code, _, err = run_cli(
        ["--lang", "en", "merge", "--out", str(tmp_path / "merged.txt"), str(package)],
        b"",
        monkeypatch,
        capsys,
    )
    assert "has no signature" in err  # --lang wins over the locale


def test_init_in_danish_says_what_the_recovery_code_is_for(
    tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run_cli(
        [
            "--lang",
            "da",
            "init",
            "--vault",
            str(tmp_path / "ny.redvan"),
            "--staff",
            "AB",
            "--passphrase-stdin",
        ],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0
    assert out.startswith(f"Boksen {tmp_path / 'ny.redvan'} er oprettet.\n")
    assert "GENDANNELSESKODE (vises kun denne ene gang):" in out
    assert "er dataene i boksen tabt for altid" in out
    assert not re.search(r"\b(the|vault|passphrase)\b", out)  # no English left
