"""The Referrals screen's completion tab: referrals made in a range of weeks per partner
organisation, how they ended, and the completion rate."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from redvan.core.vocabulary import VocabularyKind
from redvan.gui.referrals.models import CompletionModel
from redvan.gui.widgets.layouts import Stretch, hbox, vbox
from redvan.gui.widgets.table import TableOrEmpty, table_view
from redvan.gui.widgets.texts import Texts
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context

RECENT = 13  # weeks shown until someone chooses others


class CompletionTab(QWidget):
    """From week, to week, and the completion rate per organisation (with a total row)."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._weeks_chosen = False
        t = self.texts = Texts()
        self.from_week = t.bind(WeekCombo(), accessibleName=lambda: self.tr("First week"))
        self.to_week = t.bind(WeekCombo(), accessibleName=lambda: self.tr("Last week"))
        for combo in (self.from_week, self.to_week):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.note = t.label(
            lambda: self.tr(
                "Referrals made in these weeks. The completion rate counts those who attended "
                "or were accompanied, out of every referral with an outcome; open referrals "
                "are left out of the rate until someone checks on them."
            ),
            role="subtitle",
            wrap=True,
        )
        self.model = CompletionModel(context.language, self)
        self.view = table_view(self.model, stretch=CompletionModel.COL_DESTINATION)
        t.bind(
            self.view, accessibleName=lambda: self.tr("Completion rate per partner organisation")
        )
        self.stack = TableOrEmpty(self.view)
        t.bind(self.stack.empty, text=lambda: self.tr("No referrals were made in these weeks."))
        self.stack.empty.setWordWrap(False)
        weeks = hbox(
            t.label(lambda: self.tr("Fro&m"), buddy=self.from_week),
            self.from_week,
            10,
            t.label(lambda: self.tr("T&o"), buddy=self.to_week),
            self.to_week,
            10,
            Stretch(1),
        )
        vbox(weeks, self.note, (self.stack, 1), parent=self)

    def tab_chain(self) -> list[QWidget]:
        """The tab's widgets in the order Tab visits them."""
        return [self.from_week, self.to_week, self.view]

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.set_language(self.context.language)
        self.fill_weeks()

    def fill_weeks(self) -> None:
        today = self.context.now().date()
        self.from_week.fill(today, self.context.language)
        self.to_week.fill(today, self.context.language)
        if not self._weeks_chosen and self.context.session.services is not None:
            self._weeks_chosen = True  # the last 13 weeks, until someone chooses
            self.from_week.blockSignals(True)
            self.from_week.setCurrentIndex(min(RECENT - 1, self.from_week.count() - 1))
            self.from_week.blockSignals(False)

    def reload(self) -> None:
        services = self.context.session.services
        if services is None:
            return
        first, last = self.from_week.week(), self.to_week.week()
        if first is None or last is None:
            return
        if last < first:
            first, last = last, first
        rates = services.referral_completion(first, last)
        self.model.set_rates(rates, services.store.vocabulary(VocabularyKind.DESTINATION))
        self.stack.show_rows(bool(rates))
