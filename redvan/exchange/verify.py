"""``redvan verify FILE``: is this export what its signature says, and is it consistent?

Works for every signed export (sync package, DHIS2 file, audit bundle, alert sheet …): the
file and ``FILE.minisig`` are read as hostile input, the signature is checked against the
trusted device keys, and the contents are checked where we know the kind — an audit bundle's
manifest and figures (:func:`redvan.exchange.bundle.read_bundle`), a sync package's schema
(``redvan.exchange.sync.check_document``), a DHIS2 file's shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from redvan.core.textsafe import escaped
from redvan.exchange.bundle import (
    COMMENT_RE,
    BundleEncrypted,
    read_bundle,
    read_signature_file,
    signature_problem,
)
from redvan.exchange.hostile import MAX_BUNDLE_BYTES, ImportRefused, read_capped
from redvan.exchange.signing import (
    DevicePublicKey,
    EncryptionError,
    SignatureError,
    Verdict,
    decrypt,
    is_age,
    verify,
)

KIND_NAMES = {
    "audit": "audit bundle",
    "dhis2": "DHIS2 data value set",
    "sync": "sync package",
}


@dataclass
class FileCheck:
    """What ``redvan verify`` found; ``problem`` is "" when the file passed every check."""

    kind: str = "unknown"
    verdict: Verdict | None = None
    lines: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem and self.verdict is not None and self.verdict.trusted


def check_file(
    path: Path, trusted: Sequence[DevicePublicKey], identities: Sequence[Any] = ()
) -> FileCheck:
    """Check the signed export at ``path``; raises :class:`ImportRefused` only when the file
    itself cannot be read."""
    result = FileCheck()
    data = read_capped(path, MAX_BUNDLE_BYTES, what="file")
    signature, missing = read_signature_file(path)
    if signature is None:
        result.problem = missing
        return result
    try:
        verdict = verify(data, signature, trusted)
    except SignatureError as exc:
        result.problem = str(exc)
        return result
    match = COMMENT_RE.match(verdict.trusted_comment)
    result.kind = match["kind"] if match else "unknown"
    plain: bytes | None = data
    if is_age(data):
        if identities:
            try:
                plain = decrypt(data, identities)
            except EncryptionError as exc:
                result.problem = str(exc)
                plain = None
        else:
            plain = None
    if result.kind == "audit":
        result.verdict = verdict
        try:
            bundle = read_bundle(
                data, name=path.name, signature=signature, trusted=trusted, identities=identities
            )
        except BundleEncrypted:
            result.lines.append("contents: encrypted; not checked (add --identity KEYFILE)")
        except ImportRefused as exc:
            result.problem = str(exc)
        else:
            result.verdict = bundle.verdict or verdict
            statuses = Counter(f.status for f in bundle.figures)
            result.lines.append(
                f"contents: {len(bundle.rows):,} rows; manifest "
                f"{'consistent' if not bundle.manifest_problems else 'NOT consistent'}; "
                f"figures: {statuses['match']} match, {statuses['mismatch']} mismatch, "
                f"{statuses['not-recomputable']} not recomputable from the rows"
            )
            problems = bundle.problems()
            if problems and not result.problem:
                result.problem = problems[0] if len(problems) == 1 else " ".join(problems)
    else:
        result.verdict = verdict
        if plain is None and not result.problem:
            result.lines.append("contents: encrypted; not checked (add --identity KEYFILE)")
        elif plain is not None and result.kind == "dhis2":
            from redvan.exchange.dhis2 import read_data_value_set

            try:
                doc = read_data_value_set(plain)
                result.lines.append(f"contents: {len(doc['dataValues']):,} data values")
            except ImportRefused as exc:
                result.problem = str(exc)
        elif plain is not None and result.kind == "sync":
            result.lines.append(_check_sync(plain, result))
            if verdict.signer is None:
                result.verdict = _with_carried_key(data, signature, plain, trusted) or verdict
    if result.verdict is not None:
        # What is wrong with the signature comes first: contents of a file changed after
        # signing, or from an unknown device, are not worth arguing about.
        result.problem = signature_problem(result.verdict) or result.problem
    return result


def _with_carried_key(
    data: bytes, signature: bytes, plain: bytes, trusted: Sequence[DevicePublicKey]
) -> Verdict | None:
    """The verdict under the public key a sync package carries about itself: it can show
    that the file is intact and who signed it, never that the signer is trusted."""
    from redvan.exchange.hostile import parse_json

    try:
        document = parse_json(plain, what="sync package")
        carried = DevicePublicKey.parse(str(document["device_public_key"]))
        return verify(data, signature, trusted, others=[carried])
    except (ImportRefused, SignatureError, KeyError, TypeError):
        return None


def _check_sync(plain: bytes, result: FileCheck) -> str:
    """The sync package's own schema and consistency checks (H1's sync module)."""
    from redvan.exchange.hostile import parse_json

    try:
        from redvan.exchange import sync
    except ImportError:
        return "contents: not checked (this version cannot read sync packages)"
    check = getattr(sync, "check_document", None)
    if check is None:
        return "contents: not checked (this version cannot read sync packages)"
    try:
        check(parse_json(plain, what="sync package"), "the sync package")
    except ImportRefused as exc:
        result.problem = str(exc)
        return "contents: NOT a valid sync package"
    return "contents: a valid sync package"


def describe(path: Path, check: FileCheck) -> list[str]:
    """The lines ``redvan verify`` prints (the verdict line last)."""
    lines = [f"{escaped(path.name)}: {KIND_NAMES.get(check.kind, 'signed file')}"]
    v = check.verdict
    if v is not None:
        if v.signer is None:
            lines.append(
                f"signature: not checked: no key of device {v.fingerprint} is trusted here "
                "(add it with --pubkey)"
            )
        elif not v.valid:
            # The key was there (given or trusted): the file does not match it. Saying "NOT
            # trusted" here sent auditors after the key instead of the file (issue 15).
            lines.append(
                f"signature: INVALID for the key of device {v.fingerprint}: the file or its "
                "signature was changed after signing"
            )
        else:
            trust = "trusted" if v.trusted else "NOT trusted"
            lines.append(f"signature: valid, {trust}; device {v.fingerprint}")
        # Text from the file is escaped; unless a known key vouches for it, it is labelled so.
        comment = escaped(v.trusted_comment)
        if v.valid and v.signer is not None:
            lines.append(f"trusted comment: {comment}")
        else:
            lines.append(f"trusted comment (unauthenticated, may be forged): {comment}")
    lines.extend(escaped(line) for line in check.lines)
    lines.append("OK: signed by a trusted device and consistent." if check.ok else "NOT OK")
    return lines
