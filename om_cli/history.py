"""The audit trail: every status change of a network, read from git.

`status_history` reads the history of `<registry>/networks` with one streamed `git log` and the
network files' old and new versions from one `git cat-file --batch` (both in `om_cli.git`),
parses each version as om's strict loader does (`loader.VersionParser`: the same values, faster
for many versions of the same files; in a long history on another core, by a forked child) and
reports where a network's `status` changed, oldest first. Who made a change, when, and with
which trailers and signature is asked of git only for the commits that changed a status. It
never prints.

What counts as a change:

- A network is known by the `id` inside its file (the file's stem when the file has none or
  cannot be read), so a file renamed with its id unchanged keeps its history; a rename is no
  status change. Within one commit, versions are paired by path, then by id.
- A commit adding a network file is a change from nothing (`old_status` None), e.g. an
  application (None → applied); deleting one is a change to nothing (`new_status` None).
  `change` says which of the three (`added`, `modified`, `deleted`) it is.
- A version om's loader refuses (or one without a string `status`) has no readable status:
  None on that side of a `modified` change. It is never a crash.
- Merges, as DESIGN.md's history rules judge them: a merge reports a change only where its
  result differs from *every* parent — what the merge itself did, such as an evil merge that
  sets a status neither parent had. A change a merge brings in from a side branch is reported
  once, at the side branch's own commit, with that commit's author and trailers (git log
  shows every commit, not only the first-parent line). The merge's `old_status` is its first
  parent's.
- Author and committer are as recorded in the commit (no .mailmap); `actions` and `decisions`
  are the values of the `OM-Action` and `OM-Decision` trailers (None when there are none).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from om_cli import git
from om_cli.child import Child
from om_cli.errors import GitError, RegistryError, UsageError
from om_cli.loader import MAX_BYTES, LoadError, VersionParser
from om_cli.messages import msg, printable

# blobs asked for at a time while the log streams in (one write to cat-file each)
REQUEST_BATCH = 16
# versions read in this process at the end; a history with more has them read by a child
FORK_AFTER = 256


class Change(StrEnum):
    """What a commit did to a network's file."""

    ADDED = "added"
    MODIFIED = "modified"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class StatusChange:
    """One status change of one network in one commit."""

    network: str
    path: str  # the file after the change (before it, for a deletion), from the top level
    old_path: str | None  # the file before the change; differs from `path` after a rename
    change: Change
    old_status: str | None
    new_status: str | None
    commit: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str
    committer_name: str
    committer_email: str
    committer_date: str
    actions: tuple[str, ...] | None  # OM-Action trailer values
    decisions: tuple[str, ...] | None  # OM-Decision trailer values
    signature: str  # git's %G? letter: G good, B bad, N none, E cannot check, …

    def as_dict(self) -> dict[str, Any]:
        """The change as plain JSON values: every field, tuples as lists."""
        return {
            "network": self.network,
            "path": self.path,
            "old_path": self.old_path,
            "change": self.change.value,
            "old_status": self.old_status,
            "new_status": self.new_status,
            "commit": self.commit,
            "parents": list(self.parents),
            "author_name": self.author_name,
            "author_email": self.author_email,
            "author_date": self.author_date,
            "committer_name": self.committer_name,
            "committer_email": self.committer_email,
            "committer_date": self.committer_date,
            "actions": None if self.actions is None else list(self.actions),
            "decisions": None if self.decisions is None else list(self.decisions),
            "signature": self.signature,
        }


@dataclass(frozen=True, slots=True)
class _Version:
    """A network file as one commit or parent has it."""

    path: str
    network: str
    status: str | None


# what a blob says: the id inside (None when missing or unreadable) and the status
_Content = tuple[str | None, str | None]


def status_history(
    repo: str,
    registry: str = "registry",
    network: str | None = None,
    *,
    use_cache: bool = True,
    head: str | None = None,
    since: str | None = None,
) -> list[StatusChange]:
    """Every status change of the networks in `registry` (relative to `repo`), oldest first.

    `repo` is a folder inside a git work tree (or a bare repository); the history is that of
    its HEAD (or of the commit `head`). With `network`, only that network's changes. Raises
    `GitError` when `repo` is no repository, git is missing or fails, or the clone is shallow
    (its history is incomplete); `UsageError` when `head` names no commit.

    With `since` (a commit id), only the changes of the commits reachable from `head` but not
    from `since`: read straight from git, without the cache, so the cost follows the size of
    the range (what `om check --base` needs), not of the whole history.

    Oldest first means the order of `git rev-list --date-order --reverse`: parents before
    children, otherwise by commit date; within a commit by network id.

    With `use_cache`, the history found is kept in om's cache folder with the HEAD it was read
    for, and what each version of a network file says by its blob id. Commits never change, so
    a later run reads only the commits HEAD gained since and parses only their new versions
    (after a rebase or a switch of branch, commits no longer reachable are dropped). The result
    is the same as without the cache.
    """
    repository = git.open_repository(repo)
    if repository.shallow:
        raise GitError(msg("git.shallow"))
    pathspec, folder = networks_folder(repository, registry)
    if head is None:
        head = git.resolve_head(repository)
        if head is None:
            return []
    else:
        resolved = git.resolve_commit(repository, head)
        if resolved is None:
            raise UsageError(msg("git.unknown_revision", revision=printable(head, 100)))
        head = resolved
    if since is not None:
        with git.CommitOrder(repository, head, since) as listing:
            log = git.read_log(repository, pathspec, since, head, details=False)
            _, changes = _read_history(repository, log, folder, {})
            order = listing.result()
        changes.sort(key=lambda change: order[change.commit])
        if not changes:
            _require_registry(repository, head, folder)
        return [c for c in changes if network is None or c.network == network]
    cache = _HistoryCache(repository.git_dir, folder, enabled=use_cache)
    if cache.head != head:  # read what HEAD gained since the cached history (or all of it)
        with git.CommitOrder(repository, head) as listing:
            log = git.read_log(repository, pathspec, cache.head, head, details=False)
            read, fresh = _read_history(repository, log, folder, cache.contents)
            order = listing.result()
        kept = [c for c in cache.changes if c.commit in order and c.commit not in read]
        cache.changes = sorted([*kept, *fresh], key=lambda change: order[change.commit])
        cache.head = head
        cache.save()
    if not cache.changes:
        _require_registry(repository, head, folder)
    return [c for c in cache.changes if network is None or c.network == network]


def _require_registry(repository: git.Repository, head: str, folder: str) -> None:
    """A history without a single change: `RegistryError` when `head` has no registry folder
    at all (a mistyped `--registry`, a folder given relative to another place, a symbolic
    link, which git does not follow), rather than an all-clear about nothing."""
    registry = posixpath.dirname(folder) or "."
    if git.tree_id(repository.path, head, registry) is None:
        raise RegistryError(
            msg("error.no_registry_at", path=printable(registry, 200), rev=head[:12])
        )


def _read_history(
    repository: git.Repository,
    log: Iterable[git.LogCommit],
    folder: str,
    contents: dict[str, _Content],
) -> tuple[set[str], list[StatusChange]]:
    """The commits `log` listed (lean: without details) and the status changes they made;
    adds to `contents`.

    A long history's versions are read by a forked child (`_Versions`) on another core while
    om reads the log: each blob is asked for as soon as the log names it.
    """
    listed: set[str] = set()
    commits: list[tuple[git.LogCommit, list[git.FileChange]]] = []
    with _Versions(repository) as versions:
        for commit in log:
            listed.add(commit.commit)
            files = [change for change in commit.files if _is_network_file(change.path, folder)]
            if not files:
                continue
            commits.append((commit, files))
            for change in files:
                for blob in (*change.before, change.after):
                    if blob is not None and blob.regular and blob.oid not in contents:
                        versions.want(blob.oid)
        contents.update(versions.contents())
    found = [
        (commit, change) for commit, files in commits for change in _commit_changes(files, contents)
    ]
    # who made the commits that changed a status, when, with which trailers and signature:
    # asked for only now, for those commits alone
    details = git.commit_details(repository, (commit.commit for commit, _ in found))
    changes = [_status_change(details[commit.commit], *change) for commit, change in found]
    return listed, changes


class _Versions:
    """What the versions of the network files say, read while the log is read.

    Up to `FORK_AFTER` versions are kept to be read at the end, in this process. From then on
    (a long history), a forked child (`om_cli.child`) reads the answers of one `git cat-file
    --batch` and parses them, on another core, while this process reads the log and sends the
    requests. Whatever the child does not deliver (no `fork`, or it failed) is read here at the
    end, so the result never depends on the path taken.
    """

    def __init__(self, repository: git.Repository) -> None:
        self.repository = repository
        self.wanted: set[str] = set()
        self.pending: list[str] = []  # wanted, not yet sent to the child
        self.sent: list[str] = []
        self.reader: git.BlobReader | None = None
        self.child: Child | None = None

    def __enter__(self) -> _Versions:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.child is not None:  # left early: nobody waits for its result
            self.child.cancel()
            self.child = None
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    def want(self, oid: str) -> None:
        """Ask for the version `oid` (once, however often it is wanted)."""
        if oid in self.wanted:
            return
        self.wanted.add(oid)
        self.pending.append(oid)
        if self.child is None and len(self.pending) >= FORK_AFTER and self.reader is None:
            self._start()
        if self.child is not None and len(self.pending) >= REQUEST_BATCH:
            self._send()

    def contents(self) -> dict[str, _Content]:
        """What each wanted version says (by blob id): (id, status), or (None, None)."""
        found: dict[str, _Content] = {}
        if self.child is not None:
            assert self.reader is not None
            self._send()
        if self.child is not None:
            assert self.reader is not None
            self.reader.end_requests()
            delivered = self.child.result()
            self.child = None
            if isinstance(delivered, dict):
                found = {oid: delivered[oid] for oid in self.sent if oid in delivered}
        rest = [oid for oid in (*self.sent, *self.pending) if oid not in found]
        if rest:
            parser = VersionParser()
            with git.BlobReader(self.repository, MAX_BYTES) as reader:
                for oid, raw in reader.read(rest).items():
                    found[oid] = _content(raw, parser)
        return found

    def _start(self) -> None:
        reader = git.BlobReader(self.repository, MAX_BYTES)
        process = reader.start()
        assert process.stdin is not None
        self.reader = reader
        # the child closes its copy of git's input, or git would never see it end
        self.child = Child.start(lambda: _read_versions(reader), close=[process.stdin.fileno()])
        if self.child is None:  # no fork here: everything is read at the end
            reader.close()
        else:  # only the child reads git's answers: should it die, git must end, not wait
            assert process.stdout is not None
            process.stdout.close()

    def _send(self) -> None:
        assert self.reader is not None and self.child is not None
        try:
            self.reader.send(self.pending)
        except GitError:  # git or the child is gone: everything is read at the end
            self.child.cancel()
            self.child = None
            self.pending = [*self.sent, *self.pending]
            self.sent = []
            return
        self.sent += self.pending
        self.pending = []


def _read_versions(reader: git.BlobReader) -> dict[str, _Content]:
    """The child's work: what each version git answers with says."""
    parser = VersionParser()
    return {oid: _content(raw, parser) for oid, raw in reader.answers()}


class _HistoryCache:
    """The history read for one HEAD and the content of each version, between runs.

    Kept in om's cache folder, one file per repository and registry folder. A blob id is the
    hash of the blob's content and a commit never changes, so no entry goes stale; only a
    change of om's code does, and the code stamp catches it. An unreadable, foreign or
    malformed cache file is ignored (`om_cli.store`), never trusted.
    """

    def __init__(self, git_dir: str, folder: str, *, enabled: bool) -> None:
        self.enabled = enabled
        self.head: str | None = None
        self.changes: list[StatusChange] = []
        self._contents: dict[str, _Content] | None = None if enabled else {}
        if not enabled:
            return
        from om_cli.store import cache_dir, code_stamp, digest, read_trusted_json

        key = f"{os.path.abspath(git_dir)}\0{folder}".encode("utf-8", "surrogateescape")
        self.path = os.path.join(cache_dir(), f"history-{digest(key)}.json")
        # what each blob says: only needed when HEAD moved, so kept in a file of its own
        self.blobs_path = os.path.join(cache_dir(), f"history-{digest(key)}-blobs.json")
        self.stamp = code_stamp(("loader.py", "git.py", "history.py"))
        stored = read_trusted_json(self.path)
        if not isinstance(stored, dict) or stored.get("stamp") != self.stamp:
            return
        try:
            head, changes = stored["head"], stored["changes"]
            if not isinstance(head, str):
                raise ValueError("bad cache")
            decoded = [_cached_change(change) for change in changes]
        except (KeyError, TypeError, ValueError):
            return
        self.head, self.changes = head, decoded

    @property
    def contents(self) -> dict[str, _Content]:
        """What each blob says (id, status), read from the cache on first use."""
        if self._contents is None:
            from om_cli.store import read_trusted_json

            self._contents = {}
            stored = read_trusted_json(self.blobs_path)
            if isinstance(stored, dict) and stored.get("stamp") == self.stamp:
                try:
                    blobs = stored["blobs"]
                    if not isinstance(blobs, dict):
                        raise ValueError("bad cache")
                    self._contents = {
                        str(oid): _cached_content(entry) for oid, entry in blobs.items()
                    }
                except (KeyError, TypeError, ValueError):
                    self._contents = {}
        return self._contents

    def save(self) -> None:
        if not self.enabled:
            return
        from om_cli.store import write_json_atomically

        if self._contents is not None:
            blobs = {oid: list(content) for oid, content in self._contents.items()}
            write_json_atomically(self.blobs_path, {"stamp": self.stamp, "blobs": blobs})
        write_json_atomically(
            self.path,
            {
                "stamp": self.stamp,
                "head": self.head,
                "changes": [change.as_dict() for change in self.changes],
            },
        )


_TEXT_FIELDS = ("network", "path", "commit", "author_name", "author_email", "author_date",
                "committer_name", "committer_email", "committer_date", "signature")  # fmt: skip
_OPTIONAL_FIELDS = ("old_path", "old_status", "new_status")
_LIST_FIELDS = ("actions", "decisions")


def _cached_content(entry: Any) -> _Content:
    if not isinstance(entry, list) or len(entry) != 2:
        raise ValueError("bad cache entry")
    ident, status = entry
    if not all(value is None or isinstance(value, str) for value in entry):
        raise ValueError("bad cache entry")
    return ident, status


def _cached_change(raw: Any) -> StatusChange:
    """A `StatusChange` from its `as_dict` form, checking every field's type."""
    if not isinstance(raw, dict):
        raise ValueError("bad cache entry")
    values: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        if not isinstance(raw[name], str):
            raise ValueError("bad cache entry")
        values[name] = raw[name]
    for name in _OPTIONAL_FIELDS:
        if raw[name] is not None and not isinstance(raw[name], str):
            raise ValueError("bad cache entry")
        values[name] = raw[name]
    for name in (*_LIST_FIELDS, "parents"):
        items = raw[name]
        if items is None and name != "parents":
            values[name] = None
            continue
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValueError("bad cache entry")
        values[name] = tuple(items)
    values["change"] = Change(raw["change"])
    return StatusChange(**values)


def networks_folder(repository: git.Repository, registry: str) -> tuple[str, str]:
    """`<registry>/networks` relative to `repo` (the pathspec) and to the top level."""
    if os.path.isabs(registry):
        registry = os.path.relpath(registry, repository.path)
    relative = posixpath.normpath(posixpath.join(registry.replace(os.sep, "/"), "networks"))
    top = posixpath.normpath(posixpath.join(repository.prefix, relative))
    if top == ".." or top.startswith("../") or posixpath.isabs(top):
        raise UsageError(msg("history.outside", path=printable(registry, 200)))
    return relative, top


def _is_network_file(path: str, folder: str) -> bool:
    """A file directly in the networks folder whose name ends in `.yaml`."""
    return (
        path.startswith(folder)
        and path[len(folder) : len(folder) + 1] == "/"
        and path.endswith(".yaml")
        and "/" not in path[len(folder) + 1 :]
    )


def _content(raw: bytes | None, parser: VersionParser) -> _Content:
    """The id and status a network file declares; (None, None) when the loader refuses it."""
    if raw is None:  # missing from the repository, or over the size limit
        return None, None
    try:
        data = parser.parse(raw)
    except LoadError:
        return None, None
    ident, status = data.get("id"), data.get("status")
    return (
        ident if isinstance(ident, str) and ident else None,
        status if isinstance(status, str) else None,
    )


def _version(path: str, blob: git.Blob | None, contents: dict[str, _Content]) -> _Version | None:
    if blob is None:
        return None
    stem = posixpath.basename(path)[: -len(".yaml")]
    ident, status = contents.get(blob.oid, (None, None)) if blob.regular else (None, None)
    return _Version(path, ident or stem, status)


def _pair(
    olds: list[_Version], news: list[_Version]
) -> list[tuple[_Version | None, _Version | None]]:
    """Old and new versions of the same network: same path and id first, then same id (a file
    renamed in this commit); what is left was deleted or added."""
    pairs: list[tuple[_Version | None, _Version | None]] = []
    by_path = {new.path: new for new in news}
    taken: set[str] = set()
    unpaired: list[_Version] = []
    for old in olds:
        new = by_path.get(old.path)
        if new is not None and new.network == old.network:
            pairs.append((old, new))
            taken.add(new.path)
        else:
            unpaired.append(old)
    by_network: dict[str, list[_Version]] = {}
    for new in news:
        if new.path not in taken:
            by_network.setdefault(new.network, []).append(new)
    for old in unpaired:
        candidates = by_network.get(old.network)
        pairs.append((old, candidates.pop(0) if candidates else None))
    pairs.extend((None, new) for candidates in by_network.values() for new in candidates)
    return pairs


def _commit_changes(
    files: list[git.FileChange], contents: dict[str, _Content]
) -> list[tuple[_Version | None, _Version | None, _Version]]:
    """The status changes a commit's `files` make: old and new version (None: absent) and the
    version that names the network, by network and path."""
    if len(files) == 1 and len(files[0].before) == 1:  # most commits: one file edited
        before, after = files[0].before[0], files[0].after
        if (
            before is not None
            and after is not None
            and before.regular
            and after.regular
            and contents.get(before.oid, _UNREAD) == contents.get(after.oid, _UNREAD)
        ):
            return []  # the same id (or none: the same file name) and the same status
    news = [v for f in files if (v := _version(f.path, f.after, contents)) is not None]
    parents = len(files[0].before)
    olds = [
        [v for f in files if (v := _version(f.path, f.before[i], contents)) is not None]
        for i in range(parents)
    ]
    first = _pair(olds[0], news)
    # a merge's own change: its result differs from what every other parent had, too
    others: list[dict[str, _Version | None]] = []
    for versions in olds[1:]:
        others.append({})
        for old, new in _pair(versions, news):
            current = new or old
            if current is not None:
                others[-1][current.network] = old
    changes: list[tuple[_Version | None, _Version | None, _Version]] = []
    for old, new in first:
        current = new or old
        assert current is not None
        if old is not None and new is not None and old.status == new.status:
            continue
        if any(_state(parent.get(current.network)) == _state(new) for parent in others):
            continue
        changes.append((old, new, current))
    changes.sort(key=lambda change: (change[2].network, change[2].path))
    return changes


_UNREAD: _Content = (None, None)


def _state(version: _Version | None) -> tuple[bool, str | None]:
    return (False, None) if version is None else (True, version.status)


def _status_change(
    commit: git.LogCommit, old: _Version | None, new: _Version | None, current: _Version
) -> StatusChange:
    if old is None:
        kind = Change.ADDED
    elif new is None:
        kind = Change.DELETED
    else:
        kind = Change.MODIFIED
    return StatusChange(
        network=current.network,
        path=current.path,
        old_path=old.path if old is not None else None,
        change=kind,
        old_status=old.status if old is not None else None,
        new_status=new.status if new is not None else None,
        commit=commit.commit,
        parents=commit.parents,
        author_name=commit.author_name,
        author_email=commit.author_email,
        author_date=commit.author_date,
        committer_name=commit.committer_name,
        committer_email=commit.committer_email,
        committer_date=commit.committer_date,
        actions=commit.actions or None,
        decisions=commit.decisions or None,
        signature=commit.signature,
    )
