"""`redvan check`: cipher integrity, database integrity, audit chain, key file and schema."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlcipher3

from redvan.storage import audit, keyslots, schema
from redvan.storage.vault import Vault, stored_generation


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


def check_vault(vault: Vault) -> CheckReport:
    report = CheckReport()
    conn = vault.connect(readonly=True)
    try:
        try:
            bad = conn.execute("PRAGMA cipher_integrity_check").fetchall()
            report.add(
                "cipher integrity",
                not bad,
                "every page verifies" if not bad else f"{len(bad)} page(s) fail their HMAC",
            )
        except sqlcipher3.Error:
            report.add("cipher integrity", False, "the check could not run")
        try:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            ok = rows == ["ok"]
            report.add("database integrity", ok, "ok" if ok else f"{len(rows)} problem(s)")
        except sqlcipher3.Error:
            report.add("database integrity", False, "the check could not run")
        try:
            chain = audit.verify(conn)
            report.add(
                "audit chain",
                chain.ok,
                f"{chain.events} events, unbroken"
                if chain.ok
                else f"first broken link at event {chain.first_broken}: {chain.reason}",
            )
        except sqlcipher3.Error:
            report.add("audit chain", False, "the audit log could not be read")
        version = schema.version(conn)
        report.add("schema", version == schema.LATEST, f"version {version} of {schema.LATEST}")
        try:
            stored = stored_generation(conn)
        except sqlcipher3.Error:
            stored = None  # reported by the integrity checks above
    finally:
        conn.close()
    try:
        keyfile = keyslots.read_keyfile(vault.path)
        has_recovery = keyfile.recovery_slot() is not None
        same = keyfile.vault_id == vault.vault_id
        damaged = [s.label for s in keyfile.slots if s.damaged]
        old = [s.label for s in keyfile.slots if s.scheme == keyslots.SCHEME_DIRECT]
        agrees = stored is None or stored == keyfile.generation  # None: not unlocked since
        report.add(
            "key file",
            has_recovery and same and agrees and not damaged,
            f"{len(keyfile.staff_slots())} staff slot(s)"
            + (", a recovery slot" if has_recovery else ", NO recovery slot")
            + f"; key generation {keyfile.generation}"
            + (" (the database agrees)" if agrees else f" (the DATABASE SAYS {stored})")
            + (f"; DAMAGED slot(s): {', '.join(damaged)}" if damaged else "")
            + (
                f"; old-format slot(s), converted at their next unlock: {', '.join(old)}"
                if old
                else ""
            ),
        )
    except keyslots.KeyFileError as exc:
        report.add("key file", False, str(exc))
    return report
