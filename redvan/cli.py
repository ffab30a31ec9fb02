"""The command line (SPEC §8): thin, calls core services; one-line errors, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from redvan import __version__
from redvan.core.passphrase import PassphraseTooWeak, check_new_passphrase
from redvan.core.textsafe import escaped
from redvan.messages_cli import N_, say, set_language, translate

log = logging.getLogger("redvan.cli")  # also when run as python -m redvan.cli

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A failure to report as one line and exit non-zero."""


# -- passphrases ---------------------------------------------------------------------------


class Secrets:
    """Reads secrets from the terminal, or one line each from standard input."""

    def __init__(self, from_stdin: bool) -> None:
        self.from_stdin = from_stdin

    def _line(self) -> str:
        # Read from the byte stream so that a file piped after the passphrase stays unread.
        raw = sys.stdin.buffer.readline(4096)
        if not raw:
            raise CliError("Expected a passphrase on standard input, but it was empty.")
        try:
            return raw.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise CliError("The passphrase on standard input is not UTF-8 text.") from None

    def existing(self, prompt: str) -> str:
        if self.from_stdin:
            return self._line()
        if not sys.stdin.isatty():
            raise CliError("No terminal to ask for the passphrase; use --passphrase-stdin.")
        return getpass.getpass(prompt)

    def new(self, who: str, context: Sequence[str] = ()) -> str:
        """A new passphrase, judged against real guessing and the vault's own words (V12)."""
        if self.from_stdin:
            secret = self._line()
        else:
            if not sys.stdin.isatty():
                raise CliError("No terminal to ask for a passphrase; use --passphrase-stdin.")
            secret = getpass.getpass(f"New passphrase for {who}: ")
            again = getpass.getpass("Type it again: ")
            if secret != again:
                raise CliError("The two passphrases differ; nothing was created.")
        try:
            check_new_passphrase(secret, [who, *context])
        except PassphraseTooWeak as exc:
            raise CliError(str(exc)) from None
        return secret


# -- opening a vault -----------------------------------------------------------------------


@contextmanager
def opened(args: argparse.Namespace, *, purge: bool = True, read_only_ok: bool = False) -> Any:
    """Unlock the vault named by --vault for one command, then lock it (with a backup).

    With ``read_only_ok`` a vault whose disk is full is opened read-only instead (saying so,
    and how to free space), for a command that only reads."""
    from redvan.core.services import Services
    from redvan.storage.errors import VaultDamaged, VaultUnwritable
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import is_damage, newest_backup, staff_labels, unlock

    path = Path(args.vault)
    secrets = Secrets(args.passphrase_stdin)
    if getattr(args, "recovery", False):
        secret = secrets.existing("Recovery code: ")
    else:
        labels = staff_labels(path) if path.exists() else []
        who = args.staff or (labels[0] if len(labels) == 1 else "your staff name")
        secret = secrets.existing(f"Passphrase for {who}: ")
    recovery = getattr(args, "recovery", False)
    shown = getattr(args, "progress", False) or sys.stderr.isatty()
    progress = _backup_progress if shown else None
    try:
        vault = unlock(path, secret, staff=args.staff, recovery=recovery, progress=progress)
    except VaultUnwritable as exc:
        if not (read_only_ok and exc.disk_full):
            raise
        vault = unlock(path, secret, staff=args.staff, recovery=recovery, readonly=True)
        print(
            f"redvan: the disk of {path.name} is full, so it is open read-only: nothing is "
            f"changed. Free space on that disk (move or delete large files you do not need; "
            f"older backups are in {path.name}.backups), then use it as usual.",
            file=sys.stderr,
        )
    try:
        services = Services(VaultStore(vault))
        if purge and not vault.read_only:
            services.purge(datetime.now())
        yield services
    except BaseException as exc:
        vault.close(backup=False)
        if is_damage(exc):
            raise VaultDamaged(path, newest_backup(path)) from None
        raise
    vault.close(
        backup=True,
        reason="exit",
        progress=_backup_progress if getattr(args, "progress", False) else None,
    )


# -- commands ------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    path = Path(args.vault)
    passphrase = Secrets(args.passphrase_stdin).new(args.staff, [Path(args.vault).stem])

    def seed(vault: Any) -> None:
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(path, args.staff, passphrase, init=seed)
    created.vault.close(backup=True, reason="created")
    print_recovery(created.recovery_code, path)
    return EXIT_OK


def print_recovery(code: str, path: Path) -> None:
    say(f"Created the vault {path}.")
    print()
    say("RECOVERY CODE (shown only this once):")
    print()
    print(f"    {code}")
    print()
    say(
        "Write it down and keep it somewhere safe, away from this computer. With a\n"
        "forgotten passphrase, this code is the only way back in. Without both the\n"
        "passphrase and this code, the data in the vault is gone for good: nobody,\n"
        "not even the makers of Red Van, can recover it."
    )


def cmd_demo(args: argparse.Namespace) -> int:
    from redvan.core.demo import DemoPlan, generate
    from redvan.core.services import Services
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    path = Path(args.vault)
    if args.gui:
        _need_display()  # before the vault is made: a missing library is said first (K1)
    if args.gui and path.exists():
        say(f"{path} already exists; opening it.")
        return cmd_gui(args)
    passphrase = Secrets(args.passphrase_stdin).new(args.staff, [Path(args.vault).stem])
    plan = DemoPlan(weeks=args.weeks, seed=args.seed, vans=args.scale)
    started = time.monotonic()
    made: dict[str, int] = {}

    def seed(vault: Any) -> None:
        store = VaultStore(vault)
        services = Services(store)
        with store.transaction():
            services.seed_vocabularies()
            store.organisation_secret()
        made.update(generate(services, plan, progress=_progress if args.progress else None))

    created = create_vault(path, args.staff, passphrase, init=seed)
    created.vault.close(backup=False)
    took = time.monotonic() - started
    print_recovery(created.recovery_code, path)
    print()
    summary = ", ".join(f"{v:,} {k}" for k, v in made.items())
    say(f"Demo data from seed {args.seed}: {summary} ({took:.1f} s).")
    say("Demo codes are D0001, D0002, …; every person in it is made up.")
    if args.gui:
        return cmd_gui(args)
    return EXIT_OK


def _progress(done: int, total: int) -> None:
    print(f"\r{done:,} / {total:,} contacts", end="", file=sys.stderr, flush=True)
    if done >= total:
        print(file=sys.stderr)


class _VaultProgress:
    """(done, total, stage) of a backup or a migration as one updating line on standard
    error; a migration also says about how long is left, from its rate so far."""

    _WHAT = {
        "copy": "Backup: copying",
        "verify": "Backup: verifying",
        "write": "Backup: writing",
        "migrate": "Updating the vault to this version of Red Van",
    }

    def __init__(self) -> None:
        self._stage = ""
        self._started = 0.0

    def __call__(self, done: int, total: int, stage: str) -> None:
        import time

        if stage != self._stage:
            if self._stage:
                print(file=sys.stderr)
            self._stage, self._started = stage, time.monotonic()
        what = self._WHAT.get(stage, stage)
        if stage == "verify" or total <= 1:
            line = f"{what} …"
        elif stage == "migrate":
            share = 100 * done // max(total, 1)
            spent = time.monotonic() - self._started
            left = spent * (total - done) / done if done and spent > 1 else None
            line = f"{what}: {share} %" + (f", about {left:,.0f} s left" if left else "")
        else:
            share = 100 * done // max(total, 1)
            unit, size = ("MB", 1e6) if total >= 10e6 else ("KB", 1e3)
            line = f"{what} {done / size:,.0f} of {total / size:,.0f} {unit} ({share} %)"
        print(f"\r{line:<72}", end="", file=sys.stderr, flush=True)
        if stage in ("write", "migrate") and done >= total:
            print(file=sys.stderr)
            self._stage = ""


def _backup_progress(done: int, total: int, stage: str) -> None:
    _PROGRESS(done, total, stage)


_PROGRESS = _VaultProgress()


def cmd_record(args: argparse.Namespace) -> int:
    from redvan.core.intake import IntakeError, Problems, parse_jsonl

    if args.file == "-" and not args.passphrase_stdin:
        raise CliError("Reading contacts from standard input needs --passphrase-stdin.")
    with opened(args, purge=False) as services:
        data = sys.stdin.buffer.read() if args.file == "-" else _read_input(Path(args.file))
        problems = Problems()  # every bad line, from both checks, before anything is saved
        try:
            lines = parse_jsonl(data, problems)
            saved = services.save_intake(lines, problems)
        except IntakeError as exc:
            raise CliError(str(exc)) from None
    new = sum(1 for r in saved if r.new_profile)
    say(
        f"Saved {_count(len(saved), 'contact', 'contacts')} "
        f"({_count(new, 'new person', 'new persons')})."
    )
    return EXIT_OK


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


MAX_INPUT_BYTES = 256 * 1024 * 1024


def _read_input(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise CliError(f"Cannot read {path}: {exc.strerror or 'unreadable'}.") from None
    if len(data) > MAX_INPUT_BYTES:
        raise CliError(f"{path} is larger than 256 MiB; split it into smaller files.")
    return data


EXPORT_SUFFIX = {
    "alerts": ".pdf",
    "police": ".pdf",
    "audit": ".rvaudit",
    "sync": ".rvsync.json",
    "dhis2": ".json",
}


def _out_file(text: str, example: str) -> Path:
    """The file --out names: a folder or a missing folder is refused with what to do."""
    out = Path(text)
    if out.is_dir():
        raise CliError(
            f"--out {out} is a folder, not a file; give a file name in it, for example "
            f"--out {out / example}"
        )
    if not out.parent.is_dir():
        raise CliError(f"The folder {out.parent} does not exist; create it or choose another.")
    return out


def cmd_programme(args: argparse.Namespace) -> int:

    first, last = _week(args.from_week, "--from"), _week(args.to_week, "--to")
    with opened(args) as services:
        programme = services.save_programme(args.slug, args.name, first, last, args.target)
    say(
        f"Programme {programme.slug}: {programme.name}, {first}–{last}, "
        f"target {programme.target} persons."
    )
    return EXIT_OK


def _week(text: str, option: str) -> Any:
    from redvan.core.weeks import IsoWeek

    try:
        return IsoWeek.parse(text)
    except ValueError as exc:
        raise CliError(f"{option}: {exc}") from None


def cmd_backup(args: argparse.Namespace) -> int:
    from redvan.storage.backup import automatic_backup, write_backup

    if args.list:
        return _list_backups(Path(args.vault))
    out = _out_file(args.out, f"{Path(args.vault).stem}.rvbackup") if args.out else None
    progress = _backup_progress if args.progress else None
    with opened(args, purge=False) as services:
        vault = services.store.vault
        if args.destroy_earlier:
            return _destroy_earlier(services)
        if out is not None:
            made = write_backup(vault, out, "manual", progress)
        else:
            made = automatic_backup(vault, "manual", progress)
            vault.mark_backed_up()  # the exit needs no second generation of the same data
    say(f"Backup written and verified: {made}")
    return EXIT_OK


def _list_backups(vault: Path) -> int:
    from redvan.storage import keyslots
    from redvan.storage.keyhistory import backups_by_key

    try:
        current = keyslots.read_keyfile(vault).generation
    except keyslots.KeyFileError as exc:
        raise CliError(str(exc)) from None
    entries = backups_by_key(vault, current)
    if not entries:
        print("No backups beside this vault.")
    for entry in entries:
        if entry.generation is None:
            note = "not readable as a backup"
        elif entry.earlier:
            note = f"EARLIER KEY (generation {entry.generation}): old key files open it"
        else:
            note = "current key"
        print(f"{entry.path.name:<48} {note}")
    return EXIT_OK


def _destroy_earlier(services: Any) -> int:
    from redvan.core.enums import Role
    from redvan.storage.keyhistory import COPIES_ELSEWHERE, destroy_earlier

    vault = services.store.vault
    me = next((s for s in services.store.list_staff() if s.id == vault.staff_id), None)
    if me is None or me.role != Role.COORDINATOR.value:
        raise CliError("Only a coordinator can destroy backups.")
    gone = destroy_earlier(vault)
    print(f"Destroyed {len(gone)} backup(s) made under an earlier key.")
    print(COPIES_ELSEWHERE)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from redvan.storage import keyslots
    from redvan.storage.backup import BackupReader, restore

    current: int | None = None
    with contextlib.suppress(keyslots.KeyFileError):
        current = keyslots.read_keyfile(Path(args.vault)).generation
    reader = BackupReader(Path(args.from_file))
    was = reader.keyfile.generation
    reader.close()
    if current is not None and was < current:
        print(
            f"This backup was made under an earlier key (generation {was}; the vault is at "
            f"{current}). It opens with the passphrases of that time, and restoring it brings "
            "back that time's key slots, including anyone revoked since, until the vault's key "
            "is changed again.",
            file=sys.stderr,
        )
    secrets = Secrets(args.passphrase_stdin)
    secret = secrets.existing(
        "Recovery code: "
        if args.recovery
        else f"Passphrase (as it was when the backup was made) for "
        f"{args.staff or 'the staff member'}: "
    )
    kept = restore(
        Path(args.vault), Path(args.from_file), secret, staff=args.staff, recovery=args.recovery
    )
    say(f"Restored {args.vault} from {args.from_file}.")
    if kept:
        say(f"The vault it replaced was kept in {kept}.")
    if current is not None and was < current:
        if args.rotate:
            from redvan.storage import staffkeys
            from redvan.storage.vault import unlock

            vault = unlock(Path(args.vault), secret, staff=args.staff, recovery=args.recovery)
            try:
                done = staffkeys.rotate_key(vault, progress=RotationProgress())
            finally:
                vault.close(backup=False)
            say(f"The vault is now under a new key (generation {done.generation}).")
            say("Revoke again anyone who should not have a key: 'redvan staff revoke'.")
        else:
            say(
                "The old key's slots are back. Change the key now with "
                f"'redvan staff rotate --vault {args.vault}' (or restore with --rotate), and "
                "revoke again anyone who should not have a key."
            )
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from redvan.storage.check import check_vault

    with opened(args, purge=False, read_only_ok=True) as services:
        report = check_vault(services.store.vault, full=args.full)
    for line in report.lines():
        print(line)
    if not report.integrity_ok:
        from redvan.storage.errors import VaultDamaged
        from redvan.storage.vault import newest_backup

        raise VaultDamaged(Path(args.vault), newest_backup(Path(args.vault)))
    if not report.ok:
        raise CliError(report.summary())
    return EXIT_OK


def cmd_staff(args: argparse.Namespace) -> int:
    from redvan.core.enums import Role
    from redvan.storage import staffkeys

    secrets = Secrets(args.passphrase_stdin)
    if args.action == "reset":
        if not args.name:
            raise CliError("Say whose passphrase to reset with --name.")
        code = secrets.existing("Recovery code: ")
        new = secrets.new(args.name, [Path(args.vault).stem])
        staffkeys.reset_with_recovery(Path(args.vault), code, args.name, new).close(backup=False)
        say(f"{args.name} has a new passphrase.")
        return EXIT_OK
    with opened(args, purge=False) as services:
        vault = services.store.vault
        me = next((s for s in services.store.list_staff() if s.id == vault.staff_id), None)
        own_words = [
            Path(args.vault).stem,
            *(m.display_name for m in services.store.list_staff(include_inactive=True)),
        ]
        if args.action == "passphrase":
            staffkeys.change_passphrase(vault, vault.staff_id, secrets.new("you", own_words))
            say("Your passphrase was changed.")
            return EXIT_OK
        if args.action == "list":
            labels = {s.staff_id for s in vault.keyfile().staff_slots()}
            for member in services.store.list_staff(include_inactive=True):
                key = "key" if member.id in labels else "no key"
                state = "active" if member.active else "inactive"
                print(f"{member.display_name:<12} {member.role:<12} {state:<9} {key}")
            return EXIT_OK
        if me is None or me.role != Role.COORDINATOR.value:
            raise CliError("Only a coordinator can change who has a key to the vault.")
        if args.action == "add":
            if not args.name:
                raise CliError("Give the new staff member's initials with --name.")
            passphrase = secrets.new(args.name, own_words)
            known = {m.display_name.casefold(): m for m in services.store.list_staff()}
            member = known.get(args.name.strip().casefold()) or services.add_staff(
                args.name, Role(args.role)
            )
            staffkeys.add_staff_slot(vault, member.id, member.display_name, passphrase)
            say(f"Added {member.display_name} ({args.role}) with their own key.")
        elif args.action == "revoke":
            target = next(
                (s for s in services.store.list_staff() if s.display_name == args.name), None
            )
            if target is None:
                raise CliError(f"There is no active staff member called {args.name}.")
            services.set_staff_active(target.id, False)
            done = staffkeys.revoke_slot(vault, target.id, progress=RotationProgress())
            say(
                f"{target.display_name} can no longer unlock this vault: it is now under a new "
                f"key (generation {done.generation}), and their old key file opens nothing "
                "written from now on."
            )
            _after_rotation(done, Path(args.vault))
        elif args.action == "rotate":
            done = staffkeys.rotate_key(vault, progress=RotationProgress())
            say(f"The vault is now under a new key (generation {done.generation}).")
            _after_rotation(done, Path(args.vault))
        else:  # recovery
            code = staffkeys.replace_recovery_code(vault, progress=RotationProgress())
            print("The vault is now under a new key; the old recovery code opens nothing new.")
            print_recovery(code, Path(args.vault))
    return EXIT_OK


_STAGE_WORDS = {
    "copy": "Writing the vault under a new key",
    "verify": "Checking the new copy",
    "swap": "Swapping it in",
}


class RotationProgress:
    """A key change's progress on the terminal (standard error), with the time left. Only on
    a terminal: a script's standard error stays clean."""

    interactive: bool | None = None  # None: when standard error is a terminal

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.stage = ""
        wanted = self.interactive
        self.shown = sys.stderr.isatty() if wanted is None else wanted
        self.last = ""

    def __call__(self, done: int, total: int, stage: str) -> None:
        if not self.shown:
            return
        share = min(1.0, done / total) if total > 0 else 1.0
        if self.stage and stage != self.stage:
            print(file=sys.stderr)
        self.stage = stage
        line = f"{_STAGE_WORDS.get(stage, stage)}: {share:4.0%}"
        if stage == "copy" and 0.05 <= share < 1:  # earlier guesses swing too much
            spent = time.monotonic() - self.started
            # The copy is about half of the work: checking the copy takes about as long.
            line += f", about {max(1, round(spent / share * (2 - share)))} s left"
        if line != self.last:  # a terminal redraw only when the words change
            self.last = line
            print(f"\r{line:<64}", end="", file=sys.stderr, flush=True)
        if stage == "swap" and share >= 1:
            print(file=sys.stderr, flush=True)


def _after_rotation(done: Any, vault: Path) -> None:
    if done.dropped:
        names = ", ".join(done.dropped)
        print(
            f"Key slots in the old format could not be carried over: {names}. Give them a new "
            "passphrase with 'redvan staff add --name NAME'."
        )
    if done.recovery_code:
        print("The recovery slot was in the old format, so there is a new recovery code:")
        print_recovery(done.recovery_code, vault)
    print(
        "Backups made before this change still open with the old key: list them with "
        f"'redvan backup --vault {vault} --list'; destroy them with --destroy-earlier."
    )


def cmd_export(args: argparse.Namespace) -> int:
    first, last = _week(args.from_week, "--from"), _week(args.to_week, "--to")
    if last < first:
        raise CliError(f"--to {last} comes before --from {first}.")
    span = str(first) if first == last else f"{first}-{last}"
    out = _out_file(args.out, f"{args.kind}-{span}{EXPORT_SUFFIX.get(args.kind, '')}")
    with opened(args) as services:
        summary = EXPORTS[args.kind](services, args, first, last, out)
    say(summary)
    return EXIT_OK


def _export_incidents(
    services: Any, args: argparse.Namespace, first: Any, last: Any, out: Path
) -> str:
    """An alert sheet or police report. Nobody can review descriptions here (the app's review
    step), so a description in which the PII guard finds anything is withheld whole."""
    from redvan.core.incidents import IncidentExport
    from redvan.reports.alerts import write_alert_sheet
    from redvan.reports.police import write_police_report

    kind = IncidentExport(args.kind)
    sheet = services.incident_sheet(kind, first, last)
    write = write_alert_sheet if kind is IncidentExport.ALERTS else write_police_report
    write(out, sheet, args.lang)
    try:
        services.record_incident_export(sheet)  # police references and the audit event
    except BaseException:
        out.unlink(missing_ok=True)  # a report whose references are not kept is useless
        raise
    what = N_("alert sheet") if kind is IncidentExport.ALERTS else N_("police report")
    incidents = _count(len(sheet.entries), "incident", "incidents")
    withheld = sum(1 for e in sheet.entries if e.withheld)
    if withheld:
        descriptions = _count(withheld, "description", "descriptions")
        return N_(
            f"Wrote the {what} {out}: {incidents}; {descriptions} withheld because it may "
            "hold personal data (review them in the app)."
        )
    return N_(f"Wrote the {what} {out}: {incidents}.")


def _exchange_errors() -> tuple[type[Exception], ...]:
    from redvan.exchange.hostile import ImportRefused
    from redvan.exchange.signing import EncryptionError, SignatureError

    return (ImportRefused, SignatureError, EncryptionError)


def _export_audit(services: Any, args: argparse.Namespace, first: Any, last: Any, out: Path) -> str:
    """An audit bundle (X5): de-identified rows, tally, PDF and audit summary, signed."""
    from redvan.exchange.bundle import write_audit_bundle

    try:
        summary = write_audit_bundle(
            services, first, last, out, recipients=args.recipient or (), lang=args.lang
        )
    except _exchange_errors() as exc:
        raise CliError(str(exc)) from None
    return str(summary)


def _export_dhis2(services: Any, args: argparse.Namespace, first: Any, last: Any, out: Path) -> str:
    """A DHIS2 dataValueSet of the weekly tallies (X4), through a mapping file, signed."""
    from redvan.exchange.dhis2 import load_mapping, write_dhis2

    try:
        mapping = load_mapping(Path(args.mapping) if args.mapping else None)
        summary = write_dhis2(
            services, first, last, out, mapping=mapping, recipients=args.recipient or ()
        )
    except _exchange_errors() as exc:
        raise CliError(str(exc)) from None
    return str(summary)


def _export_sync(services: Any, args: argparse.Namespace, first: Any, last: Any, out: Path) -> str:
    """A sync package (X1, X2): the weeks' de-identified aggregates, signed, maybe encrypted."""
    from redvan.exchange.sync import fingerprint, write_package

    try:
        written = write_package(services, first, last, out, recipients=args.recipient or ())
    except _exchange_errors() as exc:
        raise CliError(str(exc)) from None
    what = N_("encrypted sync package") if written.encrypted else N_("sync package")
    return N_(
        f"Wrote the {what} {written.path} ({_count(written.weeks, 'week', 'weeks')}, "
        f"device {fingerprint(written.device_id)}, sequence {written.sequence}) and its "
        f"signature {written.signature.name}."
    )


# export kind -> writer; sync, audit and dhis2 join here (SPEC §8).
EXPORTS: dict[str, Callable[[Any, argparse.Namespace, Any, Any, Path], str]] = {
    "alerts": _export_incidents,
    "police": _export_incidents,
    "audit": _export_audit,
    "sync": _export_sync,
    "dhis2": _export_dhis2,
}


def _generated(services: Any) -> datetime:
    """When an output was made, on the vault's wall clock (never the machine's time zone).

    SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes the moment, so the same vault
    gives byte-identical outputs on any machine (T14)."""
    from datetime import UTC

    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.now(UTC)
    if fixed.isdigit() and len(fixed) <= 12:
        moment = datetime.fromtimestamp(int(fixed), UTC)
    return services.clock().now(moment).replace(microsecond=0)


def cmd_tally(args: argparse.Namespace) -> int:
    """The tally of a week or range of weeks (R1); csv and pdf are published, so suppressed."""
    from redvan.core.disclosure import disclose

    first = _week(args.week, "--week")
    last = _week(args.to_week, "--to") if args.to_week else first
    if last < first:
        raise CliError(f"--to {last} comes before --week {first}.")
    if args.format == "pdf" and not args.out:
        raise CliError("A PDF needs a file: add --out FILE.")
    span = str(first) if first == last else f"{first}-{last}"
    out = _out_file(args.out, f"tally-{span}.{args.format}") if args.out else None
    with opened(args) as services:
        disclosed = disclose(services.tally(first, last))
        data = _render_tally(disclosed, args.format, args.lang, _generated(services))
        if out is None:
            services.record_export(f"tally-{args.format}", first, last)
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        else:
            from redvan.storage.files import atomic_write_bytes

            atomic_write_bytes(out, data)
            try:
                services.record_export(f"tally-{args.format}", first, last)
            except BaseException:
                out.unlink(missing_ok=True)  # no export leaves the vault without its audit event
                raise
    if out is not None:
        span = str(first) if first == last else f"{first}–{last}"
        say(f"Wrote the tally of {span} to {out}.")
    return EXIT_OK


def _render_tally(disclosed: Any, fmt: str, lang: str, generated: datetime) -> bytes:
    if fmt == "pdf":
        from redvan.reports.tally_pdf import tally_pdf

        return tally_pdf(disclosed, lang, generated)
    if fmt == "csv":
        from redvan.reports.csv import tally_csv

        return tally_csv(disclosed, lang, generated)
    from redvan.reports.tally_text import tally_json, tally_text

    if fmt == "json":
        import json

        return (
            json.dumps(tally_json(disclosed, generated), ensure_ascii=False, indent=2) + "\n"
        ).encode()
    return tally_text(disclosed, lang).encode("utf-8")


def _need_display() -> None:
    """Say which system library Qt's platform plugin lacks, instead of a core dump (K1)."""
    try:
        from redvan.gui.display import DisplayUnavailable, check
    except ImportError:
        raise CliError(
            "The desktop app needs PySide6; reinstall Red Van with its dependencies."
        ) from None
    try:
        check()
    except DisplayUnavailable as exc:
        raise CliError(str(exc)) from None


def cmd_gui(args: argparse.Namespace) -> int:
    _need_display()
    try:
        from redvan.gui.app import main as gui_main
    except ImportError:
        raise CliError(
            "The desktop app needs PySide6; reinstall Red Van with its dependencies."
        ) from None
    return gui_main(Path(args.vault) if args.vault else None)


def cmd_open(args: argparse.Namespace) -> int:
    from redvan.exchange.hostile import ImportRefused, read_capped
    from redvan.exchange.signing import (
        MAX_SIGNATURE_BYTES,
        EncryptionError,
        SignatureError,
        load_public_key,
        parse_identities,
    )

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"There is no file at {path}.")
    try:
        for value in args.pubkey:
            load_public_key(value)
        identities = []
        if args.identity:
            key_file = read_capped(Path(args.identity), MAX_SIGNATURE_BYTES, what="age key file")
            identities = parse_identities(key_file.decode("utf-8", errors="replace"))
    except (SignatureError, EncryptionError, ImportRefused) as exc:
        raise CliError(str(exc)) from None
    _need_display()
    try:
        from redvan.gui.viewer.app import main as viewer_main
    except ImportError:
        raise CliError(
            "The auditor viewer needs PySide6; reinstall Red Van with its dependencies."
        ) from None
    return viewer_main(path, pubkeys=args.pubkey, identities=identities, language=args.lang)


def cmd_verify(args: argparse.Namespace) -> int:
    """Check any signed export: signature, trust and (where the kind is known) contents."""
    from redvan.exchange.hostile import read_capped
    from redvan.exchange.signing import MAX_SIGNATURE_BYTES, parse_identities
    from redvan.exchange.trust import trusted_keys
    from redvan.exchange.verify import check_file, describe

    path = Path(args.file)
    try:
        trusted = trusted_keys(args.pubkey)
        identities = []
        if args.identity:
            key_file = read_capped(Path(args.identity), MAX_SIGNATURE_BYTES, what="age key file")
            identities = parse_identities(key_file.decode("utf-8", errors="replace"))
        check = check_file(path, trusted, identities)
    except _exchange_errors() as exc:
        raise CliError(str(exc)) from None
    for line in describe(path, check):
        print(line)
    if not check.ok:
        raise CliError(check.problem or "The file is not signed by a trusted device.")
    return EXIT_OK


def cmd_device(args: argparse.Namespace) -> int:
    """This vault's device identity: its minisign public key (made the first time it is asked)."""
    from redvan.exchange.signing import device_key

    with opened(args, purge=False) as services:
        public = device_key(services.store).public
    if args.pubkey:
        sys.stdout.write(public.file_text())
    else:
        say(f"Device {public.fingerprint}")
        say(f"Public key: {public.base64}")
    return EXIT_OK


def cmd_enrol(args: argparse.Namespace) -> int:
    """One organisation, several laptops (O1, O2): enrolment files and organisation updates."""
    from redvan.core.organisation import OrganisationError
    from redvan.exchange import enrol, orgupdate
    from redvan.exchange.hostile import read_capped
    from redvan.exchange.signing import is_age

    action = args.action
    target = Path(args.out) if args.out else None
    source = Path(args.from_file) if args.from_file else None
    if action in ("create", "update") and target is None:
        raise CliError(f"enrol {action} writes a file: add --out FILE.")
    if action in ("join", "apply") and source is None:
        raise CliError(f"enrol {action} reads a file: add --from FILE.")
    if target is not None and not target.parent.is_dir():
        raise CliError(f"The folder {target.parent} does not exist.")
    errors = (OrganisationError, *_exchange_errors())
    with opened(args, purge=False) as services:
        try:
            if action == "recipient":
                print(enrol.enrolment_recipient(services))
                return EXIT_OK
            if action == "create":
                assert target is not None
                if args.programme:
                    created = enrol.create_partnership(
                        services, args.programme, target, recipient=args.recipient
                    )
                else:
                    created = enrol.create_enrolment(services, target, recipient=args.recipient)
                _print_enrolment(created)
                return EXIT_OK
            if action == "update":
                assert target is not None
                sent = orgupdate.write_update(services, target)
                print(
                    f"Wrote organisation update {sent.sequence} to {sent.path} and its signature "
                    f"{sent.signature.name}; every laptop of the organisation applies it with "
                    "redvan enrol apply."
                )
                return EXIT_OK
            assert source is not None
            if action == "apply":
                applied = orgupdate.apply_update(services, source)
                print(
                    f"Applied organisation update {applied.sequence}: "
                    f"{applied.vocabulary} vocabulary values, {applied.partners} partners, "
                    f"{applied.programmes} programmes, {applied.devices} trusted devices."
                )
                return EXIT_OK
            head = read_capped(source, enrol.MAX_ORGANISATION_BYTES, what="enrolment file")
            code = None
            if not is_age(head):
                code = Secrets(args.passphrase_stdin).existing("Enrolment code: ")
            document = enrol.read_enrolment(
                source,
                code=code,
                identities=[enrol.enrolment_identity(services)],
                coordinator=args.coordinator,
            )
            applied = enrol.join(services, document)
        except errors as exc:
            raise CliError(str(exc)) from None
    if document["kind"] == "partnership":
        print(
            f"Took the shared programme {document['programmes'][0]['slug']} of organisation "
            f"{applied.organisation} and trusts its {applied.devices} devices for merging."
        )
        return EXIT_OK
    print(
        f"Joined organisation {applied.organisation}: {applied.vocabulary} vocabulary values, "
        f"{applied.partners} partners, {applied.programmes} programmes, {applied.devices} "
        "trusted devices. Codes now give the same persons and aliases as on the organisation's "
        "other laptops."
    )
    return EXIT_OK


def _print_enrolment(created: Any) -> None:
    print(f"Wrote the enrolment file {created.path} and its signature {created.signature.name}.")
    print(f"Signed by this laptop, the coordinator device {created.coordinator}.")
    if created.new_device:
        print(f"The new laptop's device key is {created.new_device}; this laptop trusts it now.")
    if created.code is None:
        print("The file is encrypted to the new vault's recipient. On the new laptop, run")
        print(f"    redvan enrol join --vault NEW --from {created.path.name} \\")
        print(f'        --coordinator "{created.coordinator}"')
        return
    print()
    print("ENROLMENT CODE (shown only this once):")
    print()
    print(f"    {created.code}")
    print()
    print("Give it to the new laptop by another way than the file (say it aloud, or on paper),")
    print("then type it at: redvan enrol join --vault NEW --from FILE")


EXIT_PARTIAL = 3  # merge: written, but some packages were refused


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge sync packages from several devices into one tally (X3); see docs/exchange.md."""
    from redvan.exchange.hostile import read_capped
    from redvan.exchange.merge import Ledger, load_state, merge, render, save_state
    from redvan.exchange.signing import MAX_SIGNATURE_BYTES, parse_identities
    from redvan.exchange.sync import read_packages, write_private
    from redvan.exchange.trust import trusted_keys

    suffix = {"text": "txt"}.get(args.format, args.format)
    out = _out_file(args.out, f"merged-tally.{suffix}")
    state = Path(args.state) if args.state else None
    try:
        trusted = trusted_keys(args.pubkey)
        identities = []
        if args.identity:
            key_file = read_capped(Path(args.identity), MAX_SIGNATURE_BYTES, what="age key file")
            identities = parse_identities(key_file.decode("utf-8", errors="replace"))
        ledger = load_state(state) if state is not None and state.exists() else Ledger()
        packages, refused = read_packages([Path(f) for f in args.files], trusted, identities)
        result = merge(ledger, packages)
    except _exchange_errors() as exc:
        raise CliError(str(exc)) from None
    refused += result.refused
    for sentence in refused:
        say(f"redvan: refused: {escaped(sentence)}", file=sys.stderr)
    if result.tally is None:
        raise CliError("Nothing to merge: no package was accepted.")
    write_private(out, render(result, args.format, args.lang, datetime.now()))
    if state is not None:
        save_state(state, result.ledger)
    say(result.summary())
    say(f"Wrote the merged tally to {out}.")
    return EXIT_PARTIAL if refused else EXIT_OK


# -- parser --------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"redvan: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="redvan",
        description="Red Van Intake: anonymous, encrypted, offline records for street outreach.",
    )
    parser.add_argument("--version", action="version", version=f"redvan {__version__}")
    parser.add_argument(
        "--lang",
        dest="cli_lang",
        choices=["da", "en"],
        help="language of the messages (default: the locale, LANG); put it before COMMAND",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that this installation works (a temporary vault, a PDF, signing, the "
        "window offscreen), then exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def trust_arguments(p: argparse.ArgumentParser, encrypted: str) -> None:
        """--pubkey and --identity, for the commands that read signed (maybe encrypted) files."""
        p.add_argument(
            "--pubkey",
            action="append",
            default=[],
            metavar="KEY",
            help="also trust this device key (a minisign public key or .pub file); repeatable",
        )
        p.add_argument("--identity", metavar="FILE", help=f"an age key file, for {encrypted}")

    def vault_command(
        name: str,
        help_text: str,
        func: Callable[[argparse.Namespace], int],
        *,
        staff_required: bool = False,
    ) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--vault", required=True, metavar="PATH", help="the vault file")
        p.add_argument(
            "--staff",
            required=staff_required,
            metavar="NAME",
            help="your staff name (optional while the vault has one staff member)",
        )
        p.add_argument(
            "--passphrase-stdin",
            action="store_true",
            help="read the passphrase as one line from standard input",
        )
        p.set_defaults(func=func)
        return p

    vault_command(
        "init", "create a new vault with its first coordinator", cmd_init, staff_required=True
    )
    p = vault_command("demo", "create a vault full of realistic, made-up outreach data", cmd_demo)
    p.set_defaults(staff="Demo")
    p.add_argument("--weeks", type=_positive(1, 1040), default=26, help="weeks of data (26)")
    p.add_argument("--seed", type=int, default=1, help="random seed (1)")
    p.add_argument(
        "--scale",
        type=_positive(1, 200),
        default=1,
        help="number of vans working in parallel (1); 24 vans x 520 weeks "
        "make about a million contacts",
    )
    p.add_argument("--progress", action="store_true", help="show progress on standard error")
    p.add_argument(
        "--gui",
        action="store_true",
        help="then open it in the desktop app (an existing demo vault is just opened)",
    )
    p = vault_command("record", "add contacts from a JSON Lines file", cmd_record)
    p.add_argument("file", metavar="FILE", help="a JSON Lines file, or - for standard input")
    p = vault_command(
        "programme", "create or update a programme with a reach target", cmd_programme
    )
    p.add_argument("--slug", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--from", dest="from_week", required=True, metavar="WEEK")
    p.add_argument("--to", dest="to_week", required=True, metavar="WEEK")
    p.add_argument("--target", type=_positive(1, 10_000_000), required=True)
    p = vault_command(
        "tally",
        "the tally of a week or a range of weeks: text or json with exact counts for the "
        "coordinator, csv or pdf with small counts suppressed for publishing",
        cmd_tally,
    )
    p.add_argument("--week", required=True, metavar="WEEK", help="the (first) ISO week, 2026-W48")
    p.add_argument("--to", dest="to_week", metavar="WEEK", help="the last week of a period")
    p.add_argument("--format", choices=["text", "csv", "json", "pdf"], default="text")
    p.add_argument("--out", metavar="FILE", help="write to FILE (0600) instead of standard output")
    p.add_argument("--lang", choices=["da", "en"], default="en", help="language (en)")
    p.add_argument("--recovery", action="store_true", help="unlock with the recovery code")
    p = vault_command("backup", "write a verified, encrypted backup", cmd_backup)
    p.add_argument("--progress", action="store_true", help="show progress on standard error")
    p.add_argument(
        "--out",
        metavar="FILE",
        help="where to write it (default: the next generation beside the vault)",
    )
    p.add_argument(
        "--list",
        action="store_true",
        help="list the backups beside the vault; marks those made under an earlier key",
    )
    p.add_argument(
        "--destroy-earlier",
        action="store_true",
        help="coordinator: destroy the backups beside the vault made under an earlier key",
    )
    p = vault_command("restore", "replace a vault with a verified backup", cmd_restore)
    p.add_argument("--from", dest="from_file", required=True, metavar="FILE")
    p.add_argument(
        "--recovery",
        action="store_true",
        help="unlock the backup with the recovery code instead of a passphrase",
    )
    p.add_argument(
        "--rotate",
        action="store_true",
        help="after restoring a backup made under an earlier key, change the key at once",
    )
    p = vault_command("check", "check integrity, cipher integrity and the audit chain", cmd_check)
    p.add_argument(
        "--full",
        action="store_true",
        help="also verify free pages and every index, and walk the whole audit chain instead "
        "of starting at its last verified checkpoint (slower on a big vault)",
    )
    p = vault_command(
        "export",
        "write an export file: alerts (alert sheet for outreach workers) or police "
        "(anonymous third-party report), as PDF; audit (a signed audit bundle for an auditor), "
        "dhis2 (a signed DHIS2 data value set of the weekly tallies) or sync (a signed sync "
        "package of the weekly aggregates, for a coordinator's redvan merge)",
        cmd_export,
    )
    p.add_argument("kind", choices=sorted(EXPORTS), help="what to export")
    p.add_argument("--from", dest="from_week", required=True, metavar="WEEK")
    p.add_argument("--to", dest="to_week", required=True, metavar="WEEK")
    p.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    p.add_argument(
        "--lang", choices=["da", "en"], default="en", help="language of the document (en)"
    )
    if "--recipient" not in p._option_string_actions:
        p.add_argument(
            "--recipient",
            action="append",
            metavar="AGE",
            help="sync, audit, dhis2: encrypt to this age public key (age1…); repeatable",
        )
    p.add_argument(
        "--mapping",
        metavar="FILE",
        help="dhis2: the mapping file (default: the sample in resources/dhis2/mapping.json)",
    )
    p = sub.add_parser(
        "open",
        help="the auditor viewer: show an audit bundle read-only, with no vault",
        description="Show an audit bundle read-only: its signature, its figures recomputed "
        "from its records, its records and audit-log summary. Needs no vault; writes nothing.",
    )
    p.add_argument("file", metavar="FILE", help="the audit bundle (.rvaudit)")
    trust_arguments(p, "an encrypted bundle")
    p.add_argument("--lang", choices=["da", "en"], help="language (default: the app's)")
    p.set_defaults(func=cmd_open, writes_nothing=True)
    p = sub.add_parser(
        "verify",
        help="check a signed export (sync package, DHIS2 file, audit bundle …) and its .minisig",
        description="Check FILE against FILE.minisig and your trusted device keys; for an audit "
        "bundle also its manifest and every figure against its rows. Exits 0 only when the "
        "file is signed by a trusted device and consistent. Writes nothing.",
    )
    p.add_argument("file", metavar="FILE", help="the signed file")
    trust_arguments(p, "an encrypted file")
    p.set_defaults(func=cmd_verify, writes_nothing=True)
    p = sub.add_parser("gui", help="the desktop app (the default)", description="Start the app.")
    p.add_argument("--vault", metavar="PATH", help="the vault to unlock (default: the last one)")
    p.set_defaults(func=cmd_gui)
    p = vault_command(
        "staff", "list staff, add or revoke a key, change or reset a passphrase", cmd_staff
    )
    p.add_argument(
        "action",
        choices=["list", "add", "revoke", "passphrase", "reset", "recovery", "rotate"],
        help="add/revoke/recovery need a coordinator; reset uses the recovery code",
    )
    p.add_argument("--name", metavar="NAME", help="the staff member to add, revoke or reset")
    p.add_argument("--role", choices=["outreach", "coordinator"], default="outreach")
    p = vault_command("device", "this vault's device identity (its signing key)", cmd_device)
    p.add_argument(
        "--pubkey",
        action="store_true",
        help="print the public key as a minisign .pub file (for minisign -V -p)",
    )
    p = vault_command(
        "enrol",
        "one organisation, several laptops: recipient (this new vault's age recipient), create "
        "(an enrolment file for a new laptop, coordinator), join (this new vault joins from "
        "one), update (an organisation update, coordinator), apply (take one in)",
        cmd_enrol,
    )
    p.add_argument("action", choices=["create", "join", "recipient", "update", "apply"])
    p.add_argument("--out", metavar="FILE", help="create, update: the file to write")
    p.add_argument("--from", dest="from_file", metavar="FILE", help="join, apply: the file")
    p.add_argument(
        "--recipient",
        metavar="AGE",
        help="create: encrypt to the new vault's age recipient instead of an enrolment code",
    )
    p.add_argument(
        "--programme",
        metavar="SLUG",
        help="create: a partnership file sharing this programme with a partner organisation",
    )
    p.add_argument(
        "--coordinator",
        metavar="FINGERPRINT",
        help="join a file encrypted to this vault: the coordinator device's fingerprint, "
        "compared with the coordinator's laptop",
    )
    p = sub.add_parser(
        "merge",
        help="merge sync packages from several devices into one tally",
        description="Merge signed sync packages (redvan export sync) from several devices into "
        "one tally. The same package twice changes nothing, a newer sequence replaces an older "
        "one for the same device and week, and with --state a replayed older package is "
        "refused. Distinct persons across devices are shown as a range. Exits 0 when every "
        "package was merged, 3 when the tally was written but some packages were refused.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="sync packages (each with .minisig)")
    p.add_argument("--out", required=True, metavar="FILE", help="the merged tally to write")
    p.add_argument(
        "--format",
        choices=["text", "csv", "json", "pdf"],
        default="text",
        help="text and json: exact counts for the coordinator; csv and pdf: suppressed (text)",
    )
    p.add_argument("--lang", choices=["da", "en"], default="en", help="language (en)")
    p.add_argument(
        "--state",
        metavar="FILE",
        help="the merge ledger: read if it exists, then written; keeps what was merged before "
        "so that re-imports change nothing and replays are refused",
    )
    trust_arguments(p, "encrypted packages")
    p.set_defaults(func=cmd_merge)
    for name in ("record", "programme", "backup", "check", "staff", "export", "device", "enrol"):
        sub.choices[name].add_argument(
            "--recovery", action="store_true", help="unlock with the recovery code"
        )
    return parser


def _positive(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be from {low} to {high}")
        return value

    return parse


def main(argv: Sequence[str] | None = None) -> int:
    from redvan.logs import setup_logging
    from redvan.messages_cli import language_from_environment
    from redvan.storage.errors import VaultError

    parser = build_parser()
    args = parser.parse_args(argv)
    set_language(args.cli_lang or language_from_environment())
    if getattr(args, "writes_nothing", False):
        # the auditor viewer writes nothing anywhere (T10), not even a log
        logging.getLogger("redvan").addHandler(logging.NullHandler())
        logging.getLogger("redvan").propagate = False
    else:
        setup_logging()
    if args.self_test:
        from redvan.selftest import run as self_test

        args.command, args.func = "self-test", lambda _args: self_test()
    elif args.command is None:
        args = parser.parse_args(["gui"])
    try:
        return int(args.func(args))
    except (CliError, VaultError) as exc:
        print(f"redvan: {escaped(translate(str(exc)), keep_newlines=True)}", file=sys.stderr)
    except ValueError as exc:  # core's ServiceError and friends carry a sentence
        print(f"redvan: {escaped(translate(str(exc)), keep_newlines=True)}", file=sys.stderr)
    except KeyboardInterrupt:
        say("redvan: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except OSError as exc:
        what = exc.strerror or "a file could not be read or written"
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        print(f"redvan: {what}{where}.", file=sys.stderr)
    except Exception:
        log.exception("unexpected error in %s", args.command)
        say(
            "redvan: an unexpected error stopped the command; nothing half-written was kept. "
            "Details are in the log.",
            file=sys.stderr,
        )
    return EXIT_FAIL


if __name__ == "__main__":
    sys.exit(main())
