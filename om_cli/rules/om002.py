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
from om_cli.model import Document, as_list, as_mapping, as_str
from om_cli.rules.base import Context

ID = "OM002"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    for item in ctx.registry.loaded:
        for problem in item.schema_problems:
            entity = _taxonomy_entity(item.doc, problem.pointer)
            yield ctx.finding(
                ID,
                SEVERITY,
                item.doc,
                problem.pointer,
                problem.message,
                key=problem.at_key,
                entity=entity,
            )


def _taxonomy_entity(doc: Document, pointer: str) -> str | None:
    """`taxonomy/<entry id>` for a problem inside a taxonomy entry that has an id."""
    if doc.kind != "taxonomy" or doc.data is None:
        return None
    parts = pointer.split("/")
    if len(parts) < 3 or parts[1] != doc.stem or not parts[2].isdigit():
        return None
    entries = as_list(doc.data.get(doc.stem))
    index = int(parts[2])
    entry_id = as_str(as_mapping(entries[index]).get("id")) if index < len(entries) else None
    return f"taxonomy/{entry_id}" if entry_id else None
