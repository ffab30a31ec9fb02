"""Can Qt open a window here? Checked before the first QApplication (SPEC K1).

On a bare Linux the xcb platform plugin cannot load when one of the X libraries it links to is
missing, and Qt then aborts the process with a core dump and a message that often blames the
wrong library. `check()` finds out first: it loads the plugin the way Qt will (dlopen), and if
that fails asks `ldd` for every library it lacks, maps them to their Debian/Ubuntu and Fedora
packages and raises `DisplayUnavailable` with a sentence and the one command that installs
them. It also says so when there is no display at all, or when the display refuses the
connection. Nothing here runs when Qt will not use xcb (Windows, macOS, a Wayland session,
`QT_QPA_PLATFORM=offscreen`).
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

PLUGIN = "libqxcb.so"

# soname -> (Debian/Ubuntu package, Fedora package): the libraries libqxcb.so and the Qt
# libraries it loads link to, as `ldd` names them.
LIBRARIES: dict[str, tuple[str, str]] = {
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput.so.0": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx.so.0": ("libxcb-glx0", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb"),
    "libX11.so.6": ("libx11-6", "libX11"),
    "libXau.so.6": ("libxau6", "libXau"),
    "libXdmcp.so.6": ("libxdmcp6", "libXdmcp"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libGL.so.1": ("libgl1", "libglvnd-glx"),
    "libGLX.so.0": ("libglx0", "libglvnd-glx"),
    "libEGL.so.1": ("libegl1", "libglvnd-egl"),
    "libGLdispatch.so.0": ("libglvnd0", "libglvnd"),
    "libOpenGL.so.0": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig.so.1": ("libfontconfig1", "fontconfig"),
    "libfreetype.so.6": ("libfreetype6", "freetype"),
    "libpng16.so.16": ("libpng16-16", "libpng"),
    "libdbus-1.so.3": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0.so.0": ("libglib2.0-0", "glib2"),
    "libexpat.so.1": ("libexpat1", "expat"),
    "libz.so.1": ("zlib1g", "zlib"),
    "libzstd.so.1": ("libzstd1", "libzstd"),
}

# What this file says to a person; the CLI's catalogue translates them (redvan/messages_cli).
NO_DISPLAY = (
    "Red Van cannot open its window: no desktop display was found (DISPLAY and "
    "WAYLAND_DISPLAY are not set). Start it from the desktop, or for a check without a "
    "screen run: QT_QPA_PLATFORM=offscreen redvan --self-test"
)
DISPLAY_REFUSED = (
    "Red Van cannot open its window: the display {display} refused the connection or does not "
    "answer. Start it from the desktop session, or check DISPLAY and XAUTHORITY."
)
MISSING_ONE = (
    "Red Van cannot open its window: Qt's X11 (xcb) platform plugin needs {libraries}, which "
    "is not installed on this computer."
)
MISSING_MANY = (
    "Red Van cannot open its window: Qt's X11 (xcb) platform plugin needs {libraries}, which "
    "are not installed on this computer."
)
INSTALL_WITH = "Install it with this command, then start Red Van again (nothing was changed):"
INSTALL_WITH_MANY = (
    "Install them with this command, then start Red Van again (nothing was changed):"
)
INSTALL_DEBIAN = "On Debian or Ubuntu:"
INSTALL_FEDORA = "On Fedora:"
FIND_PACKAGE = (
    "Install the package that provides it (on Debian or Ubuntu `apt-file search NAME` finds "
    "it, on Fedora `dnf provides '*/NAME'`), then start Red Van again."
)
OWN_FILES = (
    "Red Van's own Qt files are incomplete ({libraries} is missing from its folder); install "
    "Red Van again."
)


AND = "{first} and {last}"


class DisplayUnavailable(RuntimeError):
    """Qt could not open a window here; the message says why and what to do."""

    def __init__(self, message: str, missing: Sequence[str] = (), command: str = "") -> None:
        super().__init__(message)
        self.missing = tuple(missing)
        self.command = command


def _translate(text: str) -> str:
    """The CLI's catalogue, when it is there (it is loaded lazily; English otherwise)."""
    try:
        from redvan.messages_cli import _ as translate
    except ImportError:
        return text
    return translate(text)


# -- which platform Qt will use -----------------------------------------------------------------


def platform_candidates(env: Mapping[str, str]) -> list[str]:
    """The platform plugins Qt will try, in order (QT_QPA_PLATFORM, else Qt's default)."""
    wanted = env.get("QT_QPA_PLATFORM", "").strip()
    if wanted:
        return [part.split(":", 1)[0].strip() for part in wanted.split(";") if part.strip()]
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]  # Qt 6 prefers Wayland in a Wayland session
    return ["xcb"]


def uses_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Will Qt load the xcb plugin first? (Not when an earlier choice will work.)"""
    if not platform.startswith("linux"):
        return False
    for name in platform_candidates(env):
        if name == "xcb":
            return True
        if name.startswith("wayland") and env.get("WAYLAND_DISPLAY"):
            return False
        if name not in ("wayland", "wayland-egl"):
            return False  # offscreen, minimal, vnc, eglfs …: not ours to check
    return False


# -- finding the plugin and what it lacks ------------------------------------------------------


def plugin_dirs(env: Mapping[str, str]) -> list[Path]:
    """Where Qt looks for platform plugins, in its order."""
    found = []
    if env.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        found.append(Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"]))
    for part in env.get("QT_PLUGIN_PATH", "").split(os.pathsep):
        if part:
            found.append(Path(part) / "platforms")
    from PySide6.QtCore import QLibraryInfo

    found.append(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms")
    return found


def find_plugins(env: Mapping[str, str]) -> list[Path]:
    """Every xcb plugin Qt may load, in the order it tries them (it falls back to the next)."""
    return list(dict.fromkeys(f / PLUGIN for f in plugin_dirs(env) if (f / PLUGIN).is_file()))


_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$", re.MULTILINE)
_DLOPEN = re.compile(r"(\S+?\.so[.\d]*): cannot open shared object file")


def parse_ldd(output: str) -> list[str]:
    """The sonames `ldd` reports as not found, each once, in its order."""
    return list(dict.fromkeys(_NOT_FOUND.findall(output)))


def missing_libraries(plugin: Path) -> list[str]:
    """The shared libraries `plugin` needs and cannot find; [] when it loads."""
    try:
        ctypes.CDLL(str(plugin))  # exactly what Qt will do; the libraries stay loaded for it
        return []
    except OSError as exc:
        first = _DLOPEN.search(str(exc))
        log.info("the platform plugin does not load: %s", first.group(1) if first else "?")
    ldd = shutil.which("ldd")
    if ldd is not None:
        try:
            done = subprocess.run(
                [ldd, str(plugin)], capture_output=True, text=True, timeout=30, check=False
            )
            missing = parse_ldd(done.stdout)
            if missing:
                return missing
        except (OSError, subprocess.SubprocessError):
            log.info("ldd could not be run on the platform plugin")
    return [first.group(1)] if first else ["?"]


# -- what to tell a person ----------------------------------------------------------------------


def distribution(os_release: str) -> str | None:
    """'debian' or 'fedora' for the families whose package names we know, from /etc/os-release."""
    fields = {}
    for line in os_release.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            fields[key.strip()] = value.strip().strip("\"'")
    family = " ".join((fields.get("ID", ""), fields.get("ID_LIKE", ""))).lower().split()
    if any(name in family for name in ("debian", "ubuntu")):
        return "debian"
    if any(name in family for name in ("fedora", "rhel", "centos")):
        return "fedora"
    return None


def install_commands(missing: Sequence[str]) -> tuple[str, str] | None:
    """The apt-get and dnf lines that install `missing`; None if one of them is unknown."""
    if not missing or any(name not in LIBRARIES for name in missing):
        return None
    debian = list(dict.fromkeys(LIBRARIES[name][0] for name in missing))
    fedora = list(dict.fromkeys(LIBRARIES[name][1] for name in missing))
    return f"sudo apt-get install {' '.join(debian)}", f"sudo dnf install {' '.join(fedora)}"


def _names(missing: Sequence[str]) -> str:
    if len(missing) == 1:
        return missing[0]
    return _translate(AND).format(first=", ".join(missing[:-1]), last=missing[-1])


def describe_missing(missing: Sequence[str], family: str | None, own: Path | None = None) -> str:
    """The sentence and the install command for libraries the plugin lacks."""
    t = _translate
    if own is not None:
        ours = [name for name in missing if (own / name).exists() or name.startswith("libQt6")]
        if ours:
            return t(OWN_FILES).format(libraries=_names(ours))
    head = t(MISSING_ONE if len(missing) == 1 else MISSING_MANY).format(libraries=_names(missing))
    commands = install_commands(missing)
    if commands is None:
        return f"{head}\n{t(FIND_PACKAGE)}"
    apt, dnf = commands
    lead = t(INSTALL_WITH if len(missing) == 1 else INSTALL_WITH_MANY)
    if family == "debian":
        return f"{head}\n{lead}\n    {apt}"
    if family == "fedora":
        return f"{head}\n{lead}\n    {dnf}"
    return f"{head}\n{lead}\n  {t(INSTALL_DEBIAN)}\n    {apt}\n  {t(INSTALL_FEDORA)}\n    {dnf}"


def _os_release() -> str:
    for path in ("/etc/os-release", "/usr/lib/os-release"):
        try:
            return Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
    return ""


def _display_answers(display: str) -> bool:
    """Does the X display accept a connection? (libxcb has loaded by now.)"""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return True  # then the missing-library check has already spoken
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    screen = ctypes.c_int(0)
    connection = xcb.xcb_connect(display.encode(), ctypes.byref(screen))
    try:
        return bool(connection) and xcb.xcb_connection_has_error(connection) == 0
    finally:
        if connection:
            xcb.xcb_disconnect(connection)


def check(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> None:
    """Raise DisplayUnavailable when Qt's xcb plugin would abort the process here."""
    env = os.environ if env is None else env
    if not uses_xcb(env, platform):
        return
    display = env.get("DISPLAY", "")
    if not display:
        raise DisplayUnavailable(_translate(NO_DISPLAY))
    plugins = find_plugins(env)
    if not plugins:
        return  # Qt will name the plugins it has; nothing of ours to add
    missing: list[str] = []
    for plugin in plugins:
        missing = missing_libraries(plugin)
        if not missing:
            break  # Qt loads this one
    if missing:  # none loads; the last is Qt's own, in the folder Red Van was installed with
        family = distribution(_os_release())
        own = plugin.parent.parent.parent / "lib"  # PySide6/Qt/lib beside plugins/platforms
        message = describe_missing(missing, family, own)
        commands = install_commands(missing)
        command = ""
        if commands is not None:
            command = commands[1] if family == "fedora" else commands[0]
        log.info("the xcb platform plugin lacks %d libraries", len(missing))
        raise DisplayUnavailable(message, missing, command)
    if not _display_answers(display):
        raise DisplayUnavailable(_translate(DISPLAY_REFUSED).format(display=display))
