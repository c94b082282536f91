"""OM204 — the Leitungskreis tells the Plenum about its dispute resolutions.

Clause: „Kommt es zu keiner Einigung wird der Leitungskreis der Offensive-Mittelstand zur
Klärung hinzugezogen und entscheidet, falls keine Einigung erzielt wird. Der Leitungskreis wird
dies dem Plenum mitteilen.“

What it checks: a Leitungskreis decision of kind `dispute_resolution` appears in the
`informed_of` of a Plenum meeting held after it — once such a meeting has been held (dated
after the decision and on or before as-of). Reported on the decision.

Passing example: `decisions/2024/lk-2024-07-schlichtung.yaml` (dated 2024-07-02) and
`plenum/2024-11-20.yaml` with `informed_of: [lk-2024-07-schlichtung]`.

Failing example: the same Plenum meeting without the decision in `informed_of`.

How to fix: add the decision's id to `informed_of` of the Plenum meeting where it was reported,
or report it at the next meeting.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM204"
SEVERITY = Severity.WARNING


def check(ctx: Context) -> Iterator[Finding]:
    held = [
        plenum
        for plenum in ctx.registry.plenums.values()
        if plenum.date is not None and plenum.date <= ctx.as_of
    ]
    for decision in ctx.registry.decisions.values():
        if decision.kind != "dispute_resolution" or decision.body != "leitungskreis":
            continue
        if decision.date is None:
            continue
        later = [
            plenum for plenum in held if plenum.date is not None and plenum.date > decision.date
        ]
        if later and not any(decision.id in plenum.informed_of for plenum in later):
            first = min(later, key=lambda plenum: plenum.id)
            message = msg("om204.not_informed", plenum=first.id)
            yield ctx.finding(ID, SEVERITY, decision.doc, "", message)
