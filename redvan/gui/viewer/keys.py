"""The keys a bundle is checked against in the viewer, and where each came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from redvan.exchange import trust
from redvan.exchange.signing import (
    DevicePublicKey,
    SignatureError,
    load_public_key,
)


@dataclass(frozen=True)
class TrustedKeys:
    """The keys a bundle is checked against, and where each came from."""

    path: Path
    from_file: tuple[DevicePublicKey, ...] = ()
    given: tuple[DevicePublicKey, ...] = ()  # --pubkey on the command line
    problems: tuple[str, ...] = field(default_factory=tuple)

    @property
    def all(self) -> tuple[DevicePublicKey, ...]:
        seen = {k.base64: k for k in self.from_file}
        for key in self.given:
            seen.setdefault(key.base64, key)
        return tuple(seen.values())


def load_trusted(given: Iterable[str] = (), path: Path | None = None) -> TrustedKeys:
    """The trusted keys file (read, never written) and the keys given on the command line."""
    path = trust.trusted_keys_path() if path is None else path
    problems: list[str] = []
    try:
        from_file = trust.trusted_keys((), path=path)
    except SignatureError as exc:
        from_file, problems = [], [str(exc)]
    keys = []
    for value in given:
        try:
            keys.append(load_public_key(value))
        except SignatureError as exc:
            problems.append(str(exc))
    return TrustedKeys(path, tuple(from_file), tuple(keys), tuple(problems))
