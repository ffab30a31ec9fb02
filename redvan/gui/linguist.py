"""Keep the Danish translation current (STYLE 9): `python -m redvan.gui.linguist update|release`.

`update` runs pyside6-lupdate over every GUI source into resources/translations/redvan_da.ts
(every string) and redvan_en.ts (only plurals: English needs "%n contact" / "%n contacts");
`release` compiles both to .qm with pyside6-lrelease.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from redvan.resources import resource_path

GUI = Path(__file__).resolve().parent
LANGUAGES = {"da": ("da_DK", []), "en": ("en", ["-pluralonly"])}


def ts_path(language: str) -> Path:
    return resource_path("translations", f"redvan_{language}.ts")


def qm_path(language: str) -> Path:
    return resource_path("translations", f"redvan_{language}.qm")


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    return found


def sources() -> list[str]:
    return sorted(str(p) for p in GUI.rglob("*.py") if p.name != "linguist.py")


def update(language: str, ts: Path | None = None) -> str:
    ts = ts or ts_path(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    target, extra = LANGUAGES[language]
    result = subprocess.run(
        [
            tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            "-target-language",
            target,
            *extra,
            *sources(),
            "-ts",
            str(ts),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def release(language: str, ts: Path | None = None, qm: Path | None = None) -> str:
    result = subprocess.run(
        [
            tool("pyside6-lrelease"),
            str(ts or ts_path(language)),
            "-qm",
            str(qm or qm_path(language)),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        for language in LANGUAGES:
            print(update(language))
    elif argv[:1] == ["release"]:
        for language in LANGUAGES:
            print(release(language))
    else:
        print("usage: python -m redvan.gui.linguist update|release", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
