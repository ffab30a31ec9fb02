"""Text from a file or a label, made safe for a terminal, a text or CSV file, or a PDF (X7).

Labels and file contents are typed by people and read from files that may be hostile. Before
such text reaches an output it loses what could act on the reader instead of being read:

* C0 and C1 control characters (ESC starts terminal escape sequences that clear the screen or
  print coloured lines; NUL, BEL, backspace and carriage return hide or overwrite text);
* the bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) that make
  text display in another order than it is stored ("Trojan source");
* lone surrogates, which no UTF-8 file can hold (writing one raised a codec error).

:func:`clean_line` drops them (a label is one line: line breaks and tabs become spaces);
:func:`escaped` shows them as ``\\x1b``-style escapes, for a terminal line where the reader
should see that something was there.
"""

from __future__ import annotations

import re

# C0 (but tab, line feed and carriage return, handled apart), DEL and C1; the bidi
# embeddings, overrides and isolates; the lone surrogates; the line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]+")
_SPACES = re.compile(r" {2,}")


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a character :func:`clean_line` would drop (not line breaks)."""
    return _UNSAFE.search(text) is not None


def has_surrogate(text: str) -> bool:
    """True when ``text`` holds a lone surrogate (it cannot be written as UTF-8)."""
    return re.search("[\ud800-\udfff]", text) is not None


def clean_line(text: str) -> str:
    """``text`` as one safe line: unsafe characters dropped, line breaks and tabs as spaces."""
    text = _UNSAFE.sub("", _BREAKS.sub(" ", text))
    return _SPACES.sub(" ", text).strip() if "  " in text else text.strip()


def clean_text(text: str) -> str:
    """``text`` with its lines kept (``\\n``) and everything unsafe dropped."""
    lines = re.split("\r\n|[\n\r\u2028\u2029\x85]", text)
    return "\n".join(_UNSAFE.sub("", line.replace("\t", " ")) for line in lines)


_UNSAFE_OR_BREAK = re.compile(_UNSAFE.pattern[:-1] + "\t\n\r\u2028\u2029\x85]")


def escaped(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` for a terminal: each unsafe character (and line break, unless
    ``keep_newlines``) shown as an escape such as ``\\x1b``."""

    def show(match: re.Match[str]) -> str:
        char = match.group()
        if keep_newlines and char == "\n":
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNSAFE_OR_BREAK.sub(show, text)
