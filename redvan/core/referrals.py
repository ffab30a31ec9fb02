"""The referral network ("brobyggernetværk", G7): partner organisations and completion rates.

A referral is *completed* when the person reached the partner organisation: ``attended`` (they
went) or ``accompanied`` (a worker went with them). It is *resolved* once its status is anything
but ``referred``: completed, or ``declined``, ``no-show`` or ``unavailable``. The completion
rate ("gennemførelsesrate") of a destination over a period is completed / resolved, counting
the referrals *made* in that period (by the ISO week of the referral). Referrals still open are
reported beside the rate, never inside it, so a recent week does not look worse only because
its referrals have not been checked yet. docs/referrals.md says why.

Pure Python; the tally (core.tally) and the GUI both call these functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

from redvan.core import limits
from redvan.core.enums import ReferralStatus
from redvan.core.model import Referral
from redvan.core.weeks import IsoWeek

COMPLETED: frozenset[str] = frozenset(
    {ReferralStatus.ATTENDED.value, ReferralStatus.ACCOMPANIED.value}
)
NOT_COMPLETED: frozenset[str] = frozenset(
    {
        ReferralStatus.DECLINED.value,
        ReferralStatus.NO_SHOW.value,
        ReferralStatus.UNAVAILABLE.value,
    }
)
OPEN = ReferralStatus.REFERRED.value
ALL_DESTINATIONS = ""  # the destination of the row that sums every destination

# Longest text kept in one field of a partner organisation's details.
MAX_PARTNER_FIELD = limits.PARTNER_FIELD


def is_resolved(status: str) -> bool:
    """True once a referral has an outcome (completed or not)."""
    return status in COMPLETED or status in NOT_COMPLETED


@dataclass(frozen=True)
class PartnerOrganisation:
    """How to reach a partner organisation — never anything about a person.

    ``slug`` is the organisation's entry in the referral destination list, whose labels give
    its name in English and Danish.
    """

    slug: str
    areas: str = ""  # areas or groups served, e.g. "Vesterbro; women over 18"
    address: str = ""  # the organisation's own address
    phone: str = ""  # the organisation's own phone line
    online: str = ""  # the organisation's web site or general e-mail
    hours: str = ""  # opening hours
    notes: str = ""  # how to refer: walk-in, booking, languages spoken

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "slug")


def clean_partner(partner: PartnerOrganisation) -> PartnerOrganisation:
    """Trim every field; refuse a field that is too long (ValueError names it)."""
    values = {}
    for item in fields(partner):
        if item.name == "slug":
            continue
        text = str(getattr(partner, item.name) or "").strip()
        if len(text) > MAX_PARTNER_FIELD:
            raise ValueError(
                f"The partner organisation's {item.name} is longer than "
                f"{MAX_PARTNER_FIELD} characters."
            )
        values[item.name] = text
    return replace(partner, **values)


@dataclass(frozen=True)
class CompletionRate:
    """Referrals to one destination (or to all) made in a period, and how they ended."""

    destination: str
    statuses: Mapping[str, int] = field(default_factory=dict)

    def count(self, status: ReferralStatus | str) -> int:
        return int(self.statuses.get(str(status), 0))

    @property
    def referred(self) -> int:
        """Every referral made in the period, open or resolved."""
        return sum(self.statuses.values())

    @property
    def open(self) -> int:
        return self.count(OPEN)

    @property
    def completed(self) -> int:
        return sum(self.count(s) for s in COMPLETED)

    @property
    def resolved(self) -> int:
        return self.completed + sum(self.count(s) for s in NOT_COMPLETED)

    @property
    def rate(self) -> float | None:
        """completed / resolved, or None while nothing is resolved (never a made-up 0 %)."""
        return self.completed / self.resolved if self.resolved else None


def in_period(referral: Referral, first: IsoWeek, last: IsoWeek) -> bool:
    return first <= IsoWeek.of(referral.created_at) <= last


def completion_rates(
    referrals: Iterable[Referral], first: IsoWeek, last: IsoWeek
) -> list[CompletionRate]:
    """One CompletionRate per destination with referrals made from week `first` to `last`.

    Sorted by destination slug; `completion_total` adds them up.
    """
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    counts: dict[str, Counter[str]] = {}
    for referral in referrals:
        if in_period(referral, first, last):
            counts.setdefault(referral.destination, Counter())[referral.status] += 1
    return [CompletionRate(slug, dict(counts[slug])) for slug in sorted(counts)]


def completion_total(rates: Iterable[CompletionRate]) -> CompletionRate:
    """All destinations together: the sum of each status over the given rows."""
    total: Counter[str] = Counter()
    for rate in rates:
        total.update(rate.statuses)
    return CompletionRate(ALL_DESTINATIONS, dict(total))
