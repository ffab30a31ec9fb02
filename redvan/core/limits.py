"""How long each piece of text a person types may be: one table, used at the point of entry
(core validation, the command line and the GUI's counters) and matching every place the text
goes later (the sync package schema, the PDFs' layouts, the audit bundle).

A limit here is never larger than what any output accepts: resources/schemas caps a label
(vocabulary labels and programme names) at 200 characters, so the vault does too; a test
(tests/unit/test_limits.py) keeps the two in step. The PDFs flow any accepted text across
pages (reports/flow.py), so the 4,000 characters of a free text always print.
"""

from __future__ import annotations

from typing import Final

LABEL: Final = 200  # a vocabulary entry's English or Danish label (sync schema: label)
PROGRAMME_NAME: Final = 120  # a programme's name (sync schema: label, 200)
STAFF_NAME: Final = 40  # a staff member's initials or short name
TEAM: Final = 60  # a shift's team or van
FREE_TEXT: Final = 4000  # a contact note, an incident description, a follow-up outcome
REFERRAL_AREA: Final = 80  # a referral's area or group ("Vesterbro; women over 18")
PARTNER_FIELD: Final = 400  # each field of a partner organisation's directory entry
