"""`om fmt`: rewrite registry files in the house style (see `om_cli.yaml_style`).

Formatting never changes a value: a file is rewritten only when its new text reads back, with
the strict loader, to exactly the values of the old one (types and key order included). A file
the strict loader refuses is reported with its position and left alone. All changed files are
written together under the registry lock, all or nothing (`om_cli.safe_write`); with `check`
nothing is written (and no lock is taken, so it works on a read-only checkout).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from om_cli.discovery import discover
from om_cli.errors import UsageError, WriteError
from om_cli.loader import LoadError, parse, read_bytes
from om_cli.messages import Message, msg, printable
from om_cli.safe_write import Change, registry_lock, write_files
from om_cli.yaml_style import CommentLost, edit, same_values


@dataclass(frozen=True, slots=True)
class FileProblem:
    """A file `om fmt` left alone because it cannot be read or formatted safely."""

    file: str
    line: int
    column: int
    message: Message


@dataclass(frozen=True, slots=True)
class FmtResult:
    """What `om fmt` did (or, with `check`, would do)."""

    check: bool
    changed: tuple[str, ...]  # files rewritten (with check: not in house style), as shown
    unchanged: int  # files already in house style
    problems: tuple[FileProblem, ...]

    @property
    def exit_code(self) -> int:
        """1 when a file could not be read, or with `check` when a file is not in house style."""
        return 1 if self.problems or (self.check and self.changed) else 0


@dataclass(frozen=True, slots=True)
class _Target:
    path: str  # on disk
    file: str  # as shown


def format_registry(
    root: str, paths: Sequence[str] = (), *, check: bool = False, shown: str | None = None
) -> FmtResult:
    """Bring the registry's `.yaml` files (or those of `paths`) into the house style.

    `paths` may name files or folders inside the registry; without them every file that
    `om check` reads is formatted. `shown` is how the registry folder appears in file names
    (default: `root` as given).
    """
    targets = _targets(root, root if shown is None else shown, paths)
    if check:
        return _format(targets, check=True)
    with registry_lock(root):
        return _format(targets, check=False)


def _format(targets: list[_Target], *, check: bool) -> FmtResult:
    changes: list[Change] = []
    changed: list[str] = []
    problems: list[FileProblem] = []
    unchanged = 0
    for target in targets:
        try:
            raw = read_bytes(target.path)
            before, _ = parse(raw)
        except LoadError as error:
            problems.append(FileProblem(target.file, error.line, error.column, error.message))
            continue
        try:
            new = edit(raw.decode("utf-8"), _unchanged, file=target.file).encode("utf-8")
            after, _ = parse(new)
        except CommentLost as lost:  # ruamel would drop a comment: leave the file alone
            problems.append(FileProblem(target.file, lost.line, 1, lost.message))
            continue
        except (WriteError, LoadError):  # ruamel and om disagree: leave the file alone
            problems.append(FileProblem(target.file, 1, 1, msg("fmt.values_differ")))
            continue
        if not same_values(before, after):
            problems.append(FileProblem(target.file, 1, 1, msg("fmt.values_differ")))
            continue
        if new == raw:
            unchanged += 1
            continue
        changed.append(target.file)
        changes.append(Change(target.path, new, raw))
    if not check:
        write_files(changes)
    return FmtResult(check, tuple(changed), unchanged, tuple(problems))


def _unchanged(data: object) -> None:
    """Formatting edits nothing: the house style comes from writing the document back."""


def _targets(root: str, shown: str, paths: Sequence[str]) -> list[_Target]:
    """The files to format, each once, in the order `om check` reports them."""
    entries, _ = discover(root, shown)
    known = [_Target(entry.path, entry.file) for entry in entries]
    if not paths:
        return known
    base = os.path.abspath(root)
    chosen: dict[str, _Target] = {}
    for path in paths:
        absolute = os.path.abspath(path)
        if absolute != base and os.path.commonpath([base, absolute]) != base:
            raise UsageError(msg("write.outside", path=path, root=root))
        if os.path.isdir(absolute) and not os.path.islink(absolute):
            for target in known:
                location = os.path.abspath(target.path)
                if os.path.commonpath([absolute, location]) == absolute:
                    chosen.setdefault(location, target)
        elif path.endswith(".yaml"):
            if _behind_link(base, absolute):  # read or written, never through a link
                raise UsageError(msg("fmt.link", path=printable(path, 200)))
            chosen.setdefault(absolute, _Target(path, path))
        else:
            raise UsageError(msg("fmt.not_yaml", path=path))
    return list(chosen.values())


def _behind_link(base: str, path: str) -> bool:
    """Whether `path` (inside `base`) or a folder between them is a symbolic link."""
    parts = os.path.relpath(path, base).split(os.sep)
    return any(os.path.islink(os.path.join(base, *parts[: i + 1])) for i in range(len(parts)))
