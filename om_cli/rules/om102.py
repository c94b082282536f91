"""OM102 — the Leitgedanken are recognised.

Clause: „Es erkennt die Leitgedanken der Offensive Mittelstand an.“

What it checks (live networks): `commitments.leitgedanken` holds the date on which the network
declared it, and that date is not after as-of (a declaration dated later has not happened
yet).

Passing example::

    commitments:
      leitgedanken: 2023-03-01

Failing example: `commitments` without `leitgedanken`, or with a date after the check's as-of.

How to fix: record the date of the network's declaration (e.g. from the minutes of its founding
meeting) under `commitments.leitgedanken`.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.rules._commitment import check_commitment
from om_cli.rules.base import Context

ID = "OM102"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    return check_commitment(ctx, ID, SEVERITY, "leitgedanken")
