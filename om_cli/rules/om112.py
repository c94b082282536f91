"""OM112 — withdrawal by the Plenum on the Leitungskreis' proposal.

Clause: „Es ist möglich, dass das Plenum der Offensive Mittelstand auf Vorschlag der Leitung,
einem Netzwerk der Offensive Mittelstand die Berechtigung entzieht, sich Offensive
Mittelstands-Netzwerk zu nennen.“

What it checks: a network with `status: withdrawn` is named by a decision of the `plenum` of
kind `withdrawal`, `proposed_by: leitungskreis`, dated on or before `withdrawn_on` (or on or
before as-of when `withdrawn_on` is missing). The finding is reported on the network and names
the decision at fault, if there is one.

Passing example: `status: withdrawn`, `withdrawn_on: 2025-05-14`, and
`decisions/2025/plenum-2025-05-entzug.yaml` with `body: plenum`, `kind: withdrawal`,
`proposed_by: leitungskreis`, `date: 2025-05-14`, `networks: [om-beispiel]`.

Failing example: the same decision with `proposed_by: secretariat`.

How to fix: record the Plenum's decision (`om decide withdraw`); only the Plenum can withdraw
recognition, and only on the Leitungskreis' proposal.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import Message, msg
from om_cli.rules.base import Context

ID = "OM112"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.registry.networks.values():
        if network.status != "withdrawn":
            continue
        deadline = network.withdrawn_on or ctx.as_of
        fault: Message | None = None
        for decision in ctx.decisions_naming(network.id):
            if decision.kind != "withdrawal":
                continue
            if decision.body != "plenum":
                fault = msg("om112.wrong_body", decision=decision.id)
            elif decision.proposed_by != "leitungskreis":
                fault = msg("om112.not_proposed", decision=decision.id)
            elif decision.date is None or decision.date > deadline:
                fault = msg("om112.too_late", decision=decision.id, date=deadline.isoformat())
            else:
                break
        else:
            pointer = "/withdrawn_on" if network.withdrawn_on else "/status"
            yield ctx.finding(ID, SEVERITY, network.doc, pointer, fault or msg("om112.missing"))
