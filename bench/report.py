"""The budgets of SPEC §10 this bench measures, and the table that sets results against them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    """One reported number; with a limit it is marked pass or fail, without one it is context."""

    budget_id: str
    measure: str
    value: float | None  # None: not measured, `note` says why
    unit: str
    limit: float | None = None
    at_least: bool = False  # the limit is a floor rather than a ceiling
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.limit is None or self.value is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    @property
    def measured_text(self) -> str:
        if self.value is None:
            return self.note or "not measured"
        return number(self.value, self.unit)

    @property
    def budget_text(self) -> str:
        if self.limit is None:
            return ""
        return f"{'≥' if self.at_least else '≤'} {number(self.limit, self.unit)}"

    @property
    def verdict(self) -> str:
        if self.value is None and self.limit is not None:
            return "n/a"
        return {True: "PASS", False: "FAIL", None: ""}[self.passed]

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def number(value: float, unit: str) -> str:
    if unit == "×":
        return f"{value:.2f}×"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms" if value < 100 else f"{value:.0f} ms"
    if unit == "":
        return f"{value:,.0f}"
    return f"{value:,.1f} {unit}"


def figures(results: dict[str, Any]) -> list[Figure]:
    out: list[Figure] = []
    if "B1" in results:
        b1 = results["B1"]
        kdf = b1["kdf_params"]
        label = f"Argon2id {kdf['memory_kib'] // 1024} MiB, t={kdf['iterations']}, "
        label += f"p={kdf['parallelism']}"
        argon, pbkdf2 = b1["argon2id"], b1["pbkdf2_sha512_256k_hashlib"]
        sqlcipher_cpu = (
            b1["sqlcipher_passphrase_open"]["cpu"]["p50"]
            - b1["sqlcipher_raw_key_open"]["cpu"]["p50"]
        )
        out += [
            Figure("B1", "unlock + first query, median", b1["total"]["p50"] / 1000, "s", 1.0),
            Figure("B1", "unlock + first query, max", b1["total"]["max"] / 1000, "s", 1.0),
            Figure("B1", "  of which unlock() alone, median", b1["unlock"]["p50"] / 1000, "s"),
            Figure("B1", "  of which first query, median", b1["first_query"]["p50"], "ms"),
            Figure("B1", f"KDF: {label}, wall, median", argon["wall"]["p50"] / 1000, "s"),
            Figure("B1", f"KDF: {label}, CPU, median", argon["cpu"]["p50"] / 1000, "s"),
            Figure(
                "B1",
                "KDF: SQLCipher default (PBKDF2-SHA512 × 256k), CPU, median",
                sqlcipher_cpu / 1000,
                "s",
            ),
            Figure(
                "B1", "KDF: same in Python's hashlib, CPU, median", pbkdf2["cpu"]["p50"] / 1000, "s"
            ),
            Figure(
                "B1",
                "KDF CPU time Argon2id / SQLCipher default (V1)",
                argon["cpu"]["p50"] / sqlcipher_cpu,
                "×",
                1.0,
                at_least=True,
            ),
            Figure(
                "B1",
                "KDF CPU time Argon2id / hashlib PBKDF2",
                argon["cpu"]["p50"] / pbkdf2["cpu"]["p50"],
                "×",
            ),
            Figure(
                "B1",
                "KDF memory: Argon2id peak RSS growth (PBKDF2: ~0)",
                b1["argon2id_peak_rss_delta_mib"],
                "MiB",
            ),
        ]
    if "B3" in results:
        ms = results["B3"]["ms"]
        out += [
            Figure("B3", f"save_contact p50 (n={ms['n']})", ms["p50"], "ms", 3.0),
            Figure("B3", "save_contact p95", ms["p95"], "ms"),
            Figure("B3", "save_contact p99", ms["p99"], "ms", 15.0),
            Figure("B3", "save_contact max", ms["max"], "ms"),
        ]
        statements = results["B3"]["diagnosis"]["statements"]
        commit = next((r for r in statements if r["statement"] == "COMMIT"), None)
        if commit is not None:
            out.append(Figure("B3", "  of which COMMIT, mean", commit["ms_per_op"], "ms"))
        if "fsync" in results:
            out.append(
                Figure("B3", "  fsync of 16 KiB on this disk, p50", results["fsync"]["p50"], "ms")
            )
    if "B6" in results:
        b6 = results["B6"]
        out += [
            Figure("B6", "profiles in the vault", b6["profiles_after"], ""),
            Figure("B6", f"find_by_code p50 (n={b6['all']['n']})", b6["all"]["p50"], "ms", 5.0),
            Figure("B6", "find_by_code p99", b6["all"]["p99"], "ms", 5.0),
            Figure("B6", "find_by_code max", b6["all"]["max"], "ms"),
        ]
    if "B8" in results:
        ratios = results["B8"]["ratios"]
        plain, control = ratios["sqlite3"], ratios["sqlcipher-plain"]
        out += [
            Figure("B8", "saves, encrypted / plain sqlite3", plain["saves"], "×"),
            Figure(
                "B8",
                "reads: week query sets, encrypted / plain sqlite3",
                plain["week_query_sets"],
                "×",
                1.3,
            ),
            Figure("B8", "overall, encrypted / plain sqlite3", plain["overall"], "×"),
            Figure("B8", "control: saves vs unkeyed SQLCipher", control["saves"], "×"),
            Figure(
                "B8",
                "control: week query sets vs unkeyed SQLCipher",
                control["week_query_sets"],
                "×",
            ),
            Figure("B8", "control: overall vs unkeyed SQLCipher", control["overall"], "×"),
        ]
        if "why" in results["B8"]:
            from bench import b8_why

            plain_saves = [r["saves"]["p50"] for r in results["B8"]["runs"]["sqlite3"]]
            plain_save_ms = sorted(plain_saves)[len(plain_saves) // 2]
            out.extend(b8_why.restated_figures(results["B8"]["why"]))
            out.extend(b8_why.figures(results["B8"]["why"], plain_save_ms))
            out.extend(b8_why.variant_figures(results["B8"].get("variants", {})))
    if "B4" in results:
        from bench import b4_tally

        out.extend(b4_tally.figures(results["B4"]))
    if "B5" in results:
        from bench import b5_pdf

        out.extend(b5_pdf.figures(results["B5"]))
    if "B2" in results:
        from bench import b2_startup

        out.extend(b2_startup.figures(results["B2"]))
    if "B7" in results:
        from bench import b7_view

        out.extend(b7_view.figures(results["B7"]))
    if "B9" in results:
        from bench import b9_exchange

        out.extend(b9_exchange.figures(results["B9"]))
    if "B10" in results:
        from bench import frozen

        out.extend(frozen.figures(results["B10"]))
    for budget, module_name in (
        ("B11", "bench.b11_rotation"),
        ("B12", "bench.b12_backup"),
        ("B13", "bench.b13_audit"),
        ("B14", "bench.b14_merge"),
    ):
        if budget in results:
            import importlib

            out.extend(importlib.import_module(module_name).figures(results[budget]))
    for budget, why in results.get("missing", {}).items():
        out.append(Figure(budget, "not measured", None, "", note=why))
    order = {f"B{n}": n for n in range(1, 15)}
    return sorted(out, key=lambda f: order.get(f.budget_id, 99))  # stable: keeps each one's order


def table(rows: list[Figure]) -> str:
    header = ("id", "what", "measured", "budget", "ok")
    body = [(f.budget_id, f.measure, f.measured_text, f.budget_text, f.verdict) for f in rows]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for figure, row in zip(rows, body, strict=True):
        cells = [
            row[0].ljust(widths[0]),
            row[1].ljust(widths[1]),
            row[2].ljust(widths[2]) if figure.value is None else row[2].rjust(widths[2]),
            row[3].ljust(widths[3]),
            row[4],
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
