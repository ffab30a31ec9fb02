"""T2 (SPEC §11, P1/P2): canary scan. A unique marker goes into every field a person's words or
code reach, and must then appear nowhere in plaintext.

The marker ("CANARY" + 12 random hex characters, a valid person code) is used as a person's
code (create_profile and ContactInput.code), in a contact note, a referral area, a follow-up
outcome, an incident description, a form draft and a contact that is then undone. A second
marker is the code (and note) of a JSON Lines file taken in by the CLI's `record` (and of a
bad file it refuses), with logging set up at DEBUG into the per-test REDVAN_LOG_DIR. Backups are
written (automatic_backup, write_backup, the lock and exit backups and `redvan backup`), the
vault is locked and unlocked, restored from its newest backup with `redvan restore` (which
keeps the replaced vault beside it), and one wrong passphrase leaves a .attempts file.

Then every form of both markers (ASCII, UTF-16-LE/BE; upper and lower case) is searched for,
as bytes, in: the vault, -wal and -shm (while open and after closing), .keys, .attempts, .lock,
the backups, every file under the test's tmp_path (the user's JSONL files deleted first: they
are not ours), the log folder, every file created or changed during the test in
tempfile.gettempdir() and in /var/tmp (where SQLite looks first), every regular file the
process holds open (deleted temp files included), the terminal output and the error messages
shown. A negative control proves the scanner finds a planted marker in each of those shapes
and places.
"""

from __future__ import annotations

import io
import json
import logging
import os
import secrets
import sys
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from _support import (
    PASSPHRASE,
    Hit,
    changed_since,
    marker_forms,
    scan_bytes,
    scan_file,
    scan_open_files,
    scan_paths,
    services_for,
    snapshot,
)

HEX = "0123456789ABCDEF"


def new_canary() -> str:
    """A fresh marker that is a valid code and that the PII guard leaves alone in a note."""
    from redvan.core.codes import CodeError, normalise_code
    from redvan.core.pii import find_pii

    while True:
        marker = "CANARY" + "".join(secrets.choice(HEX) for _ in range(12))
        try:
            if normalise_code(marker) != marker:
                continue
        except CodeError:
            continue
        if not find_pii(f"met {marker} again, coffee"):
            return marker


def temp_roots() -> list[Path]:
    """Python's temp folder, and /var/tmp, which SQLite tries first for its temp files."""
    roots = [Path(tempfile.gettempdir())]
    for extra in (os.environ.get("SQLITE_TMPDIR"), "/var/tmp"):
        if extra and Path(extra).is_dir() and Path(extra) not in roots:
            roots.append(Path(extra))
    return roots


def side_files(vault_path: Path) -> list[Path]:
    return [vault_path.with_name(vault_path.name + s) for s in ("", "-wal", "-shm")]


@pytest.fixture
def debug_logging() -> Iterator[Path]:
    """redvan's own logging setup, fresh for this test, at DEBUG, into REDVAN_LOG_DIR."""
    from redvan.logs import setup_logging

    root = logging.getLogger("redvan")
    saved = (root.handlers[:], root.level, root.propagate, root.__dict__.get("_redvan_configured"))
    for handler in saved[0]:
        root.removeHandler(handler)
    root.__dict__.pop("_redvan_configured", None)
    path = setup_logging(logging.DEBUG)
    assert path is not None, "logging could not be set up"
    assert path.parent == Path(os.environ["REDVAN_LOG_DIR"])
    try:
        yield path
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
            handler.close()
        handlers, level, propagate, configured = saved
        for handler in handlers:
            root.addHandler(handler)
        root.setLevel(level)
        root.propagate = propagate
        root.__dict__.pop("_redvan_configured", None)
        if configured is not None:
            root._redvan_configured = configured  # type: ignore[attr-defined]


def run_cli(monkeypatch: pytest.MonkeyPatch, *argv: str) -> int:
    from redvan.cli import main

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PASSPHRASE.encode() + b"\n")))
    return main(list(argv))


def test_canary_appears_nowhere_in_plaintext(
    services,  # type: ignore[no-untyped-def]
    vault_path: Path,
    tmp_path: Path,
    debug_logging: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    from redvan.core.enums import (
        ConsentTier,
        FollowUpStatus,
        FollowUpType,
        IncidentType,
        PoliceReport,
    )
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
    from redvan.core.services import CodeTaken, PiiWarning
    from redvan.storage.backup import automatic_backup, list_backups, write_backup
    from redvan.storage.errors import WrongPassphrase
    from redvan.storage.vault import attempts_path, backups_dir, lock_path, unlock

    marker, marker2 = new_canary(), new_canary()
    forms = {f"marker1 {k}": v for k, v in marker_forms(marker).items()}
    forms |= {f"marker2 {k}": v for k, v in marker_forms(marker2).items()}
    before = {root: snapshot(root) for root in temp_roots()}
    hits: list[Hit] = []
    shown: list[str] = []  # messages a person would see
    vault = services.store.vault
    at = datetime(2026, 11, 20, 22, 15)

    # -- the first marker, through the services, in every field a person's words reach --
    profile = services.create_profile(marker, at=at)
    with pytest.raises(CodeTaken) as taken:
        services.create_profile(marker.lower())
    shown.append(str(taken.value))
    saved = services.save_contact(
        ContactInput(
            time=at,
            zone="istedgade",
            channel="street",
            code=f"{marker[:6]}-{marker[6:]}".lower(),  # the same code, typed differently
            services=(ServiceGiven("condoms", 10), ServiceGiven("conversation", 1)),
            referrals=(ReferralInput("reden", "referred", area=f"near {marker}"),),
            note=f"Met {marker} at the van, coffee and a talk",
        ),
        confirm_pii=True,
    )
    assert saved.profile_id == profile.id, "the code did not find its person"
    with pytest.raises(PiiWarning) as warned:
        services.save_contact(ContactInput(time=at, note=f"{marker} phone 22 33 44 55"))
    shown.append(str(warned.value))
    undone = services.save_contact(
        ContactInput(time=at, code=marker, note=f"undo me {marker}"), confirm_pii=True
    )
    services.undo_contact(undone)
    followup = services.add_followup(profile.id, FollowUpType.CALL_BACK, date(2026, 11, 27), None)
    services.close_followup(
        followup.id, FollowUpStatus.DONE, f"outcome for {marker}", at, confirm_pii=True
    )
    incident = services.record_incident(
        date(2026, 11, 20),
        "istedgade",
        [IncidentType.THREATS_HARASSMENT],
        ConsentTier.RECORD_ONLY,
        PoliceReport.NO,
        ("conversation",),
        f"description of what happened to {marker}",
        confirm_pii=True,
    )
    with services.store.transaction():
        services.store.save_draft(
            "contact-form", json.dumps({"code": marker, "note": f"draft {marker}"})
        )

    # While open: the vault, its WAL and SHM, and every file this process holds open.
    for path in side_files(vault_path):
        assert path.exists(), f"{path.name} should exist while the vault is open"
        hits += scan_file(path, forms, f"{path.name} (open)")
    hits += scan_open_files(forms)[0]

    auto = automatic_backup(vault, "manual")
    exported = write_backup(vault, tmp_path / "exports" / "manual.rvbackup", "manual")
    for path in side_files(vault_path):
        hits += scan_file(path, forms, f"{path.name} (open, after backups)")
    hits += scan_open_files(forms)[0]
    vault.close(backup=True, reason="lock")

    # The data really is there (so finding nothing means something): unlock and read it back.
    vault = unlock(vault_path, PASSPHRASE)
    again = services_for(vault)
    found = again.find_by_code(marker)
    assert found is not None and found.id == profile.id
    assert again.store.contact_by_id(saved.contact_id).note.endswith("coffee and a talk")
    assert marker in again.store.contact_by_id(saved.contact_id).note
    row = vault.conn.execute(
        "SELECT (SELECT outcome FROM followup WHERE id = ?), "
        "(SELECT description FROM incident WHERE id = ?), "
        "(SELECT area FROM referral WHERE contact_id = ?)",
        (followup.id, incident.id, saved.contact_id),
    ).fetchone()
    assert all(marker in text for text in row), row
    assert marker in again.store.load_draft("contact-form")
    hits += scan_open_files(forms)[0]
    vault.close(backup=True, reason="exit")

    # -- the second marker, through the command line, with logging set up --
    intake = tmp_path / "intake.jsonl"
    line = {
        "time": "2026-11-20T23:05",
        "zone": "istedgade",
        "channel": "street",
        "code": marker2,
        "age_band": "25-34",
        "services": {"condoms": 5},
        "referrals": [{"to": "reden", "status": "referred", "area": f"by {marker2}"}],
        "note": f"met {marker2} again, coffee",
    }
    intake.write_text(json.dumps(line) + "\n", encoding="utf-8")
    args = ("--vault", str(vault_path), "--passphrase-stdin")
    assert run_cli(monkeypatch, "record", *args, str(intake)) == 0
    # Refused files: a note that looks like personal data, and a code that is not valid.
    refused = [tmp_path / "refused-note.jsonl", tmp_path / "refused-code.jsonl"]
    bad = [
        dict(line, code=marker2.lower(), note=f"{marker2} ring 22 33 44 55"),
        dict(line, code=f"{marker2}!"),
    ]
    for path, obj in zip(refused, bad, strict=True):
        path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
        assert run_cli(monkeypatch, "record", *args, str(path)) == 1
    assert run_cli(monkeypatch, "backup", *args) == 0
    assert run_cli(monkeypatch, "check", *args) == 0
    newest = list_backups(vault_path)[0]
    assert run_cli(monkeypatch, "restore", *args, "--from", str(newest)) == 0
    out = capfd.readouterr()
    assert "Saved 1 contact (1 new person)" in out.out, out
    assert "The vault it replaced was kept in" in out.out, out
    assert "Line 1, field 'note'" in out.err and "Line 1, field 'code'" in out.err, out.err
    shown += [out.out, out.err]

    vault = unlock(vault_path, PASSPHRASE)
    assert services_for(vault).find_by_code(marker2) is not None
    vault.close(backup=False)
    with pytest.raises(WrongPassphrase) as wrong:
        unlock(vault_path, "not the passphrase")
    shown.append(str(wrong.value))

    # The JSONL files are the user's own input, not something the app wrote: remove them.
    for path in (intake, *refused):
        path.unlink()

    # -- after closing: everything the app may have written --
    keys = vault_path.with_name(vault_path.name + ".keys")
    must_exist = [vault_path, keys, attempts_path(vault_path), lock_path(vault_path), auto]
    must_exist += [exported, debug_logging]
    for path in must_exist:
        assert path.exists(), f"{path} should exist for the scan to mean something"
    assert len(list_backups(vault_path)) >= 3, list_backups(vault_path)
    log_text = debug_logging.read_text("utf-8")
    assert "backup written" in log_text and "unlocked vault" in log_text, log_text

    places = [*side_files(vault_path), keys, attempts_path(vault_path), lock_path(vault_path)]
    places += [backups_dir(vault_path), tmp_path, debug_logging.parent]
    found_hits, files_read = scan_paths(places, forms)
    hits += found_hits
    assert files_read >= 10, files_read
    changed = [p for root, old in before.items() for p in changed_since(old, snapshot(root))]
    assert any(p.is_relative_to(tmp_path) for p in changed), "the temp-dir snapshot saw nothing"
    hits += scan_paths(changed, forms)[0]
    hits += scan_open_files(forms)[0]
    for text in shown:
        hits += scan_bytes(text.encode("utf-8"), forms, "a message shown to the user")
        hits += scan_bytes(text.encode("utf-16-le"), forms, "a message shown to the user")
    final = capfd.readouterr()
    hits += scan_bytes((final.out + final.err).encode("utf-8"), forms, "terminal output")

    assert not hits, "the canary leaked:\n" + "\n".join(sorted({str(h) for h in hits}))


# -- the negative control: the scanner does find the marker when it is there ----------------


def test_scanner_finds_a_planted_marker_everywhere_it_looks(tmp_path: Path) -> None:
    marker = new_canary()
    forms = marker_forms(marker)
    tmp_root = Path(tempfile.gettempdir())
    before = snapshot(tmp_root)

    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    planted = {
        "ascii/upper": nested / "ascii.bin",
        "ascii/lower": nested / "lower.bin",
        "utf-16-le/upper": nested / "utf16.bin",
        "utf-16-le/lower": nested / "utf16-lower.bin",
        "utf-16-be/upper": nested / "utf16be.bin",
    }
    (nested / "ascii.bin").write_bytes(b"\x00junk" + marker.encode() + b"junk")
    (nested / "lower.bin").write_bytes(marker.lower().encode())
    (nested / "utf16.bin").write_bytes(b"\xff\xfe" + f"x {marker} y".encode("utf-16-le"))
    (nested / "utf16-lower.bin").write_bytes(marker.lower().encode("utf-16-le"))
    (nested / "utf16be.bin").write_bytes(marker.encode("utf-16-be"))
    # Across the edge between two read blocks.
    edge = nested / "edge.bin"
    edge.write_bytes(b"\0" * ((1 << 20) - 5) + marker.encode() + b"\0" * 100)
    planted["edge"] = edge
    clean = nested / "clean.bin"
    clean.write_bytes(marker[:-1].encode() + b" " + marker[1:].encode())

    hits, files_read = scan_paths([tmp_path], forms)
    assert files_read == len(planted) + 1
    by_file = {Path(h.where).name: h.form for h in hits}
    for form, path in planted.items():
        assert path.name in by_file, f"the scanner missed {form} in {path.name}"
        if form != "edge":
            assert form in {h.form for h in hits if Path(h.where) == path}
    assert clean.name not in by_file, "a near miss was reported as a hit"

    # In a plaintext (keyless) database and its WAL: the shape a leak in the vault would take.
    import sqlcipher3

    plain = tmp_path / "plain.db"
    conn = sqlcipher3.connect(str(plain))
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE t (note TEXT)")
        conn.execute("INSERT INTO t VALUES (?)", (f"note {marker}",))
        conn.commit()
        wal = plain.with_name("plain.db-wal")
        assert scan_file(wal, forms), "the scanner missed the marker in a WAL"
    finally:
        conn.close()
    assert scan_file(plain, forms), "the scanner missed the marker in a database page"

    # In a file created in the temp folder during the test, found by the before/after listing.
    fd, name = tempfile.mkstemp(prefix="redvan-control-")
    try:
        os.write(fd, marker.encode("utf-16-le"))
        os.close(fd)
        changed = changed_since(before, snapshot(tmp_root))
        assert Path(name) in changed, "the temp-folder listing missed a new file"
        assert scan_paths(changed, forms)[0], "the scanner missed the marker in the temp folder"
    finally:
        os.unlink(name)

    # In a deleted temp file this process still holds open.
    with tempfile.TemporaryFile() as hidden:
        hidden.write(b"..." + marker.lower().encode())
        hidden.flush()
        open_hits, open_read = scan_open_files(forms)
        assert open_read >= 1
        assert any(h.form == "ascii/lower" for h in open_hits), "missed an open deleted file"

    # In text shown to the user.
    assert scan_bytes(f"redvan: {marker}".encode(), forms, "message")
