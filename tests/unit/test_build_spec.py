"""build.spec (K2) stays in step with the code: no module it leaves out is one the app imports.

Fast: reads build.spec and the sources, builds nothing (`.ci/frozen` builds and self-tests).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"


def spec_lists() -> dict[str, object]:
    """The literal assignments at the top level of build.spec (lists, tuples, dicts, sets)."""
    values: dict[str, object] = {}
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                values[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                if isinstance(node.value, ast.BinOp):  # EXCLUDES = [f"PySide6.{m}" ...] + [...]
                    values[node.targets[0].id] = ast.literal_eval(node.value.right)
    return values


def app_imports() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "redvan").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_qt_module_the_app_imports_is_left_out() -> None:
    unused = {f"PySide6.{name}" for name in spec_lists()["UNUSED_QT"]}  # type: ignore[union-attr]
    used = {name for name in app_imports() if name.startswith("PySide6.Qt")}
    assert used, "the app imports Qt modules"
    assert not used & unused, f"build.spec leaves out {sorted(used & unused)}; the app uses them"


def test_no_module_the_app_imports_is_excluded() -> None:
    excluded = set(spec_lists()["EXCLUDES"])  # type: ignore[arg-type]
    hits = {
        name
        for name in app_imports()
        if any(name == x or name.startswith(x + ".") for x in excluded)
    }
    assert not hits, f"build.spec excludes {sorted(hits)}, which redvan imports"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux plugin file names")
def test_the_desktop_and_the_self_test_keep_their_platform_plugins() -> None:
    plugins = spec_lists()["QT_PLUGINS"]
    assert isinstance(plugins, dict)
    assert {"libqxcb.so", "libqwayland.so", "libqoffscreen.so"} <= plugins["platforms"]
    assert "libqsvgicon.so" in plugins["iconengines"]  # the app icon is an SVG
    assert spec_lists()["QT_TRANSLATIONS"] == {"qtbase_da.qm"}


def test_the_bundled_resources_exist() -> None:
    for needed in ("icons/redvan.svg", "icons/redvan.png", "translations/redvan_da.qm"):
        assert (ROOT / "resources" / needed).is_file(), needed
    png = (ROOT / "resources" / "icons" / "redvan.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == int.from_bytes(png[20:24], "big") == 256
