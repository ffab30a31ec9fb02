"""B9 exchange: sync export of a year (≤ 1 s), merge of 50 packages (≤ 2 s), audit bundle of a
year (≤ 3 s), open + verify (≤ 2 s), on the reference vault.

"A year" is the 52 full weeks up to the week before the newest week with contacts (the
newest may be partly recorded), the same period as B4's 52-week tally. The operation itself is
timed in this process on a scratch copy that is already unlocked (unlocking is B1): each time
is the median over the runs, after one warm-up (fewer runs when an operation is so slow that
the runs so far took over 30 s).

- **sync export**: `redvan.exchange.sync` writing the year's package and its signature;
- **merge**: 50 sync packages of the year, each signed by a device key of its own (the scratch
  copy is given a new device key before each export, as if 50 vans had sent their year), read,
  verified against their public keys and merged into one tally by `redvan.exchange.merge`;
- **audit bundle**: `write_audit_bundle` for the year (tally, record rows, PDF, summary, zip,
  signature);
- **open + verify**: `open_bundle` of that bundle with its device key trusted: read, check the
  signature and manifest, schema-validate, recompute every figure from the rows.

The whole command-line wall time of each (`redvan export sync|audit`, `redvan merge`,
`redvan verify`, a fresh process with its unlock where it needs one) is reported beside it,
one run each. Before anything is timed the copy is purged once of what is past retention (as
every command does on unlock; the first time on the 10-year demo data takes minutes), and
before the command-line runs it counts as backed up, so an export's close does not include the
automatic backup of a changed vault (V6; about a minute at 1M contacts).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary

ROOT = Path(__file__).resolve().parent.parent
BUDGETS_S = {"sync": 1.0, "merge": 2.0, "audit": 3.0, "verify": 2.0}
CAP_S = 30.0


def _timed(work: Callable[[], Any], runs: int) -> tuple[dict[str, Any], Any]:
    """Median etc. of up to `runs` timed calls after one warm-up; returns the last result.

    Slow operations get fewer runs: none is started once the runs so far (warm-up included)
    took over CAP_S, so a badly missed budget does not hold the bench up for many minutes.
    """
    started = time.perf_counter()
    result = work()
    samples: list[float] = []
    spent = time.perf_counter() - started
    while len(samples) < runs and (not samples or spent < CAP_S):
        began = time.perf_counter()
        result = work()
        took = time.perf_counter() - began
        samples.append(took * 1000)
        spent += took
    return Summary.of(samples).as_dict(), result


def _cli(args: list[str], passphrase: str | None, home: Path) -> dict[str, Any]:
    """One `redvan …` run: its wall time, or why it failed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("REDVAN_")}
    env.update(
        REDVAN_LOG_DIR=str(home / "log"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    script = Path(sys.executable).with_name("redvan")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "redvan.cli"]
    started = time.monotonic()
    done = subprocess.run(
        [*argv, *args],
        input=(passphrase + "\n").encode() if passphrase is not None else b"",
        capture_output=True,
        env=env,
        cwd=home,
        check=False,
    )
    took = time.monotonic() - started
    out = {"command": "redvan " + " ".join(_short(a, home) for a in args), "s": took}
    if done.returncode != 0:
        out["error"] = done.stderr.decode(errors="replace").strip()[-500:]
    return out


def _short(arg: str, home: Path) -> str:
    return arg.replace(str(home) + os.sep, "")


def run(
    vault_path: Path, passphrase: str, scratch: Path, runs: int, packages: int
) -> dict[str, Any]:
    from bench.b4_tally import last_full_week
    from redvan.core.services import Services
    from redvan.exchange import signing
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import unlock

    home = scratch / "b9"
    home.mkdir(exist_ok=True)
    out: dict[str, Any] = {"runs": runs, "packages": packages, "notes": {}}
    started = time.perf_counter()
    vault = unlock(vault_path, passphrase)
    out["unlock_s"] = time.perf_counter() - started
    try:
        store = VaultStore(vault)
        services = Services(store)
        # Every command-line run purges what is past retention first: on the 10-year demo
        # data the first purge takes minutes. Done once here, so no figure below includes it.
        started = time.perf_counter()
        purged = services.purge(datetime.now())
        out["purge"] = {
            "s": time.perf_counter() - started,
            "records": {r.kind: r.count for r in purged},
        }
        last = last_full_week(services)
        first = last - 51
        out["period"] = f"{first}..{last}"
        key = signing.device_key(store)
        pubkey = home / "device.pub"
        pubkey.write_text(key.public.file_text(), encoding="utf-8")
        _audit(out, services, first, last, home, runs, key)
        _sync(out, services, store, first, last, home, runs, packages)
        # What this session changed (device keys) counts as backed up, so the command-line runs
        # below time the commands, not the automatic backup a changed vault gets at close (V6).
        vault.mark_backed_up()
    finally:
        vault.close(backup=False)
    period = ["--from", str(first), "--to", str(last)]
    vault_args = ["--vault", str(vault_path), "--passphrase-stdin"]
    cli: dict[str, Any] = {}
    cli["audit"] = _cli(
        ["export", "audit", *vault_args, *period, "--out", str(home / "cli.rvaudit")],
        passphrase,
        home,
    )
    cli["verify"] = _cli(
        ["verify", str(home / "audit.rvaudit"), "--pubkey", str(pubkey)], None, home
    )
    if "package_files" in out:
        cli["sync"] = _cli(
            ["export", "sync", *vault_args, *period, "--out", str(home / "cli.rvsync")],
            passphrase,
            home,
        )
        cli["merge"] = _cli(
            ["merge", "--out", str(home / "merged.json"), *out["package_files"]], None, home
        )
    out["cli"] = cli
    return out


def _audit(
    out: dict[str, Any],
    services: Any,
    first: Any,
    last: Any,
    home: Path,
    runs: int,
    key: Any,
) -> None:
    try:
        from redvan.exchange.bundle import open_bundle, write_audit_bundle
    except ImportError as exc:
        out["notes"]["audit"] = f"redvan.exchange.bundle not available: {exc}"
        return
    path = home / "audit.rvaudit"
    timing, summary = _timed(lambda: write_audit_bundle(services, first, last, path), runs)
    out["audit"] = {
        "ms": timing,
        "bytes": path.stat().st_size,
        "rows": getattr(summary, "rows", None),
    }
    trusted = [key.public]
    timing, opened = _timed(lambda: open_bundle(path, trusted), runs)
    problems = opened.problems() if hasattr(opened, "problems") else []
    out["verify"] = {
        "ms": timing,
        "ok": bool(getattr(opened, "ok", False)),
        "problems": [str(p) for p in problems][:5],
        "figures": len(getattr(opened, "figures", ())),
    }


def _sync(
    out: dict[str, Any],
    services: Any,
    store: Any,
    first: Any,
    last: Any,
    home: Path,
    runs: int,
    packages: int,
) -> None:
    try:
        from redvan.exchange import sync
    except ImportError as exc:
        out["notes"]["sync"] = f"redvan.exchange.sync not available: {exc}"
        return
    from redvan.exchange import signing

    path = home / "year.rvsync"
    timing, written = _timed(lambda: sync.write_package(services, first, last, path), runs)
    out["sync"] = {"ms": timing, "bytes": path.stat().st_size, "weeks": written.weeks}

    # 50 packages of the year, each from a device key of its own (a scratch copy only).
    folder = home / "packages"
    folder.mkdir(exist_ok=True)
    files, keys = [], []
    for number in range(1, packages + 1):
        key = signing.DeviceKey.generate()
        with store.transaction():
            store.set_setting(signing.DEVICE_SECRET, key.to_setting())
        target = folder / f"van{number:02d}.rvsync"
        sync.write_package(services, first, last, target)
        files.append(str(target))
        keys.append(key.public)
    config = home / "config" / "redvan"
    config.mkdir(parents=True, exist_ok=True)
    (config / "trusted-devices.pub").write_text(
        "".join(k.file_text() for k in keys), encoding="utf-8"
    )
    out["package_files"] = files
    try:
        from redvan.exchange import merge
    except ImportError as exc:
        out["notes"]["merge"] = f"redvan.exchange.merge not available: {exc}"
        return

    def merged() -> Any:
        read, refused = sync.read_packages([Path(f) for f in files], keys)
        if refused or len(read) != len(files):
            raise RuntimeError(f"the merge refused packages: {refused[:2]}")
        result = merge.merge(merge.Ledger(), read)
        merge.render(result, "text", "en", datetime.now())
        return result

    timing, result = _timed(merged, runs)
    out["merge"] = {
        "ms": timing,
        "package_bytes": Path(files[0]).stat().st_size,
        "summary": str(result.summary()).splitlines()[:3],
    }


_WHAT = {
    "sync": "sync export of a year",
    "merge": "merge of {packages} sync packages",
    "audit": "audit bundle of a year",
    "verify": "open + verify the year's audit bundle",
}


def figures(result: dict[str, Any]) -> list[Figure]:
    out = []
    cli = result.get("cli", {})
    if "purge" in result:
        out.append(
            Figure(
                "B9", "  first, not counted: retention purge of the copy", result["purge"]["s"], "s"
            )
        )
    for key, budget in BUDGETS_S.items():
        what = _WHAT[key].format(packages=result["packages"])
        part = result.get(key)
        if part is None:
            note = result["notes"].get(key) or result["notes"].get(
                "sync" if key == "merge" else key, "not measured"
            )
            out.append(Figure("B9", what, None, "s", budget, note=note.splitlines()[0][:60]))
            continue
        n = part["ms"]["n"]
        out.append(Figure("B9", f"{what}, median (n={n})", part["ms"]["p50"] / 1000, "s", budget))
        if key == "verify" and not part.get("ok"):
            out.append(
                Figure(
                    "B9", "  the bundle did NOT verify", None, "", note="; ".join(part["problems"])
                )
            )
        if key in cli:
            call = cli[key]
            if "error" in call:
                out.append(
                    Figure(
                        "B9",
                        f"  `{call['command'].split(' --')[0]}`",
                        None,
                        "s",
                        note="failed: " + call["error"].splitlines()[-1][:60],
                    )
                )
            else:
                out.append(
                    Figure(
                        "B9",
                        f"  whole `{call['command'].split(' --')[0]}`, one run",
                        call["s"],
                        "s",
                    )
                )
    return out
