"""OM108 — it informs its partners.

Clause: „Es informiert seine Netzwerkpartner über die Aktivitäten der Offensive
Mittelstand.“

What it checks (live networks): `commitments.informs_partners` holds the date on which the network
declared it, and that date is not after as-of (a declaration dated later has not happened
yet).

Passing example::

    commitments:
      informs_partners: 2023-03-01

Failing example: `commitments` without `informs_partners`, or with a date after the check's as-of.

How to fix: record the date of the network's declaration (e.g. from the minutes of its founding
meeting) under `commitments.informs_partners`.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.rules._commitment import check_commitment
from om_cli.rules.base import Context

ID = "OM108"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    return check_commitment(ctx, ID, SEVERITY, "informs_partners")
