"""OM109 — cooperation, no competition.

Clause: „Es ist bereit, mit anderen regionalen und fachlichen Netzwerken der Offensive
Mittelstand zusammenzuarbeiten. In keinem Fall darf es zur Konkurrenz der Netzwerke
untereinander kommen, da es der Offensive Mittelstand immer um die gemeinsame Unterstützung der
mittelständischen Unternehmen durch die Kooperation aller Partner geht.“

What it checks (live networks): `commitments.cooperation` holds the date on which the network
declared it, and that date is not after as-of (a declaration dated later has not happened
yet).

Passing example::

    commitments:
      cooperation: 2023-03-01

Failing example: `commitments` without `cooperation`, or with a date after the check's as-of.

How to fix: record the date of the network's declaration (e.g. from the minutes of its founding
meeting) under `commitments.cooperation`.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.rules._commitment import check_commitment
from om_cli.rules.base import Context

ID = "OM109"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    return check_commitment(ctx, ID, SEVERITY, "cooperation")
