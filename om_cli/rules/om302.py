"""OM302 — a status change carries its decision (history).

Clause: „Ein neues Netzwerk stellt zur Anerkennung eines regionalen oder fachlichen Netzwerks
der Offensive Mittelstand einen Antrag beim Leitungskreis.“ „Es ist möglich, dass das Plenum
der Offensive Mittelstand auf Vorschlag der Leitung, einem Netzwerk der Offensive Mittelstand
die Berechtigung entzieht, sich Offensive Mittelstands-Netzwerk zu nennen.“

What it checks (`om audit`, `om check --base`): a commit that changes a network's status to
`recognized`, `rejected` or `withdrawn` carries the trailers `OM-Action` naming that step
(`recognition`, `rejection`, `withdrawal`; an `OM-Action` naming another step is reported even
where trailers are not required) and `OM-Decision: <id>`, and that
decision exists in the commit (added in it or before), is of the right kind and body —
`recognition` or `rejection` by the `leitungskreis`, `withdrawal` by the `plenum` — and names
the network in `networks`. Several `OM-Decision` trailers are allowed; one must fit. An
application (a new network, or a rejected or withdrawn one applying again, status `applied`)
needs no decision. With `audit.require_trailers: false` in `om.yaml` (read from the commit's
first parent) the trailer may be missing, but a fitting decision must still exist in the
commit.

Passing example (what `om decide recognize` writes)::

    Anerkennung: om-beispiel (2026-03-11)

    OM-Action: recognition
    OM-Decision: lk-2026-03-anerkennung-om-beispiel

Failing example: the same commit without the `OM-Decision` line, or naming a `rejection`, or a
decision about another network.

How to fix: make status changes with `om decide`, which writes the decision and the trailers in
one commit. A commit already made stays in the history; the audit reports it until it is
audited from a later starting point (`--since`) by the secretariat's decision.
"""

from __future__ import annotations

from om_cli.findings import Severity

ID = "OM302"
SEVERITY = Severity.ERROR

# the new status -> the decision that must have made it: kind and body
NEEDED: dict[str, tuple[str, str]] = {
    "recognized": ("recognition", "leitungskreis"),
    "rejected": ("rejection", "leitungskreis"),
    "withdrawn": ("withdrawal", "plenum"),
}
# the new status -> the `OM-Action` trailer that names the step
ACTIONS: dict[str, str] = {
    "recognized": "recognition",
    "rejected": "rejection",
    "withdrawn": "withdrawal",
}
