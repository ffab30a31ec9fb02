"""The frozen one-folder app (`dist/redvan/`, made by PyInstaller from `build.spec`) and B10.

B10 is the size of that folder, ≤ 150 MB: the bytes of every file in it (what an installer or
archive carries, before compression; MB = 10⁶ bytes), with `du`'s disk usage beside it. The
bench does not build the app unless asked (`--build`: `.ci/frozen` if the project has it, else
`pyinstaller --noconfirm build.spec`), since a build takes minutes; without a build, B2's
frozen figure and B10 say "not built".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.report import Figure

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist" / "redvan"
BUDGET_MB = 150.0
NOT_BUILT = "not built — run pyinstaller build.spec"


def executable(dist: Path = DIST) -> Path | None:
    for name in ("redvan", "redvan.exe"):
        path = dist / name
        if path.is_file() and os.access(path, os.X_OK):
            return path
    return None


def build() -> dict[str, Any]:
    """Build the frozen app the way the project does; returns what ran and how long it took."""
    script = ROOT / ".ci" / "frozen"
    if script.exists():
        argv = [str(script)]
    else:
        pyinstaller = shutil.which("pyinstaller") or str(
            Path(sys.executable).with_name("pyinstaller")
        )
        argv = [pyinstaller, "--noconfirm", "build.spec"]
    if not (ROOT / "build.spec").exists() and not script.exists():
        raise RuntimeError("there is no build.spec to build the frozen app from")
    print(f"Building the frozen app: {' '.join(Path(a).name for a in argv)}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        # The self-test reports on standard output, PyInstaller on standard error: keep both.
        out = done.stdout.decode(errors="replace")[-1500:]
        err = done.stderr.decode(errors="replace")[-1500:]
        raise RuntimeError(
            f"building the frozen app failed (exit {done.returncode}):\n{out}\n{err}"
        )
    return {"command": " ".join(Path(a).name for a in argv), "seconds": round(took, 1)}


def folder_size(folder: Path) -> dict[str, Any]:
    files, apparent, blocks = 0, 0, 0
    for path in folder.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        stat = path.stat()
        files += 1
        apparent += stat.st_size
        blocks += stat.st_blocks * 512
    largest = sorted(
        ((p.stat().st_size, p) for p in folder.rglob("*") if p.is_file() and not p.is_symlink()),
        reverse=True,
    )[:10]
    return {
        "path": str(folder),
        "files": files,
        "bytes": apparent,
        "disk_bytes": blocks,
        "largest": [{"file": str(p.relative_to(folder)), "bytes": n} for n, p in largest],
    }


def run() -> dict[str, Any]:
    if executable() is None:
        return {"built": False, "note": NOT_BUILT}
    return {"built": True, **folder_size(DIST)}


def figures(result: dict[str, Any]) -> list[Figure]:
    if not result.get("built"):
        return [
            Figure(
                "B10",
                "frozen one-folder bundle (dist/redvan)",
                None,
                "MB",
                BUDGET_MB,
                note=result.get("note", NOT_BUILT),
            )
        ]
    return [
        Figure(
            "B10",
            f"frozen one-folder bundle, {result['files']:,} files",
            result["bytes"] / 1e6,
            "MB",
            BUDGET_MB,
        ),
        Figure("B10", "  disk usage (du)", result["disk_bytes"] / 1e6, "MB"),
    ]
