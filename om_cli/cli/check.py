"""`om check`: all checks on a registry."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from om_cli.cli.options import (
    LangOption,
    NoCacheOption,
    StrictOption,
    existing_paths,
    find_registry,
    language,
    parse_as_of,
)
from om_cli.cli.options import ReportFormat as Format
from om_cli.errors import UsageError
from om_cli.messages import msg


def check_command(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Nur Befunde zu diesen Dateien zeigen (das Register wird ganz geprüft)."
        ),
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option("--registry", "-r", help="Ordner des Registers (Standard: ./registry)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Prüfdatum JJJJ-MM-TT (Standard: heute).")
    ] = None,
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = Format.text,
    strict: StrictOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
    at: Annotated[
        str | None,
        typer.Option(
            "--at", help="Das Register, wie es in diesem Commit war (Stichtag: sein Datum)."
        ),
    ] = None,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            help="Nur Befunde, die die Änderung gegenüber diesem Commit neu einführt "
            "(Stichtag: Datum des geprüften Commits).",
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Option(
            "--head", help="Mit --base: diesen Commit prüfen statt des Arbeitsverzeichnisses."
        ),
    ] = None,
    show_existing: Annotated[
        bool,
        typer.Option(
            "--show-existing", help="Mit --base: auch schon vorhandene Befunde zeigen (markiert)."
        ),
    ] = False,
) -> None:
    """Das Register gegen Schema und Kriterien prüfen."""
    from om_cli.checker import check
    from om_cli.reporters import REPORTERS

    if (head is not None or show_existing) and base is None:
        raise UsageError(msg("base.head_without_base"))
    if at is not None and base is not None:
        raise UsageError(msg("base.at_and_base"))
    if base is not None:
        from om_cli.basecheck import check_base

        paths = existing_paths(paths or []) if head is None else (paths or [])
        root = find_registry(registry, paths) if head is None else registry
        report = check_base(
            root,
            base,
            head=head,
            as_of=parse_as_of(as_of) if as_of else None,
            use_cache=not no_cache,
            show_existing=show_existing,
            only=paths,
        )
    elif at is not None:
        from om_cli.timetravel import check_at

        root = registry or "registry"
        report = check_at(root, at, as_of=parse_as_of(as_of) if as_of else None)
    else:
        paths = existing_paths(paths or [])
        root = find_registry(registry, paths)
        report = check(
            root, shown=root, as_of=parse_as_of(as_of), use_cache=not no_cache, only=paths
        )
    color = output_format is Format.text and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    REPORTERS[output_format.value](report, language(lang), sys.stdout, color)
    raise typer.Exit(report.exit_code(strict=strict))
