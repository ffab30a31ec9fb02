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
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QLabel, QStackedWidget, QTabWidget, QWidget

from redvan.exchange import trust
from redvan.exchange.bundle import BundleEncrypted, OpenedBundle, open_bundle
from redvan.exchange.hostile import ImportRefused, read_capped
from redvan.exchange.signing import MAX_SIGNATURE_BYTES, EncryptionError, parse_identities
from redvan.gui import background
from redvan.gui.i18n import current_language
from redvan.gui.viewer.audit_log import AuditLogTab
from redvan.gui.viewer.figures import FiguresTab
from redvan.gui.viewer.keys import TrustedKeys, load_trusted
from redvan.gui.viewer.records import RecordsTab
from redvan.gui.viewer.refused import RefusedPage
from redvan.gui.viewer.report import ReportTab
from redvan.gui.viewer.trusted_keys import TrustedKeysTab
from redvan.gui.viewer.trusting import TrustSigner
from redvan.gui.viewer.verdict import Level, VerdictPanel
from redvan.gui.widgets.layouts import hbox, vbox
from redvan.gui.widgets.texts import Texts

__all__ = ["AuditViewer", "Level"]  # Level: what the verdict's level is told against

log = logging.getLogger(__name__)


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
        self.refusal = ""
        self.needs_identity = False
        # A file dialog remembers its folder in Qt's own settings file: only inside the app,
        # which writes its settings anyway, never in the stand-alone viewer (T10).
        self.allow_dialogs = allow_dialogs
        self.language = current_language()

        t = self.texts = Texts()
        t.bind(self, windowTitle=self._window_title)

        # pages: checking…, the bundle, refused
        self.checking = t.label(lambda: self.tr("Checking the bundle…"), role="subtitle")
        self.checking.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refused_page = RefusedPage()
        self.refused_page.identity_button.clicked.connect(self.choose_identity)

        self.verdict = VerdictPanel()
        self.figures = FiguresTab(self.language)
        self.records = RecordsTab(self.language)
        self.audit_log = AuditLogTab()
        self.report = ReportTab()
        self.trusted_keys = TrustedKeysTab(keys_path or trust.trusted_keys_path())
        self.trust = TrustSigner(keys_path)
        self.trust.signer_trusted.connect(self.open_file)
        self.sections = (
            self.refused_page,
            self.verdict,
            self.trust,
            self.figures,
            self.records,
            self.audit_log,
            self.report,
            self.trusted_keys,
        )
        self.tabs = QTabWidget()
        self.figures_tab = t.tab(self.tabs, self.figures, lambda: self.tr("&Figures"))
        self.rows_tab = t.tab(self.tabs, self.records, lambda: self.tr("&Records"))
        self.audit_tab = t.tab(self.tabs, self.audit_log, lambda: self.tr("&Audit log"))
        self.report_tab = t.tab(self.tabs, self.report, lambda: self.tr("R&eport"))
        self.keys_tab = t.tab(self.tabs, self.trusted_keys, lambda: self.tr("&Trusted keys"))
        self.content = QWidget()
        vbox(self.verdict, self.trust, (self.tabs, 1), parent=self.content, margins=0)

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
        # the sections' parts, by the names the tests and the app reach for
        self.refused_title = self.refused_page.title
        self.refused_text = self.refused_page.text
        self.refused_hint = self.refused_page.hint
        self.identity_button = self.refused_page.identity_button
        self.figures_model = self.figures.model
        self.rows_model, self.rows_view = self.records.model, self.records.view
        self.search, self.search_count = self.records.search, self.records.count
        self.audit_tree = self.audit_log.tree
        self.report_text = self.report.text
        self.keys_path_label = self.trusted_keys.path_label
        self.keys_problem, self.keys_list = self.trusted_keys.problem, self.trusted_keys.list
        self.keys_howto = self.trusted_keys.howto
        self.trust_button, self.trust_message = self.trust.button, self.trust.message

    @property
    def confirm_trust(self) -> Callable[[str, Path], bool] | None:
        """Asks before a key is trusted (fingerprint, keys file) -> yes; None: a message box."""
        return self.trust.confirm

    @confirm_trust.setter
    def confirm_trust(self, confirm: Callable[[str, Path], bool] | None) -> None:
        self.trust.confirm = confirm

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
        self.refusal = reason or self.tr("Something unexpected went wrong while reading it.")
        self.refused_page.show_reason(
            self.refusal, needs_identity=needs_identity, can_choose=self.allow_dialogs
        )
        self.stack.setCurrentWidget(self.refused_page)
        self.bundle_refused.emit(self.refusal)

    def show_bundle(self, bundle: OpenedBundle, keys: TrustedKeys) -> None:
        self.bundle = bundle
        verdict = bundle.verdict
        self.figures.show_figures(bundle.figures)
        self.records.show_rows(bundle.rows)
        self.audit_log.show_summary(bundle.audit_summary)
        self.report.show_report(bundle)
        self.trusted_keys.show_keys(keys, verdict.signer if verdict else None)
        self.verdict.show_bundle(bundle)
        self.trust.offer(verdict)
        self.stack.setCurrentWidget(self.content)
        self.tabs.setCurrentWidget(self.figures_tab)
        self.figures.size_columns()
        self.records.size_columns()
        self.bundle_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # The texts hold this window (lambdas on self), a cycle only the garbage collector
        # frees, and it may run on the pool thread opening another bundle: a window deleted
        # off the GUI thread crashes Qt. Without them, it goes with its last reference.
        self.texts = Texts()
        super().closeEvent(event)

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

    def retranslate(self) -> None:
        self.texts.retranslate()
        for section in self.sections:
            section.retranslate()
