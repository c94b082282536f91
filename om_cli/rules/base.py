"""What every rule gets: the registry, the as-of date, and a way to build findings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from om_cli.findings import Finding, Severity
from om_cli.messages import Message
from om_cli.model import Decision, Document, Network, Partner, TaxonomyEntry
from om_cli.registry import Registry


@dataclass
class Context:
    registry: Registry
    as_of: dt.date
    _counting: dict[str, list[Partner]] = field(default_factory=dict)

    def finding(
        self,
        rule: str,
        severity: Severity,
        doc: Document,
        pointer: str,
        message: Message,
        *,
        entity: str | None = None,
        key: bool = False,
    ) -> Finding:
        """A finding about `doc` at `pointer`, with its line and column."""
        line, column = doc.position(pointer, key=key)
        return Finding(
            rule=rule,
            severity=severity,
            entity=entity or doc.entity,
            file=doc.file,
            line=line,
            column=column,
            pointer=pointer,
            message=message,
        )

    # --- shared facts ---------------------------------------------------------------------

    @cached_property
    def live_networks(self) -> list[Network]:
        return [network for network in self.registry.networks.values() if network.live]

    @cached_property
    def reference_instruments(self) -> list[TaxonomyEntry]:
        return [entry for entry in self.registry.instruments.values() if entry.reference]

    def counting_members(self, network: Network) -> list[Partner]:
        """The distinct partners that count for OM105 on as-of (and so for OM106)."""
        known = self._counting.get(network.id)
        if known is None:
            known = self._counting[network.id] = self._count_members(network)
        return known

    def _count_members(self, network: Network) -> list[Partner]:
        counted: dict[str, Partner] = {}
        for membership in network.partners:
            if membership.partner is None or not membership.member_on(self.as_of):
                continue
            partner = self.registry.partners.get(membership.partner)
            if partner is None or not partner.active_on(self.as_of):
                continue
            signed = partner.principles_signed_on
            if signed is None or signed > self.as_of:
                continue
            counted[partner.id] = partner
        return list(counted.values())

    def decisions_naming(self, network_id: str) -> list[Decision]:
        return self._decisions_by_network.get(network_id, [])

    @cached_property
    def _decisions_by_network(self) -> dict[str, list[Decision]]:
        index: dict[str, list[Decision]] = {}
        for decision in self.registry.decisions.values():
            for network_id in dict.fromkeys(decision.networks):
                index.setdefault(network_id, []).append(decision)
        return index


def pointer_for(*parts: str | int) -> str:
    return "".join(f"/{str(part).replace('~', '~0').replace('/', '~1')}" for part in parts)
