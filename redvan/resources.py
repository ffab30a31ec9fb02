"""Where bundled resources live, in a source checkout and in the frozen app alike."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_path(*parts: str) -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    base = (
        Path(frozen) / "resources" if frozen else Path(__file__).resolve().parents[1] / "resources"
    )
    return base.joinpath(*parts)
