"""OM113 — recognition (and rejection) by the Leitungskreis.

Clause: „Ein neues Netzwerk stellt zur Anerkennung eines regionalen oder fachlichen Netzwerks
der Offensive Mittelstand einen Antrag beim Leitungskreis.“

What it checks: a network with `status: recognized` is named by a `leitungskreis` decision of
kind `recognition` dated on or before `recognized_on`; a network with `status: rejected` by a
`leitungskreis` decision of kind `rejection` dated on or before `rejected_on` (on or before
as-of when the date is missing). The finding is reported on the network and names the
decision at fault, if there is one.

Passing example: `status: recognized`, `recognized_on: 2023-03-08` and a decision with
`body: leitungskreis`, `kind: recognition`, `date: 2023-03-08`, `networks: [om-beispiel]`.

Failing example: the same decision with `body: plenum`, or dated 2023-04-01.

How to fix: record the Leitungskreis' decision (`om decide recognize` or `om decide reject`).
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import Message, msg
from om_cli.rules.base import Context

ID = "OM113"
SEVERITY = Severity.ERROR

_NEEDED = {
    "recognized": ("recognition", "recognized_on"),
    "rejected": ("rejection", "rejected_on"),
}


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.registry.networks.values():
        if network.status not in _NEEDED:
            continue
        kind, date_field = _NEEDED[network.status]
        dated = getattr(network, date_field)
        deadline = dated or ctx.as_of
        fault: Message | None = None
        for decision in ctx.decisions_naming(network.id):
            if decision.kind != kind:
                continue
            if decision.body != "leitungskreis":
                fault = msg("om113.wrong_body", decision=decision.id)
            elif decision.date is None or decision.date > deadline:
                fault = msg("om113.too_late", decision=decision.id, date=deadline.isoformat())
            else:
                break
        else:
            pointer = f"/{date_field}" if dated else "/status"
            missing = msg("om113.missing", kind=msg(f"decision_kind.{kind}"))
            yield ctx.finding(ID, SEVERITY, network.doc, pointer, fault or missing)
