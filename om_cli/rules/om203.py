"""OM203 — meets at least twice a year.

Clause: „[Ein Regionales Netzwerk der Offensive Mittelstand] tagt mindestens zweimal im Jahr.“

What it checks (recognized networks): for every completed calendar year after the year of
recognition (recognition year < Y < as-of's year) at least two `meetings` are dated in Y; each
year short of that is an error. For as-of's own year (when it is after the recognition year) a
notice gives the count of meetings dated on or before as-of while it is below two. The year of
recognition itself is not judged; meetings dated after as-of have not happened yet.

Passing example (recognized 2023, checked on 2026-11-25)::

    meetings:
      - {date: 2024-03-12}
      - {date: 2024-10-08}
      - {date: 2025-03-11}
      - {date: 2025-09-30}
      - {date: 2026-03-10}
      - {date: 2026-09-29}

Failing example: only one meeting dated in 2025.

How to fix: record every meeting (`om record meeting`); a network that did not meet twice
should say why to the secretariat (a waiver in `om.yaml` needs a Leitungskreis decision).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM203"
SEVERITY = Severity.ERROR
MINIMUM = 2


def check(ctx: Context) -> Iterator[Finding]:
    as_of = ctx.as_of
    for network in ctx.registry.networks.values():
        if network.status != "recognized" or network.recognized_on is None:
            continue
        per_year = Counter(
            meeting.date.year
            for meeting in network.meetings
            if meeting.date is not None and meeting.date <= as_of
        )
        for year in range(network.recognized_on.year + 1, as_of.year):
            if per_year[year] < MINIMUM:
                message = msg(
                    "om203.too_few", year=str(year), count=per_year[year], minimum=MINIMUM
                )
                yield ctx.finding(ID, SEVERITY, network.doc, "/meetings", message)
        if as_of.year > network.recognized_on.year and per_year[as_of.year] < MINIMUM:
            message = msg(
                "om203.current_year",
                year=str(as_of.year),
                count=per_year[as_of.year],
                as_of=as_of.isoformat(),
            )
            yield ctx.finding(ID, Severity.NOTICE, network.doc, "/meetings", message)
