"""`om record meeting|report`: append a meeting or a Plenum report to a network's file.

The file is edited round-trip (`yaml_style.edit`/`append`): its comments, blank lines, key
order and style stay; the new entry follows its neighbours' style. The entry is validated
first — a meeting has happened (not after today), a report names an existing Plenum meeting
and, in person, a partner who is a member of the network on that meeting's day (OM107) — and
the edited document must still match the network schema.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from om_cli.answers import Invalid, parse_date, parse_text
from om_cli.decide import FileChange
from om_cli.errors import UsageError
from om_cli.messages import Message, msg, printable
from om_cli.submit import Submission

FORMS = ("in_person", "written")


@dataclass(frozen=True, slots=True)
class Target:
    """The network file to edit, as read."""

    network_id: str
    path: str
    raw: bytes
    members: tuple[tuple[str | None, dt.date | None, dt.date | None], ...]
    meetings: tuple[tuple[dt.date | None, str | None], ...]
    reports: tuple[str | None, ...]


def _load(root: str, network_id: str) -> tuple[Target, Any]:
    from om_cli.engine import load_registry

    registry = load_registry(root, root)
    network = registry.networks.get(network_id)
    if network is None:
        raise UsageError(msg("record.unknown_network", network=printable(network_id, 64)))
    doc = network.doc
    if doc.error is not None or doc.raw is None or doc.data is None:
        raise UsageError(msg("decide.unreadable", file=doc.file))
    meetings = []
    for item in doc.data.get("meetings") or []:
        if isinstance(item, dict):
            meetings.append((_date(item.get("date")), _str(item.get("title"))))
    target = Target(
        network_id,
        os.path.join(root, "networks", f"{network_id}.yaml"),
        doc.raw,
        tuple((m.partner, m.since, m.until) for m in network.partners),
        tuple(meetings),
        tuple(r.plenum for r in network.plenum_reports),
    )
    return target, registry


def _date(value: Any) -> dt.date | None:
    from om_cli.model import as_date

    return as_date(value)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _checked(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    try:
        return parse_text(value)
    except Invalid as error:
        raise UsageError(msg("record.bad_text", field=what, reason=error.reason)) from None


def plan_meeting(
    root: str,
    network_id: str,
    *,
    date: str,
    title: str | None,
    minutes: str | None,
    today: dt.date,
) -> Submission:
    """The network file with the meeting appended."""
    target, _registry = _load(root, network_id)
    try:
        day = parse_date(date, today)
    except Invalid as error:
        raise UsageError(_with_clause(error.reason, "clause.meeting")) from None
    title = _checked(title, "--title")
    minutes = _checked(minutes, "--minutes")
    for existing_day, existing_title in target.meetings:
        if existing_day == day and (existing_title or None) == (title or None):
            raise UsageError(msg("record.meeting_exists", network=network_id, date=day.isoformat()))
    entry: dict[str, Any] = {"date": day.isoformat()}
    if title:
        entry["title"] = title
    if minutes:
        entry["minutes"] = minutes
    new = _append(target, "meetings", entry, msg("apply.c_meetings"))
    return Submission(
        (FileChange(target.path, new, target.raw),),
        (f"networks/{network_id}",),
        msg("record.commit_meeting", network=network_id, date=day.isoformat()).text("de"),
        ("meeting",),
        f"record/{network_id}-{day.isoformat()}",
    )


def plan_report(
    root: str, network_id: str, *, plenum: str, form: str, by: str | None
) -> Submission:
    """The network file with the Plenum report appended."""
    target, registry = _load(root, network_id)
    meeting = registry.plenums.get(plenum)
    if meeting is None:
        known = ", ".join(sorted(registry.plenums)[-4:]) or "—"
        raise UsageError(msg("record.unknown_plenum", plenum=printable(plenum, 40), known=known))
    if form not in FORMS:
        raise UsageError(msg("record.bad_form", form=printable(form, 40)))
    if plenum in target.reports:
        raise UsageError(msg("record.report_exists", network=network_id, plenum=plenum))
    if form == "in_person" and not by:
        raise UsageError(_with_clause(msg("record.needs_by"), "clause.om107"))
    if by:
        if by not in registry.partners:
            raise UsageError(msg("record.unknown_partner", partner=printable(by, 64)))
        day = meeting.date
        members = [
            partner
            for partner, since, until in target.members
            if day is not None
            and since is not None
            and since <= day
            and (until is None or day < until)
        ]
        if by not in members:
            reason = msg("record.not_member", partner=by, network=network_id, plenum=plenum)
            raise UsageError(_with_clause(reason, "clause.om107"))
    entry: dict[str, Any] = {"plenum": plenum, "form": form}
    if by:
        entry["by"] = by
    new = _append(target, "plenum_reports", entry, msg("apply.c_reports"))
    return Submission(
        (FileChange(target.path, new, target.raw),),
        (f"networks/{network_id}",),
        msg("record.commit_report", network=network_id, plenum=plenum).text("de"),
        ("report",),
        f"record/{network_id}-{plenum}",
    )


def _with_clause(reason: Message, clause: str) -> Message:
    return msg("record.rejected", reason=reason, clause=msg(clause))


def _append(target: Target, key: str, entry: dict[str, Any], heading: Message) -> bytes:
    """The file with `entry` appended to the list under `key` (created when missing)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from om_cli import yaml_style
    from om_cli.schema import validate

    def change(data: CommentedMap) -> None:
        items = data.get(key)
        if items is None:
            items = CommentedSeq()
            data[key] = items
            data.yaml_set_comment_before_after_key(key, before="\n" + heading.text("de"))
        if not isinstance(items, CommentedSeq):
            raise UsageError(msg("record.not_a_list", key=key))
        item: Any = entry
        if not items:  # an empty `[]`: a block list of one-line entries, like the shipped files
            items.fa.set_block_style()
            item = CommentedMap(entry)
            item.fa.set_flow_style()
        yaml_style.append(items, item)

    text = yaml_style.edit(target.raw.decode("utf-8"), change, file=target.path)
    from om_cli.loader import parse

    problems = validate("network", parse(text.encode("utf-8"))[0])
    if problems:
        listed = "; ".join(f"{p.pointer}: {p.message.text('de')}" for p in problems[:3])
        raise UsageError(msg("submit.would_break", findings=listed))
    return text.encode("utf-8")
