"""`om report plenum`: the briefing for a Plenum meeting."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.errors import UsageError
from om_cli.messages import msg

app = typer.Typer(help="Berichte aus dem Register.", no_args_is_help=True, rich_markup_mode=None)


class BriefingFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


@app.command("plenum")
def plenum_command(
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            "-d",
            help="Tag der Plenumssitzung JJJJ-MM-TT (Stichtag; Standard: die nächste Sitzung "
            "in plenum/).",
        ),
    ] = None,
    output_format: Annotated[
        BriefingFormat, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = BriefingFormat.md,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="In diese Datei schreiben (atomar) statt auf stdout."),
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option("--registry", "-r", help="Ordner des Registers (Standard: ./registry)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache des Berichts (Standard: de, oder OM_LANG)."),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Das Register, wie es in diesem Commit war (für frühere Sitzungen)."
        ),
    ] = None,
) -> None:
    """Lagebericht für die Plenumssitzung am DATUM, geprüft zu diesem Tag."""
    from om_cli.briefing import build, build_at, next_meeting
    from om_cli.briefing_render import render

    if date is not None:
        day = parse_as_of(date)
    else:
        found = next_meeting(find_registry(registry, []), parse_as_of(None))
        if found is None:
            raise UsageError(msg("report.no_next_meeting"))
        day = found
    if at is not None:
        briefing = build_at(registry or "registry", at, day)
    else:
        briefing = build(find_registry(registry, []), day)
    text = render(briefing, output_format.value, language(lang))
    if out is None:
        sys.stdout.write(text)
        return
    from om_cli.output import write_atomic

    write_atomic(out, text)
