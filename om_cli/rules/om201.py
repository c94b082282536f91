"""OM201 — its own name refers to its region or topic.

Clause: „[Ein Regionales Netzwerk der Offensive Mittelstand] sollte einen eigenen Namen führen,
in dem der Bezug zur Region oder zum Fachthema deutlich wird.“

What it checks (live networks): the network's name, folded (lower case, ä→ae, ö→oe, ü→ue,
ß→ss, hyphens as spaces), contains the folded name of one of its regions, of a region
containing one of them, of a member of one of its custom regions, or of its topic or one of the
topic's parents. Region names lose a leading `Kreis`, `Landkreis`, `Stadt`, `Hansestadt`,
`Landeshauptstadt`, `Regionalverband`, `Städteregion`, `Region` or `Freie und Hansestadt`, so
„Landkreis Göttingen“ is found in „Netzwerk Goettingen“. The criteria say „sollte“: a warning.

Passing example: `name: Offensive Mittelstand Nordhessen` with `regions: [region-nordhessen]`
(named „Nordhessen“).

Failing example: `name: Gute Arbeit Netzwerk` with `regions: [ags-06611]` (Stadt Kassel).

How to fix: make the region or topic visible in the name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from om_cli.findings import Finding, Severity
from om_cli.messages import msg
from om_cli.model import Network
from om_cli.rules.base import Context

ID = "OM201"
SEVERITY = Severity.WARNING

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "-": " "})
_PREFIXES = tuple(
    sorted(
        (
            "kreis ",
            "landkreis ",
            "stadt ",
            "hansestadt ",
            "landeshauptstadt ",
            "regionalverband ",
            "staedteregion ",
            "region ",
            "freie und hansestadt ",
        ),
        key=len,
        reverse=True,
    )
)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, umlauts spelt out, hyphens as spaces, runs of white space as one."""
    return _SPACES.sub(" ", text.lower().translate(_UMLAUTS)).strip()


def fold_region(name: str) -> str:
    """`fold`, then without a leading district prefix such as „Landkreis“."""
    folded = fold(name)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :].strip()
    return folded


def check(ctx: Context) -> Iterator[Finding]:
    for network in ctx.live_networks:
        if network.name is None:
            continue
        candidates = _candidate_names(ctx, network)
        name = fold(network.name)
        if not any(candidate and candidate in name for candidate in candidates):
            yield ctx.finding(ID, SEVERITY, network.doc, "/name", msg("om201.no_reference"))


def _candidate_names(ctx: Context, network: Network) -> set[str]:
    registry = ctx.registry
    names: set[str] = set()
    if network.kind == "regional":
        for region_id in network.regions:
            region = registry.regions.get(region_id)
            if region is None:
                continue
            related = [region_id, *registry.region_ancestors(region_id), *region.members]
            for related_id in related:
                entry = registry.regions.get(related_id)
                if entry is not None and entry.name:
                    names.add(fold_region(entry.name))
    elif network.kind == "thematic" and network.topic:
        for topic_id in [network.topic, *registry.topic_ancestors(network.topic)]:
            topic = registry.topics.get(topic_id)
            if topic is not None and topic.name:
                names.add(fold(topic.name))
    return names
