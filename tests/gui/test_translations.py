"""G10/G11: every string translated into Danish, the .qm built from the .ts, names for every
control, and no screen that shows English when the app speaks Danish."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from redvan.gui import linguist
from redvan.gui.i18n import Translations
from redvan.gui.main_window import MainWindow
from redvan.gui.pages import build_pages, wire
from redvan.gui.session import Session
from redvan.gui.settings import AppSettings
from redvan.resources import resource_path

GUI = Path(linguist.__file__).parent
TS = resource_path("translations", "redvan_da.ts")


def messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def sources(ts: Path) -> set[tuple[str, str]]:
    out = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.add((name, message.findtext("source") or ""))
    return out


def test_every_danish_string_is_finished() -> None:
    unfinished = []
    for message in messages(TS):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            unfinished.append(message.findtext("source"))
    assert not unfinished, f"{len(unfinished)} unfinished, e.g. {unfinished[:5]}"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_ts_files_are_current(tmp_path: Path, language: str) -> None:
    committed = resource_path("translations", f"redvan_{language}.ts")
    fresh = tmp_path / committed.name
    fresh.write_bytes(committed.read_bytes())
    linguist.update(language, fresh)
    assert sources(fresh) == sources(committed), "run: python -m redvan.gui.linguist update"


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_qm_files_are_built_from_the_ts(tmp_path: Path, language: str) -> None:
    built = tmp_path / f"redvan_{language}.qm"
    linguist.release(language, qm=built)
    committed = resource_path("translations", f"redvan_{language}.qm")
    assert committed.read_bytes() == built.read_bytes(), (
        "run: python -m redvan.gui.linguist release"
    )


def test_english_plurals_are_real_plurals() -> None:
    for message in messages(resource_path("translations", "redvan_en.ts")):
        forms = [f.text or "" for f in message.iter("numerusform")]
        assert len(forms) == 2 and all(forms), message.findtext("source")
        if "(s)" in (message.findtext("source") or ""):
            assert "(s)" not in forms[0] + forms[1], message.findtext("source")


def test_no_string_is_built_before_it_is_translated() -> None:
    """tr() must get a literal: f-strings, % or + inside tr() can never be translated."""
    bad = []
    for path in GUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name not in ("tr", "translate") or (name == "translate" and len(node.args) < 2):
                continue  # str.translate(table) takes one argument and is not Qt's
            text = node.args[1] if name == "translate" and len(node.args) > 1 else node.args[0]
            if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
                bad.append(f"{path.name}:{node.lineno}")
    assert not bad, bad


# -- the screens themselves -----------------------------------------------------------------


@pytest.fixture
def danish_window(qtbot, session: Session, tmp_path: Path):  # type: ignore[no-untyped-def]
    path, kdf = session.path, session.kdf
    session.lock(backup=False)
    app = QApplication.instance()
    translations = Translations(app)
    translations.install("da")
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Session(path, kdf=kdf), settings, translations, build_pages, wire=wire)
    qtbot.addWidget(window)
    window.resize(1180, 760)
    window.show()
    window.unlock_page.passphrase.setText("night shift passphrase")
    window.unlock_page.try_unlock()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=10_000)
    yield window
    window.lock()
    translations.install("en")


def visible_texts(root: QWidget) -> list[str]:
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        texts.append(widget.accessibleName())
        texts.append(widget.toolTip())
    return [t for t in texts if t]


def english_only() -> set[str]:
    """English source strings whose Danish differs (so seeing them means a missed tr())."""
    out = set()
    for message in messages(TS):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        danish = translation.text if translation is not None else None
        if "%" in source or not danish or danish == source or len(source) < 4:
            continue
        out.add(source.replace("&", ""))
    return out


def test_danish_screens_show_no_english(danish_window: MainWindow) -> None:
    english = english_only()
    workspace = danish_window.workspace
    assert workspace is not None
    found = {}
    for page in workspace.pages:
        workspace.open_page(page.key)
        for text in visible_texts(danish_window):
            if text.replace("&", "") in english:
                found.setdefault(page.key, set()).add(text)
    assert not found, found


def test_every_control_has_an_accessible_name(danish_window: MainWindow) -> None:
    workspace = danish_window.workspace
    assert workspace is not None
    missing = {}
    for page in workspace.pages:
        workspace.open_page(page.key)
        for widget in page.findChildren(QWidget):
            if not widget.isVisibleTo(page):
                continue
            named = bool(widget.accessibleName())
            if isinstance(widget, QAbstractButton):
                named = named or bool(widget.text().replace("&", "").strip())
            elif isinstance(
                widget,
                QLineEdit | QPlainTextEdit | QComboBox | QAbstractSpinBox | QAbstractItemView,
            ):
                pass
            else:
                continue
            if isinstance(widget, QHeaderView):
                continue  # a table's header is named by the table
            if not named and not isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                missing.setdefault(page.key, []).append(type(widget).__name__)
    assert not missing, missing
