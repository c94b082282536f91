"""`om audit [--since REV]`: the history rules OM301–OM305 over the git history."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.cli.options import Lang, language


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


def audit_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Nur die Commits nach REV prüfen (z. B. nach der Übernahme eines Registers).",
        ),
    ] = None,
    registry: Annotated[
        str,
        typer.Option(
            "--registry-path",
            "--registry",
            "-r",
            help="Ordner des Registers, relativ zum Repository.",
        ),
    ] = "registry",
    repo: Annotated[
        str, typer.Option("--repo", help="Ordner im Git-Repository (Standard: .).")
    ] = ".",
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = Format.text,
    strict: Annotated[
        bool, typer.Option("--strict", help="Auch Warnungen führen zu Exit-Code 1.")
    ] = False,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache der Meldungen (Standard: de, oder OM_LANG)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Den Zwischenspeicher nicht benutzen.")
    ] = False,
) -> None:
    """Die Git-Historie prüfen: Lebenszyklus, Beschlüsse, Signaturen (OM301–OM305)."""
    from om_cli.audit import audit
    from om_cli.findings import Report
    from om_cli.reporters import REPORTERS

    result = audit(repo, registry, since=since, use_cache=not no_cache)
    report = Report(
        registry=registry,
        as_of=dt.date.today().isoformat(),
        findings=tuple(result.findings),
        files=0,
        commits=result.commits,
    )
    color = output_format is Format.text and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    REPORTERS[output_format.value](report, language(lang), sys.stdout, color)
    raise typer.Exit(report.exit_code(strict=strict))
