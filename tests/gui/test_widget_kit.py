"""The widget kit (redvan/gui/widgets): the column-spec table model without a view, the
date helpers, the confirm row, and the rule that the kit never imports a screen."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from redvan.gui.widgets.confirm import ConfirmRow
from redvan.gui.widgets.dates import format_day, format_day_in_year, format_long_day, locale_for
from redvan.gui.widgets.table import Column, ColumnTableModel, TableOrEmpty, table_view

D = Qt.ItemDataRole
GUI = Path(__file__).resolve().parents[2] / "redvan" / "gui"
SCREENS = {
    "tonight",
    "contact",
    "profiles",
    "followups",
    "referrals",
    "incidents",
    "reports",
    "viewer",
    "vault_settings",
    "wizard",
    "unlock",
}


@dataclass(frozen=True)
class Item:
    id: str
    n: int


@dataclass(frozen=True)
class Shown:
    item: Item
    label: str


class Directory:
    """Counts what it was asked to build, to show that paging builds only what is seen."""

    def __init__(self) -> None:
        self.built = 0

    def rows(self, items: Sequence[Item]) -> list[Shown]:
        self.built += len(items)
        return [Shown(i, f"item {i.n}") for i in items]

    def row(self, item: Item) -> Shown:
        self.built += 1
        return Shown(item, f"item {item.n}")


class NumbersModel(ColumnTableModel[Shown]):
    PAGE_SIZE = 10

    def columns(self) -> Sequence[Column[Shown]]:
        return (
            Column(lambda: "Name" if self.language == "en" else "Navn", lambda r: r.label),
            Column(
                lambda: "Number",
                lambda r: str(r.item.n),
                tooltip=lambda r: f"number {r.item.n}",
                accessible=lambda r: f"the number {r.item.n}",
                sort_key=lambda item: item.n,
                alignment=Qt.AlignmentFlag.AlignRight,
            ),
        )

    def foreground(self, row: Shown) -> QColor | None:
        return QColor("red") if row.item.n < 0 else None


def _items(count: int) -> list[Item]:
    return [Item(f"id{n}", n) for n in range(count)]


def test_model_answers_every_role_from_the_column_specs(qapp) -> None:  # type: ignore[no-untyped-def]
    model = NumbersModel()
    model.set_items([Item("a", 7), Item("b", -2)], Directory())
    first, number = model.index(0, 0), model.index(0, 1)
    assert model.columnCount() == 2 and model.rowCount() == 2
    assert model.data(first, D.DisplayRole) == "item 7"
    assert model.data(first, D.ToolTipRole) == "item 7"  # a cut cell shown whole
    assert model.data(number, D.ToolTipRole) == "number 7"
    assert model.data(number, D.AccessibleTextRole) == "the number 7"
    assert model.data(first, D.AccessibleTextRole) == "item 7"
    assert model.data(number, D.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight)
    assert model.data(first, D.TextAlignmentRole) is None
    assert model.data(first, D.UserRole) == "a"
    assert model.data(first, D.ForegroundRole) is None
    assert model.data(model.index(1, 0), D.ForegroundRole) == QColor("red")
    assert model.data(first, D.DecorationRole) is None
    assert model.data(QModelIndex(), D.DisplayRole) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"
    assert model.headerData(1, Qt.Orientation.Vertical) is None
    assert model.headerData(5, Qt.Orientation.Horizontal) is None


def test_language_switch_retitles_and_repaints(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    model = NumbersModel()
    model.set_items(_items(3), Directory())
    with qtbot.waitSignals([model.headerDataChanged, model.dataChanged]):
        model.set_language("da")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Navn"


def test_paging_builds_display_rows_only_for_pages_asked_for(qapp) -> None:  # type: ignore[no-untyped-def]
    directory = Directory()
    model = NumbersModel()
    model.set_items(_items(25), directory)
    assert (model.rowCount(), model.total(), directory.built) == (10, 25, 10)
    assert model.canFetchMore()
    model.fetchMore()
    assert (model.rowCount(), directory.built) == (20, 20)
    assert model.row_of("id24") == 24 and model.rowCount() == 25
    assert not model.canFetchMore()
    assert model.row_of("nobody") == -1
    model.clear()
    assert model.rowCount() == 0 and model.total() == 0


def test_records_without_a_directory_are_their_own_rows(qapp) -> None:  # type: ignore[no-untyped-def]
    class Plain(ColumnTableModel[Item]):
        def columns(self) -> Sequence[Column[Item]]:
            return (Column(lambda: "N", lambda i: str(i.n)),)

    model = Plain()
    model.set_items(_items(3), today=date(2026, 11, 20))
    assert model.row_data(2) == Item("id2", 2) and model.today == date(2026, 11, 20)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-1000, 1000), max_size=40), st.booleans())
def test_sorting_orders_every_record_loaded_or_not(qapp, numbers, descending) -> None:  # type: ignore[no-untyped-def]
    model = NumbersModel()
    model.set_items([Item(f"id{k}", n) for k, n in enumerate(numbers)], Directory())
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    model.sort(1, order)
    assert [i.n for i in model.items()] == sorted(numbers, reverse=descending)
    assert model.rowCount() == min(len(numbers), 10)
    model.sort(0)  # by text when the column has no key
    assert [i.n for i in model.items()] == sorted(numbers, key=lambda n: f"item {n}")


def test_table_view_factory_and_empty_stack(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = NumbersModel()
    view = table_view(model, stretch=0)
    stack = TableOrEmpty(view)
    qtbot.addWidget(stack)
    assert view.model() is model and view.verticalHeader().isHidden()
    assert not view.horizontalHeader().stretchLastSection()
    stack.show_rows(False)
    assert stack.currentWidget() is stack.empty
    model.set_items(_items(2), Directory())
    stack.show_rows(model.rowCount() > 0)
    assert stack.currentWidget() is view


def test_dates_in_both_languages(qapp) -> None:  # type: ignore[no-untyped-def]
    day = date(2026, 11, 20)
    assert format_day(day, "en") == "Fri 20 Nov"
    assert format_day(day, "da").startswith("fre") and "20. nov" in format_day(day, "da")
    assert format_long_day(day, "en") == "Friday 20 November"
    assert format_long_day(day, "da") == "fredag den 20. november"
    assert format_day_in_year(date(2025, 3, 2), day, "en") == "Sun 2 Mar 2025"
    assert locale_for("da").language() != locale_for("en").language()


def test_confirm_row_says_which_button_was_pressed(qtbot) -> None:  # type: ignore[no-untyped-def]
    row = ConfirmRow()
    qtbot.addWidget(row)
    row.set_texts("&Keep going", "&End shift")
    assert row.isHidden()
    row.ask("End the shift?")
    assert row.isVisible() and row.text.text() == "End the shift?"
    with qtbot.waitSignal(row.confirmed):
        qtbot.mouseClick(row.on, Qt.MouseButton.LeftButton)
    assert row.isHidden()
    row.ask("End the shift?")
    with qtbot.waitSignal(row.cancelled):
        qtbot.mouseClick(row.back, Qt.MouseButton.LeftButton)
    assert row.on.accessibleName() == "End shift"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names)
    return found


def test_the_kit_never_imports_a_screen() -> None:
    for path in (GUI / "widgets").glob("*.py"):
        for module in _imports(path):
            parts = module.split(".")
            assert not (
                parts[:2] == ["redvan", "gui"] and len(parts) > 2 and parts[2] in SCREENS
            ), f"{path.name} imports the screen {module}"


MINE = ("tonight", "contact", "profiles", "followups", "referrals")


def test_these_screens_import_no_other_screen() -> None:
    """STYLE: a screen never imports another screen; what two share lives in the kit."""
    for screen in MINE:
        for path in (GUI / screen).glob("*.py"):
            for module in _imports(path):
                parts = module.split(".")
                if parts[:2] == ["redvan", "gui"] and len(parts) > 2 and parts[2] in SCREENS:
                    assert parts[2] == screen, f"{screen}/{path.name} imports {module}"


def test_texts_are_written_once_and_follow_the_language(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A bound text is read when its widget is made and again on retranslate: the welcome page
    turns Danish without listing its widgets a second time, and a state-dependent text (the
    missing vault) follows both the state and the language."""
    from PySide6.QtWidgets import QApplication

    from redvan.gui.i18n import Translations
    from redvan.gui.main_window import WelcomePage

    translations = Translations(QApplication.instance())
    translations.install("en")
    page = WelcomePage()
    qtbot.addWidget(page)
    assert page.create.text() == "&Create a new vault"
    assert page.notice.isHidden()
    page.show_missing(Path("/media/usb/night.redvan"))
    english = page.notice.text()
    assert "/media/usb/night.redvan" in english and not page.notice.isHidden()
    try:
        translations.install("da")
        page.retranslate()
        assert page.create.text() == "&Opret en ny boks"
        assert page.notice.text() != english and "/media/usb/night.redvan" in page.notice.text()
    finally:
        translations.install("en")
    page.retranslate()
    assert page.create.text() == "&Create a new vault"


def test_a_text_can_fill_only_a_known_property(qapp) -> None:  # type: ignore[no-untyped-def]
    import pytest
    from PySide6.QtWidgets import QLabel

    from redvan.gui.widgets.texts import Texts

    with pytest.raises(TypeError, match="colour"):
        Texts().bind(QLabel(), colour=lambda: "red")


def test_layouts_hold_their_items_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel, QWidget

    from redvan.gui.widgets.layouts import STRETCH, Stretch, hbox, vbox

    host = QWidget()
    qtbot.addWidget(host)
    a, b, c = QLabel("a"), QLabel("b"), QLabel("c")
    row = hbox(b, STRETCH, (c, 2), margins=0, spacing=3)
    column = vbox(a, 12, row, Stretch(2), parent=host)
    assert host.layout() is column
    assert column.itemAt(0).widget() is a
    assert column.itemAt(1).spacerItem() is not None
    assert column.itemAt(2).layout() is row
    assert column.stretch(3) == 2
    assert row.spacing() == 3 and row.contentsMargins().left() == 0
    assert [row.itemAt(i).widget() for i in (0, 2)] == [b, c] and row.stretch(2) == 2


def test_a_form_row_names_its_field_by_the_label_unless_told(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Screen readers call a field by its label's text without the mnemonic, so a row need not
    write that text twice; a row can still give its own name."""
    from PySide6.QtWidgets import QLineEdit

    from redvan.gui.widgets.texts import Texts, without_mnemonic

    t = Texts()
    label, field = t.row(lambda: "&Staff member", QLineEdit())
    qtbot.addWidget(label)
    qtbot.addWidget(field)
    assert label.buddy() is field and field.accessibleName() == "Staff member"
    _, other = t.row(lambda: "R&epeat", QLineEdit(), accessible=lambda: "Repeat the passphrase")
    qtbot.addWidget(other)
    assert other.accessibleName() == "Repeat the passphrase"
    assert without_mnemonic("Fish && &chips") == "Fish & chips"
