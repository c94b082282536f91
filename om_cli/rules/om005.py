"""OM005 — a waiver has expired or no longer matches anything.

Clause: none (registry housekeeping).

What it checks: each waiver in `om.yaml` (`{rule, entity, decision, reason, until}`) is in force
while as-of ≤ `until`; while in force it turns the matching finding (same rule, same entity)
into a notice that names the waiver's decision. A waiver past its `until`, or one in force that
matches no finding any more, is itself a notice, so the list in `om.yaml` stays true. A waiver
whose decision is missing or not of kind `waiver` is not applied (OM004).

Passing example::

    waivers:
      - {rule: OM201, entity: networks/gute-arbeit-kassel, decision: lk-2025-03-ausnahme,
         reason: Name vor 2012 eingeführt, until: 2027-06-30}

Failing example: the same with `until: 2025-12-31`, checked in 2026.

How to fix: remove the waiver, or extend it with a new `waiver` decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from om_cli.config import Settings
from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context
from om_cli.rules.om004 import invalid_waiver

ID = "OM005"
SEVERITY = Severity.NOTICE


def check(ctx: Context) -> Iterator[Finding]:
    """Nothing on its own: waivers are judged against the other findings in `apply`."""
    return iter(())


def apply(ctx: Context, settings: Settings, findings: Iterable[Finding]) -> list[Finding]:
    """Apply the waivers of `settings` to `findings` and add OM005 for stale waivers."""
    doc = ctx.registry.settings
    result = list(findings)
    if doc is None:
        return result
    for waiver in settings.waivers:
        raw = (doc.data or {}).get("waivers", [])[waiver.index]
        if invalid_waiver(ctx, raw):
            continue  # reported as OM004
        if ctx.as_of > waiver.until:
            message = msg("om005.expired", until=waiver.until.isoformat(), decision=waiver.decision)
            result.append(ctx.finding(ID, SEVERITY, doc, f"{waiver.pointer}/until", message))
            continue
        matched = False
        for index, finding in enumerate(result):
            if (
                finding.rule == waiver.rule
                and finding.entity == waiver.entity
                and finding.rule != ID
            ):
                result[index] = replace(finding, severity=Severity.NOTICE, waiver=waiver.decision)
                matched = True
        if not matched:
            message = msg("om005.unmatched", rule=waiver.rule, entity=waiver.entity)
            result.append(ctx.finding(ID, SEVERITY, doc, waiver.pointer, message))
    return result
