"""`om status`: one screen for the secretariat, as rich tables."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from om_cli.cli.options import Lang, find_registry, language, parse_as_of
from om_cli.messages import printable

if TYPE_CHECKING:  # the briefing code is imported only when `om status` runs
    from om_cli.status import Status

_STYLES = {"error": "bold red", "warning": "yellow", "notice": "cyan"}


def status_command(
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Stichtag JJJJ-MM-TT (Standard: heute).")
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option("--registry", "-r", help="Ordner des Registers (Standard: ./registry)."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache (Standard: de, oder OM_LANG)."),
    ] = None,
) -> None:
    """Überblick für die Geschäftsstelle: Zahlen, dringendste Befunde, nächstes Plenum.

    Exit-Code 1, wenn das Register Fehler enthält (wie om check)."""
    from om_cli.status import build

    root = find_registry(registry, [])
    status = build(root, parse_as_of(as_of))
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    render(status, language(lang), sys.stdout, color)
    raise typer.Exit(1 if status.severities["error"] else 0)


def render(status: Status, lang: str, stream: TextIO, color: bool) -> None:
    """The overview: three small tables side by side, the urgent findings, the next Plenum."""
    from rich.columns import Columns
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from om_cli.briefing_render import helpers

    h = helpers(lang)
    t = h["t"]
    console = Console(
        file=stream,
        highlight=False,
        color_system="auto" if color else None,
        width=None if color else 100,
    )
    title = t(
        "status.title", registry=printable(status.registry, 200), date=h["date"](status.as_of)
    )
    console.print(f"[bold]{escape(title)}[/]")
    networks = Table(title=t("report.networks"), title_justify="left", show_header=False)
    networks.add_column()
    networks.add_column(justify="right")
    for key, count in status.networks_by_status.items():
        networks.add_row(escape(h["status_label"](key)), str(count))
    partners = Table(title=t("report.partners"), title_justify="left", show_header=False)
    partners.add_column()
    partners.add_column(justify="right")
    partners.add_row(t("report.partners_active"), str(status.partners_active))
    partners.add_row(t("report.partners_inactive"), str(status.partners_inactive))
    findings = Table(title=t("report.findings"), title_justify="left", show_header=False)
    findings.add_column()
    findings.add_column(justify="right")
    for level, count in status.severities.items():
        findings.add_row(f"[{_STYLES[level]}]{escape(h['state_label'](level))}[/]", str(count))
    console.print(Columns([networks, partners, findings], padding=(0, 4)))
    console.print()
    if status.urgent:
        urgent = Table(title=t("status.urgent"), title_justify="left", expand=True)
        urgent.add_column(t("report.severity"), no_wrap=True)
        urgent.add_column(t("report.rule"), no_wrap=True)
        urgent.add_column(t("report.entity"))
        urgent.add_column(t("report.message"), ratio=3)
        for finding in status.urgent:
            level = finding.severity.value
            urgent.add_row(
                f"[{_STYLES[level]}]{escape(h['state_label'](level))}[/]",
                finding.rule,
                escape(printable(finding.entity, 120)),
                escape(printable(h["finding_text"](finding), 1000)),
            )
        console.print(urgent)
        if status.more:
            console.print(escape(t("status.more", count=status.more)))
    else:
        console.print(f"[green]{escape(t('status.no_urgent'))}[/]")
    console.print()
    if status.next_plenum is None:
        console.print(escape(t("status.no_next")))
    else:
        days = (status.next_plenum - status.as_of).days
        when = t("status.today") if days == 0 else t("status.in_days", days=days)
        place = printable(status.next_location, 120) or "?"
        text = t("status.next", date=h["date"](status.next_plenum), location=place, when=when)
        console.print(f"[bold]{escape(text)}[/]")
