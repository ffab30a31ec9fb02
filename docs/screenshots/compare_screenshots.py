"""Compare the screenshots in docs/screenshots/<lang>/ pixel by pixel with a git revision's.

    .venv/bin/python docs/screenshots/make_screenshots.py
    .venv/bin/python docs/screenshots/make_viewer_screenshots.py
    .venv/bin/python docs/screenshots/compare_screenshots.py [REVISION, default HEAD]
    git checkout docs/screenshots        # unless the change is meant

Prints each screenshot that differs, with how many pixels and the box they lie in, then how
many are identical. A few differ from run to run by their content alone: the viewer's signing
key fingerprints and temporary paths, the backups' times, and the report's rounded figures
(each demo vault has new random record keys).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GIT = shutil.which("git") or "git"


def image_at(revision: str, path: Path) -> QImage:
    data = subprocess.run(
        [GIT, "show", f"{revision}:{path.relative_to(ROOT).as_posix()}"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    image = QImage()
    image.loadFromData(data)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def difference(before: QImage, after: QImage) -> tuple[int, tuple[int, int, int, int]] | None:
    """How many pixels differ and their bounding box (None when the images are the same)."""
    if before == after:
        return None
    count, box = 0, [after.width(), after.height(), -1, -1]
    for y in range(after.height()):
        old, new = before.constScanLine(y).tobytes(), after.constScanLine(y).tobytes()
        if old == new:
            continue
        for x in range(after.width()):
            if old[4 * x : 4 * x + 4] != new[4 * x : 4 * x + 4]:
                count += 1
                box = [min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y)]
    return count, (box[0], box[1], box[2], box[3])


def main(argv: list[str]) -> int:
    revision = argv[0] if argv else "HEAD"
    _app = QGuiApplication([])
    same = 0
    for path in sorted(HERE.glob("*/*.png")):
        before = image_at(revision, path)
        after = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB32)
        name = path.relative_to(HERE).as_posix()
        if before.size() != after.size():
            print(f"{name}: {before.width()}x{before.height()} -> {after.width()}x{after.height()}")
            continue
        found = difference(before, after)
        if found is None:
            same += 1
        else:
            print(f"{name}: {found[0]} pixels differ in {found[1]}")
    print(f"{same} identical")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
