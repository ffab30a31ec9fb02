"""How many lines of text each page of a PDF holds, as reportlab lays it out (for tests of page
breaks: no page may carry only a line or two of a paragraph, a table or a sign-off)."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from reportlab.platypus import Paragraph, SimpleDocTemplate, Table


def lines(flowable: Any) -> int:
    """Lines of text in a flowable as drawn: a paragraph's lines (of the part on this page, when
    it was split), a table's cells' lines; a chart, a bar or a space has none."""
    if isinstance(flowable, Paragraph):
        return len(flowable.blPara.lines)
    if isinstance(flowable, Table):
        cells = (cell for row in flowable._cellvalues for cell in row)
        return sum(lines(f) for cell in cells for f in (cell if isinstance(cell, list) else [cell]))
    return 0


def lines_per_page(module: ModuleType, render: Callable[[], object]) -> list[int]:
    """Run ``render``, which builds its PDF with ``module.SimpleDocTemplate``, and return the
    lines of text drawn on each page, first page first."""
    drawn: list[tuple[int, Any]] = []

    class Recording(SimpleDocTemplate):
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - reportlab's name
            drawn.append((self.page, flowable))

    original = module.SimpleDocTemplate
    module.SimpleDocTemplate = Recording
    try:
        render()
    finally:
        module.SimpleDocTemplate = original
    pages = [0] * max(page for page, _ in drawn)
    for page, flowable in drawn:
        pages[page - 1] += lines(flowable)
    return pages
