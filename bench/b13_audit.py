"""B13 a vault with over a million audit events: `redvan check` (≤ 10 s), the first audit
bundle of a year (≤ 3 s), the audit counts of a year (≤ 200 ms).

The demo generator logs what the app would (each save, shift, referral, incident, unlock,
lock, backup and weekly export: about 1.4 events per contact), so the 1M reference holds
about 1.4M events. On a scratch copy:

- **check**: `check_vault` as `redvan check` runs it (cipher integrity and quick check side
  by side, the chain from its checkpoint), after the copy was unlocked and locked once as a
  night's use would leave it (the lock walks the chain and stores a checkpoint). Also, for
  context: the same check on a copy that never had a checkpoint (the whole chain walked), and
  `check --full`.
- **first audit bundle of a year**: `write_audit_bundle` of the 52 weeks of B4/B9, the first
  one after that lock (the chain walked from the lock's checkpoint); and, for context, the
  first one on a copy without any checkpoint.
- **audit counts**: `audit_log_counts` of that year (the bundle's per-day table), median of
  10, read from the audit_day index.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary


def _seconds(work: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def run(base: Path, passphrase: str, scratch: Path, runs: int = 10) -> dict[str, Any]:
    from bench.b4_tally import last_full_week
    from bench.refdata import copy_vault, remove_copy
    from redvan.core.services import Services
    from redvan.storage import audit
    from redvan.storage.check import check_vault
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import unlock

    out: dict[str, Any] = {}
    home = scratch / "b13"
    home.mkdir(exist_ok=True)

    # A copy as the demo left it: no checkpoint. The first check and the first bundle walk all.
    cold = copy_vault(base, scratch, "b13-cold.redvan")
    try:
        vault = unlock(cold, passphrase)
        try:
            store = VaultStore(vault)
            services = Services(store)
            out["events"] = int(vault.conn.execute("SELECT count(*) FROM audit").fetchone()[0])
            out["had_checkpoint"] = audit.read_checkpoint(vault.conn) is not None
            last = last_full_week(services)
            first = last - 51
            out["period"] = f"{first}..{last}"
            took, _ = _seconds(lambda: _bundle(services, first, last, home / "cold.rvaudit"))
            out["bundle_without_checkpoint_s"] = took
            took, report = _seconds(lambda: check_vault(vault))
            out["check_without_checkpoint_s"] = took
            out["check_lines"] = report.lines()
        finally:
            vault.close(backup=False)
    finally:
        remove_copy(cold)

    # A copy after one night's use: unlocked, a change, locked with its backup (which walks
    # the chain once and stores a checkpoint), then unlocked again the next night.
    warm = copy_vault(base, scratch, "b13.redvan")
    try:
        vault = unlock(warm, passphrase)
        with vault.transaction() as c:
            audit.append(c, vault.staff_id, "setting", "setting", "bench")
        took, _ = _seconds(lambda: vault.close(backup=True, reason="lock"))
        out["lock_with_backup_s"] = took
        vault = unlock(warm, passphrase)
        try:
            store = VaultStore(vault)
            services = Services(store)
            out["checkpoint"] = list(audit.read_checkpoint(vault.conn) or ())
            took, _ = _seconds(lambda: _bundle(services, first, last, home / "warm.rvaudit"))
            out["bundle_s"] = took
            samples = []
            for _ in range(runs):
                took, counts = _seconds(
                    lambda: store.audit_log_counts(first.monday(), last.sunday())
                )
                samples.append(took * 1000)
            out["counts_ms"] = Summary.of(samples).as_dict()
            out["counts_rows"] = len(counts)
            out["counts_events"] = sum(n for *_, n in counts)
            checks = []
            for _ in range(2):
                took, report = _seconds(lambda: check_vault(vault))
                checks.append(took)
                out["check_ok"] = report.ok
            out["check_s"] = checks
            took, report = _seconds(lambda: check_vault(vault, full=True))
            out["check_full_s"] = took
            out["check_full_ok"] = report.ok
        finally:
            vault.close(backup=False)
    finally:
        remove_copy(warm)
    return out


def _bundle(services: Any, first: Any, last: Any, path: Path) -> Any:
    from redvan.exchange.bundle import write_audit_bundle

    return write_audit_bundle(services, first, last, path)


def bench(base: Path, passphrase: str, scratch: Path, args: Any) -> dict[str, Any]:
    """The `python -m bench` hook."""
    return run(base, passphrase, scratch, args.runs)


def figures(b13: dict[str, Any]) -> list[Figure]:
    check = sorted(b13["check_s"])[len(b13["check_s"]) // 2]
    return [
        Figure("B13", "audit events in the vault", b13["events"], ""),
        Figure("B13", f"check, median (n={len(b13['check_s'])})", check, "s", 10.0),
        Figure(
            "B13",
            "  check with no checkpoint yet (whole chain)",
            b13["check_without_checkpoint_s"],
            "s",
        ),
        Figure("B13", "  check --full (integrity check, whole chain)", b13["check_full_s"], "s"),
        Figure("B13", "first audit bundle of a year, after a lock", b13["bundle_s"], "s", 3.0),
        Figure(
            "B13", "  first bundle with no checkpoint yet", b13["bundle_without_checkpoint_s"], "s"
        ),
        Figure(
            "B13", "  lock with its backup (walks, then backs up)", b13["lock_with_backup_s"], "s"
        ),
        Figure(
            "B13",
            f"audit counts of a year, median (n={b13['counts_ms']['n']})",
            b13["counts_ms"]["p50"],
            "ms",
            200.0,
        ),
        Figure("B13", "  events counted in that year", b13["counts_events"], ""),
    ]
