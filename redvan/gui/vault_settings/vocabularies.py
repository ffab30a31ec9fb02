"""Settings → Lists: the vocabularies (services, destinations, zones, …) and their labels."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from redvan.core import enums, limits
from redvan.core.vocabulary import VocabularyEntry, VocabularyKind, is_valid_slug
from redvan.gui.messages import describe
from redvan.gui.vault_settings.helpers import (
    KINDS,
    card,
    heading,
    message_label,
    say,
    subtitle,
    suggest_slug,
    table_view,
)
from redvan.gui.vault_settings.models import VocabularyModel
from redvan.gui.widgets.limits import attach_counter
from redvan.gui.workspace import Context


class VocabularySection(QWidget):
    """Pick a list; add an entry, edit its labels, retire or delete it, or bring it back."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editing: VocabularyEntry | None = None
        self._slug_auto = True

        self.intro = subtitle()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem("", kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind_label = QLabel()
        self.kind_label.setBuddy(self.kind)
        self.model = VocabularyModel(self)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(
            VocabularyModel.COL_SLUG, QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(VocabularyModel.COL_EN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(VocabularyModel.COL_DA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            VocabularyModel.COL_STATUS, QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

        self.form_title = heading()
        self.label_en = QLineEdit()
        self.label_en.textEdited.connect(self._english_edited)
        self.label_da = QLineEdit()
        self.label_da.textEdited.connect(self._validate)
        self.slug = QLineEdit()
        self.slug.setMaxLength(40)
        self.slug.textEdited.connect(self._slug_edited)
        self.quantity = QCheckBox()
        self.quantity.toggled.connect(self._validate)
        self.en_label, self.da_label, self.slug_label = QLabel(), QLabel(), QLabel()
        self.en_label.setBuddy(self.label_en)
        self.da_label.setBuddy(self.label_da)
        self.slug_label.setBuddy(self.slug)
        self.slug_hint = subtitle()
        self.problem_label = message_label()
        self.save_button = QPushButton()
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        self.reactivate_button = QPushButton()
        self.reactivate_button.clicked.connect(self.reactivate)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.start_new)
        self.status = message_label()
        for field in (self.label_en, self.label_da, self.slug):
            field.returnPressed.connect(self.save)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.en_label, self.label_en)
        form.addRow("", attach_counter(self.label_en, limits.LABEL))
        form.addRow(self.da_label, self.label_da)
        form.addRow("", attach_counter(self.label_da, limits.LABEL))
        form.addRow(self.slug_label, self.slug)
        form.addRow("", self.slug_hint)
        form.addRow("", self.quantity)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.reactivate_button)
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        editor = QVBoxLayout()
        editor.addWidget(self.form_title)
        editor.addLayout(form)
        editor.addWidget(self.problem_label)
        editor.addLayout(buttons)
        editor.addWidget(self.status)
        editor.addStretch()
        editor_card = card(editor)
        em = self.fontMetrics().horizontalAdvance("M")
        editor_card.setMinimumWidth(em * 24)

        top = QHBoxLayout()
        top.addWidget(self.kind_label)
        top.addWidget(self.kind)
        top.addStretch()
        body = QHBoxLayout()
        body.addWidget(self.view, 3)
        body.addWidget(editor_card, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        QWidget.setTabOrder(self.kind, self.view)
        QWidget.setTabOrder(self.view, self.label_en)
        QWidget.setTabOrder(self.label_en, self.label_da)
        QWidget.setTabOrder(self.label_da, self.slug)
        QWidget.setTabOrder(self.slug, self.quantity)
        QWidget.setTabOrder(self.quantity, self.save_button)
        QWidget.setTabOrder(self.save_button, self.remove_button)
        QWidget.setTabOrder(self.remove_button, self.reactivate_button)
        QWidget.setTabOrder(self.reactivate_button, self.new_button)

    @property
    def services(self) -> Any:
        return self.context.services

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
        self.intro.setText(
            self.tr(
                "The lists staff choose from. Every entry has an English and a Danish label. "
                "An entry already used in saved records cannot be deleted; it is retired "
                "instead, so old records keep it but it is no longer offered."
            )
        )
        for index, kind in enumerate(KINDS):
            self.kind.setItemText(index, self.kind_name(kind))
        self.kind_label.setText(self.tr("&List"))
        self.kind.setAccessibleName(self.tr("List to edit"))
        self.view.setAccessibleName(self.tr("Entries of the list"))
        self.en_label.setText(self.tr("&English label"))
        self.da_label.setText(self.tr("&Danish label"))
        self.slug_label.setText(self.tr("Sl&ug"))
        self.label_en.setAccessibleName(self.tr("English label"))
        self.label_da.setAccessibleName(self.tr("Danish label"))
        self.slug.setAccessibleName(self.tr("Slug"))
        self.slug_hint.setText(
            self.tr(
                "The short name used in files and exports: a–z, 0–9 and '-'. "
                "It cannot change later."
            )
        )
        self.quantity.setText(self.tr("Handed out in &numbers (like condoms)"))
        self.quantity.setAccessibleName(self.tr("Handed out in numbers"))
        self.remove_button.setText(self.tr("Re&tire or delete"))
        self.reactivate_button.setText(self.tr("Re&activate"))
        self.new_button.setText(self.tr("&New entry"))
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
            self.save_button.setText(self.tr("&Add"))
        else:
            self.form_title.setText(entry.label(self.context.language))
            self.save_button.setText(self.tr("&Save labels"))
        self.remove_button.setVisible(entry is not None and not entry.retired)
        self.reactivate_button.setVisible(entry is not None and entry.retired)
        self.new_button.setVisible(entry is not None)
        self._validate()

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
