"""`om audit [--since REV]`: the history rules OM301–OM305 over the git history."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Annotated

import typer

from om_cli.cli.options import (
    LangOption,
    NoCacheOption,
    RepoOption,
    RepoRegistryOption,
    StrictOption,
    language,
)
from om_cli.cli.options import ReportFormat as Format


def audit_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="REV",
            help="Nur die Commits nach REV prüfen (z. B. nach der Übernahme eines Registers).",
        ),
    ] = None,
    registry: RepoRegistryOption = "registry",
    repo: RepoOption = ".",
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = Format.text,
    strict: StrictOption = False,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
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
