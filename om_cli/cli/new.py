"""`om new partner`: register a new partner organisation, asked for step by step."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from om_cli.cli.apply import PUSH_HELP
from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.cli.terminal import PushCommand, complete_regions, interruptible, spinner
from om_cli.messages import msg

app = typer.Typer(
    help="Neue Einträge anlegen (Partner).", no_args_is_help=True, rich_markup_mode=None
)


@app.command("partner", cls=PushCommand)
def partner_command(
    name: Annotated[str | None, typer.Option("--name", help="Name des Partners.")] = None,
    partner_id: Annotated[str | None, typer.Option("--id", help="Kennung (Dateiname).")] = None,
    partner_type: Annotated[
        str | None,
        typer.Option(
            "--type", help="Art: chamber, association, union, … (oder Kammer, Verband, …)."
        ),
    ] = None,
    group: Annotated[
        str | None, typer.Option("--group", help="Gruppe verbundener Organisationen.")
    ] = None,
    signed_on: Annotated[
        str | None,
        typer.Option(
            "--signed-on", help="Grundsätze der Zusammenarbeit unterzeichnet am (JJJJ-MM-TT)."
        ),
    ] = None,
    listing_consent: Annotated[
        bool | None,
        typer.Option(
            "--listing-consent/--no-listing-consent", help="Einwilligung zur öffentlichen Nennung."
        ),
    ] = None,
    website: Annotated[str | None, typer.Option("--website", help="Website.")] = None,
    region: Annotated[
        str | None,
        typer.Option(
            "--region",
            help="Region (Name, Kreisschlüssel oder Kennung).",
            autocompletion=complete_regions,
        ),
    ] = None,
    answer_file: Annotated[
        str | None, typer.Option("--from", help="Antwortdatei (YAML oder JSON).")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Nie fragen; fehlende Antworten sind ein Fehler.")
    ] = False,
    registry: Annotated[
        str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")
    ] = None,
    branch: Annotated[
        bool, typer.Option("--branch", help="Auf neuem Zweig partner/<id> committen.")
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
    """Einen neuen Partner anlegen: Art, Gruppe, Grundsätze, Einwilligung, Website, Region."""
    from om_cli.answers import Lookup, answer_all, read_answer_file
    from om_cli.cli.outcome import finish
    from om_cli.decide import FileChange
    from om_cli.new_partner import QUESTIONS, commit_title, partner_document, partner_path
    from om_cli.submit import Submission

    chosen = language(lang)
    with interruptible(chosen):
        today = parse_as_of(as_of)
        given: dict[str, Any] = read_answer_file(answer_file) if answer_file else {}
        flags = {
            "name": name, "id": partner_id, "type": partner_type, "group": group,
            "principles_signed_on": signed_on, "listing_consent": listing_consent,
            "website": website, "region": region,
        }  # fmt: skip
        given.update({key: value for key, value in flags.items() if value is not None})
        root = find_registry(registry, [])
        with spinner(msg("outcome.loading"), chosen):
            lookup = Lookup.from_registry(root, today)
        ask = reject = None
        if not yes:
            from om_cli.cli.ask import Asker

            asker = Asker(lookup, chosen)
            asker.title = msg("partner.title")
            ask, reject = asker.ask, asker.reject
        answers = answer_all(
            QUESTIONS,
            given,
            lookup,
            incomplete=False,
            subject="om new partner",
            ask=ask,
            reject=reject,
        )
        path = partner_path(root, answers["id"])
        submission = Submission(
            (FileChange(path, partner_document(answers, lookup), None),),
            (f"partners/{answers['id']}",),
            commit_title(answers),
            ("partner",),
            f"partner/{answers['id']}",
        )
        finish(
            root, submission, lang=chosen, as_of=today, branch=branch, push=push,
            open_texts=("partner.result_none", "partner.result_open"),
            dry_run=dry_run,
        )  # fmt: skip
