"""`--format text`: findings grouped by file, then a summary.

On a terminal the output is rich (severity colours, a summary table); piped or redirected it is
plain text, one finding a line, so it reads well in CI logs and diffs — and rich is not even
imported. File contents reach the terminal only as escaped text, never as markup.
"""

from __future__ import annotations

from itertools import groupby
from typing import TextIO

from om_cli.findings import Finding, Report, Severity
from om_cli.messages import msg, printable

_LABELS = {
    "de": {Severity.ERROR: "Fehler", Severity.WARNING: "Warnung", Severity.NOTICE: "Hinweis"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"},
}
_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.NOTICE: "cyan"}


def label(severity: Severity, lang: str) -> str:
    return _LABELS.get(lang, _LABELS["de"])[severity]


def _message(finding: Finding, lang: str) -> str:
    text = finding.message.text(lang)
    if finding.waiver:
        text += " " + msg("text.waived", decision=finding.waiver).text(lang)
    if finding.existing:
        text += " " + msg("text.existing").text(lang)
    return printable(text, 10_000)  # defence in depth: nothing reaches the terminal raw


def _summary(report: Report, lang: str) -> str:
    counts = {
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "notices": report.count(Severity.NOTICE),
    }
    if report.commits is None:
        text = msg("text.summary", files=report.files, **counts).text(lang)
    elif not report.files:
        text = msg("text.summary_commits", commits=report.commits, **counts).text(lang)
    else:
        both = msg("text.summary_both", files=report.files, commits=report.commits, **counts)
        text = both.text(lang)
    if report.base is not None:
        text += "\n" + msg("text.summary_base", base=report.base[:12]).text(lang)
        if report.existing:
            existing = msg("text.summary_existing", existing=report.existing, base=report.base[:12])
            text += "\n" + existing.text(lang)
    return text


def render(report: Report, lang: str, stream: TextIO, color: bool) -> None:
    if color:
        _render_rich(report, lang, stream)
        return
    for file, group in groupby(report.findings, key=lambda finding: finding.file):
        stream.write(f"{printable(file, 1000)}\n")
        for finding in group:
            where = f"{finding.line}:{finding.column}"
            severity = label(finding.severity, lang)
            stream.write(f"  {where:<8} {severity:<8} {finding.rule}  {_message(finding, lang)}\n")
    if report.findings:
        stream.write("\n")
    stream.write(_summary(report, lang) + "\n")


def _render_rich(report: Report, lang: str, stream: TextIO) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(file=stream, highlight=False, soft_wrap=True)
    for file, group in groupby(report.findings, key=lambda finding: finding.file):
        file = printable(file, 1000)
        console.print(f"[bold underline]{escape(file)}[/]")
        for finding in group:
            style = _STYLES[finding.severity]
            severity = label(finding.severity, lang)
            console.print(
                f"  [dim]{escape(file)}:{finding.line}:{finding.column}[/]  "
                f"[{style}]{severity:<8}[/] [bold]{finding.rule}[/]  "
                f"{escape(_message(finding, lang))}"
            )
        console.print()
    table = Table(title=msg("text.summary_title").text(lang), title_justify="left")
    table.add_column(msg("text.severity").text(lang))
    table.add_column(msg("text.count").text(lang), justify="right")
    for level in Severity:
        table.add_row(f"[{_STYLES[level]}]{label(level, lang)}[/]", str(report.count(level)))
    console.print(table)
    console.print(_summary(report, lang))
