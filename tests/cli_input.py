"""Running `redvan.cli.main` in-process with what a user would type on standard input."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from redvan import cli


class Stdin:
    """Standard input that is not a terminal, holding `data` (the CLI reads `.buffer`)."""

    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)

    def isatty(self) -> bool:
        return False


def run_cli(
    argv: list[str], stdin: bytes, monkeypatch: pytest.MonkeyPatch, capture: Any
) -> tuple[int, Any, Any]:
    """(exit status, standard output, standard error); `capture` is capsys or capsysbinary."""
    monkeypatch.setattr(sys, "stdin", Stdin(stdin))
    code = cli.main(argv)
    out, err = capture.readouterr()
    return code, out, err
