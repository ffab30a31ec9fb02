"""Errors from the layers below, told to a person in their language (G10).

The core and storage raise typed exceptions with English sentences for the command line; the
GUI translates by type and the fields each exception carries, never by parsing the text.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import UnionType
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale

from redvan.core.codes import CodeError
from redvan.core.passphrase import PassphraseTooWeak
from redvan.storage import errors as e
from redvan.storage import keyslots


def backup_time(path: Path) -> str:
    """A backup's time from its file name (20261120T224000123456Z-lock.rvbackup), as locals."""
    try:
        stamp = datetime.strptime(path.name[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return path.name
    local = stamp.astimezone()
    return QLocale().toString(
        QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0),
        QLocale.FormatType.ShortFormat,
    )


def pii_kinds(kinds: set[str]) -> str:
    names = {
        "cpr": QCoreApplication.translate("Messages", "a CPR number"),
        "phone": QCoreApplication.translate("Messages", "a phone number"),
        "email": QCoreApplication.translate("Messages", "an e-mail address"),
        "address": QCoreApplication.translate("Messages", "a street address"),
        "url": QCoreApplication.translate("Messages", "a web address"),
        "iban": QCoreApplication.translate("Messages", "a bank account number"),
        "handle": QCoreApplication.translate("Messages", "a social media handle"),
        "plate": QCoreApplication.translate("Messages", "a licence plate"),
        "id-number": QCoreApplication.translate("Messages", "a passport or ID number"),
    }
    return ", ".join(names.get(k, k) for k in sorted(kinds))


def describe(exc: BaseException) -> str:
    """The sentence of the first type in the table that `exc` is, in the person's language."""
    for kind, sentence in _sentences().items():
        if isinstance(exc, kind):
            return sentence(exc)
    return QCoreApplication.translate(
        "Messages",
        "Something unexpected went wrong; nothing half-written was kept. Details are in the log.",
    )


@cache
def _sentences() -> dict[type | UnionType, Callable[[Any], str]]:
    """Each error type with its sentence, in the order they are tested (a subclass first)."""
    # Here, not at the top: the use cases load at the first unlock (bench B2).
    from redvan.core.services import CodeTaken, PiiWarning, ServiceError, UnknownValue

    return {
        e.WrongPassphrase: _wrong_passphrase,
        keyslots.WrongSecret: lambda exc: QCoreApplication.translate(
            "Messages", "That passphrase is not right."
        ),
        # key files and the unlock counter (V11, V12)
        e.OlderKeyFile: lambda exc: (
            QCoreApplication.translate(
                "Messages",
                "This key file is an old one (key generation %1; the vault is at generation %2): "
                "it stopped working when the vault's key was changed, for example when a staff "
                "member was revoked. It was refused, and the refusal will be in the audit log. "
                "Use the vault's current key file.",
            )
            .replace("%1", str(exc.has))
            .replace("%2", str(exc.needs))
        ),
        e.ForeignKeyFile: lambda exc: QCoreApplication.translate(
            "Messages",
            "This key file belongs to another vault. Nothing is damaged, but the two files do "
            "not go together: put the vault's own key file next to it.",
        ),
        e.OlderVaultFile: lambda exc: QCoreApplication.translate(
            "Messages",
            "The vault file is an older copy than its key file: it was replaced by a copy made "
            "before the key was changed. Restore a backup instead of copying files.",
        ),
        e.CounterUnwritable: _counter_unwritable,
        e.CounterReset: _counter_reset,
        e.TooSoon: lambda exc: QCoreApplication.translate(
            "Messages",
            "Too many wrong passphrases for %1. Next try in %n s.",
            None,
            exc.wait_seconds,
        ).replace("%1", exc.label),
        e.VaultDamaged: _vault_damaged,
        e.VaultInUse: lambda exc: QCoreApplication.translate(
            "Messages",
            "This vault is already open in another Red Van window or command. "
            "Close it there first.",
        ),
        e.VaultNotFound: lambda exc: QCoreApplication.translate(
            "Messages", "There is no vault at %1."
        ).replace("%1", str(exc.path)),
        e.VaultExists: lambda exc: QCoreApplication.translate(
            "Messages", "A vault already exists at %1. Choose another file name."
        ).replace("%1", str(exc.path)),
        e.KeyFileDamaged: _key_file_damaged,
        e.UnknownStaff | e.StaffRequired: lambda exc: QCoreApplication.translate(
            "Messages", "Choose your name from the list of staff."
        ),
        e.SchemaTooNew: lambda exc: QCoreApplication.translate(
            "Messages", "This vault was written by a newer version of Red Van. Update the app."
        ),
        e.VaultReadOnly: lambda exc: QCoreApplication.translate(
            "Messages",
            "The vault is open read-only because its disk is full: nothing can be saved or "
            "exported. Free some space on that disk, then lock and unlock the vault.",
        ),
        e.DiskFull: lambda exc: QCoreApplication.translate(
            "Messages",
            "The disk is full: this entry was NOT saved. Free some space and save again. "
            "Everything saved before is safe.",
        ),
        e.VaultUnwritable: _vault_unwritable,
        e.StorageFailed: lambda exc: QCoreApplication.translate(
            "Messages",
            "The vault could not write this entry; it was NOT saved. Everything saved "
            "before is safe.",
        ),
        e.BackupError: lambda exc: QCoreApplication.translate(
            "Messages", "The backup could not be written or verified."
        ),
        PiiWarning: lambda exc: QCoreApplication.translate(
            "Messages",
            "This text looks like it contains %1. Remove it, or confirm that it must be kept.",
        ).replace("%1", pii_kinds({f.kind.value for f in exc.findings})),
        CodeTaken: lambda exc: QCoreApplication.translate(
            "Messages", "That code is already in use. Ask the person to choose another code."
        ),
        CodeError: _code_refused,
        PassphraseTooWeak: _too_weak,
        UnknownValue: lambda exc: QCoreApplication.translate(
            "Messages", "One of the chosen values is no longer in use. Choose another."
        ),
        e.VaultError | ServiceError: lambda exc: QCoreApplication.translate(
            "Messages", "This could not be done: %1"
        ).replace("%1", str(exc)),
    }


def _wrong_passphrase(exc: e.WrongPassphrase) -> str:
    if exc.recovery:
        text = QCoreApplication.translate(
            "Messages", "Wrong recovery code (attempt %n).", None, exc.attempt
        )
    else:
        text = QCoreApplication.translate(
            "Messages", "Wrong passphrase for %1 (attempt %n).", None, exc.attempt
        ).replace("%1", exc.label)
    if exc.wait_seconds:
        text += " " + QCoreApplication.translate(
            "Messages", "Next try in %n s.", None, exc.wait_seconds
        )
    return text


def _counter_unwritable(exc: e.CounterUnwritable) -> str:
    if exc.disk_full:
        return QCoreApplication.translate(
            "Messages",
            "Red Van could not record this unlock attempt because the disk is full, so the "
            "passphrase was not tried. Free some space, then try again.",
        )
    return QCoreApplication.translate(
        "Messages",
        "Red Van could not record this unlock attempt, so the passphrase was not tried: "
        "the counter of wrong passphrases beside the vault is not a file it can write. "
        "Remove what stands in its place, then try again.",
    )


def _counter_reset(exc: e.CounterReset) -> str:
    whys = {
        "was missing": QCoreApplication.translate("Messages", "was missing"),
        "is a folder, not a file": QCoreApplication.translate(
            "Messages", "is a folder, not a file"
        ),
        "could not be read": QCoreApplication.translate("Messages", "could not be read"),
        "is not readable": QCoreApplication.translate("Messages", "could not be read"),
        "holds entries that cannot be right": QCoreApplication.translate(
            "Messages", "holds entries that cannot be right"
        ),
    }
    return QCoreApplication.translate(
        "Messages",
        "The counter of wrong passphrases %1, so Red Van waits the longest delay: try again in "
        "%n s. If nobody here removed or changed it, someone may have tried to get round the "
        "delay between wrong passphrases.",
        None,
        exc.wait_seconds,
    ).replace("%1", whys.get(exc.why, exc.why))


def _vault_damaged(exc: e.VaultDamaged) -> str:
    if exc.backup:
        return QCoreApplication.translate(
            "Messages",
            "The vault is damaged: the key is right, but its contents do not verify. "
            "The newest verified backup is from %1; restore it with “Restore the newest "
            "backup” below or from File → Restore a backup.",
        ).replace("%1", backup_time(exc.backup))
    return QCoreApplication.translate(
        "Messages",
        "The vault is damaged: the key is right, but its contents do not verify. "
        "No verified backup was found next to it.",
    )


def _key_file_damaged(exc: e.KeyFileDamaged) -> str:
    if str(exc) == keyslots.DAMAGED:
        return QCoreApplication.translate(
            "Messages", "This key file is damaged; restore it from a backup of the key file."
        )
    return QCoreApplication.translate(
        "Messages",
        "The key file next to the vault is missing or damaged, so the vault cannot be "
        "unlocked. Restore a backup.",
    )


def _vault_unwritable(exc: e.VaultUnwritable) -> str:
    if exc.disk_full:
        return QCoreApplication.translate(
            "Messages",
            "The vault cannot be opened because the disk is full; nothing in it was "
            "changed. Free some space on that disk: move or delete large files you do not "
            "need (older backups of the vault are in the folder %1 beside it), then try "
            "again. Until then `redvan check` can open it read-only.",
        ).replace("%1", f"{exc.path.name}.backups")
    return QCoreApplication.translate(
        "Messages",
        "The vault cannot be opened because its folder cannot be written to. Check the disk "
        "and the folder's permissions; nothing in it was changed.",
    )


def _code_refused(exc: CodeError) -> str:
    return {
        "too-short": QCoreApplication.translate(
            "Messages", "A code needs at least 3 letters or digits."
        ),
        "too-long": QCoreApplication.translate(
            "Messages", "A code can have at most 32 letters or digits."
        ),
        "characters": QCoreApplication.translate(
            "Messages", "A code can only hold letters and digits."
        ),
        "cpr": QCoreApplication.translate(
            "Messages",
            "That code looks like a CPR number. Ask the person to choose a code that "
            "says nothing about who they are.",
        ),
        "phone": QCoreApplication.translate(
            "Messages",
            "That code looks like a phone number. Ask the person to choose a code "
            "that says nothing about who they are.",
        ),
    }.get(
        getattr(exc, "reason", ""),
        QCoreApplication.translate("Messages", "That code cannot be used."),
    )


def _too_weak(exc: PassphraseTooWeak) -> str:
    from redvan.gui.widgets.passphrase import why_weak

    if exc.reasons and exc.reasons != ("short",):
        return why_weak(exc.reasons)  # V12: says why
    return QCoreApplication.translate(
        "Messages",
        "That passphrase is too short or too easy to guess. A few unrelated words work well.",
    )
