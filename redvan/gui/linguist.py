"""Keep the Danish translation current (STYLE 9): `python -m redvan.gui.linguist update|release`.

`update` runs pyside6-lupdate over every GUI source into resources/translations/redvan_da.ts;
`release` compiles it to redvan_da.qm with pyside6-lrelease.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from redvan.resources import resource_path

GUI = Path(__file__).resolve().parent
TS = resource_path("translations", "redvan_da.ts")
QM = resource_path("translations", "redvan_da.qm")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in GUI.rglob("*.py") if p.name != "linguist.py")


def update(ts: Path = TS) -> str:
    ts.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            "da_DK",
            *sources(),
            "-ts",
            str(ts),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def release(ts: Path = TS, qm: Path = QM) -> str:
    result = subprocess.run(
        [tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        print(update())
    elif argv[:1] == ["release"]:
        print(release())
    else:
        print("usage: python -m redvan.gui.linguist update|release", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
