"""The child process of T13: unlock a vault and change its key, dying at a chosen point.

    python _rotator.py VAULT POINT      (passphrase on standard input)

POINT is either a named point of storage.rotation (set through its test-only environment
variable by the parent) or "progress:N": SIGKILL at the N-th progress report of the copy.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from redvan.storage import staffkeys  # noqa: E402
from redvan.storage.vault import unlock  # noqa: E402


def main() -> None:
    path, point = Path(sys.argv[1]), sys.argv[2]
    secret = sys.stdin.readline().rstrip("\n")
    vault = unlock(path, secret)
    reports = 0
    kill_at = int(point.split(":", 1)[1]) if point.startswith("progress:") else -1

    def progress(done: int, total: int, stage: str) -> None:
        nonlocal reports
        reports += 1
        if reports == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    staffkeys.rotate_key(vault, progress=progress)
    print(vault.keyfile().generation, flush=True)
    vault.close(backup=False)


if __name__ == "__main__":
    main()
