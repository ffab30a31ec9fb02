"""`redvan backup --progress` and a migration's progress on standard error (V5, V6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli_input import run_cli
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_backup_progress_names_each_stage_and_ends_the_line(
    services, vault_path, monkeypatch, capsys
) -> None:
    services.store.vault.close(backup=False)
    code, out, err = run_cli(
        ["backup", "--progress", "--vault", str(vault_path), "--passphrase-stdin"],
        (PASSPHRASE + "\n").encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0 and "Backup written and verified" in out
    lines = [line.strip() for line in err.replace("\r", "\n").splitlines() if line.strip()]
    stages = [line.split(" ")[1] for line in lines if line.startswith("Backup:")]
    assert stages[0] == "copying" and "verifying" in stages and stages[-1] == "writing"
    assert lines[-1].endswith("(100 %)") and err.endswith("\n")
    # The manual backup counts: the exit makes no second generation of the same data.
    assert len(list((vault_path.parent / (vault_path.name + ".backups")).iterdir())) == 1


def test_without_progress_standard_error_stays_quiet(
    services, vault_path, monkeypatch, capsys
) -> None:
    services.store.vault.close(backup=False)
    code, _, err = run_cli(
        ["backup", "--vault", str(vault_path), "--passphrase-stdin"],
        (PASSPHRASE + "\n").encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")


def test_a_migration_shows_its_progress_with_the_backup_before_it(
    tmp_path, monkeypatch, capsys
) -> None:
    for suffix in ("", ".keys"):
        shutil.copyfile(FIXTURES / f"schema_v1.redvan{suffix}", tmp_path / f"v1.redvan{suffix}")
    code, _, err = run_cli(
        ["backup", "--progress", "--vault", str(tmp_path / "v1.redvan"), "--passphrase-stdin"],
        b"fixture passphrase v1\n",
        monkeypatch,
        capsys,
    )
    assert code == 0
    lines = [line.strip() for line in err.replace("\r", "\n").splitlines() if line.strip()]
    updating = [line for line in lines if line.startswith("Updating the vault")]
    assert updating and updating[-1].endswith("100 %")
    first_update = lines.index(updating[0])
    assert any(line.startswith("Backup: writing") for line in lines[:first_update])
