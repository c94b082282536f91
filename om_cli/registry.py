"""The loaded registry: typed entities, indices and the facts the rules share.

`Registry` holds every document (as `om_cli.discovery` found and `om_cli.engine` loaded it), the
typed entities built from them, and derived facts such as the districts each region covers and
the ancestors of each topic.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from om_cli.discovery import Entry, Placement
from om_cli.model import (
    Decision,
    Document,
    Network,
    Partner,
    Plenum,
    TaxonomyEntry,
    taxonomy_entries,
)
from om_cli.schema import SchemaProblem


@dataclass
class Loaded:
    """A document with its schema problems, as the loader and cache deliver it."""

    doc: Document
    entry: Entry
    schema_problems: tuple[SchemaProblem, ...] = ()


_MODELS: dict[str, type[Network] | type[Partner] | type[Decision] | type[Plenum]] = {
    "networks": Network,
    "partners": Partner,
    "decisions": Decision,
    "plenum": Plenum,
}


@dataclass
class Registry:
    """All documents of a registry and the typed entities built from them."""

    root: str
    shown: str
    loaded: list[Loaded]
    placements: list[Placement]
    networks: dict[str, Network] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    plenums: dict[str, Plenum] = field(default_factory=dict)
    regions: dict[str, TaxonomyEntry] = field(default_factory=dict)
    topics: dict[str, TaxonomyEntry] = field(default_factory=dict)
    instruments: dict[str, TaxonomyEntry] = field(default_factory=dict)
    settings: Document | None = None
    taxonomy_docs: dict[str, Document] = field(default_factory=dict)
    duplicates: list[tuple[Document, Document]] = field(default_factory=list)

    @classmethod
    def build(
        cls, root: str, shown: str, loaded: list[Loaded], placements: list[Placement]
    ) -> Registry:
        registry = cls(root, shown, loaded, placements)
        for item in loaded:
            doc = item.doc
            if doc.kind == "settings":
                registry.settings = doc
                continue
            if doc.kind == "taxonomy":
                registry.taxonomy_docs[doc.stem] = doc
                if doc.data is not None:
                    table = getattr(registry, doc.stem)
                    for entry in taxonomy_entries(doc):
                        table.setdefault(entry.id, entry)  # a repeated id is OM003
                continue
            tables: dict[str, dict[str, Any]] = {
                "networks": registry.networks,
                "partners": registry.partners,
                "decisions": registry.decisions,
                "plenum": registry.plenums,
            }
            table = tables[doc.kind]
            if doc.stem in table:
                # the same stem twice is possible only for decisions in two year folders
                registry.duplicates.append((table[doc.stem].doc, doc))
                continue
            table[doc.stem] = _MODELS[doc.kind].from_document(doc)
        return registry

    def documents(self) -> Iterable[Document]:
        return (item.doc for item in self.loaded)

    # --- derived facts -----------------------------------------------------------------------

    @cached_property
    def region_districts(self) -> dict[str, frozenset[str]]:
        """Every region id -> the set of district ids it covers.

        A district covers itself; a state the districts whose parent it is; a custom region
        the union of its members' sets. Cycles among custom regions are cut (a cycle is a
        taxonomy error reported by OM004's checks, not a reason to hang).
        """
        children: dict[str, set[str]] = {}
        for region in self.regions.values():
            if region.parent:
                children.setdefault(region.parent, set()).add(region.id)
        result: dict[str, frozenset[str]] = {}

        def resolve(region_id: str, visiting: frozenset[str]) -> frozenset[str]:
            if region_id in result:
                return result[region_id]
            region = self.regions.get(region_id)
            if region is None or region_id in visiting:
                return frozenset()
            # a leaf (a district, or a state listed without its districts) covers itself
            leaf = not children.get(region_id) and not region.members
            covered: set[str] = {region_id} if leaf else set()
            inner = visiting | {region_id}
            for child in children.get(region_id, ()):
                covered |= resolve(child, inner)
            for member in region.members:
                covered |= resolve(member, inner)
            result[region_id] = frozenset(covered)
            return result[region_id]

        for region_id in self.regions:
            resolve(region_id, frozenset())
        return result

    def districts_of(self, region_ids: Iterable[str]) -> frozenset[str]:
        covered: set[str] = set()
        table = self.region_districts
        for region_id in region_ids:
            covered |= table.get(region_id, frozenset())
        return frozenset(covered)

    def topic_ancestors(self, topic_id: str) -> list[str]:
        """The topic's parent, grandparent, … (cycle-safe)."""
        ancestors: list[str] = []
        seen = {topic_id}
        current = self.topics.get(topic_id)
        while current is not None and current.parent and current.parent not in seen:
            ancestors.append(current.parent)
            seen.add(current.parent)
            current = self.topics.get(current.parent)
        return ancestors

    def region_ancestors(self, region_id: str) -> list[str]:
        """Regions containing `region_id`: its parents and every region whose set covers it."""
        own = self.region_districts.get(region_id, frozenset())
        if not own:
            return []
        candidates = self._regions_covering.get(next(iter(own)), ())
        return [
            other
            for other in candidates
            if other != region_id and own <= self.region_districts[other]
        ]

    @cached_property
    def _regions_covering(self) -> dict[str, list[str]]:
        covering: dict[str, list[str]] = {}
        for region_id, covered in self.region_districts.items():
            for district in covered:
                covering.setdefault(district, []).append(region_id)
        return covering
