"""The public lists of `om export`: recognized networks and consenting partners.

What may be published is decided here, by an explicit allow-list of public fields per list —
never by copying a file and leaving something out. A partner appears only when it is active on
the as-of date (DESIGN.md *Dates and as-of*), has signed the Grundsätze by then (when the date
is recorded), and its `listing_consent` is literally `true`; a network only when its status is
`recognized` and its recognition is dated on or before as-of. Contact data and every other
field never leave the registry. Nothing here prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from om_cli.engine import load_registry
from om_cli.model import Network, Partner
from om_cli.registry import Registry

# The public fields, in column order. Nothing else is ever exported.
PARTNER_FIELDS: tuple[str, ...] = ("id", "name", "type", "region", "region_name", "website")
NETWORK_FIELDS: tuple[str, ...] = (
    "id", "name", "kind", "regions", "region_names", "topic", "topic_name", "parent",
    "recognized_on", "website",
)  # fmt: skip
FIELDS = {"partners": PARTNER_FIELDS, "networks": NETWORK_FIELDS}
FORMATS = ("csv", "json", "md", "html")
# a spreadsheet treats a cell starting with one of these as a formula (CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "
TITLES = {"partners": "export.title_partners", "networks": "export.title_networks"}
COLUMN_LABELS = {
    "id": "export.col_id",
    "name": "export.col_name",
    "type": "export.col_type",
    "region": "export.col_region",
    "region_name": "export.col_region_name",
    "website": "export.col_website",
    "kind": "export.col_kind",
    "regions": "export.col_regions",
    "region_names": "export.col_region_names",
    "topic": "export.col_topic",
    "topic_name": "export.col_topic_name",
    "parent": "export.col_parent",
    "recognized_on": "export.col_recognized_on",
}


@dataclass(frozen=True, slots=True)
class PublicList:
    what: str  # partners or networks
    as_of: dt.date
    fields: tuple[str, ...]
    rows: tuple[dict[str, str], ...]


def export(root: str, what: str, as_of: dt.date) -> PublicList:
    """The public list of `what` (partners or networks) of the registry at `root`."""
    registry = load_registry(root, root)
    return public_list(registry, what, as_of)


def public_list(registry: Registry, what: str, as_of: dt.date) -> PublicList:
    if what == "partners":
        partners = [p for p in registry.partners.values() if listed_partner(p, as_of)]
        partners.sort(key=lambda p: ((p.name or p.id).casefold(), p.id))
        rows = tuple(_partner_row(registry, p) for p in partners)
    else:
        networks = [n for n in registry.networks.values() if listed_network(n, as_of)]
        networks.sort(key=lambda n: ((n.name or n.id).casefold(), n.id))
        rows = tuple(_network_row(registry, n) for n in networks)
    return PublicList(what, as_of, FIELDS[what], rows)


def listed_partner(partner: Partner, as_of: dt.date) -> bool:
    """Active on as-of, signed by then (if recorded) and consenting with a literal `true`."""
    if partner.listing_consent is not True or not partner.active_on(as_of):
        return False
    signed = partner.principles_signed_on
    return signed is None or signed <= as_of


def listed_network(network: Network, as_of: dt.date) -> bool:
    """Recognized, with its recognition dated on or before as-of."""
    return (
        network.status == "recognized"
        and network.recognized_on is not None
        and network.recognized_on <= as_of
    )


def _public_url(value: str | None) -> str:
    """A web address only when it is one (http or https); anything else is left out."""
    if value is None:
        return ""
    value = value.strip()
    return value if value.lower().startswith(("https://", "http://")) else ""


def _region_name(registry: Registry, region_id: str | None) -> str:
    entry = registry.regions.get(region_id or "")
    return (entry.name or "") if entry is not None else ""


def _partner_row(registry: Registry, partner: Partner) -> dict[str, str]:
    values = {
        "id": partner.id,
        "name": partner.name or partner.id,
        "type": partner.type or "",
        "region": partner.region or "",
        "region_name": _region_name(registry, partner.region),
        "website": _public_url(partner.doc.data.get("website") if partner.doc.data else None),
    }
    return {name: values[name] for name in PARTNER_FIELDS}


def _network_row(registry: Registry, network: Network) -> dict[str, str]:
    topic = registry.topics.get(network.topic or "")
    values = {
        "id": network.id,
        "name": network.name or network.id,
        "kind": network.kind or "",
        "regions": LIST_SEPARATOR.join(network.regions),
        "region_names": LIST_SEPARATOR.join(_region_name(registry, r) for r in network.regions),
        "topic": network.topic or "",
        "topic_name": (topic.name or "") if topic is not None else "",
        "parent": network.parent or "",
        "recognized_on": network.recognized_on.isoformat() if network.recognized_on else "",
        "website": _public_url(network.website),
    }
    return {name: values[name] for name in NETWORK_FIELDS}


def csv_cell(value: str) -> str:
    """A cell no spreadsheet runs as a formula: a leading apostrophe where it could."""
    return "'" + value if value.startswith(FORMULA_START) else value


def render(public: PublicList, output_format: str, lang: str) -> str:
    """The list as CSV, JSON, Markdown or a self-contained HTML page."""
    if output_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(public.fields)
        for row in public.rows:
            writer.writerow([csv_cell(row[name]) for name in public.fields])
        return buffer.getvalue()
    if output_format == "json":
        document = {
            "version": 1,
            "list": public.what,
            "as_of": public.as_of.isoformat(),
            "items": [dict(row) for row in public.rows],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    from om_cli.briefing_render import helpers

    template = "export.html.j2" if output_format == "html" else "export.md.j2"
    return (
        _environment(output_format)
        .get_template(template)
        .render(
            public=public,
            lang=lang,
            labels=COLUMN_LABELS,
            title=TITLES[public.what],
            **helpers(lang),
        )
    )


@cache
def _environment(output_format: str) -> Environment:
    from om_cli.briefing_render import md_escape

    return Environment(
        loader=PackageLoader("om_cli", "templates"),
        autoescape=output_format == "html",
        finalize=md_escape if output_format == "md" else None,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
