"""A description of the machine a benchmark ran on, for the report and the JSON results."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from pathlib import Path
from typing import Any

import sqlcipher3


def _cpuinfo_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.processor() or "unknown"
    for line in text.splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_total_gib() -> float | None:
    try:
        text = Path("/proc/meminfo").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemTotal:"):
            return round(int(line.split()[1]) / (1024 * 1024), 1)
    return None


def _os_name() -> str:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return platform.platform()
    for line in text.splitlines():
        if line.startswith("PRETTY_NAME="):
            return f"{line.split('=', 1)[1].strip(chr(34))}, kernel {platform.release()}"
    return platform.platform()


def _sqlcipher_versions() -> tuple[str, str]:
    conn = sqlcipher3.connect(":memory:")
    try:
        cipher = conn.execute("PRAGMA cipher_version").fetchone()[0]
        engine = conn.execute("SELECT sqlite_version()").fetchone()[0]
    finally:
        conn.close()
    return str(cipher), str(engine)


def _package_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> list[float]:
    """The 1, 5 and 15 minute load averages: other work on the machine skews timings."""
    try:
        return [float(x) for x in os.getloadavg()]
    except OSError:
        return []


def redvan_code() -> dict[str, Any]:
    """The commit the bench ran against, and whether redvan/ had uncommitted changes."""
    import subprocess

    root = Path(__file__).resolve().parent.parent
    try:
        head = (
            subprocess.run(
                ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, check=True
            )
            .stdout.decode()
            .strip()
        )
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "redvan"],
            cwd=root,
            capture_output=True,
            check=True,
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": "unknown", "uncommitted_files_in_redvan": None}
    return {"commit": head, "uncommitted_files_in_redvan": len(changed.splitlines())}


def describe() -> dict[str, Any]:
    cipher, engine = _sqlcipher_versions()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "cpu": _cpuinfo_model(),
        "logical_cpus": os.cpu_count(),
        "usable_cpus": usable,
        "ram_gib": _mem_total_gib(),
        "os": _os_name(),
        "python": sys.version.split()[0],
        "sqlcipher": cipher,
        "sqlcipher_sqlite": engine,
        "stdlib_sqlite3": sqlite3.sqlite_version,
        "sqlcipher3_package": _package_version("sqlcipher3"),
        "argon2_cffi": _package_version("argon2-cffi"),
        "pyside6": _package_version("PySide6-Essentials"),
        "pyinstaller": _package_version("pyinstaller"),
        "load_average_at_start": load_average(),
        "redvan": redvan_code(),
    }


def lines(machine: dict[str, Any]) -> list[str]:
    return [
        f"CPU      {machine['cpu']} ({machine['usable_cpus']} usable of "
        f"{machine['logical_cpus']} logical CPUs)",
        f"RAM      {machine['ram_gib']} GiB",
        f"OS       {machine['os']}",
        f"Python   {machine['python']}",
        f"SQLCipher {machine['sqlcipher']} (SQLite {machine['sqlcipher_sqlite']}, "
        f"sqlcipher3 {machine['sqlcipher3_package']}); stdlib sqlite3: SQLite "
        f"{machine['stdlib_sqlite3']}; argon2-cffi {machine['argon2_cffi']}",
        f"Qt       PySide6 {machine['pyside6']}; PyInstaller {machine['pyinstaller']}",
        f"Load     {' '.join(f'{x:.2f}' for x in machine['load_average_at_start'])} at start",
        f"redvan   commit {machine['redvan']['commit']}, "
        f"{machine['redvan']['uncommitted_files_in_redvan']} uncommitted files under redvan/",
    ]
