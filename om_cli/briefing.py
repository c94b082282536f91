"""The briefing for a Plenum meeting: the core of `om report plenum`.

`build(root, date)` loads the registry, runs the real check as of the meeting's date and
gathers what the secretariat presents: a summary, the compliance matrix (networks × criteria
rules), meetings per network and year, the Plenum reports due and missing, pending
applications with what they still lack, decisions since the previous Plenum meeting (marking
the Leitungskreis decisions the Plenum must be told about, OM204), waivers that expire within
six months, and every finding. It returns a `Briefing` value; rendering it is
`om_cli.briefing_render`'s job. Nothing here prints.

Dates follow DESIGN.md *Dates and as-of*: whatever is dated after the meeting has not happened
yet and is not counted.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from om_cli.config import load_settings
from om_cli.engine import check_registry, load_registry
from om_cli.export import listed_partner
from om_cli.findings import Finding, Report, Severity
from om_cli.model import Network, as_str
from om_cli.registry import Registry

# The criteria rules of the compliance matrix, in catalogue order.
MATRIX_RULES: tuple[str, ...] = (
    "OM101", "OM102", "OM103", "OM104", "OM105", "OM106", "OM107", "OM108", "OM109", "OM110",
    "OM111", "OM112", "OM113", "OM201", "OM202", "OM203", "OM204",
)  # fmt: skip
# The first column gathers what is wrong with the file itself: readable, schema, id, references.
FILE_COLUMN = "file"
FILE_RULES = frozenset({"OM001", "OM002", "OM003", "OM004", "OM005"})
MATRIX_COLUMNS: tuple[str, ...] = (FILE_COLUMN, *MATRIX_RULES)
NETWORK_STATUSES = ("applied", "recognized", "rejected", "withdrawn")
CHART_YEARS = 6  # meetings per year are shown for the meeting's year and the five before it
MINIMUM_MEETINGS = 2  # OM203
WAIVER_MONTHS = 6

# Which networks a rule judges (DESIGN.md *Scope and time*); other cells are "not judged".
_LIVE = frozenset({"applied", "recognized"})
_SCOPE: dict[str, frozenset[str]] = {
    **{rule: _LIVE for rule in MATRIX_RULES},
    "OM107": frozenset({"recognized"}),
    "OM203": frozenset({"recognized"}),
    "OM112": frozenset({"withdrawn"}),
    "OM113": frozenset({"recognized", "rejected"}),
    "OM204": frozenset(),  # judged where a dispute resolution names the network
}

# The states a matrix cell can take, worst first.
STATES = ("error", "warning", "notice", "pass", "na")


@dataclass(frozen=True, slots=True)
class Cell:
    """One matrix cell: its state and the findings (indices into `Briefing.findings`)."""

    state: str
    findings: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class MatrixRow:
    network: str
    name: str
    status: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int
    count: int
    judged: bool  # a completed year after the year of recognition (OM203 judges it)
    short: bool  # judged and below the minimum


@dataclass(frozen=True, slots=True)
class MeetingSeries:
    network: str
    name: str
    years: tuple[YearCount, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """Something that happened between the previous Plenum meeting and this one."""

    date: dt.date
    what: str  # applied, recognized, rejected, withdrawn, partner_joined, partner_left, …
    entity: str  # the network or partner id
    name: str
    other: str = ""  # the partner of a membership change


@dataclass(frozen=True, slots=True)
class ReportState:
    """A recognized network's Plenum reports: past years without one, and this year's."""

    network: str
    name: str
    missing_years: tuple[int, ...]
    this_year: str | None  # the Plenum meeting of this year it reported to, if any
    due: bool  # no report this year yet


@dataclass(frozen=True, slots=True)
class Application:
    network: str
    name: str
    applied_on: dt.date | None
    lacking: tuple[int, ...]  # indices of its error and warning findings


@dataclass(frozen=True, slots=True)
class DecisionItem:
    id: str
    date: dt.date | None
    body: str
    kind: str
    networks: tuple[str, ...]
    summary: str
    must_inform: bool  # a Leitungskreis dispute resolution the Plenum must be told about
    informed_at: str | None  # the Plenum meeting (on or after it) whose informed_of names it


@dataclass(frozen=True, slots=True)
class WaiverItem:
    rule: str
    entity: str
    decision: str
    until: dt.date
    days_left: int


@dataclass(frozen=True, slots=True)
class Briefing:
    date: dt.date
    registry: str
    plenum: str | None  # the meeting's own file, if there is one
    location: str
    previous: dt.date | None  # the previous Plenum meeting
    networks_by_status: dict[str, int]
    partners_active: int
    partners_inactive: int
    partners_listed: int
    severities: dict[str, int]
    changes: tuple[Change, ...]
    rules: tuple[str, ...]  # the matrix columns: "file" (OM001–OM005), then the criteria rules
    matrix: tuple[MatrixRow, ...]
    chart_years: tuple[int, ...]
    meetings: tuple[MeetingSeries, ...]
    reports: tuple[ReportState, ...]
    applications: tuple[Application, ...]
    decisions: tuple[DecisionItem, ...]
    to_inform: tuple[DecisionItem, ...]  # older dispute resolutions still not reported
    waivers: tuple[WaiverItem, ...]
    findings: tuple[Finding, ...]
    files: int = 0


def build(root: str, date: dt.date, *, shown: str | None = None) -> Briefing:
    """Load the registry at `root`, check it as of `date` and gather the briefing."""
    registry = load_registry(root, shown if shown is not None else root)
    report = check_registry(registry, as_of=date)
    return gather(registry, report, date)


def next_meeting(root: str, today: dt.date) -> dt.date | None:
    """The date of the first Plenum meeting in `plenum/` on or after `today`, if any."""
    registry = load_registry(root, root)
    dates = [p.date for p in registry.plenums.values() if p.date is not None and p.date >= today]
    return min(dates, default=None)


def build_at(registry: str, rev: str, date: dt.date) -> Briefing:
    """The briefing from `registry` (a folder of the current repository) as it was at commit
    `rev`, read from git objects — for a past meeting, the registry as it stood then."""
    from om_cli.timetravel import registry_at

    with registry_at(registry, rev) as root:
        loaded = load_registry(root, registry, use_cache=False)
        return gather(loaded, check_registry(loaded, as_of=date), date)


def gather(registry: Registry, report: Report, date: dt.date) -> Briefing:
    """The briefing from a loaded registry and its check as of `date`."""
    findings = tuple(sorted(report.findings, key=_urgency))
    by_entity: dict[str, list[int]] = {}
    for index, finding in enumerate(findings):
        by_entity.setdefault(finding.entity, []).append(index)
    networks = sorted(registry.networks.values(), key=lambda n: ((n.name or n.id).casefold(), n.id))
    previous = max(
        (p.date for p in registry.plenums.values() if p.date is not None and p.date < date),
        default=None,
    )
    own = registry.plenums.get(date.isoformat())
    location = as_str((own.doc.data or {}).get("location")) if own is not None else None
    partners = list(registry.partners.values())
    decisions = _decisions(registry, date)
    since = previous or dt.date.min
    return Briefing(
        date=date,
        registry=registry.shown,
        plenum=own.id if own is not None else None,
        location=location or "",
        previous=previous,
        networks_by_status=_by_status(registry),
        partners_active=sum(1 for p in partners if p.active_on(date)),
        partners_inactive=sum(1 for p in partners if not p.active_on(date)),
        partners_listed=sum(1 for p in partners if listed_partner(p, date)),
        severities={level.value: report.count(level) for level in Severity},
        changes=tuple(_changes(registry, since, date)),
        rules=MATRIX_COLUMNS,
        matrix=tuple(_matrix_row(registry, n, date, findings, by_entity) for n in networks),
        chart_years=tuple(range(date.year - CHART_YEARS + 1, date.year + 1)),
        meetings=tuple(_meetings(n, date) for n in networks if n.live),
        reports=tuple(_reports(registry, n, date) for n in networks if _recognized(n, date)),
        applications=tuple(
            Application(n.id, n.name or n.id, n.applied_on, _lacking(n, findings, by_entity))
            for n in networks
            if n.status == "applied"
        ),
        decisions=tuple(d for d in decisions if d.date is not None and since < d.date <= date),
        to_inform=tuple(
            d for d in decisions if d.must_inform and d.date is not None and d.date <= since
        ),
        waivers=tuple(_waivers(registry, date)),
        findings=findings,
        files=report.files,
    )


def _urgency(finding: Finding) -> tuple[int, str, str, str]:
    """Errors first, then warnings, then notices; within a level by entity and rule."""
    return (finding.severity.rank, finding.entity, finding.rule, finding.pointer)


def _recognized(network: Network, date: dt.date) -> bool:
    return (
        network.status == "recognized"
        and network.recognized_on is not None
        and (network.recognized_on <= date)
    )


def _by_status(registry: Registry) -> dict[str, int]:
    counts = Counter(n.status for n in registry.networks.values())
    result = {status: counts.get(status, 0) for status in NETWORK_STATUSES}
    other = sum(count for status, count in counts.items() if status not in NETWORK_STATUSES)
    if other:
        result["unknown"] = other
    return result


def _resolved_dispute(registry: Registry, network: Network, date: dt.date) -> bool:
    """A Leitungskreis dispute resolution dated on or before `date` names the network."""
    return any(
        d.body == "leitungskreis"
        and d.kind == "dispute_resolution"
        and network.id in d.networks
        and d.date is not None
        and d.date <= date
        for d in registry.decisions.values()
    )


def _matrix_row(
    registry: Registry,
    network: Network,
    date: dt.date,
    findings: tuple[Finding, ...],
    by_entity: dict[str, list[int]],
) -> MatrixRow:
    own = by_entity.get(network.doc.entity, [])
    # OM204 is reported on the decision; the matrix shows it on the networks it names
    om204 = [
        index
        for decision in registry.decisions.values()
        if network.id in decision.networks
        for index in by_entity.get(decision.doc.entity, [])
        if findings[index].rule == "OM204"
    ]
    file_hits = tuple(i for i in own if findings[i].rule in FILE_RULES)
    cells = [Cell(_worst(findings, file_hits) or "pass", file_hits)]
    for rule in MATRIX_RULES:
        hits = tuple(i for i in (om204 if rule == "OM204" else own) if findings[i].rule == rule)
        if hits:
            state = _worst(findings, hits) or "pass"
        elif rule == "OM204":
            state = "pass" if _resolved_dispute(registry, network, date) else "na"
        elif network.status in _SCOPE[rule]:
            state = "pass"
        else:
            state = "na"
        cells.append(Cell(state, hits))
    return MatrixRow(network.id, network.name or network.id, network.status or "?", tuple(cells))


def _worst(findings: tuple[Finding, ...], hits: tuple[int, ...]) -> str | None:
    """The worst severity among the findings `hits` (as a cell state), None without any."""
    if not hits:
        return None
    return min((findings[i].severity for i in hits), key=lambda s: s.rank).value


def _meetings(network: Network, date: dt.date) -> MeetingSeries:
    counts = Counter(m.date.year for m in network.meetings if m.date is not None and m.date <= date)
    recognized = network.recognized_on.year if network.recognized_on else None
    judged_from = None if network.status != "recognized" or recognized is None else recognized + 1
    years = []
    for year in range(date.year - CHART_YEARS + 1, date.year + 1):
        judged = judged_from is not None and judged_from <= year < date.year
        count = counts.get(year, 0)
        years.append(YearCount(year, count, judged, judged and count < MINIMUM_MEETINGS))
    return MeetingSeries(network.id, network.name or network.id, tuple(years))


def _reports(registry: Registry, network: Network, date: dt.date) -> ReportState:
    """Past years without a report (as OM107 judges them) and whether this year's is due."""
    held_years: set[int] = set()
    for meeting in registry.plenums.values():
        if meeting.date is not None and meeting.date <= date:
            held_years.add(meeting.date.year)
    reported: dict[int, str] = {}
    for entry in network.plenum_reports:
        plenum = registry.plenums.get(entry.plenum or "")
        if plenum is None or plenum.date is None or plenum.date > date:
            continue
        if entry.form == "in_person":
            members = {m.partner for m in network.partners if m.member_on(plenum.date)}
            if entry.by is None or entry.by not in members:
                continue
        elif entry.form != "written":
            continue
        reported.setdefault(plenum.date.year, plenum.id)
    start = network.recognized_on.year + 1 if network.recognized_on else date.year
    missing = tuple(
        year for year in range(start, date.year) if year in held_years and year not in reported
    )
    this_year = reported.get(date.year)
    # due from the first calendar year after recognition (as OM107 judges the years)
    due = (
        this_year is None
        and network.recognized_on is not None
        and (network.recognized_on.year < date.year)
    )
    return ReportState(network.id, network.name or network.id, missing, this_year, due)


def _lacking(
    network: Network, findings: tuple[Finding, ...], by_entity: dict[str, list[int]]
) -> tuple[int, ...]:
    return tuple(
        index
        for index in by_entity.get(network.doc.entity, [])
        if findings[index].severity is not Severity.NOTICE
    )


def _decisions(registry: Registry, date: dt.date) -> list[DecisionItem]:
    """Every decision dated on or before `date`, oldest first."""
    informed: dict[str, list[tuple[dt.date, str]]] = {}
    for plenum in registry.plenums.values():
        if plenum.date is None or plenum.date > date:
            continue
        for decision_id in plenum.informed_of:
            informed.setdefault(decision_id, []).append((plenum.date, plenum.id))
    items = []
    for decision in registry.decisions.values():
        if decision.date is None or decision.date > date:
            continue
        at = sorted(
            (when, plenum) for when, plenum in informed.get(decision.id, []) if when > decision.date
        )
        reportable = decision.body == "leitungskreis" and decision.kind == "dispute_resolution"
        data = decision.doc.data or {}
        items.append(
            DecisionItem(
                id=decision.id,
                date=decision.date,
                body=decision.body or "?",
                kind=decision.kind or "?",
                networks=decision.networks,
                summary=" ".join((as_str(data.get("summary")) or "").split()),
                must_inform=reportable and not at,
                informed_at=at[0][1] if at else None,
            )
        )
    items.sort(key=lambda item: (item.date or dt.date.min, item.id))
    return items


def _changes(registry: Registry, since: dt.date, date: dt.date) -> list[Change]:
    """Transitions of networks and partners dated after `since` and on or before `date`."""

    def within(day: dt.date | None) -> bool:
        return day is not None and since < day <= date

    changes: list[Change] = []
    names = {p.id: p.name or p.id for p in registry.partners.values()}
    for network in registry.networks.values():
        name = network.name or network.id
        for what, day in (
            ("applied", network.applied_on),
            ("recognized", network.recognized_on),
            ("rejected", network.rejected_on),
            ("withdrawn", network.withdrawn_on),
        ):
            if day is not None and within(day):
                changes.append(Change(day, what, network.id, name))
        for membership in network.partners:
            member = membership.partner or "?"
            if membership.since is not None and within(membership.since):
                changes.append(
                    Change(
                        membership.since,
                        "member_joined",
                        network.id,
                        name,
                        names.get(member, member),
                    )
                )
            if membership.until is not None and within(membership.until):
                changes.append(
                    Change(
                        membership.until,
                        "member_left",
                        network.id,
                        name,
                        names.get(member, member),
                    )
                )
    for partner in registry.partners.values():
        name = partner.name or partner.id
        if partner.principles_signed_on is not None and within(partner.principles_signed_on):
            changes.append(Change(partner.principles_signed_on, "partner_joined", partner.id, name))
        if partner.left_on is not None and within(partner.left_on):
            changes.append(Change(partner.left_on, "partner_left", partner.id, name))
    changes.sort(key=lambda c: (c.date, c.what, c.entity, c.other))
    return changes


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus `months` calendar months (the last day of a shorter month when needed)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _waivers(registry: Registry, date: dt.date) -> list[WaiverItem]:
    """Waivers in force on `date` that expire within six months of it."""
    settings = load_settings(registry.settings)
    horizon = add_months(date, WAIVER_MONTHS)
    items = [
        WaiverItem(w.rule, w.entity, w.decision, w.until, (w.until - date).days)
        for w in settings.waivers
        if date <= w.until <= horizon
    ]
    items.sort(key=lambda w: (w.until, w.rule, w.entity))
    return items
