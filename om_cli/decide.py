"""`om decide`: record a decision of the Leitungskreis or the Plenum, in one commit.

The core takes the action, the networks and the decision's fields and returns a `Plan`: the
files to write (the new decision, the networks with their new status), as bytes, with the bytes
they replace. `plan_decision` refuses what the lifecycle forbids and anything that would leave
an error on the networks concerned; `apply_plan` writes the files atomically under the registry
lock and commits them with the trailers `OM-Action` and `OM-Decision`, or leaves working tree
and index as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from om_cli.errors import GitError, UsageError
from om_cli.messages import msg, printable

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class Action:
    """What an `om decide` action records: the decision and the status change it makes."""

    name: str
    kind: str  # the decision's kind
    body: str  # who decides
    trailer: str  # OM-Action value
    from_status: str | None  # the status the networks must have (None: no status change)
    to_status: str | None
    date_field: str | None  # the network's field that gets the decision's date
    networks: tuple[int, int | None]  # how many networks: minimum, maximum (None: any)


ACTIONS: dict[str, Action] = {
    "recognize": Action(
        "recognize", "recognition", "leitungskreis", "recognition",
        "applied", "recognized", "recognized_on", (1, None),
    ),
    "reject": Action(
        "reject", "rejection", "leitungskreis", "rejection",
        "applied", "rejected", "rejected_on", (1, None),
    ),
    "withdraw": Action(
        "withdraw", "withdrawal", "plenum", "withdrawal",
        "recognized", "withdrawn", "withdrawn_on", (1, None),
    ),
    "consent": Action(
        "consent", "sub_network_consent", "leitungskreis", "consent",
        None, None, None, (2, 2),
    ),
    "resolve": Action(
        "resolve", "dispute_resolution", "leitungskreis", "dispute-resolution",
        None, None, None, (2, None),
    ),
    "waive": Action(
        "waive", "waiver", "leitungskreis", "waiver",
        None, None, None, (0, None),
    ),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class FileChange:
    """One file of a plan: its path, new bytes and the bytes it replaces (None: a new file)."""

    path: str
    new: bytes
    old: bytes | None


@dataclass(frozen=True, slots=True)
class Plan:
    action: Action
    decision_id: str
    networks: tuple[str, ...]
    changes: tuple[FileChange, ...]
    message: str  # the commit message, trailers included


def check_request(
    action_name: str,
    networks: Sequence[str],
    *,
    date: dt.date,
    decision_id: str,
    proposed_by: str | None,
) -> Action:
    """The action, after the checks that need no registry."""
    action = ACTIONS.get(action_name)
    if action is None:
        raise UsageError(msg("decide.unknown_action", action=action_name[:40]))
    low, high = action.networks
    if len(networks) < low or (high is not None and len(networks) > high):
        expected = str(low) if low == high else f"{low}–{high if high is not None else '…'}"
        raise UsageError(msg("decide.network_count", action=action.name, expected=expected))
    if len(set(networks)) != len(networks):
        raise UsageError(msg("decide.network_twice"))
    if not ID_PATTERN.match(decision_id) or len(decision_id) > 64:
        raise UsageError(msg("decide.bad_id", id=decision_id[:64]))
    if action.name == "withdraw" and proposed_by != "leitungskreis":
        raise UsageError(msg("decide.not_proposed"))
    return action


def decision_document(
    action: Action,
    decision_id: str,
    networks: Sequence[str],
    *,
    date: dt.date,
    proposed_by: str | None,
    summary: str | None,
    minutes: str | None,
) -> bytes:
    """The new decision file in the house style, with its schema modeline."""
    from om_cli import yaml_style

    data: dict[str, object] = {
        "id": decision_id,
        "body": action.body,
        "date": date.isoformat(),
        "kind": action.kind,
    }
    if networks:
        data["networks"] = list(networks)
    if proposed_by:
        data["proposed_by"] = proposed_by
    if summary:
        data["summary"] = summary
    if minutes:
        data["minutes"] = minutes
    body = yaml_style.dump(data)
    modeline = "# yaml-language-server: $schema=../../../schemas/decision.schema.json\n"
    return (modeline + body).encode("utf-8")


def commit_message(action: Action, decision_id: str, networks: Sequence[str], date: dt.date) -> str:
    title = msg(
        f"decide.title.{action.name}", networks=", ".join(networks) or "—", date=date.isoformat()
    )
    return f"{title.text('de')}\n\nOM-Action: {action.trailer}\nOM-Decision: {decision_id}\n"


def decision_path(registry: str, decision_id: str, date: dt.date) -> str:
    return os.path.join(registry, "decisions", str(date.year), f"{decision_id}.yaml")


def plan_decision(
    registry_root: str,
    action: Action,
    networks: Sequence[str],
    *,
    date: dt.date,
    decision_id: str,
    proposed_by: str | None,
    summary: str | None,
    minutes: str | None,
    waiver: Waiver | None = None,
) -> Plan:
    """Everything `om decide` will write, checked against the lifecycle and the criteria.

    For `waive`, `waiver` is the entry added to `om.yaml`'s `waivers`, naming the decision.
    """
    from ruamel.yaml.comments import CommentedMap

    from om_cli import yaml_style
    from om_cli.discovery import Entry, discover
    from om_cli.engine import check_registry, load_registry

    entries, placements = discover(registry_root, registry_root)
    registry = load_registry(registry_root, registry_root, discovered=(entries, placements))
    target = decision_path(registry_root, decision_id, date)
    if decision_id in registry.decisions or os.path.lexists(target):
        raise UsageError(msg("decide.id_exists", id=decision_id))
    changes: list[FileChange] = []
    for network_id in networks:
        network = registry.networks.get(network_id)
        if network is None:
            raise UsageError(msg("decide.unknown_network", network=network_id[:64]))
        if network.doc.error is not None or network.doc.raw is None:
            raise UsageError(msg("decide.unreadable", file=network.doc.file))
        if action.from_status is not None and network.status != action.from_status:
            raise UsageError(
                msg(
                    "decide.transition",
                    network=network_id,
                    status=network.status or "—",
                    action=action.name,
                    expected=action.from_status,
                )
            )
        if action.to_status is None or action.date_field is None:
            continue
        old = network.doc.raw
        path = os.path.join(registry_root, "networks", f"{network_id}.yaml")
        status, field = action.to_status, action.date_field

        def change(data: CommentedMap, status: str = status, field: str = field) -> None:
            data["status"] = status
            _set_date(data, field, date.isoformat())

        text = old.decode("utf-8")
        keys = list(network.doc.data or {})
        # only the lines of the status and the date change where that can be done; ruamel's
        # round trip (which writes the whole file in the house style) where it cannot
        lines = [("status", status, None), (field, date.isoformat(), _date_anchor(keys))]
        written = yaml_style.set_lines(text, lines)
        if written is None:
            written = yaml_style.edit(text, change, file=network.doc.file)
        new = written.encode("utf-8")
        changes.append(FileChange(path, new, old))
    document = decision_document(
        action, decision_id, networks,
        date=date, proposed_by=proposed_by, summary=summary, minutes=minutes,
    )  # fmt: skip
    changes.append(FileChange(target, document, None))
    settings_path = os.path.join(registry_root, "om.yaml")
    if waiver is not None:
        changes.append(_waiver_change(settings_path, waiver, decision_id, registry.settings))
    # the registry as it will be: refuse when a network concerned, or the decision, has errors
    display = f"{registry_root.rstrip('/')}/decisions/{date.year}/{decision_id}.yaml"
    future = [Entry("decisions", decision_id, target, display, str(date.year), True)]
    if waiver is not None and registry.settings is None:
        shown = f"{registry_root.rstrip('/')}/om.yaml"
        future.append(Entry("settings", "om", settings_path, shown, None, True))
    after = load_registry(
        registry_root,
        registry_root,
        discovered=([*entries, *future], placements),
        already_read={change.path: change.new for change in changes},
    )
    report = check_registry(after, as_of=date)
    concerned = {f"networks/{network_id}" for network_id in networks}
    concerned.add(f"decisions/{decision_id}")
    if waiver is not None:
        concerned.add("om.yaml")
    errors = [
        finding
        for finding in report.findings
        if finding.entity in concerned and finding.severity.value == "error"
    ]
    if errors:
        listed = "; ".join(f"{f.rule} {f.entity}: {f.message.text('de')}" for f in errors[:5])
        raise UsageError(msg("decide.would_fail", findings=listed))
    return Plan(
        action,
        decision_id,
        tuple(networks),
        tuple(changes),
        commit_message(action, decision_id, networks, date),
    )


@dataclass(frozen=True, slots=True)
class Waiver:
    """A waiver for `om.yaml`: which finding, until when, and why."""

    rule: str
    entity: str
    until: dt.date
    reason: str


def _waiver_change(path: str, waiver: Waiver, decision_id: str, current: object) -> FileChange:
    """`om.yaml` with the waiver appended (a new `om.yaml` when the registry has none)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from om_cli import yaml_style
    from om_cli.model import Document

    entry = {
        "rule": waiver.rule,
        "entity": waiver.entity,
        "decision": decision_id,
        "reason": waiver.reason,
        "until": waiver.until.isoformat(),
    }
    old: bytes | None = None
    if isinstance(current, Document):
        if current.error is not None or current.raw is None:
            raise UsageError(msg("decide.unreadable", file=current.file))
        old, shown = current.raw, current.file

    def add(data: CommentedMap) -> None:
        waivers = data.get("waivers")
        if not isinstance(waivers, CommentedSeq):
            waivers = CommentedSeq()
            data["waivers"] = waivers
        yaml_style.append(waivers, entry)

    if old is not None:
        text = yaml_style.edit(old.decode("utf-8"), add, file=shown)
    else:
        data = CommentedMap([("criteria", "om-2012")])
        add(data)
        text = "# yaml-language-server: $schema=../schemas/om.schema.json\n"
        text += yaml_style.dump(data)
    return FileChange(path, text.encode("utf-8"), old)


def _set_date(data: object, field: str, value: str) -> None:
    """Set `field`, a new key going right after the other dates (or after `status`)."""
    from ruamel.yaml.comments import CommentedMap

    from om_cli import yaml_style

    if not isinstance(data, CommentedMap):
        raise UsageError(msg("decide.not_a_mapping"))
    if field in data:
        data[field] = value
        return
    keys = list(data.keys())
    anchor = _date_anchor(keys)
    position = keys.index(anchor) + 1 if anchor is not None else len(keys)
    yaml_style.insert(data, position, field, value)


def _date_anchor(keys: list[str]) -> str | None:
    """The key a new date goes right after: the last of the other dates and `status`."""
    anchors = [
        k
        for k in ("applied_on", "recognized_on", "rejected_on", "withdrawn_on", "status")
        if k in keys
    ]
    return max(anchors, key=keys.index) if anchors else None


def diff(plan: Plan) -> str:
    """The plan as a unified diff (for `--dry-run`)."""
    import difflib

    parts: list[str] = []
    for change in plan.changes:
        old = (change.old or b"").decode("utf-8").splitlines(keepends=True)
        new = change.new.decode("utf-8").splitlines(keepends=True)
        before = change.path if change.old is not None else "/dev/null"
        parts.extend(difflib.unified_diff(old, new, fromfile=before, tofile=change.path))
    return "".join(parts)


def apply_plan(plan: Plan, registry_root: str, *, sign: bool = False, signoff: bool = False) -> str:
    """Write the plan's files and commit them in one commit; return the commit id.

    Refuses when the index holds changes om did not make, or a file it writes has changes not
    yet committed (they would go into the decision's commit unreviewed). If writing or
    committing fails, the files are put back and unstaged, so working tree and index are as
    they were. Plan under the same `registry_lock` (`om decide` does), so that what was
    planned is what is still there.
    """
    from om_cli import git
    from om_cli.safe_write import Change, Hold, crash_point, registry_lock, release, write_files

    try:
        repo = git.toplevel(registry_root)
    except GitError as error:  # its hint names --repo, an option other commands have
        if error.message.id != "git.not_a_repository":
            raise
        shown = printable(os.path.abspath(registry_root), 200)
        raise GitError(msg("decide.not_a_repository", path=shown)) from None
    if git.has_staged_changes(repo):
        raise UsageError(msg("decide.dirty_index"))
    paths = [os.path.relpath(os.path.abspath(change.path), repo) for change in plan.changes]
    changed = git.uncommitted(repo, paths)
    if changed:
        raise UsageError(msg("decide.uncommitted", file=printable(changed[0], 200)))
    with registry_lock(registry_root):
        # the journal outlives the writing until the commit is made: a kill in between is
        # rolled back by the next om that takes the lock (files and index as they were)
        before = git.resolve_head(git.open_repository(repo))
        changes = [Change(change.path, change.new, change.old) for change in plan.changes]
        journal = write_files(changes, hold=Hold(repo, before, tuple(paths)))
        try:
            crash_point("before-commit")
            git.commit_paths(repo, paths, plan.message, sign=sign, signoff=signoff)
            crash_point("after-commit")
        except BaseException:
            git.unstage(repo, paths)
            undo = [Change(c.path, c.old, c.new) for c in plan.changes if c.old is not None]
            write_files(undo)
            for change in plan.changes:
                if change.old is None and os.path.lexists(change.path):
                    os.unlink(change.path)
            release(journal)
            raise
        release(journal)
        return git.head(repo)
