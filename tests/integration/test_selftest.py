"""`redvan --self-test` (K2): every step passes in a fresh process, and a failure is one line."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from redvan import selftest

STEP_LINE = re.compile(r"^ok (?P<step>[a-z]+) +(?P<detail>.+) \((?P<ms>\d+) ms\)$")


def command() -> list[str]:
    """The installed `redvan` script next to this interpreter, else the module."""
    script = Path(sys.executable).with_name("redvan")
    if script.is_file():
        return [str(script), "--self-test"]
    return [sys.executable, "-m", "redvan.cli", "--self-test"]


def leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("redvan-selftest-*")}


def test_the_self_test_passes_and_prints_one_line_per_step(tmp_path: Path) -> None:
    before = leftovers()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        command(), capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[-1] == selftest.PASSED
    steps = [STEP_LINE.match(line) for line in lines[:-1]]
    assert all(steps), lines
    assert [m["step"] for m in steps if m] == [name for name, _ in selftest.STEPS]
    details = {m["step"]: m["detail"] for m in steps if m}
    assert details["pdf"].startswith("rendered the tally PDF")
    assert "Danish translation" in details["gui"] and "offscreen" in details["gui"]
    assert leftovers() <= before  # the temporary vault's folder is wiped
    assert list(tmp_path.iterdir()) == []  # and nothing lands in the working folder


def test_a_failing_step_is_one_line_naming_it_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(ctx: object) -> str:
        raise RuntimeError("the disk went away\nsecond line never shown")

    steps = dict(selftest.STEPS)
    steps["read"] = broken
    monkeypatch.setattr(selftest, "STEPS", tuple(steps.items()))
    out, err = io.StringIO(), io.StringIO()
    before = leftovers()

    assert selftest.run(out, err) == 1

    assert err.getvalue() == ("self-test failed at step read: RuntimeError: the disk went away\n")
    printed = out.getvalue().splitlines()
    before_read = [name for name, _ in selftest.STEPS][: list(steps).index("read")]
    assert [STEP_LINE.match(line)["step"] for line in printed] == before_read  # type: ignore[index]
    assert selftest.PASSED not in out.getvalue()
    assert leftovers() <= before


def test_a_failed_check_reads_as_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(ctx: object) -> str:
        raise selftest.StepFailed("the tally PDF is not a complete PDF file")

    monkeypatch.setattr(selftest, "STEPS", (("pdf", failing),))
    err = io.StringIO()
    assert selftest.run(io.StringIO(), err) == 1
    assert (
        err.getvalue() == "self-test failed at step pdf: the tally PDF is not a complete PDF file\n"
    )
