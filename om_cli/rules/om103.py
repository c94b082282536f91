"""OM103 — it works on the basis of the Grundprinzipien.

Clause: „Es arbeitet auf der Basis der ‚Grundprinzipien der Offensive Mittelstand – Gut für
Deutschland‘.“

What it checks (live networks): `commitments.grundprinzipien` holds the date on which the network
declared it, and that date is not after as-of (a declaration dated later has not happened
yet).

Passing example::

    commitments:
      grundprinzipien: 2023-03-01

Failing example: `commitments` without `grundprinzipien`, or with a date after the check's as-of.

How to fix: record the date of the network's declaration (e.g. from the minutes of its founding
meeting) under `commitments.grundprinzipien`.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.rules._commitment import check_commitment
from om_cli.rules.base import Context

ID = "OM103"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    return check_commitment(ctx, ID, SEVERITY, "grundprinzipien")
