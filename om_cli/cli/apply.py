"""`om apply`: a coordinator's application for a new network, asked for step by step.

Answers come from flags, an answer file (`--from`, YAML or JSON) and, for whatever is still
missing, from prompts; `--yes` never prompts. The new file is written with status `applied`,
the check runs on the registry as it then is, and what the Leitungskreis would still miss is
shown. Exit code 0 once the application is written — findings on the new application are
expected at this stage and shown, not failed on; 2 for an answer that cannot be used.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import typer

from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.cli.terminal import (
    PushCommand,
    complete_instruments,
    complete_networks,
    complete_partners,
    complete_regions,
    complete_topics,
    interruptible,
    spinner,
)
from om_cli.messages import msg

if TYPE_CHECKING:
    from om_cli.cli.ask import Asker
    from om_cli.submit import Submission

PUSH_HELP = "Den neuen Zweig zu REMOTE übertragen (ohne REMOTE: origin); schließt --branch ein."
__all__ = ["PUSH_HELP", "PushCommand", "apply_command"]


def apply_command(
    name: Annotated[str | None, typer.Option("--name", help="Name des Netzwerks.")] = None,
    network_id: Annotated[
        str | None, typer.Option("--id", help="Kennung (Dateiname), z. B. om-region-kassel.")
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="regional oder thematic (fachlich).")
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent",
            help="Übergeordnetes Netzwerk (Teilnetzwerk).",
            autocompletion=complete_networks,
        ),
    ] = None,
    regions: Annotated[
        list[str] | None,
        typer.Option(
            "--region",
            help="Region: Name, Kreisschlüssel oder Kennung (mehrfach).",
            autocompletion=complete_regions,
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic", help="Thema (fachliches Netzwerk).", autocompletion=complete_topics
        ),
    ] = None,
    goals: Annotated[str | None, typer.Option("--goals", help="Ziele des Netzwerks.")] = None,
    approach: Annotated[
        str | None, typer.Option("--approach", help="Vorgehensweise des Netzwerks.")
    ] = None,
    applied_on: Annotated[
        str | None, typer.Option("--applied-on", help="Datum des Antrags (Standard: heute).")
    ] = None,
    partners: Annotated[
        list[str] | None,
        typer.Option(
            "--partner", help="Partner-Kennung (mehrfach).", autocompletion=complete_partners
        ),
    ] = None,
    coordinator: Annotated[
        str | None,
        typer.Option(
            "--coordinator", help="Koordinierender Partner.", autocompletion=complete_partners
        ),
    ] = None,
    commitments: Annotated[
        str | None,
        typer.Option("--commitments", help="Erklärungen: alle, ein Datum oder Namen mit Komma."),
    ] = None,
    is_open: Annotated[
        bool | None, typer.Option("--open/--closed", help="Offen für alle Partner der OM.")
    ] = None,
    instruments: Annotated[
        list[str] | None,
        typer.Option(
            "--instrument", help="Instrument (mehrfach).", autocompletion=complete_instruments
        ),
    ] = None,
    website: Annotated[str | None, typer.Option("--website", help="Website.")] = None,
    partner_logo: Annotated[
        bool | None,
        typer.Option("--partner-logo/--no-partner-logo", help="Website zeigt das Partner-Logo."),
    ] = None,
    answer_file: Annotated[
        str | None, typer.Option("--from", help="Antwortdatei (YAML oder JSON).")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Nie fragen; fehlende Antworten sind ein Fehler.")
    ] = False,
    incomplete: Annotated[
        bool,
        typer.Option("--incomplete", help="Auch mit offenen Kriterien (z. B. <3 Partner)."),
    ] = False,
    registry: Annotated[
        str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")
    ] = None,
    branch: Annotated[
        bool, typer.Option("--branch", help="Auf neuem Zweig antrag/<id> committen.")
    ] = False,
    push: Annotated[
        str | None,
        typer.Option("--push", metavar="[REMOTE]", help=PUSH_HELP),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Nur zeigen, was geschrieben würde.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Stichtag (Standard: heute).", hidden=True)
    ] = None,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Sprache (de, en).")] = None,
) -> None:
    """Ein neues Netzwerk beantragen: fragt alles ab, was die Kriterien verlangen."""
    from om_cli.answers import read_answer_file
    from om_cli.cli.outcome import finish

    chosen = language(lang)
    with interruptible(chosen):
        today = parse_as_of(as_of)
        given: dict[str, Any] = read_answer_file(answer_file) if answer_file else {}
        flags = {
            "name": name, "id": network_id, "kind": kind, "parent": parent, "regions": regions,
            "topic": topic, "goals": goals, "approach": approach, "applied_on": applied_on,
            "partners": partners, "coordinator": coordinator, "commitments": commitments,
            "open": is_open, "instruments": instruments, "website": website,
            "partner_logo": partner_logo,
        }  # fmt: skip
        given.update({key: value for key, value in flags.items() if value not in (None, [])})
        root = find_registry(registry, [])
        submission = _application(
            root, given, today, chosen, interactive=not yes, incomplete=incomplete
        )
        finish(
            root, submission, lang=chosen, as_of=today, branch=branch, push=push,
            open_texts=("apply.result_none", "apply.result_open"), dry_run=dry_run,
        )  # fmt: skip


def _application(
    root: str,
    given: dict[str, Any],
    today: dt.date,
    lang: str,
    *,
    interactive: bool,
    incomplete: bool,
) -> Submission:
    """The answers (asked for what is missing, when interactive) as files and a commit."""
    from om_cli.answers import Lookup, answer_all
    from om_cli.apply import QUESTIONS, commit_title, network_document, network_path
    from om_cli.decide import FileChange
    from om_cli.new_partner import partner_path
    from om_cli.submit import Submission

    with spinner(msg("outcome.loading"), lang):
        lookup = Lookup.from_registry(root, today)
    new_partners: dict[str, bytes] = {}
    asker = None
    if interactive:
        from om_cli.cli.ask import Asker

        asker = Asker(lookup, lang)
        asker.create_partner = lambda pid: _create_partner(asker, pid, new_partners)
        asker.title = msg("apply.title")
    answers = answer_all(
        QUESTIONS,
        given,
        lookup,
        incomplete=incomplete,
        subject="om apply",
        ask=asker.ask if asker else None,
        reject=asker.reject if asker else None,
    )
    network = network_path(root, answers["id"])
    changes = [FileChange(network, network_document(answers, lookup), None)]
    changes += [FileChange(partner_path(root, p), raw, None) for p, raw in new_partners.items()]
    actions = ("application",) + (("partner",) if new_partners else ())
    body = ""
    if new_partners:
        body = msg("apply.commit_partners", partners=", ".join(new_partners)).text("de")
    return Submission(
        tuple(changes),
        (f"networks/{answers['id']}", *(f"partners/{p}" for p in new_partners)),
        commit_title(answers),
        actions,
        f"antrag/{answers['id']}",
        body,
    )


def _create_partner(asker: Asker, partner_id: str, created: dict[str, bytes]) -> bool:
    """`om new partner`'s questions for a partner the application names; True when created."""
    from om_cli.answers import answer_all
    from om_cli.errors import UsageError
    from om_cli.new_partner import QUESTIONS, info, partner_document

    asker.heading(msg("partner.title_for", id=partner_id))
    try:
        answers = answer_all(
            QUESTIONS, {"id": partner_id}, asker.lookup, incomplete=False,
            subject="om new partner", ask=asker.ask,
        )  # fmt: skip
    except UsageError as error:  # e.g. an id that cannot be one: back to the partner list
        asker.say(error.message, "bold red")
        return False
    created[answers["id"]] = partner_document(answers, asker.lookup)
    asker.lookup.add_partner(info(answers, asker.lookup.today))
    asker.heading(msg("apply.title_back"))
    return True
