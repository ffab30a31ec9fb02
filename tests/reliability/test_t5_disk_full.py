"""T5 (SPEC §11, P4): disk full, on a small tmpfs.

The vault lives on a 6 MiB tmpfs that a filler file makes nearly full. The scenarios
themselves are in _disk_full.py:

- save_until_full: contacts with notes are saved until a save fails. The failure must be
  redvan.storage.errors.DiskFull ("this entry was NOT saved"), with no transaction left open
  and nothing of the failed save in the vault (contacts, services, referrals and audit events
  agree). Locking on the full disk must not raise nor leave a half-written backup. After the
  filler is deleted the vault unlocks, every acknowledged contact is there with its note,
  integrity_check, cipher_integrity_check and the audit chain pass, and a new save works.
- unlock_on_full_disk: unlocking on a completely full disk must fail with a VaultError that
  says so (not a raw SQLCipher error), and lose nothing.

As root the test mounts the tmpfs itself (and always unmounts it); otherwise it runs the
scenario in a child inside `unshare --user --map-root-user --mount`; otherwise it is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import _disk_full
import pytest

SCENARIO_SCRIPT = Path(_disk_full.__file__).resolve()
PROJECT = Path(__file__).resolve().parents[2]


def _mount_tmpfs(target: Path) -> str | None:
    """Mount a small tmpfs on `target`; returns why not, or None when mounted."""
    if sys.platform != "linux":
        return "tmpfs mounts need Linux"
    if os.geteuid() != 0:
        return "not running as root"
    if shutil.which("mount") is None:
        return "no mount command"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={_disk_full.TMPFS_SIZE},mode=0700", "tmpfs", target],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return f"mount failed: {done.stderr.strip() or done.returncode}"
    return None


def _unmount(target: Path) -> None:
    done = subprocess.run(["umount", target], capture_output=True, text=True, check=False)
    if done.returncode != 0:  # something still holds it open: detach it anyway
        subprocess.run(["umount", "-l", target], capture_output=True, check=False)


def _run_in_user_namespace(scenario: str, target: Path, why_not_root: str) -> dict[str, Any]:
    if sys.platform != "linux" or shutil.which("unshare") is None:
        pytest.skip(f"no small filesystem for T5: {why_not_root}, and no unshare(1)")
    script = 'mount -t tmpfs -o "size=$1" tmpfs "$2" || exit 97\nexec "$3" "$4" "$5" "$2"\n'
    done = subprocess.run(
        [
            "unshare",
            "--user",
            "--map-root-user",
            "--mount",
            "sh",
            "-c",
            script,
            "sh",
            _disk_full.TMPFS_SIZE,
            str(target),
            sys.executable,
            str(SCENARIO_SCRIPT),
            scenario,
        ],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )
    if "SCENARIO-START" not in done.stdout:
        pytest.skip(
            f"no small filesystem for T5: {why_not_root}; unshare --user --mount failed "
            f"({done.stderr.strip()[-300:] or done.returncode})"
        )
    assert done.returncode == 0, done.stdout + done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("SCENARIO-RESULT "))
    return json.loads(line.removeprefix("SCENARIO-RESULT "))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Callable[[str], dict[str, Any]]]:
    """Run a named scenario of _disk_full.py on a fresh small tmpfs."""
    target = tmp_path / "small-disk"
    target.mkdir()
    why_not = _mount_tmpfs(target)
    if why_not is None:
        try:
            yield lambda scenario: _disk_full.SCENARIOS[scenario](target)
        finally:
            _unmount(target)
    else:
        yield lambda scenario: _run_in_user_namespace(scenario, target, why_not)


def test_disk_full_save_fails_clearly_and_loses_nothing(
    small_disk: Callable[[str], dict[str, Any]],
) -> None:
    outcome = small_disk("save_until_full")
    assert outcome["error"] == "DiskFull"
    assert outcome["acknowledged"] >= 2


def test_unlock_on_full_disk_is_a_clear_vault_error(
    small_disk: Callable[[str], dict[str, Any]],
) -> None:
    small_disk("unlock_on_full_disk")


def test_a_wrong_passphrase_on_a_full_disk_is_counted_before_it_is_tried(
    small_disk: Callable[[str], dict[str, Any]],
) -> None:
    """V12 (issue 13): before, the guess was evaluated and went uncounted. Now it is counted in
    the counter's own blocks before it is tried (a torn write would mean the longest delay)."""
    assert small_disk("wrong_passphrase_on_full_disk")["outcome"] == "counted and refused"


def test_a_vault_on_a_full_disk_opens_read_only_and_says_how_to_free_space(
    small_disk: Callable[[str], dict[str, Any]],
) -> None:
    outcome = small_disk("read_only_on_full_disk")
    assert outcome["in_place"] == "unwritable", outcome  # the finding: it cannot open in place
    assert outcome["acknowledged"] >= 2
    assert outcome["check_exit"] == 0, outcome["check_err"]
    assert "read-only" in outcome["check_err"] and "Free space" in outcome["check_err"]


def test_the_app_opens_a_vault_on_a_full_disk_read_only(
    small_disk: Callable[[str], dict[str, Any]],
) -> None:
    """Issue 14: before, the app said only that the vault could not be opened."""
    outcome = small_disk("app_opens_read_only_on_full_disk")
    assert outcome["shown"] == 12
    assert "read-only" in outcome["said"] and "Free some space" in outcome["said"]
