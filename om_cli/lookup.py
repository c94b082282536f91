"""Look-ups for `om list` and `om show`."""

from __future__ import annotations

from om_cli.engine import load_registry
from om_cli.model import Document


def list_entities(
    root: str, what: str, *, status: str | None = None, region: str | None = None
) -> list[list[str]]:
    """Rows (id, status or kind, name/date) of networks, partners or decisions."""
    registry = load_registry(root, root)
    rows: list[list[str]] = []
    if what == "networks":
        covered = registry.districts_of([region]) if region else None
        for network in sorted(registry.networks.values(), key=lambda n: n.id):
            if status and network.status != status:
                continue
            if covered is not None and not (registry.districts_of(network.regions) & covered):
                continue
            rows.append(
                [network.id, network.status or "?", network.kind or "?", network.name or ""]
            )
    elif what == "partners":
        for partner in sorted(registry.partners.values(), key=lambda p: p.id):
            if status and partner.status != status:
                continue
            if region and partner.region != region:
                continue
            rows.append(
                [partner.id, partner.status or "?", partner.type or "?", partner.name or ""]
            )
    else:
        for decision in sorted(registry.decisions.values(), key=lambda d: (d.date or 0, d.id)):
            if status and decision.kind != status:
                continue
            date = decision.date.isoformat() if decision.date else "?"
            rows.append(
                [
                    decision.id,
                    date,
                    decision.body or "?",
                    decision.kind or "?",
                    ",".join(decision.networks),
                ]
            )
    return rows


def find_entity(root: str, wanted: str) -> list[Document]:
    """Documents whose entity (`networks/x`) or stem (`x`) is `wanted`."""
    registry = load_registry(root, root)
    return [
        doc
        for doc in registry.documents()
        if wanted in (doc.entity, doc.stem) and doc.kind not in ("taxonomy", "settings")
    ]
