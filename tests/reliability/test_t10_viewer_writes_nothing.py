"""T10: the auditor viewer writes nothing anywhere (SPEC X6).

The real `redvan open` runs in its own process, offscreen, with HOME, the XDG folders and TMPDIR
pointed at fresh folders (holding a trusted-keys file and app settings it must only read). It
opens the bundle, visits every tab and the last record, and closes. Before and after, every
file and folder in those places and in the bundle's folder is listed with its size, times and
SHA-256: nothing may be added, removed or changed, not even an access-free rewrite.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from redvan.core.demo import DemoPlan, generate
from redvan.core.weeks import IsoWeek
from redvan.exchange.bundle import write_audit_bundle
from redvan.exchange.signing import device_key, signature_path

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 20, 22, 40, tzinfo=UTC)
PLACES = ("home", "config", "data", "cache", "state", "runtime", "tmp")

Snapshot = dict[str, tuple[str, int, int, str]]


def snapshot(*roots: Path) -> Snapshot:
    """Every entry under the roots (the roots too): kind, size, mtime, SHA-256 of files."""
    seen: Snapshot = {}
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in [".", *dirs, *sorted(files)]:
                path = Path(folder) / name if name != "." else Path(folder)
                info = path.lstat()
                kind = "dir" if path.is_dir() and not path.is_symlink() else "file"
                digest = hashlib.sha256(path.read_bytes()).hexdigest() if kind == "file" else ""
                seen[str(path)] = (kind, info.st_size, info.st_mtime_ns, digest)
    return seen


@pytest.fixture
def world(services, tmp_path: Path) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """A bundle (genuine, tampered, malformed) in its own folder, and a fake user's folders."""
    generate(services, DemoPlan(weeks=3, seed=5, last_week=IsoWeek(2026, 46)))
    folder = tmp_path / "from-the-funder"
    folder.mkdir()
    good = folder / "audit.rvaudit"
    write_audit_bundle(services, IsoWeek(2026, 44), IsoWeek(2026, 46), good, now=NOW)
    tampered = folder / "tampered.rvaudit"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "tally.json":
                tally = json.loads(data)
                tally["totals"]["contacts"]["count"] += 1
                data = json.dumps(tally).encode()
            target.writestr(info, data)
    signature_path(tampered).write_bytes(signature_path(good).read_bytes())
    (folder / "malformed.rvaudit").write_bytes(b"PK\x03\x04 not really a zip")

    places = {name: tmp_path / name for name in PLACES}
    for path in places.values():
        path.mkdir(mode=0o700)
    # What the viewer reads and must leave alone: the trusted keys and the app's settings.
    (places["config"] / "redvan").mkdir()
    (places["config"] / "redvan" / "trusted-devices.pub").write_text(
        device_key(services.store).public.file_text(), encoding="utf-8"
    )
    (places["config"] / "redvan" / "redvan.ini").write_text(
        "[ui]\nlanguage=da\ntheme=dark\n", encoding="utf-8"
    )
    return {"folder": folder, **places}


def run_viewer(world: dict[str, Path], bundle: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(world["home"]),
        "XDG_CONFIG_HOME": str(world["config"]),
        "XDG_DATA_HOME": str(world["data"]),
        "XDG_CACHE_HOME": str(world["cache"]),
        "XDG_STATE_HOME": str(world["state"]),
        "XDG_RUNTIME_DIR": str(world["runtime"]),
        "TMPDIR": str(world["tmp"]),
        "QT_QPA_PLATFORM": "offscreen",
        "REDVAN_VIEWER_QUIT_AFTER_SHOWN": "1",
        "PYTHONDONTWRITEBYTECODE": "1",  # Python's own caches live in the source tree anyway
        "PYTHONPATH": str(ROOT),
    }
    return subprocess.run(
        [sys.executable, "-m", "redvan.cli", "open", str(bundle)],
        env=env,
        cwd=world["folder"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "shown", "code"),
    [
        ("audit.rvaudit", "ok", 0),
        ("tampered.rvaudit", "bad", 0),
        ("malformed.rvaudit", "refused", 1),
    ],
)
def test_the_viewer_writes_nothing_anywhere(
    world: dict[str, Path], name: str, shown: str, code: int
) -> None:
    bundle = world["folder"] / name
    roots = [world["folder"], *(world[place] for place in PLACES)]
    hashes = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in world["folder"].iterdir()}
    before = snapshot(*roots)

    result = run_viewer(world, bundle)

    assert result.returncode == code, result.stderr
    assert f"redvan-viewer {shown}" in result.stdout.splitlines(), result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    after = snapshot(*roots)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(p for p in set(before) & set(after) if before[p] != after[p])
    assert (added, removed, changed) == ([], [], [])
    assert {
        p: hashlib.sha256(p.read_bytes()).hexdigest() for p in world["folder"].iterdir()
    } == hashes
    assert bundle.exists()
