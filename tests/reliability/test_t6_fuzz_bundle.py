"""T6 (SPEC §11, X7): a hostile audit bundle is refused with one clear ImportRefused — random
bytes, damaged and truncated zips, zip bombs, path traversal, oversize members, bad JSON —
never another exception; and `redvan verify` turns every one into a one-line error."""

from __future__ import annotations

import io
import json
import struct
import sys
import warnings
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek
from redvan.exchange import bundle as b
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import DevicePublicKey

FIRST, LAST = IsoWeek.parse("2026-W46"), IsoWeek.parse("2026-W47")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[bytes, DevicePublicKey]]:
    """One genuine bundle (and its device key) from a small vault, made once."""
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
    from redvan.core.services import Services
    from redvan.exchange.signing import device_key
    from redvan.storage.keyslots import KdfParams
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault

    tmp = tmp_path_factory.mktemp("t6bundle")

    def seed(vault: Any) -> None:
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    created = create_vault(
        tmp / "v.redvan",
        "AB",
        "night shift passphrase",
        kdf=KdfParams(memory_kib=19 * 1024, iterations=2, parallelism=1),
        init=seed,
    )
    services = Services(VaultStore(created.vault))
    start = datetime(2026, 11, 9, 22, 0)
    for i in range(12):
        services.save_contact(
            ContactInput(
                time=start + timedelta(days=i),
                code="KIM1984" if i % 2 else None,
                services=(ServiceGiven("condoms", i + 1),),
                referrals=(ReferralInput("reden", "attended"),) if i % 3 == 0 else (),
            )
        )
    out = tmp / "g.rvaudit"
    b.write_audit_bundle(services, FIRST, LAST, out, now=datetime(2026, 11, 27, tzinfo=UTC))
    key = device_key(services.store).public
    created.vault.close(backup=False)
    yield out.read_bytes(), key


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def zip_of(entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buffer.getvalue()


def read(data: bytes, key: DevicePublicKey | None = None) -> Any:
    """read_bundle must return or raise ImportRefused; anything else fails the test."""
    return b.read_bundle(data, name="x.rvaudit", signature=None, trusted=[key] if key else [])


def only_refused(data: bytes, key: DevicePublicKey | None = None) -> None:
    try:
        read(data, key)
    except ImportRefused as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message


def test_the_genuine_bundle_reads(genuine: tuple[bytes, DevicePublicKey]) -> None:
    data, key = genuine
    opened = read(data, key)
    assert len(opened.rows) == 12 and not opened.mismatches and not opened.manifest_problems


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    only_refused(data)
    only_refused(b"PK\x03\x04" + data)


@FUZZ
@given(st.data())
def test_mutated_and_truncated_bundles(
    genuine: tuple[bytes, DevicePublicKey], data: st.DataObject
) -> None:
    original, key = genuine
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(mutated) - 1))
        mutated[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(mutated)))
    only_refused(bytes(mutated), key)
    only_refused(bytes(mutated[:cut]), key)
    only_refused(original[:cut], key)


@FUZZ
@given(st.sampled_from(list(b.MEMBERS)), st.binary(max_size=512) | st.text(max_size=200))
def test_any_member_replaced_by_junk(
    genuine: tuple[bytes, DevicePublicKey], name: str, junk: bytes | str
) -> None:
    original, key = genuine
    content = members_of(original)
    content[name] = junk.encode("utf-8") if isinstance(junk, str) else junk
    only_refused(zip_of(list(content.items())), key)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@FUZZ
@given(
    st.sampled_from(["manifest.json", "rows.json", "tally.json", "audit-summary.json"]), st.data()
)
def test_json_members_with_values_changed(
    genuine: tuple[bytes, DevicePublicKey], name: str, data: st.DataObject
) -> None:
    """Valid JSON, wrong contents: a value anywhere in the document replaced by any value."""
    original, key = genuine
    content = members_of(original)
    doc = json.loads(content[name])
    paths: list[list[Any]] = []

    def walk(node: Any, path: list[Any]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, [*path, k])
        elif isinstance(node, list):
            for i, v in enumerate(node[:3]):
                walk(v, [*path, i])

    walk(doc, [])
    path = data.draw(st.sampled_from(paths))
    value = data.draw(json_values)
    if not path:
        doc = value
    else:
        node = doc
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    content[name] = json.dumps(doc).encode()
    only_refused(zip_of(list(content.items())), key)


@FUZZ
@given(st.binary(max_size=600) | st.text(max_size=400).map(str.encode), st.data())
def test_any_signature_file(
    genuine: tuple[bytes, DevicePublicKey], signature: bytes, data: st.DataObject
) -> None:
    """A junk or mangled .minisig is a signature problem, never a crash."""
    from redvan.exchange.signing import DeviceKey

    original, key = genuine
    if data.draw(st.booleans()):
        real = bytearray(DeviceKey.generate().sign(original, "redvan-audit x"))
        for _ in range(data.draw(st.integers(1, 6))):
            real[data.draw(st.integers(0, len(real) - 1))] = data.draw(st.integers(0, 255))
        signature = bytes(real)
    opened = b.read_bundle(original, name="x.rvaudit", signature=signature, trusted=[key])
    assert not opened.ok and opened.signature_problem


def test_deeply_nested_json_is_refused(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    for name in ("manifest.json", "rows.json", "tally.json", "audit-summary.json"):
        for depth in (40, 100_000):
            content = members_of(original)
            content[name] = b"[" * depth + b"]" * depth
            with pytest.raises(ImportRefused):
                read(zip_of(list(content.items())), key)


def test_duplicate_keys_nan_and_not_utf8(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    for name, bad in [
        ("manifest.json", b'{"format": "x", "format": "y"}'),
        ("rows.json", b'{"weeks": [], "weeks": []}'),
        ("tally.json", b'{"threshold": NaN}'),
        ("rows.json", b"\xff\xfe{}"),
    ]:
        content = members_of(original)
        content[name] = bad
        with pytest.raises(ImportRefused):
            read(zip_of(list(content.items())), key)


@pytest.mark.parametrize(
    "name",
    [
        "../manifest.json",
        "/rows.json",
        "sub/rows.json",
        "rows.json/",
        "C:\\rows.json",
        "..\\tally.json",
        "rows.json\x00.txt",
        "extra.json",
        "./rows.json",
        "ROWS.JSON",
    ],
)
def test_names_that_do_not_belong(genuine: tuple[bytes, DevicePublicKey], name: str) -> None:
    original, key = genuine
    content = list(members_of(original).items())
    with pytest.raises(ImportRefused), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns of the names it is made to write
        read(zip_of([*content, (name, b"{}")]), key)


def test_duplicate_member(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    content = list(members_of(original).items())
    with pytest.warns(UserWarning):  # zipfile warns about the duplicate name it writes
        bad = zip_of([*content, ("rows.json", content[1][1])])
    with pytest.raises(ImportRefused, match="twice"):
        read(bad, key)


def test_missing_member(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    content = [(n, d) for n, d in members_of(original).items() if n != "audit-summary.json"]
    with pytest.raises(ImportRefused, match="no audit-summary.json"):
        read(zip_of(content), key)


def test_too_many_entries(genuine: tuple[bytes, DevicePublicKey]) -> None:
    with pytest.raises(ImportRefused):
        read(zip_of([(f"f{i}", b"") for i in range(b.MAX_ZIP_ENTRIES + 1)]))


def test_symlink_and_directory_entries(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    content = members_of(original)
    for mode in (0o120777, 0o040755):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            for name, data in content.items():
                info = zipfile.ZipInfo(name)
                if name == "rows.json":
                    info.external_attr = mode << 16
                zf.writestr(info, data)
        with pytest.raises(ImportRefused, match="not a plain file"):
            read(buffer.getvalue(), key)


def test_a_zip_bomb_is_refused_before_it_is_inflated(
    genuine: tuple[bytes, DevicePublicKey],
) -> None:
    original, key = genuine
    content = members_of(original)
    content["rows.json"] = b"[" + b" " * (8 * 1024 * 1024) + b"]"  # ~8 MiB, deflates ~1000x
    with pytest.raises(ImportRefused, match="compressed suspiciously well"):
        read(zip_of(list(content.items())), key)


def test_an_oversize_member_is_refused(genuine: tuple[bytes, DevicePublicKey]) -> None:
    original, key = genuine
    content = members_of(original)
    content["manifest.json"] = b" " * (b.MAX_MEMBER_BYTES["manifest.json"] + 1)
    with pytest.raises(ImportRefused, match="larger than a genuine one"):
        read(zip_of(list(content.items()), zipfile.ZIP_STORED), key)


def _lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Patch the uncompressed size a zip's local and central headers give for ``member``."""
    out = bytearray(data)
    name = member.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = 0
        while True:
            at = out.find(signature, at)
            if at < 0:
                break
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if out[name_at : name_at + len(name)] == name:
                out[at + offset : at + offset + 4] = struct.pack("<I", size)
            at += 4
    return bytes(out)


def test_headers_that_understate_the_size_do_not_fool_the_reader(
    genuine: tuple[bytes, DevicePublicKey],
) -> None:
    """The entry says 10 bytes; inflating gives ~8 MiB: the bounded read stops and refuses."""
    original, key = genuine
    content = members_of(original)
    content["tally.json"] = b" " * (b.MAX_MEMBER_BYTES["tally.json"] + 4096)
    bomb = _lie_about_size(zip_of(list(content.items())), "tally.json", 10)
    with pytest.raises(ImportRefused):
        read(bomb, key)


def test_a_file_over_the_cap_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(b, "MAX_BUNDLE_BYTES", 1024)
    big = tmp_path / "big.rvaudit"
    big.write_bytes(b"PK\x03\x04" + b"\0" * 2048)
    with pytest.raises(ImportRefused, match="no genuine one is larger"):
        b.open_bundle(big, [])
    with pytest.raises(ImportRefused):
        b.open_bundle(tmp_path, [])  # a folder
    with pytest.raises(ImportRefused):
        b.open_bundle(tmp_path / "missing.rvaudit", [])


# -- the command line ------------------------------------------------------------------------


def run_verify(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    from redvan.cli import main

    code = main(["verify", str(path)])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not a bundle at all",
        b"PK\x03\x04garbage",
        b"age-encryption.org/v1\n-> X25519 junk\n",
        b"[" * 100_000,
    ],
)
def test_verify_refuses_junk_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    from redvan.exchange.signing import DeviceKey

    path = tmp_path / "junk.rvaudit"
    path.write_bytes(content)
    code, _, err = run_verify(path, capsys)
    assert code != 0 and err.startswith("redvan: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    # The same junk, validly signed as an audit bundle: the contents are what is refused.
    key = DeviceKey.generate()
    comment = f"redvan-audit device={key.device_id} seq=1 period=2026-W46..2026-W47"
    (tmp_path / "junk.rvaudit.minisig").write_bytes(key.sign(content, comment))
    code, _, err = run_verify(path, capsys)
    assert code != 0 and err.startswith("redvan: ") and err.count("\n") == 1, err


def test_verify_of_a_mutated_bundle_never_crashes(
    genuine: tuple[bytes, DevicePublicKey], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original, _ = genuine
    path = tmp_path / "m.rvaudit"
    for at in range(0, len(original), max(1, len(original) // 40)):
        mutated = bytearray(original)
        mutated[at] ^= 0xFF
        path.write_bytes(bytes(mutated))
        code, _, err = run_verify(path, capsys)
        assert code != 0 and err.startswith("redvan: ") and err.count("\n") == 1, err
    assert sys.exc_info() == (None, None, None)
