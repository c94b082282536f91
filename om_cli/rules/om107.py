"""OM107 — it informs the Plenum.

Clause: „Es informiert das Plenum der Offensive Mittelstand über die Arbeit des Netzwerkes
(persönlich durch Partner oder schriftlich) und die darin entwickelten Ergebnisse und trägt
damit zur Weiterentwicklung der Offensive Mittelstand bei.“

What it checks (recognized networks): for every calendar year Y after the year of recognition
and before as-of's year in which at least one Plenum meeting took place, `plenum_reports` has an
entry for one of Y's Plenum meetings. A report `in_person` counts only when its `by` names a
partner who was a member of the network on the day of that Plenum meeting. One finding per
year without a report.

Passing example (recognized 2022, checked in 2026)::

    plenum_reports:
      - {plenum: 2023-05-10, form: written}
      - {plenum: 2024-11-20, form: in_person, by: hwk-kassel}
      - {plenum: 2025-05-14, form: written}

Failing example: the same without the 2024 entry, or with `by:` a partner who was no member on
2024-11-20.

How to fix: record the report (`om record report`), or have a member report in person.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.model import Network
from om_cli.rules.base import Context

ID = "OM107"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    plenum_years: dict[int, set[str]] = {}
    for plenum in ctx.registry.plenums.values():
        if plenum.date is not None and plenum.date <= ctx.as_of:
            plenum_years.setdefault(plenum.date.year, set()).add(plenum.id)
    for network in ctx.registry.networks.values():
        if network.status != "recognized" or network.recognized_on is None:
            continue
        reported = _reported_years(ctx, network)
        for year in range(network.recognized_on.year + 1, ctx.as_of.year):
            if year in plenum_years and year not in reported:
                message = msg("om107.missing", year=str(year))
                yield ctx.finding(ID, SEVERITY, network.doc, "/plenum_reports", message)


def _reported_years(ctx: Context, network: Network) -> set[int]:
    years: set[int] = set()
    for report in network.plenum_reports:
        plenum = ctx.registry.plenums.get(report.plenum or "")
        if plenum is None or plenum.date is None or plenum.date > ctx.as_of:
            continue
        if report.form == "in_person":
            members = {m.partner for m in network.partners if m.member_on(plenum.date)}
            if report.by is None or report.by not in members:
                continue
        elif report.form != "written":
            continue
        years.add(plenum.date.year)
    return years
