"""The README (K1): self-contained, and its system-library lines match the app's and CI's."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")

# What Qt's xcb plugin and the Qt libraries it loads link to directly; the rest comes with them.
DIRECT = (
    "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0", "libxcb-image.so.0",
    "libxcb-randr.so.0", "libxcb-render-util.so.0", "libxcb-shape.so.0", "libxcb-sync.so.1",
    "libxcb-xfixes.so.0", "libxcb-xkb.so.1", "libX11-xcb.so.1", "libxkbcommon-x11.so.0",
    "libEGL.so.1", "libGL.so.1", "libfontconfig.so.1", "libdbus-1.so.3", "libglib-2.0.so.0",
)  # fmt: skip


def install_line(text: str, command: str) -> set[str]:
    found = re.search(rf"^\s*sudo {command} install (.+)$", text, re.MULTILINE)
    assert found, f"no `sudo {command} install` line"
    return set(found.group(1).split())


def test_the_readme_points_only_inside_the_repository() -> None:
    assert "../" not in README
    named = re.findall(r"`((?:docs|resources|tests|bench|redvan)/[^`\s]*)`", README)
    assert named
    for path in named:
        assert (ROOT / path).exists(), path


def test_the_apt_and_dnf_lines_install_every_library_the_plugin_links_to() -> None:
    from redvan.gui.display import LIBRARIES

    assert install_line(README, "apt-get") == {LIBRARIES[s][0] for s in DIRECT}
    assert install_line(README, "dnf") == {LIBRARIES[s][1] for s in DIRECT}


def test_ci_installs_the_readme_s_packages_and_starts_the_app_on_xvfb() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    packages = re.search(r'^XCB_PACKAGES="([^"]+)"', run, re.MULTILINE)
    assert packages and set(packages.group(1).split()) == install_line(README, "apt-get")
    assert "xvfb" in run and "xauth" in run
    assert "QT_QPA_PLATFORM=xcb xvfb-run -a .venv/bin/redvan --self-test" in run


def test_the_direct_libraries_are_what_the_installed_plugin_needs() -> None:
    """DIRECT is not a guess: ldd on the installed plugin names each of them."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        pytest.skip("the xcb platform plugin exists only on Linux")
    from tests.broken_qt import installed_pyside

    plugin = installed_pyside() / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        pytest.skip("this PySide6 has no xcb platform plugin")
    listed = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False)
    names = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    assert set(DIRECT) <= names
