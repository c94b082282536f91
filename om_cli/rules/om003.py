"""OM003 — ids, file names and folders agree.

Clause: none (the registry format).

What it checks: an entity's `id` equals its file's stem; ids are unique per kind (a decision
stem used in two year folders, a taxonomy id listed twice); every file lies in its folder —
a decision in `decisions/<year of its date>/`, a Plenum meeting in `plenum/<its date>.yaml`,
no sub-folders, no `.yml` files, no unknown YAML files.

Passing example: `networks/om-nordhessen.yaml` with `id: om-nordhessen`; a decision dated
2024-05-14 in `decisions/2024/`.

Failing example: `networks/om-nordhessen.yaml` with `id: om-kassel`; a decision dated
2024-05-14 in `decisions/2023/`.

How to fix: rename the file (or correct the id) so both agree; move the file into its folder.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.model import as_date, as_str, taxonomy_entries
from om_cli.rules.base import Context

ID = "OM003"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    registry = ctx.registry
    for placement in registry.placements:
        if placement.rule == ID:
            yield Finding(
                ID, SEVERITY, placement.entity, placement.file, 1, 1, "", placement.message
            )
    for item in registry.loaded:
        doc = item.doc
        if doc.data is None or doc.kind in ("settings", "taxonomy"):
            continue
        entity_id = as_str(doc.data.get("id"))
        if entity_id is not None and entity_id != doc.stem:
            yield ctx.finding(ID, SEVERITY, doc, "/id", msg("om003.id_mismatch", stem=doc.stem))
        date = as_date(doc.data.get("date"))
        if doc.kind == "decisions":
            folder = item.entry.folder
            if date is not None and folder != str(date.year):
                message = msg("om003.decision_folder", year=str(date.year))
                yield ctx.finding(ID, SEVERITY, doc, "/date", message)
            elif date is None and not folder:
                yield ctx.finding(ID, SEVERITY, doc, "", msg("om003.decision_no_year"))
        if doc.kind == "plenum" and date is not None and date.isoformat() != doc.stem:
            message = msg("om003.plenum_stem", date=date.isoformat())
            yield ctx.finding(ID, SEVERITY, doc, "/date", message)
    for first, second in registry.duplicates:
        message = msg("om003.duplicate", other=first.file)
        yield ctx.finding(ID, SEVERITY, second, "/id", message)
    yield from _taxonomy_duplicates(ctx)


def _taxonomy_duplicates(ctx: Context) -> Iterator[Finding]:
    for stem, doc in ctx.registry.taxonomy_docs.items():
        table = getattr(ctx.registry, stem)
        for entry in taxonomy_entries(doc):
            kept = table.get(entry.id)
            if kept is not None and kept.at != entry.at:
                first_line = doc.position(kept.pointer)[0]
                message = msg("om003.taxonomy_duplicate", first_line=first_line)
                yield ctx.finding(
                    ID, SEVERITY, doc, f"{entry.pointer}/id", message, entity=entry.entity
                )
