"""`om export partners|networks`: the public lists."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.options import Lang, find_registry, language, parse_as_of


class Listing(StrEnum):
    partners = "partners"
    networks = "networks"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    html = "html"


def export_command(
    what: Annotated[Listing, typer.Argument(help="partners oder networks.")],
    output_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = ExportFormat.csv,
    out: Annotated[
        str | None,
        typer.Option("--out", "-o", help="In diese Datei schreiben (atomar) statt auf stdout."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Stichtag JJJJ-MM-TT (Standard: heute).")
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option("--registry", "-r", help="Ordner des Registers (Standard: ./registry)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache der Überschriften (Standard: de, oder OM_LANG)."),
    ] = None,
) -> None:
    """Öffentliche Liste: anerkannte Netzwerke oder aktive Partner mit Zustimmung zur
    Veröffentlichung, nur öffentliche Felder (keine Kontaktdaten)."""
    from om_cli.export import export, render

    day = parse_as_of(as_of)
    root = find_registry(registry, [])
    text = render(export(root, what.value, day), output_format.value, language(lang))
    if out is None:
        sys.stdout.write(text)
        return
    from om_cli.output import write_atomic

    write_atomic(out, text)
