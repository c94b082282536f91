"""OM104 — it helps to implement the reference instruments.

Clause: „Es hilft mit, die Referenzinstrumente der Offensive Mittelstand umzusetzen
(INQA-Unternehmenscheck sowie die weiteren Instrumente zur Umsetzung einzelner Aspekte des
INQA-Unternehmenschecks)“

What it checks (live networks): every instrument marked `reference: true` in
`taxonomy/instruments.yaml` (the INQA-Unternehmenscheck „Guter Mittelstand“) is listed in the
network's `instruments`. One finding per network, naming the missing instruments.

Passing example::

    instruments: [inqa-check-guter-mittelstand, praxischeck-gesundheit]

Failing example::

    instruments: [praxischeck-gesundheit]

How to fix: add the reference instrument's id to `instruments`.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM104"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    references = ctx.reference_instruments
    if not references:
        return
    for network in ctx.live_networks:
        listed = set(network.instruments)
        missing = [entry.id for entry in references if entry.id not in listed]
        if missing:
            message = msg("om104.missing", instruments=", ".join(missing))
            yield ctx.finding(ID, SEVERITY, network.doc, "/instruments", message)
