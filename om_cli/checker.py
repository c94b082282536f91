"""`check`: read a registry, run every rule, return a `Report`.

The core of `om check`: it takes paths and options and returns values; it never prints or
exits. Reading goes through the content-hash cache; the files the cache does not know are parsed
and validated on all cores (`om_cli.parallel`).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from om_cli.cache import Cache, digest
from om_cli.config import load_settings
from om_cli.findings import Finding, Report
from om_cli.loader import LoadError, parse, read_bytes
from om_cli.model import Document
from om_cli.parallel import analyse_many
from om_cli.registry import SCHEMA_OF, Entry, Loaded, Placement, Registry, discover
from om_cli.report_cache import ReportCache
from om_cli.rules import RULES, om005
from om_cli.rules.base import Context
from om_cli.schema import SchemaProblem, validate


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
) -> Registry:
    """Discover, read, parse and validate every file of the registry at `root`."""
    entries, placements = discovered if discovered is not None else discover(root, shown)
    cache = Cache(root, enabled=use_cache)
    loaded: list[Loaded | None] = [None] * len(entries)
    pending: list[tuple[int, str, str, bytes]] = []  # index, cache key, schema kind, bytes
    for index, entry in enumerate(entries):
        try:
            raw = read_bytes(entry.path, regular=entry.regular)
        except LoadError as unreadable:
            doc = Document(entry.kind, entry.stem, entry.entity, entry.file, None, None, unreadable)
            loaded[index] = Loaded(doc, entry)
            continue
        kind = _schema_kind(entry)
        key = f"{kind}:{digest(raw)}"
        hit = cache.get(key)
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


def _selected(file: str, only: Sequence[str]) -> bool:
    """`file` is one of the paths in `only`, or lies in one of those folders."""
    real = os.path.realpath(file)
    for path in only:
        wanted = os.path.realpath(path)
        if real == wanted or real.startswith(wanted.rstrip(os.sep) + os.sep):
            return True
    return False


def check(
    root: str,
    *,
    shown: str | None = None,
    as_of: dt.date,
    use_cache: bool = True,
    only: Sequence[str] = (),
) -> Report:
    """Check the registry at `root` as of `as_of`; `only` limits the report to these files."""
    shown = shown if shown is not None else root
    discovered = discover(root, shown)
    reports = ReportCache(root, shown, as_of, enabled=use_cache)
    key = reports.key(*discovered)
    report = reports.lookup(key)
    if report is None:
        registry = load_registry(root, shown, use_cache=use_cache, discovered=discovered)
        report = check_registry(registry, as_of=as_of)
        reports.store(key, report)
    if only:
        chosen = tuple(f for f in report.findings if _selected(f.file, only))
        report = replace(report, findings=chosen)
    return report


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
