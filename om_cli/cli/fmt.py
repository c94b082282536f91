"""`om fmt`: registry files in the house style."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from om_cli.cli.options import Lang, existing_paths, find_registry, language
from om_cli.messages import msg, printable


def fmt_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Nur diese Dateien oder Ordner (Standard: das ganze Register)."),
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option("--registry", "-r", help="Ordner des Registers (Standard: ./registry)."),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check",
            help="Nichts ändern, nur die Dateien nennen, die umformatiert würden (Exit-Code 1).",
        ),
    ] = False,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache der Meldungen (Standard: de, oder OM_LANG)."),
    ] = None,
) -> None:
    """Registerdateien in den Hausstil bringen (Kommentare und Reihenfolge bleiben)."""
    from om_cli.fmt import format_registry

    paths = existing_paths(paths or [])
    root = find_registry(registry, paths)
    result = format_registry(root, paths, check=check)
    chosen = language(lang)
    out = sys.stdout
    for problem in result.problems:
        where = f"{printable(problem.file, 1000)}:{problem.line}:{problem.column}"
        out.write(f"{where}: {printable(problem.message.text(chosen), 10_000)}\n")
    done = "fmt.would_reformat" if check else "fmt.reformatted"
    for file in result.changed:
        out.write(msg(done, file=printable(file, 1000)).text(chosen) + "\n")
    summary = msg(
        "fmt.summary_check" if check else "fmt.summary",
        changed=len(result.changed),
        unchanged=result.unchanged,
        problems=len(result.problems),
    )
    out.write(summary.text(chosen) + "\n")
    raise typer.Exit(result.exit_code)
