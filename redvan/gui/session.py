"""The open vault as the GUI sees it: unlock, create, lock. Holds no widgets."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from redvan.core.model import Staff
from redvan.storage import keyslots
from redvan.storage.errors import VaultUnwritable
from redvan.storage.vault import Vault, create_vault, staff_labels, unlock

if TYPE_CHECKING:
    from redvan.core.services import Services

log = logging.getLogger(__name__)


class Session(QObject):
    """Owns the Vault between unlock and lock. `services` is None while locked."""

    unlocked = Signal()
    locked = Signal()
    # The automatic backup of a lock runs on a worker thread after `locked` (B12):
    backup_progress = Signal(int, int, str)  # done, total, stage ("copy", "verify", "write")
    closed = Signal()  # the backup is done and the key dropped

    def __init__(
        self,
        path: Path | None = None,
        kdf: keyslots.KdfParams | None = None,
        parent: QObject | None = None,
        *,
        preload: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.path = Path(path) if path else None
        self.kdf = kdf  # None: production parameters; tests pass a faster, floor-level one
        # Modules the unlocked app needs (the screens): imported while the KDF runs.
        self.preload = tuple(preload)
        self.vault: Vault | None = None
        self.services: Services | None = None
        self._closing: threading.Thread | None = None

    @property
    def is_open(self) -> bool:
        return self.vault is not None and self.vault.is_open

    def staff_labels(self) -> list[str]:
        return staff_labels(self.path) if self.path else []

    def me(self) -> Staff | None:
        if self.services is None or self.vault is None:
            return None
        return next(
            (
                s
                for s in self.services.store.list_staff(include_inactive=True)
                if s.id == self.vault.staff_id
            ),
            None,
        )

    # Unlock and create do the slow KDF; the GUI calls them through gui.background.

    def open_vault(
        self,
        staff: str | None,
        secret: str,
        *,
        recovery: bool = False,
        progress: Callable[[int, int, str], None] | None = None,
    ) -> Vault:
        """Unlock (on a worker thread); `progress` hears a migration's backup and steps."""
        if self.path is None:
            raise ValueError("no vault chosen")
        loading = self._start_preload()
        self.wait_closed()  # the lock's backup holds the vault until it is written
        try:
            try:
                return unlock(self.path, secret, staff=staff, recovery=recovery, progress=progress)
            except VaultUnwritable as exc:
                if not exc.disk_full:
                    raise
                # Its disk is full: open it read-only, so the team still sees what it holds.
                log.warning("the vault's disk is full: opened read-only")
                return unlock(self.path, secret, staff=staff, recovery=recovery, readonly=True)
        finally:
            if loading is not None:
                loading.join()

    def _start_preload(self) -> threading.Thread | None:
        """Import `preload` on a thread of its own, beside the KDF (which releases the GIL).

        What the screens import then costs nothing after the unlock (bench B7) and nothing
        before the unlock window is up (bench B2). Only modules are loaded: no widget is made.
        """
        missing = [name for name in self.preload if name not in sys.modules]
        self.preload = ()
        if not missing:
            return None

        def load() -> None:
            for name in missing:
                try:
                    importlib.import_module(name)
                except Exception as exc:  # noqa: BLE001 - imported (and raised) again on use
                    log.warning("preloading %s failed: %s", name, type(exc).__name__)

        thread = threading.Thread(target=load, name="redvan-preload", daemon=True)
        thread.start()
        return thread

    def create(self, path: Path, staff: str, passphrase: str) -> tuple[Vault, str]:
        from redvan.core.services import Services
        from redvan.storage.repository import VaultStore

        def seed(vault: Vault) -> None:
            store = VaultStore(vault)
            with store.transaction():
                Services(store).seed_vocabularies()
                store.organisation_secret()

        created = create_vault(path, staff, passphrase, kdf=self.kdf, init=seed)
        return created.vault, created.recovery_code

    @property
    def read_only(self) -> bool:
        """Open read-only because the vault's disk is full (nothing can be saved)."""
        return self.vault is not None and bool(getattr(self.vault, "read_only", False))

    def attach(self, vault: Vault) -> None:
        """Take an unlocked vault (from a background unlock or create) into use."""
        # The use cases load at the first unlock, not before the unlock window (bench B2).
        from redvan.core.services import Services
        from redvan.storage.repository import VaultStore

        self.path = vault.path
        self.vault = vault
        self.services = Services(VaultStore(vault))
        self.unlocked.emit()

    def lock(self, *, backup: bool = True) -> None:
        """Lock now: `locked` is emitted at once. With `backup`, the backup is made on a
        worker thread, before that thread drops the connection and the key (see
        docs/vault-format.md, Backups); `backup_progress` reports it and `closed` follows."""
        if self.vault is None:
            return
        vault, self.vault, self.services = self.vault, None, None
        if not backup:
            try:
                vault.close(backup=False, reason="lock")
            finally:
                log.info("vault locked")
                self.locked.emit()
                self.closed.emit()
            return

        def close() -> None:
            try:
                vault.close(backup=True, reason="lock", progress=self.backup_progress.emit)
            except Exception as exc:  # noqa: BLE001 - the key is dropped whatever happened
                log.warning("closing the vault failed: %s", type(exc).__name__)
            finally:
                self.closed.emit()

        self._closing = threading.Thread(target=close, name="redvan-lock-backup", daemon=False)
        self._closing.start()
        log.info("vault locked")
        self.locked.emit()

    @property
    def closing(self) -> bool:
        """Whether a lock's backup is still being written."""
        return self._closing is not None and self._closing.is_alive()

    def wait_closed(self) -> None:
        """Return once the last lock's backup is written and its key dropped."""
        if self._closing is not None:
            self._closing.join()
