"""Shared check of the commitment rules OM102, OM103, OM108 and OM109."""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.rules.base import Context


def check_commitment(ctx: Context, rule: str, severity: Severity, name: str) -> Iterator[Finding]:
    """A live network has declared the commitment `name` on or before as-of."""
    for network in ctx.live_networks:
        declared = network.commitments.get(name)
        pointer = f"/commitments/{name}"
        if declared is None:
            message = msg("commitment.missing", commitment=msg(f"commitment.{name}"))
            yield ctx.finding(rule, severity, network.doc, pointer, message)
        elif declared > ctx.as_of:
            message = msg(
                "commitment.future",
                commitment=msg(f"commitment.{name}"),
                date=declared.isoformat(),
                as_of=ctx.as_of.isoformat(),
            )
            yield ctx.finding(rule, severity, network.doc, pointer, message)
