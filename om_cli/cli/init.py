"""`om init DIR`: a new registry repository (the work is in `om_cli.init`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from om_cli.cli.options import Lang, language
from om_cli.messages import msg, printable


def init_command(
    folder: Annotated[str, typer.Argument(metavar="DIR", help="Neuer (oder leerer) Ordner.")],
    package: Annotated[
        str | None,
        typer.Option(
            "--package", help="Woher CI om installiert (pip-Angabe; Standard: om-cli==VERSION)."
        ),
    ] = None,
    secretariat: Annotated[
        str | None,
        typer.Option(
            "--secretariat",
            help="Besitzer der Dateien der Geschäftsstelle in CODEOWNERS (@org/team).",
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache der Meldungen (Standard: de, oder OM_LANG)."),
    ] = None,
) -> None:
    """Ein neues Register-Repository anlegen: Register, CI, pre-commit, CODEOWNERS, git init."""
    from om_cli.init import DEFAULT_PACKAGE, DEFAULT_SECRETARIAT, create

    created = create(
        folder,
        package=package or DEFAULT_PACKAGE,
        secretariat=secretariat or DEFAULT_SECRETARIAT,
    )
    chosen = language(lang)
    for name in created.files:
        if not name.endswith(".gitkeep"):
            sys.stdout.write(f"  {printable(name, 200)}\n")
    text = msg("init.done", path=printable(created.folder, 200), count=len(created.files))
    sys.stdout.write(text.text(chosen) + "\n")
