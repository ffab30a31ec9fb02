"""The Referrals screen's completion tab: referrals made in a range of weeks per partner
organisation, how they ended, and the completion rate."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from redvan.core.vocabulary import VocabularyKind
from redvan.gui.referrals.models import CompletionModel
from redvan.gui.widgets.roles import SUBTITLE, role_label
from redvan.gui.widgets.table import TableOrEmpty, table_view
from redvan.gui.widgets.weeks import WeekCombo
from redvan.gui.workspace import Context

RECENT = 13  # weeks shown until someone chooses others


class CompletionTab(QWidget):
    """From week, to week, and the completion rate per organisation (with a total row)."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._weeks_chosen = False
        self.from_label, self.from_week = QLabel(), WeekCombo()
        self.to_label, self.to_week = QLabel(), WeekCombo()
        row = QHBoxLayout()
        for label, combo in ((self.from_label, self.from_week), (self.to_label, self.to_week)):
            label.setBuddy(combo)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
            row.addWidget(label)
            row.addWidget(combo)
            row.addSpacing(10)
        row.addStretch(1)
        self.note = role_label(SUBTITLE)
        self.model = CompletionModel(context.language, self)
        self.view = table_view(self.model, stretch=CompletionModel.COL_DESTINATION)
        self.stack = TableOrEmpty(self.view)
        self.stack.empty.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    def retranslate(self) -> None:
        lang = self.context.language
        self.from_label.setText(self.tr("Fro&m"))
        self.from_week.setAccessibleName(self.tr("First week"))
        self.to_label.setText(self.tr("T&o"))
        self.to_week.setAccessibleName(self.tr("Last week"))
        self.note.setText(
            self.tr(
                "Referrals made in these weeks. The completion rate counts those who attended "
                "or were accompanied, out of every referral with an outcome; open referrals "
                "are left out of the rate until someone checks on them."
            )
        )
        self.model.set_language(lang)
        self.view.setAccessibleName(self.tr("Completion rate per partner organisation"))
        self.stack.empty.setText(self.tr("No referrals were made in these weeks."))
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
