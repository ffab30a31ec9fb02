"""The viewer's tables: the figures with their reconciliation mark, and the de-identified rows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtGui import QColor

from redvan.core.tally import category_label
from redvan.core.vocabulary import VocabularyKind, default_entries
from redvan.exchange.bundle import AuditRow, Figure
from redvan.gui import theme
from redvan.gui.widgets.table import ALL_ROWS, Column, ColumnTableModel

MATCH, MISMATCH, NOT_RECOMPUTABLE = "match", "mismatch", "not-recomputable"
# The mark is shown with a word beside it, so the result never rests on colour alone.
MARKS = {MATCH: "✓", MISMATCH: "✗", NOT_RECOMPUTABLE: "—"}
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FiguresModel(ColumnTableModel[Figure]):
    """Each figure of the bundle's tally: stated, recomputed from the rows, and the mark."""

    COL_FIGURE, COL_STATED, COL_RECOMPUTED, COL_CHECK = range(4)
    COLUMNS = 4
    TEXT_TOOLTIPS = False  # only the check explains itself
    PAGE_SIZE = ALL_ROWS

    def columns(self) -> Sequence[Column[Figure]]:
        return (
            Column(lambda: self.tr("Figure"), self.label),
            Column(
                lambda: self.tr("Stated"), lambda f: QLocale().toString(f.stated), alignment=_RIGHT
            ),
            Column(
                lambda: self.tr("Recomputed"),
                lambda f: "—" if f.recomputed is None else QLocale().toString(f.recomputed),
                accessible=self._recomputed_accessible,
                alignment=_RIGHT,
            ),
            Column(
                lambda: self.tr("Check"),
                self.check_text,
                tooltip=self._check_tooltip,
                accessible=lambda f: self.status_text(f.status),
                foreground=_check_colour,
            ),
        )

    def set_figures(self, figures: Sequence[Figure]) -> None:
        self.set_items(figures)

    def figure(self, row: int) -> Figure:
        return self.item(row)

    def bold(self, row: Figure) -> bool:
        return row.status == MISMATCH

    def label(self, figure: Figure) -> str:
        return figure.label_da if self.language == "da" else figure.label_en

    def status_text(self, status: str) -> str:
        return {
            MATCH: self.tr("matches"),
            MISMATCH: self.tr("does not match"),
            NOT_RECOMPUTABLE: self.tr("cannot be recomputed"),
        }.get(status, status)

    def check_text(self, figure: Figure) -> str:
        return f"{MARKS.get(figure.status, '?')} {self.status_text(figure.status)}"

    def _recomputed_accessible(self, figure: Figure) -> str:
        if figure.recomputed is None:
            return self.tr("not recomputed")
        return QLocale().toString(figure.recomputed)

    def _check_tooltip(self, figure: Figure) -> str | None:
        if figure.status == MISMATCH:
            assert figure.recomputed is not None
            return (
                self.tr("The bundle states %1, but its records give %2.")
                .replace("%1", str(figure.stated))
                .replace("%2", str(figure.recomputed))
            )
        if figure.status == NOT_RECOMPUTABLE:
            return self.tr("The de-identified records do not carry what this figure counts.")
        return None


def _check_colour(figure: Figure) -> QColor | None:
    colour = {MATCH: theme.OK, MISMATCH: theme.ACCENT}.get(figure.status)
    return QColor(colour) if colour else None


class AuditRowsModel(ColumnTableModel[AuditRow]):
    """The bundle's de-identified rows (one per contact), fetched a page at a time."""

    COL_WEEK, COL_PERSON, COL_SERVICES, COL_REFERRALS = range(4)
    COLUMNS = 4
    PAGE_SIZE = 500
    TEXT_TOOLTIPS = False

    def __init__(self, language: str = "en", parent: QObject | None = None) -> None:
        self._service_labels: dict[str, str] = {}
        super().__init__(language, parent)

    def columns(self) -> Sequence[Column[AuditRow]]:
        return (
            Column(lambda: self.tr("Week"), lambda r: r.week),
            Column(
                lambda: self.tr("Person (pseudonym)"),
                lambda r: "—" if r.person is None else r.person,
                accessible=lambda r: self.tr("no code") if r.person is None else r.person,
            ),
            Column(
                lambda: self.tr("Services"),
                self.services_text,
                accessible=lambda r: self.services_text(r) or self.tr("none"),
            ),
            Column(
                lambda: self.tr("Referrals (status)"),
                self.referrals_text,
                accessible=lambda r: self.referrals_text(r) or self.tr("none"),
            ),
        )

    def set_rows(self, rows: Sequence[AuditRow]) -> None:
        self.set_items(rows)

    def set_language(self, language: str) -> None:
        self._service_labels.clear()
        super().set_language(language)

    def service_label(self, slug: str) -> str:
        label = self._service_labels.get(slug)
        if label is None:
            vocabulary = default_entries(VocabularyKind.SERVICE)
            label = category_label("services", slug, self.language, vocabulary)
            self._service_labels[slug] = label
        return label

    def services_text(self, row: AuditRow) -> str:
        return ", ".join(
            self.service_label(slug) if quantity == 1 else f"{self.service_label(slug)} ×{quantity}"
            for slug, quantity in row.services
        )

    def referrals_text(self, row: AuditRow) -> str:
        return ", ".join(
            category_label("referrals.status", status, self.language) for status in row.referrals
        )
