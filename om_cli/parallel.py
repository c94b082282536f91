"""Parse and validate many files on all cores.

A cold check of a large registry spends most of its time in the YAML parser. With more than one
core and enough files, the work is split: `fork()`ed children take a share each and send their
results back through a pipe (as `marshal` bytes: plain data between two copies of the same
program, several times faster than pickle), while the parent does its own share. Where `fork`
is missing, or a child fails, the work is simply done in the parent, so the result never
depends on the path taken.
"""

from __future__ import annotations

import marshal
import os
from collections.abc import Callable
from typing import Any

from om_cli.cache import decode, encode
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


def _start(share: list[tuple[str, bytes]], analyse: Analyse) -> tuple[int, int] | None:
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: analyse, send, leave without running any cleanup of the parent's
        code = 1
        try:
            os.close(read_end)
            payload = marshal.dumps([encode(*analyse(kind, raw)) for kind, raw in share])
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view) :]
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect(
    child: tuple[int, int] | None, share: list[tuple[str, bytes]], analyse: Analyse
) -> list[Result]:
    if child is None:
        return [analyse(kind, raw) for kind, raw in share]
    pid, read_end = child
    chunks = []
    with os.fdopen(read_end, "rb") as pipe:
        while chunk := pipe.read(1 << 20):
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return [analyse(kind, raw) for kind, raw in share]
    try:
        entries = marshal.loads(b"".join(chunks))
        results = [decode(entry) for entry in entries]
    except (ValueError, EOFError, TypeError):
        return [analyse(kind, raw) for kind, raw in share]
    if len(results) != len(share):
        return [analyse(kind, raw) for kind, raw in share]
    return results
