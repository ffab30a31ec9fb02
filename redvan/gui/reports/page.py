"""The Reports screen (R1–R4): pick a week or a period, preview the tally with what the
published report will hide and why, see each programme's reach against its target, and save
the report as PDF or CSV (rendered and written off the GUI thread, with progress).

Coordinators only: the exact counts in the preview are theirs to see. An outreach worker gets
an explanation instead. The programme early warning is also shown on the Tonight screen
(:class:`ProgrammeWarning`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from redvan.core.disclosure import (
    Disclosed,
    HiddenFigure,
    Reason,
    Shown,
    Withheld,
    disclose,
    hidden_figures,
)
from redvan.core.enums import Role
from redvan.core.reach import Reach
from redvan.core.tally import TOTALS, category_label
from redvan.core.weeks import IsoWeek
from redvan.gui import theme
from redvan.gui.background import Reporter
from redvan.gui.messages import describe
from redvan.gui.widgets.progress import run_with_progress
from redvan.gui.widgets.text import scale_font
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context, WorkspacePage

Index = QModelIndex | QPersistentModelIndex

# How far back the week pickers reach (three years).
PICKER_WEEKS = 156


def _pace(value: float, language: str) -> str:
    """One decimal, with the decimal sign of the UI language ("7.7" / "7,7")."""
    shown = f"{float(value):.1f}"
    return shown.replace(".", ",") if language == "da" else shown


def _set_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


# -- the preview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviewRow:
    """One row of the preview: a section heading or one figure."""

    table: str  # a table key, or "total"
    category: str | None  # None for a section heading
    label: str
    shown: Shown | None = None
    withheld: Withheld | None = None


class TallyPreviewModel(QAbstractTableModel):
    """The tally as the coordinator sees it: exact count, how the report shows it, and why."""

    COL_FIGURE, COL_COUNT, COL_REPORT, COL_WHY = range(4)
    COLUMNS = 4

    def __init__(self, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.disclosed: Disclosed | None = None
        self._rows: list[PreviewRow] = []

    # -- content ------------------------------------------------------------------------------

    def section_title(self, key: str) -> str:
        return {
            "total": self.tr("Totals"),
            "contacts.code": self.tr("Contacts with and without a code"),
            "contacts.week": self.tr("Contacts per week"),
            "contacts.channel": self.tr("Contacts by channel"),
            "contacts.zone": self.tr("Contacts by zone"),
            "contacts.age_band": self.tr("Contacts by age band"),
            "contacts.gender": self.tr("Contacts by gender"),
            "contacts.language": self.tr("Contacts by language"),
            "persons.new": self.tr("New and known persons"),
            "services": self.tr("Services"),
            "services.quantity": self.tr("Services: handed out"),
            "referrals.destination": self.tr("Referrals by partner organisation"),
            "referrals.status": self.tr("Referrals by status"),
            "followups.status": self.tr("Follow-ups due, by status"),
            "incidents.type": self.tr("Incidents by type"),
            "incidents.consent_tier": self.tr("Incidents by consent tier"),
            "incidents.police": self.tr("Incidents reported to the police"),
            "series": self.tr("Contacts in the weeks before (chart)"),
        }.get(key, key)

    def total_label(self, name: str) -> str:
        return {
            "contacts": self.tr("Contacts"),
            "persons": self.tr("Persons with a code"),
            "referrals": self.tr("Referrals"),
            "followups": self.tr("Follow-ups due"),
            "incidents": self.tr("Incidents"),
        }[name]

    def set_disclosed(self, disclosed: Disclosed | None) -> None:
        self.beginResetModel()
        self.disclosed = disclosed
        self._rows = self._build() if disclosed is not None else []
        self.endResetModel()

    def clear(self) -> None:
        self.set_disclosed(None)

    def set_language(self, language: str) -> None:
        self.language = language
        self.set_disclosed(self.disclosed)

    def _build(self) -> list[PreviewRow]:
        disclosed = self.disclosed
        assert disclosed is not None
        vocabulary = disclosed.tally.vocabulary
        rows = [PreviewRow("total", None, self.section_title("total"))]
        for name in TOTALS:
            rows.append(PreviewRow("total", name, self.total_label(name), disclosed.total(name)))
        for table in disclosed.tables:
            if not table.cells:
                continue
            counted = [(c, s) for c, s in table.cells if s.value]
            if not counted and table.table.group is None:
                continue
            rows.append(
                PreviewRow(table.key, None, self.section_title(table.key), withheld=table.withheld)
            )
            for category, shown in table.cells:
                if not shown.value and table.key not in ("contacts.code", "persons.new"):
                    continue  # rows with 0 are shown as 0 in the report, or left out
                label = category_label(table.key, category, self.language, vocabulary)
                rows.append(PreviewRow(table.key, category, label, shown))
            if table.quantities and any(s.value for _, s in table.quantities):
                rows.append(
                    PreviewRow("services.quantity", None, self.section_title("services.quantity"))
                )
                for category, shown in table.quantities:
                    if shown.value:
                        label = category_label(table.key, category, self.language, vocabulary)
                        rows.append(PreviewRow("services.quantity", category, label, shown))
        return rows

    def row_data(self, row: int) -> PreviewRow:
        return self._rows[row]

    def find(self, table: str, category: str | None) -> int:
        """The row of a figure (or section heading); -1 if it is not listed."""
        return next(
            (i for i, r in enumerate(self._rows) if r.table == table and r.category == category),
            -1,
        )

    def report_text(self, row: PreviewRow) -> str:
        if row.shown is None:
            return self.tr("not shown") if row.withheld is not None else ""
        if row.shown.reason is Reason.WITHHELD:
            return "—"
        assert self.disclosed is not None
        return self.disclosed.text(row.shown)

    def why_text(self, row: PreviewRow) -> str:
        assert self.disclosed is not None
        k = str(self.disclosed.threshold)
        if row.shown is None:
            if row.withheld is Withheld.SMALL_TOTAL:
                return self.tr("Too few to break down")
            if row.withheld is Withheld.NO_SAFE_PATTERN:
                return self.tr("Cannot be shown without revealing a small count")
            return ""
        if row.shown.reason is Reason.PRIMARY:
            return self.tr("Below %1").replace("%1", k)
        if row.shown.reason is Reason.COMPLEMENTARY:
            return self.tr("Hidden so a count below %1 cannot be worked out").replace("%1", k)
        return ""

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.COL_FIGURE:
                return row.label if row.category is None else f"    {row.label}"
            if column == self.COL_COUNT:
                return "" if row.shown is None else str(row.shown.value)
            if column == self.COL_REPORT:
                return self.report_text(row)
            if column == self.COL_WHY:
                return self.why_text(row)
        if role == Qt.ItemDataRole.FontRole and row.category is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.COL_REPORT, self.COL_WHY):
            if (row.shown is not None and row.shown.hidden) or row.withheld is not None:
                return QBrush(QColor(theme.WARN))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.COL_COUNT,
            self.COL_REPORT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            self.COL_FIGURE: self.tr("Figure"),
            self.COL_COUNT: self.tr("Exact"),
            self.COL_REPORT: self.tr("In the report"),
            self.COL_WHY: self.tr("Why"),
        }.get(section)


# -- programme reach ------------------------------------------------------------------------


class ProgrammeWarning(QFrame):
    """The early warning for programmes whose forecast falls short (Tonight and Reports).

    Hidden unless some running programme's forecast is below its target.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setStyleSheet(
            f'QFrame[role="card"] {{ border: 1px solid {theme.WARN}; border-left-width: 4px; }}'
        )
        self.label = QLabel()
        self.label.setProperty("role", "warning")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._reach: list[Reach] = []
        self._language = "en"
        self.hide()

    def show_reach(self, reach: Sequence[Reach], language: str) -> None:
        self._reach = [r for r in reach if r.warning]
        self._language = language
        self.retranslate()

    def refresh(self, context: Context) -> None:
        """Reach this week of the running programmes; shows itself only for a shortfall."""
        try:
            reach = context.services.programme_reach(context.now().date())
        except Exception:  # noqa: BLE001 - a warning must never break the screen it sits on
            reach = []
        self.show_reach(reach, context.language)

    def retranslate(self) -> None:
        lines = []
        for reach in self._reach:
            assert reach.forecast is not None and reach.pace_needed is not None
            lines.append(
                self.tr(
                    "Early warning: %1 has reached %2 of %3 persons and is forecast to reach "
                    "%4 by week %5, %6. %7 persons a week are needed from now on."
                )
                .replace("%1", reach.name)
                .replace("%2", str(reach.reached))
                .replace("%3", str(reach.target))
                .replace("%4", str(reach.forecast))
                .replace("%5", str(reach.last.week))
                .replace("%6", str(reach.last.year))
                .replace("%7", _pace(float(reach.pace_needed), self._language))
            )
        self.label.setText("\n".join(lines))
        self.label.setAccessibleName(self.tr("Programme early warning"))
        self.setVisible(bool(lines))


class ReachPanel(QFrame):
    """Each programme of the period: reached against target, forecast, pace, the warning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.title = QLabel()
        self.title.setProperty("role", "subtitle")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.rows = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.empty)
        layout.addLayout(self.rows)
        self._widgets: list[QWidget] = []
        self._reach: list[Reach] = []
        self._hidden: set[str] = set()
        self._language = "en"
        self.bars: list[QProgressBar] = []
        self.warnings: list[QLabel] = []

    def show_reach(self, disclosed: Disclosed | None, language: str) -> None:
        self._reach = [r.reach for r in disclosed.reach] if disclosed is not None else []
        self._hidden = (
            {r.reach.slug for r in disclosed.reach if r.reached.hidden} if disclosed else set()
        )
        self._language = language
        self.retranslate()

    def summary(self, reach: Reach) -> str:
        """ "12 of 119 persons reached · week 40 of 53"."""
        return (
            self.tr("%1 of %2 persons reached · week %3 of %4")
            .replace("%1", str(reach.reached))
            .replace("%2", str(reach.target))
            .replace("%3", str(reach.week_number(reach.as_of)))
            .replace("%4", str(reach.weeks_total))
        )

    def retranslate(self) -> None:
        for widget in self._widgets:
            self.rows.removeWidget(widget)
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self._widgets, self.bars, self.warnings = [], [], []
        self.title.setText(self.tr("Programme reach"))
        self.empty.setText(self.tr("No programme runs in these weeks."))
        self.empty.setVisible(not self._reach)
        for reach in self._reach:
            name = QLabel(reach.name)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            summary = QLabel(self.summary(reach))
            summary.setWordWrap(True)
            bar = QProgressBar()
            bar.setRange(0, max(1, reach.target))
            bar.setValue(min(reach.reached, reach.target))
            bar.setTextVisible(False)
            bar.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
            bar.setAccessibleName(self.tr("%1: reached against target").replace("%1", reach.name))
            self.bars.append(bar)
            parts = []
            if reach.forecast is not None and not reach.ended:
                parts.append(
                    self.tr("Forecast %1 by week %2, %3")
                    .replace("%1", str(reach.forecast))
                    .replace("%2", str(reach.last.week))
                    .replace("%3", str(reach.last.year))
                )
            elif not reach.ended:
                parts.append(self.tr("Too early for a forecast"))
            if reach.pace_needed is not None:
                parts.append(
                    self.tr("%1 a week needed, %2 so far")
                    .replace("%1", _pace(float(reach.pace_needed), self._language))
                    .replace("%2", _pace(float(reach.pace_so_far), self._language))
                )
            details = QLabel(" · ".join(parts))
            details.setWordWrap(True)
            details.setProperty("role", "subtitle")
            status = QLabel()
            status.setWordWrap(True)
            if reach.warning:
                status.setText(
                    self.tr("Early warning: the forecast is %1 short of the target.").replace(
                        "%1", str(reach.shortfall)
                    )
                )
                status.setProperty("role", "warning")
                self.warnings.append(status)
            elif reach.ended:
                status.setText(self.tr("Ended."))
                status.setProperty("role", "subtitle")
            elif reach.forecast is not None:
                status.setText(self.tr("On track."))
                status.setProperty("role", "ok")
            if reach.slug in self._hidden:
                note = self.tr("The report shows reach as below the threshold.")
                status.setText(f"{status.text()} {note}".strip())
            block = QWidget()
            box = QVBoxLayout(block)
            box.setContentsMargins(0, 4, 0, 4)
            box.setSpacing(2)
            for widget in (name, summary, bar, details, status):
                box.addWidget(widget)
            status.setVisible(bool(status.text()))
            self.rows.addWidget(block)
            self._widgets.append(block)


# -- the page -------------------------------------------------------------------------------


class ReportsPage(WorkspacePage):
    """Weekly tally and period report: preview, reach, export (coordinators)."""

    key = "reports"
    exported = Signal(str)  # the format, once the file is written
    export_failed = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.disclosed: Disclosed | None = None
        self._busy = False

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        scale_font(self.heading, 1.5)
        self.subheading = QLabel()
        self.subheading.setProperty("role", "subtitle")
        self.subheading.setWordWrap(True)

        self.denied = QLabel()
        self.denied.setWordWrap(True)
        self.denied.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # the period
        self.first = WeekCombo()
        self.last = WeekCombo()
        self.first_label = QLabel()
        self.first_label.setBuddy(self.first)
        self.last_label = QLabel()
        self.last_label.setBuddy(self.last)
        self.this_week = QPushButton()
        self.last_week = QPushButton()
        self.four_weeks = QPushButton()
        self.quarter = QPushButton()
        self.this_week.clicked.connect(lambda: self.choose_recent(0, 0))
        self.last_week.clicked.connect(lambda: self.choose_recent(1, 1))
        self.four_weeks.clicked.connect(lambda: self.choose_recent(3, 0))
        self.quarter.clicked.connect(lambda: self.choose_recent(12, 0))
        self.first.currentIndexChanged.connect(self._period_changed)
        self.last.currentIndexChanged.connect(self._period_changed)
        self.period_error = QLabel()
        self.period_error.setProperty("role", "error")
        self.period_error.hide()
        period = QHBoxLayout()
        period.addWidget(self.first_label)
        period.addWidget(self.first)
        period.addSpacing(8)
        period.addWidget(self.last_label)
        period.addWidget(self.last)
        period.addSpacing(12)
        for button in (self.this_week, self.last_week, self.four_weeks, self.quarter):
            period.addWidget(button)
        period.addStretch()

        # the preview
        self.preview_title = QLabel()
        self.preview_title.setProperty("role", "subtitle")
        self.preview_title.setWordWrap(True)
        self.model = TallyPreviewModel(context.language, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        left = QVBoxLayout()
        left.addWidget(self.preview_title)
        left.addWidget(self.view, 1)

        # right column: reach, hidden, export
        self.reach = ReachPanel()
        hidden_card = QFrame()
        hidden_card.setProperty("role", "card")
        self.hidden_title = QLabel()
        self.hidden_title.setProperty("role", "subtitle")
        self.hidden_note = QLabel()
        self.hidden_note.setWordWrap(True)
        self.hidden_list = QListWidget()
        self.hidden_list.setWordWrap(True)
        self.hidden_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.hidden_list.setSpacing(2)
        hidden_layout = QVBoxLayout(hidden_card)
        hidden_layout.addWidget(self.hidden_title)
        hidden_layout.addWidget(self.hidden_note)
        hidden_layout.addWidget(self.hidden_list, 1)

        export_card = QFrame()
        export_card.setProperty("role", "card")
        self.export_title = QLabel()
        self.export_title.setProperty("role", "subtitle")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("Dansk", "da")
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        self.pdf_button = QPushButton()
        self.pdf_button.setProperty("role", "primary")
        self.csv_button = QPushButton()
        self.pdf_button.clicked.connect(lambda: self.ask_export("pdf"))
        self.csv_button.clicked.connect(lambda: self.ask_export("csv"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        export_layout = QVBoxLayout(export_card)
        export_layout.addWidget(self.export_title)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language, 1)
        export_layout.addLayout(language_row)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.pdf_button)
        export_layout.addLayout(buttons)
        export_layout.addWidget(self.progress)
        export_layout.addWidget(self.status)

        right_column = QWidget()
        right = QVBoxLayout(right_column)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.reach)
        right.addWidget(hidden_card, 1)
        right.addWidget(export_card)
        right_column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(right_column, 2)

        self.main = QWidget()
        main = QVBoxLayout(self.main)
        main.setContentsMargins(0, 0, 0, 0)
        main.addLayout(period)
        main.addWidget(self.period_error)
        main.addLayout(body, 1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.main)
        self.stack.addWidget(self.denied)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.stack, 1)

        for a, b in (
            (self.first, self.last),
            (self.last, self.this_week),
            (self.this_week, self.last_week),
            (self.last_week, self.four_weeks),
            (self.four_weeks, self.quarter),
            (self.quarter, self.view),
            (self.view, self.hidden_list),
            (self.hidden_list, self.language),
            (self.language, self.pdf_button),
            (self.pdf_button, self.csv_button),
        ):
            QWidget.setTabOrder(a, b)
        self._filled = False
        self.retranslate()

    # -- WorkspacePage ------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Reports")

    def allowed(self) -> bool:
        me = self.context.session.me()
        return me is not None and me.active and me.role == Role.COORDINATOR.value

    def retranslate(self) -> None:
        lang = self.context.language
        self.heading.setText(self.tr("Reports"))
        self.subheading.setText(
            self.tr(
                "Weekly tallies and period reports for the board and funders. Everything that "
                "leaves the vault hides small counts, so no person can be recognised."
            )
        )
        self.denied.setText(
            self.tr(
                "Reports are made by a coordinator: the weekly tally, period reports and "
                "programme reach. Ask your coordinator for the latest figures.\n\n"
                "The Tonight screen shows an early warning when a programme is behind."
            )
        )
        self.first_label.setText(self.tr("Fro&m week:"))
        self.last_label.setText(self.tr("&To week:"))
        self.first.setAccessibleName(self.tr("First week of the report"))
        self.last.setAccessibleName(self.tr("Last week of the report"))
        self.this_week.setText(self.tr("T&his week"))
        self.this_week.setAccessibleName(self.tr("Report this week"))
        self.last_week.setText(self.tr("L&ast week"))
        self.last_week.setAccessibleName(self.tr("Report last week"))
        self.four_weeks.setText(self.tr("Last &4 weeks"))
        self.four_weeks.setAccessibleName(self.tr("Report the last 4 weeks"))
        self.quarter.setText(self.tr("Last 1&3 weeks"))
        self.quarter.setAccessibleName(self.tr("Report the last 13 weeks"))
        self.view.setAccessibleName(self.tr("Preview of the tally"))
        self.hidden_title.setText(self.tr("What is hidden and why"))
        self.hidden_list.setAccessibleName(self.tr("Figures the report hides"))
        self.export_title.setText(self.tr("Save the report"))
        self.language_label.setText(self.tr("Report &language:"))
        self.language.setAccessibleName(self.tr("Language of the report"))
        self.pdf_button.setText(self.tr("Save &PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save the report as PDF"))
        self.csv_button.setText(self.tr("Save &CSV…"))
        self.csv_button.setAccessibleName(self.tr("Save the report as CSV"))
        self.progress.setAccessibleName(self.tr("Saving the report"))
        self.model.set_language(lang)
        if self._filled:
            for combo in (self.first, self.last):
                combo.fill(self.context.now().date(), lang, PICKER_WEEKS)
        self.language.setCurrentIndex(self.language.findData("da" if lang == "da" else "en"))
        self._show_texts()
        self.reach.show_reach(self.disclosed, lang)

    def refresh(self) -> None:
        if self.context.session.services is None:
            return
        if not self.allowed():
            self.stack.setCurrentWidget(self.denied)
            self.model.clear()
            self.disclosed = None
            return
        self.stack.setCurrentWidget(self.main)
        if not self._filled:
            today = self.context.now().date()
            for combo in (self.first, self.last):
                combo.blockSignals(True)
                combo.fill(today, self.context.language, PICKER_WEEKS)
                combo.blockSignals(False)
            self._filled = True
            self.choose_recent(1, 1)  # the last full week: what goes to the board on Monday
            return
        self.compute()

    def draft(self) -> dict[str, Any] | None:
        return None

    # -- the period ---------------------------------------------------------------------------

    def period(self) -> tuple[IsoWeek, IsoWeek] | None:
        first, last = self.first.week(), self.last.week()
        if first is None or last is None:
            return None
        return first, last

    def set_period(self, first: IsoWeek, last: IsoWeek) -> None:
        for combo, week in ((self.first, first), (self.last, last)):
            combo.blockSignals(True)
            combo.set_week(week)
            combo.blockSignals(False)
        self.compute()

    def choose_recent(self, back_first: int, back_last: int) -> None:
        """A period counted in weeks back from this week (0 = this week)."""
        this = IsoWeek.of(self.context.now().date())
        self.set_period(this - back_first, this - back_last)

    def _period_changed(self) -> None:
        self.compute()

    def compute(self) -> Disclosed | None:
        """Tally the chosen weeks and show the preview (exact counts, what is hidden)."""
        self.period_error.hide()
        chosen = self.period()
        if chosen is None or self.context.session.services is None or not self.allowed():
            return None
        first, last = chosen
        if last < first:
            self.period_error.setText(
                self.tr("The last week comes before the first week; choose the weeks again.")
            )
            self.period_error.show()
            self._show(None)
            return None
        try:
            disclosed = disclose(self.services.tally(first, last))
        except Exception as exc:  # noqa: BLE001 - shown inline
            self.period_error.setText(describe(exc))
            self.period_error.show()
            self._show(None)
            return None
        self._show(disclosed)
        return disclosed

    def _show(self, disclosed: Disclosed | None) -> None:
        self.disclosed = disclosed
        self.model.set_disclosed(disclosed)
        lang = self.context.language
        self.reach.show_reach(disclosed, lang)
        for button in (self.pdf_button, self.csv_button):
            button.setEnabled(disclosed is not None and not self._busy)
        self._show_texts()

    def _show_texts(self) -> None:
        disclosed = self.disclosed
        self.hidden_list.clear()
        if disclosed is None:
            self.preview_title.setText("")
            self.hidden_note.setText("")
            return
        tally, k = disclosed.tally, str(disclosed.threshold)
        if tally.is_week:
            period = (
                self.tr("week %1, %2")
                .replace("%1", str(tally.first.week))
                .replace("%2", str(tally.first.year))
            )
        else:
            period = (
                self.tr("%1 to %2").replace("%1", str(tally.first)).replace("%2", str(tally.last))
            )
        self.preview_title.setText(
            self.tr(
                "Preview of %1: exact counts for you, and how the saved report shows them."
            ).replace("%1", period)
        )
        self.hidden_note.setText(
            self.tr(
                "Counts from 1 to %1 are shown as “<%2”; figures marked “x” are hidden too, so "
                "that no hidden count can be worked out from the totals (threshold %2, set in "
                "Settings)."
            )
            .replace("%1", str(disclosed.threshold - 1))
            .replace("%2", k)
        )
        figures = hidden_figures(disclosed)
        for figure in figures:
            self.hidden_list.addItem(self.hidden_line(figure))
        if not figures:
            self.hidden_list.addItem(self.tr("Nothing is hidden in this report."))

    def hidden_line(self, figure: HiddenFigure) -> str:
        """ "Contacts by channel: Online → <5", one line per hidden figure."""
        assert self.disclosed is not None
        k = str(self.disclosed.threshold)
        vocabulary = self.disclosed.tally.vocabulary
        lang = self.context.language
        if figure.table == "total":
            assert figure.category is not None
            where = self.model.total_label(figure.category)
        elif figure.table == "reach":
            name = next(
                (r.reach.name for r in self.disclosed.reach if r.reach.slug == figure.category),
                "",
            )
            where = self.tr("%1: persons reached").replace("%1", name)
        elif figure.category is None:
            title = self.model.section_title(figure.table)
            if figure.withheld is Withheld.SMALL_TOTAL:
                return self.tr("%1 → not shown (too few to break down)").replace("%1", title)
            return self.tr("%1 → not shown (it would reveal a small count)").replace("%1", title)
        else:
            where = (
                self.tr("%1: %2")
                .replace("%1", self.model.section_title(figure.table))
                .replace("%2", category_label(figure.table, figure.category, lang, vocabulary))
            )
        if figure.reason is Reason.PRIMARY:
            return self.tr("%1 → <%2").replace("%1", where).replace("%2", k)
        return self.tr("%1 → x (protects a hidden count)").replace("%1", where)

    # -- export -------------------------------------------------------------------------------

    def default_name(self, fmt: str) -> str:
        chosen = self.period()
        if chosen is None:
            return f"tally.{fmt}"
        first, last = chosen
        danish = self.language.currentData() == "da"
        if first == last:
            stem = f"{'ugeopgoerelse' if danish else 'weekly-tally'}-{first}"
        else:
            stem = f"{'periodeopgoerelse' if danish else 'period-report'}-{first}-{last}"
        return f"{stem}.{fmt}"

    def ask_export(self, fmt: str) -> None:
        if self._busy or self.compute() is None:
            return
        caption = (
            self.tr("Save the report as PDF") if fmt == "pdf" else self.tr("Save the report as CSV")
        )
        filters = self.tr("PDF files (*.pdf)") if fmt == "pdf" else self.tr("CSV files (*.csv)")
        name, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path.home() / self.default_name(fmt)), filters
        )
        if name:
            self.export(fmt, Path(name))

    def export(self, fmt: str, target: Path) -> bool:
        """Render and write the report off the GUI thread; `exported` says when it is done."""
        disclosed = self.disclosed
        if self._busy or disclosed is None:
            return False
        language = str(self.language.currentData() or "en")
        generated = self.context.now()
        self._set_busy(True)
        self.status.setText(self.tr("Saving the report…"))
        _set_role(self.status, "subtitle")
        self.status.show()

        def work(report: Reporter) -> Path:
            from redvan.storage.files import atomic_write_bytes

            report(0, 2, "render")
            if fmt == "pdf":
                from redvan.reports.tally_pdf import tally_pdf

                data = tally_pdf(disclosed, language, generated)
            else:
                from redvan.reports.csv import tally_csv

                data = tally_csv(disclosed, language, generated)
            report(1, 2, "write")
            atomic_write_bytes(target, data)
            report(2, 2, "write")
            return target

        def done(path: Path) -> None:
            self._set_busy(False)
            tally = disclosed.tally
            try:
                self.services.record_export(f"tally-{fmt}", tally.first, tally.last)
            except Exception as exc:  # noqa: BLE001 - said inline
                path.unlink(missing_ok=True)  # no export without its audit event
                self._say(describe(exc), "error")
                self.export_failed.emit(fmt)
                return
            self._say(self.tr("Saved %1.").replace("%1", path.name), "ok")
            self.status.setToolTip(str(path))
            self.exported.emit(fmt)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self._say(describe(exc), "error")
            self.export_failed.emit(fmt)

        # A year's PDF takes seconds (B5): the progress dialog shows after 0.4 s.
        run_with_progress(
            self,
            self.tr("Saving the report"),
            work,
            done,
            failed,
            stages={"render": self.tr("Drawing the report"), "write": self.tr("Writing the file")},
        )
        return True

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (self.pdf_button, self.csv_button, self.first, self.last, self.language):
            widget.setEnabled(not busy)

    def _say(self, message: str, role: str) -> None:
        self.status.setText(message)
        _set_role(self.status, role)
        self.status.show()
