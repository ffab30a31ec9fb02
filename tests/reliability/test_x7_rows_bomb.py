"""Issue 14, finding 3 (SPEC X7): memory before the signature.

A 6 MiB bundle holding 11 million minimal rows (143 MiB of rows.json, inside every size and
ratio cap) took 3.3 GB in `redvan verify` and `redvan open` before anything was refused. The
rows are now streamed, a batch at a time, and capped; a file changed after it was signed is
refused before its rows are read. Memory is measured in a fresh subprocess (its peak resident
size, from resource.getrusage); time is not asserted here (see the report and bench/)."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from redvan.core.weeks import IsoWeek
from redvan.exchange import bundle as b
from redvan.exchange.signing import device_key, signature_path

ROWS = 11_000_000
BUDGET_MB = 300
FIRST, LAST = IsoWeek(2026, 45), IsoWeek(2026, 47)


def bomb_rows(path: Path) -> tuple[int, str]:
    """rows.json of ROWS minimal rows, in the bundle's first week; random spacing between the
    rows keeps it from compressing more than a genuine file (the ratio cap)."""
    rng = random.Random(14)
    joints = [",", ", ", ",\n", ",\t"]
    pieces = [f"[null,{{}},[]]{j}" for j in joints]
    digest, size = hashlib.sha256(), 0
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        with zf.open("rows.json", "w") as out:

            def put(text: str) -> None:
                nonlocal size
                data = text.encode()
                digest.update(data)
                size += len(data)
                out.write(data)

            put(f'{{"format":"redvan-audit-rows","version":1,"first_week":"{FIRST}",')
            put(f'"last_week":"{LAST}","weeks":[{{"week":"{FIRST}","rows":[')
            left = ROWS - 1
            while left:
                n = min(left, 500_000)
                put("".join(rng.choices(pieces, k=n)))
                left -= n
            put("[null,{},[]]]}]}")
    return size, digest.hexdigest()


def make_bomb(services: Any, tmp_path: Path) -> tuple[Path, Path]:
    """A bundle of the vault's device, genuine but for its 11 million rows, signed by it."""
    from tests.unit.test_bundle import fill  # a few genuine contacts for the other members

    fill(services)
    genuine = tmp_path / "genuine.rvaudit"
    b.write_audit_bundle(services, FIRST, LAST, genuine)
    with zipfile.ZipFile(genuine) as zf:
        content = {n: zf.read(n) for n in zf.namelist()}
    path = tmp_path / "bomb.rvaudit"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        pass
    size, sha = bomb_rows(path)
    manifest = json.loads(content["manifest.json"])
    for entry in manifest["members"]:
        if entry["name"] == "rows.json":
            entry["size"], entry["sha256"] = size, sha
    content["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        for name in ("manifest.json", "tally.json", "report.pdf", "audit-summary.json"):
            zf.writestr(name, content[name])
    comment = b.read_signature_file(genuine)[0]
    assert comment is not None
    trusted_comment = comment.decode().splitlines()[2].removeprefix("trusted comment: ")
    key = device_key(services.store)
    signature_path(path).write_bytes(key.sign(path.read_bytes(), trusted_comment))
    pub = tmp_path / "device.pub"
    pub.write_text(key.public.file_text(), encoding="utf-8")
    return path, pub


PROBE = """
import resource, sys
from pathlib import Path
from redvan import cli
from redvan.exchange.bundle import open_bundle
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import load_public_key
what, path, pub = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
if what == "verify":
    code = cli.main(["verify", str(path), "--pubkey", pub])
    print("exit", code)
else:
    try:
        open_bundle(path, [load_public_key(pub)])
        print("opened")
    except ImportRefused as exc:
        print("refused:", exc)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:  # Linux: the high-water mark of this process's own memory (see probe())
    with open("/proc/self/status") as status:
        peak = next(int(x.split()[1]) for x in status if x.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print("maxrss_kb", peak)
"""


def probe(what: str, path: Path, pub: Path, tmp_path: Path) -> tuple[str, str, float]:
    """Run ``redvan verify`` or open the bundle in a fresh process; its peak resident size.

    getrusage's ru_maxrss is the measure, except on Linux, where a process started by fork
    and exec carries the parent's high-water mark over (the kernel records the old memory's
    peak at exec): in a long test run that is pytest's own size, not the probe's. There the
    probe reads VmHWM, the peak of its own memory since exec, from /proc/self/status."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, what, str(path), str(pub)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        timeout=600,
    )
    lines = done.stdout.splitlines()
    assert lines and lines[-1].startswith("maxrss_kb"), (done.stdout, done.stderr)
    return "\n".join(lines[:-1]), done.stderr, int(lines[-1].split()[1]) / 1024


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_rows_bomb_stays_in_bounded_memory(services: Any, tmp_path: Path) -> None:
    path, pub = make_bomb(services, tmp_path)
    assert path.stat().st_size < 8 * 1024 * 1024  # a small file, inside every cap
    out, err, mb = probe("verify", path, pub, tmp_path)
    assert "exit 1" in out and "more than 1,000,000 rows" in err, (out, err)
    assert mb < BUDGET_MB, f"redvan verify peaked at {mb:.0f} MB"
    out, err, mb = probe("open", path, pub, tmp_path)
    assert "refused:" in out and "more than 1,000,000 rows" in out, (out, err)
    assert mb < BUDGET_MB, f"opening the bundle peaked at {mb:.0f} MB"
    # Changed after signing: the signature problem, and still bounded memory.
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    out, err, mb = probe("verify", path, pub, tmp_path)
    assert "exit 1" in out and err.startswith("redvan: "), (out, err)
    assert mb < BUDGET_MB
