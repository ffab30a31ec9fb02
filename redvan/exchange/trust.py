"""The device keys a coordinator or auditor trusts.

A plain text file in the user's configuration folder, one minisign public key per line
(``redvan device --pubkey`` output appended to it), plus any ``--pubkey`` given on the command
line. Public keys are not secret. The auditor viewer reads this file, and writes it only
when the auditor confirms "Trust this device" after comparing its fingerprint.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import platformdirs

from redvan.exchange.signing import (
    MAX_SIGNATURE_BYTES,
    DevicePublicKey,
    SignatureError,
    load_public_key,
    parse_public_keys,
)

TRUSTED_FILE = "trusted-devices.pub"
MAX_TRUSTED_BYTES = 256 * MAX_SIGNATURE_BYTES


def trusted_keys_path() -> Path:
    return Path(platformdirs.user_config_dir("redvan", appauthor=False)) / TRUSTED_FILE


def trusted_keys(extra: Iterable[str] = (), *, path: Path | None = None) -> list[DevicePublicKey]:
    """Keys from the trusted-keys file (if there is one) and the ``--pubkey`` values given."""
    path = trusted_keys_path() if path is None else path
    keys: list[DevicePublicKey] = []
    try:
        if path.is_file():
            if path.stat().st_size > MAX_TRUSTED_BYTES:
                raise SignatureError(f"The trusted keys file {path} is too large.")
            keys.extend(parse_public_keys(path.read_text(encoding="utf-8")))
    except SignatureError as exc:
        raise SignatureError(f"{path}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise SignatureError(f"The trusted keys file {path} cannot be read.") from exc
    keys.extend(load_public_key(value) for value in extra)
    unique: dict[str, DevicePublicKey] = {}
    for key in keys:
        unique.setdefault(key.base64, key)
    return list(unique.values())


def add_trusted_key(key: DevicePublicKey, path: Path | None = None) -> Path:
    """Append `key` to the trusted-keys file (made 0o600, in a 0o700 folder); returns the file.

    A key already in the file is not added twice. The file is rewritten atomically, so a
    crash leaves either the old file or the new one.
    """
    from redvan.storage.files import atomic_write_bytes

    path = trusted_keys_path() if path is None else path
    existing = ""
    if path.is_file():
        if path.stat().st_size > MAX_TRUSTED_BYTES:
            raise SignatureError(f"The trusted keys file {path} is too large.")
        try:
            existing = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SignatureError(f"The trusted keys file {path} cannot be read.") from exc
        if any(k.base64 == key.base64 for k in parse_public_keys(existing)):
            return path
    if existing and not existing.endswith("\n"):
        existing += "\n"
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_bytes(path, (existing + key.file_text()).encode("utf-8"))
    except OSError as exc:
        raise SignatureError(f"The trusted keys file {path} cannot be written.") from exc
    return path


_MANAGED_BEGIN = (
    "# redvan organisation {org}: begin (kept by redvan enrol; edits here are replaced)"
)
_MANAGED_END = "# redvan organisation {org}: end"


def remember_organisation(
    organisation: str, keys: Iterable[str], *, path: Path | None = None
) -> Path:
    """Write the organisation's device keys into the trusted-keys file, in a block of their
    own that enrolment and organisation updates replace whole; lines outside it are kept."""
    from redvan.storage.files import atomic_write_bytes

    path = trusted_keys_path() if path is None else path
    begin, end = _MANAGED_BEGIN.format(org=organisation), _MANAGED_END.format(org=organisation)
    lines: list[str] = []
    try:
        if path.is_file():
            if path.stat().st_size > MAX_TRUSTED_BYTES:
                raise SignatureError(f"The trusted keys file {path} is too large.")
            lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise SignatureError(f"The trusted keys file {path} cannot be read.") from exc
    kept, inside = [], False
    for line in lines:
        if line == begin:
            inside = True
        elif line == end and inside:
            inside = False
        elif not inside:
            kept.append(line)
    block = [begin, *(DevicePublicKey.parse(k).base64 for k in keys), end]
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write_bytes(path, ("\n".join([*kept, *block]) + "\n").encode("utf-8"))
    return path
