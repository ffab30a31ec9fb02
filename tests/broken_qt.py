"""A PySide6 whose xcb platform plugin lacks a library, for the K1 start-up tests.

`broken_pyside(folder)` builds, under `folder`, a tree of symbolic links to the installed
PySide6 in which only `Qt/plugins/platforms/libqxcb.so` is a copy, with one of the libraries it
links to (DT_NEEDED libxcb-icccm.so.4) renamed to `MISSING`, which no system has. A process
started with PYTHONPATH=<folder> imports that PySide6, and Qt loads that plugin from it exactly
as it would on a computer without libxcb-icccm4: the real loader fails, the real Qt aborts.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

REAL_NEEDED = b"libxcb-icccm.so.4"
MISSING = "libredvan-none.so"  # same length, so the ELF string table keeps its offsets
assert len(MISSING) == len(REAL_NEEDED)


def installed_pyside() -> Path:
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations)))


def broken_pyside(folder: Path) -> Path:
    """The folder to put on PYTHONPATH; skips the test where this cannot be built."""
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        pytest.skip("the xcb platform plugin exists only on Linux")
    real = installed_pyside()
    plugin = real / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.is_file():
        pytest.skip("this PySide6 has no xcb platform plugin")
    data = plugin.read_bytes()
    needed = b"\0" + REAL_NEEDED + b"\0"
    if data.count(needed) != 1:
        pytest.skip("this xcb plugin does not link to libxcb-icccm.so.4")
    keep = ("PySide6", "Qt", "plugins", "platforms")
    source, target = real.parent, folder
    for depth, name in enumerate(keep):
        source, target = source / name, target / name
        target.mkdir(parents=True)
        below = keep[depth + 1] if depth + 1 < len(keep) else "libqxcb.so"
        for entry in source.iterdir():
            if entry.name != below:
                (target / entry.name).symlink_to(entry)
    (target / "libqxcb.so").write_bytes(data.replace(needed, b"\0" + MISSING.encode() + b"\0"))
    return folder
