"""T5 scenarios on a small, nearly full filesystem. Run in-process by test_t5_disk_full.py
when it can mount a tmpfs itself, or as a script inside `unshare --user --map-root-user
--mount` (which mounts the tmpfs first):

    python _disk_full.py SCENARIO DISK_DIR

Every scenario only uses files under DISK_DIR and fails with an AssertionError.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _support import (  # noqa: E402
    PASSPHRASE,
    audited_contact_ids,
    contact_ids,
    health,
    new_vault,
    services_for,
)

TMPFS_SIZE = "6m"
# What the filler leaves free on the vault's disk: room for a few saves, not for many.
HEADROOM = 400 * 1024
START = datetime(2026, 11, 20, 21, 0)


def free_bytes(disk: Path) -> int:
    st = os.statvfs(disk)
    return st.f_bavail * st.f_frsize


def write_filler(disk: Path, leave: int = 0) -> Path:
    """A file of zeros (really written, not sparse) leaving about `leave` bytes free;
    with leave=0 it is written until the disk reports ENOSPC."""
    filler = disk / "filler.bin"
    want = free_bytes(disk) - leave if leave else None
    block = b"\0" * 65536
    with open(filler, "ab", buffering=0) as fh:
        try:
            while want is None or want > 0:
                written = fh.write(block if want is None else block[: min(len(block), want)])
                if want is not None:
                    want -= written
        except OSError as exc:
            if exc.errno != errno.ENOSPC or want is not None:
                raise
    return filler


def contact(n: int) -> Any:
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven

    return ContactInput(
        time=START + timedelta(minutes=n),
        zone="istedgade",
        channel="street",
        code=f"FULL{n % 7:03d}D",
        services=(ServiceGiven("condoms", 5), ServiceGiven("coffee-food", 1)),
        referrals=(ReferralInput("reden", "referred"),),
        note=f"contact {n}: coffee, a long talk about housing and the winter shelter. " * 30,
    )


def _assert_consistent(vault: Any, expected: list[str], where: str) -> None:
    present = contact_ids(vault)
    assert present == set(expected), (
        f"{where}: lost {sorted(set(expected) - present)[:3]}, "
        f"unexpected (half-saved?) {sorted(present - set(expected))[:3]}"
    )
    audited = audited_contact_ids(vault)
    assert audited == present, f"{where}: audit events and contacts disagree"
    loose = vault.conn.execute(
        "SELECT (SELECT count(*) FROM contact c WHERE NOT EXISTS "
        "  (SELECT 1 FROM contact_service s WHERE s.contact_id = c.id)), "
        "(SELECT count(*) FROM contact_service s WHERE NOT EXISTS "
        "  (SELECT 1 FROM contact c WHERE c.id = s.contact_id)), "
        "(SELECT count(*) FROM referral r WHERE NOT EXISTS "
        "  (SELECT 1 FROM contact c WHERE c.id = r.contact_id))"
    ).fetchone()
    assert tuple(loose) == (0, 0, 0), f"{where}: half-saved rows {tuple(loose)}"


def save_until_full(disk: Path) -> dict[str, Any]:
    """Save contacts until the disk is full; the failure is clear, nothing committed is lost."""
    from redvan.storage.backup import list_backups
    from redvan.storage.errors import DiskFull, VaultError
    from redvan.storage.vault import backups_dir, unlock

    vault_path = disk / "night.redvan"
    vault = new_vault(vault_path).vault
    services = services_for(vault)
    filler = write_filler(disk, leave=HEADROOM)

    acknowledged: list[str] = []
    failure: VaultError | None = None
    for n in range(5000):
        try:
            result = services.save_contact(contact(n))
        except VaultError as exc:
            failure = exc
            break
        acknowledged.append(result.contact_id)
    assert failure is not None, "the disk never filled up"
    assert acknowledged, "the disk was full before the first save; HEADROOM is too small"
    assert isinstance(failure, DiskFull), (
        f"a full disk was reported as {type(failure).__name__}: {failure}"
    )
    assert "NOT saved" in str(failure), str(failure)
    assert not vault.conn.in_transaction, "the failed save left a transaction open"
    # The failed save is visible and nothing of it is in the vault, in the same session.
    _assert_consistent(vault, acknowledged, "after the failed save")

    # Saving again on the still-full disk fails the same clear way (or fits and is kept).
    try:
        acknowledged.append(services.save_contact(contact(9999)).contact_id)
        retry = "saved"
    except DiskFull:
        retry = "DiskFull"
    _assert_consistent(vault, acknowledged, "after the retry")

    # Locking on the full disk must not raise, and leaves no half-written backup behind.
    made = vault.close(backup=True)
    assert made is None, (
        f"a backup fitted on the full disk ({made}); the check below proves nothing"
    )
    assert not vault.is_open
    folder = backups_dir(vault_path)
    leftovers = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    finished = {p.name for p in list_backups(vault_path)}
    half = [name for name in leftovers if name not in finished]
    assert not half, f"half-written backup files were left: {half}"

    filler.unlink()
    vault = unlock(vault_path, PASSPHRASE)
    try:
        _assert_consistent(vault, acknowledged, "after freeing space and unlocking")
        state = health(vault)
        assert state.ok, str(state)
        notes_ok = vault.conn.execute(
            "SELECT count(*) FROM contact WHERE note LIKE 'contact %: coffee%'"
        ).fetchone()[0]
        assert notes_ok == len(acknowledged), "a saved note was damaged"
        again = services_for(vault).save_contact(contact(10_000))
        acknowledged.append(again.contact_id)
        _assert_consistent(vault, acknowledged, "after a new save")
        state = health(vault)
        assert state.ok, str(state)
    finally:
        vault.close(backup=False)
    return {
        "acknowledged": len(acknowledged),
        "error": type(failure).__name__,
        "message": str(failure),
        "retry": retry,
    }


def unlock_on_full_disk(disk: Path) -> dict[str, Any]:
    """Unlocking a vault on a completely full disk gives a clear VaultError, loses nothing."""
    from redvan.storage.errors import VaultError
    from redvan.storage.vault import unlock

    vault_path = disk / "night.redvan"
    vault = new_vault(vault_path).vault
    services = services_for(vault)
    saved = [services.save_contact(contact(n)).contact_id for n in range(3)]
    vault.close(backup=False)
    filler = write_filler(disk, leave=0)
    assert free_bytes(disk) < 4096, "the filler did not fill the disk"

    error: BaseException | None = None
    try:
        unlock(vault_path, PASSPHRASE).close(backup=False)
    except BaseException as exc:  # noqa: BLE001 - what kind of error is the point here
        error = exc
    finally:
        filler.unlink()

    vault = unlock(vault_path, PASSPHRASE)  # the failed unlock released the instance lock
    try:
        _assert_consistent(vault, saved, "after the failed unlock")
        state = health(vault)
        assert state.ok, str(state)
    finally:
        vault.close(backup=False)

    if error is not None:
        assert isinstance(error, VaultError), (
            f"unlocking on a full disk raised {type(error).__module__}."
            f"{type(error).__name__}: {error} instead of a VaultError that says the disk is full"
        )
        assert "disk" in str(error).lower(), str(error)
    return {"error": type(error).__name__ if error else None}


def wrong_passphrase_on_full_disk(disk: Path) -> dict[str, Any]:
    """V12: a guess on a full disk is counted before it is tried — in the counter's own blocks,
    as there is no room for a new file — and never evaluated uncounted."""
    import json

    from redvan.storage import keyslots
    from redvan.storage.errors import CounterUnwritable, WrongPassphrase
    from redvan.storage.vault import attempts_path, unlock

    vault_path = disk / "night.redvan"
    new_vault(vault_path).vault.close(backup=False)
    tried = []
    original = keyslots.unwrap_key

    def spy(*args: Any, **kw: Any) -> bytes:
        tried.append(1)
        return original(*args, **kw)

    keyslots.unwrap_key = spy  # type: ignore[assignment]
    filler = write_filler(disk, leave=0)
    with open(filler, "ab", buffering=0) as fh:  # every last block
        try:
            while True:
                fh.write(b"\0" * 512)
        except OSError:
            pass
    outcome = ""
    try:
        try:
            unlock(vault_path, "not the passphrase").close(backup=False)
        except WrongPassphrase:
            outcome = "counted and refused"
        except CounterUnwritable as exc:
            assert exc.disk_full and "not tried" in str(exc), str(exc)
            outcome = "refused untried"
        else:
            raise AssertionError("a wrong passphrase opened the vault")
        events = json.loads(attempts_path(vault_path).read_bytes())["events"]
        counted = [e for e in events if e.get("reason") == "wrong-secret"]
        if outcome == "counted and refused":
            assert tried == [1] and len(counted) == 1, "a guess was tried uncounted"
        else:
            assert tried == [], "a passphrase was evaluated on a full disk uncounted"
    finally:
        filler.unlink()
        keyslots.unwrap_key = original  # type: ignore[assignment]
    return {"outcome": outcome}


def _crashed_vault_on_full_disk(disk: Path) -> tuple[Path, list[str], Path]:
    """A vault whose saves are still in its WAL (a crash), on a disk with no block left:
    (its path, the acknowledged contact ids, the filler file to remove afterwards)."""
    import shutil

    original = disk / "night.redvan"
    vault = new_vault(original).vault
    services = services_for(vault)
    acknowledged = [services.save_contact(contact(n)).contact_id for n in range(12)]
    # A crash now leaves the saves in the WAL: a copy of the files as they are is that vault.
    vault_path = disk / "crashed.redvan"
    for source in disk.iterdir():
        if source.name.startswith("night.redvan") and source.is_file():
            if source.name.endswith(".lock"):
                continue
            shutil.copyfile(source, disk / source.name.replace("night.redvan", "crashed.redvan"))
    vault.close(backup=False)
    assert (disk / "crashed.redvan-wal").stat().st_size > 0, "no WAL to recover"
    filler = write_filler(disk, leave=0)
    with open(filler, "ab", buffering=0) as fh:  # every last block
        try:
            while True:
                fh.write(b"\0" * 512)
        except OSError:
            pass
    return vault_path, acknowledged, filler


def app_opens_read_only_on_full_disk(disk: Path) -> dict[str, Any]:
    """Issue 14: the app, not only `redvan check`, opens a vault whose disk is full read-only,
    shows what it holds and says how to free space."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from redvan.gui.messages import describe
    from redvan.gui.session import Session
    from redvan.storage.errors import VaultReadOnly

    vault_path, acknowledged, filler = _crashed_vault_on_full_disk(disk)
    session = Session(vault_path)
    try:
        session.attach(session.open_vault(None, PASSPHRASE))
        assert session.read_only and session.vault is not None
        assert contact_ids(session.vault) == set(acknowledged), "a saved contact is missing"
        assert session.services is not None
        try:
            session.services.save_contact(contact(20_000))
            raise AssertionError("a read-only vault saved a contact")
        except VaultReadOnly as exc:
            said = describe(exc)
        session.lock()
    finally:
        filler.unlink()
    return {"said": said, "shown": len(acknowledged)}


def read_only_on_full_disk(disk: Path) -> dict[str, Any]:
    """Issue 14: the vault's own WAL filled the disk and it could not be opened in place,
    though every acknowledged save was there. It now opens read-only and shows what it has;
    `redvan check` does so by itself and says how to free space."""
    import io

    from redvan import cli
    from redvan.storage.errors import VaultReadOnly, VaultUnwritable
    from redvan.storage.vault import unlock

    vault_path, acknowledged, filler = _crashed_vault_on_full_disk(disk)
    in_place: str | None = None
    try:
        unlock(vault_path, PASSPHRASE).close(backup=False)
    except VaultUnwritable as exc:
        in_place = "unwritable" if exc.disk_full else "not disk full"
    vault = unlock(vault_path, PASSPHRASE, readonly=True)
    try:
        assert vault.read_only
        assert contact_ids(vault) == set(acknowledged), "a saved contact is missing read-only"
        try:
            services_for(vault).save_contact(contact(20_000))
            raise AssertionError("a read-only vault saved a contact")
        except VaultReadOnly as exc:
            assert "read-only" in str(exc)
    finally:
        vault.close(backup=True)

    class Stdin:
        buffer = io.BytesIO(f"{PASSPHRASE}\n".encode())

        def isatty(self) -> bool:
            return False

    real_stdin, real_err = sys.stdin, sys.stderr
    sys.stdin, sys.stderr = Stdin(), io.StringIO()  # type: ignore[assignment]
    try:
        code = cli.main(["check", "--vault", str(vault_path), "--passphrase-stdin"])
        err = sys.stderr.getvalue()
    finally:
        sys.stdin, sys.stderr = real_stdin, real_err
    filler.unlink()
    return {
        "in_place": in_place,
        "free": free_bytes(disk),
        "acknowledged": len(acknowledged),
        "check_exit": code,
        "check_err": err,
    }


SCENARIOS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "app_opens_read_only_on_full_disk": app_opens_read_only_on_full_disk,
    "read_only_on_full_disk": read_only_on_full_disk,
    "save_until_full": save_until_full,
    "unlock_on_full_disk": unlock_on_full_disk,
    "wrong_passphrase_on_full_disk": wrong_passphrase_on_full_disk,
}


def main(argv: list[str]) -> int:
    import json

    name, disk = argv[1], Path(argv[2])
    print("SCENARIO-START", flush=True)
    outcome = SCENARIOS[name](disk)
    print("SCENARIO-RESULT " + json.dumps(outcome), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
