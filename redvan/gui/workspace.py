"""The unlocked workspace: navigation on the left, one screen at a time on the right.

It is built after unlock and destroyed on lock, so no widget outlives the key (T12).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QStackedWidget,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.gui.widgets.layouts import hbox

if TYPE_CHECKING:
    from redvan.core.services import Services

log = logging.getLogger(__name__)


def _now() -> datetime:
    return datetime.now()


@dataclass
class Context:
    """What every screen may use: the session, the language and an injectable clock."""

    session: Session
    language: str = "en"
    now: Callable[[], datetime] = field(default=_now)
    app_settings: AppSettings | None = None  # the first tier (save folder); None in tests

    def __post_init__(self) -> None:
        if self.now is _now:
            self.now = self._vault_now

    def _vault_now(self) -> datetime:
        """The wall clock of the vault's time zone (its reporting-day rule), not the
        machine's; the machine's before a vault is open."""
        services = self.session.services
        return services.clock().now() if services is not None else _now()

    @property
    def services(self) -> Services:
        if self.session.services is None:
            raise RuntimeError("the vault is locked")
        return self.session.services


class WorkspacePage(QWidget):
    """Base class for a screen in the workspace."""

    # Each page names itself; `key` is stable (drafts are stored under it).
    key = "page"

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context

    @property
    def services(self) -> Services:
        return self.context.services

    def title(self) -> str:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload from the vault; called each time the page is shown."""

    def retranslate(self) -> None:
        """Set every visible text again (language switch)."""

    def draft(self) -> dict[str, Any] | None:
        """Unsaved input to keep (encrypted in the vault) across a lock, or None."""
        return None

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put back what `draft()` returned before the lock."""


@dataclass(frozen=True)
class LazyPage:
    """A screen not built yet: it is built the first time it is opened or asked for.

    `title` gives the navigation label before the screen exists (it must say what the
    screen's own `title()` says); `build` makes the screen.
    """

    key: str
    title: Callable[[], str]
    build: Callable[[Context], WorkspacePage]


PageEntry = WorkspacePage | LazyPage


class Workspace(QWidget):
    """Navigation plus pages. `open_page(key)` switches; Ctrl+1…9 do the same.

    Screens are built on their first open (or when something asks for one with `page(key)`),
    so unlocking builds only the first one (bench B7). `when_built(key, fn)` runs `fn` on a
    screen as soon as it exists: that is how screens are connected to each other.
    """

    page_changed = Signal(str)

    def __init__(
        self, context: Context, pages: Sequence[PageEntry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.keys = [p.key for p in pages]
        self._entries = list(pages)
        self._built: dict[str, WorkspacePage] = {}
        self._hooks: dict[str, list[Callable[[WorkspacePage], None]]] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.stack = QStackedWidget()
        for entry in pages:
            if isinstance(entry, WorkspacePage):
                self._add(entry)
            self.nav.addItem(QListWidgetItem())
        self.nav.currentRowChanged.connect(self._switch)
        hbox(self.nav, (self.stack, 1), parent=self, margins=0)
        for number, key in enumerate(self.keys[:9], start=1):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.activated.connect(lambda key=key: self.open_page(key))
        self.retranslate()
        self.nav.setCurrentRow(0)

    def _add(self, page: WorkspacePage) -> None:
        self._built[page.key] = page
        self.stack.addWidget(page)

    def retranslate(self) -> None:
        width = 0
        metrics = self.nav.fontMetrics()
        for row, entry in enumerate(self._entries):
            page = self._built.get(entry.key)
            if page is not None:
                page.retranslate()
                label = page.title()
            else:
                assert isinstance(entry, LazyPage)
                label = entry.title()
            item = self.nav.item(row)
            item.setText(label)
            item.setToolTip(f"{label} (Ctrl+{row + 1})" if row < 9 else label)
            # Rows sized from the font, so they grow with the system font size (G11).
            item.setSizeHint(QSize(0, int(metrics.height() * 2.2)))
            width = max(width, metrics.horizontalAdvance(label))
        self.nav.setFixedWidth(width + metrics.horizontalAdvance("M") * 4)

    @property
    def pages(self) -> list[WorkspacePage]:
        """Every screen in navigation order, building those not opened yet."""
        return [self.page(key) for key in self.keys]

    def built_pages(self) -> list[WorkspacePage]:
        """The screens built so far, in navigation order."""
        return [self._built[key] for key in self.keys if key in self._built]

    def is_built(self, key: str) -> bool:
        return key in self._built

    def page(self, key: str) -> WorkspacePage:
        """The screen `key`, built now if it was not yet (it is not shown by this)."""
        page = self._built.get(key)
        if page is not None:
            return page
        entry = next(e for e in self._entries if e.key == key)
        assert isinstance(entry, LazyPage)
        page = entry.build(self.context)
        self._add(page)
        for hook in self._hooks.pop(key, []):
            hook(page)
        return page

    def when_built(self, key: str, hook: Callable[[WorkspacePage], None]) -> None:
        """Run `hook(page)` once screen `key` exists: now if it does, else when it is built."""
        page = self._built.get(key)
        if page is not None:
            hook(page)
        else:
            self._hooks.setdefault(key, []).append(hook)

    def open_page(self, key: str) -> WorkspacePage:
        index = self.keys.index(key)
        self.nav.setCurrentRow(index)
        return self.page(key)

    def current(self) -> WorkspacePage:
        return self.page(self.keys[self.nav.currentRow()])

    def _switch(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.keys[row])
        self.stack.setCurrentWidget(page)
        page.refresh()
        self.page_changed.emit(page.key)

    def wipe(self) -> None:
        """Empty every text, list and table before the workspace is deleted (T12).

        deleteLater() frees the widgets only at the next turn of the event loop; until then
        nothing on them may still hold what was typed or read from the vault.
        """
        children = self.findChildren(QWidget)
        for widget in children:
            widget.blockSignals(True)  # no handler may run (and reach the vault) while wiping
        for widget in children:
            if isinstance(widget, QLineEdit):
                widget.setText("")  # unlike clear(), this also drops the undo history
            elif isinstance(widget, QPlainTextEdit | QTextEdit | QComboBox):
                widget.clear()
            elif isinstance(widget, QLabel):
                widget.clear()
                widget.setToolTip("")
            elif isinstance(widget, QAbstractSpinBox):
                widget.setSpecialValueText("")
            elif isinstance(widget, QListWidget | QTableWidget | QTreeWidget):
                widget.clear()  # they own their model; replacing it would crash
            elif isinstance(widget, QAbstractItemView):
                widget.setModel(None)  # type: ignore[arg-type]

    # -- drafts across a lock -------------------------------------------------------------

    def save_drafts(self) -> None:
        store = self.context.services.store
        with store.transaction():
            for page in self.built_pages():
                draft = page.draft()
                if draft:
                    store.save_draft(page.key, json.dumps(draft))

    def restore_drafts(self) -> None:
        store = self.context.services.store
        for key in self.keys:
            payload = store.load_draft(key)
            if payload is None:
                continue
            page = self.page(key)  # a screen with a draft is built to take it back
            try:
                page.restore_draft(json.loads(payload))
            except (ValueError, KeyError, TypeError):
                log.warning("a draft for %s could not be restored", page.key)
            with store.transaction():
                store.delete_draft(page.key)
