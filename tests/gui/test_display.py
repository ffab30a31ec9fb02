"""The start-up check for Qt's xcb platform plugin (redvan/gui/display.py, SPEC K1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redvan.gui import display
from redvan.gui.display import DisplayUnavailable
from tests.broken_qt import MISSING, broken_pyside

# What `ldd libqxcb.so` printed on a fresh Debian 12 (issue 15), shortened.
LDD = """\
\tlinux-vdso.so.1 (0x00007ffd6b3f2000)
\tlibQt6XcbQpa.so.6 => /opt/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x1)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f0c1e7d2000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\t/lib64/ld-linux-x86-64.so.2 (0x00007f0c1e9a1000)
"""

DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'
UBUNTU = "ID=ubuntu\nID_LIKE=debian\n"
FEDORA = 'NAME="Fedora Linux"\nID=fedora\n'
ARCH = "ID=arch\n"


def test_ldd_output_gives_each_missing_library_once() -> None:
    assert display.parse_ldd(LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert display.parse_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.parametrize(
    ("text", "family"),
    [(DEBIAN, "debian"), (UBUNTU, "debian"), (FEDORA, "fedora"), (ARCH, None), ("", None)],
)
def test_the_distribution_family(text: str, family: str | None) -> None:
    assert display.distribution(text) == family


def test_the_issue_s_two_libraries_become_one_apt_line_and_one_dnf_line() -> None:
    missing = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert display.install_commands(missing) == (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1",
        "sudo dnf install xcb-util-wm xcb-util-keysyms",
    )
    debian = display.describe_missing(missing, "debian")
    assert debian.splitlines() == [
        "Red Van cannot open its window: Qt's X11 (xcb) platform plugin needs "
        "libxcb-icccm.so.4 and libxcb-keysyms.so.1, which are not installed on this computer.",
        "Install them with this command, then start Red Van again (nothing was changed):",
        "    sudo apt-get install libxcb-icccm4 libxcb-keysyms1",
    ]
    fedora = display.describe_missing(["libxcb-cursor.so.0"], "fedora")
    assert "needs libxcb-cursor.so.0, which is not installed" in fedora
    assert fedora.endswith("\n    sudo dnf install xcb-util-cursor")
    other = display.describe_missing(missing, None)  # Arch, openSUSE …: both, labelled
    assert "On Debian or Ubuntu:\n    sudo apt-get install" in other
    assert "On Fedora:\n    sudo dnf install" in other


def test_every_library_the_plugin_links_to_has_its_packages() -> None:
    """The map covers what ldd can name for the xcb plugin (and libxcb-cursor, issue 15)."""
    for soname in (
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libxcb-cursor.so.0",
        "libxkbcommon-x11.so.0",
        "libxcb-image.so.0",
        "libxcb-render-util.so.0",
        "libxcb-shape.so.0",
        "libxcb-randr.so.0",
        "libxcb-xkb.so.1",
        "libEGL.so.1",
        "libGL.so.1",
        "libfontconfig.so.1",
        "libdbus-1.so.3",
    ):
        debian, fedora = display.LIBRARIES[soname]
        assert debian and fedora and " " not in debian + fedora


def test_an_unknown_library_gets_the_way_to_find_its_package() -> None:
    text = display.describe_missing(["libfoo.so.3"], "debian")
    assert "needs libfoo.so.3, which is not installed" in text
    assert "apt-file search" in text and "dnf provides" in text
    assert display.install_commands(["libfoo.so.3", "libxcb-icccm.so.4"]) is None


def test_a_missing_qt_library_of_our_own_says_reinstall(tmp_path: Path) -> None:
    text = display.describe_missing(["libQt6XcbQpa.so.6"], "debian", tmp_path)
    assert text.startswith("Red Van's own Qt files are incomplete") and "apt-get" not in text


@pytest.mark.parametrize(
    ("env", "platform", "xcb"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),  # no Wayland: Qt falls back
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"XDG_SESSION_TYPE": "x11"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_only_an_xcb_start_is_checked(env: dict[str, str], platform: str, xcb: bool) -> None:
    assert display.uses_xcb(env, platform) is xcb


def test_no_display_at_all_is_said_plainly() -> None:
    with pytest.raises(DisplayUnavailable, match="no desktop display was found"):
        display.check({"QT_QPA_PLATFORM": "xcb"}, "linux")
    display.check({"QT_QPA_PLATFORM": "offscreen"}, "linux")  # tests, CI: nothing to check


def test_the_real_loader_and_ldd_find_the_missing_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = broken_pyside(tmp_path)
    plugin = tree / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    assert display.missing_libraries(plugin) == [MISSING]
    # With the library in the map (a fake list: every real one is installed here), the message
    # carries the install line for this computer's family.
    monkeypatch.setitem(display.LIBRARIES, MISSING, ("libredvan-none0", "redvan-none"))
    monkeypatch.setattr(display, "_os_release", lambda: UBUNTU)
    env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":93"}
    monkeypatch.setattr(display, "plugin_dirs", lambda env: [plugin.parent])
    with pytest.raises(DisplayUnavailable) as raised:
        display.check(env, "linux")
    assert raised.value.missing == (MISSING,)
    assert raised.value.command == "sudo apt-get install libredvan-none0"
    assert str(raised.value).endswith("\n    sudo apt-get install libredvan-none0")


def test_a_broken_copy_first_on_the_path_does_not_block_when_qt_s_own_loads(tmp_path: Path) -> None:
    """Qt falls back from QT_QPA_PLATFORM_PLUGIN_PATH to its own plugins; so does the check."""
    tree = broken_pyside(tmp_path)
    first = tree / "PySide6" / "Qt" / "plugins" / "platforms"
    if display.missing_libraries(display.find_plugins({})[-1]):
        pytest.skip("this computer lacks libraries of the real xcb plugin")
    env = {"QT_QPA_PLATFORM_PLUGIN_PATH": str(first), "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":93"}
    assert display.find_plugins(env)[0] == first / "libqxcb.so"
    assert display.missing_libraries(display.find_plugins(env)[0]) == [MISSING]
    with pytest.raises(DisplayUnavailable, match="refused the connection"):  # past the libraries
        display.check(env, "linux")


def test_a_display_that_does_not_answer_is_told() -> None:
    if display.missing_libraries(display.find_plugins({})[-1]):
        pytest.skip("this computer lacks libraries of the real xcb plugin")
    assert display._display_answers(":93.0") is False
    with pytest.raises(DisplayUnavailable, match="the display :93 refused the connection"):
        display.check({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":93"}, "linux")
