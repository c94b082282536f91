"""OM105 — at least three partners.

Clause: „Es besteht aus mindestens drei Partnern (im Sinne der ‚Grundsätze der
Zusammenarbeit‘).“

What it checks (live networks): at least three distinct partners count on as-of. A partner
counts when one of its `partners` entries makes it a member on as-of (`since` ≤ as-of, and no
`until` or as-of < `until`: `until` is exclusive), it exists, it is active on as-of (no
`left_on` on or before as-of; `status: left` without `left_on` is never active), and it signed
the Grundsätze der Zusammenarbeit (`principles_signed_on`) on or before as-of.

Passing example: three entries `{partner: …, since: 2022-01-01}` naming three active partners
that signed the Grundsätze in 2021.

Failing example: the same, but one membership has `until: 2026-11-25` and the check runs on
2026-11-25.

How to fix: win a further partner (and have it sign the Grundsätze der Zusammenarbeit), or
correct the membership dates.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM105"
SEVERITY = Severity.ERROR
MINIMUM = 3


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        counted = ctx.counting_members(network)
        if len(counted) < MINIMUM:
            message = msg(
                "om105.too_few", count=len(counted), minimum=MINIMUM, as_of=ctx.as_of.isoformat()
            )
            yield ctx.finding(ID, SEVERITY, network.doc, "/partners", message)
