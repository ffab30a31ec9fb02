"""Text of a PDF for tests: `pdftotext` (poppler-utils) when it is installed, else a small
reader of the text operators reportlab writes (so the tests run on a machine without it)."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import zlib
from pathlib import Path

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.S)
_SHOWN = re.compile(rb"(\((?:\\.|[^\\)])*\))\s*Tj")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    out = bytearray()
    i = 0
    while i < len(raw):
        c = raw[i : i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        nxt = raw[i + 1 : i + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(0), 8))
            i += 1 + len(octal.group(0))
        else:
            out += _ESCAPES.get(nxt, nxt)
            i += 2
    return bytes(out)


def _streams(data: bytes) -> list[bytes]:
    out = []
    for match in _STREAM.finditer(data):
        body = match.group(1).strip()
        if body.endswith(b"~>"):  # reportlab's ASCII85 layer over the deflated stream
            body = base64.a85decode(body[:-2])
        try:
            body = zlib.decompress(body)
        except zlib.error:
            pass
        out.append(body)
    return out


def builtin_text(path: Path) -> str:
    """Every string drawn with Tj, one per line (the built-in fonts' WinAnsi encoding)."""
    lines = []
    for stream in _streams(Path(path).read_bytes()):
        for match in _SHOWN.finditer(stream):
            lines.append(_unescape(match.group(1)[1:-1]).decode("cp1252", "replace"))
    return "\n".join(lines)


def pdf_text(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        return builtin_text(path)
    result = subprocess.run(
        [tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return result.stdout.decode("utf-8")
