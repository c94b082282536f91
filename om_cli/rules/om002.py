"""OM002 — the entity matches its JSON Schema.

Clause: none (the registry format).

What it checks: every network, partner, decision, Plenum meeting, taxonomy file and `om.yaml`
against its schema in `schemas/` (JSON Schema 2020-12, closed: a misspelt key is a finding).
One finding per violation, at the line and column of the value (or of the unexpected key).
Dates must be real calendar dates (`2026-02-30` is a finding). What the criteria demand —
partners, commitments, the application — is left to the criteria rules.

Passing example::

    id: handwerkskammer-kassel
    name: Handwerkskammer Kassel
    type: chamber
    status: active

Failing example (misspelt key, unknown type)::

    id: handwerkskammer-kassel
    nmae: Handwerkskammer Kassel
    type: kammer
    status: active

How to fix: correct the field named in the message; your editor shows the schema's
descriptions when the file starts with the `yaml-language-server` modeline.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.rules.base import Context

ID = "OM002"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for item in ctx.registry.loaded:
        for problem in item.schema_problems:
            yield ctx.finding(
                ID, SEVERITY, item.doc, problem.pointer, problem.message, key=problem.at_key
            )
