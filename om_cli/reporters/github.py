"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

A finding becomes `::error file=…,line=…,col=…,title=…::message` (`warning`, `notice` for the
other severities), which the runner turns into an annotation on the file and line of the pull
request. GitHub shows only so many annotations (see the caps below), in the order they are
printed, so the most severe come first; what lies above the caps is still printed as a plain
log line and, when `$GITHUB_STEP_SUMMARY` is set, listed in the job summary as a table.

Escaping follows the runner's rules (actions/toolkit `packages/core/src/command.ts`): in the
message `%`, CR and LF become `%25`, `%0D`, `%0A`; in a property also `:` and `,` (`%3A`,
`%2C`). Nothing from a registry file can so start a command of its own on a new line.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TextIO

from om_cli.findings import Finding, Report, Severity
from om_cli.messages import msg, printable
from om_cli.reporters.text import label

# GitHub's annotation limits (actions/toolkit, docs/problem-matchers.md, "Limitations"; the same
# holds for workflow commands): per step 10 error, 10 warning and 10 notice annotations are
# shown, and at most 50 annotations per job over all its steps.
MAX_PER_STEP = {Severity.ERROR: 10, Severity.WARNING: 10, Severity.NOTICE: 10}
MAX_PER_JOB = 50
# A step summary may hold at most 1 MiB; the table stops well before that.
SUMMARY_LIMIT = 512 * 1024

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _message(finding: Finding, lang: str) -> str:
    text = finding.message.text(lang)
    if finding.waiver:
        text += " " + msg("text.waived", decision=finding.waiver).text(lang)
    if finding.commit:
        text += " " + msg("github.commit", commit=finding.commit[:12]).text(lang)
    return printable(text, 4000)


def _title(finding: Finding, lang: str) -> str:
    from om_cli.reporters.sarif import rule_title

    return f"{finding.rule} {rule_title(finding.rule, lang)}".strip()


def command(finding: Finding, lang: str) -> str:
    """The workflow command that annotates one finding."""
    properties = [f"file={escape_property(finding.file)}"] if finding.file else []
    if finding.file and finding.line > 0:
        properties.append(f"line={finding.line}")
        if finding.column > 0:
            properties.append(f"col={finding.column}")
    properties.append(f"title={escape_property(_title(finding, lang))}")
    name = _COMMAND[finding.severity]
    return f"::{name} {','.join(properties)}::{escape_data(_message(finding, lang))}"


def plan(findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Which findings get an annotation (most severe first, within GitHub's caps), which not."""
    shown: list[Finding] = []
    rest: list[Finding] = []
    used = dict.fromkeys(Severity, 0)
    ordered = sorted(findings, key=lambda f: (f.existing, f.severity.rank, f.sort_key()))
    for finding in ordered:
        fits = used[finding.severity] < MAX_PER_STEP[finding.severity] and len(shown) < MAX_PER_JOB
        if fits and not finding.existing:
            used[finding.severity] += 1
            shown.append(finding)
        else:
            rest.append(finding)
    return shown, rest


def _cell(text: str) -> str:
    cleaned = printable(text, 1000).replace("|", "\\|")
    return cleaned.replace("<", "&lt;").replace(">", "&gt;")


def summary(report: Report, rest: list[Finding], lang: str) -> str:
    """The job summary: a markdown table of the findings that got no annotation."""
    lines = [
        f"### {msg('github.summary_title', count=len(rest)).text(lang)}",
        "",
        msg("github.table_head").text(lang),
        "|---|---|---|---|---|",
    ]
    size = sum(len(line) for line in lines)
    for index, finding in enumerate(rest):
        where = f"{finding.file}:{finding.line}:{finding.column}"
        severity = label(finding.severity, lang)
        if finding.existing:
            severity += " " + msg("text.existing").text(lang)
        line = (
            f"| {_cell(where)} | {finding.rule} | {_cell(severity)} | {_cell(finding.entity)} "
            f"| {_cell(_message(finding, lang))} |"
        )
        size += len(line) + 1
        if size > SUMMARY_LIMIT:
            lines.append("")
            lines.append(msg("github.summary_cut", count=len(rest) - index).text(lang))
            break
        lines.append(line)
    lines.append("")
    lines.append(_counts(report, lang))
    return "\n".join(lines) + "\n"


def _counts(report: Report, lang: str) -> str:
    return msg(
        "text.summary",
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        notices=report.count(Severity.NOTICE),
        files=report.files,
    ).text(lang)


def render(report: Report, lang: str, stream: TextIO, color: bool) -> None:
    write(report, lang, stream, os.environ.get("GITHUB_STEP_SUMMARY") or None)


def write(report: Report, lang: str, stream: TextIO, summary_file: str | None) -> None:
    """The commands to `stream`; the findings above the caps also to `summary_file`."""
    shown, rest = plan(report.findings)
    for finding in shown:
        stream.write(command(finding, lang) + "\n")
    for finding in rest:  # in the log at least, as plain lines the runner does not interpret
        where = f"{finding.file}:{finding.line}:{finding.column}"
        severity = label(finding.severity, lang)
        if finding.existing:
            severity += " " + msg("text.existing").text(lang)
        text = f"{printable(where, 1000)}: {severity} {finding.rule} {_message(finding, lang)}"
        stream.write(escape_data(text).lstrip(":") + "\n")
    if rest:
        more = "github.more_summary" if summary_file else "github.more_log"
        stream.write(msg(more, count=len(rest)).text(lang) + "\n")
        if summary_file:
            try:
                with open(summary_file, "a", encoding="utf-8") as handle:
                    handle.write(summary(report, rest, lang))
            except OSError:
                stream.write(msg("github.summary_unwritable").text(lang) + "\n")
    stream.write(_counts(report, lang) + "\n")
