"""`redvan device`, `redvan export sync` and `redvan merge`, checked with the real minisign and
age tools (X1–X3): what a coordinator's script sees, exit codes included."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest

from redvan import cli
from redvan.core.model import ContactInput, ServiceGiven
from redvan.core.services import Services
from redvan.exchange import sync
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests.cli_input import run_cli

PASS = "night shift passphrase"
needs_minisign = pytest.mark.skipif(
    shutil.which("minisign") is None, reason="the minisign tool is not installed"
)
needs_age = pytest.mark.skipif(
    shutil.which("age") is None or shutil.which("age-keygen") is None,
    reason="the age tools are not installed",
)


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch, cli_fast_kdf: None, tmp_path: Path) -> None:
    # Never read the real trusted-devices file of whoever runs the tests.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def run(argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run_cli(argv, f"{PASS}\n".encode(), monkeypatch, capsys)


def make_vault(path: Path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"], monkeypatch, capsys
    )
    assert code == 0, out
    opened = unlock(path, PASS)
    services = Services(VaultStore(opened))
    for day, code_ in [(10, "MAJA7"), (12, None), (18, "LIV22"), (24, "MAJA7")]:
        services.save_contact(
            ContactInput(
                time=datetime(2026, 11, day, 22),
                zone="istedgade",
                code=code_,
                services=(ServiceGiven("condoms", 5),),
            )
        )
    opened.close(backup=False)
    return path


@pytest.fixture
def vault(tmp_path: Path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    return make_vault(tmp_path / "van.redvan", monkeypatch, capsys)


def export(vault: Path, out: Path, first: str, last: str, monkeypatch, capsys, *extra: str):  # type: ignore[no-untyped-def]
    return run(
        ["export", "sync", "--vault", str(vault), "--passphrase-stdin", "--from", first,
         "--to", last, "--out", str(out), *extra],
        monkeypatch, capsys,
    )  # fmt: skip


def pubkey(vault: Path, tmp_path: Path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    code, out, err = run(
        ["device", "--vault", str(vault), "--passphrase-stdin", "--pubkey"], monkeypatch, capsys
    )
    assert code == 0, err
    path = tmp_path / f"{vault.stem}.pub"
    path.write_text(out, encoding="utf-8")
    return path


@needs_minisign
def test_minisign_verifies_a_package_and_rejects_a_flipped_byte(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    pub = pubkey(vault, tmp_path, monkeypatch, capsys)
    assert pub.read_text().startswith("untrusted comment: redvan device ")
    out = tmp_path / "van.rvsync.json"
    code, said, err = export(vault, out, "2026-W46", "2026-W48", monkeypatch, capsys)
    assert code == 0, err
    assert "sequence 1" in said and "3 weeks" in said
    ok = subprocess.run(
        ["minisign", "-V", "-p", str(pub), "-m", str(out)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert "redvan-sync device=" in ok.stdout and "seq=1 period=2026-W46..2026-W48" in ok.stdout
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    out.write_bytes(bytes(data))
    bad = subprocess.run(
        ["minisign", "-V", "-p", str(pub), "-m", str(out)], capture_output=True, text=True
    )
    assert bad.returncode != 0


@needs_age
@needs_minisign
def test_age_decrypts_an_encrypted_package_to_valid_json(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    identity = tmp_path / "id.txt"
    subprocess.run(["age-keygen", "-o", str(identity)], check=True, capture_output=True)
    recipient = next(
        line.split(": ", 1)[1]
        for line in identity.read_text().splitlines()
        if line.startswith("# public key: ")
    )
    out = tmp_path / "van.rvsync.age"
    code, said, err = export(
        vault, out, "2026-W46", "2026-W48", monkeypatch, capsys, "--recipient", recipient
    )
    assert code == 0, err
    assert "encrypted sync package" in said
    pub = pubkey(vault, tmp_path, monkeypatch, capsys)
    signed = subprocess.run(["minisign", "-V", "-p", str(pub), "-m", str(out)], capture_output=True)
    assert signed.returncode == 0  # the ciphertext is what is signed
    plain = subprocess.run(
        ["age", "-d", "-i", str(identity), str(out)], check=True, capture_output=True
    ).stdout
    document = json.loads(plain)
    jsonschema.validate(document, sync.schema())
    assert document["period"] == {"first": "2026-W46", "last": "2026-W48"}
    # redvan merge reads it with the same identity.
    merged = tmp_path / "merged.json"
    code, said, err = run(
        ["merge", "--out", str(merged), "--format", "json", "--pubkey", str(pub),
         "--identity", str(identity), str(out)],
        monkeypatch, capsys,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(merged.read_text())["totals"]["contacts"]["count"] == 4


def test_merge_exit_codes_replays_and_reimports(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    pub = pubkey(vault, tmp_path, monkeypatch, capsys)
    files = {}
    for name, first, last in [
        ("s1", "2026-W46", "2026-W48"),
        ("s2", "2026-W48", "2026-W48"),
        ("s3", "2026-W47", "2026-W47"),
        ("s4", "2026-W47", "2026-W47"),
    ]:
        files[name] = tmp_path / f"{name}.rvsync.json"
        code, _, err = export(vault, files[name], first, last, monkeypatch, capsys)
        assert code == 0, err
    state, out = tmp_path / "ledger.json", tmp_path / "merged.txt"

    def merge(*names: str, extra: tuple[str, ...] = ()) -> tuple[int, str, str]:
        return run(
            ["merge", "--out", str(out), "--state", str(state), "--pubkey", str(pub), *extra,
             *(str(files[n]) if n in files else n for n in names)],
            monkeypatch, capsys,
        )  # fmt: skip

    code, said, err = merge("s1", "s2")
    assert code == 0, err
    assert "Merged 2 new packages" in said
    first_text = out.read_text()
    assert "Contacts" in first_text and "between 1 and 3" in first_text
    code, said, err = merge("s2", "s1")
    assert code == 0 and "2 already merged" in said
    assert out.read_text() == first_text
    code, said, err = merge("s4")
    assert code == 0 and "Merged 1 new package" in said
    code, said, err = merge("s3")
    assert code == cli.EXIT_PARTIAL
    assert "refused as a replay" in err and "older than sequence 4" in err
    assert out.exists()
    garbage = tmp_path / "junk.rvsync.json"
    garbage.write_bytes(b"\x00not json")
    code, said, err = merge("s1", str(garbage))
    assert code == cli.EXIT_PARTIAL and "no signature" in err
    assert "Traceback" not in err


def test_merge_refuses_untrusted_and_says_whose(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "s1.rvsync.json"
    assert export(vault, out, "2026-W46", "2026-W48", monkeypatch, capsys)[0] == 0
    code, _, err = run(["merge", "--out", str(tmp_path / "m.txt"), str(out)], monkeypatch, capsys)
    assert code == cli.EXIT_FAIL
    assert "not among your trusted devices" in err and "Nothing to merge" in err
    assert not (tmp_path / "m.txt").exists()


def test_merge_of_two_devices_in_every_format(
    vault: Path, tmp_path: Path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    other = make_vault(tmp_path / "other.redvan", monkeypatch, capsys)
    paths, keys = [], []
    for v in (vault, other):
        keys += ["--pubkey", str(pubkey(v, tmp_path, monkeypatch, capsys))]
        paths.append(str(tmp_path / f"{v.stem}.rvsync.json"))
        assert export(v, Path(paths[-1]), "2026-W46", "2026-W48", monkeypatch, capsys)[0] == 0
    for fmt in ("text", "csv", "json", "pdf"):
        out = tmp_path / f"merged.{fmt}"
        code, _, err = run(
            ["merge", "--out", str(out), "--format", fmt, *keys, *paths], monkeypatch, capsys
        )
        assert code == 0, err
        assert out.stat().st_mode & 0o777 == 0o600
    document = json.loads((tmp_path / "merged.json").read_text())
    assert document["merge"]["persons"] == {"low": 2, "high": 4}
    assert document["totals"]["contacts"]["count"] == 8
    assert "between 2 and 4" in (tmp_path / "merged.text").read_text()
    csv_text = (tmp_path / "merged.csv").read_text(encoding="utf-8-sig")
    assert '"merge","persons-low"' in csv_text and '"<5"' not in csv_text
