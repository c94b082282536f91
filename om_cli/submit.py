"""Writing what `om apply`, `om new partner` and `om record` produce, and committing it.

`preview` checks the registry as it will be, before anything is written: a new or edited file
with a schema, placement or reference problem is refused; the findings on the entities
concerned are what the Leitungskreis would still miss. `submit` writes the files atomically
under the registry lock and, with a branch name, creates that branch from the current one and
commits exactly these files with a German message and the `OM-Action` trailer(s). When
anything fails or is interrupted (Ctrl-C) on the way, the files, the index and the branches
are put back as they were.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from om_cli.decide import FileChange
from om_cli.errors import GitError, UsageError
from om_cli.findings import Finding, Severity
from om_cli.messages import msg

# rules whose findings on a new or edited entity mean the file itself is wrong: refused
BLOCKING = frozenset({"OM001", "OM002", "OM003", "OM004"})


@dataclass(frozen=True, slots=True)
class Submission:
    """Files to write, and the commit that records them (with `--branch`)."""

    changes: tuple[FileChange, ...]
    entities: tuple[str, ...]  # `networks/<id>`, `partners/<id>` …: what the findings concern
    title: str  # first line of the commit message (German)
    actions: tuple[str, ...]  # OM-Action values
    branch: str  # the branch `--branch` creates
    body: str = ""

    def diff(self) -> str:
        """The files as a unified diff against what they replace (for `--dry-run`)."""
        import difflib

        parts: list[str] = []
        for change in self.changes:
            old = (change.old or b"").decode("utf-8").splitlines(keepends=True)
            new = change.new.decode("utf-8").splitlines(keepends=True)
            before = change.path if change.old is not None else "/dev/null"
            parts.extend(difflib.unified_diff(old, new, fromfile=before, tofile=change.path))
        return "".join(parts)

    @property
    def message(self) -> str:
        trailers = "".join(f"OM-Action: {action}\n" for action in self.actions)
        body = f"{self.body.strip()}\n\n" if self.body.strip() else ""
        return f"{self.title}\n\n{body}{trailers}"


@dataclass(frozen=True, slots=True)
class Preview:
    """What the check says about the registry once the submission is written."""

    open_points: tuple[Finding, ...]  # findings on the entities concerned
    caused: tuple[Finding, ...]  # new findings on other entities (an overlap, say)


@dataclass(frozen=True, slots=True)
class Result:
    commit: str | None
    branch: str | None
    base: str | None  # the branch the new one was made from
    pushed_to: str | None


def preview(root: str, submission: Submission, *, as_of: dt.date) -> Preview:
    """Check the registry as it will be; refuse a file that would break schema or references."""
    from om_cli.discovery import Entry, discover
    from om_cli.engine import check_registry, load_registry

    entries, placements = discover(root, root)
    before = check_registry(
        load_registry(root, root, discovered=(entries, placements)), as_of=as_of
    )
    known = {entry.path for entry in entries}
    future = []
    for change in submission.changes:
        if change.path in known:
            continue
        kind = os.path.basename(os.path.dirname(change.path))
        stem = os.path.basename(change.path).removesuffix(".yaml")
        shown = f"{root.rstrip('/')}/{kind}/{stem}.yaml"
        future.append(Entry(kind, stem, change.path, shown, None, True))
    after_registry = load_registry(
        root,
        root,
        discovered=([*entries, *future], placements),
        already_read={change.path: change.new for change in submission.changes},
    )
    after = check_registry(after_registry, as_of=as_of)
    concerned = set(submission.entities)
    blocking = [
        finding
        for finding in after.findings
        if finding.entity in concerned and finding.rule in BLOCKING
    ]
    if blocking:
        listed = "; ".join(f"{f.rule} {f.pointer}: {f.message.text('de')}" for f in blocking[:5])
        raise UsageError(msg("submit.would_break", findings=listed))
    seen = {_key(finding) for finding in before.findings}
    open_points = tuple(f for f in after.findings if f.entity in concerned)
    caused = tuple(
        f
        for f in after.findings
        if f.entity not in concerned and _key(f) not in seen and f.severity is not Severity.NOTICE
    )
    return Preview(open_points, caused)


def _key(finding: Finding) -> tuple[str, str, str, str]:
    return (finding.rule, finding.entity, finding.pointer, finding.message.text("en"))


def check_branch(root: str, submission: Submission) -> tuple[str, str | None, str]:
    """Before anything is written: may `--branch` make its commit? (top, base branch, head)."""
    from om_cli import git

    try:
        top = git.toplevel(root)
    except GitError as error:
        if error.message.id != "git.not_a_repository":
            raise
        raise GitError(msg("submit.not_a_repository", path=os.path.abspath(root))) from None
    if not git.has_commit(top):
        raise GitError(msg("submit.no_commit"))
    if git.has_staged_changes(top):
        raise GitError(msg("submit.dirty_index"))
    if not git.valid_branch_name(top, submission.branch):
        raise UsageError(msg("submit.bad_branch", branch=submission.branch))
    if git.branch_exists(top, submission.branch):
        raise GitError(msg("submit.branch_exists", branch=submission.branch))
    for change in submission.changes:
        relative = os.path.relpath(os.path.abspath(change.path), top)
        if change.old is not None and not git.path_unchanged(top, relative):
            raise GitError(msg("submit.file_changed", file=relative))
    return top, git.current_branch(top), git.head(top)


def submit(root: str, submission: Submission, *, branch: bool, push: str | None = None) -> Result:
    """Write the files; with `branch`, commit them on a new branch (and push it to `push`)."""
    from om_cli import git
    from om_cli.safe_write import Change, registry_lock, write_files

    changes = [Change(c.path, c.new, c.old) for c in submission.changes]
    if not branch:
        with registry_lock(root):
            write_files(changes)
        return Result(None, None, None, None)
    top, base, head = check_branch(root, submission)
    paths = [os.path.relpath(os.path.abspath(c.path), top) for c in submission.changes]
    with registry_lock(root):
        write_files(changes)
        try:
            git.switch_new_branch(top, submission.branch)
            git.commit_paths(top, paths, submission.message)
        except BaseException:
            _undo(top, paths, submission.changes, base, head, submission.branch)
            raise
        commit = git.head(top)
    if push is not None:
        try:
            git.push_branch(top, push, submission.branch)
        except GitError as error:
            raise GitError(
                msg(
                    "submit.push_failed",
                    branch=submission.branch,
                    remote=push,
                    reason=error.message,
                )
            ) from None
    return Result(commit, submission.branch, base, push)


def _undo(
    top: str,
    paths: Sequence[str],
    changes: Sequence[FileChange],
    base: str | None,
    head: str,
    branch: str,
) -> None:
    """Put index, branches and files back as they were before `submit` (best effort).

    A second Ctrl-C must not stop the undoing half-way: SIGINT is ignored meanwhile (by the
    git processes started here too, which inherit it).
    """
    with _sigint_ignored():
        _restore(top, paths, changes, base, head, branch)


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _restore(
    top: str,
    paths: Sequence[str],
    changes: Sequence[FileChange],
    base: str | None,
    head: str,
    branch: str,
) -> None:
    from contextlib import suppress

    from om_cli import git
    from om_cli.errors import OmError
    from om_cli.safe_write import Change, write_files

    with suppress(OmError):
        git.unstage(top, paths)
    with suppress(OmError):  # `check_branch` made sure the branch did not exist before
        if git.current_branch(top) == branch:
            git.switch_back(top, base, head)
        if git.branch_exists(top, branch):
            git.delete_branch(top, branch)
    with suppress(OmError):
        write_files([Change(c.path, c.old, c.new) for c in changes if c.old is not None])
    for change in changes:
        if change.old is None and os.path.lexists(change.path):
            with suppress(OSError):
                os.unlink(change.path)
