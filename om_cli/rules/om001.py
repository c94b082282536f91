"""OM001 — the file can be read.

Clause: none (a precondition of every other rule).

What it checks: every registry file is a regular file of at most 1 MiB (no symbolic link, FIFO
or device), UTF-8 without BOM, free of control, bidi and zero-width characters, with LF line
endings and no tabs in indentation, and holds exactly one YAML 1.2 document whose top level is
a mapping — without anchors, aliases, tags, merge keys, directives, duplicate or non-string
keys, non-finite numbers or nesting deeper than 64 levels. The finding names the line and
column of the problem and never repeats the offending content.

Passing example::

    id: om-nordhessen
    name: Offensive Mittelstand Nordhessen

Failing example (an alias)::

    partners: &alle [a, b, c]
    members: *alle

How to fix: write every value out, save as UTF-8 with LF line endings, indent with spaces.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context

ID = "OM001"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for placement in ctx.registry.placements:
        if placement.rule == ID:
            yield Finding(
                ID, SEVERITY, placement.entity, placement.file, 1, 1, "", placement.message
            )
    for doc in ctx.registry.documents():
        if doc.error is None:
            continue
        message = doc.error.message
        if doc.kind == "settings":
            message = msg("settings.defaults", problem=message)
        yield ctx.finding(ID, SEVERITY, doc, "", message)
