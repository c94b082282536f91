"""The history rules OM301–OM305: is the git history a sound audit trail?

`audit` judges the commits of a repository's history (all of it, or those after `since`) and
returns findings; it never prints. It reads:

- the status changes of the networks from `om_cli.history` (one streamed `git log` of the
  networks folder, cached between runs),
- the changes to decision files from one more streamed `git log` of the decisions folder,
- the decisions a commit names, its `om.yaml` and the allowed-signers file, by object name
  (`<commit>:<path>`) from one `git cat-file --batch`,
- the signatures from one `git log --no-walk` per distinct allowed-signers file.

Every rule judges a commit's own changes (a merge: what differs from every parent). The audit
policy for a commit (`audit.require_trailers`, `audit.allowed_signers`, rule severities) is read
from the `om.yaml` of its first parent — or, in `om check --base` mode, of the base — so no
commit can change the rules it is judged by. Before anything is judged the history must be
complete (OM305): in a shallow clone, or with replacement objects or grafts, the audit refuses
with that one finding rather than give a false all-clear.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from om_cli import git
from om_cli.config import Settings, settings_from
from om_cli.errors import UsageError
from om_cli.findings import Finding, Severity
from om_cli.history import Change, StatusChange, networks_folder, status_history
from om_cli.loader import MAX_BYTES, LoadError, parse
from om_cli.messages import Message, msg, printable
from om_cli.rules import om301, om302, om303, om304, om305

SHORT = 10  # characters of a commit id in messages


@dataclass(frozen=True, slots=True)
class Decision:
    """What one version of a decision file says, as far as the audit needs it."""

    id: str | None
    kind: str | None
    body: str | None
    networks: tuple[str, ...]
    year: str | None  # of its date


@dataclass(slots=True)
class AuditResult:
    """The findings, sorted by file and then by the commits' order, and how many commits."""

    findings: list[Finding]
    commits: int


@dataclass(slots=True)
class _Audit:
    repository: git.Repository
    registry_top: str  # the registry folder relative to the top level
    shown_prefix: str  # how paths from the top level are shown (relative to `repo`)
    head: str
    in_range: set[str] | None  # None: every commit
    trust_from: str | None
    order: dict[str, int] = field(default_factory=dict)
    settings: dict[str | None, Settings] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)  # by blob id
    # decision id (inside and file stem) -> every path a file with that id was added at
    decision_paths: dict[str, set[str]] = field(default_factory=dict)
    # network id -> the ids of the decisions that name it (in any version of their file)
    naming: dict[str, set[str]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    reader: git.BlobReader | None = None  # one `git cat-file --batch` for the whole audit
    # allowed-signers files (from the top level) that any version of om.yaml named
    trust_paths: set[str] = field(default_factory=set)
    # "<commit>:<path>" -> the blob id it names (None: none); commits never change
    named: dict[str, str | None] = field(default_factory=dict)
    settings_by_blob: dict[str | None, Settings] = field(default_factory=dict)
    # the decision files at the start of a range (`since`), read once for both their uses
    # the decision files the range starts from: (commit, path, blob) in each merge base
    start_files: list[tuple[str, str, git.Blob]] = field(default_factory=list)
    # git's verdict on a signature by "<commit>:<digest of the allowed-signers file>"
    verdicts: dict[str, tuple[str, str]] = field(default_factory=dict)


class _AuditCache:
    """What the audit read of the decisions folder for one HEAD, between runs.

    Kept in om's cache folder beside the history's, one file per repository and registry: the
    commits that changed decision files (with just those files), the order of all commits,
    and what each version of a decision file says by its blob id. Commits and blobs never
    change, so only a change of om's code makes an entry stale, and the code stamp catches
    that; after a rebase the commits no longer reachable are dropped. A cache file that is
    unreadable, foreign or malformed is ignored (`om_cli.store`), never trusted.
    """

    def __init__(self, git_dir: str, folder: str, *, enabled: bool) -> None:
        self.enabled = enabled
        self.head: str | None = None
        self.order: list[str] = []
        self.commits: list[git.LogCommit] = []
        self.decisions: dict[str, Decision] = {}
        self.trust_paths: list[str] = []
        self.verdicts: dict[str, tuple[str, str]] = {}
        self.named: dict[str, str | None] = {}
        self.dirty = False  # read anew: to be saved
        if not enabled:
            return
        from om_cli.store import cache_dir, code_stamp, digest, read_trusted_json

        key = f"{os.path.abspath(git_dir)}\0{folder}".encode("utf-8", "surrogateescape")
        self.path = os.path.join(cache_dir(), f"audit-{digest(key)}.json")
        self.stamp = code_stamp(("loader.py", "git.py", "audit.py"))
        stored = read_trusted_json(self.path)
        if not isinstance(stored, dict) or stored.get("stamp") != self.stamp:
            return
        try:
            head, order, trust = stored["head"], stored["order"], stored["trust_paths"]
            if not isinstance(head, str) or not _strings(order) or not _strings(trust):
                raise ValueError("bad cache")
            commits = [_cached_commit(entry) for entry in stored["commits"]]
            decisions = {str(oid): _cached_decision(d) for oid, d in stored["decisions"].items()}
            verdicts = {str(key): _cached_verdict(v) for key, v in stored["verdicts"].items()}
            named = stored["named"]
            if not isinstance(named, dict) or not all(
                value is None or isinstance(value, str) for value in named.values()
            ):
                raise ValueError("bad cache")
        except (AttributeError, KeyError, TypeError, ValueError):
            return
        self.head, self.order, self.commits, self.decisions = head, order, commits, decisions
        self.trust_paths, self.verdicts, self.named = trust, verdicts, named

    def save(self) -> None:
        if not self.enabled:
            return
        from om_cli.store import write_json_atomically

        write_json_atomically(
            self.path,
            {
                "stamp": self.stamp,
                "head": self.head,
                "order": self.order,
                "trust_paths": self.trust_paths,
                "verdicts": {key: list(verdict) for key, verdict in self.verdicts.items()},
                "named": self.named,
                "commits": [_commit_entry(c) for c in self.commits],
                "decisions": {
                    oid: [d.id, d.kind, d.body, list(d.networks), d.year]
                    for oid, d in self.decisions.items()
                },
            },
        )


def _commit_entry(commit: git.LogCommit) -> list[Any]:
    files = [_file_entry(change) for change in commit.files]
    return [commit.commit, list(commit.parents), commit.committer_email, files]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _blob_entry(blob: git.Blob | None) -> list[Any] | None:
    return None if blob is None else [blob.oid, blob.regular]


def _file_entry(change: git.FileChange) -> list[Any]:
    return [change.path, [_blob_entry(b) for b in change.before], _blob_entry(change.after)]


def _cached_blob(entry: Any) -> git.Blob | None:
    if entry is None:
        return None
    oid, regular = entry
    if not isinstance(oid, str) or not isinstance(regular, bool):
        raise ValueError("bad cache entry")
    return git.Blob(oid, regular)


def _cached_verdict(entry: Any) -> tuple[str, str]:
    letter, signer = entry
    if not isinstance(letter, str) or not isinstance(signer, str):
        raise ValueError("bad cache entry")
    return letter, signer


def _cached_commit(entry: Any) -> git.LogCommit:
    commit, parents, committer, files = entry
    if not isinstance(commit, str) or not _strings(parents) or not isinstance(files, list):
        raise ValueError("bad cache entry")
    if not isinstance(committer, str):
        raise ValueError("bad cache entry")
    changes = []
    for path, before, after in files:
        if not isinstance(path, str) or not isinstance(before, list):
            raise ValueError("bad cache entry")
        changes.append(
            git.FileChange(path, tuple(_cached_blob(b) for b in before), _cached_blob(after))
        )
    return _kept(commit, tuple(parents), committer, tuple(changes))


def _cached_decision(entry: Any) -> Decision:
    ident, kind, body, networks, year = entry
    if not all(value is None or isinstance(value, str) for value in (ident, kind, body, year)):
        raise ValueError("bad cache entry")
    if not _strings(networks):
        raise ValueError("bad cache entry")
    return Decision(ident, kind, body, tuple(networks), year)


def audit(
    repo: str,
    registry: str = "registry",
    *,
    since: str | None = None,
    head: str | None = None,
    trust_from: str | None = None,
    use_cache: bool = True,
) -> AuditResult:
    """Judge the history of `registry` (relative to `repo`) by OM301–OM305.

    `since`: judge only the commits reachable from `head` (default HEAD) but not from `since`.
    `trust_from`: read the audit policy and the allowed-signers file from this commit instead
    of each commit's first parent (`om check --base` passes the base). An unknown revision is
    a `UsageError`; git failing a `GitError`.
    """
    repository = git.open_repository(repo)
    refusal = _incomplete(repository, registry)
    if refusal is not None:
        return AuditResult([refusal], 0)
    head_id = _resolve(repository, head) if head is not None else git.resolve_head(repository)
    if head_id is None:
        return AuditResult([], 0)
    since_id = _resolve(repository, since) if since is not None else None
    trust_id = _resolve(repository, trust_from) if trust_from is not None else None
    networks_pathspec, networks_top = networks_folder(repository, registry)
    state = _Audit(
        repository=repository,
        registry_top=posixpath.dirname(networks_top),
        shown_prefix=repository.prefix,
        head=head_id,
        in_range=None,
        trust_from=trust_id,
    )
    registry_spec = posixpath.dirname(networks_pathspec)
    specs = [posixpath.join(registry_spec, "decisions"), posixpath.join(registry_spec, "om.yaml")]
    with git.BlobReader(repository, MAX_BYTES) as reader:
        state.reader = reader
        if since_id is not None:  # a range: its cost follows the range, no cache needed
            with git.BackgroundLog(repository, specs, since_id, head_id) as log:
                changes = status_history(repo, registry, head=head_id, since=since_id)
                state.order = git.commit_order(repository, head_id, since_id)
                state.in_range = set(state.order)
                # the range starts where HEAD's history leaves `since`'s: at the merge bases
                # (`since` itself when HEAD is built on it; a branch behind it never had what
                # `since` gained after they parted)
                for start in git.merge_bases(repository.path, since_id, head_id):
                    _index_tree(state, start, specs[0])
                commits = _logged_commits(state, log.commits())
            trust = _trust_paths(state, commits, [since_id, trust_id])
            if trust:
                state.trust_paths = trust
                extra = _registry_commits(state, [_shown(state, p) for p in trust], since_id)
                commits = _merge_commits(state, commits, extra)
        else:
            cache = _AuditCache(repository.git_dir, networks_top, enabled=use_cache)
            with contextlib.ExitStack() as stack:
                log = None
                if cache.head != head_id:  # git lists the decisions while om reads the networks
                    paths = [*specs, *(_shown(state, p) for p in sorted(cache.trust_paths))]
                    log = stack.enter_context(
                        git.BackgroundLog(repository, paths, cache.head, head_id)
                    )
                changes = status_history(repo, registry, use_cache=use_cache, head=head_id)
                commits = _cached_commits(state, cache, specs, log)
        known = len(state.verdicts), len(state.named)
        _judge_decision_files(state, commits)
        _judge_status_changes(state, changes)
        _judge_policy_changes(state, commits)
        _judge_decisions_kept(state, commits, specs[0])
        _locate(state)
        if since_id is None and (cache.dirty or (len(state.verdicts), len(state.named)) != known):
            cache.save()
    state.findings.sort(key=lambda f: (f.file, state.order.get(f.commit or "", -1), f.rule))
    return AuditResult(state.findings, len(state.order))


def _cached_commits(
    state: _Audit, cache: _AuditCache, specs: list[str], log: git.BackgroundLog | None
) -> list[git.LogCommit]:
    """The commits of the whole history that changed decisions, om.yaml or an allowed-signers
    file: from the cache, with only what HEAD gained since read from git (by `log`, already
    started over those paths, when given)."""
    state.decisions, state.verdicts, state.named = cache.decisions, cache.verdicts, cache.named
    state.trust_paths = set(cache.trust_paths)
    if cache.head == state.head:
        state.order = {commit: index for index, commit in enumerate(cache.order)}
        return cache.commits
    state.order = git.commit_order(state.repository, state.head)
    if log is not None:
        fresh = _logged_commits(state, log.commits())
    else:
        known = [_shown(state, path) for path in sorted(state.trust_paths)]
        fresh = _registry_commits(state, [*specs, *known], cache.head)
    listed = {commit.commit for commit in fresh}
    kept = [c for c in cache.commits if c.commit in state.order and c.commit not in listed]
    commits = [*fresh, *kept]
    new = _trust_paths(state, commits, [state.head]) - state.trust_paths
    if new:  # an allowed-signers file not followed so far: its whole history
        state.trust_paths |= new
        extra = _registry_commits(state, [_shown(state, path) for path in sorted(new)], None)
        commits = _merge_commits(state, commits, extra)
    cache.commits = sorted(commits, key=lambda c: state.order[c.commit])
    cache.head, cache.order = state.head, list(state.order)
    cache.trust_paths = sorted(state.trust_paths)
    cache.dirty = True
    return cache.commits


def _merge_commits(
    state: _Audit, first: list[git.LogCommit], second: list[git.LogCommit]
) -> list[git.LogCommit]:
    """Two logs of the same commits over different paths, as one."""
    by_id = {commit.commit: commit for commit in first}
    for commit in second:
        known = by_id.get(commit.commit)
        if known is None:
            by_id[commit.commit] = commit
        else:
            paths = {change.path for change in known.files}
            files = (*known.files, *(f for f in commit.files if f.path not in paths))
            by_id[commit.commit] = _kept(known.commit, known.parents, known.committer_email, files)
    return sorted(by_id.values(), key=lambda c: state.order.get(c.commit, -1))


def _resolve(repository: git.Repository, revision: str) -> str:
    resolved = git.resolve_commit(repository, revision)
    if resolved is None:
        raise UsageError(msg("git.unknown_revision", revision=printable(revision, 100)))
    return resolved


def _selected(state: _Audit, commit: str) -> bool:
    return state.in_range is None or commit in state.in_range


def _shown(state: _Audit, top_path: str) -> str:
    """A path from the top level as the user sees it: relative to the folder om runs in."""
    prefix = state.shown_prefix
    if prefix and top_path.startswith(prefix):
        return top_path[len(prefix) :]
    if prefix:
        return posixpath.relpath(top_path, prefix.rstrip("/"))
    return top_path


# --- OM305: is the history complete? ----------------------------------------------------------


def _incomplete(repository: git.Repository, registry: str) -> Finding | None:
    message: Message | None = None
    if repository.shallow:
        message = msg("om305.shallow")
    elif refs := git.replace_refs(repository):
        shown = ", ".join(printable(ref, 100) for ref in refs[:3])
        message = msg("om305.replace", refs=shown + (", …" if len(refs) > 3 else ""))
    elif git.has_grafts(repository):
        message = msg("om305.grafts")
    if message is None:
        return None
    return Finding(om305.ID, om305.SEVERITY, "history", registry, 1, 1, "", message)


# --- decision files: OM303, and what OM302 looks up -------------------------------------------


def _registry_commits(
    state: _Audit, pathspecs: list[str], since: str | None
) -> list[git.LogCommit]:
    """The commits (after `since`) that changed decision files, om.yaml or a followed
    allowed-signers file: `_logged_commits` of a log over `pathspecs`."""
    return _logged_commits(state, git.read_log(state.repository, pathspecs, since, state.head))


def _logged_commits(state: _Audit, log: Iterable[git.LogCommit]) -> list[git.LogCommit]:
    """The commits of `log` that changed decision files, om.yaml or a followed allowed-signers
    file, with only those files; reads every decision version not known yet."""
    folder = posixpath.join(state.registry_top, "decisions")
    settings = posixpath.join(state.registry_top, "om.yaml")
    commits: list[git.LogCommit] = []
    wanted: dict[str, None] = {}
    for commit in log:
        files = tuple(
            f for f in commit.files
            if _is_decision_file(f.path, folder) or f.path in (settings, *state.trust_paths)
        )  # fmt: skip
        if not files:
            continue
        commits.append(_kept(commit.commit, commit.parents, commit.committer_email, files))
        for change in files:
            if not _is_decision_file(change.path, folder):
                continue
            for blob in (*change.before, change.after):
                if blob is not None and blob.regular:
                    wanted[blob.oid] = None
    _load_decisions(state, wanted)
    return commits


def _kept(
    commit: str, parents: tuple[str, ...], committer: str, files: tuple[git.FileChange, ...]
) -> git.LogCommit:
    """Only what the audit keeps of a commit: id, parents, committer e-mail, the files."""
    return git.LogCommit(commit, parents, "", "", "", "", committer, "", "", (), (), files)


def _index_tree(state: _Audit, commit: str, pathspec: str) -> None:
    """Index the decision files `commit` has (where a range starts)."""
    folder = posixpath.join(state.registry_top, "decisions")
    files = [(p, b) for p, b in git.tree_files(state.repository, commit, pathspec)
             if _is_decision_file(p, folder)]  # fmt: skip
    state.start_files += [(commit, path, blob) for path, blob in files]
    _load_decisions(state, [blob.oid for _, blob in files if blob.regular])
    for path, blob in files:
        _index(state, path, _decision_of(state, blob))


def _index(state: _Audit, path: str, decision: Decision) -> None:
    """Remember where a decision file lies, by its stem and the id inside, and whom it names."""
    stem = posixpath.basename(path)[: -len(".yaml")]
    for ident in {stem, decision.id or stem}:
        state.decision_paths.setdefault(ident, set()).add(path)
        for network in decision.networks:
            state.naming.setdefault(network, set()).add(ident)


def _judge_decision_files(state: _Audit, commits: list[git.LogCommit]) -> None:
    """Index every decision file added, by file stem and by the id inside; judge each
    commit's changes to existing ones (OM303)."""
    folder = posixpath.join(state.registry_top, "decisions")
    for commit in commits:
        files = [change for change in commit.files if _is_decision_file(change.path, folder)]
        for change in files:
            if change.after is not None and all(before is None for before in change.before):
                _index(state, change.path, _decision_of(state, change.after))
        if files and _selected(state, commit.commit):
            _judge_decision_changes(state, commit, files)


def _judge_decisions_kept(state: _Audit, commits: list[git.LogCommit], pathspec: str) -> None:
    """OM303 at HEAD: every decision file added (in the range, or before it: in a merge base
    it starts from) is still there
    with the content it was added with, wherever it lies now. This catches what no single
    commit shows, such as a merge that keeps its first parent's tree (`git merge -s ours`)
    and so drops a decision a side branch added."""
    folder = posixpath.join(state.registry_top, "decisions")
    present = {blob.oid for _, blob in git.tree_files(state.repository, state.head, pathspec)}
    reported = {f.entity for f in state.findings if f.rule == om303.ID}
    # path, blob id, commit
    added = [(path, blob.oid, start) for start, path, blob in state.start_files]
    for commit in commits:
        if not _selected(state, commit.commit):
            continue
        for change in commit.files:
            if (
                _is_decision_file(change.path, folder)
                and change.after is not None
                and all(before is None for before in change.before)
            ):
                added.append((change.path, change.after.oid, commit.commit))
    for path, oid, added_in in added:
        entity = f"decisions/{posixpath.basename(path)[: -len('.yaml')]}"
        if oid in present or entity in reported:
            continue
        reported.add(entity)
        message = msg("om303.dropped", commit=added_in[:SHORT], head=state.head[:SHORT])
        _add(state, _policy(state, state.head), om303, entity, path, state.head, message)


def _is_decision_file(path: str, folder: str) -> bool:
    return path.startswith(folder + "/") and path.endswith(".yaml")


def _load_decisions(state: _Audit, wanted: Iterable[str]) -> None:
    assert state.reader is not None
    missing = [oid for oid in wanted if oid not in state.decisions]
    for oid, raw in state.reader.read(missing).items():
        state.decisions[oid] = _decision(raw)


def _named(state: _Audit, names: Iterable[str]) -> dict[str, bytes | None]:
    """Objects by name (`<commit>:<path>`) from the audit's one cat-file process."""
    assert state.reader is not None
    return git.read_named(state.reader, names, resolved=state.named)


def _blobs_named(state: _Audit, names: Iterable[str]) -> dict[str, str | None]:
    """The blob id each name (`<commit>:<path>`) stands for; asks git only for names not
    resolved before (in this run or, through the cache, an earlier one)."""
    listed = list(dict.fromkeys(names))
    unknown = [name for name in listed if name not in state.named]
    if unknown:
        _named(state, unknown)
    return {name: state.named.get(name) for name in listed}


def _contents(state: _Audit, oids: Iterable[str]) -> dict[str, bytes | None]:
    assert state.reader is not None
    return state.reader.read(oids)


def _decision(raw: bytes | None) -> Decision:
    """What a decision file says; nothing (all None) when om's loader refuses it."""
    if raw is None:
        return Decision(None, None, None, (), None)
    try:
        data, _ = parse(raw)
    except LoadError:
        return Decision(None, None, None, (), None)

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    networks = data.get("networks")
    listed = tuple(n for n in networks if isinstance(n, str)) if isinstance(networks, list) else ()
    date = text("date")
    year = date[:4] if date is not None and len(date) >= 4 and date[:4].isdigit() else None
    return Decision(text("id"), text("kind"), text("body"), listed, year)


def _decision_of(state: _Audit, blob: git.Blob) -> Decision:
    if not blob.regular:
        return Decision(None, None, None, (), None)
    return state.decisions.get(blob.oid) or Decision(None, None, None, (), None)


def _judge_decision_changes(
    state: _Audit, commit: git.LogCommit, files: list[git.FileChange]
) -> None:
    """OM303 for one commit: no existing decision file changed or deleted, except a move of
    unchanged content, under the same name, into the folder of the decision's year."""
    added = {f.after.oid: f.path for f in files if f.after is not None and not any(f.before)}
    source = commit.parents[0] if commit.parents else None
    for change in files:
        olds = [blob for blob in change.before if blob is not None]
        if not olds:
            continue  # a new file (or one no parent had)
        if change.after is not None:
            if all(old.oid == change.after.oid for old in olds):
                continue  # only the mode changed
            message = msg("om303.modified", commit=commit.commit[:SHORT])
        else:
            old = olds[0]
            target = added.get(old.oid)
            if target is not None:
                year = _decision_of(state, old).year
                folder = posixpath.join(state.registry_top, "decisions", year or "")
                same_name = posixpath.basename(target) == posixpath.basename(change.path)
                if year is not None and same_name and posixpath.dirname(target) == folder:
                    continue  # moved, unchanged and under its name, into its year's folder
                message = msg(
                    "om303.moved", commit=commit.commit[:SHORT], path=printable(target, 200)
                )
            else:
                message = msg("om303.deleted", commit=commit.commit[:SHORT])
        stem = posixpath.basename(change.path)[: -len(".yaml")]
        policy = _policy(state, source)
        _add(state, policy, om303, f"decisions/{stem}", change.path, commit.commit, message)


# --- status changes: OM301, OM302, OM304 ------------------------------------------------------


def _judge_status_changes(state: _Audit, changes: list[StatusChange]) -> None:
    needing: list[tuple[StatusChange, tuple[str, str]]] = []
    signed: list[_Signed] = []
    _prefetch_settings(state, (_policy_source(state, change) for change in changes))
    for change in changes:
        policy = _policy(state, _policy_source(state, change))
        message = om301.judge(change, change.commit[:SHORT])
        if message is not None:
            _add_status(state, policy, om301, change, message)
        needed = om302.NEEDED.get(change.new_status or "")
        if needed is not None and change.change is not Change.DELETED:
            needing.append((change, needed))
            action = om302.ACTIONS[change.new_status or ""]
            if change.actions and action not in change.actions:
                shown = ", ".join(printable(a, 40) for a in change.actions)
                message = msg("om302.wrong_action", action=shown, expected=action, **_facts(change))
                _add_status(state, policy, om302, change, message)
            elif not change.actions and change.decisions and policy.require_trailers:
                message = msg("om302.no_action", expected=action, **_facts(change))
                _add_status(state, policy, om302, change, message)
        if change.new_status != "applied" and policy.allowed_signers is not None:
            stem = posixpath.basename(change.path)[: -len(".yaml")]
            what = msg("om304.what_status", old=om301.shown(change.old_status),
                       new=om301.shown(change.new_status))  # fmt: skip
            signed.append(_Signed(change.commit, change.committer_email, what,
                                  f"networks/{stem}", change.path, "/status",
                                  _policy_source(state, change)))  # fmt: skip
    _judge_decisions(state, needing)
    _judge_signatures(state, signed)


def _policy_source(state: _Audit, change: StatusChange | git.LogCommit) -> str | None:
    """The commit whose om.yaml judges `change`'s commit: the base in `--base` mode, else its
    first parent (None for a root commit: the defaults)."""
    if state.trust_from is not None:
        return state.trust_from
    return change.parents[0] if change.parents else None


def _policy(state: _Audit, source: str | None) -> Settings:
    """The settings in force for a commit judged by `source` (see `_policy_source`)."""
    return _settings_at(state, state.trust_from if state.trust_from is not None else source)


def _settings_at(state: _Audit, commit: str | None) -> Settings:
    """The settings of om.yaml as `commit` has it (the defaults where it has none)."""
    if commit not in state.settings:
        _prefetch_settings(state, [commit])
    return state.settings[commit]


def _prefetch_settings(state: _Audit, commits: Iterable[str | None]) -> None:
    """Read the `om.yaml` of many commits at once (one batch, not one process each)."""
    wanted = {commit for commit in commits if commit not in state.settings}
    settings_file = posixpath.join(state.registry_top, "om.yaml")
    names = {commit: f"{commit}:{settings_file}" for commit in wanted if commit is not None}
    blobs = _blobs_named(state, names.values())
    unknown = {oid for oid in blobs.values() if oid is not None} - state.settings_by_blob.keys()
    for oid, raw in _contents(state, unknown).items():
        state.settings_by_blob[oid] = _settings_of(raw)
    state.settings_by_blob.setdefault(None, settings_from(None))
    for commit in wanted:
        blob = blobs.get(names[commit]) if commit is not None else None
        state.settings[commit] = state.settings_by_blob[blob]


def _settings_of(raw: bytes | None) -> Settings:
    if raw is None:
        return settings_from(None)
    try:
        return settings_from(parse(raw)[0])
    except LoadError:
        return settings_from(None)


def _trust_top(path: str) -> str | None:
    """An allowed-signers path from om.yaml (relative to the repository root) from the top
    level; None for one that leaves the repository."""
    relative = posixpath.normpath(path.replace("\\", "/").lstrip("/"))
    if relative in (".", "..") or relative.startswith("../"):
        return None
    return relative


def _trust_paths(
    state: _Audit, commits: list[git.LogCommit], extra: Iterable[str | None]
) -> set[str]:
    """Every allowed-signers file named by a version of om.yaml in `commits`, or as the
    commits in `extra` have it."""
    assert state.reader is not None
    settings = posixpath.join(state.registry_top, "om.yaml")
    oids = {
        blob.oid
        for commit in commits
        for change in commit.files
        if change.path == settings
        for blob in (*change.before, change.after)
        if blob is not None and blob.regular
    }
    named = [_settings_at(state, commit).allowed_signers for commit in extra if commit]
    versions = [_settings_of(raw).allowed_signers for raw in state.reader.read(oids).values()]
    return {top for path in (*named, *versions) if path and (top := _trust_top(path))}


def _judge_policy_changes(state: _Audit, commits: list[git.LogCommit]) -> None:
    """OM304 for the audit policy itself: where an allowed-signers file is in force, a commit
    that changes the policy — `require_trailers`, `allowed_signers`, the severity of a history
    rule, om.yaml's readability, or the allowed-signers file in force — must be signed by an
    allowed signer under the policy before it, like a status change."""
    settings = posixpath.join(state.registry_top, "om.yaml")
    touching = [
        commit
        for commit in commits
        if _selected(state, commit.commit)
        and any(f.path == settings or f.path in state.trust_paths for f in commit.files)
    ]
    parents = [commit.parents[0] if commit.parents else None for commit in touching]
    _prefetch_settings(state, [*parents, *(commit.commit for commit in touching)])
    signed: list[_Signed] = []
    for commit, parent in zip(touching, parents, strict=True):
        source = _policy_source(state, commit)
        judging = _policy(state, source)
        if judging.allowed_signers is None:
            continue
        before, after = _settings_at(state, parent), _settings_at(state, commit.commit)
        changed = _policy_key(before) != _policy_key(after)
        if not changed and before.allowed_signers is not None:
            old_list = _trust_file(state, parent, before.allowed_signers)
            changed = old_list != _trust_file(state, commit.commit, before.allowed_signers)
        if changed:
            signed.append(_Signed(commit.commit, commit.committer_email,
                                  msg("om304.what_policy"), "om.yaml", settings, "/audit",
                                  source))  # fmt: skip
    _judge_signatures(state, signed)


def _policy_key(settings: Settings) -> tuple[Any, ...]:
    """What of the settings makes the audit policy."""
    history = sorted((rule, level) for rule, level in settings.severities.items()
                     if rule.startswith("OM30"))  # fmt: skip
    return settings.require_trailers, settings.allowed_signers, tuple(history)


def _judge_decisions(state: _Audit, needing: list[tuple[StatusChange, tuple[str, str]]]) -> None:
    """OM302: the decision each status change names exists in its commit and fits it."""
    names: dict[str, None] = {}
    for change, _ in needing:
        require = _policy(state, _policy_source(state, change)).require_trailers
        for ident in _candidates(state, change, require):
            for path in state.decision_paths.get(ident, ()):
                names[f"{change.commit}:{path}"] = None
    blobs = _blobs_named(state, names)
    _load_decisions(state, {oid for oid in blobs.values() if oid is not None})
    parsed = {name: state.decisions[oid] for name, oid in blobs.items() if oid is not None}
    for change, (kind, body) in needing:
        policy = _policy(state, _policy_source(state, change))
        message = _decision_verdict(state, change, kind, body, parsed, policy.require_trailers)
        if message is not None:
            _add_status(state, policy, om302, change, message)


def _candidates(state: _Audit, change: StatusChange, require_trailers: bool) -> Iterable[str]:
    """The decision ids to look up: the trailers'; without any, none when trailers are
    required, else every decision that names the network."""
    if change.decisions:
        return change.decisions
    if require_trailers:
        return ()
    return sorted(state.naming.get(change.network, ()))


def _decision_verdict(
    state: _Audit,
    change: StatusChange,
    kind: str,
    body: str,
    parsed: dict[str, Decision],
    require_trailers: bool,
) -> Message | None:
    short = change.commit[:SHORT]
    facts = {
        "commit": short,
        "old": om301.shown(change.old_status),
        "new": om301.shown(change.new_status),
    }

    def present(ident: str) -> list[Decision]:
        paths = sorted(state.decision_paths.get(ident, ()))
        return [
            decision
            for path in paths
            if (decision := parsed.get(f"{change.commit}:{path}")) is not None
            and ident in (decision.id, posixpath.basename(path)[: -len(".yaml")])
        ]

    def fits(decision: Decision) -> bool:
        return (decision.kind, decision.body) == (kind, body) and change.network in (
            decision.networks
        )

    if not change.decisions:
        candidates = _candidates(state, change, require_trailers)
        if any(fits(decision) for ident in candidates for decision in present(ident)):
            return None
        if require_trailers:
            return msg("om302.no_trailer", **facts)
        return msg(
            "om302.missing",
            expected_kind=kind,
            expected_body=body,
            network=printable(change.network, 100),
            **facts,
        )
    first: Message | None = None
    for ident in change.decisions:
        decisions = present(ident)
        shown = printable(ident, 100)
        if any(fits(decision) for decision in decisions):
            return None
        if first is not None:
            continue
        if not decisions:
            first = msg("om302.unknown", decision=shown, commit=short)
        elif (decisions[0].kind, decisions[0].body) != (kind, body):
            first = msg(
                "om302.wrong_kind",
                decision=shown,
                kind=printable(decisions[0].kind or "—", 40),
                body=printable(decisions[0].body or "—", 40),
                expected_kind=kind,
                expected_body=body,
                **facts,
            )
        else:
            first = msg(
                "om302.wrong_network",
                decision=shown,
                commit=short,
                network=printable(change.network, 100),
            )
    return first


class _Signed(NamedTuple):
    """A commit whose signature OM304 judges, and what the finding would be about."""

    commit: str
    committer: str
    what: Message  # what the commit does, for the message
    entity: str
    path: str  # from the top level
    pointer: str
    source: str | None  # the commit whose om.yaml and allowed-signers file judge it


def _judge_signatures(state: _Audit, items: list[_Signed]) -> None:
    """OM304: a good ssh signature, by the committer, from the allowed-signers file in force.

    git's verdicts are asked for in one `git log` per distinct allowed-signers file, and kept
    in the cache by commit and the file's blob id (each costs git an ssh-keygen run)."""
    groups: dict[str, list[_Signed]] = {}
    for item in items:
        policy = _policy(state, item.source)
        assert policy.allowed_signers is not None
        trust = _trust_file(state, item.source, policy.allowed_signers)
        if trust is None:
            shown = printable(policy.allowed_signers, 200)
            message = msg("om304.no_file", file=shown, commit=item.commit[:SHORT], what=item.what)
            _add(state, policy, om304, item.entity, item.path, item.commit, message, item.pointer)
            continue
        groups.setdefault(trust, []).append(item)
    for trust, members in groups.items():
        unknown = [m.commit for m in members if f"{m.commit}:{trust}" not in state.verdicts]
        content = _contents(state, [trust]).get(trust) if unknown else None
        if content is not None:
            for commit, verdict in git.signatures(state.repository, unknown, content).items():
                state.verdicts[f"{commit}:{trust}"] = verdict
        for item in members:
            policy = _policy(state, item.source)
            letter, signer = state.verdicts.get(f"{item.commit}:{trust}", ("E", ""))
            found = om304_verdict(item, letter, signer, policy.allowed_signers or "")
            if found is not None:
                _add(state, policy, om304, item.entity, item.path, item.commit, found,
                     item.pointer)  # fmt: skip


def om304_verdict(item: _Signed, letter: str, signer: str, file: str) -> Message | None:
    """Why the signature of `item`'s commit does not count; None when it does."""
    facts: dict[str, str | Message] = {"commit": item.commit[:SHORT], "what": item.what}
    shown_file = printable(file, 200)
    if letter == "N":
        return msg("om304.unsigned", file=shown_file, **facts)
    if letter != "G":
        return msg("om304.bad", file=shown_file, **facts)
    if signer != item.committer:
        return msg(
            "om304.principal",
            signer=printable(signer, 100),
            committer=printable(item.committer, 100),
            **facts,
        )
    return None


def _facts(change: StatusChange) -> dict[str, str]:
    return {
        "commit": change.commit[:SHORT],
        "old": om301.shown(change.old_status),
        "new": om301.shown(change.new_status),
    }


def _trust_file(state: _Audit, source: str | None, path: str) -> str | None:
    """The blob id of the allowed-signers file as commit `source` has it; None for none."""
    top = _trust_top(path)
    if source is None or top is None:
        return None
    name = f"{source}:{top}"
    return _blobs_named(state, [name])[name]


# --- findings ---------------------------------------------------------------------------------


def _locate(state: _Audit) -> None:
    """Point each finding at its place in the file as the commit has it (`status`, or the top
    of a file that is gone)."""
    names: dict[tuple[str | None, str], str] = {
        (finding.commit, finding.file): f"{finding.commit}:{_top(state, finding.file)}"
        for finding in state.findings
        if finding.pointer and finding.commit is not None
    }
    if not names:
        return
    found = _named(state, names.values())
    for index, finding in enumerate(state.findings):
        name = names.get((finding.commit, finding.file))
        raw = found.get(name) if name is not None else None
        if raw is None:
            continue
        try:
            positions = parse(raw, positions=True)[1]
        except LoadError:
            continue
        if positions is not None:
            line, column = positions.locate(finding.pointer)
            state.findings[index] = replace(finding, line=line, column=column)


def _top(state: _Audit, shown: str) -> str:
    return posixpath.normpath(posixpath.join(state.shown_prefix, shown))


def _add_status(
    state: _Audit, policy: Settings, rule: Any, change: StatusChange, message: Message
) -> None:
    stem = posixpath.basename(change.path)[: -len(".yaml")]
    _add(state, policy, rule, f"networks/{stem}", change.path, change.commit, message, "/status")


def _add(
    state: _Audit,
    policy: Settings,
    rule: Any,
    entity: str,
    path: str,
    commit: str,
    message: Message,
    pointer: str = "",
) -> None:
    severity: Severity | None = policy.severity_for(rule.ID, rule.SEVERITY)
    if severity is None:
        return
    state.findings.append(
        Finding(
            rule=rule.ID,
            severity=severity,
            entity=entity,
            file=_shown(state, path),
            line=1,
            column=1,
            pointer=pointer,
            message=message,
            commit=commit,
        )
    )
