"""STYLE.md's layering: each heavy library has one home, and core stays pure Python."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "redvan"

# library -> the only sub-package allowed to import it
HOMES = {"sqlcipher3": "storage", "reportlab": "reports", "PySide6": "gui", "shiboken6": "gui"}
# sub-package -> sub-packages of redvan it must not import
FORBIDDEN_INTERNAL = {
    "core": {"storage", "reports", "exchange", "gui", "cli"},
    "storage": {"gui", "reports", "exchange", "cli"},
    "reports": {"gui", "storage", "cli"},
    "exchange": {"gui", "cli"},
}
# Pure-Python libraries without I/O that core may use: zxcvbn, the passphrase estimate (V12).
CORE_ALLOWED_THIRD_PARTY: set[str] = {"zxcvbn"}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def layer_of(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_heavy_libraries_stay_home(path: Path) -> None:
    layer = layer_of(path)
    for module in imported_modules(path):
        top = module.split(".")[0]
        if top in HOMES:
            assert layer == HOMES[top], f"{path.name} imports {top}, which lives in {HOMES[top]}/"
        assert top != "sqlite3", (
            f"{path.name} imports the stdlib sqlite3; vaults are SQLCipher only"
        )


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_layers_import_downwards_only(path: Path) -> None:
    layer = layer_of(path)
    banned = FORBIDDEN_INTERNAL.get(layer, set())
    for module in imported_modules(path):
        parts = module.split(".")
        if parts[0] == "redvan" and len(parts) > 1:
            assert parts[1] not in banned, f"{path.name} ({layer}/) imports redvan.{parts[1]}"


def test_core_is_pure_python() -> None:
    import sys

    stdlib = set(sys.stdlib_module_names)
    for path in (PACKAGE / "core").rglob("*.py"):
        for module in imported_modules(path):
            top = module.split(".")[0]
            assert top in stdlib or top == "redvan" or top in CORE_ALLOWED_THIRD_PARTY, (
                f"core/{path.name} imports {top}: core is pure Python"
            )


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlcipher3\nfrom PySide6 import QtCore\n", encoding="utf-8")
    assert imported_modules(bad) == ["sqlcipher3", "PySide6"]
