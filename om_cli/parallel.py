"""Parse and validate many files on all cores.

A cold check of a large registry spends most of its time in the YAML parser. With more than one
core and enough files, the work is split: `fork()`ed children (`om_cli.child`) take a share
each and send their results back, while the parent does its own share. Where `fork` is missing,
or a child fails, the work is simply done in the parent, so the result never depends on the
path taken.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from om_cli.cache import decode, encode
from om_cli.child import Child
from om_cli.loader import LoadError
from om_cli.schema import SchemaProblem

Result = tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]
Analyse = Callable[[str, bytes], Result]

# Below this many files a child process costs more than it saves.
THRESHOLD = 300


def analyse_many(work: list[tuple[str, bytes]], analyse: Analyse) -> list[Result]:
    """`analyse(kind, raw)` for every item of `work`, in order."""
    cores = min(os.cpu_count() or 1, 8)
    if len(work) < THRESHOLD or cores < 2 or not hasattr(os, "fork"):
        return [analyse(kind, raw) for kind, raw in work]
    # the first file in the parent, before forking: the children inherit the parser and
    # validator modules already imported instead of each importing them again
    results = [analyse(*work[0])]
    rest = work[1:]
    size = -(-len(rest) // cores)
    shares = [rest[start : start + size] for start in range(0, len(rest), size)]
    children = [_start(share, analyse) for share in shares[1:]]
    results.extend(analyse(kind, raw) for kind, raw in shares[0])
    for share, child in zip(shares[1:], children, strict=True):
        results.extend(_collect(child, share, analyse))
    return results


def _start(share: list[tuple[str, bytes]], analyse: Analyse) -> Child | None:
    return Child.start(lambda: [encode(*analyse(kind, raw)) for kind, raw in share])


def _collect(child: Child | None, share: list[tuple[str, bytes]], analyse: Analyse) -> list[Result]:
    entries = child.result() if child is not None else None
    if entries is not None:
        try:
            results = [decode(entry) for entry in entries]
        except (ValueError, EOFError, TypeError):
            results = []
        if len(results) == len(share):
            return results
    return [analyse(kind, raw) for kind, raw in share]
