"""Which files make up a registry, found without following links.

`discover` walks the registry folder and says which file holds which kind of entity, and which
files lie where no entity belongs or cannot be read safely (links, FIFOs, unsafe names). It
reads no file: a warm check of an unchanged registry needs nothing more than this listing.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from typing import Any, NamedTuple

from om_cli.errors import RegistryError
from om_cli.messages import INVISIBLE, Message, msg

ENTITY_FOLDERS = ("networks", "partners", "plenum")
TAXONOMY_FILES = ("regions", "topics", "instruments")
SCHEMA_OF = {
    "networks": "network",
    "partners": "partner",
    "decisions": "decision",
    "plenum": "plenum",
    "settings": "om",
}


@dataclass(frozen=True, slots=True)
class Placement:
    """A file or folder found where it does not belong, or that om will not read."""

    rule: str  # OM001 (unreadable: link, FIFO …) or OM003 (wrong place)
    entity: str
    file: str
    message: Message


class Entry(NamedTuple):
    """A file that holds an entity: its kind, stem and place (a tuple: thousands are made)."""

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


_UNSAFE = re.compile(f"[{INVISIBLE}]")


def _safe_name(name: str) -> bool:
    """A file name om can show: valid UTF-8, printable, no bidi or zero-width characters."""
    if name.isascii():
        return name.isprintable()
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


def discover(
    root: str, shown: str, folders: list[tuple[str, int, int]] | None = None
) -> tuple[list[Entry], list[Placement]]:
    """List the registry's entity files and the misplaced or unreadable ones.

    `folders`, when given, receives every folder listed, with its modification time and inode:
    while none of them changes, no file was added, removed, renamed or replaced in them, so a
    later run may reuse this listing (`om_cli.report_cache`)."""
    try:
        info = os.stat(root)
    except OSError:
        raise RegistryError(msg("error.no_registry", path=shown)) from None
    if not stat.S_ISDIR(info.st_mode):
        raise RegistryError(msg("error.no_registry", path=shown))
    entries: list[Entry] = []
    placements: list[Placement] = []

    def scan(folder: str, *parts: str) -> list[os.DirEntry[str]]:
        path = os.path.join(root, *parts) if parts else root
        try:
            if folders is not None:
                listed = os.stat(path, follow_symlinks=False)
                folders.append((path, listed.st_mtime_ns, listed.st_ino))
            with os.scandir(path) as it:
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
    if name.endswith(".yaml") and item.is_file(follow_symlinks=False):  # the common case
        entries.append(Entry(kind, name[:-5], item.path, _display(shown, *parts), year, True))
        return
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
