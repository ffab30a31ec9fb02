"""`redvan check`: cipher integrity, database integrity, audit chain, key file and schema."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import dataclass, field
from typing import Any

import sqlcipher3

from redvan.storage import audit, keyslots, schema
from redvan.storage.errors import VaultError
from redvan.storage.vault import Vault


@dataclass
class CheckReport:
    results: list[tuple[str, bool, str]] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str) -> None:
        self.results.append((name, ok, detail))

    @property
    def ok(self) -> bool:
        return all(ok for _, ok, _ in self.results)

    @property
    def integrity_ok(self) -> bool:
        return all(ok for name, ok, _ in self.results if "integrity" in name)

    def lines(self) -> list[str]:
        return [
            f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}" for name, ok, detail in self.results
        ]

    def summary(self) -> str:
        failed = [name for name, ok, _ in self.results if not ok]
        return f"The vault failed {len(failed)} check(s): {', '.join(failed)}."


class _Background:
    """One PRAGMA on its own read-only connection, on a worker thread."""

    def __init__(self, vault: Vault, pragma: str) -> None:
        self._rows: list[Any] | None = None
        self._thread = threading.Thread(
            target=self._run, args=(vault, pragma), name="redvan-check", daemon=True
        )
        self._thread.start()

    def _run(self, vault: Vault, pragma: str) -> None:
        try:
            conn = vault.connect(readonly=True)
        except (sqlcipher3.Error, VaultError, OSError):
            return  # reported as a check that could not run
        try:
            self._rows = conn.execute(pragma).fetchall()
        except sqlcipher3.Error:
            self._rows = None
        finally:
            conn.close()

    def result(self) -> list[Any] | None:
        """The rows, or None if the check could not run."""
        self._thread.join()
        return self._rows


def check_vault(vault: Vault, *, full: bool = False) -> CheckReport:
    """Check a vault: every page's HMAC (cipher integrity), the database's structure and the
    audit chain. By default the structure gets SQLite's quick check and the chain is walked
    from its stored checkpoint once that is re-checked (:func:`audit.verify`); ``full``
    also cross-checks every index against its table (integrity check) and walks the whole
    chain from event 1. A chain that verifies leaves its head as the new checkpoint."""
    report = CheckReport()
    # The HMAC of every page and the structure are two passes over the whole file, each
    # CPU-bound inside SQLCipher (which lets go of the GIL): run them side by side.
    cipher = _Background(vault, "PRAGMA cipher_integrity_check")
    conn = vault.connect(readonly=True)
    try:
        pragma = "integrity_check" if full else "quick_check"
        try:
            rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}").fetchall()]
            ok = rows == ["ok"]
            detail = "ok" if ok else f"{len(rows)} problem(s)"
            if ok and not full:
                detail = "ok (quick check; --full also checks every index)"
            report.add("database integrity", ok, detail)
        except sqlcipher3.Error:
            report.add("database integrity", False, "the check could not run")
        chain = None
        try:
            chain = audit.verify(conn) if full else audit.verify_from_checkpoint(conn)
            if chain.ok and chain.checkpoint:
                detail = (
                    f"{chain.events} events, unbroken (up to event {chain.checkpoint} "
                    "re-checked at its checkpoint; --full walks every event)"
                )
            elif chain.ok:
                detail = f"{chain.events} events, unbroken"
            else:
                detail = f"first broken link at event {chain.first_broken}: {chain.reason}"
            report.add("audit chain", chain.ok, detail)
        except sqlcipher3.Error:
            report.add("audit chain", False, "the audit log could not be read")
        bad = cipher.result()
        if bad is None:
            report.add("cipher integrity", False, "the check could not run")
        else:
            report.add(
                "cipher integrity",
                not bad,
                "every page verifies" if not bad else f"{len(bad)} page(s) fail their HMAC",
            )
        report.results.insert(0, report.results.pop())  # listed first, as it always was
        version = schema.version(conn)
        report.add("schema", version == schema.LATEST, f"version {version} of {schema.LATEST}")
    finally:
        cipher.result()  # never leave the worker reading after check_vault returns
        conn.close()
    if chain is not None and chain.ok:
        with contextlib.suppress(sqlcipher3.Error), vault.transaction() as c:
            audit.record_checkpoint(c, chain)
    try:
        keyfile = keyslots.read_keyfile(vault.path)
        has_recovery = keyfile.recovery_slot() is not None
        same = keyfile.vault_id == vault.vault_id
        report.add(
            "key file",
            has_recovery and same,
            f"{len(keyfile.staff_slots())} staff slot(s)"
            + (", a recovery slot" if has_recovery else ", NO recovery slot"),
        )
    except keyslots.KeyFileError as exc:
        report.add("key file", False, str(exc))
    return report
