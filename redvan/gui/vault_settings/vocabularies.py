"""Settings → Lists: the vocabularies (services, destinations, zones, …) and their labels."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QHeaderView, QLineEdit, QWidget

from redvan.core import enums, limits
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind, is_valid_slug
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import (
    KINDS,
    Section,
    card,
    growing_form,
    heading,
    labelled,
    say,
    subtitle,
    suggest_slug,
)
from redvan.gui.vault_settings.models import VocabularyModel
from redvan.gui.widgets.focus import tab_order
from redvan.gui.widgets.layouts import STRETCH, hbox, vbox
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.widgets.roles import role_label
from redvan.gui.widgets.table import table_view
from redvan.gui.workspace import Context


class VocabularySection(Section):
    """Pick a list; add an entry, edit its labels, retire or delete it, or bring it back."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editing: VocabularyEntry | None = None
        self._slug_auto = True

        t = self.texts

        self.kind = t.bind(QComboBox(), accessibleName=lambda: self.tr("List to edit"))
        for kind in KINDS:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.model = VocabularyModel(self)
        self.view = t.bind(
            table_view(self.model, stretch=VocabularyModel.COL_EN, highlight=True),
            accessibleName=lambda: self.tr("Entries of the list"),
        )
        self.view.horizontalHeader().setSectionResizeMode(
            VocabularyModel.COL_DA, QHeaderView.ResizeMode.Stretch
        )
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.form_title = heading(t)
        self.label_en = t.bind(QLineEdit(), accessibleName=lambda: self.tr("English label"))
        self.label_en.textEdited.connect(self._english_edited)
        self.label_da = t.bind(QLineEdit(), accessibleName=lambda: self.tr("Danish label"))
        self.label_da.textEdited.connect(self._validate)
        self.slug = t.bind(QLineEdit(), accessibleName=lambda: self.tr("Slug"))
        self.slug.setMaxLength(40)
        self.slug.textEdited.connect(self._slug_edited)
        self.quantity = t.check(
            lambda: self.tr("Handed out in &numbers (like condoms)"),
            toggled=self._validate,
            accessible=lambda: self.tr("Handed out in numbers"),
        )
        self.slug_hint = subtitle(
            t,
            lambda: self.tr(
                "The short name used in files and exports: a–z, 0–9 and '-'. "
                "It cannot change later."
            ),
        )
        self.problem_label = role_label(hidden=True)
        self.save_button = t.button(self._save_text, role="primary", clicked=self.save)
        self.remove_button = t.button(lambda: self.tr("Re&tire or delete"), clicked=self.remove)
        self.reactivate_button = t.button(lambda: self.tr("Re&activate"), clicked=self.reactivate)
        self.new_button = t.button(lambda: self.tr("&New entry"), clicked=self.start_new)
        self.status = role_label(hidden=True)
        for field in (self.label_en, self.label_da, self.slug):
            field.returnPressed.connect(self.save)

        editor_card = card(
            self.form_title,
            growing_form(
                labelled(t, lambda: self.tr("&English label"), self.label_en),
                ("", attach_counter(self.label_en, limits.LABEL)),
                labelled(t, lambda: self.tr("&Danish label"), self.label_da),
                ("", attach_counter(self.label_da, limits.LABEL)),
                labelled(t, lambda: self.tr("Sl&ug"), self.slug),
                ("", self.slug_hint),
                ("", self.quantity),
            ),
            self.problem_label,
            hbox(
                self.save_button,
                self.remove_button,
                self.reactivate_button,
                STRETCH,
                self.new_button,
            ),
            self.status,
            STRETCH,
        )
        editor_card.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 24)

        vbox(
            subtitle(
                t,
                lambda: self.tr(
                    "The lists staff choose from. Every entry has an English and a Danish "
                    "label. An entry already used in saved records cannot be deleted; it is "
                    "retired instead, so old records keep it but it is no longer offered."
                ),
            ),
            hbox(t.label(lambda: self.tr("&List"), buddy=self.kind), self.kind, STRETCH),
            (hbox((self.view, 3), (editor_card, 2)), 1),
            parent=self,
        )
        tab_order(
            self.kind,
            self.view,
            self.label_en,
            self.label_da,
            self.slug,
            self.quantity,
            self.save_button,
            self.remove_button,
            self.reactivate_button,
            self.new_button,
        )

    def current_kind(self) -> VocabularyKind:
        return VocabularyKind(self.kind.currentData())

    def kind_name(self, kind: VocabularyKind) -> str:
        return {
            VocabularyKind.SERVICE: self.tr("Services"),
            VocabularyKind.DESTINATION: self.tr("Partner organisations (referrals)"),
            VocabularyKind.ZONE: self.tr("Zones"),
            VocabularyKind.CHANNEL: self.tr("Channels"),
            VocabularyKind.LANGUAGE: self.tr("Languages"),
            VocabularyKind.ORIGIN_REGION: self.tr("Origin regions"),
        }[kind]

    def retranslate(self) -> None:
        self.texts.retranslate()
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, self.kind_name(kind))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._update_form()

    def refresh(self) -> None:
        self._load(self.editing.slug if self.editing else None)

    def _kind_changed(self) -> None:
        self.status.hide()
        self._load(None)

    def _load(self, keep: str | None) -> None:
        self.model.load(self.services.store.vocabulary(self.current_kind()))
        row = self.model.row_of(keep) if keep else -1
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self._row_changed(self.model.index(row, 0), QModelIndex())
        else:
            self.start_new(focus=False)

    # -- the form -------------------------------------------------------------------------

    def start_new(self, *, focus: bool = True) -> None:
        self.view.selectionModel().clearCurrentIndex()
        self.view.clearSelection()
        self.editing = None
        self._slug_auto = True
        for field in (self.label_en, self.label_da, self.slug):
            field.clear()
        self.quantity.setChecked(False)
        self._update_form()
        if focus:
            self.label_en.setFocus()

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.model.entry(current.row()) if current.isValid() else None
        if entry is None:
            return
        self.editing = entry
        self.label_en.setText(entry.label_en)
        self.label_da.setText(entry.label_da)
        self.slug.setText(entry.slug)
        self.quantity.setChecked(entry.quantity)
        self._update_form()

    def _update_form(self) -> None:
        entry = self.editing
        is_service = self.current_kind() is VocabularyKind.SERVICE
        self.quantity.setVisible(is_service)
        self.slug.setEnabled(entry is None)
        self.slug_hint.setVisible(entry is None)
        if entry is None:
            self.form_title.setText(
                self.tr("New entry in %1").replace(
                    "%1",
                    self.kind_name(self.current_kind()).lower()
                    if not enums.is_danish(self.context.language)
                    else self.kind_name(self.current_kind()),
                )
            )
        else:
            self.form_title.setText(entry.label(self.context.language))
        self.save_button.setText(self._save_text())
        self.remove_button.setVisible(entry is not None and not entry.retired)
        self.reactivate_button.setVisible(entry is not None and entry.retired)
        self.new_button.setVisible(entry is not None)
        self._validate()

    def _save_text(self) -> str:
        return self.tr("&Add") if self.editing is None else self.tr("&Save labels")

    def _english_edited(self, text: str) -> None:
        if self.editing is None and self._slug_auto:
            self.slug.setText(suggest_slug(text))
        self._validate()

    def _slug_edited(self, text: str) -> None:
        self._slug_auto = not text
        self._validate()

    def problem(self) -> tuple[str, str] | None:
        """What keeps the form from being saved, as (text, "error" | "subtitle"), or None."""
        slug = self.slug.text().strip()
        en, da = self.label_en.text().strip(), self.label_da.text().strip()
        if self.editing is None:
            if slug and not is_valid_slug(slug):
                return (
                    self.tr(
                        "The slug may only hold lower-case letters a–z, digits and '-' "
                        "(at most 40)."
                    ),
                    "error",
                )
            if slug and self.model.row_of(slug) >= 0:
                return self.tr("This list already has an entry with that slug."), "error"
            if not en or not da or not slug:
                return self.tr("Type the English and Danish labels and a slug."), "subtitle"
            return None
        if not en or not da:
            return self.tr("Every entry needs both an English and a Danish label."), "error"
        if (en, da, self.quantity.isChecked()) == (
            self.editing.label_en,
            self.editing.label_da,
            self.editing.quantity,
        ):
            return "", "subtitle"  # nothing changed, nothing to say
        return None

    def _validate(self) -> None:
        problem = self.problem()
        self.save_button.setEnabled(problem is None)
        if problem is None:
            self.problem_label.hide()
        else:
            say(self.problem_label, *problem)

    # -- actions --------------------------------------------------------------------------

    def save(self) -> None:
        if self.problem() is not None:
            return
        kind = self.current_kind()
        en, da = self.label_en.text().strip(), self.label_da.text().strip()
        quantity = self.quantity.isChecked() and kind is VocabularyKind.SERVICE
        if self.editing is None:
            sort = max((e.sort for e in self.model.entries), default=0) + 10
            try:
                entry = VocabularyEntry(
                    kind, self.slug.text().strip(), en, da, sort=sort, quantity=quantity
                )
            except ValueError:
                self._validate()
                return
            done = self.tr("Added “%1”.")
        else:
            entry = replace(self.editing, label_en=en, label_da=da, quantity=quantity)
            done = self.tr("Saved the labels of “%1”.")
        try:
            self.services.save_vocabulary_entry(entry)
        except Exception as exc:  # noqa: BLE001 - shown inline, never a traceback
            say(self.status, describe(exc), "error")
            return
        self._load(entry.slug)
        say(self.status, done.replace("%1", entry.label(self.context.language)), "ok")

    def remove(self) -> None:
        entry = self.editing
        if entry is None or entry.retired:
            return
        name = entry.label(self.context.language)
        try:
            outcome = self.services.remove_vocabulary_entry(entry.kind, entry.slug)
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            return
        if outcome == "deleted":
            self._load(None)
            say(
                self.status,
                self.tr("Deleted “%1”: it was not used in any record.").replace("%1", name),
                "ok",
            )
        else:
            self._load(entry.slug)
            say(
                self.status,
                self.tr(
                    "Retired “%1”: saved records use it, so it stays in them, but it is no longer "
                    "offered."
                ).replace("%1", name),
                "warning",
            )

    def reactivate(self) -> None:
        entry = self.editing
        if entry is None or not entry.retired:
            return
        try:
            self.services.save_vocabulary_entry(replace(entry, retired=False))
        except Exception as exc:  # noqa: BLE001 - shown inline
            say(self.status, describe(exc), "error")
            return
        self._load(entry.slug)
        say(
            self.status,
            self.tr("“%1” is offered again.").replace("%1", entry.label(self.context.language)),
            "ok",
        )
