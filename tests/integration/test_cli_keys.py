"""`redvan init` and `redvan staff …` as a coordinator uses them (V11, V12): weak passphrases
refused, revocation that changes the key with progress shown, backups under an earlier key."""

from __future__ import annotations

import shutil

import pytest

from redvan.storage import keyslots
from tests.cli_input import run_cli
from tests.unit.test_passphrase import ISSUE_EXAMPLES  # the weak passphrases of issue 13

PASS = "night shift passphrase"
CD_PASS = "quiet meadow tractor ninety"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


@pytest.mark.parametrize("weak", ISSUE_EXAMPLES)
def test_init_refuses_every_weak_example(weak, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "van.redvan"
    argv = ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"]
    code, out, err = run_cli(argv, f"{weak}\n".encode(), monkeypatch, capsys)
    assert code != 0 and not path.exists()
    assert err.startswith("redvan: That passphrase is too easy to guess: ")
    assert weak not in err and len(err.splitlines()) == 1


def test_revoke_changes_the_key_with_progress_and_the_old_key_file_is_refused(
    tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    from redvan import cli

    monkeypatch.setattr(cli.RotationProgress, "interactive", True)  # as on a terminal
    path = tmp_path / "van.redvan"
    run_cli(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    code, out, err = run_cli(
        ["staff", "add", "--vault", str(path), "--name", "CD", "--passphrase-stdin"],
        f"{PASS}\n{CD_PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    kept = tmp_path / "cd.keys"
    shutil.copy(keyslots.keyfile_path(path), kept)
    base = ["--vault", str(path), "--passphrase-stdin"]
    code, out, err = run_cli(
        ["backup", *base, "--staff", "AB"], f"{PASS}\n".encode(), monkeypatch, capsys
    )
    assert code == 0, err
    code, out, err = run_cli(
        ["staff", "revoke", "--name", "CD", *base, "--staff", "AB"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, err
    assert "CD can no longer unlock this vault" in out and "generation 1" in out
    for words in ("Writing the vault under a new key", "Checking the new copy", "100%"):
        assert words in err
    code, out, err = run_cli(["backup", "--vault", str(path), "--list"], b"", monkeypatch, capsys)
    assert code == 0
    lines = out.splitlines()
    assert any("EARLIER KEY (generation 0)" in line for line in lines)
    assert any(line.endswith("current key") for line in lines)  # the backup made at exit

    shutil.copy(kept, keyslots.keyfile_path(path))
    code, out, err = run_cli(
        ["check", *base, "--staff", "CD"], f"{CD_PASS}\n".encode(), monkeypatch, capsys
    )
    assert code != 0 and "old one" in err and "generation 0" in err

    code, out, err = run_cli(
        ["backup", *base, "--staff", "CD", "--destroy-earlier"],
        f"{CD_PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0  # the old key file opens nothing, so it cannot destroy anything either
