"""Free text that flows across pages in a reportlab story (issue 14: long text).

A reportlab Paragraph inside a table cell, or kept together with others, must fit on one page:
an incident description of 55 short lines raised LayoutError. Here any accepted text (up to
core.limits.FREE_TEXT characters, any number of lines, words of any length) becomes a list of
flowables that the page template can break anywhere between them, each small enough for a
page: one Paragraph per line, a long line cut at a space into pieces of at most
:data:`PIECE` characters, and a word longer than a line split by reportlab itself.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from redvan.core.textsafe import clean_text

# Characters per Paragraph: ~16 lines of body text, far less than a page.
PIECE = 1200


def pieces(line: str, size: int = PIECE) -> list[str]:
    """``line`` cut into pieces of at most ``size`` characters, at a space where there is one."""
    out = []
    while len(line) > size:
        cut = line.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size
        out.append(line[:cut])
        line = line[cut:].lstrip(" ")
    out.append(line)
    return out


def flowing_text(
    text: str, style: ParagraphStyle, shown: Any = None, gap: float | None = None
) -> list[Any]:
    """``text`` as flowables that may break across pages between any two of them.

    ``shown`` maps plain text to what the style's font can show (e.g. alerts.printable);
    markup-like text (``<b>``, ``&``, ``<para>``) is escaped, so it prints as typed."""
    gap = style.leading * 0.5 if gap is None else gap
    out: list[Any] = []
    for line in clean_text(text).split("\n"):
        line = line.strip()
        if not line:
            if out and not isinstance(out[-1], Spacer):
                out.append(Spacer(1, gap))
            continue
        for piece in pieces(shown(line) if shown is not None else line):
            out.append(Paragraph(escape(piece), style))
    while out and isinstance(out[-1], Spacer):
        out.pop()
    return out


def split_ending(flowables: list[Any], paragraphs: int) -> tuple[list[Any], list[Any]]:
    """``flowables`` cut before their last ``paragraphs`` paragraphs (the spaces between them
    go with the ending), for a caller that keeps the ending together on one page."""
    start = len(flowables)
    while start > 0 and paragraphs > 0:
        start -= 1
        if not isinstance(flowables[start], Spacer):
            paragraphs -= 1
    return flowables[:start], flowables[start:]
