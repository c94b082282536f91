"""`om check --base REV`: only the findings a change introduces.

The registry of the change (the working tree, or the commit `--head`) and the registry of the
base are both checked in full, as of the same day — the head commit's committer date — so a
network that became overdue last week is overdue on both sides and does not block a harmless
pull request. The base is read from git objects, never checked out. A finding of the head is
*new* unless the base has one with the same fingerprint (rule, entity, pointer): line numbers
do not matter, so an edit that moves a finding down the file does not make it new, while a
change that causes a finding in a file it did not touch (a deleted partner that other networks
name; the old end of a new overlap) does.

The base is the merge base of `REV` and the head: for GitHub's merge commit of a pull request
that is the target branch's tip; for a branch that fell behind its target it is where the
branch started, so what the target gained since is neither blamed on nor credited to the change.

A report of a tree is kept in the cache by the tree's id (content-addressed: it never changes),
the as-of date and om's code, so a CI rerun or a second check against the same base costs no
more than the check of the working tree.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from om_cli import git
from om_cli.checker import _selected, check
from om_cli.errors import GitError, RegistryError
from om_cli.findings import Finding, Report
from om_cli.messages import Message, msg, printable
from om_cli.store import cache_dir, code_stamp, digest, read_trusted_json, write_json_atomically

# How many tree reports the cache keeps (the base and head of the last few checks).
KEPT_TREE_REPORTS = 8


def check_base(
    registry: str | None,
    base: str,
    *,
    head: str | None = None,
    as_of: dt.date | None = None,
    use_cache: bool = True,
    show_existing: bool = False,
    only: Sequence[str] = (),
    repository: str = ".",
) -> Report:
    """Check the working tree's registry (or the one at commit `head`) against the one at `base`.

    `registry` is the registry folder: a path on disk when the working tree is checked, else a
    path inside the repository (None: `registry/` when the head has it, else the top). The
    result holds the new findings (and, with `show_existing`, the others marked `existing`).
    """
    where = registry if head is None and registry is not None else repository
    repo = git.open_repository(where)
    prefix = repo.prefix  # where the registry folder lies in the work tree
    if not repo.bare:  # git runs at the top, where tree paths and pathspecs agree
        repo = replace(repo, path=_top(where, prefix), prefix="")
    if repo.shallow:
        raise GitError(msg("base.shallow"))
    # one git call in the usual case; one per revision only to say which one is missing
    pair = git.commit_ids(repo.path, base, head or "HEAD")
    if pair is None:
        if git.commit_id(repo.path, base) is None:
            raise GitError(msg("base.missing", rev=printable(base, 80), fetch=_fetchable(base)))
        if head is None:
            raise GitError(msg("base.no_head"))
        raise GitError(msg("base.missing", rev=printable(head, 80), fetch=_fetchable(head)))
    base_commit, head_commit = pair
    common = git.merge_base(repo.path, base_commit, head_commit)
    if common is None:
        raise GitError(msg("base.unrelated", rev=printable(base, 80)))
    day = as_of or dt.date.fromisoformat(git.commit_day(repo.path, head_commit))

    if head is None:
        assert registry is not None
        inside = prefix.rstrip("/") or "."
        shown = registry
        after = check(registry, shown=shown, as_of=day, use_cache=use_cache)
    else:
        inside = inside_tree(repo, head_commit, registry)
        shown = registry or inside
        found = tree_report(repo, head_commit, inside, shown, day, use_cache=use_cache)
        if found is None:
            raise RegistryError(
                msg("error.no_registry_at", path=printable(shown, 200), rev=head_commit[:12])
            )
        after = found
    before = tree_report(repo, common, inside, shown, day, use_cache=use_cache)
    findings = introduced(before.findings if before else (), after.findings, show_existing)
    history, commits = _history_findings(repo, base_commit, head_commit, inside)
    findings.extend(history)
    if only:
        findings = [f for f in findings if _selected(f.file, only)]
    findings.sort(key=Finding.sort_key)
    return replace(
        after,
        findings=tuple(findings),
        base=common,
        head=head_commit if head else None,
        commits=commits,
    )


def _fetchable(rev: str) -> str:
    """What to name in `git fetch origin …` for a missing `rev` (`origin/main` -> `main`)."""
    name = rev.removeprefix("refs/remotes/").removeprefix("origin/")
    return printable(name, 80)


def introduced(
    before: Sequence[Finding], after: Sequence[Finding], show_existing: bool = False
) -> list[Finding]:
    """The findings of `after` that `before` has not, matched by fingerprint.

    Within one fingerprint, findings with the same message pair up first, then the rest in
    order: when an old network that already overlapped one neighbour gets a second (the same
    rule, entity and pointer), the finding about the new neighbour is the new one. What is left
    pairs by rule, entity and message: a list entry that moved (a partner inserted above an old
    broken reference changes its pointer from `/partners/2/partner` to `/partners/3/partner`)
    is the same old problem. A finding pairs only with a base finding at least as severe: a
    change that turns a notice into an error (it drops the waiver, or raises the rule's
    severity in `om.yaml`) introduces an error.
    """
    old: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in before:
        old[finding.fingerprint].append(finding)
    matched: list[Finding] = []
    unmatched: list[Finding] = []
    for fingerprint, group in _grouped(after).items():
        candidates = old.get(fingerprint, [])
        rest: list[Finding] = []
        for finding in group:  # first pass: the same message
            partner = _partner(finding, candidates, same_message=True)
            (matched if partner else rest).append(finding)
        for finding in rest:  # second pass: any message
            partner = _partner(finding, candidates, same_message=False)
            (matched if partner else unmatched).append(finding)
    moved: dict[tuple[str, str, Message], list[Finding]] = defaultdict(list)
    for candidates in old.values():  # third pass: base findings left, by rule, entity, message
        for finding in candidates:
            moved[(finding.rule, finding.entity, finding.message)].append(finding)
    result: list[Finding] = []
    for finding in unmatched:
        candidates = moved.get((finding.rule, finding.entity, finding.message), [])
        (matched if _partner(finding, candidates, same_message=True) else result).append(finding)
    if show_existing:
        result.extend(replace(finding, existing=True) for finding in matched)
    return result


def _partner(finding: Finding, candidates: list[Finding], *, same_message: bool) -> bool:
    """Take a base finding that `finding` can be the same as out of `candidates`."""
    for index, candidate in enumerate(candidates):
        if same_message and candidate.message != finding.message:
            continue
        if candidate.severity.rank <= finding.severity.rank:
            del candidates[index]
            return True
    return False


def _grouped(findings: Sequence[Finding]) -> dict[tuple[str, str, str], list[Finding]]:
    groups: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[finding.fingerprint].append(finding)
    return groups


def _history_findings(
    repo: git.Repository, base: str, head: str, registry: str
) -> tuple[list[Finding], int]:
    """The history findings of the commits in `base..head` (OM301–OM305) and how many commits
    that range holds, judged by the
    base's audit policy and allowed-signers file, so no commit of the change can vouch for
    itself. The range is read on its own: the cost follows the change, not the history."""
    from om_cli.audit import audit

    result = audit(repo.path, registry, since=base, head=head, trust_from=base)
    return result.findings, result.commits


def _top(folder: str, prefix: str) -> str:
    """The top of the work tree, from a folder in it and the folder's prefix (saves a git
    call: `git rev-parse --show-prefix` said where the folder lies)."""
    depth = len([part for part in prefix.split("/") if part])
    return os.path.normpath(os.path.join(os.path.realpath(folder), *([os.pardir] * depth)))


def _inside(repo: git.Repository, registry: str) -> str:
    """The registry folder on disk as a path relative to the top of the work tree."""
    top = git.toplevel(registry)
    relative = os.path.relpath(os.path.realpath(registry), os.path.realpath(top))
    if relative == ".." or relative.startswith(".." + os.sep):
        raise RegistryError(msg("error.no_registry", path=printable(registry, 200)))
    return relative.replace(os.sep, "/")


def inside_tree(repo: git.Repository, commit: str, registry: str | None) -> str:
    """The registry folder inside the repository: as given, else `registry/` if the commit has
    one, else the top."""
    if registry is not None:
        if not repo.bare and os.path.isdir(registry):
            return _inside(repo, registry)
        cleaned = registry.strip("/") or "."
        if cleaned.startswith("../") or cleaned == "..":
            raise RegistryError(msg("error.no_registry", path=printable(registry, 200)))
        return cleaned
    return "registry" if git.tree_id(repo.path, commit, "registry") else "."


def tree_report(
    repo: git.Repository,
    commit: str,
    inside: str,
    shown: str,
    as_of: dt.date,
    *,
    use_cache: bool = True,
) -> Report | None:
    """The report of the registry folder `inside` at `commit`, read from git objects; None
    when the commit has no such folder."""
    tree = git.tree_id(repo.path, commit, inside)
    if tree is None:
        return None
    key = (
        digest(f"{code_stamp()}\0{tree}\0{as_of.isoformat()}\0{shown}".encode())
        if use_cache
        else ""
    )
    cached = _cached(key) if use_cache else None
    if cached is not None:
        findings, files, entities = cached
        return Report(shown, as_of.isoformat(), findings, files, entities=entities)
    from om_cli.engine import check_registry, load_registry

    with tempfile.TemporaryDirectory(prefix="om-base-") as folder:
        git.export_tree(repo.path, commit, inside, folder)
        root = os.path.join(folder, inside)
        if not os.path.isdir(root):  # an empty folder is not in git's tree
            os.makedirs(root)
        # the parse cache is keyed by content, so files the working tree shares are not parsed
        # again; the report cache (keyed by folder) is not used for a folder that is gone after
        loaded = load_registry(root, shown, use_cache=use_cache)
        report = check_registry(loaded, as_of=as_of)
        report = replace(report, entities=tuple(item.entry.entity for item in loaded.loaded))
    if use_cache:
        _store(key, report)
    return report


def _cache_file() -> str:
    return os.path.join(cache_dir(), "tree-reports.json")


def _cached(key: str) -> tuple[tuple[Finding, ...], int, tuple[str, ...]] | None:
    from om_cli.report_cache import _decode_finding

    content = read_trusted_json(_cache_file())
    if not isinstance(content, dict):
        return None
    entry = content.get(key)
    if not isinstance(entry, dict):
        return None
    try:
        findings = tuple(_decode_finding(raw) for raw in entry["findings"])
        entities = tuple(str(name) for name in entry["entities"])
        return findings, int(entry["files"]), entities
    except (KeyError, ValueError, TypeError, IndexError):
        return None


def _store(key: str, report: Report) -> None:
    from om_cli.report_cache import _encode_finding

    content: Any = read_trusted_json(_cache_file())
    if not isinstance(content, dict):
        content = {}
    content.pop(key, None)
    while len(content) >= KEPT_TREE_REPORTS:  # dicts keep insertion order: drop the oldest
        content.pop(next(iter(content)))
    content[key] = {
        "findings": [_encode_finding(finding) for finding in report.findings],
        "files": report.files,
        "entities": list(report.entities),
    }
    write_json_atomically(_cache_file(), content)
