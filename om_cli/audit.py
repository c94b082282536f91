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

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

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
            head, order = stored["head"], stored["order"]
            if not isinstance(head, str) or not _strings(order):
                raise ValueError("bad cache")
            commits = [_cached_commit(entry) for entry in stored["commits"]]
            decisions = {str(oid): _cached_decision(d) for oid, d in stored["decisions"].items()}
        except (AttributeError, KeyError, TypeError, ValueError):
            return
        self.head, self.order, self.commits, self.decisions = head, order, commits, decisions

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
                "commits": [
                    [c.commit, list(c.parents), [_file_entry(f) for f in c.files]]
                    for c in self.commits
                ],
                "decisions": {
                    oid: [d.id, d.kind, d.body, list(d.networks), d.year]
                    for oid, d in self.decisions.items()
                },
            },
        )


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


def _cached_commit(entry: Any) -> git.LogCommit:
    commit, parents, files = entry
    if not isinstance(commit, str) or not _strings(parents) or not isinstance(files, list):
        raise ValueError("bad cache entry")
    changes = []
    for path, before, after in files:
        if not isinstance(path, str) or not isinstance(before, list):
            raise ValueError("bad cache entry")
        changes.append(
            git.FileChange(path, tuple(_cached_blob(b) for b in before), _cached_blob(after))
        )
    return git.LogCommit(commit, tuple(parents), "", "", "", "", "", "", "", (), (), tuple(changes))


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
    decisions_pathspec = posixpath.join(posixpath.dirname(networks_pathspec), "decisions")
    with git.BlobReader(repository, MAX_BYTES) as reader:
        state.reader = reader
        if since_id is not None:  # a range: its cost follows the range, no cache needed
            changes = status_history(repo, registry, head=head_id, since=since_id)
            state.order = git.commit_order(repository, head_id, since_id)
            state.in_range = set(state.order)
            _index_tree(state, since_id, decisions_pathspec)
            commits = _decision_commits(state, decisions_pathspec, since_id)
        else:
            changes = status_history(repo, registry, use_cache=use_cache, head=head_id)
            cache = _AuditCache(repository.git_dir, networks_top, enabled=use_cache)
            state.decisions = cache.decisions
            if cache.head != head_id:
                state.order = git.commit_order(repository, head_id)
                fresh = _decision_commits(state, decisions_pathspec, cache.head)
                listed = {commit.commit for commit in fresh}
                kept = [
                    c for c in cache.commits if c.commit in state.order and c.commit not in listed
                ]
                cache.commits = sorted([*fresh, *kept], key=lambda c: state.order[c.commit])
                cache.head, cache.order = head_id, list(state.order)
                cache.save()
            else:
                state.order = {commit: index for index, commit in enumerate(cache.order)}
            commits = cache.commits
        _judge_decision_files(state, commits)
        _judge_status_changes(state, changes)
        _locate(state)
    state.findings.sort(key=lambda f: (f.file, state.order.get(f.commit or "", -1), f.rule))
    return AuditResult(state.findings, len(state.order))


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


def _decision_commits(state: _Audit, pathspec: str, since: str | None) -> list[git.LogCommit]:
    """The commits (after `since`) that changed decision files, with only those files; reads
    every version they name that is not known yet."""
    folder = posixpath.join(state.registry_top, "decisions")
    commits: list[git.LogCommit] = []
    wanted: dict[str, None] = {}
    for commit in git.read_log(state.repository, pathspec, since, state.head):
        files = tuple(f for f in commit.files if _is_decision_file(f.path, folder))
        if not files:
            continue
        commits.append(_with_files(commit, files))
        for change in files:
            for blob in (*change.before, change.after):
                if blob is not None and blob.regular:
                    wanted[blob.oid] = None
    _load_decisions(state, wanted)
    return commits


def _with_files(commit: git.LogCommit, files: tuple[git.FileChange, ...]) -> git.LogCommit:
    """Only what the audit keeps of a commit that changed decision files."""
    return git.LogCommit(commit.commit, commit.parents, "", "", "", "", "", "", "", (), (), files)


def _index_tree(state: _Audit, commit: str, pathspec: str) -> None:
    """Index the decision files `commit` has (the start of a range)."""
    folder = posixpath.join(state.registry_top, "decisions")
    files = [(p, b) for p, b in git.tree_files(state.repository, commit, pathspec)
             if _is_decision_file(p, folder)]  # fmt: skip
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
    for commit in commits:
        for change in commit.files:
            if change.after is not None and all(before is None for before in change.before):
                _index(state, change.path, _decision_of(state, change.after))
        if _selected(state, commit.commit):
            _judge_decision_changes(state, commit, list(commit.files))


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
    return git.read_named(state.reader, names)


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
    unchanged content into the folder of the decision's year."""
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
                if year is not None and posixpath.basename(posixpath.dirname(target)) == year:
                    continue  # moved, unchanged, into its year's folder
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
    signed: list[StatusChange] = []
    _prefetch_policies(state, (_policy_source(state, change) for change in changes))
    for change in changes:
        policy = _policy(state, _policy_source(state, change))
        message = om301.judge(change, change.commit[:SHORT])
        if message is not None:
            _add_status(state, policy, om301, change, message)
        needed = om302.NEEDED.get(change.new_status or "")
        if needed is not None and change.change is not Change.DELETED:
            needing.append((change, needed))
        if change.new_status != "applied" and policy.allowed_signers is not None:
            signed.append(change)
    _judge_decisions(state, needing)
    _judge_signatures(state, signed)


def _policy_source(state: _Audit, change: StatusChange) -> str | None:
    if state.trust_from is not None:
        return state.trust_from
    return change.parents[0] if change.parents else None


def _policy(state: _Audit, commit: str | None) -> Settings:
    """The settings in force for a commit whose first parent (or trust source) is `commit`."""
    if state.trust_from is not None:
        commit = state.trust_from
    if commit not in state.settings:
        _prefetch_policies(state, [commit])
    return state.settings[commit]


def _prefetch_policies(state: _Audit, sources: Iterable[str | None]) -> None:
    """Read the `om.yaml` of many commits at once (one batch, not one process each)."""
    wanted = {source for source in sources if source not in state.settings}
    settings_file = posixpath.join(state.registry_top, "om.yaml")
    names = {source: f"{source}:{settings_file}" for source in wanted if source is not None}
    found = _named(state, names.values())
    parsed: dict[bytes, Settings] = {}
    defaults = settings_from(None)
    for source in wanted:
        raw = found.get(names[source]) if source is not None else None
        if raw is None:
            state.settings[source] = defaults
            continue
        if raw not in parsed:
            try:
                parsed[raw] = settings_from(parse(raw)[0])
            except LoadError:
                parsed[raw] = settings_from(None)
        state.settings[source] = parsed[raw]


def _judge_decisions(state: _Audit, needing: list[tuple[StatusChange, tuple[str, str]]]) -> None:
    """OM302: the decision each status change names exists in its commit and fits it."""
    names: dict[str, None] = {}
    for change, _ in needing:
        require = _policy(state, _policy_source(state, change)).require_trailers
        for ident in _candidates(state, change, require):
            for path in state.decision_paths.get(ident, ()):
                names[f"{change.commit}:{path}"] = None
    found = _named(state, names)
    by_content: dict[bytes, Decision] = {}
    parsed = {
        name: by_content.get(raw) or by_content.setdefault(raw, _decision(raw))
        for name, raw in found.items()
        if raw is not None
    }
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


def _judge_signatures(state: _Audit, changes: list[StatusChange]) -> None:
    """OM304: a good ssh signature, by the committer, from the allowed-signers file in force."""
    groups: dict[bytes, list[StatusChange]] = {}
    for change in changes:
        source = _policy_source(state, change)
        policy = _policy(state, source)
        assert policy.allowed_signers is not None
        trust = _trust_file(state, source, policy.allowed_signers)
        if trust is None:
            message = msg(
                "om304.no_file", file=printable(policy.allowed_signers, 200), **_facts(change)
            )
            _add_status(state, policy, om304, change, message)
            continue
        groups.setdefault(trust, []).append(change)
    for trust, members in groups.items():
        verdicts = git.signatures(state.repository, (c.commit for c in members), trust)
        for change in members:
            policy = _policy(state, _policy_source(state, change))
            letter, signer = verdicts.get(change.commit, ("N", ""))
            verdict = om304_verdict(change, letter, signer, policy.allowed_signers or "")
            if verdict is not None:
                _add_status(state, policy, om304, change, verdict)


def om304_verdict(change: StatusChange, letter: str, signer: str, file: str) -> Message | None:
    """Why the signature of `change`'s commit does not count; None when it does."""
    facts = _facts(change)
    shown_file = printable(file, 200)
    if letter == "N":
        return msg("om304.unsigned", file=shown_file, **facts)
    if letter != "G":
        return msg("om304.bad", file=shown_file, **facts)
    if signer != change.committer_email:
        return msg(
            "om304.principal",
            signer=printable(signer, 100),
            committer=printable(change.committer_email, 100),
            **facts,
        )
    return None


def _facts(change: StatusChange) -> dict[str, str]:
    return {
        "commit": change.commit[:SHORT],
        "old": om301.shown(change.old_status),
        "new": om301.shown(change.new_status),
    }


def _trust_file(state: _Audit, source: str | None, path: str) -> bytes | None:
    """The allowed-signers file as commit `source` has it; None when there is none."""
    if source is None:
        return None
    relative = posixpath.normpath(path.replace("\\", "/").lstrip("/"))
    if relative.startswith("../") or relative == "..":
        return None
    name = f"{source}:{relative}"
    return _named(state, [name]).get(name)


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
