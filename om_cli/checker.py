"""`check`: the core of `om check` — paths and options in, a `Report` out.

It never prints or exits. An unchanged registry is answered from the stored report of the last
run (`om_cli.report_cache`) after no more than listing its files; otherwise the registry is
loaded and every rule runs (`om_cli.engine`, imported only then, which keeps a warm start short).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import replace

from om_cli.discovery import discover
from om_cli.findings import Report
from om_cli.report_cache import ReportCache


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
    reports = ReportCache(root, shown, as_of, enabled=use_cache)
    discovered = reports.listing()
    if discovered is None:
        discovered = discover(root, shown, reports.folders if use_cache else None)
    reports.discovered = discovered
    key = reports.key(*discovered)
    report = reports.lookup(key)
    if report is not None and reports.read:
        reports.store(key, report)  # files hashed again (new or recently touched): memo anew
    if report is None:
        from om_cli.engine import check_registry, load_registry

        registry = load_registry(
            root, shown, use_cache=use_cache, discovered=discovered, already_read=reports.read
        )
        report = check_registry(registry, as_of=as_of)
        reports.store(key, report)
    report = replace(report, entities=tuple(entry.entity for entry in discovered[0]))
    if only:
        chosen = tuple(f for f in report.findings if _selected(f.file, only))
        report = replace(report, findings=chosen)
    return report


def _selected(file: str, only: Sequence[str]) -> bool:
    """`file` is one of the paths in `only`, or lies in one of those folders."""
    real = os.path.realpath(file)
    for path in only:
        wanted = os.path.realpath(path)
        if real == wanted or real.startswith(wanted.rstrip(os.sep) + os.sep):
            return True
    return False
