"""OM004 — every reference exists and has the right kind.

Clause: none (the registry format).

What it checks: the ids one entity uses for another — a network's partners, regions, topic,
parent network, instruments, Plenum meetings and reporting partners; a partner's region; a
decision's networks; a Plenum meeting's `informed_of` decisions; a region's parent and members,
a topic's parent; and in `om.yaml` each waiver's rule, entity and decision, which must be a
decision of kind `waiver` (an invalid waiver is not applied). Each finding points at the
dangling id itself.

Passing example: `partners: [{partner: hwk-kassel, since: 2020-01-01}]` with
`partners/hwk-kassel.yaml` present.

Failing example: the same with no `partners/hwk-kassel.yaml`.

How to fix: correct the id, or add the missing entity (e.g. with `om new partner`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from om_cli.findings import Finding, Severity
from om_cli.messages import msg, printable
from om_cli.model import Document, as_list, as_mapping, as_str
from om_cli.rules.base import Context, pointer_for

ID = "OM004"
SEVERITY = Severity.ERROR

KNOWN_RULES = frozenset(
    ["OM001", "OM002", "OM003", "OM004", "OM005"]
    + [f"OM1{n:02d}" for n in range(1, 14)]
    + ["OM201", "OM202", "OM203", "OM204"]
    + [f"OM30{n}" for n in range(1, 6)]
)


def check(ctx: Context) -> Iterator[Finding]:
    registry = ctx.registry
    tables: dict[str, dict[str, Any]] = {
        "partner": registry.partners,
        "network": registry.networks,
        "region": registry.regions,
        "topic": registry.topics,
        "instrument": registry.instruments,
        "plenum": registry.plenums,
        "decision": registry.decisions,
    }
    for doc, kind, value, parts, entity in _references(ctx):
        if isinstance(value, str) and value not in tables[kind]:
            message = msg("om004.missing", kind=msg(f"kind.{kind}"), id=_shown(value))
            pointer = pointer_for(*parts)
            yield ctx.finding(ID, SEVERITY, doc, pointer, message, entity=entity)
    yield from _waivers(ctx)


Reference = tuple[Document, str, Any, tuple[str | int, ...], str | None]


def _references(ctx: Context) -> Iterator[Reference]:
    """Every id one entity uses for another: (document, kind, id, pointer parts, entity)."""
    registry = ctx.registry
    for network in registry.networks.values():
        doc = network.doc
        data = doc.data or {}
        for index, region in enumerate(as_list(data.get("regions"))):
            yield doc, "region", region, ("regions", index), None
        yield doc, "topic", data.get("topic"), ("topic",), None
        yield doc, "network", data.get("parent"), ("parent",), None
        for index, instrument in enumerate(as_list(data.get("instruments"))):
            yield doc, "instrument", instrument, ("instruments", index), None
        for index, item in enumerate(as_list(data.get("partners"))):
            partner = as_mapping(item).get("partner")
            yield doc, "partner", partner, ("partners", index, "partner"), None
        for index, item in enumerate(as_list(data.get("plenum_reports"))):
            report = as_mapping(item)
            yield doc, "plenum", report.get("plenum"), ("plenum_reports", index, "plenum"), None
            yield doc, "partner", report.get("by"), ("plenum_reports", index, "by"), None
    for partner in registry.partners.values():
        region = (partner.doc.data or {}).get("region")
        yield partner.doc, "region", region, ("region",), None
    for decision in registry.decisions.values():
        for index, network_id in enumerate(as_list((decision.doc.data or {}).get("networks"))):
            yield decision.doc, "network", network_id, ("networks", index), None
    for plenum in registry.plenums.values():
        for index, decision_id in enumerate(as_list((plenum.doc.data or {}).get("informed_of"))):
            yield plenum.doc, "decision", decision_id, ("informed_of", index), None
    for region in registry.regions.values():
        base = (region.doc.stem, region.at)
        yield region.doc, "region", region.parent, (*base, "parent"), region.entity
        for index, member in enumerate(region.members):
            yield region.doc, "region", member, (*base, "members", index), region.entity
    for topic in registry.topics.values():
        base = (topic.doc.stem, topic.at)
        yield topic.doc, "topic", topic.parent, (*base, "parent"), topic.entity


def _shown(value: str) -> str:
    return printable(value, 64)


def _waivers(ctx: Context) -> Iterator[Finding]:
    doc = ctx.registry.settings
    if doc is None or doc.data is None:
        return
    for index, item in enumerate(as_list(doc.data.get("waivers"))):
        waiver = as_mapping(item)
        base = pointer_for("waivers", index)
        for problem, pointer in invalid_waiver(ctx, waiver):
            yield ctx.finding(ID, SEVERITY, doc, f"{base}/{pointer}", problem)


def invalid_waiver(ctx: Context, waiver: Any) -> list[tuple[Any, str]]:
    """What makes a waiver invalid (then it is not applied): (message, field) pairs."""
    problems: list[tuple[Any, str]] = []
    rule = as_str(waiver.get("rule"))
    if rule is not None and rule not in KNOWN_RULES:
        problems.append((msg("om004.unknown_rule", rule=_shown(rule)), "rule"))
    entity = as_str(waiver.get("entity"))
    if entity is not None and not _entity_exists(ctx, entity):
        problems.append((msg("om004.missing_entity", entity=_shown(entity)), "entity"))
    decision_id = as_str(waiver.get("decision"))
    if decision_id is not None:
        decision = ctx.registry.decisions.get(decision_id)
        if decision is None:
            problems.append(
                (
                    msg("om004.missing", kind=msg("kind.decision"), id=_shown(decision_id)),
                    "decision",
                )
            )
        elif decision.kind != "waiver":
            problems.append((msg("om004.not_a_waiver", id=decision_id), "decision"))
    return problems


def _entity_exists(ctx: Context, entity: str) -> bool:
    registry = ctx.registry
    if entity == "om.yaml":
        return True
    folder, _, stem = entity.partition("/")
    if folder == "taxonomy":
        return stem in registry.taxonomy_docs or any(
            stem in table for table in (registry.regions, registry.topics, registry.instruments)
        )
    tables: dict[str, Any] = {
        "networks": registry.networks,
        "partners": registry.partners,
        "decisions": registry.decisions,
        "plenum": registry.plenums,
    }
    return folder in tables and stem in tables[folder]
