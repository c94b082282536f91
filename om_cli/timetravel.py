"""`om check --at REV`: the registry as it was at a commit.

The files are read from git objects (`git archive`), not from the working tree, into a
temporary folder that is checked like any registry and then removed. As-of is the commit's own
date unless the caller names one, so the check of a commit gives the same verdict on any day.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from om_cli import git
from om_cli.checker import check
from om_cli.errors import RegistryError
from om_cli.findings import Report
from om_cli.messages import msg, printable


def check_at(registry: str, rev: str, *, as_of: dt.date | None = None) -> Report:
    """Check `registry` (a folder of the current repository) as it was at commit `rev`."""
    top = git.toplevel(".")
    day = as_of or dt.date.fromisoformat(git.commit_day(top, rev))
    with registry_at(registry, rev, top) as root:
        return check(root, shown=registry, as_of=day, use_cache=False)


@contextmanager
def registry_at(registry: str, rev: str, top: str | None = None) -> Iterator[str]:
    """`registry` (a folder of the current repository, whose top folder is `top`) as it was at
    commit `rev`: a temporary folder holding its files, read from git objects, removed when the
    block ends."""
    top = top or git.toplevel(".")
    relative = os.path.relpath(os.path.realpath(registry), os.path.realpath(top))
    if relative == ".." or relative.startswith(".." + os.sep):
        raise RegistryError(msg("error.no_registry", path=printable(registry, 200)))
    with tempfile.TemporaryDirectory(prefix="om-at-") as folder:
        git.export_tree(top, rev, relative, folder)
        root = os.path.join(folder, relative)
        if not os.path.isdir(root):
            raise RegistryError(
                msg("error.no_registry_at", path=printable(registry, 200), rev=rev[:40])
            )
        yield root
