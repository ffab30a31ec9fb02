"""`redvan export audit|dhis2` and `redvan verify`, with the standard tools: `minisign -V`
verifies what we sign and `age -d` decrypts what we encrypt. And a canary: nothing a person
typed, and no code or alias, reaches an audit bundle or a DHIS2 file."""

from __future__ import annotations

import io
import json
import secrets
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from redvan.core.services import Services
from redvan.storage.repository import VaultStore
from redvan.storage.vault import unlock
from tests.cli_input import run_cli


def _pdf_text() -> Any:
    """tests/pdftext.py's pdf_text, however pytest was started (it is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "_pdftext", Path(__file__).resolve().parents[1] / "pdftext.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.pdf_text


pdf_text = _pdf_text()

PASS = "night shift passphrase"
needs_tools = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("minisign", "age", "age-keygen")),
    reason="minisign and age are not installed",
)


pytestmark = pytest.mark.usefixtures("cli_fast_kdf")


@pytest.fixture(autouse=True)
def _no_user_trust(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The user's own trusted-devices file plays no part: only --pubkey counts."""
    from redvan.exchange import trust

    monkeypatch.setattr(trust, "trusted_keys_path", lambda: tmp_path / "no-trusted.pub")


def run(argv: list[str], monkeypatch, capsys) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    return run_cli(argv, f"{PASS}\n".encode(), monkeypatch, capsys)


def new_canary() -> str:
    """A fresh marker that is a valid code (some random hex looks like a phone number)."""
    from redvan.core.codes import CodeError, normalise_code
    from redvan.core.pii import find_pii

    while True:
        marker = "CANARY" + secrets.token_hex(6).upper()
        try:
            if normalise_code(marker) != marker:
                continue
        except CodeError:
            continue
        if not find_pii(f"Met {marker} at the van, coffee"):
            return marker


def forms(marker: str) -> list[bytes]:
    out = []
    for text in (marker, marker.lower(), f"{marker[:6]}-{marker[6:]}"):
        out += [text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be")]
    return out


@pytest.fixture
def vault(tmp_path: Path, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    """A vault whose every free-text, code and alias field holds the canary marker."""
    from redvan.core.enums import (
        ConsentTier,
        FollowUpStatus,
        FollowUpType,
        IncidentType,
        PoliceReport,
    )
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
    from redvan.exchange.signing import device_key

    path = tmp_path / "van.redvan"
    code, out, _ = run(
        ["init", "--vault", str(path), "--staff", "AB", "--passphrase-stdin"], monkeypatch, capsys
    )
    assert code == 0, out
    marker = new_canary()
    opened = unlock(path, PASS)
    services = Services(VaultStore(opened))
    start = datetime(2026, 11, 9, 21, 0)
    profile = services.create_profile(marker, at=start)
    for i in range(24):
        services.save_contact(
            ContactInput(
                time=start + timedelta(days=i % 13, minutes=i),
                zone="istedgade",
                channel="street",
                code=marker if i % 2 else None,
                age_band="25-34",
                gender="woman",
                services=(ServiceGiven("condoms", 2), ServiceGiven("conversation", 1)),
                referrals=(ReferralInput("reden", "attended", area=f"by {marker}"),)
                if i % 4 == 0
                else (),
                note=f"Met {marker} at the van, coffee",
            ),
            confirm_pii=True,
        )
    followup = services.add_followup(profile.id, FollowUpType.CALL_BACK, date(2026, 11, 18), None)
    services.close_followup(
        followup.id, FollowUpStatus.DONE, f"outcome {marker}", start, confirm_pii=True
    )
    services.record_incident(
        date(2026, 11, 12), "istedgade", [IncidentType.THREATS_HARASSMENT],
        ConsentTier.RECORD_ONLY, PoliceReport.NO, (), f"what happened to {marker}",
        confirm_pii=True,
    )  # fmt: skip
    with services.store.transaction():
        opened.conn.execute("UPDATE profile SET alias = ? WHERE id = ?", (marker, profile.id))
    pub = device_key(services.store).public
    opened.close(backup=False)
    keyfile = tmp_path / "device.pub"
    keyfile.write_text(pub.file_text(), encoding="utf-8")
    return path, marker, keyfile


def export(kind: str, vault_path: Path, out: Path, monkeypatch, capsys, *extra: str):  # type: ignore[no-untyped-def]
    return run(
        ["export", kind, "--vault", str(vault_path), "--passphrase-stdin",
         "--from", "2026-W46", "--to", "2026-W47", "--out", str(out), *extra],
        monkeypatch,
        capsys,
    )  # fmt: skip


def all_bytes_of_bundle(data: bytes, scratch: Path) -> list[tuple[str, bytes]]:
    """The file, every member decompressed, and the text of the PDF."""
    found = [("file", data)]
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            content = zf.read(name)
            found.append((name, content))
            if name.endswith(".pdf"):
                pdf = scratch / "report.pdf"
                pdf.write_bytes(content)
                found.append((f"{name} text", pdf_text(pdf).encode("utf-8")))
                pdf.unlink()
    return found


def test_canary_reaches_no_export(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    """Every file that leaves the vault: bundle, DHIS2, sync, merges, tallies, alert sheets."""
    path, marker, keyfile = vault
    bundle, dhis = tmp_path / "p.rvaudit", tmp_path / "p.dhis2.json"
    assert export("audit", path, bundle, monkeypatch, capsys)[0] == 0
    assert export("dhis2", path, dhis, monkeypatch, capsys)[0] == 0
    sync = tmp_path / "p.rvsync.json"
    assert export("sync", path, sync, monkeypatch, capsys)[0] == 0
    for kind in ("alerts", "police"):
        assert export(kind, path, tmp_path / f"{kind}.pdf", monkeypatch, capsys)[0] == 0
    outputs = [sync, dhis, tmp_path / "alerts.pdf", tmp_path / "police.pdf"]
    for fmt in ("text", "csv", "json", "pdf"):
        merged = tmp_path / f"merged.{fmt}"
        argv = ["merge", "--out", str(merged), "--format", fmt, "--pubkey", str(keyfile)]
        argv += ["--state", str(tmp_path / f"ledger-{fmt}.json"), str(sync)]
        assert run(argv, monkeypatch, capsys)[0] == 0
        tally = tmp_path / f"tally.{fmt}"
        argv = ["tally", "--vault", str(path), "--passphrase-stdin", "--week", "2026-W46"]
        argv += ["--to", "2026-W47", "--format", fmt, "--out", str(tally)]
        assert run(argv, monkeypatch, capsys)[0] == 0
        outputs += [merged, tally, tmp_path / f"ledger-{fmt}.json"]
    places = all_bytes_of_bundle(bundle.read_bytes(), tmp_path)
    for out in outputs:
        places.append((out.name, out.read_bytes()))
        if out.suffix == ".pdf":
            places.append((f"{out.name} text", pdf_text(out).encode("utf-8")))
    places += [(p.name, p.read_bytes()) for p in tmp_path.glob("*.minisig")]
    # The data really is in the vault (so finding nothing means something).
    opened = unlock(path, PASS)
    notes = opened.conn.execute("SELECT count(*) FROM contact WHERE note LIKE ?", (f"%{marker}%",))
    assert notes.fetchone()[0] == 24
    opened.close(backup=False)
    rows = json.loads(dict(places)["rows.json"])
    assert sum(len(w["rows"]) for w in rows["weeks"]) == 24  # the contacts are there
    hits = [(where, form) for where, data in places for form in forms(marker) if form in data]
    assert not hits, hits
    # The negative control: the scan does find a marker where one is.
    assert any(form in f"x{marker}y".encode() for form in forms(marker))


def test_export_verify_and_the_standard_tools(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    path, _, keyfile = vault
    bundle, dhis = tmp_path / "p.rvaudit", tmp_path / "p.dhis2.json"
    code, out, err = export("audit", path, bundle, monkeypatch, capsys)
    assert code == 0 and "Wrote the audit bundle" in out and "24 rows" in out, err
    code, out, err = export("dhis2", path, dhis, monkeypatch, capsys)
    assert code == 0 and "Wrote the DHIS2 data value set" in out, err
    assert json.loads(dhis.read_bytes())["dataValues"][0]["period"] == "2026W46"

    code, out, err = run(["verify", str(bundle), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 0, err
    assert "signature: valid, trusted" in out and "0 mismatch" in out
    assert out.rstrip().endswith("OK: signed by a trusted device and consistent.")
    assert "seq=1 period=2026-W46..2026-W47" in out
    code, out, err = run(["verify", str(dhis), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 0 and "DHIS2 data value set" in out and "seq=2" in out, err

    # Without the key: valid but untrusted, non-zero, one clear line.
    code, out, err = run(["verify", str(bundle)], monkeypatch, capsys)
    assert code == 1 and "not one of your trusted devices" in err and err.count("\n") == 1
    code, out, err = run(["verify", str(dhis)], monkeypatch, capsys)
    assert code == 1 and "whose public key is not known" in err

    if shutil.which("minisign"):
        for target in (bundle, dhis):
            done = subprocess.run(
                ["minisign", "-V", "-p", str(keyfile), "-m", str(target)],
                capture_output=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        for target in (bundle, dhis):
            data = bytearray(target.read_bytes())
            data[len(data) // 3] ^= 0x20
            flipped = tmp_path / f"flipped-{target.name}"
            flipped.write_bytes(bytes(data))
            shutil.copy(f"{target}.minisig", f"{flipped}.minisig")
            done = subprocess.run(
                ["minisign", "-V", "-p", str(keyfile), "-m", str(flipped)],
                capture_output=True,
                check=False,
            )
            assert done.returncode != 0
            code, _, err = run(
                ["verify", str(flipped), "--pubkey", str(keyfile)], monkeypatch, capsys
            )
            assert code == 1 and err.startswith("redvan: ") and err.count("\n") == 1, err

    # No signature beside it.
    lonely = tmp_path / "lonely.rvaudit"
    shutil.copy(bundle, lonely)
    code, _, err = run(["verify", str(lonely), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 1 and "no signature" in err


@needs_tools
def test_an_encrypted_bundle_for_age_and_for_verify(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    path, _, keyfile = vault
    identity = tmp_path / "coordinator.key"
    subprocess.run(["age-keygen", "-o", str(identity)], capture_output=True, check=True)
    recipient = next(
        line.split(": ", 1)[1]
        for line in identity.read_text().splitlines()
        if line.startswith("# public key: ")
    )
    bundle = tmp_path / "sealed.rvaudit"
    code, out, err = export("audit", path, bundle, monkeypatch, capsys, "--recipient", recipient)
    assert code == 0 and "encrypted" in out, err
    assert bundle.read_bytes().startswith(b"age-encryption.org/v1")
    done = subprocess.run(
        ["minisign", "-V", "-p", str(keyfile), "-m", str(bundle)], capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    plain = subprocess.run(
        ["age", "-d", "-i", str(identity), str(bundle)], capture_output=True, check=True
    ).stdout
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        assert zf.namelist()[0] == "manifest.json"
    # verify without the identity checks the signature only, and says so
    code, out, err = run(["verify", str(bundle), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 0 and "encrypted; not checked" in out, err
    code, out, err = run(
        ["verify", str(bundle), "--pubkey", str(keyfile), "--identity", str(identity)],
        monkeypatch,
        capsys,
    )
    assert code == 0 and "0 mismatch" in out, err
    # and the DHIS2 file, encrypted, decrypts to the data value set
    dhis = tmp_path / "sealed.dhis2.json"
    assert export("dhis2", path, dhis, monkeypatch, capsys, "--recipient", recipient)[0] == 0
    plain = subprocess.run(
        ["age", "-d", "-i", str(identity), str(dhis)], capture_output=True, check=True
    ).stdout
    assert "dataValues" in json.loads(plain)


def test_clear_errors(vault, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    path, _, _ = vault
    out = tmp_path / "x.rvaudit"
    code, _, err = export("audit", path, out, monkeypatch, capsys, "--recipient", "age1nope")
    assert code == 1 and "age public key" in err and err.count("\n") == 1
    assert not out.exists()
    bad = tmp_path / "mapping.json"
    bad.write_text('{"format": "redvan-dhis2-mapping"}', encoding="utf-8")
    code, _, err = export("dhis2", path, tmp_path / "d.json", monkeypatch, capsys,
                          "--mapping", str(bad))  # fmt: skip
    assert code == 1 and "mapping" in err and err.count("\n") == 1, err
    code, _, err = run(["verify", str(tmp_path / "missing.rvaudit")], monkeypatch, capsys)
    assert code == 1 and err.count("\n") == 1, err
    code, _, err = run(["verify", str(out), "--pubkey", "RWnotakey"], monkeypatch, capsys)
    assert code == 1 and err.count("\n") == 1, err


def test_sequence_is_shared_by_audit_and_dhis2(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    path, _, _ = vault
    outs = [tmp_path / "a.rvaudit", tmp_path / "b.json", tmp_path / "c.rvaudit"]
    kinds = ["audit", "dhis2", "audit"]
    for kind, out in zip(kinds, outs, strict=True):
        assert export(kind, path, out, monkeypatch, capsys)[0] == 0
    comments = [Path(f"{o}.minisig").read_text().splitlines()[2] for o in outs]
    assert [c.split(" seq=")[1].split()[0] for c in comments] == ["1", "2", "3"]


def test_verify_a_sync_package(vault, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from redvan.cli import EXPORTS

    if "sync" not in EXPORTS:
        pytest.skip("this version cannot write sync packages")
    path, _, keyfile = vault
    package = tmp_path / "w.rvsync.json"
    assert export("sync", path, package, monkeypatch, capsys)[0] == 0
    code, out, err = run(["verify", str(package), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 0 and "sync package" in out and "redvan-sync device=" in out, err
    package.write_bytes(package.read_bytes() + b" ")
    code, out, err = run(["verify", str(package), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 1 and "changed after it was signed" in err and err.count("\n") == 1, err


def test_a_tampered_file_with_the_key_given_is_invalid_not_untrusted(  # type: ignore[no-untyped-def]
    vault, tmp_path, monkeypatch, capsys
) -> None:
    """Issue 15, item 11: `verify --pubkey` on a changed file said "INVALID, NOT trusted"
    although the key was given: the fault is the file's, not the key's."""
    path, _, keyfile = vault
    bundle = tmp_path / "p.rvaudit"
    code, out, err = export("audit", path, bundle, monkeypatch, capsys)
    assert code == 0, err
    data = bytearray(bundle.read_bytes())
    data[len(data) // 3] ^= 0x20
    flipped = tmp_path / "flipped.rvaudit"
    flipped.write_bytes(bytes(data))
    shutil.copy(f"{bundle}.minisig", f"{flipped}.minisig")
    code, out, err = run(["verify", str(flipped), "--pubkey", str(keyfile)], monkeypatch, capsys)
    assert code == 1
    assert "NOT trusted" not in out + err
    assert "signature: INVALID for the key of device" in out
    assert "changed after signing" in out
    assert out.rstrip().endswith("NOT OK")
