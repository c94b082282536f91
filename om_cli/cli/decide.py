"""`om decide`: record a decision of the Leitungskreis or the Plenum."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.messages import msg


class DecideAction(StrEnum):
    recognize = "recognize"
    reject = "reject"
    withdraw = "withdraw"
    consent = "consent"
    resolve = "resolve"
    waive = "waive"


class Proposer(StrEnum):
    leitungskreis = "leitungskreis"
    plenum = "plenum"
    secretariat = "secretariat"
    network = "network"


def decide_command(
    action: Annotated[DecideAction, typer.Argument(help="Was beschlossen wurde.")],
    date: Annotated[str, typer.Option("--date", help="Datum des Beschlusses, JJJJ-MM-TT.")],
    decision_id: Annotated[str, typer.Option("--id", help="Kennung des Beschlusses.")],
    networks: Annotated[
        list[str] | None,
        typer.Argument(metavar="NETWORK…", help="Betroffene Netzwerke (Kennungen)."),
    ] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", help="Verweis aufs Protokoll.")
    ] = None,
    summary: Annotated[str | None, typer.Option("--summary", help="Kurzfassung.")] = None,
    proposed_by: Annotated[
        Proposer | None, typer.Option("--proposed-by", help="Wer den Beschluss vorgeschlagen hat.")
    ] = None,
    registry: Annotated[
        str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Nur den Diff zeigen.")] = False,
    sign: Annotated[bool, typer.Option("--sign", help="Den Commit signieren (git -S).")] = False,
    signoff: Annotated[bool, typer.Option("--signoff", help="Signed-off-by anfügen.")] = False,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Sprache (de, en).")] = None,
    rule: Annotated[
        str | None, typer.Option("--rule", help="waive: die Regel, z. B. OM203.")
    ] = None,
    entity: Annotated[
        str | None, typer.Option("--entity", help="waive: der Eintrag, z. B. networks/om-kassel.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="waive: gilt bis JJJJ-MM-TT.")
    ] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="waive: die Begründung.")] = None,
) -> None:
    """Einen Beschluss eintragen: Beschlussdatei, Netzwerkstatus, ein Commit mit Trailern."""
    from om_cli.decide import Plan, Waiver, apply_plan, check_request, diff, plan_decision
    from om_cli.errors import UsageError
    from om_cli.safe_write import registry_lock

    day = parse_as_of(date)
    chosen = list(networks or [])
    proposer = proposed_by.value if proposed_by else None
    decided = check_request(
        action.value, chosen, date=day, decision_id=decision_id, proposed_by=proposer
    )
    waiver = None
    if decided.name == "waive":
        if not (rule and entity and until and reason):
            raise UsageError(msg("decide.waiver_fields"))
        waiver = Waiver(rule.strip().upper(), entity, parse_as_of(until), reason)
        if waiver.until < day:  # it would have ended before it was granted
            raise UsageError(
                msg("decide.waiver_expired", until=waiver.until.isoformat(), date=day.isoformat())
            )
    root = find_registry(registry, [])

    def planned() -> Plan:
        return plan_decision(
            root, decided, chosen, date=day, decision_id=decision_id,
            proposed_by=proposer, summary=summary, minutes=minutes, waiver=waiver,
        )  # fmt: skip

    if dry_run:  # reads only, takes no lock
        sys.stdout.write(diff(planned()))
        return
    # planned and written under one lock, which first rolls back what an interrupted om left
    with registry_lock(root):
        commit = apply_plan(planned(), root, sign=sign, signoff=signoff)
    sys.stdout.write(
        msg("decide.done", id=decision_id, commit=commit[:12]).text(language(lang)) + "\n"
    )
