"""`om list …` and `om show ID`: look-ups in the registry."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.options import find_registry, language
from om_cli.errors import UsageError
from om_cli.messages import msg, printable


class Listing(StrEnum):
    networks = "networks"
    partners = "partners"
    decisions = "decisions"


def list_command(
    what: Annotated[Listing, typer.Argument(help="networks, partners oder decisions.")],
    registry: Annotated[
        str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="Nur mit diesem Status (bzw. Art bei Beschlüssen)."),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Nur Netzwerke, die diese Region berühren.")
    ] = None,
) -> None:
    """Netzwerke, Partner oder Beschlüsse auflisten."""
    from om_cli.lookup import list_entities

    root = find_registry(registry, [])
    for row in list_entities(root, what.value, status=status, region=region):
        sys.stdout.write("  ".join(printable(cell, 300) for cell in row) + "\n")


def show_command(
    entity_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Kennung, z. B. om-nordhessen oder partners/hwk-kassel."),
    ],
    registry: Annotated[
        str | None, typer.Option("--registry", "-r", help="Ordner des Registers.")
    ] = None,
) -> None:
    """Einen Eintrag des Registers anzeigen."""
    from om_cli.lookup import find_entity

    root = find_registry(registry, [])
    matches = find_entity(root, entity_id)
    if not matches:
        raise UsageError(msg("error.unknown_entity", id=entity_id[:64]))
    if len(matches) > 1:
        kinds = ", ".join(doc.entity for doc in matches)
        raise UsageError(msg("error.ambiguous_entity", id=entity_id[:64], kinds=kinds))
    doc = matches[0]
    sys.stdout.write(f"# {printable(doc.file, 1000)}\n")
    if doc.error is not None:  # never show the content of a file om refused to read
        sys.stdout.write(f"# OM001: {doc.error.message.text(language(None))}\n")
        raise typer.Exit(1)
    sys.stdout.write((doc.raw or b"").decode("utf-8", "replace"))
