"""Showing a screen the way a test drives it: at the default window size, active (so its
shortcuts and mnemonics work), with the vault's data loaded."""

from __future__ import annotations

from typing import Any, TypeVar

P = TypeVar("P")


def shown(page: P, qtbot: Any) -> P:
    qtbot.addWidget(page)
    page.resize(1100, 720)  # type: ignore[attr-defined]
    page.show()  # type: ignore[attr-defined]
    page.activateWindow()  # type: ignore[attr-defined]
    qtbot.waitUntil(page.isActiveWindow)  # type: ignore[attr-defined]
    page.refresh()  # type: ignore[attr-defined]
    return page
