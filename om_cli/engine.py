"""Loading a registry and running the rules over it: the work behind `om check`.

Reading goes through the content-hash cache; the files the cache does not know are parsed and
validated on all cores (`om_cli.parallel`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from om_cli.cache import Cache
from om_cli.config import load_settings
from om_cli.discovery import SCHEMA_OF, Entry, Placement, discover
from om_cli.findings import Finding, Report
from om_cli.loader import LoadError, parse, read_bytes
from om_cli.model import Document
from om_cli.parallel import analyse_many
from om_cli.registry import Loaded, Registry
from om_cli.rules import RULES, om005
from om_cli.rules.base import Context
from om_cli.schema import SchemaProblem, validate
from om_cli.store import digest


def _schema_kind(entry: Entry) -> str:
    return entry.stem if entry.kind == "taxonomy" else SCHEMA_OF[entry.kind]


def analyse(kind: str, raw: bytes) -> tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]:
    """Parse and validate one file's bytes: (data, load error, schema problems)."""
    try:
        data = parse(raw)[0]
    except LoadError as error:
        return None, error, ()
    return data, None, validate(kind, data)


def load_registry(
    root: str,
    shown: str,
    *,
    use_cache: bool = True,
    discovered: tuple[list[Entry], list[Placement]] | None = None,
    already_read: dict[str, bytes] | None = None,
) -> Registry:
    """Discover, read, parse and validate every file of the registry at `root`.

    `already_read` holds files whose bytes a caller has read in this run (path -> bytes).
    """
    entries, placements = discovered if discovered is not None else discover(root, shown)
    cache = Cache(root, enabled=use_cache)
    loaded: list[Loaded | None] = [None] * len(entries)
    pending: list[tuple[int, str, str, bytes]] = []  # index, cache key, schema kind, bytes
    for index, entry in enumerate(entries):
        try:
            known = already_read.get(entry.path) if already_read else None
            raw = known if known is not None else read_bytes(entry.path, regular=entry.regular)
        except LoadError as unreadable:
            doc = Document(entry.kind, entry.stem, entry.entity, entry.file, None, None, unreadable)
            loaded[index] = Loaded(doc, entry)
            continue
        kind = _schema_kind(entry)
        key = f"{kind}:{digest(raw)}" if cache.enabled else ""
        hit = cache.get(key) if cache.enabled else None
        if hit is None:
            pending.append((index, key, kind, raw))
            continue
        data, error, problems = hit
        doc = Document(entry.kind, entry.stem, entry.entity, entry.file, raw, data, error)
        loaded[index] = Loaded(doc, entry, problems)
    results = analyse_many([(kind, raw) for _, _, kind, raw in pending], analyse)
    for (index, key, _kind, raw), (data, error, problems) in zip(pending, results, strict=True):
        entry = entries[index]
        cache.put(key, data, error, problems)
        doc = Document(entry.kind, entry.stem, entry.entity, entry.file, raw, data, error)
        loaded[index] = Loaded(doc, entry, problems)
    cache.save()
    return Registry.build(root, shown, [item for item in loaded if item is not None], placements)


def check_registry(registry: Registry, *, as_of: dt.date) -> Report:
    """Run every rule over a loaded registry."""
    ctx = Context(registry, as_of)
    settings = load_settings(registry.settings)
    findings: list[Finding] = []
    for rule in RULES:
        for finding in rule.check(ctx):
            severity = settings.severity_for(finding.rule, rule.SEVERITY)
            if severity is None:
                continue
            if finding.severity is rule.SEVERITY and severity is not finding.severity:
                finding = replace(finding, severity=severity)
            findings.append(finding)
    findings = om005.apply(ctx, settings, findings)
    findings.sort(key=Finding.sort_key)
    return Report(registry.shown, as_of.isoformat(), tuple(findings), len(registry.loaded))
