"""B2 start-up: process start to the unlock window, painted (source ≤ 1.0 s, frozen ≤ 2.0 s).

Each run spawns the app as a user starts it, `redvan gui --vault VAULT` (the source install's
`.venv/bin/redvan` console script, or the frozen `dist/redvan/redvan`), with
`REDVAN_BENCH_STARTUP=1`: once the unlock screen has been painted the app prints
`redvan-first-paint unlock` and quits (`redvan.gui.app.report_first_paint`). The time is taken
in this process from just before the spawn to that line (monotonic clock); the exit after it
is reported apart. The app runs with `QT_QPA_PLATFORM=offscreen` and its own empty settings
and log folders, so it neither reads nor writes the user's. With `xvfb` (if `Xvfb` is
installed) the same runs go to an X server started once for them (`xcb`, closer to a desktop).
The first of several runs warms the OS file cache and is not counted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.report import Figure
from bench.stats import Summary

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SOURCE_S = 1.0
BUDGET_FROZEN_S = 2.0
MARK = "redvan-first-paint"
TIMEOUT_S = 60.0


def source_command() -> list[str]:
    """The source install's entry point: the venv's console script, else `python -m`."""
    script = Path(sys.executable).with_name("redvan")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "redvan.cli"]


def _env(home: Path, platform: str, display: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "REDVAN_"))}
    env.update(
        REDVAN_BENCH_STARTUP="1",
        QT_QPA_PLATFORM=platform,
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        REDVAN_LOG_DIR=str(home / "log"),
    )
    if display is not None:
        env["DISPLAY"] = display
    return env


def one_start(command: list[str], vault: Path, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the first-paint line, and from spawn to the process's exit."""
    with tempfile.TemporaryFile() as errors:  # a file, so a chatty app never fills a pipe
        started = time.monotonic()
        proc = subprocess.Popen(
            [*command, "gui", "--vault", str(vault)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            cwd=tempfile.gettempdir(),
        )
        assert proc.stdout is not None
        shown = None
        try:
            for raw in proc.stdout:
                if raw.startswith(MARK.encode()):
                    shown = time.monotonic() - started
                    screen = raw.decode(errors="replace").split()[-1]
                    if screen != "unlock":
                        raise RuntimeError(f"the app started on the {screen} screen, not unlock")
                    break
            proc.wait(timeout=TIMEOUT_S)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        exited = time.monotonic() - started
        if shown is None:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise RuntimeError(
                f"the app never reported its first paint (exit {proc.returncode}):\n{tail}"
            )
    return shown, exited


@contextmanager
def xvfb() -> Iterator[str | None]:
    """An X server for the runs (DISPLAY value), or None when Xvfb is not installed."""
    binary = shutil.which("Xvfb")
    if binary is None:
        yield None
        return
    for number in range(91, 120):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            break
    else:
        yield None
        return
    server = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                yield None
                return
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def time_starts(
    command: list[str],
    vault: Path,
    runs: int,
    platform: str = "offscreen",
    display: str | None = None,
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="redvan-b2-") as tmp:
        env = _env(Path(tmp), platform, display)
        if runs > 1:
            one_start(command, vault, env)  # warm-up: the OS file cache, Qt's font cache
        shown, exited = [], []
        for _ in range(runs):
            to_paint, to_exit = one_start(command, vault, env)
            shown.append(to_paint * 1000)
            exited.append(to_exit * 1000)
    return {
        "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(command)),
        "platform": platform,
        "shown_ms": Summary.of(shown).as_dict(),
        "exit_ms": Summary.of(exited).as_dict(),
    }


def run(
    vault: Path, runs: int, frozen: Path | None, frozen_note: str = "", *, with_xvfb: bool = True
) -> dict[str, Any]:
    """`vault` is only looked at by the unlock screen (its key file's staff names)."""
    out: dict[str, Any] = {"runs": runs, "source": time_starts(source_command(), vault, runs)}
    if frozen is not None:
        try:
            out["frozen"] = time_starts([str(frozen)], vault, runs)
        except RuntimeError as exc:  # a broken build must not hide the source figures
            frozen, out["frozen_note"] = None, "failed: " + str(exc).splitlines()[0][:60]
    else:
        out["frozen_note"] = frozen_note
    if with_xvfb:
        with xvfb() as display:
            if display is not None:
                out["source_xcb"] = time_starts(source_command(), vault, runs, "xcb", display)
                if frozen is not None:
                    out["frozen_xcb"] = time_starts([str(frozen)], vault, runs, "xcb", display)
    return out


def figures(result: dict[str, Any]) -> list[Figure]:
    n = result["runs"]
    out = []
    for key, what, budget in (
        ("source", "source install", BUDGET_SOURCE_S),
        ("frozen", "frozen app", BUDGET_FROZEN_S),
    ):
        if key not in result:
            note = result.get(f"{key}_note", "not measured")
            out.append(Figure("B2", f"start → unlock window, {what}", None, "s", budget, note=note))
            continue
        shown = result[key]["shown_ms"]
        out += [
            Figure(
                "B2",
                f"start → unlock window, {what}, median (n={n})",
                shown["p50"] / 1000,
                "s",
                budget,
            ),
            Figure("B2", f"start → unlock window, {what}, max", shown["max"] / 1000, "s", budget),
            Figure(
                "B2", "  start → process exited, median", result[key]["exit_ms"]["p50"] / 1000, "s"
            ),
        ]
        xcb = result.get(f"{key}_xcb")
        if xcb is not None:
            out.append(
                Figure(
                    "B2", "  the same under Xvfb (xcb), median", xcb["shown_ms"]["p50"] / 1000, "s"
                )
            )
    return out
