"""OM111 — only one network per region or topic.

Clause: „Es kann in jeder Region/jedem Fachgebiet nur ein regionales/fachliches Netzwerk der
Offensive Mittelstand geben. Im Konsens und in Abstimmung kann es innerhalb einer größeren
Region/größeren Fachgebietes eines Netzwerkes auch kleine lokale/fachliche Netzwerke geben.
Kommt es zu keiner Einigung, wird der Leitungskreis der Offensive-Mittelstand zur Klärung
hinzugezogen und entscheidet, falls keine Einigung erzielt wird.“

What it checks: no two live networks (`applied` or `recognized`) overlap. Regional networks
overlap when the district sets of their regions intersect (a state covers its districts, a
custom region its members); thematic networks when their topics are equal or one is an
ancestor of the other; a regional and a thematic network never overlap. An overlap is allowed
when one network is the other's `parent`, lies within it (regions inside the parent's, topic
equal to or below the parent's) and a Leitungskreis `sub_network_consent` decision names both;
or when a `dispute_resolution` decision names both. Decisions dated after as-of do not count
yet. One finding on each of the two networks, naming the other.

Passing example: `om-nordhessen` over `region-nordhessen` and `om-kassel` over `ags-06611`
with `parent: om-nordhessen` and a consent decision naming both.

Failing example: the same without the consent decision.

How to fix: agree with the other network and record the Leitungskreis decision
(`om decide consent` or `om decide resolve`), or correct the regions or topic.
"""

from __future__ import annotations

from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.model import Network
from om_cli.rules.base import Context

ID = "OM111"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    live = sorted(ctx.live_networks, key=lambda network: network.id)
    for first, second in _overlapping_pairs(ctx, live):
        if _allowed(ctx, first, second):
            continue
        for network, other in ((first, second), (second, first)):
            pointer = "/regions" if network.kind == "regional" else "/topic"
            message = msg("om111.overlap", other=other.id)
            yield ctx.finding(ID, SEVERITY, network.doc, pointer, message)


def _overlapping_pairs(ctx: Context, live: list[Network]) -> Iterator[tuple[Network, Network]]:
    seen: set[tuple[str, str]] = set()
    by_district: dict[str, list[Network]] = {}
    for network in live:
        if network.kind != "regional":
            continue
        for district in ctx.registry.districts_of(network.regions):
            by_district.setdefault(district, []).append(network)
    for networks in by_district.values():
        for i, first in enumerate(networks):
            for second in networks[i + 1 :]:
                key = (first.id, second.id)
                if first.id != second.id and key not in seen:
                    seen.add(key)
                    yield first, second
    by_topic: dict[str, list[Network]] = {}
    for network in live:
        if network.kind == "thematic" and network.topic is not None:
            by_topic.setdefault(network.topic, []).append(network)
    for network in live:
        if network.kind != "thematic" or network.topic is None:
            continue
        for topic in [network.topic, *ctx.registry.topic_ancestors(network.topic)]:
            for other in by_topic.get(topic, ()):
                if other.id == network.id:
                    continue
                first, second = sorted((network, other), key=lambda n: n.id)
                key = (first.id, second.id)
                if key not in seen:
                    seen.add(key)
                    yield first, second


def _allowed(ctx: Context, first: Network, second: Network) -> bool:
    for decision in ctx.decisions_naming(first.id):
        if second.id not in decision.networks:
            continue
        if decision.date is None or decision.date > ctx.as_of:
            continue
        if decision.kind == "dispute_resolution":
            return True
        consent = decision.kind == "sub_network_consent" and decision.body == "leitungskreis"
        if consent and (_within(ctx, first, second) or _within(ctx, second, first)):
            return True
    return False


def _within(ctx: Context, child: Network, parent: Network) -> bool:
    """`child` names `parent` as its parent and lies inside it."""
    if child.parent != parent.id:
        return False
    if child.kind == "regional" and parent.kind == "regional":
        inner = ctx.registry.districts_of(child.regions)
        return bool(inner) and inner <= ctx.registry.districts_of(parent.regions)
    if child.kind == "thematic" and parent.kind == "thematic" and child.topic and parent.topic:
        return parent.topic in (child.topic, *ctx.registry.topic_ancestors(child.topic))
    return False
