"""The Reports screen (R1–R4): pick a week or a period, preview the tally with what the
published report will hide and why, see each programme's reach against its target, and save
the report as PDF or CSV (rendered and written off the GUI thread, with progress).

Coordinators only: the exact counts in the preview are theirs to see. An outreach worker gets
an explanation instead. The programme early warning (widgets/reach.py) is Tonight's too.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QListWidget,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from redvan.core.disclosure import (
    Disclosed,
    HiddenFigure,
    Reason,
    Withheld,
    disclose,
    hidden_figures,
)
from redvan.core.enums import Role
from redvan.core.tally import category_label
from redvan.core.weeks import IsoWeek
from redvan.gui.background import Reporter
from redvan.gui.messages import describe
from redvan.gui.reports.models import TallyPreviewModel
from redvan.gui.reports.reach import ReachPanel
from redvan.gui.saved_files import SavedFileNotice, SaveFolder
from redvan.gui.widgets.layouts import STRETCH, fill, hbox, vbox
from redvan.gui.widgets.progress import run_with_progress
from redvan.gui.widgets.roles import card, set_role
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.texts import Texts
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context, WorkspacePage

# How far back the week pickers reach (three years).
PICKER_WEEKS = 156


class ReportsPage(WorkspacePage):
    """Weekly tally and period report: preview, reach, export (coordinators)."""

    key = "reports"
    exported = Signal(str)  # the format, once the file is written
    export_failed = Signal(str)

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.disclosed: Disclosed | None = None
        self._busy = False

        t = self.texts = Texts()
        self.heading, self.subheading = t.heading(
            self.title,
            lambda: self.tr(
                "Weekly tallies and period reports for the board and funders. Every figure that "
                "leaves the vault is rounded, so no person can be recognised."
            ),
        )

        self.denied = t.notice(
            lambda: self.tr(
                "Reports are made by a coordinator: the weekly tally, period reports and "
                "programme reach. Ask your coordinator for the latest figures.\n\n"
                "The Tonight screen shows an early warning when a programme is behind."
            )
        )

        # the period
        self.first = t.bind(WeekCombo(), accessibleName=lambda: self.tr("First week of the report"))
        self.last = t.bind(WeekCombo(), accessibleName=lambda: self.tr("Last week of the report"))
        self.first_label = t.label(lambda: self.tr("Fro&m week:"), buddy=self.first)
        self.last_label = t.label(lambda: self.tr("&To week:"), buddy=self.last)
        recent = (  # (text, what a screen reader says, weeks back to the first and last week)
            (lambda: self.tr("This &week"), lambda: self.tr("Report this week"), 0, 0),
            (lambda: self.tr("L&ast week"), lambda: self.tr("Report last week"), 1, 1),
            (lambda: self.tr("Last &4 weeks"), lambda: self.tr("Report the last 4 weeks"), 3, 0),
            (lambda: self.tr("Last 1&3 weeks"), lambda: self.tr("Report the last 13 weeks"), 12, 0),
        )
        self.this_week, self.last_week, self.four_weeks, self.quarter = (
            t.button(text, clicked=partial(self.choose_recent, first, last), accessible=name)
            for text, name, first, last in recent
        )
        self.first.currentIndexChanged.connect(self._period_changed)
        self.last.currentIndexChanged.connect(self._period_changed)
        self.period_error = t.label(role="error", hidden=True)
        # Two rows: the pickers keep their whole text ("2026-W46 · 9. nov. – 15. nov.") at
        # 1100 px in Danish, which one row with the four buttons could not (issue 15, item 9).
        for combo in (self.first, self.last):
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        period = vbox(
            hbox(self.first_label, self.first, 8, self.last_label, self.last, STRETCH),
            hbox(self.this_week, self.last_week, self.four_weeks, self.quarter, STRETCH),
            spacing=4,
        )

        # the preview
        self.preview_title = t.label(role="subtitle", wrap=True)
        self.model = TallyPreviewModel(context.language, self)
        self.view = t.bind(
            table_view(self.model, precision=-1),
            accessibleName=lambda: self.tr("Preview of the tally"),
        )
        self.view.setAlternatingRowColors(False)
        # "Why" wraps instead of ending in "…" on a narrow window (issue 15, item 9).
        self.view.setWordWrap(True)
        rows = self.view.verticalHeader()
        rows.setMinimumSectionSize(self.fontMetrics().height() + 8)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        left = vbox(self.preview_title, (self.view, 1))

        # right column: reach, hidden, export
        self.reach = ReachPanel()
        hidden_card, hidden_layout = card()
        self.hidden_title = t.label(lambda: self.tr("What is hidden and why"), role="subtitle")
        self.hidden_note = t.label(wrap=True)
        self.hidden_list = t.bind(
            QListWidget(), accessibleName=lambda: self.tr("Figures the report hides")
        )
        self.hidden_list.setWordWrap(True)
        self.hidden_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.hidden_list.setSpacing(2)
        fill(hidden_layout, (self.hidden_title, self.hidden_note, (self.hidden_list, 1)))

        export_card, export_layout = card()
        self.export_title = t.label(lambda: self.tr("Save the report"), role="subtitle")
        self.language = t.bind(
            QComboBox(), accessibleName=lambda: self.tr("Language of the report")
        )
        self.language.addItem("English", "en")
        self.language.addItem("Dansk", "da")
        self.language_label = t.label(lambda: self.tr("Report &language:"), buddy=self.language)
        self.pdf_button = t.button(
            lambda: self.tr("Save &PDF…"),
            role="primary",
            clicked=lambda: self.ask_export("pdf"),
            accessible=lambda: self.tr("Save the report as PDF"),
        )
        self.csv_button = t.button(
            lambda: self.tr("Save &CSV…"),
            clicked=lambda: self.ask_export("csv"),
            accessible=lambda: self.tr("Save the report as CSV"),
        )
        self.progress = t.bind(QProgressBar(), accessibleName=lambda: self.tr("Saving the report"))
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(max(6, self.fontMetrics().height() // 2))
        self.progress.hide()
        self.status = t.label(wrap=True, hidden=True)
        self.save_folder = SaveFolder(context.app_settings)
        self.saved = SavedFileNotice()
        fill(
            export_layout,
            (
                self.export_title,
                hbox(self.language_label, (self.language, 1)),
                hbox(STRETCH, self.csv_button, self.pdf_button),
                self.progress,
                self.status,
                self.saved,
            ),
        )

        right_column = QWidget()
        vbox(self.reach, (hidden_card, 1), export_card, parent=right_column, margins=0)
        right_column.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

        self.main = QWidget()
        body = hbox((left, 3), (right_column, 2))
        vbox(period, self.period_error, (body, 1), parent=self.main, margins=0)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.main)
        self.stack.addWidget(self.denied)

        vbox(self.heading, self.subheading, (self.stack, 1), parent=self)

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
        self.saved.retranslate()
        self.texts.retranslate()
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
        this = self.context.services.clock().week(self.context.now())  # the night's week
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
                "Every figure the report shows is rounded to a multiple of %1, up or down by "
                "at most %2, the same way every time the same records are reported (base %1, "
                "set in Settings)."
            )
            .replace("%1", k)
            .replace("%2", str(disclosed.threshold - 1))
        )
        figures = hidden_figures(disclosed)
        for figure in figures:
            self.hidden_list.addItem(self.hidden_line(figure))
        if not figures:
            self.hidden_list.addItem(
                self.tr("%n figure(s) differ from the exact count.", "", disclosed.changed())
            )

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
        chosen = self.save_folder.ask(self, caption, self.default_name(fmt), filters)
        if chosen is not None:
            self.export(fmt, chosen)

    def export(self, fmt: str, target: Path) -> bool:
        """Render and write the report off the GUI thread; `exported` says when it is done."""
        disclosed = self.disclosed
        if self._busy or disclosed is None:
            return False
        language = str(self.language.currentData() or "en")
        generated = self.context.now()
        self._set_busy(True)
        self.saved.clear()
        self.status.setText(self.tr("Saving the report…"))
        set_role(self.status, "subtitle")
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
            self.status.hide()
            self.saved.show_saved(
                path,
                lambda name, folder: (
                    self.tr("Saved %1 in %2.").replace("%1", name).replace("%2", folder)
                ),
            )
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
        self.saved.clear()
        self.status.setText(message)
        set_role(self.status, role)
        self.status.show()
