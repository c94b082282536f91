"""`om record meeting|report NETWORK …`: append a meeting or a Plenum report to a network."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.apply import PUSH_HELP
from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.cli.terminal import (
    PushCommand,
    complete_networks,
    complete_partners,
    complete_plenums,
    interruptible,
    spinner,
)
from om_cli.messages import msg

app = typer.Typer(
    help="Eine Sitzung oder einen Bericht an das Plenum eintragen.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Form(StrEnum):
    in_person = "in_person"
    written = "written"


NetworkArg = Annotated[
    str,
    typer.Argument(
        metavar="NETWORK", help="Kennung des Netzwerks.", autocompletion=complete_networks
    ),
]
RegistryOpt = Annotated[str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")]
BranchOpt = Annotated[
    bool, typer.Option("--branch", help="Auf neuem Zweig record/<id>-<datum> committen.")
]
PushOpt = Annotated[
    str | None,
    typer.Option("--push", metavar="[REMOTE]", help=PUSH_HELP),
]
LangOpt = Annotated[Lang | None, typer.Option("--lang", help="Sprache (de, en).")]
DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="Nur zeigen, was geschrieben würde.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Stichtag (Standard: heute).", hidden=True)
]


@app.command("meeting", cls=PushCommand)
def meeting_command(
    network: NetworkArg,
    date: Annotated[str, typer.Option("--date", help="Datum der Sitzung, JJJJ-MM-TT.")],
    title: Annotated[str | None, typer.Option("--title", help="Titel der Sitzung.")] = None,
    minutes: Annotated[
        str | None, typer.Option("--minutes", help="Verweis auf das Protokoll.")
    ] = None,
    registry: RegistryOpt = None,
    branch: BranchOpt = False,
    push: PushOpt = None,
    dry_run: DryRunOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Eine Sitzung des Netzwerks eintragen (die Datei behält ihre Kommentare)."""
    from om_cli.cli.outcome import finish
    from om_cli.record import plan_meeting

    chosen = language(lang)
    today = parse_as_of(as_of)
    root = find_registry(registry, [])
    with interruptible(chosen):
        with spinner(msg("outcome.loading"), chosen):
            submission = plan_meeting(
                root, network, date=date, title=title, minutes=minutes, today=today
            )
        finish(
            root, submission, lang=chosen, as_of=today, branch=branch, push=push,
            dry_run=dry_run,
        )  # fmt: skip


@app.command("report", cls=PushCommand)
def report_command(
    network: NetworkArg,
    plenum: Annotated[
        str,
        typer.Option(
            "--plenum", help="Plenumssitzung (ihr Datum).", autocompletion=complete_plenums
        ),
    ],
    form: Annotated[Form, typer.Option("--form", help="in_person oder written.")],
    by: Annotated[
        str | None,
        typer.Option(
            "--by", help="Partner, der persönlich berichtet.", autocompletion=complete_partners
        ),
    ] = None,
    registry: RegistryOpt = None,
    branch: BranchOpt = False,
    push: PushOpt = None,
    dry_run: DryRunOpt = False,
    as_of: AsOfOpt = None,
    lang: LangOpt = None,
) -> None:
    """Einen Bericht des Netzwerks an das Plenum eintragen."""
    from om_cli.cli.outcome import finish
    from om_cli.record import plan_report

    chosen = language(lang)
    today = parse_as_of(as_of)
    root = find_registry(registry, [])
    with interruptible(chosen):
        with spinner(msg("outcome.loading"), chosen):
            submission = plan_report(root, network, plenum=plenum, form=form.value, by=by)
        finish(
            root, submission, lang=chosen, as_of=today, branch=branch, push=push,
            dry_run=dry_run,
        )  # fmt: skip
