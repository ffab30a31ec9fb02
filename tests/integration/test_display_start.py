"""K1: on a Linux without one of the X libraries Qt's xcb plugin needs, `redvan` says which and
what installs it, and exits 1, where Qt alone aborts with a core dump (issue 15).

The library is really missing for the process: see tests/broken_qt.py. No display server is
needed: the check runs before Qt would connect to one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.broken_qt import MISSING, broken_pyside


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    tree = broken_pyside(tmp_path / "site")
    home = tmp_path / "home"
    home.mkdir()
    return dict(
        os.environ,
        PYTHONPATH=str(tree),
        QT_QPA_PLATFORM="xcb",
        DISPLAY=":94",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        REDVAN_LOG_DIR=str(tmp_path / "logs"),
        LANG="C.UTF-8",
    )


def run(
    argv: list[str], env: dict[str, str], cwd: Path, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *argv],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_without_the_check_qt_aborts_on_this_plugin(env: dict[str, str], tmp_path: Path) -> None:
    """The scenario is real: Qt itself cannot load the plugin, and dumps core."""
    done = run(
        ["-c", "from PySide6.QtWidgets import QApplication; QApplication([])"], env, tmp_path
    )
    assert done.returncode == -signal.SIGABRT
    assert 'Could not load the Qt platform plugin "xcb"' in done.stderr
    assert "could not connect to display" not in done.stderr  # it failed on the library


def test_the_app_names_the_missing_library_and_exits_1(env: dict[str, str], tmp_path: Path) -> None:
    done = run(["-m", "redvan", "gui"], env, tmp_path)
    assert done.returncode == 1, done.stderr
    first = done.stderr.splitlines()[0]
    assert first.startswith("redvan: Red Van cannot open its window: ")
    assert f"needs {MISSING}, which is not installed" in first
    assert "apt-file search" in done.stderr and "dnf provides" in done.stderr
    assert "Aborted" not in done.stderr and "Traceback" not in done.stderr


def test_the_readme_demo_command_says_it_before_making_a_vault(
    env: dict[str, str], tmp_path: Path
) -> None:
    vault = tmp_path / "demo" / "night.redvan"
    done = run(
        [
            "-m",
            "redvan",
            "demo",
            "--vault",
            str(vault),
            "--weeks",
            "1",
            "--gui",
            "--passphrase-stdin",
        ],
        env,
        tmp_path,
        stdin="correct horse battery staple night\n",
    )
    assert done.returncode == 1, done.stderr
    assert MISSING in done.stderr and "RECOVERY CODE" not in done.stdout
    assert not vault.exists()  # nothing was made: after installing, the same command works


def test_the_self_test_fails_at_the_display_step(env: dict[str, str], tmp_path: Path) -> None:
    """It used to say "self-test passed": it drew offscreen only."""
    done = run(["-m", "redvan", "--self-test"], env, tmp_path)
    assert done.returncode == 1
    assert "ok gui " in done.stdout and "self-test passed" not in done.stdout
    assert done.stderr.startswith(
        "self-test failed at step display: Red Van cannot open its window"
    )
    assert MISSING in done.stderr
