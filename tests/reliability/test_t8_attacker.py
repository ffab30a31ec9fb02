"""T8 / R2: an integer-programming attacker (HiGHS) with every output a vault has published
determines no true count from 1 to k−1.

The outputs, made as a coordinator would (CSV files from `redvan.reports.csv`, the DHIS2
file from `redvan.exchange.dhis2`): the 13 weekly CSVs of a quarter, the quarter's CSV, the
CSVs of weeks 1–4 and 1–5 (overlapping periods), the programme's published reach line and
warning of every week (in each weekly CSV), and the quarter's DHIS2 file. The attacker reads
only those files and knows the method (docs/disclosure-control.md) and every true relation
between the figures:

* a published value R of a rounded cell means R − (k − 1) ≤ true ≤ R + (k − 1), true ≥ 0;
* a period's additive figures are the sums of its weeks' published values (so they add
  nothing); the period's distinct persons are rounded on their own;
* each breakdown adds up to its total; incident types: each ≤ incidents, together ≥ incidents;
  a service reaches at most the contacts and hands out at least one item per contact (and at
  most the largest quantity the vault holds); persons met ≤ contacts with a code ≤ persons ×
  the most contacts any person had in a week; new persons ≤ persons met; the vault's first
  week has only new persons;
* distinct persons of a period: at least each week's and the new persons of its weeks, at most
  the sum of its weeks'; nested periods (1–4 ⊂ 1–5 ⊂ 1–13) grow by at least the new persons and
  at most the persons of the added weeks;
* first inclusions in the programme each week are at most the persons met that week.

For every hidden figure whose true value is 1…k−1 the attacker maximises and minimises it with
HiGHS (integer variables); the test fails if both give the same value (pinned). CI checks a
sample of the cells and every non-additive figure on a small vault; REDVAN_T8_FULL=1 checks
every cell of a larger vault.
"""

from __future__ import annotations

import csv
import io
import json
import os
import random
from datetime import UTC, datetime
from typing import Any

import pytest

highspy = pytest.importorskip("highspy")

from redvan.core.demo import DemoPlan, generate  # noqa: E402
from redvan.core.disclosure import disclose  # noqa: E402
from redvan.core.weeks import IsoWeek, week_range  # noqa: E402
from redvan.exchange import dhis2  # noqa: E402
from redvan.reports.csv import tally_csv  # noqa: E402

FULL = os.environ.get("REDVAN_T8_FULL") == "1"
K = 5
LAST = IsoWeek(2026, 13)
WEEKS = 13
MADE = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)

PARTITIONS = {
    "contacts": (
        "contacts.code",
        "contacts.channel",
        "contacts.zone",
        "contacts.age_band",
        "contacts.gender",
        "contacts.language",
    ),
    "referrals": ("referrals.destination", "referrals.status"),
    "followups": ("followups.status",),
    "incidents": ("incidents.consent_tier", "incidents.police"),
}


def read_csv(data: bytes) -> dict[tuple[str, str], str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return {(r[0], r[1]): r[3] for r in rows[1:]}


class Model:
    """A small integer programme on HiGHS: named non-negative integer variables, rows."""

    def __init__(self) -> None:
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("mip_rel_gap", 0.0)
        self.index: dict[Any, int] = {}
        self.rows: list[tuple[dict[Any, float], float, float]] = []

    def var(self, name: Any) -> int:
        if name not in self.index:
            self.h.addVar(0, highspy.kHighsInf)
            i = self.h.getNumCol() - 1
            self.h.changeColIntegrality(i, highspy.HighsVarType.kInteger)
            self.index[name] = i
        return self.index[name]

    def row(self, terms: dict[Any, float], low: float, high: float) -> None:
        self.rows.append((terms, low, high))
        idx = [self.var(n) for n in terms]
        self.h.addRow(low, high, len(idx), idx, [float(c) for c in terms.values()])

    def rounded(self, name: Any, published: int) -> None:
        self.row({name: 1}, max(0, published - (K - 1)), published + (K - 1))

    def extreme(self, name: Any, sense: Any) -> int | None:
        h = self.h
        h.changeColsCost(h.getNumCol(), list(range(h.getNumCol())), [0.0] * h.getNumCol())
        h.changeColCost(self.index[name], 1.0)
        h.changeObjectiveSense(sense)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return round(h.getInfo().objective_function_value)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A demo vault's quarter, and every output published from it."""
    from redvan.core.services import Services
    from redvan.storage.keyslots import KdfParams
    from redvan.storage.repository import VaultStore
    from redvan.storage.vault import create_vault
    from tests.conftest import FAST_KDF_ARGS, PASSPHRASE

    def init(vault):  # type: ignore[no-untyped-def]
        store = VaultStore(vault)
        with store.transaction():
            Services(store).seed_vocabularies()
            store.organisation_secret()

    path = tmp_path_factory.mktemp("t8") / "t8.redvan"
    made = create_vault(path, "AB", PASSPHRASE, kdf=KdfParams(**FAST_KDF_ARGS), init=init)
    services = Services(VaultStore(made.vault))
    weeks = 26 if FULL else WEEKS
    generate(
        services,
        DemoPlan(
            weeks=weeks, seed=8, vans=2 if FULL else 1, last_week=LAST, now=datetime(2026, 3, 31)
        ),
    )
    first = LAST - (weeks - 1)
    quarter = week_range(first, first + 12)
    outputs: dict[str, Any] = {"weeks": quarter, "first": first}
    outputs["weekly"] = {
        w: read_csv(tally_csv(disclose(services.tally(w, w)), "en", MADE)) for w in quarter
    }
    outputs["periods"] = {
        (a, b): read_csv(tally_csv(disclose(services.tally(a, b)), "en", MADE))
        for a, b in ((quarter[0], quarter[-1]), (quarter[0], quarter[3]), (quarter[0], quarter[4]))
    }
    out = tmp_path_factory.mktemp("dhis2") / "q.json"
    dhis2.write_dhis2(services, quarter[0], quarter[-1], out, now=MADE)
    outputs["dhis2"] = json.loads(out.read_bytes())
    # The truth, to choose what to attack and to check the attacker's model holds it.
    exact: dict[Any, int] = {}
    for w in quarter:
        d = disclose(services.tally(w, w))
        for name, shown in d.totals.items():
            exact[(str(w), "total", name)] = shown.true_value
        for table in d.tables:
            for c, s in table.cells:
                exact[(str(w), table.key, c)] = s.true_value
            for c, s in table.quantities:
                exact[(str(w), "services.quantity", c)] = s.true_value
        for r in d.reach:
            cumulative = dict(r.reach.cumulative)
            before = cumulative.get(w - 1, 0)
            exact[(str(w), "inclusions", r.reach.slug)] = cumulative.get(w, 0) - before
    for a, b in outputs["periods"]:
        exact[(f"{a}..{b}", "total", "persons")] = services.tally(a, b).total("persons")
    conn = services.store.conn
    outputs["most_contacts"] = conn.execute(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM contact WHERE profile_id IS NOT NULL "
        "GROUP BY week, profile_id)"
    ).fetchone()[0]
    outputs["most_quantity"] = conn.execute("SELECT max(quantity) FROM contact_service").fetchone()[
        0
    ]
    outputs["exact"] = exact
    made.vault.close(backup=False)
    return outputs


def build(published: dict[str, Any]) -> Model:
    m = Model()
    weeks: list[IsoWeek] = published["weeks"]
    slug = None
    for w in weeks:
        csv_of = published["weekly"][w]
        wk = str(w)
        for (table, category), value in csv_of.items():
            if table in ("report", "hidden") or table.startswith("reach") or table == "persons.new":
                continue
            if not value.isdigit():
                continue
            m.rounded((wk, table, category), int(value))
        m.rounded((wk, "persons.new", "new"), int(csv_of[("persons.new", "new")]))
        m.var((wk, "persons.new", "returning"))
        # partitions
        for total, tables in PARTITIONS.items():
            for table in tables:
                cells = {n: 1 for n in m.index if n[0] == wk and n[1] == table}
                m.row({**cells, (wk, "total", total): -1}, 0, 0)
        types = {n: 1 for n in m.index if n[0] == wk and n[1] == "incidents.type"}
        m.row({**types, (wk, "total", "incidents"): -1}, 0, highspy.kHighsInf)
        for n in types:
            m.row({n: 1, (wk, "total", "incidents"): -1}, -highspy.kHighsInf, 0)
        persons, coded = (wk, "total", "persons"), (wk, "contacts.code", "coded")
        new, returning = (wk, "persons.new", "new"), (wk, "persons.new", "returning")
        m.row({new: 1, returning: 1, persons: -1}, 0, 0)
        m.row({persons: 1, coded: -1}, -highspy.kHighsInf, 0)
        m.row({coded: 1, persons: -published["most_contacts"]}, -highspy.kHighsInf, 0)
        for n in [n for n in m.index if n[0] == wk and n[1] == "services"]:
            quantity = (wk, "services.quantity", n[2])
            m.row({n: 1, (wk, "total", "contacts"): -1}, -highspy.kHighsInf, 0)
            m.row({quantity: 1, n: -1}, 0, highspy.kHighsInf)
            m.row({quantity: 1, n: -published["most_quantity"]}, -highspy.kHighsInf, 0)
        # the published reach line of this week: cumulative published inclusions
        line = {c: int(v) for (t, c), v in csv_of.items() if t.endswith(".line")}
        for (t, _), _v in csv_of.items():
            if t.startswith("reach.") and t.endswith(".line"):
                slug = t[len("reach.") : -len(".line")]
        if slug is not None and wk in line:
            before = line.get(str(w - 1), 0)
            inclusion = (wk, "inclusions", slug)
            m.rounded(inclusion, line[wk] - before)
            m.row({inclusion: 1, persons: -1}, -highspy.kHighsInf, 0)
    first = str(weeks[0])
    if weeks[0] == published["first"]:  # the vault's first week: everyone is new
        m.row({(first, "persons.new", "returning"): 1}, 0, 0)
    # DHIS2: the same weekly values (checked equal below); nothing new for the model.
    periods = sorted(published["periods"], key=lambda p: p[1] - p[0])
    before_name = None
    for a, b in periods:
        name = (f"{a}..{b}", "total", "persons")
        m.rounded(name, int(published["periods"][(a, b)][("total", "persons")]))
        inside = [str(w) for w in week_range(a, b)]
        for wk in inside:
            m.row({name: 1, (wk, "total", "persons"): -1}, 0, highspy.kHighsInf)
        m.row({name: 1, **{(wk, "total", "persons"): -1 for wk in inside}}, -highspy.kHighsInf, 0)
        m.row({name: 1, **{(wk, "persons.new", "new"): -1 for wk in inside}}, 0, highspy.kHighsInf)
        if before_name is not None:
            prev_b = IsoWeek.parse(before_name[0].split("..")[1])
            added = [str(w) for w in week_range(prev_b + 1, b)]
            m.row(
                {name: 1, before_name: -1, **{(wk, "persons.new", "new"): -1 for wk in added}},
                0,
                highspy.kHighsInf,
            )
            m.row(
                {name: 1, before_name: -1, **{(wk, "total", "persons"): -1 for wk in added}},
                -highspy.kHighsInf,
                0,
            )
        before_name = name
    return m


def test_outputs_are_consistent_across_files(published: dict[str, Any]) -> None:
    """The same figure has one published value in every file that holds it."""
    weekly = published["weekly"]
    mapping = dhis2.load_mapping()
    figure_of = {(v.data_element, v.category_option_combo): v.figure for v in mapping.values}
    checked = 0
    for value in published["dhis2"]["dataValues"]:
        week = IsoWeek.parse(value["period"])
        figure = figure_of[(value["dataElement"], value["categoryOptionCombo"])]
        if figure in ("contacts", "persons", "referrals", "followups", "incidents"):
            key = ("total", figure)
        elif figure.startswith("services."):
            _, service, what = figure.split(".")
            key = ("services" if what == "contacts" else "services.quantity", service)
        else:
            table, _, category = figure.rpartition(".")
            key = (table, category)
        assert weekly[week][key] == value["value"], (week, figure)
        checked += 1
    assert checked > 100
    for (a, b), period in published["periods"].items():
        for (table, category), value in period.items():
            if table == "contacts.week":
                assert weekly[IsoWeek.parse(category)][("total", "contacts")] == value
            elif table.startswith(("contacts.", "services", "referrals.")) or (
                table == "total" and category != "persons"
            ):
                parts = [int(weekly[w].get((table, category), "0")) for w in week_range(a, b)]
                assert int(value) == sum(parts), (a, b, table, category)


def test_no_true_count_from_1_to_k_minus_1_is_pinned(published: dict[str, Any]) -> None:
    model = build(published)
    exact = published["exact"]
    # The truth satisfies the attacker's model (else the model would be wrong, not strong).
    for name, col in model.index.items():
        if name in exact:
            model.h.changeColBounds(col, exact[name], exact[name])
    model.h.changeColsCost(
        model.h.getNumCol(), list(range(model.h.getNumCol())), [0.0] * model.h.getNumCol()
    )
    model.h.run()
    assert model.h.getModelStatus() == highspy.HighsModelStatus.kOptimal, "truth infeasible"
    for col in model.index.values():
        model.h.changeColBounds(col, 0, highspy.kHighsInf)

    small = [n for n in model.index if n in exact and 1 <= exact[n] <= K - 1]
    persons_like = [n for n in small if n[1] in ("total", "persons.new", "inclusions")]
    cells = [n for n in small if n not in persons_like]
    if not FULL:
        cells = random.Random(1).sample(cells, min(60, len(cells)))
    targets = persons_like + cells
    assert len(targets) >= 20, "the demo should have small figures to attack"
    pinned = []
    for name in targets:
        high = model.extreme(name, highspy.ObjSense.kMaximize)
        if high is not None and high > exact[name]:
            continue
        low = model.extreme(name, highspy.ObjSense.kMinimize)
        if low == high:
            pinned.append((name, exact[name]))
    print(f"T8: {len(targets)} hidden values of 1..{K - 1} attacked, {len(pinned)} pinned")
    assert pinned == []


def test_the_attacker_pins_what_independent_rounding_would_leak() -> None:
    """The attacker has teeth: SPEC R2's design note. Four weeks of 1 rounded up to 5 each and
    their period of 4 rounded down to 0 on its own pin every week to 1; published as the sum
    of its weeks (20), the period leaves each week anywhere in 1…9."""
    independent, summed = Model(), Model()
    for week in range(4):
        independent.rounded(("w", week), 5)
        summed.rounded(("w", week), 5)
    independent.row({("w", week): 1 for week in range(4)}, 0, K - 1)  # the period, "0"
    assert independent.extreme(("w", 0), highspy.ObjSense.kMaximize) == 1
    assert independent.extreme(("w", 0), highspy.ObjSense.kMinimize) == 1
    assert summed.extreme(("w", 0), highspy.ObjSense.kMaximize) == 2 * K - 1
    assert summed.extreme(("w", 0), highspy.ObjSense.kMinimize) == 1
