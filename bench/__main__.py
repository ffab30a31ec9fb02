"""`python -m bench`: measure the budgets B1–B14 of SPEC §10 on the reference vault.

python -m bench                       everything, on the 1M-contact reference (built on first
                                      use), then rewrites docs/BENCHMARKS.md
python -m bench --quick               a small vault (1 van, 52 weeks), fewer repetitions
python -m bench --only B1,B3          a subset
python -m bench --build               also build the frozen app first (B2 frozen, B10)

Results go to bench/out/results.json (bench/out/results-quick.json with --quick). The page
docs/BENCHMARKS.md is rewritten only by a full run of every budget on the default reference
(or with --docs); --no-docs never touches it.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import BENCH_PASSPHRASE, OUT_DIR, machine
from bench.report import figures, table

ROOT = Path(__file__).resolve().parent.parent
BUDGETS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12", "B13", "B14")
# Budgets measured by a module of their own with `bench(base, passphrase, scratch, args)` and
# `figures(results)`. B11 (key rotation) comes from the keys work and B14 (merge with
# estimates) from the organisation work: until their modules are on the branch, the run says
# so and goes on.
MODULES = {
    "B11": "bench.b11_rotation",
    "B12": "bench.b12_backup",
    "B13": "bench.b13_audit",
    "B14": "bench.b14_merge",
}
DOCS = ROOT / "docs" / "BENCHMARKS.md"

# (full run, quick run)
DEFAULTS: dict[str, tuple[int, int]] = {
    "runs": (10, 3),
    "saves": (2000, 200),
    "lookups": (2000, 400),
    "profiles": (100_000, 10_000),
    "b8_saves": (2000, 200),
    "b8_weeks": (52, 8),
    "b8_rounds": (3, 1),
    "startup_runs": (10, 2),
    "view_runs": (3, 1),
    "exchange_runs": (5, 2),
    "packages": (50, 50),
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    from bench.refdata import FULL, QUICK, DemoSize

    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="small vault and fewer repetitions: a smoke run in a few minutes",
    )
    parser.add_argument(
        "--scale",
        type=int,
        metavar="VANS",
        help="reference made by `redvan demo --scale VANS` (default 24)",
    )
    parser.add_argument("--weeks", type=int, help="… and `--weeks WEEKS` (default 520)")
    parser.add_argument("--only", metavar="B1,B3", help=f"run only these of {','.join(BUDGETS)}")
    parser.add_argument(
        "--out", metavar="FILE", help="the results as JSON (default bench/out/results.json)"
    )
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=OUT_DIR,
        metavar="DIR",
        help="where reference vaults are kept and scratch copies made (default bench/out)",
    )
    parser.add_argument("--runs", type=int, help="B1 unlocks, B4/B5 repetitions (10)")
    parser.add_argument("--startup-runs", type=int, help="B2 starts of the app (10)")
    parser.add_argument("--saves", type=int, help="B3 saves (2000)")
    parser.add_argument("--lookups", type=int, help="B6 lookups (2000)")
    parser.add_argument("--profiles", type=int, help="B6 profiles at least (100000)")
    parser.add_argument("--view-runs", type=int, help="B7 processes opening the window (3)")
    parser.add_argument("--b8-saves", type=int, help="B8 saves per engine (2000)")
    parser.add_argument("--b8-weeks", type=int, help="B8 weeks aggregated (52)")
    parser.add_argument("--b8-rounds", type=int, help="B8 repetitions per engine (3)")
    parser.add_argument(
        "--b8-variants",
        action="store_true",
        help="also run B8 with cipher settings V1 rules out (HMAC-SHA256, no HMAC), "
        "to show what changing V1 would buy",
    )
    parser.add_argument("--exchange-runs", type=int, help="B9 repetitions of each operation (5)")
    parser.add_argument("--packages", type=int, help="B9 sync packages merged (50)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the generated inputs (7)")
    parser.add_argument(
        "--build",
        action="store_true",
        help="build the frozen app (dist/redvan) first, for B2's frozen figure and B10",
    )
    parser.add_argument(
        "--no-xvfb",
        action="store_true",
        help="B2: skip the extra runs under Xvfb (xcb)",
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="build the reference vault again even if kept"
    )
    docs = parser.add_mutually_exclusive_group()
    docs.add_argument(
        "--docs", action="store_true", help="rewrite docs/BENCHMARKS.md even for a partial run"
    )
    docs.add_argument("--no-docs", action="store_true", help="never rewrite docs/BENCHMARKS.md")
    parser.add_argument(
        "--keep-scratch",
        action="store_true",
        help="keep the scratch copies for a look afterwards",
    )
    args = parser.parse_args(argv)
    for name, (full, quick) in DEFAULTS.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    base = QUICK if args.quick else FULL
    args.size = DemoSize(args.scale or base.vans, args.weeks or base.weeks)
    wanted = [b.strip().upper() for b in (args.only or ",".join(BUDGETS)).split(",") if b.strip()]
    unknown = sorted(set(wanted) - set(BUDGETS))
    if unknown:
        parser.error(f"unknown budget(s) {', '.join(unknown)}; choose from {', '.join(BUDGETS)}")
    args.selected = [b for b in BUDGETS if b in wanted]
    if args.out is None:
        name = "results-quick.json" if args.quick else "results.json"
        args.out = str(args.work_dir / name)
    full_run = args.selected == list(BUDGETS) and args.size == FULL and not args.quick
    args.write_docs = args.docs or (full_run and not args.no_docs)
    args.work_dir = args.work_dir.resolve()
    return args


def command_line(argv: Sequence[str]) -> str:
    """The command as typed from the project folder."""
    python = Path(sys.executable)
    try:
        shown = str(python.relative_to(ROOT))
    except ValueError:
        shown = "python"
    return shlex.join([shown, "-m", "bench", *argv])


def _step(title: str) -> float:
    load = " ".join(f"{x:.2f}" for x in machine.load_average())
    print(f"\n== {title} (load {load})", flush=True)
    return time.perf_counter()


def _done(started: float, budget: str, results: dict[str, Any]) -> None:
    load = " ".join(f"{x:.2f}" for x in machine.load_average())
    print(f"   done in {time.perf_counter() - started:.1f} s (load {load})")
    for row in figures(results):
        if row.budget_id == budget:
            print(f"   {row.measure.strip()}: {row.measured_text} {row.verdict}".rstrip())
    sys.stdout.flush()


def _guarded(budget: str, results: dict[str, Any], work: Callable[[], dict[str, Any]]) -> None:
    """Run one benchmark; a failure is reported and kept in the results, the others still run."""
    try:
        results[budget] = work()
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not hide the others
        traceback.print_exc()
        results.setdefault("errors", {})[budget] = f"{type(exc).__name__}: {exc}"


def _frozen(args: argparse.Namespace, results: dict[str, Any]) -> tuple[Path | None, str]:
    """The frozen app's executable (built first with --build), or None and why not."""
    from bench import frozen

    if args.build:
        try:
            results["frozen_build"] = frozen.build()
        except Exception as exc:  # noqa: BLE001 - reported, the rest still runs
            traceback.print_exc()
            return None, f"build failed: {exc}".splitlines()[0]
    found = frozen.executable()
    return found, "" if found else frozen.NOT_BUILT


def _module_budget(
    budget: str, base: Path, scratch: Path, args: argparse.Namespace, results: dict[str, Any]
) -> None:
    """Run a budget measured by a module of MODULES, if that module is there."""
    import importlib

    try:
        module = importlib.import_module(MODULES[budget])
    except ModuleNotFoundError:
        print(f"\n== {budget}: {MODULES[budget].replace('.', '/')}.py is not on this branch")
        results.setdefault("missing", {})[budget] = f"{MODULES[budget]} not on this branch"
        return
    started = _step(f"{budget} {(module.__doc__ or '').strip().splitlines()[0]}")
    _guarded(budget, results, lambda: module.bench(base, BENCH_PASSPHRASE, scratch, args))
    _done(started, budget, results)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench.diagnose import fsync_latency
    from bench.refdata import copy_vault, current_base, ensure_reference, remove_copy

    described = machine.describe()
    print("Machine")
    for line in machine.lines(described):
        print(f"  {line}")
    work_dir: Path = args.work_dir
    reference, build = ensure_reference(args.size, out_dir=work_dir, rebuild=args.rebuild)
    print(
        f"\nReference vault {reference} ({build['bytes_on_disk'] / 1e6:,.0f} MB"
        f"{', reused' if build.get('reused') else ''}; demo generator "
        f"v{build.get('generator_version', 1)})"
    )
    if build.get("seconds"):
        print(f"  made by `{build['command']}` in {build['seconds']} s: {build['summary']}")
    if build.get("note_generator"):
        print(f"  note: {build['note_generator']}")
    base, prepared = current_base(reference, BENCH_PASSPHRASE)
    counts = prepared["counts"]
    print("  " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    if prepared.get("migration_seconds") is not None:
        print(
            f"  schema v{prepared['source_schema_version']} → v{prepared['schema_version']}: "
            f"migrated once into {base.name} in {prepared['migration_seconds']} s"
            f"{' (kept from an earlier run)' if prepared['base_reused'] else ''}"
        )
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=work_dir))
    results: dict[str, Any] = {}
    selected = args.selected
    try:
        work = copy_vault(base, scratch, "work.redvan")
        results["fsync"] = fsync_latency(scratch)
        print(
            f"  fsync of 16 KiB: p50 {results['fsync']['p50']:.2f} ms, "
            f"p99 {results['fsync']['p99']:.2f} ms"
        )
        executable, frozen_note = (None, "")
        if "B2" in selected or "B10" in selected:
            executable, frozen_note = _frozen(args, results)
        if "B1" in selected:
            from bench import b1_unlock

            started = _step(f"B1 unlock × {args.runs}")
            _guarded("B1", results, lambda: b1_unlock.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B1", results)
        if "B2" in selected:
            from bench import b2_startup

            started = _step(f"B2 process start → unlock window painted × {args.startup_runs}")
            _guarded(
                "B2",
                results,
                lambda: b2_startup.run(
                    work,
                    args.startup_runs,
                    executable,
                    frozen_note,
                    with_xvfb=not args.no_xvfb,
                ),
            )
            _done(started, "B2", results)
        if "B7" in selected:
            from bench import b7_view

            # Before B3 and B6 add contacts and profiles to the work copy: its own copy.
            started = _step(f"B7 screens open after unlock, own process × {args.view_runs}")
            view = copy_vault(base, scratch, "b7.redvan")
            try:
                _guarded("B7", results, lambda: b7_view.run(view, BENCH_PASSPHRASE, args.view_runs))
            finally:
                remove_copy(view)
            _done(started, "B7", results)
        if "B9" in selected:
            from bench import b9_exchange

            started = _step(
                f"B9 sync export, merge of {args.packages} packages, audit bundle, open+verify"
            )
            copy = copy_vault(base, scratch, "b9.redvan")
            try:
                _guarded(
                    "B9",
                    results,
                    lambda: b9_exchange.run(
                        copy, BENCH_PASSPHRASE, scratch, args.exchange_runs, args.packages
                    ),
                )
            finally:
                remove_copy(copy)
            _done(started, "B9", results)
        if "B3" in selected:
            from bench import b3_save

            started = _step(f"B3 save_contact × {args.saves}")
            _guarded(
                "B3", results, lambda: b3_save.run(work, BENCH_PASSPHRASE, args.saves, args.seed)
            )
            _done(started, "B3", results)
        if "B4" in selected:
            from bench import b4_tally

            started = _step("B4 one week's tally and a 52-week tally")
            _guarded("B4", results, lambda: b4_tally.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B4", results)
        if "B5" in selected:
            from bench import b5_pdf

            started = _step("B5 weekly PDF and a year's PDF")
            _guarded("B5", results, lambda: b5_pdf.run(work, BENCH_PASSPHRASE, args.runs))
            _done(started, "B5", results)
        if "B6" in selected:
            from bench import b6_lookup

            started = _step(f"B6 find_by_code × {args.lookups}, ≥ {args.profiles:,} profiles")
            _guarded(
                "B6",
                results,
                lambda: b6_lookup.run(
                    work, BENCH_PASSPHRASE, args.lookups, args.profiles, args.seed
                ),
            )
            if "B6" in results:
                b6 = results["B6"]
                print(f"   {b6['profiles_before']:,} profiles, {b6['profiles_added']:,} added")
            _done(started, "B6", results)
        if "B8" in selected:
            from bench import b8_plain

            started = _step(
                f"B8 encrypted vs plain, {args.b8_saves} saves + "
                f"{args.b8_weeks} week query sets, separate processes"
            )
            _guarded(
                "B8",
                results,
                lambda: b8_plain.run(
                    reference,
                    base,
                    BENCH_PASSPHRASE,
                    scratch,
                    args.b8_saves,
                    args.seed,
                    args.b8_weeks,
                    args.b8_rounds,
                    ("hmac_sha256", "no_hmac") if args.b8_variants else (),
                ),
            )
            _done(started, "B8", results)
        for budget in ("B11", "B12", "B13", "B14"):
            if budget in selected:
                _module_budget(budget, base, scratch, args, results)
        if "B10" in selected:
            from bench import frozen

            started = _step("B10 size of the frozen one-folder bundle")
            _guarded("B10", results, frozen.run)
            _done(started, "B10", results)
    finally:
        if args.keep_scratch:
            print(f"\nScratch copies kept in {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    rows = figures(results)
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": args.command_line,
        "machine": described,
        "load_average_at_end": machine.load_average(),
        "reference": {"path": str(reference), **build, "base": prepared},
        "options": {
            k: (str(v) if isinstance(v, Path) else v)
            for k, v in vars(args).items()
            if k not in ("size",)
        },
        "selected": selected,
        "figures": [f.as_dict() for f in rows],
        "results": results,
    }


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    args.command_line = command_line(argv)
    report = run(args)
    rows = figures(report["results"])
    print()
    print(table(rows))
    for budget, error in report["results"].get("errors", {}).items():
        print(f"{budget}  did not complete: {error}")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\nResults written to {out}")
    if args.write_docs:
        from bench.docs import rewrite

        rewrite(DOCS, report, rows)
        print(f"{DOCS.relative_to(ROOT)} rewritten")
    else:
        print(f"{DOCS.relative_to(ROOT)} not rewritten (a partial or quick run; --docs forces it)")
    failed = [f for f in report["figures"] if f["passed"] is False]
    return 1 if failed or "errors" in report["results"] else 0


if __name__ == "__main__":
    sys.exit(main())
