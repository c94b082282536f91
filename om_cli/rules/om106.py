"""OM106 — not one-sided.

Clause: „Es vertritt nicht einseitig die Interessen einzelner Partner und handelt nicht gegen
die Interessen einzelner Partner der Offensive Mittelstand.“

What it checks (live networks): the partners that count for OM105 belong to at least three
distinct partner groups. A partner's group is its `group` (shared by affiliated organisations,
e.g. all branches of one chamber), otherwise the partner itself. One-sidedness cannot be read
from data alone; a network carried by one organisation family is the signal the secretariat
wants to see, hence a warning.

Passing example: members `ihk-kassel` (group `ihk`), `hwk-kassel` (group `hwk`) and
`aok-hessen` (no group).

Failing example: members `ihk-kassel`, `ihk-fulda` and `ihk-giessen`, all in group `ihk`.

How to fix: win partners from other organisations.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM106"
SEVERITY = Severity.WARNING
MINIMUM = 3


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        groups = {partner.group_key for partner in ctx.counting_members(network)}
        if len(groups) < MINIMUM:
            message = msg("om106.groups", count=len(groups), minimum=MINIMUM)
            yield ctx.finding(ID, SEVERITY, network.doc, "/partners", message)
