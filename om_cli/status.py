"""`om status`: one screen for the secretariat — the core, which never prints.

Counts of networks by status and of partners, the findings by severity and the ten most urgent
(errors first, then warnings), and the next Plenum meeting from `plenum/`, all as of one date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from om_cli.briefing import NETWORK_STATUSES
from om_cli.engine import check_registry, load_registry
from om_cli.findings import Finding, Severity
from om_cli.model import as_str

URGENT = 10


@dataclass(frozen=True, slots=True)
class Status:
    as_of: dt.date
    registry: str
    networks_by_status: dict[str, int]
    partners_active: int
    partners_inactive: int
    severities: dict[str, int]
    urgent: tuple[Finding, ...]  # at most ten errors and warnings, errors first
    more: int  # errors and warnings beyond those shown
    next_plenum: dt.date | None
    next_location: str
    files: int


def build(root: str, as_of: dt.date) -> Status:
    """The secretariat's overview of the registry at `root` as of `as_of`."""
    registry = load_registry(root, root)
    report = check_registry(registry, as_of=as_of)
    counts = {status: 0 for status in NETWORK_STATUSES}
    for network in registry.networks.values():
        key = network.status if network.status in counts else "unknown"
        counts[key] = counts.get(key, 0) + 1
    pressing = sorted(
        (f for f in report.findings if f.severity is not Severity.NOTICE),
        key=lambda f: (f.severity.rank, f.entity, f.rule, f.pointer),
    )
    upcoming = sorted(
        (p for p in registry.plenums.values() if p.date is not None and p.date >= as_of),
        key=lambda p: (p.date or as_of, p.id),
    )
    nearest = upcoming[0] if upcoming else None
    partners = registry.partners.values()
    return Status(
        as_of=as_of,
        registry=registry.shown,
        networks_by_status=counts,
        partners_active=sum(1 for p in partners if p.active_on(as_of)),
        partners_inactive=sum(1 for p in partners if not p.active_on(as_of)),
        severities={level.value: report.count(level) for level in Severity},
        urgent=tuple(pressing[:URGENT]),
        more=max(0, len(pressing) - URGENT),
        next_plenum=nearest.date if nearest is not None else None,
        next_location=(as_str((nearest.doc.data or {}).get("location")) or "") if nearest else "",
        files=report.files,
    )
