"""The device keys a coordinator or auditor trusts.

A plain text file in the user's configuration folder, one minisign public key per line
(``redvan device --pubkey`` output appended to it), plus any ``--pubkey`` given on the command
line. Public keys are not secret; reading this file is the only thing the auditor viewer
does outside the file it opens, and it never writes it.
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
