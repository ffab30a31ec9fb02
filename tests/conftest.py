"""Shared fixtures: a fresh vault per test, with a fast (but floor-respecting) KDF."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No timing assertions in tests: hypothesis's default 200 ms deadline per example is one, and it
# failed test_intake's JSON property test on a loaded machine. Speed is measured in bench/.
settings.register_profile("redvan", deadline=None)
settings.load_profile("redvan")

PASSPHRASE = "night shift passphrase"
FAST_KDF_ARGS = {"memory_kib": 19 * 1024, "iterations": 2, "parallelism": 1}


@pytest.fixture(autouse=True)
def _private_logs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REDVAN_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    # The CLI speaks the locale's language (Danish under da_DK): tests read English unless
    # they ask for Danish, whatever the machine's locale.
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def fast_kdf():  # type: ignore[no-untyped-def]
    from redvan.storage.keyslots import KdfParams

    return KdfParams(**FAST_KDF_ARGS)


@pytest.fixture
def cli_fast_kdf(monkeypatch: pytest.MonkeyPatch, fast_kdf) -> None:  # type: ignore[no-untyped-def]
    """The CLI makes keys with the production KDF; with this, at the test floor, so CLI tests
    stay quick. Use it as `pytestmark = pytest.mark.usefixtures("cli_fast_kdf")`."""
    from redvan.storage import keyslots

    original = keyslots.wrap_key

    def wrap(*args, **kw):  # type: ignore[no-untyped-def]
        kw["kdf"] = fast_kdf
        return original(*args, **kw)

    monkeypatch.setattr(keyslots, "wrap_key", wrap)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "night.redvan"


@pytest.fixture
def services(vault_path: Path, fast_kdf) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Services over a new, seeded vault; locked (without backup) at the end."""
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    def seed(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(vault_path, "AB", PASSPHRASE, kdf=fast_kdf, init=seed)
    svc = Services(VaultStore(created.vault))
    svc.recovery_code = created.recovery_code  # type: ignore[attr-defined]
    yield svc
    if created.vault.is_open:
        created.vault.close(backup=False)
