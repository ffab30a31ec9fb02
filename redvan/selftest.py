"""`redvan --self-test`: proves an installation, or the frozen app, has everything it needs (K2).

Each step goes through the real code path on a throwaway vault in a private temporary folder
(0o700, wiped afterwards): import every module of the app (so nothing a command needs was left
out of a bundle), create and unlock a vault with the production KDF, save a contact,
read it back, tally it, render the tally PDF, sign and encrypt a blob, check the bundled
resources, draw the unlock window in Danish on Qt's offscreen platform and, last, where there is
a display, start Qt on it as the app would (the libraries its platform plugin needs, then a real
window, in a separate process). One line per step on standard output, then "self-test passed";
the first failure prints one line naming the step on standard error (plus our own advice, such
as the command that installs a missing library) and the run exits 1 (details go to the log,
never to the terminal).
"""

from __future__ import annotations

import importlib
import json
import logging
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

log = logging.getLogger(__name__)

PASSED = "self-test passed"
STAFF = "ST"
CODE = "SELFTEST7"  # a made-up client code; only its keyed hash is stored
BLOB = b"redvan self-test: signed and encrypted, then checked\n"


class StepFailed(Exception):
    """A check that did not hold; the message is the one line shown."""


class _Context:
    """What the steps share: the temporary folder, the vault and its open services."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "self-test.redvan"
        self.passphrase = secrets.token_urlsafe(24)  # throwaway; the folder is wiped anyway
        self.when = datetime.now().replace(microsecond=0) - timedelta(minutes=1)
        self.vault: Any = None
        self.services: Any = None
        self.tally: Any = None

    def lock(self) -> None:
        if self.vault is not None and self.vault.is_open:
            self.vault.close(backup=False)
        self.vault = self.services = None


def _open(ctx: _Context, vault: Any) -> None:
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore

    ctx.vault = vault
    ctx.services = Services(VaultStore(vault))


def step_modules(ctx: _Context) -> str:
    """Every module of the app imports: nothing a command needs was left out of a bundle."""
    import pkgutil

    import redvan

    names = [
        m.name
        for m in pkgutil.walk_packages(redvan.__path__, "redvan.")
        if m.name != "redvan.__main__"
    ]
    for name in names:
        importlib.import_module(name)
    return f"all {len(names)} modules of redvan import"


def step_vault(ctx: _Context) -> str:
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    def seed(vault: Any) -> None:
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(ctx.path, STAFF, ctx.passphrase, init=seed)
    _open(ctx, created.vault)
    if ctx.path.read_bytes()[:16] == b"SQLite format 3\x00":
        raise StepFailed("the vault file is plain SQLite, not encrypted")
    return "created an encrypted vault (SQLCipher, Argon2id key slots)"


def step_contact(ctx: _Context) -> str:
    from redvan.core.model import ContactInput, ServiceGiven
    from redvan.core.vocabulary import VocabularyKind

    store = ctx.services.store

    def first(kind: VocabularyKind) -> str:
        return next(e.slug for e in store.vocabulary(kind) if not e.retired)

    result = ctx.services.save_contact(
        ContactInput(
            time=ctx.when,
            zone=first(VocabularyKind.ZONE),
            channel=first(VocabularyKind.CHANNEL),
            code=CODE,
            services=(ServiceGiven(first(VocabularyKind.SERVICE), 1),),
        )
    )
    if not result.new_profile:
        raise StepFailed("the contact's code did not make a new profile")
    ctx.lock()
    return "saved a coded contact with one service, locked the vault"


def step_read(ctx: _Context) -> str:
    from redvan.storage.vault import unlock

    _open(ctx, unlock(ctx.path, ctx.passphrase, staff=STAFF))
    profile = ctx.services.find_by_code(CODE.lower())
    if profile is None:
        raise StepFailed("the contact's profile was not found after unlocking again")
    if ctx.services.store.count_contacts() != 1:
        raise StepFailed("the vault does not hold exactly the one contact written")
    return "unlocked with the passphrase and found the contact by its code"


def step_tally(ctx: _Context) -> str:
    from redvan.core.tally import CONTACTS, PERSONS
    from redvan.core.weeks import IsoWeek

    week = IsoWeek.of(ctx.when)
    ctx.tally = ctx.services.tally(week, week)
    if (ctx.tally.total(CONTACTS), ctx.tally.total(PERSONS)) != (1, 1):
        raise StepFailed("the tally does not count the one contact and person")
    return f"tally of {week}: 1 contact, 1 person"


def step_pdf(ctx: _Context) -> str:
    from redvan.core.disclosure import disclose
    from redvan.reports.tally_pdf import font_files, tally_pdf

    pdf = tally_pdf(disclose(ctx.tally), "da", datetime.now())
    if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-64:]:
        raise StepFailed("the tally PDF is not a complete PDF file")
    return f"rendered the tally PDF in Danish ({len(pdf) // 1024} KB, {font_files()[0].name})"


def step_pii(ctx: _Context) -> str:
    """The PII guard's detectors (phonenumbers, python-stdnum, zxcvbn's lists are data the
    frozen app must carry)."""
    from redvan.core import pii
    from redvan.core.passphrase import estimate

    kinds = {f.kind.value for f in pii.find_pii("tlf 22 33 44 55, cpr 010190-1234")}
    if not {"phone", "cpr"} <= kinds:
        raise StepFailed(f"the PII guard missed a phone or CPR number (found {sorted(kinds)})")
    if estimate("Sommer2025").score >= 3:
        raise StepFailed("the passphrase estimate took 'Sommer2025' for a strong passphrase")
    return "the PII guard found a phone and a CPR number; a weak passphrase was judged weak"


def step_signing(ctx: _Context) -> str:
    import pyrage

    from redvan.exchange.signing import DeviceKey, decrypt, encrypt, is_age, verify

    key = DeviceKey.generate()
    signature = key.sign(BLOB, "redvan-selftest")
    verdict = verify(BLOB, signature, [key.public])
    if not (verdict.valid and verdict.trusted):
        raise StepFailed(f"a fresh minisign signature does not verify ({verdict.reason})")
    if verify(BLOB + b"x", signature, [key.public]).valid:
        raise StepFailed("a changed file still verifies")
    identity = pyrage.x25519.Identity.generate()
    sealed = encrypt(BLOB, [str(identity.to_public())])
    if not is_age(sealed) or decrypt(sealed, [identity]) != BLOB:
        raise StepFailed("age encryption does not round-trip")
    return "minisign signature verified (and a changed file refused), age round trip"


def step_resources(ctx: _Context) -> str:
    from jsonschema import Draft202012Validator
    from jsonschema.validators import validator_for

    from redvan.resources import resource_path

    for needed in (("translations", "redvan_da.qm"), ("icons", "redvan.svg")):
        if not resource_path(*needed).is_file():
            raise StepFailed(f"the bundled resource {'/'.join(needed)} is missing")
    # The meta-schemas come from jsonschema_specifications' data files.
    Draft202012Validator.check_schema({"type": "object", "required": ["a"]})
    documents = sorted(resource_path().rglob("*.json"))  # schemas, the DHIS2 mapping
    schemas = 0
    for path in documents:
        document = json.loads(path.read_text(encoding="utf-8"))
        if path.name.endswith(".schema.json"):
            validator_for(document).check_schema(document)
            schemas += 1
    # The sync package's compiled validator (generated Python code, run with exec).
    from redvan.exchange.sync import _fast_validator

    _fast_validator()
    return f"translations, icons, {len(documents)} JSON files ({schemas} schemas) present and valid"


def step_gui(ctx: _Context) -> str:
    try:
        from redvan.gui.selftest import check_gui
    except ImportError as exc:
        raise StepFailed(f"Qt could not be loaded ({exc})") from exc
    return check_gui(ctx.path, STAFF)


def step_display(ctx: _Context) -> str:
    """Where there is a display: the platform plugin's libraries, then a real window (K1)."""
    try:
        from redvan.gui.selftest import check_display
    except ImportError as exc:
        raise StepFailed(f"Qt could not be loaded ({exc})") from exc
    return check_display()


STEPS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("modules", step_modules),
    ("vault", step_vault),
    ("contact", step_contact),
    ("read", step_read),
    ("tally", step_tally),
    ("pdf", step_pdf),
    ("pii", step_pii),
    ("signing", step_signing),
    ("resources", step_resources),
    ("gui", step_gui),
    ("display", step_display),
)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    message = text[0] if text else type(exc).__name__
    if not isinstance(exc, StepFailed | OSError | ValueError):
        message = f"{type(exc).__name__}: {message}"
    if isinstance(exc, StepFailed) and len(text) > 1:
        # our own advice, such as the command that installs a missing library
        return "\n".join([message[:300], *(line[:200] for line in text[1:8])])
    return message[:300]


def run(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run every step; 0 when all pass, 1 at the first failure."""
    out = out or sys.stdout
    err = err or sys.stderr
    folder = Path(tempfile.mkdtemp(prefix="redvan-selftest-"))  # created 0o700
    ctx = _Context(folder)
    try:
        for name, step in STEPS:
            started = time.perf_counter()
            try:
                detail = step(ctx)
            except Exception as exc:  # noqa: BLE001 - every failure becomes one line
                log.exception("self-test step %s failed", name)
                print(f"self-test failed at step {name}: {_one_line(exc)}", file=err, flush=True)
                return 1
            ms = (time.perf_counter() - started) * 1000
            print(f"ok {name:<9} {detail} ({ms:.0f} ms)", file=out, flush=True)
    finally:
        try:
            ctx.lock()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    print(PASSED, file=out, flush=True)
    return 0
