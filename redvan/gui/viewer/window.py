"""The auditor viewer window (SPEC X6): one audit bundle, read-only, no vault, writes nothing.

The header says at a glance whether the bundle can be relied on: the signature (valid, and
made by a device in the auditor's trusted keys?), the manifest of hashes, and whether every
figure of the tally can be recomputed from the de-identified records. Below it, tabs show the
figures with a reconciliation mark each, the records, the audit-log summary, the report and
the trusted keys used.

Nothing is written: no settings, no geometry, no recent files, no temporary files. The report
PDF is described but neither shown nor saved (no PDF renderer ships with the app, and saving
would be writing); it can be taken out of the bundle with any unzip tool.
"""

from __future__ import annotations

import logging
import re
import weakref
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from redvan.exchange import trust
from redvan.exchange.bundle import BundleEncrypted, OpenedBundle, open_bundle, signature_problem
from redvan.exchange.hostile import ImportRefused, read_capped
from redvan.exchange.signing import (
    MAX_SIGNATURE_BYTES,
    EncryptionError,
    SignatureError,
    parse_identities,
)
from redvan.gui import background
from redvan.gui.i18n import current_language
from redvan.gui.viewer.keys import TrustedKeys, load_trusted
from redvan.gui.viewer.models import MISMATCH, NOT_RECOMPUTABLE, AuditRowsModel, FiguresModel
from redvan.gui.viewer.verdict import Finding, Level, VerdictPanel, selectable
from redvan.gui.widgets.layouts import STRETCH, Stretch, hbox, vbox
from redvan.gui.widgets.table import table_view
from redvan.gui.widgets.texts import Texts
from redvan.messages_cli import translate as in_language

log = logging.getLogger(__name__)


def said(sentence: str) -> str:
    """A sentence from the exchange (English where it arises) in the viewer's language."""
    return in_language(sentence, current_language())


REPORT_NAME = "report.pdf"  # the report's name inside the bundle's zip
# The audit-log summary is drawn as a tree; a genuine one is small, so a huge one is cut short.
MAX_SUMMARY_ITEMS = 2000


def pdf_pages(data: bytes) -> int | None:
    """The page count of a PDF as reportlab writes it (page objects in the clear), if found."""
    if not data.startswith(b"%PDF-"):
        return None
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", data)) or None


def _fixed_rows(view: QTableView) -> QTableView:
    """Rows of one fixed height: a page of records is not measured row by row."""
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    return view


class AuditViewer(QWidget):
    """A top-level window showing one audit bundle. Opens it off the GUI thread.

    ``bundle_shown`` once a bundle is on screen; ``bundle_refused`` (with the sentence) when
    the file is not a bundle that can be read.
    """

    bundle_shown = Signal()
    bundle_refused = Signal(str)

    def __init__(
        self,
        path: Path | None = None,
        *,
        given_keys: Sequence[str] = (),
        identities: Sequence[Any] = (),
        keys_path: Path | None = None,
        allow_dialogs: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.path = path
        self.given_keys = tuple(given_keys)
        self.identities = tuple(identities)
        self.keys_path = keys_path
        self.bundle: OpenedBundle | None = None
        self.keys: TrustedKeys | None = None
        self.refusal = ""
        self.needs_identity = False
        # A file dialog remembers its folder in Qt's own settings file: only inside the app,
        # which writes its settings anyway, never in the stand-alone viewer (T10).
        self.allow_dialogs = allow_dialogs
        self.language = current_language()
        # Asks before a key is trusted (fingerprint, keys file) -> yes; tests set it. None
        # asks with a message box (a bound method kept here would make a reference cycle,
        # and the garbage collector could then free this window on a worker thread).
        self.confirm_trust: Callable[[str, Path], bool] | None = None

        t = self.texts = Texts()
        t.bind(self, windowTitle=self._window_title)

        # pages: checking…, the bundle, refused
        self.checking = t.label(lambda: self.tr("Checking the bundle…"), role="subtitle")
        self.checking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refused_page = QWidget()
        self.refused_title = t.label(
            lambda: self.tr("This file cannot be opened as an audit bundle."), role="title"
        )
        self.refused_text = selectable(
            t.label(self._refusal, role="error", wrap=True, accessible=self._refusal)
        )
        self.refused_hint = t.label(self._refused_hint, wrap=True)
        self.identity_button = t.button(
            lambda: self.tr("Choose the age &key file…"), clicked=self.choose_identity
        )
        self.identity_button.hide()
        refused_box = QWidget()
        refused_box.setMaximumWidth(640)
        vbox(
            self.refused_title,
            8,
            self.refused_text,
            self.refused_hint,
            (self.identity_button, 0, Qt.AlignmentFlag.AlignLeft),
            parent=refused_box,
        )
        vbox(STRETCH, hbox(STRETCH, refused_box, STRETCH), Stretch(2), parent=self.refused_page)

        self.verdict = VerdictPanel()

        # figures
        self.figures_model = FiguresModel(self.language, self)
        self.figures_view = _fixed_rows(
            table_view(self.figures_model, stretch=FiguresModel.COL_FIGURE, precision=-1)
        )
        t.bind(
            self.figures_view, accessibleName=lambda: self.tr("Figures and their reconciliation")
        )
        self.figures_summary = t.label(wrap=True)
        figures_tab = QWidget()
        vbox(self.figures_summary, (self.figures_view, 1), parent=figures_tab)

        # records: a page is measured as it loads (_size_row_columns), then sized by hand
        self.rows_model = AuditRowsModel(self.language, self)
        self.rows_view = _fixed_rows(
            table_view(self.rows_model, precision=AuditRowsModel.PAGE_SIZE)
        )
        t.bind(self.rows_view, accessibleName=lambda: self.tr("De-identified records"))
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows_summary = t.label(wrap=True)
        # Search over the records (issue 15, item 11): every word must appear in the row as
        # shown (week, pseudonym, services, referral status), in the viewer's language.
        self.search = t.bind(
            QLineEdit(),
            placeholderText=lambda: self.tr("Week, pseudonym, service or referral status"),
            accessibleName=lambda: self.tr("Search the records"),
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_rows)
        self.search_label = t.label(lambda: self.tr("&Search:"), buddy=self.search)
        self.search_count = t.label(role="subtitle")
        rows_tab = QWidget()
        vbox(
            self.rows_summary,
            hbox(self.search_label, (self.search, 1), self.search_count),
            (self.rows_view, 1),
            parent=rows_tab,
        )

        # audit log summary
        self.audit_note = t.label(
            lambda: self.tr(
                "What the vault's audit log says about the period, without names or contents "
                "(as written in the bundle)."
            ),
            wrap=True,
        )
        self.audit_tree = t.bind(QTreeWidget(), accessibleName=lambda: self.tr("Audit log summary"))
        self.audit_tree.setColumnCount(2)
        self.audit_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_tree.setUniformRowHeights(True)
        audit_tab = QWidget()
        vbox(self.audit_note, (self.audit_tree, 1), parent=audit_tab)

        # report
        self.report_text = selectable(t.label(wrap=True))
        self.report_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        report_tab = QWidget()
        vbox(self.report_text, STRETCH, parent=report_tab)

        # trusted keys
        self.keys_intro = t.label(
            lambda: self.tr(
                "The signature was checked against these device keys. They are read from:"
            ),
            wrap=True,
        )
        self.keys_path_label = selectable(t.label(wrap=True))
        self.keys_problem = selectable(t.label(role="error", wrap=True))
        self.keys_list = t.bind(
            QListWidget(), accessibleName=lambda: self.tr("Trusted device keys")
        )
        self.keys_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.keys_howto = selectable(
            t.label(
                lambda: self.tr(
                    "This viewer never changes that file. To trust a device, run "
                    "“redvan device --pubkey” on it, check the fingerprint with its coordinator, "
                    "and append the output to the file above; or give it for one check with "
                    "“redvan open FILE --pubkey KEY”."
                ),
                wrap=True,
            )
        )
        keys_tab = QWidget()
        vbox(
            self.keys_intro,
            self.keys_path_label,
            self.keys_problem,
            (self.keys_list, 1),
            self.keys_howto,
            parent=keys_tab,
        )

        self.tabs = QTabWidget()
        self.figures_tab = t.tab(self.tabs, figures_tab, lambda: self.tr("&Figures"))
        self.rows_tab = t.tab(self.tabs, rows_tab, lambda: self.tr("&Records"))
        self.audit_tab = t.tab(self.tabs, audit_tab, lambda: self.tr("&Audit log"))
        self.report_tab = t.tab(self.tabs, report_tab, lambda: self.tr("R&eport"))
        self.keys_tab = t.tab(self.tabs, keys_tab, lambda: self.tr("&Trusted keys"))

        # A valid signature by a device not trusted yet: the auditor can trust it here, after
        # comparing the fingerprint (issue 15, item 11), instead of editing the keys file.
        self.content = QWidget()
        self.trust_button = t.button(
            lambda: self.tr("Trust this &device…"),
            clicked=self.trust_signer,
            accessible=lambda: self.tr("Trust the device that signed this bundle"),
        )
        self.trust_button.hide()
        self.trust_message = selectable(t.label(wrap=True, hidden=True))
        vbox(
            self.verdict,
            # the button keeps its size while the message is hidden
            hbox(self.trust_button, (self.trust_message, 1), STRETCH),
            (self.tabs, 1),
            parent=self.content,
            margins=0,
        )

        self.stack = QStackedWidget()
        for page in (self.checking, self.content, self.refused_page):
            self.stack.addWidget(page)

        self.heading = t.label(self._heading, role="title")
        self.read_only = t.label(
            lambda: self.tr(
                "Read-only: the bundle is never changed. The viewer writes nothing, except a "
                "device you choose to trust, to your trusted keys file."
            ),
            role="subtitle",
            wrap=True,
        )
        self.close_button = t.button(lambda: self.tr("&Close"), clicked=self.close)
        vbox(
            self.heading,
            (self.stack, 1),
            hbox((self.read_only, 1), self.close_button),
            parent=self,
        )
        for sequence in (QKeySequence.StandardKey.Close, QKeySequence(Qt.Key.Key_Escape)):
            QShortcut(sequence, self).activated.connect(self.close)
        # Names, problems and comments come from the file: never let them be read as HTML.
        for label in self.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.resize(1100, 760)
        self.stack.setCurrentWidget(self.checking)
        self.retranslate()

    # -- opening ------------------------------------------------------------------------------

    def open_file(self) -> None:
        """Read and check the bundle off the GUI thread; nothing is written anywhere."""
        path = self.path
        if path is None:
            return
        self.stack.setCurrentWidget(self.checking)
        given, keys_path, identities = self.given_keys, self.keys_path, self.identities

        def work() -> tuple[OpenedBundle, TrustedKeys]:
            keys = load_trusted(given, keys_path)
            return open_bundle(path, keys.all, identities=identities), keys

        # The callbacks hold the window weakly: a strong reference from the helper's relay (a
        # child of this window) back to it crashed PySide 6.12 when the relay was deleted.
        me = weakref.ref(self)

        def opened(result: tuple[OpenedBundle, TrustedKeys]) -> None:
            viewer = me()
            if viewer is not None:
                viewer._opened(result)

        def failed(exc: BaseException) -> None:
            viewer = me()
            if viewer is not None:
                viewer._failed(exc)

        background.run(self, work, opened, failed)

    def _opened(self, result: tuple[OpenedBundle, TrustedKeys]) -> None:
        bundle, keys = result
        self.show_bundle(bundle, keys)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ImportRefused):
            self.show_refused(str(exc), needs_identity=isinstance(exc, BundleEncrypted))
        else:
            log.warning("audit bundle not shown: %s", type(exc).__name__)
            self.show_refused("")

    def choose_identity(self) -> None:
        """An encrypted bundle: pick the age key file it was encrypted to, and try again."""
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose the age key file"), str(Path.home())
        )
        if not name:
            return
        try:
            text = read_capped(Path(name), MAX_SIGNATURE_BYTES, what="age key file")
            self.identities = tuple(parse_identities(text.decode("utf-8", errors="replace")))
        except (ImportRefused, EncryptionError) as exc:
            self.show_refused(str(exc), needs_identity=True)
            return
        self.open_file()

    def show_refused(self, reason: str, *, needs_identity: bool = False) -> None:
        """The file cannot be read as a bundle: say so in one sentence (and why, if known)."""
        self.bundle = None
        self.needs_identity = needs_identity
        self.identity_button.setVisible(needs_identity and self.allow_dialogs)
        self.refusal = reason or self.tr("Something unexpected went wrong while reading it.")
        self.stack.setCurrentWidget(self.refused_page)
        self.retranslate()
        self.bundle_refused.emit(self.refusal)

    def show_bundle(self, bundle: OpenedBundle, keys: TrustedKeys) -> None:
        self.bundle, self.keys = bundle, keys
        # the figures that do not match first, where they are seen
        self.figures_model.set_figures(
            sorted(bundle.figures, key=lambda figure: figure.status != MISMATCH)
        )
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.rows_model.set_rows(bundle.rows)
        self._fill_audit(bundle.audit_summary)
        verdict = bundle.verdict
        self.trust_button.setVisible(
            verdict is not None
            and verdict.valid
            and not verdict.trusted
            and verdict.signer is not None
        )
        self.stack.setCurrentWidget(self.content)
        self.tabs.setCurrentWidget(self.figures_tab)
        self.retranslate()
        self._size_figure_columns()
        self._size_row_columns()
        self.bundle_shown.emit()

    # -- searching the records -------------------------------------------------------------

    def _row_text(self, row: Any) -> str:
        model = self.rows_model
        person = row.person or self.tr("no code")
        return " ".join(
            (row.week, person, model.services_text(row), model.referrals_text(row))
        ).casefold()

    def _filter_rows(self) -> None:
        bundle = self.bundle
        if bundle is None:
            return
        words = self.search.text().casefold().split()
        rows = bundle.rows
        if words:
            rows = [row for row in rows if all(w in self._row_text(row) for w in words)]
        self.rows_model.set_rows(rows)
        self._count_rows(len(rows))

    def _count_rows(self, shown: int | None = None) -> None:
        bundle = self.bundle
        if bundle is None or not self.search.text().strip():
            self.search_count.clear()
            return
        shown = self.rows_model.total() if shown is None else shown
        self.search_count.setText(
            self.tr("%1 of %2").replace("%1", f"{shown:n}").replace("%2", f"{len(bundle.rows):n}")
        )

    # -- trusting the signer -------------------------------------------------------------------

    def _ask_trust(self, fingerprint: str, keys_file: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Trust this device?"),
            self.tr(
                "Trust device %1 from now on?\n\nCompare this fingerprint with the one the "
                "coordinator's device shows (Settings, or “redvan device”) before you say yes. "
                "Its public key is added to %2; bundles it signs will then count as trusted."
            )
            .replace("%1", fingerprint)
            .replace("%2", str(keys_file)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def trust_signer(self) -> bool:
        """After a confirmation showing the fingerprint, add the signer's key to the trusted
        keys file and check the bundle again. True if the key was added."""
        bundle = self.bundle
        verdict = bundle.verdict if bundle is not None else None
        if verdict is None or not verdict.valid or verdict.signer is None:
            return False
        keys_file = self.keys_path or trust.trusted_keys_path()
        confirm = self.confirm_trust or self._ask_trust
        if not confirm(verdict.fingerprint, keys_file):
            return False
        try:
            written = trust.add_trusted_key(verdict.signer, self.keys_path)
        except SignatureError as exc:
            self.trust_message.setProperty("role", "error")
            self.trust_message.setText(str(exc))
            self.trust_message.show()
            return False
        log.info("a device key was added to the trusted keys file")
        self.trust_message.setProperty("role", "ok")
        self.trust_message.setText(
            self.tr("Device %1 is trusted now (%2).")
            .replace("%1", verdict.fingerprint)
            .replace("%2", str(written))
        )
        self.trust_message.show()
        self.open_file()
        return True

    def _size_figure_columns(self) -> None:
        """The figure's name takes the room left; a model reset forgets per-column modes."""
        header = self.figures_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FiguresModel.COL_FIGURE, QHeaderView.ResizeMode.Stretch)

    def _size_row_columns(self) -> None:
        """Fit the loaded page (headers included); services get at least half the width."""
        self.rows_view.resizeColumnsToContents()
        services = AuditRowsModel.COL_SERVICES
        wide = self.rows_view.viewport().width() // 2
        if self.rows_view.columnWidth(services) < wide:
            self.rows_view.setColumnWidth(services, wide)

    def _fill_audit(self, summary: Mapping[str, Any]) -> None:
        self.audit_tree.clear()
        budget = [MAX_SUMMARY_ITEMS]

        def add(parent: QTreeWidgetItem | QTreeWidget, key: str, value: Any) -> None:
            if budget[0] <= 0:
                return
            budget[0] -= 1
            scalar = not isinstance(value, Mapping | list)
            item = QTreeWidgetItem([key, str(value) if scalar else ""])
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            if isinstance(value, Mapping):
                for k, v in value.items():
                    add(item, str(k), v)
            elif isinstance(value, list):
                for number, v in enumerate(value, start=1):
                    add(item, str(number), v)

        for key, value in summary.items():
            add(self.audit_tree, str(key), value)
        self.audit_tree.expandToDepth(1)
        self.audit_tree.resizeColumnToContents(0)

    # -- the verdict --------------------------------------------------------------------------

    def findings(self, bundle: OpenedBundle) -> list[Finding]:  # noqa: C901 - one case each
        out: list[Finding] = []
        verdict = bundle.verdict
        if verdict is None:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "The signature (.minisig file beside the bundle) is missing or "
                        "cannot be read."
                    ),
                    (said(bundle.signature_problem),) if bundle.signature_problem else (),
                )
            )
        elif verdict.valid and verdict.trusted:
            out.append(
                Finding(Level.OK, self.tr("The signature is valid and the device is trusted."))
            )
        elif verdict.valid:
            out.append(
                Finding(
                    Level.WARN,
                    self.tr(
                        "The signature is valid, but the device that made it is not among the "
                        "trusted keys."
                    ),
                )
            )
        elif verdict.signer is None:
            out.append(
                Finding(
                    Level.WARN,
                    self.tr(
                        "The signature cannot be checked: the device that made it is not among "
                        "the trusted keys."
                    ),
                )
            )
        else:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "The signature does not verify: the bundle was changed after it was signed."
                    ),
                )
            )
        if verdict is not None and bundle.signature_problem not in ("", signature_problem(verdict)):
            # something beyond the verdict itself, e.g. a trusted comment that names another
            # device, sequence or period than the manifest
            out.append(Finding(Level.BAD, said(bundle.signature_problem)))
        if (
            verdict is not None
            and bundle.device_id
            and verdict.device_id
            and verdict.device_id != bundle.device_id
        ):
            out.append(
                Finding(
                    Level.BAD,
                    self.tr("The signature names device %1, but the bundle says it is from %2.")
                    .replace("%1", verdict.device_id)
                    .replace("%2", bundle.device_id),
                )
            )
        if bundle.manifest_problems:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr("The manifest does not match the bundle's contents:"),
                    tuple(said(p) for p in bundle.manifest_problems),
                )
            )
        else:
            out.append(
                Finding(Level.OK, self.tr("Every file in the bundle matches its manifest hash."))
            )
        total = len(bundle.figures)
        wrong = sum(1 for f in bundle.figures if f.status == MISMATCH)
        unknown = sum(1 for f in bundle.figures if f.status == NOT_RECOMPUTABLE)
        checked = total - unknown
        if wrong:
            out.append(
                Finding(
                    Level.BAD,
                    self.tr(
                        "%n figure(s) do not match the records they were counted from.", None, wrong
                    ),
                )
            )
        elif checked:
            out.append(
                Finding(
                    Level.OK,
                    self.tr(
                        "All %Ln figure(s) that can be recomputed from the records match.",
                        None,
                        checked,
                    ),
                )
            )
        else:
            out.append(
                Finding(Level.WARN, self.tr("No figure could be recomputed from the records."))
            )
        if unknown:
            out.append(
                Finding(
                    Level.OK,
                    self.tr(
                        "%Ln figure(s), such as zones and age bands, cannot be recomputed: the "
                        "de-identified records leave those details out on purpose.",
                        None,
                        unknown,
                    ),
                    mark="—",
                )
            )
        if bundle.encrypted:
            out.append(
                Finding(
                    Level.OK, self.tr("The bundle was encrypted; it was decrypted in memory only.")
                )
            )
        return out

    def headline(self, level: Level) -> str:
        if level is Level.OK:
            return self.tr("Verified: signed by a trusted device, and the figures match.")
        if level is Level.WARN:
            return self.tr("Not verified: the signing device is not trusted here.")
        return self.tr("Do not rely on this bundle: it failed a check.")

    # -- text ---------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.language = current_language()
            self.figures_model.set_language(self.language)
            self.rows_model.set_language(self.language)
            self.retranslate()
        super().changeEvent(event)

    def _window_title(self) -> str:
        name = self.path.name if self.path else ""
        if name:
            return self.tr("%1 – audit bundle – Red Van Intake").replace("%1", name)
        return self.tr("Audit bundle – Red Van Intake")

    def _heading(self) -> str:
        name = self.path.name if self.path else ""
        return self.tr("Audit bundle %1").replace("%1", name).strip()

    def _refusal(self) -> str:
        return said(self.refusal)  # the exchange's sentence, in the viewer's language

    def _refused_hint(self) -> str:
        if self.needs_identity:
            return self.tr(
                "It is encrypted to a coordinator's age key. Open it with the key file: "
                "“redvan open FILE --identity KEYFILE”. Nothing was changed."
            )
        return self.tr(
            "An audit bundle is the .rvaudit file that “redvan export audit” writes, "
            "with its .minisig signature beside it. Nothing was changed."
        )

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._count_rows()
        self.audit_tree.setHeaderLabels([self.tr("Entry"), self.tr("Value")])
        self._retranslate_keys()
        bundle = self.bundle
        if bundle is None:
            return
        findings = self.findings(bundle)
        level = max((f.level for f in findings), default=Level.OK)
        self.verdict.show_verdict(level, self.headline(level), findings)
        verdict = bundle.verdict
        if verdict is None or not verdict.device_id:
            signer = "—"
        elif verdict.valid and verdict.trusted:
            signer = self.tr("%1 (trusted)").replace("%1", verdict.fingerprint)
        elif verdict.valid:
            signer = self.tr("%1 (not trusted)").replace("%1", verdict.fingerprint)
        elif verdict.signer is None:
            signer = self.tr("%1 (unknown key)").replace("%1", verdict.fingerprint)
        else:
            signer = self.tr("%1 (does not verify)").replace("%1", verdict.fingerprint)
        self.verdict.set_meta("signer", self.tr("Signed by"), signer)
        self.verdict.set_meta("device", self.tr("Device"), bundle.device_id or "—")
        self.verdict.set_meta("sequence", self.tr("Sequence"), str(bundle.sequence))
        self.verdict.set_meta(
            "period",
            self.tr("Period"),
            bundle.period_first
            if bundle.period_first == bundle.period_last
            else f"{bundle.period_first} – {bundle.period_last}",
        )
        self.verdict.set_meta("created", self.tr("Created"), bundle.created)
        self.verdict.set_meta("file", self.tr("File"), bundle.path_name)
        total = len(bundle.figures)
        self.figures_summary.setText(
            self.tr(
                "Each figure as the bundle states it and as recomputed from its records. "
                "✓ matches, ✗ does not match, — cannot be recomputed from de-identified records."
            )
            + " "
            + self.tr("%Ln figure(s) in the bundle.", None, total)
        )
        self.rows_summary.setText(
            self.tr(
                "%Ln de-identified record(s), one per contact: the week, a pseudonym that "
                "exists only in this bundle, the services and the referrals' status.",
                None,
                len(bundle.rows),
            )
        )
        self._retranslate_report(bundle)

    def _retranslate_report(self, bundle: OpenedBundle) -> None:
        data = bundle.report_pdf
        if not data:
            self.report_text.setText(self.tr("The bundle holds no report."))
            return
        pages = pdf_pages(data)
        size = QLocale().formattedDataSize(len(data))
        text = (
            self.tr("The bundle holds the report as a PDF of %n page(s), %1.", None, pages)
            if pages
            else self.tr("The bundle holds the report as a PDF, %1.")
        ).replace("%1", size)
        text += "\n\n" + self.tr(
            "This viewer neither shows nor saves it, so that it writes nothing. To read it, "
            "take it out of the bundle with any unzip tool, for example:"
        )
        text += f"\n\n    unzip {bundle.path_name} {REPORT_NAME}"
        if bundle.encrypted:
            text += "\n\n" + self.tr(
                "The bundle is encrypted: decrypt it first with “age -d -i KEYFILE”."
            )
        self.report_text.setText(text)

    def _retranslate_keys(self) -> None:
        keys = self.keys
        path = keys.path if keys else (self.keys_path or trust.trusted_keys_path())
        if path.is_file():
            self.keys_path_label.setText(str(path))
        else:
            self.keys_path_label.setText(
                self.tr("%1 (there is no such file yet)").replace("%1", str(path))
            )
        self.keys_path_label.setAccessibleName(str(path))
        problems = keys.problems if keys else ()
        self.keys_problem.setText(
            "\n".join(
                [self.tr("Some trusted keys could not be read; the others were used."), *problems]
            )
        )
        self.keys_problem.setVisible(bool(problems))
        self.keys_list.clear()
        if keys is not None:
            signer = self.bundle.verdict.signer if self.bundle and self.bundle.verdict else None
            for key in keys.all:
                notes = []
                if key not in keys.from_file:
                    notes.append(self.tr("given on the command line"))
                if signer is not None and key.base64 == signer.base64:
                    notes.append(self.tr("signed this bundle"))
                text = f"{key.fingerprint}   ({key.device_id})"
                self.keys_list.addItem("   ·   ".join([text, *notes]))
            if not keys.all:
                self.keys_list.addItem(self.tr("No trusted keys."))
