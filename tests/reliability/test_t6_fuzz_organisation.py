"""T6: fuzzed enrolment files, organisation updates and person sketches give only clean errors.

Byte-level damage of the sealed files and their signatures, and mutated documents sealed and
signed again with the right code and key (so the schema and consistency checks behind the
signature are reached): reading raises :class:`ImportRefused` and nothing else, and whatever
is accepted passes the same checks as a genuine file.
"""

from __future__ import annotations

import base64
import copy
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redvan.core.services import Services
from redvan.exchange import enrol, orgupdate
from redvan.exchange.hostile import ImportRefused
from redvan.exchange.signing import DeviceKey, device_key, signature_path
from redvan.exchange.sketch import Sketch, SketchError
from redvan.storage.keyslots import KdfParams
from redvan.storage.repository import VaultStore
from redvan.storage.vault import create_vault
from tests.conftest import FAST_KDF_ARGS, PASSPHRASE

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


class Org:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        kdf = KdfParams(**FAST_KDF_ARGS)

        def seed(vault):  # type: ignore[no-untyped-def]
            store = VaultStore(vault)
            with store.transaction():
                Services(store).seed_vocabularies()
                store.organisation_secret()

        self.vaults = []
        for name in ("coord", "b"):
            created = create_vault(folder / f"{name}.redvan", "KO", PASSPHRASE, kdf=kdf, init=seed)
            self.vaults.append(created.vault)
        self.coordinator, self.b = (Services(VaultStore(v)) for v in self.vaults)
        made = enrol.create_enrolment(self.coordinator, folder / "b.rvenrol")
        assert made.code is not None
        self.code = made.code
        self.enrolment = enrol.read_enrolment(folder / "b.rvenrol", code=made.code)
        enrol.join(self.b, self.enrolment)
        self.key: DeviceKey = device_key(self.coordinator.store)
        orgupdate.write_update(self.coordinator, folder / "u1.rvorg")
        self.update_bytes = (folder / "u1.rvorg").read_bytes()
        self.update_sig = signature_path(folder / "u1.rvorg").read_bytes()

    def close(self) -> None:
        for vault in self.vaults:
            vault.close(backup=False)


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    with pytest.MonkeyPatch.context() as mp:
        folder = tmp_path_factory.mktemp("org")
        mp.setenv("XDG_CONFIG_HOME", str(folder / "config"))
        mp.setattr(enrol, "KDF_MEMORY_KIB", 19 * 1024)
        mp.setattr(enrol, "KDF_ITERATIONS", 2)
        mp.setattr(enrol, "KDF_PARALLELISM", 1)
        made = Org(folder)
        yield made
        made.close()


def _write(folder: Path, name: str, data: bytes, signature: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    signature_path(path).write_bytes(signature)
    return path


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    how = draw(st.sampled_from(["flip", "cut", "insert", "random"]))
    if how == "random":
        return draw(st.binary(max_size=400))
    at = draw(st.integers(0, max(0, len(data) - 1)))
    if how == "flip":
        out = bytearray(data)
        out[at] ^= draw(st.integers(1, 255))
        return bytes(out)
    if how == "cut":
        return data[:at]
    return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]


def _mutated(document: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    out = copy.deepcopy(document)
    node: Any = out
    for _ in range(draw(st.integers(0, 3))):
        if isinstance(node, dict) and node:
            child = node[draw(st.sampled_from(sorted(node)))]
            if isinstance(child, (dict, list)) and child:
                node = child
        elif isinstance(node, list) and node:
            child = node[draw(st.integers(0, len(node) - 1))]
            if isinstance(child, (dict, list)) and child:
                node = child
    if isinstance(node, dict) and node:
        key = draw(st.sampled_from(sorted(node)))
        action = draw(st.sampled_from(["set", "drop", "add"]))
        if action == "set":
            node[key] = draw(JSON)
        elif action == "drop":
            del node[key]
        else:
            node[draw(st.text(max_size=8))] = draw(JSON)
    elif isinstance(node, list) and node:
        node[draw(st.integers(0, len(node) - 1))] = draw(JSON)
    return out


@FUZZ
@given(data=st.data())
def test_damaged_enrolment_files_are_refused_cleanly(org: Org, data: st.DataObject) -> None:
    original = (org.folder / "b.rvenrol").read_bytes()
    signature = signature_path(org.folder / "b.rvenrol").read_bytes()
    if data.draw(st.booleans()):
        original = data.draw(damaged(original))
    else:
        signature = data.draw(damaged(signature))
    path = _write(org.folder, "fuzz.rvenrol", original, signature)
    try:
        document = enrol.read_enrolment(path, code=org.code)
    except ImportRefused:
        return
    assert document == org.enrolment  # only an undamaged file (e.g. a cut-off trailing byte)


@FUZZ
@given(data=st.data())
def test_mutated_enrolment_documents_signed_again_are_refused_or_valid(
    org: Org, data: st.DataObject
) -> None:
    document = _mutated(org.enrolment, data.draw)
    plain = json.dumps(document).encode()
    sealed = enrol.seal_with_code(plain, org.code)
    comment = enrol.enrolment_comment(
        org.key.device_id, org.enrolment["organisation"], org.enrolment["id"]
    )
    path = _write(org.folder, "fuzz2.rvenrol", sealed, org.key.sign(sealed, comment))
    try:
        accepted = enrol.read_enrolment(path, code=org.code)
    except ImportRefused:
        return
    enrol.check_state(accepted, "accepted")  # what passes is consistent


@FUZZ
@given(data=st.data())
def test_damaged_organisation_updates_are_refused_cleanly(org: Org, data: st.DataObject) -> None:
    update, signature = org.update_bytes, org.update_sig
    if data.draw(st.booleans()):
        update = data.draw(damaged(update))
    else:
        signature = data.draw(damaged(signature))
    path = _write(org.folder, "fuzz.rvorg", update, signature)
    try:
        document = orgupdate.read_update(org.b, path)
    except ImportRefused:
        return
    assert document["sequence"] == 1


@FUZZ
@given(data=st.data())
def test_mutated_updates_sealed_and_signed_again_are_refused_or_valid(
    org: Org, data: st.DataObject
) -> None:
    envelope = json.loads(org.update_bytes)
    mutated = _mutated(envelope, data.draw)
    raw = json.dumps(mutated).encode()
    comment = orgupdate.update_comment(org.key.device_id, envelope["organisation"], 1)
    path = _write(org.folder, "fuzz2.rvorg", raw, org.key.sign(raw, comment))
    try:
        document = orgupdate.read_update(org.b, path)
    except ImportRefused:
        return
    enrol.check_state(document, "accepted")


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=1400)
    | st.binary(min_size=1024, max_size=1024).map(lambda b: base64.b64encode(b).decode())
)
def test_fuzzed_sketches_are_refused_or_in_range(text: str) -> None:
    try:
        sketch = Sketch.decode(text)
    except SketchError:
        return
    assert max(sketch.registers) <= 55 and len(sketch.registers) == 1024
    assert sketch.interval().low >= 0


_SECRET = bytes(range(32))
_PACKAGE = None


def _sketched_package() -> dict[str, Any]:
    global _PACKAGE
    if _PACKAGE is None:
        from tests.org_packages import package

        weeks = {"2026-W10": {f"t{i}" for i in range(40)}, "2026-W11": {"t1", "t99"}}
        programme = {
            "slug": "exit",
            "name": "EXIT",
            "first_week": "2026-W01",
            "last_week": "2026-W52",
            "target": 465,
            "inclusions": [["2026-W10", 3]],
            "key_id": "00112233445566AA",
            "sketches": [["2026-W10", Sketch.of(b"p" * 32, ["a", "b", "c"]).encode()]],
        }
        _PACKAGE = dict(
            package(DeviceKey.generate().public, 1, weeks, _SECRET, programmes=[programme]).document
        )
    return copy.deepcopy(_PACKAGE)


@FUZZ
@given(data=st.data())
def test_mutated_packages_with_sketches_are_refused_cleanly(data: st.DataObject) -> None:
    from redvan.exchange.merge import Ledger, merge, render
    from redvan.exchange.sync import SyncPackage, canonical_sha256, check_document

    document = _mutated(_sketched_package(), data.draw)
    try:
        check_document(document, "fuzz.json")
    except ImportRefused:
        return
    result = merge(Ledger(), [SyncPackage(document, canonical_sha256(document), "fuzz.json")])
    for fmt in ("text", "json", "csv"):
        render(result, fmt, "en", datetime(2026, 3, 9))
