"""The command line as a coordinator's script uses it: real vaults, passphrases on stdin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from redvan import cli
from tests.cli_input import run_cli

PASS = "night shift passphrase"


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


def run(
    argv: list[str], stdin: bytes, monkeypatch: pytest.MonkeyPatch, capsys
) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run_cli(argv, stdin, monkeypatch, capsys)


@pytest.fixture
def vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / "van.redvan"
    code, out, _ = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0, out
    return path


def test_init_prints_the_recovery_code_once_and_says_what_losing_it_means(
    tmp_path, monkeypatch, capsys
) -> None:
    path = tmp_path / "new.redvan"
    code, out, err = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0 and err == ""
    assert "RECOVERY CODE" in out and "gone for good" in out
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"
    code, _, err = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and "already exists" in err and err.count("\n") == 1


def test_init_refuses_a_weak_passphrase(tmp_path, monkeypatch, capsys) -> None:
    code, _, err = run(
        ["init", "--vault", str(tmp_path / "w.redvan"), "--staff", "AB", "--passphrase-stdin"],
        b"short\n",
        monkeypatch,
        capsys,
    )
    assert code != 0 and "at least" in err and not (tmp_path / "w.redvan").exists()


def test_record_saves_a_good_file(vault, tmp_path, monkeypatch, capsys) -> None:
    data = tmp_path / "night.jsonl"
    data.write_text(
        json.dumps(
            {
                "time": "2026-11-20T22:15",
                "zone": "istedgade",
                "channel": "street",
                "code": "MAJA7",
                "services": {"condoms": 10, "conversation": 1},
                "referrals": [{"to": "reden", "status": "referred"}],
            }
        )
        + "\n"
        + json.dumps({"time": "2026-11-20T22:40"})
        + "\n",
        encoding="utf-8",
    )
    code, out, err = run(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "Saved 2 contacts (1 new person)" in out


def test_record_from_stdin_after_the_passphrase(vault, monkeypatch, capsys) -> None:
    lines = b'{"time": "2026-11-20T22:15"}\n{"time": "2026-11-20T22:16"}\n'
    code, out, err = run(
        ["record", "--vault", str(vault), "--passphrase-stdin", "-"],
        f"{PASS}\n".encode() + lines,
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "Saved 2 contacts" in out


def test_a_file_with_one_bad_line_is_refused_whole(vault, tmp_path, monkeypatch, capsys) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(
        '{"time": "2026-11-20T22:15", "code": "GOOD1"}\n'
        '{"time": "2026-11-20T22:16", "services": {"condoms": -3}}\n',
        encoding="utf-8",
    )
    code, _, err = run(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0
    assert err.startswith("redvan: Line 2, field 'services':") and err.count("\n") == 1
    # nothing of it was saved: the good first line is not there either
    code, out, _ = run(
        ["record", "--vault", str(vault), "--passphrase-stdin", "-"],
        f"{PASS}\n".encode() + b'{"time": "2026-11-20T22:15", "code": "GOOD1"}\n',
        monkeypatch,
        capsys,
    )
    assert code == 0 and "(1 new person)" in out


def test_programme_backup_check_restore(vault, tmp_path, monkeypatch, capsys) -> None:
    code, out, err = run(
        [
            "programme",
            "--vault",
            str(vault),
            "--passphrase-stdin",
            "--slug",
            "exit-2020",
            "--name",
            "EXIT 2020–2023",
            "--from",
            "2020-W01",
            "--to",
            "2023-W52",
            "--target",
            "465",
        ],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, ""), err
    assert "target 465" in out
    code, _, err = run(
        [
            "programme",
            "--vault",
            str(vault),
            "--passphrase-stdin",
            "--slug",
            "x",
            "--name",
            "X",
            "--from",
            "2020-W60",
            "--to",
            "2023-W52",
            "--target",
            "4",
        ],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and err.startswith("redvan: --from:")

    backup = tmp_path / "manual.rvbackup"
    code, out, err = run(
        ["backup", "--vault", str(vault), "--passphrase-stdin", "--out", str(backup)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "") and backup.exists()
    assert backup.stat().st_mode & 0o777 == 0o600

    code, out, err = run(
        ["check", "--vault", str(vault), "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "audit chain" in out and "FAIL" not in out

    target = tmp_path / "restored.redvan"
    code, out, err = run(
        ["restore", "--vault", str(target), "--from", str(backup), "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, ""), err
    code, out, err = run(
        ["check", "--vault", str(target), "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")


def test_wrong_passphrase_is_one_line_and_nonzero(vault, monkeypatch, capsys) -> None:
    before = vault.read_bytes()
    code, out, err = run(
        ["check", "--vault", str(vault), "--passphrase-stdin"],
        b"not the passphrase\n",
        monkeypatch,
        capsys,
    )
    assert code != 0 and out == ""
    assert err == "redvan: Wrong passphrase for staff member AB (1st attempt).\n"
    assert vault.read_bytes() == before


def test_several_staff_need_staff_name(vault, monkeypatch, capsys) -> None:
    code, _, err = run(
        ["check", "--vault", str(vault), "--staff", "ZZ", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and "known: AB" in err


def test_demo_makes_realistic_data(tmp_path, monkeypatch, capsys) -> None:
    path = tmp_path / "demo.redvan"
    code, out, err = run(
        ["demo", "--vault", str(path), "--weeks", "4", "--seed", "7", "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    assert "contacts" in out and "persons" in out


def test_no_traceback_for_a_missing_vault(tmp_path, monkeypatch, capsys) -> None:
    code, _, err = run(
        ["check", "--vault", str(tmp_path / "none.redvan"), "--passphrase-stdin"],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and "There is no vault" in err and "Traceback" not in err


def test_the_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "redvan.cli", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("redvan ")


def test_usage_errors_are_one_line(monkeypatch, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["record"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("redvan: ")


def test_staff_keys_from_the_command_line(vault, monkeypatch, capsys) -> None:
    second = "outreach passphrase mj"
    code, out, err = run(
        ["staff", "add", "--vault", str(vault), "--passphrase-stdin", "--name", "MJ"],
        f"{PASS}\n{second}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, ""), err
    code, out, err = run(
        ["staff", "list", "--vault", str(vault), "--passphrase-stdin", "--staff", "MJ"],
        f"{second}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 0 and "MJ" in out and "AB" in out
    code, _, err = run(
        [
            "staff",
            "revoke",
            "--vault",
            str(vault),
            "--passphrase-stdin",
            "--staff",
            "MJ",
            "--name",
            "AB",
        ],
        f"{second}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and "Only a coordinator" in err
    code, _, err = run(
        [
            "staff",
            "revoke",
            "--vault",
            str(vault),
            "--passphrase-stdin",
            "--staff",
            "AB",
            "--name",
            "MJ",
        ],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert (code, err) == (0, "")
    code, _, err = run(
        ["check", "--vault", str(vault), "--passphrase-stdin", "--staff", "MJ"],
        f"{second}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code != 0 and "known: AB" in err


def test_bare_redvan_and_gui_start_the_desktop_app(monkeypatch) -> None:
    import redvan.gui.app

    started = []
    monkeypatch.setattr(redvan.gui.app, "main", lambda vault: started.append(vault) or 0)
    assert cli.main([]) == 0
    assert cli.main(["gui", "--vault", "x.redvan"]) == 0
    assert started == [None, Path("x.redvan")]


def test_record_refuses_personal_data_in_a_referral_area(
    vault, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    """Issue 14: the area of a referral was stored verbatim, CPR and phone number included."""
    data = tmp_path / "night.jsonl"
    line = {
        "time": "2026-11-20T22:15",
        "zone": "istedgade",
        "channel": "street",
        "referrals": [{"to": "reden", "area": "Maja, cpr 010190-1234, tlf +45 22 33 44 55"}],
    }
    data.write_text(json.dumps(line) + "\n", encoding="utf-8")
    code, out, err = run(
        ["record", "--vault", str(vault), "--passphrase-stdin", str(data)],
        f"{PASS}\n".encode(),
        monkeypatch,
        capsys,
    )
    assert code == 1 and "personal data (cpr, phone)" in err and "referrals" in err, err
    assert "Saved" not in out
