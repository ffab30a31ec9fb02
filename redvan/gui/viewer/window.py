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
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
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
from redvan.gui.viewer.verdict import (
    Finding,
    Level,
    VerdictPanel,
    selectable,
)
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


def _table(model: Any) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setStretchLastSection(True)
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

        # pages: checking…, the bundle, refused
        self.checking = QLabel()
        self.checking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.checking.setProperty("role", "subtitle")
        self.refused_page = QWidget()
        self.refused_title = QLabel()
        self.refused_title.setProperty("role", "title")
        self.refused_text = selectable(QLabel())
        self.refused_text.setProperty("role", "error")
        self.refused_text.setWordWrap(True)
        self.refused_hint = QLabel()
        self.refused_hint.setWordWrap(True)
        self.identity_button = QPushButton()
        self.identity_button.clicked.connect(self.choose_identity)
        self.identity_button.hide()
        refused_box = QWidget()
        refused_box.setMaximumWidth(640)
        inner = QVBoxLayout(refused_box)
        inner.addWidget(self.refused_title)
        inner.addSpacing(8)
        inner.addWidget(self.refused_text)
        inner.addWidget(self.refused_hint)
        inner.addWidget(self.identity_button, 0, Qt.AlignmentFlag.AlignLeft)
        refused_layout = QVBoxLayout(self.refused_page)
        refused_layout.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(refused_box)
        row.addStretch()
        refused_layout.addLayout(row)
        refused_layout.addStretch(2)

        self.verdict = VerdictPanel()

        # figures
        self.figures_model = FiguresModel(self.language, self)
        self.figures_view = _table(self.figures_model)
        self._size_figure_columns()
        self.figures_summary = QLabel()
        self.figures_summary.setWordWrap(True)
        figures_tab = QWidget()
        figures_layout = QVBoxLayout(figures_tab)
        figures_layout.addWidget(self.figures_summary)
        figures_layout.addWidget(self.figures_view, 1)

        # records
        self.rows_model = AuditRowsModel(self.language, self)
        self.rows_view = _table(self.rows_model)
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.rows_summary = QLabel()
        self.rows_summary.setWordWrap(True)
        # Search over the records (issue 15, item 11): every word must appear in the row as
        # shown (week, pseudonym, services, referral status), in the viewer's language.
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_rows)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.search_count = QLabel()
        self.search_count.setProperty("role", "subtitle")
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_label)
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.search_count)
        rows_tab = QWidget()
        rows_layout = QVBoxLayout(rows_tab)
        rows_layout.addWidget(self.rows_summary)
        rows_layout.addLayout(search_row)
        rows_layout.addWidget(self.rows_view, 1)

        # audit log summary
        self.audit_note = QLabel()
        self.audit_note.setWordWrap(True)
        self.audit_tree = QTreeWidget()
        self.audit_tree.setColumnCount(2)
        self.audit_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.audit_tree.setUniformRowHeights(True)
        audit_tab = QWidget()
        audit_layout = QVBoxLayout(audit_tab)
        audit_layout.addWidget(self.audit_note)
        audit_layout.addWidget(self.audit_tree, 1)

        # report
        self.report_text = selectable(QLabel())
        self.report_text.setWordWrap(True)
        self.report_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        report_tab = QWidget()
        report_layout = QVBoxLayout(report_tab)
        report_layout.addWidget(self.report_text)
        report_layout.addStretch()

        # trusted keys
        self.keys_intro = QLabel()
        self.keys_intro.setWordWrap(True)
        self.keys_path_label = selectable(QLabel())
        self.keys_path_label.setWordWrap(True)
        self.keys_problem = selectable(QLabel())
        self.keys_problem.setProperty("role", "error")
        self.keys_problem.setWordWrap(True)
        self.keys_list = QListWidget()
        self.keys_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.keys_howto = selectable(QLabel())
        self.keys_howto.setWordWrap(True)
        keys_tab = QWidget()
        keys_layout = QVBoxLayout(keys_tab)
        keys_layout.addWidget(self.keys_intro)
        keys_layout.addWidget(self.keys_path_label)
        keys_layout.addWidget(self.keys_problem)
        keys_layout.addWidget(self.keys_list, 1)
        keys_layout.addWidget(self.keys_howto)

        self.tabs = QTabWidget()
        self.figures_tab, self.rows_tab = figures_tab, rows_tab
        self.audit_tab, self.report_tab, self.keys_tab = audit_tab, report_tab, keys_tab
        for tab in (figures_tab, rows_tab, audit_tab, report_tab, keys_tab):
            self.tabs.addTab(tab, "")

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addWidget(self.verdict)
        # A valid signature by a device not trusted yet: the auditor can trust it here, after
        # comparing the fingerprint (issue 15, item 11), instead of editing the keys file.
        self.trust_button = QPushButton()
        self.trust_button.clicked.connect(self.trust_signer)
        self.trust_button.hide()
        self.trust_message = selectable(QLabel())
        self.trust_message.setWordWrap(True)
        self.trust_message.hide()
        trust_row = QHBoxLayout()
        trust_row.addWidget(self.trust_button)
        trust_row.addWidget(self.trust_message, 1)
        trust_row.addStretch()  # the button keeps its size while the message is hidden
        content_layout.addLayout(trust_row)
        content_layout.addWidget(self.tabs, 1)

        self.stack = QStackedWidget()
        for page in (self.checking, self.content, self.refused_page):
            self.stack.addWidget(page)

        self.heading = QLabel()
        self.heading.setProperty("role", "title")
        self.read_only = QLabel()
        self.read_only.setProperty("role", "subtitle")
        self.read_only.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.read_only, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
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

    def retranslate(self) -> None:
        name = self.path.name if self.path else ""
        self.setWindowTitle(
            self.tr("%1 – audit bundle – Red Van Intake").replace("%1", name)
            if name
            else self.tr("Audit bundle – Red Van Intake")
        )
        self.heading.setText(self.tr("Audit bundle %1").replace("%1", name).strip())
        self.read_only.setText(
            self.tr(
                "Read-only: the bundle is never changed. The viewer writes nothing, except a "
                "device you choose to trust, to your trusted keys file."
            )
        )
        self.trust_button.setText(self.tr("Trust this &device…"))
        self.trust_button.setAccessibleName(self.tr("Trust the device that signed this bundle"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Week, pseudonym, service or referral status"))
        self.search.setAccessibleName(self.tr("Search the records"))
        self._count_rows()
        self.close_button.setText(self.tr("&Close"))
        self.checking.setText(self.tr("Checking the bundle…"))
        self.refused_title.setText(self.tr("This file cannot be opened as an audit bundle."))
        refusal = said(self.refusal)  # the exchange's sentence, in the viewer's language
        self.refused_text.setText(refusal)
        self.refused_text.setAccessibleName(refusal)
        if self.needs_identity:
            self.refused_hint.setText(
                self.tr(
                    "It is encrypted to a coordinator's age key. Open it with the key file: "
                    "“redvan open FILE --identity KEYFILE”. Nothing was changed."
                )
            )
        else:
            self.refused_hint.setText(
                self.tr(
                    "An audit bundle is the .rvaudit file that “redvan export audit” writes, "
                    "with its .minisig signature beside it. Nothing was changed."
                )
            )
        self.identity_button.setText(self.tr("Choose the age &key file…"))
        self.tabs.setTabText(0, self.tr("&Figures"))
        self.tabs.setTabText(1, self.tr("&Records"))
        self.tabs.setTabText(2, self.tr("&Audit log"))
        self.tabs.setTabText(3, self.tr("R&eport"))
        self.tabs.setTabText(4, self.tr("&Trusted keys"))
        self.figures_view.setAccessibleName(self.tr("Figures and their reconciliation"))
        self.rows_view.setAccessibleName(self.tr("De-identified records"))
        self.audit_tree.setAccessibleName(self.tr("Audit log summary"))
        self.audit_tree.setHeaderLabels([self.tr("Entry"), self.tr("Value")])
        self.keys_list.setAccessibleName(self.tr("Trusted device keys"))
        self.audit_note.setText(
            self.tr(
                "What the vault's audit log says about the period, without names or contents "
                "(as written in the bundle)."
            )
        )
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
        self.keys_intro.setText(
            self.tr("The signature was checked against these device keys. They are read from:")
        )
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
        self.keys_howto.setText(
            self.tr(
                "This viewer never changes that file. To trust a device, run "
                "“redvan device --pubkey” on it, check the fingerprint with its coordinator, "
                "and append the output to the file above; or give it for one check with "
                "“redvan open FILE --pubkey KEY”."
            )
        )
