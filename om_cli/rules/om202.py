"""OM202 — the partner logo when the name does not say „Offensive Mittelstand“.

Clause: „Wird der Bezug zur Offensive Mittelstand im Namen des Netzwerkes nicht deutlich, macht
das Netzwerk öffentlich deutlich, dass es auch ein Partnernetzwerk der Offensive Mittelstand
ist – durch Führen des Partner-Logos auf der Homepage.“

What it checks (live networks): a name that does not contain „Offensive Mittelstand“ (case
ignored, hyphens as spaces) needs a `website` and `partner_logo: true`.

Passing example: `name: Gute Arbeit Kassel`, `website: https://gute-arbeit-kassel.example`,
`partner_logo: true`.

Failing example: `name: Gute Arbeit Kassel` without `partner_logo`.

How to fix: show the OM partner logo on the network's homepage and record `website` and
`partner_logo: true` — or carry „Offensive Mittelstand“ in the name.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context
from om_cli.rules.om201 import fold

ID = "OM202"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        if network.name is None or "offensive mittelstand" in fold(network.name):
            continue
        if network.website is None:
            yield ctx.finding(ID, SEVERITY, network.doc, "/website", msg("om202.no_website"))
        elif network.partner_logo is not True:
            yield ctx.finding(ID, SEVERITY, network.doc, "/partner_logo", msg("om202.no_logo"))
