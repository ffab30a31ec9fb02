"""Device keys, minisign signatures and age encryption, checked against the real tools."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyrage
import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.exchange import signing
from redvan.exchange.signing import DeviceKey, DevicePublicKey, SignatureError
from redvan.exchange.trust import trusted_keys

needs_minisign = pytest.mark.skipif(
    shutil.which("minisign") is None, reason="the minisign tool is not installed"
)
needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")

COMMENT = "redvan-sync device={} seq=1 period=2026-W01..2026-W02"


@pytest.fixture(scope="module")
def key() -> DeviceKey:
    return DeviceKey.generate()


def test_key_survives_the_setting_round_trip(key: DeviceKey) -> None:
    again = DeviceKey.from_setting(key.to_setting())
    assert again.device_id == key.device_id
    assert again.public == key.public
    assert len(key.device_id) == 16 and int(key.device_id, 16) >= 0


def test_public_key_file_parses_back(key: DeviceKey) -> None:
    text = key.public.file_text()
    assert text.startswith("untrusted comment: redvan device ")
    assert DevicePublicKey.parse(text) == key.public
    assert DevicePublicKey.parse(key.public.base64) == key.public
    assert key.public.fingerprint.replace(" ", "") == key.device_id


@pytest.mark.parametrize(
    "text", ["", "RW", "hello", "RW" + "A" * 54 + "\nRW" + "A" * 54, "untrusted comment: x\n"]
)
def test_garbage_is_not_a_public_key(text: str) -> None:
    with pytest.raises(SignatureError):
        DevicePublicKey.parse(text)


def test_sign_and_verify(key: DeviceKey) -> None:
    data = b'{"week": "2026-W48"}\n'
    sig = key.sign(data, COMMENT.format(key.device_id))
    verdict = signing.verify(data, sig, [key.public])
    assert verdict.valid and verdict.trusted
    assert verdict.device_id == key.device_id
    assert verdict.trusted_comment == COMMENT.format(key.device_id)
    assert signing.signature_device_id(sig) == key.device_id


def test_an_unknown_key_is_valid_but_not_trusted(key: DeviceKey) -> None:
    other = DeviceKey.generate()
    data = b"figures"
    sig = key.sign(data, COMMENT.format(key.device_id))
    assert not signing.verify(data, sig, [other.public]).valid
    verdict = signing.verify(data, sig, [other.public], others=[key.public])
    assert verdict.valid and not verdict.trusted


@given(st.binary(min_size=1, max_size=200), st.data())
def test_any_flipped_byte_fails(data: bytes, draw: st.DataObject) -> None:
    key = KEY
    sig = key.sign(data, "redvan-test")
    i = draw.draw(st.integers(0, len(data) - 1))
    bad = data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1 :]
    assert not signing.verify(bad, sig, [key.public]).valid


KEY = DeviceKey.generate()


@given(st.binary(max_size=300))
def test_a_signature_file_of_garbage_is_a_clean_error(blob: bytes) -> None:
    try:
        verdict = signing.verify(b"data", blob, [KEY.public])
    except SignatureError:
        return
    assert not verdict.valid


@needs_minisign
def test_minisign_tool_verifies_our_signature(key: DeviceKey, tmp_path: Path) -> None:
    data = tmp_path / "week.json"
    data.write_bytes(b'{"contacts": 12}\n')
    pub = tmp_path / "device.pub"
    pub.write_text(key.public.file_text())
    comment = COMMENT.format(key.device_id)
    signing.signature_path(data).write_bytes(key.sign(data.read_bytes(), comment))
    ok = subprocess.run(
        ["minisign", "-V", "-p", str(pub), "-m", str(data)], capture_output=True, text=True
    )
    assert ok.returncode == 0, ok.stderr
    assert comment in ok.stdout
    data.write_bytes(b'{"contacts": 13}\n')
    bad = subprocess.run(["minisign", "-V", "-p", str(pub), "-m", str(data)], capture_output=True)
    assert bad.returncode != 0


@needs_age
def test_age_tool_decrypts_our_file(tmp_path: Path) -> None:
    identity = pyrage.x25519.Identity.generate()
    (tmp_path / "id.txt").write_text(f"{identity}\n")
    blob = signing.encrypt(b"weekly figures", [str(identity.to_public())])
    assert signing.is_age(blob)
    (tmp_path / "f.age").write_bytes(blob)
    out = subprocess.run(
        ["age", "-d", "-i", str(tmp_path / "id.txt"), str(tmp_path / "f.age")],
        capture_output=True,
    )
    assert out.returncode == 0 and out.stdout == b"weekly figures"
    ids = signing.parse_identities((tmp_path / "id.txt").read_text())
    assert signing.decrypt(blob, ids) == b"weekly figures"
    with pytest.raises(signing.EncryptionError):
        signing.decrypt(blob, [pyrage.x25519.Identity.generate()])


def test_bad_recipient_is_a_sentence() -> None:
    with pytest.raises(signing.EncryptionError, match="age public key"):
        signing.encrypt(b"x", ["not-a-key"])


def test_trusted_keys_file_and_extra_values(key: DeviceKey, tmp_path: Path) -> None:
    other = DeviceKey.generate()
    path = tmp_path / "trusted-devices.pub"
    path.write_text(f"# the vans\n{key.public.file_text()}\n{other.public.base64}\n")
    pubfile = tmp_path / "third.pub"
    third = DeviceKey.generate()
    pubfile.write_text(third.public.file_text())
    keys = trusted_keys([str(pubfile), key.public.base64], path=path)
    assert keys == [key.public, other.public, third.public]
    assert trusted_keys(path=tmp_path / "missing.pub") == []
    path.write_text("RWnot a key\n")
    with pytest.raises(SignatureError, match="Line 1"):
        trusted_keys(path=path)
