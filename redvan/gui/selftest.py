"""The Qt part of `redvan --self-test` (see redvan/selftest.py): platform plugins, the Danish
translation, the app icon and the unlock window, drawn on the offscreen platform; then, when
there is a display, a real start on it: the libraries the platform plugin needs (the check the
app makes before its first window) and a window shown by a separate process with the platform
the app itself would use (so that a Qt abort fails the step instead of the self-test).

Touches no QSettings and no window geometry: nothing of the user's setup is read or written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEventLoop, QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

from redvan.gui import theme
from redvan.gui.app import app_icon
from redvan.gui.i18n import qm_path
from redvan.gui.session import Session
from redvan.gui.unlock.page import UnlockPage
from redvan.resources import resource_path
from redvan.selftest import StepFailed

ENGLISH_TITLE = "Unlock the vault"  # UnlockPage's title before translation


def check_gui(vault: Path, staff: str) -> str:
    """Draw the unlock window of `vault` in Danish; returns what was proven, in one line."""
    app = QApplication.instance()
    if app is None:
        # The command-line option wins over QT_QPA_PLATFORM: the self-test needs no display.
        app = QApplication(["redvan", "-platform", "offscreen"])
    assert isinstance(app, QApplication)
    _check_platform_plugins()
    ours = QTranslator(app)
    if not ours.load(str(qm_path("da"))):
        raise StepFailed("the Danish translation could not be loaded")
    qt_own = QTranslator(app)
    if not qt_own.load(QLocale("da"), "qtbase", "_", _translations_dir()):
        raise StepFailed("Qt's own Danish translation (qtbase_da.qm) is missing")
    app.installTranslator(ours)
    page: UnlockPage | None = None
    try:
        svg = QIcon(str(resource_path("icons", "redvan.svg"))).pixmap(64, 64)
        if svg.isNull() or svg.toImage().pixelColor(32, 40).alpha() == 0:
            raise StepFailed("the app icon could not be drawn from SVG (Qt SVG is missing)")
        if app_icon().pixmap(256, 256).isNull():
            raise StepFailed("the app icon could not be drawn")
        theme.apply(app, "dark")
        page = UnlockPage(Session(vault))
        page.resize(640, 480)
        page.prepare()
        if page.title.text() in ("", ENGLISH_TITLE):
            raise StepFailed("the Danish translation does not translate the unlock window")
        if [page.staff.itemText(i) for i in range(page.staff.count())] != [staff]:
            raise StepFailed("the unlock window does not list the vault's staff member")
        drawn = page.grab()
        if drawn.isNull() or drawn.width() < 100:
            raise StepFailed("the unlock window could not be drawn")
    finally:
        app.removeTranslator(ours)
        if page is not None:
            page.deleteLater()
    return (
        f"Qt {pyside_version} on {app.platformName()}: Danish translation, icon, "
        f"unlock window drawn {drawn.width()}x{drawn.height()}"
    )


def _translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _check_platform_plugins() -> None:
    """The desktop needs more than the offscreen plugin this check runs on."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    names = {p.name for p in folder.glob("*")} if folder.is_dir() else set()
    if sys.platform.startswith("linux"):
        needed = ["libqxcb.so", "libqwayland.so"]
    elif sys.platform == "win32":
        needed = ["qwindows.dll"]
    elif sys.platform == "darwin":
        needed = ["libqcocoa.dylib"]
    else:
        needed = []
    missing = [n for n in needed if n not in names]
    if missing:
        raise StepFailed(f"Qt's platform plugin {missing[0]} is missing")


# -- the real platform ------------------------------------------------------------------------

PROBE = "--platform-probe"  # handled by redvan/__main__.py, in a process of its own
PROBE_SAYS = "redvan-platform"
NOT_A_DISPLAY = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb"}


def display_in_use(env: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """The display the app would open its window on; None when there is none (or it is not
    a screen: QT_QPA_PLATFORM=offscreen, as in CI without Xvfb)."""
    env = dict(os.environ) if env is None else env
    wanted = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if wanted in NOT_A_DISPLAY:
        return None
    if not platform.startswith("linux"):
        return wanted or "desktop"
    if env.get("DISPLAY"):
        return env["DISPLAY"]
    if env.get("WAYLAND_DISPLAY"):
        return env["WAYLAND_DISPLAY"]
    return None


def probe_command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, PROBE]
    return [sys.executable, "-m", "redvan", PROBE]


def check_display() -> str:
    """Start Qt on the real display, as `redvan` would; one line, or StepFailed."""
    from redvan.gui.display import DisplayUnavailable, check

    display = display_in_use()
    if display is None:
        return "no display here: only the offscreen platform was used"
    try:
        check()
    except DisplayUnavailable as exc:
        raise StepFailed(str(exc)) from None
    try:
        done = subprocess.run(
            probe_command(), capture_output=True, text=True, timeout=120, check=False
        )
    except subprocess.TimeoutExpired:
        raise StepFailed(f"Qt did not show a window on {display} within two minutes") from None
    said = [line for line in done.stdout.splitlines() if line.startswith(PROBE_SAYS)]
    if done.returncode != 0 or not said:
        qt_said = [line.strip() for line in done.stderr.splitlines() if line.strip()]
        why = qt_said[0] if qt_said else f"exit status {done.returncode}"
        raise StepFailed(f"Qt could not start on the display {display}: {why}")
    return said[-1].removeprefix(PROBE_SAYS).strip()


def platform_probe() -> int:
    """In its own process: start Qt with the platform the app would use and show a window."""
    app = QApplication(["redvan"])
    label = QLabel("Red Van Intake")
    label.resize(240, 80)
    label.show()
    loop = QEventLoop()
    shown = QTimer()
    shown.timeout.connect(
        lambda: loop.quit() if label.windowHandle() and label.windowHandle().isExposed() else None
    )
    shown.start(20)
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    exposed = bool(label.windowHandle() and label.windowHandle().isExposed())
    screen = app.primaryScreen()
    size = screen.size() if screen is not None else None
    label.close()
    if not exposed:
        print(f"the window on {app.platformName()} was never shown", file=sys.stderr)
        return 1
    where = f", screen {size.width()}x{size.height()}" if size is not None else ""
    print(
        f"{PROBE_SAYS} Qt {pyside_version} on {app.platformName()}: a real window was shown{where}",
        flush=True,
    )
    return 0
