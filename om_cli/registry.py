"""Finding, reading and indexing the files of a registry.

`discover` walks the registry folder without following links and says which file is which kind
of entity (and which files lie where no entity belongs). `load` reads and parses them (through
the content-hash cache, in parallel when cold) and validates each against its schema.
`Registry` is the result: typed entities, indices and the derived facts the rules share
(the districts each region covers, the ancestors of each topic).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from om_cli.errors import RegistryError
from om_cli.messages import Message, msg
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

ENTITY_FOLDERS = ("networks", "partners", "plenum")
TAXONOMY_FILES = ("regions", "topics", "instruments")
SCHEMA_OF = {
    "networks": "network",
    "partners": "partner",
    "decisions": "decision",
    "plenum": "plenum",
    "settings": "om",
}
_YEAR = re.compile(r"[0-9]{4}\Z")


@dataclass(frozen=True, slots=True)
class Placement:
    """A file or folder found where it does not belong, or that om will not read."""

    rule: str  # OM001 (unreadable: link, FIFO …) or OM003 (wrong place)
    entity: str
    file: str
    message: Message


@dataclass(frozen=True, slots=True)
class Entry:
    """A file that holds an entity: its kind, stem and place."""

    kind: str
    stem: str
    path: str  # on disk
    file: str  # as shown
    folder: str | None = None  # decisions: the year folder it lies in (None: none)
    regular: bool = False  # the directory listing showed a regular file (not a link, FIFO …)

    @property
    def entity(self) -> str:
        if self.kind == "settings":
            return "om.yaml"
        return f"{self.kind}/{self.stem}"


_UNSAFE = re.compile("[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")


def _safe_name(name: str) -> bool:
    """A file name om can show: valid UTF-8, printable, no bidi or zero-width characters."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # undecodable bytes, kept as surrogates by the OS layer
        return False
    return name.isprintable() and not _UNSAFE.search(name)


def _escaped(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    return "".join(
        chr(byte) if 0x20 < byte < 0x7F and chr(byte) not in "\\" else f"\\x{byte:02x}"
        for byte in raw
    )


def _display(root_shown: str, *parts: str) -> str:
    return "/".join((root_shown.rstrip("/") or ".", *parts)) if root_shown else "/".join(parts)


def discover(root: str, shown: str) -> tuple[list[Entry], list[Placement]]:
    """List the registry's entity files and the misplaced or unreadable ones."""
    try:
        info = os.stat(root)
    except OSError:
        raise RegistryError(msg("error.no_registry", path=shown)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RegistryError(msg("error.no_registry", path=shown))
    entries: list[Entry] = []
    placements: list[Placement] = []

    def scan(folder: str, *parts: str) -> list[os.DirEntry[str]]:
        try:
            with os.scandir(os.path.join(root, *parts) if parts else root) as it:
                found = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
            safe = []
            for item in found:
                if _safe_name(item.name):
                    safe.append(item)
                elif item.name.endswith((".yaml", ".yml")) or item.is_dir(follow_symlinks=False):
                    shown_name = _escaped(item.name)
                    stem = shown_name.removesuffix(".yaml").removesuffix(".yml")
                    placements.append(
                        Placement(
                            "OM003",
                            "/".join((*parts, stem)),
                            _display(shown, *parts, shown_name),
                            msg("placement.unsafe_name"),
                        )
                    )
            return safe
        except OSError as error:
            placements.append(
                Placement(
                    "OM001",
                    folder,
                    _display(shown, *parts),
                    msg("load.unreadable", reason=error.strerror or "OSError"),
                )
            )
            return []

    def yaml_file(name: str) -> str | None:
        if name.endswith(".yaml"):
            return name[:-5]
        return None

    def misplaced(parts: tuple[str, ...], entity: str, message: Message) -> None:
        placements.append(Placement("OM003", entity, _display(shown, *parts), message))

    def folder_is_link(item: os.DirEntry[str], parts: tuple[str, ...]) -> bool:
        if item.is_symlink():
            placements.append(
                Placement("OM001", "/".join(parts), _display(shown, *parts), msg("load.symlink"))
            )
            return True
        return False

    for item in scan(""):
        name = item.name
        if name == "om.yaml":
            regular = item.is_file(follow_symlinks=False)
            entries.append(Entry("settings", "om", item.path, _display(shown, name), None, regular))
        elif name in ENTITY_FOLDERS and (item.is_dir() or item.is_symlink()):
            if folder_is_link(item, (name,)):
                continue
            for child in scan(name, name):
                _entity_file(child, name, (name, child.name), entries, misplaced, shown)
        elif name == "decisions" and (item.is_dir() or item.is_symlink()):
            if folder_is_link(item, (name,)):
                continue
            for year in scan(name, name):
                if year.is_dir(follow_symlinks=False):
                    for child in scan(name, name, year.name):
                        parts = (name, year.name, child.name)
                        _entity_file(child, name, parts, entries, misplaced, shown, year.name)
                elif year.is_symlink() and not year.name.endswith((".yaml", ".yml")):
                    folder_is_link(year, (name, year.name))
                else:
                    _entity_file(year, name, (name, year.name), entries, misplaced, shown, "")
        elif name == "taxonomy" and (item.is_dir() or item.is_symlink()):
            if folder_is_link(item, (name,)):
                continue
            for child in scan(name, name):
                stem = yaml_file(child.name)
                if stem in TAXONOMY_FILES:
                    file = _display(shown, name, child.name)
                    regular = child.is_file(follow_symlinks=False)
                    entries.append(Entry("taxonomy", stem, child.path, file, None, regular))
                elif child.name.endswith((".yaml", ".yml")):
                    misplaced(
                        (name, child.name),
                        f"taxonomy/{child.name.rsplit('.', 1)[0]}",
                        msg("placement.taxonomy_file"),
                    )
        elif name.endswith((".yaml", ".yml")):
            misplaced((name,), name, msg("placement.unknown_file"))
    return entries, placements


def _entity_file(
    item: os.DirEntry[str],
    kind: str,
    parts: tuple[str, ...],
    entries: list[Entry],
    misplaced: Any,
    shown: str,
    year: str | None = None,
) -> None:
    name = item.name
    if item.is_dir(follow_symlinks=False):
        misplaced(parts, f"{kind}/{name}", msg("placement.subfolder", kind=kind))
        return
    if name.endswith(".yml"):
        misplaced(parts, f"{kind}/{name[:-4]}", msg("placement.yml"))
        return
    if not name.endswith(".yaml"):
        return
    stem = name[:-5]
    regular = item.is_file(follow_symlinks=False)
    entries.append(Entry(kind, stem, item.path, _display(shown, *parts), year, regular))


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
