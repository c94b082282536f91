"""`check`: read a registry, run every rule, return a `Report`.

The core of `om check`: it takes paths and options and returns values; it never prints or
exits. Reading goes through the content-hash cache; the files the cache does not know are parsed
and validated in worker processes when there are enough of them to pay for the start-up.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from om_cli.cache import Cache, digest
from om_cli.config import load_settings
from om_cli.findings import Finding, Report
from om_cli.loader import LoadError, parse, read_bytes
from om_cli.model import Document
from om_cli.registry import SCHEMA_OF, Entry, Loaded, Registry, discover
from om_cli.rules import RULES, om005
from om_cli.rules.base import Context
from om_cli.schema import SchemaProblem, validate

# Below this many uncached files, worker processes cost more than they save.
PARALLEL_THRESHOLD = 400


def _schema_kind(entry: Entry) -> str:
    return entry.stem if entry.kind == "taxonomy" else SCHEMA_OF[entry.kind]


def analyse(kind: str, raw: bytes) -> tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]:
    """Parse and validate one file's bytes: (data, load error, schema problems)."""
    try:
        data = parse(raw)[0]
    except LoadError as error:
        return None, error, ()
    return data, None, validate(kind, data)


def _analyse_batch(
    batch: list[tuple[str, bytes]],
) -> list[tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]]:
    return [analyse(kind, raw) for kind, raw in batch]


def load_registry(root: str, shown: str, *, use_cache: bool = True) -> Registry:
    """Discover, read, parse and validate every file of the registry at `root`."""
    entries, placements = discover(root, shown)
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
    for (index, key, _kind, raw), (data, error, problems) in zip(
        pending, _analyse_all(pending), strict=True
    ):
        entry = entries[index]
        cache.put(key, data, error, problems)
        doc = Document(entry.kind, entry.stem, entry.entity, entry.file, raw, data, error)
        loaded[index] = Loaded(doc, entry, problems)
    cache.save()
    return Registry.build(root, shown, [item for item in loaded if item is not None], placements)


def _analyse_all(
    pending: list[tuple[int, str, str, bytes]],
) -> Iterable[tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]]:
    work = [(kind, raw) for _, _, kind, raw in pending]
    workers = min(os.cpu_count() or 1, 4)
    if len(work) < PARALLEL_THRESHOLD or workers < 2 or "fork" not in _start_methods():
        return _analyse_batch(work)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(work) // workers)
    batches = [work[start : start + size] for start in range(0, len(work), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        results: list[tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]] = []
        for batch_result in pool.map(_analyse_batch, batches):
            results.extend(batch_result)
    return results


def _selected(file: str, only: Sequence[str]) -> bool:
    """`file` is one of the paths in `only`, or lies in one of those folders."""
    real = os.path.realpath(file)
    for path in only:
        wanted = os.path.realpath(path)
        if real == wanted or real.startswith(wanted.rstrip(os.sep) + os.sep):
            return True
    return False


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def check(
    root: str,
    *,
    shown: str | None = None,
    as_of: dt.date,
    use_cache: bool = True,
    only: Sequence[str] = (),
) -> Report:
    """Check the registry at `root` as of `as_of`; `only` limits the report to these files."""
    registry = load_registry(root, shown if shown is not None else root, use_cache=use_cache)
    return check_registry(registry, as_of=as_of, only=only)


def check_registry(registry: Registry, *, as_of: dt.date, only: Sequence[str] = ()) -> Report:
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
    if only:
        findings = [f for f in findings if _selected(f.file, only)]
    findings.sort(key=Finding.sort_key)
    files = len(registry.loaded)
    return Report(registry.shown, as_of.isoformat(), tuple(findings), files)
