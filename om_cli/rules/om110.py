"""OM110 — open to all partners.

Clause: „Regionale und fachliche Netzwerke der Offensive Mittelstand sind offen für alle
Partner der Offensive Mittelstand und versuchen vor Ort oder im Themenfeld weitere Partner hinzu
zu gewinnen. Ein geschlossenes Netzwerk kann kein regionales oder fachliches Netzwerk der
Offensive Mittelstand sein und kann ausschließlich den Status eines Partners erhalten.“

What it checks (live networks): `open: true`.

Passing example: `open: true`.

Failing example: `open: false`, or no `open` at all.

How to fix: open the network to all OM partners and record `open: true`; a closed network can
only join the OM as a partner (`om new partner`).
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM110"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        if network.open is not True:
            yield ctx.finding(ID, SEVERITY, network.doc, "/open", msg("om110.closed"))
