"""B14: merge of 50 sync packages with the O3 estimates of distinct persons (≤ 2 s).

The reference vault's year package (its real weekly tables, exported by
`redvan.exchange.sync`) is the template; each of 50 devices gets its own key and its own
persons: every week's sketch is made again from that device's persons of the week (as many as
the week's count; 30 % of them shared with other devices), so the merge unites 50 different
sketches per week instead of 50 equal ones. Each package is signed with its device's key and
written to a file. What is timed, the median over the runs after one warm-up: reading the 50
files (signature, schema, consistency, sketches), `merge` with the per-week and whole-period
estimates, and rendering the text output with the estimate lines.

Standalone on any vault: `python -m bench.b14_merge VAULT [--packages 50] [--runs 5]`
(passphrase on standard input); `python -m bench --only B14` on the reference vault.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary

BUDGET_S = 2.0


def _packages(
    template: dict[str, Any], folder: Path, packages: int, seed: int
) -> tuple[list[Path], list[Any]]:
    from redvan.exchange import signing, sync
    from redvan.exchange.sketch import METHOD, Sketch, organisation_id, person_key

    rng = random.Random(seed)
    secret = rng.randbytes(32)
    key = person_key(secret)
    shared: list[str] = [f"shared-{i}" for i in range(5000)]
    files, keys = [], []
    for number in range(1, packages + 1):
        device = signing.DeviceKey.generate()
        document = json.loads(json.dumps(template))
        document["device_id"] = device.device_id
        document["device_public_key"] = device.public.base64
        document["sequence"] = 1
        document["package_id"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        document["estimates"] = {"method": METHOD, "organisation": organisation_id(secret)}
        # The device's persons of the year: its own, and some met by other devices too.
        pool = [f"{number}-{i}" for i in range(max(1, int(document["persons"] * 0.7)))]
        pool += rng.sample(shared, min(len(shared), document["persons"] - len(pool)))
        for entry in document["weeks"]:
            persons = entry["totals"]["persons"]
            if persons:
                met = rng.sample(pool, min(persons, len(pool)))
                entry["sketch"] = Sketch.of(key, met).encode()
        sync.check_document(document, "generated")
        data = sync.encode(document)
        path = folder / f"van{number:02d}.rvsync"
        sync.write_private(path, data)
        comment = sync.trusted_comment(
            device.device_id,
            1,
            sync.IsoWeek.parse(document["period"]["first"]),
            sync.IsoWeek.parse(document["period"]["last"]),
        )
        sync.write_private(signing.signature_path(path), device.sign(data, comment))
        files.append(path)
        keys.append(device.public)
    return files, keys


def run(
    vault_path: Path, passphrase: str, scratch: Path, runs: int, packages: int, seed: int = 7
) -> dict[str, Any]:
    from bench.b4_tally import last_full_week
    from redvan.core.services import Services
    from redvan.exchange import merge, signing, sync
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import unlock

    vault = unlock(vault_path, passphrase)
    try:
        services = Services(VaultStore(vault))
        last = last_full_week(services)
        first = last - 51
        template = sync.build_package(
            services,
            first,
            last,
            public_key=signing.device_key(services.store).public,
            sequence=1,
            created=datetime.now(),
        )
    finally:
        vault.close(backup=False)
    folder = scratch / "b14"
    folder.mkdir(exist_ok=True)
    files, keys = _packages(template, folder, packages, seed)

    def merged() -> Any:
        read, refused = sync.read_packages(files, keys)
        if refused or len(read) != len(files):
            raise RuntimeError(f"the merge refused packages: {refused[:2]}")
        result = merge.merge(merge.Ledger(), read)
        if result.refused:
            raise RuntimeError(f"the merge refused packages: {result.refused[:2]}")
        merge.render(result, "text", "en", datetime.now())
        return result

    merged()  # warm-up
    samples: list[float] = []
    cpu: list[float] = []  # this process's CPU time: what a loaded machine does not inflate
    result = None
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        result = merged()
        samples.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
    assert result is not None and result.estimate is not None
    e = result.estimate
    return {
        "runs": runs,
        "packages": packages,
        "period": f"{first}..{last}",
        "package_bytes": files[0].stat().st_size,
        "ms": Summary.of(samples).as_dict(),
        "cpu_ms": Summary.of(cpu).as_dict(),
        "estimate": [e.value, e.low, e.high],
        "range": [result.persons.low, result.persons.high],
    }


def bench(base: Path, passphrase: str, scratch: Path, args: Any) -> dict[str, Any]:
    """`python -m bench --only B14`: on a scratch copy of the reference vault."""
    from bench.refdata import copy_vault, remove_copy

    copy = copy_vault(base, scratch, "b14.redvan")
    try:
        return run(copy, passphrase, scratch, args.exchange_runs, args.packages, args.seed)
    finally:
        remove_copy(copy)


def figures(result: dict[str, Any]) -> list[Figure]:
    n = result["ms"]["n"]
    what = f"merge of {result['packages']} sync packages with O3 estimates, median (n={n})"
    return [
        Figure("B14", what, result["ms"]["p50"] / 1000, "s", BUDGET_S),
        Figure("B14", "  the same, CPU time of the process", result["cpu_ms"]["p50"] / 1000, "s"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.b14_merge", description=__doc__)
    parser.add_argument("vault", type=Path)
    parser.add_argument("--packages", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    passphrase = sys.stdin.readline().rstrip("\n")
    with tempfile.TemporaryDirectory() as scratch:
        result = run(args.vault, passphrase, Path(scratch), args.runs, args.packages)
    print(json.dumps(result, indent=2))
    for figure in figures(result):
        print(f"{figure.budget_id} {figure.measure}: {figure.measured_text} ({figure.verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
