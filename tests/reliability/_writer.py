"""Child process for T1: unlock a vault and save contacts one by one until killed.

    python _writer.py VAULT [LIMIT]

The passphrase is read as one line from standard input (never from argv). After the unlock
the child prints "ready"; then, for every contact, it prints the contact id only after
Services.save_contact has returned (the commit is done), and flushes. It stops by itself
after LIMIT saves (a guard for a parent that never kills it) and then prints "done".
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path


def main(argv: list[str]) -> int:
    from redvan.core.model import ContactInput, ReferralInput, ServiceGiven
    from redvan.storage.vault import unlock

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _support import services_for

    vault_path = Path(argv[1])
    limit = int(argv[2]) if len(argv) > 2 else 100_000
    passphrase = sys.stdin.readline().rstrip("\n")
    vault = unlock(vault_path, passphrase)
    services = services_for(vault)
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    start = datetime(2026, 11, 20, 21, 0)
    for n in range(limit):
        entry = ContactInput(
            time=start + timedelta(minutes=n % 600),
            zone="istedgade",
            channel="street",
            code=f"KILL{n % 50:03d}X" if n % 3 else None,
            services=(ServiceGiven("condoms", 1 + n % 10), ServiceGiven("conversation", 1)),
            referrals=(ReferralInput("reden", "referred"),) if n % 4 == 0 else (),
            note=f"round note {n}: coffee and a talk about housing advice " * (1 + n % 4),
        )
        result = services.save_contact(entry)
        out.write(result.contact_id + "\n")
        out.flush()
    out.write("done\n")
    out.flush()
    vault.close(backup=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
