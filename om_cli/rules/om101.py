"""OM101 — the application describes region or topic, goals and approach.

Clause: „Ein neues Netzwerk stellt zur Anerkennung eines regionalen oder fachlichen Netzwerks
der Offensive Mittelstand einen Antrag beim Leitungskreis. Dabei beschreibt das Netzwerk die
Region bzw. das fachliche Thema in dem es tätig sein will, sowie seine Ziele und seine
Vorgehensweise.“

What it checks (live networks, i.e. `applied` or `recognized`): a regional network names at
least one region in `regions`, a thematic network a `topic`; `application.goals` and
`application.approach` are not empty. One finding per network, naming what is missing.

Passing example::

    kind: regional
    regions: [ags-06611]
    application:
      goals: KMU in Kassel für gute Arbeit gewinnen
      approach: Vierteljährliche Unternehmerfrühstücke, INQA-Check in Betrieben

Failing example::

    kind: regional
    application:
      goals: KMU in Kassel für gute Arbeit gewinnen

How to fix: add the missing region or topic and describe goals and approach.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import Message, msg
from om_cli.rules.base import Context

ID = "OM101"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        missing: list[tuple[str, Message]] = []
        if network.kind == "regional" and not network.regions:
            missing.append(("/regions", msg("field.regions")))
        if network.kind == "thematic" and network.topic is None:
            missing.append(("/topic", msg("field.topic")))
        if network.goals is None:
            pointer = "/application/goals" if network.has_application else "/application"
            missing.append((pointer, msg("field.goals")))
        if network.approach is None:
            pointer = "/application/approach" if network.has_application else "/application"
            missing.append((pointer, msg("field.approach")))
        if missing:
            parts = [part for _, part in missing]
            message = msg("om101.missing", missing=_join(parts))
            yield ctx.finding(ID, SEVERITY, network.doc, missing[0][0], message)


def _join(parts: list[Message]) -> Message:
    """Several field names as one message argument, joined per language."""
    message = parts[0]
    for part in parts[1:]:
        message = msg("list.and", first=message, second=part)
    return message
