"""Generate a synthetic, valid OM registry of N times today's size for benchmarks.

    python bench/generate.py --scale 10 --out /tmp/om-10x [--seed 1] [--as-of 2026-11-25]

Scale 1 is about today's Offensive Mittelstand: 450 partners and 40 recognised networks, one
Leitungskreis recognition decision per network, two Plenum meetings a year from 2020 to 2026,
and the taxonomy. Every network is recognised and meets the 2012 criteria on the as-of date, so
`om check` should report no findings: that is what a real registry looks like most of the time.

Regional networks get one district each, so no two overlap (OM111). Germany has 400 districts;
beyond that (scale > 10) the remaining networks are thematic, each on its own synthetic topic
(a leaf below a theme topic that no network uses), added to `taxonomy/topics.yaml`.

The taxonomy is copied from `registry/taxonomy/` of this repository when it is there, else built
from `../shared/data/de-states.csv` and `de-districts.csv`. The output is the same for the same
seed, scale, as-of date and taxonomy. Only the standard library is used; YAML is written by hand.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED_TAXONOMY = REPO / "registry" / "taxonomy"
SCHEMAS = REPO / "schemas"
DATA_CANDIDATES = (REPO.parent / "shared" / "data", REPO / "shared" / "data")

PARTNERS_PER_SCALE = 450
NETWORKS_PER_SCALE = 40
PLENUM_YEARS = range(2020, 2027)
DEFAULT_AS_OF = date(2026, 11, 25)
FIRST_RECOGNITION = date(2013, 1, 15)
LATEST_AS_OF_MIN = date(2014, 1, 1)
REFERENCE_INSTRUMENT = "inqa-check-guter-mittelstand"
MAX_ID = 64

# What the generated folders are; `--force` removes exactly these before writing.
OUTPUT_ENTRIES = ("om.yaml", "networks", "partners", "decisions", "plenum", "taxonomy")

# --------------------------------------------------------------------------- YAML writing

_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@` \t")
_CORE_SPECIAL = {"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_NUMBER = re.compile(
    r"^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$"
    r"|^0[xob][0-9a-fA-F_]+$"
    r"|^[-+]?\.(inf|Inf|INF)$|^\.(nan|NaN|NAN)$"
    r"|^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$"
)


def scalar(value: str | bool | int) -> str:
    """Render a scalar for block YAML: plain where that stays a string, else double-quoted.

    ISO dates stay plain on purpose: under YAML 1.2's core schema they are strings, and that is
    how coordinators write them.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    s = value
    if (
        not s
        or s[0] in _PLAIN_FIRST_BAD
        or s[-1] in " :"
        or ": " in s
        or " #" in s
        or _CONTROL.search(s)
        or s.lower() in _CORE_SPECIAL
        or _NUMBER.match(s)
    ):
        return json.dumps(s, ensure_ascii=False)
    return s


def flow_scalar(value: str) -> str:
    """Render a string inside a flow collection, where `,[]{}` end a plain scalar."""
    rendered = scalar(value)
    if rendered[0] != '"' and any(c in rendered for c in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return rendered


# --------------------------------------------------------------------------- names and ids

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
_DISTRICT_PREFIXES = (
    "Freie und Hansestadt ",
    "Landeshauptstadt ",
    "Regionalverband ",
    "StädteRegion ",
    "Städteregion ",
    "Hansestadt ",
    "Landkreis ",
    "Region ",
    "Kreis ",
    "Stadt ",
)


def slug(text: str, limit: int = 48) -> str:
    """An id-shaped slug (`^[a-z0-9]+(-[a-z0-9]+)*$`) of German text."""
    s = re.sub(r"[^a-z0-9]+", "-", text.translate(_FOLD).lower()).strip("-")
    return s[:limit].rstrip("-") or "x"


def short_name(district: str) -> str:
    """A district's name without `Kreis`, `Stadt` … (the city or area people say)."""
    for prefix in _DISTRICT_PREFIXES:
        if district.startswith(prefix):
            return district[len(prefix) :]
    return district


class IdPool:
    """Hands out unique ids: the slug itself, else the slug with `-2`, `-3` …"""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self._taken = set(taken)

    def take(self, base: str) -> str:
        base = base[: MAX_ID - 6].rstrip("-")
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate

    def __contains__(self, item: str) -> bool:
        return item in self._taken


# --------------------------------------------------------------------------- taxonomy


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    parent: str | None = None
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    parent: str | None = None


@dataclass
class Taxonomy:
    states: list[Region]
    districts: list[Region]
    custom: list[Region]
    topics: list[Topic]
    reference_instruments: list[str]
    other_instruments: list[str]
    # Text of the files copied from the shipped registry, by file name; None when generated.
    copied: dict[str, str] = field(default_factory=dict)
    source: str = "generated"


def _unquote(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        try:
            loaded = json.loads(raw)
        except ValueError:
            return raw[1:-1]
        return loaded if isinstance(loaded, str) else raw
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return raw[1:-1].replace("''", "'")
    return raw


def _strip_comment(line: str) -> str:
    quote = ""
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = ""
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _split_flow(text: str) -> list[str]:
    parts, depth, quote, cur = [], 0, "", []
    for c in text:
        if quote:
            cur.append(c)
            if c == quote:
                quote = ""
            continue
        if c in "'\"":
            quote = c
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
            continue
        cur.append(c)
    if "".join(cur).strip():
        parts.append("".join(cur).strip())
    return parts


def _flow_value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [_unquote(p) for p in _split_flow(raw[1:-1])]
    return _unquote(raw)


def read_entries(path: Path) -> list[dict[str, str | list[str]]]:
    """Read the entries of a taxonomy file (`key: [{id, name, …}]`) without a YAML library.

    Handles the shapes a person writes: block or flow mappings per entry, quoted or plain
    scalars, `members` as a flow or block list, comments. Good enough to learn ids, names,
    parents and `reference` flags; the file itself is copied byte for byte.
    """
    entries: list[dict[str, str | list[str]]] = []
    current: dict[str, str | list[str]] | None = None
    item_indent = -1
    list_key: str | None = None
    for raw_line in path.read_text(encoding="utf-8").splitlines():
        line = _strip_comment(raw_line)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if indent == 0 and not body.startswith("-"):
            continue  # the top-level key
        if body.startswith("- ") or body == "-":
            if item_indent < 0:
                item_indent = indent
            if indent == item_indent:
                current = {}
                entries.append(current)
                list_key = None
                body = body[1:].strip()
                if body.startswith("{") and body.endswith("}"):
                    for part in _split_flow(body[1:-1]):
                        key, _, value = part.partition(":")
                        current[key.strip()] = _flow_value(value)
                    current = None
                    continue
                if not body:
                    continue
            elif current is not None and list_key is not None:
                members = current.setdefault(list_key, [])
                if isinstance(members, list):
                    members.append(_unquote(body[1:].strip()))
                continue
        if current is None:
            continue
        key, sep, value = body.partition(":")
        if not sep:
            continue
        key = key.strip()
        if value.strip():
            current[key] = _flow_value(value)
            list_key = None
        else:
            current[key] = []
            list_key = key
    return entries


def _find_data_dir() -> Path | None:
    for candidate in DATA_CANDIDATES:
        if (candidate / "de-districts.csv").is_file():
            return candidate
    return None


def _csv_regions() -> tuple[list[Region], list[Region]]:
    data = _find_data_dir()
    if data is None:
        raise SystemExit("generate.py: no taxonomy in registry/taxonomy/ and no de-districts.csv")
    with (data / "de-states.csv").open(encoding="utf-8", newline="") as fh:
        state_rows = list(csv.DictReader(fh))
    with (data / "de-districts.csv").open(encoding="utf-8", newline="") as fh:
        district_rows = list(csv.DictReader(fh))
    states = [Region(r["code"], r["name"]) for r in state_rows]
    districts = [Region(f"ags-{r['ags']}", r["name"], f"DE-{r['state']}") for r in district_rows]
    return states, districts


# Custom regions that exist in reality; members are looked up by name, missing ones dropped.
_CUSTOM_REGIONS = (
    (
        "metropolregion-rhein-neckar",
        "Metropolregion Rhein-Neckar",
        (
            "Stadt Mannheim",
            "Stadt Heidelberg",
            "Rhein-Neckar-Kreis",
            "Kreis Bergstraße",
            "Stadt Ludwigshafen am Rhein",
        ),
    ),
    (
        "ostwestfalen-lippe",
        "Ostwestfalen-Lippe",
        (
            "Stadt Bielefeld",
            "Kreis Gütersloh",
            "Kreis Herford",
            "Kreis Höxter",
            "Kreis Lippe",
            "Kreis Minden-Lübbecke",
            "Kreis Paderborn",
        ),
    ),
    (
        "nordhessen",
        "Nordhessen",
        (
            "Stadt Kassel",
            "Kreis Kassel",
            "Schwalm-Eder-Kreis",
            "Kreis Waldeck-Frankenberg",
            "Werra-Meißner-Kreis",
        ),
    ),
    ("mitteldeutschland", "Mitteldeutschland", ("DE-SN", "DE-ST", "DE-TH")),
)

_BASE_TOPICS = (
    Topic("gesundheit", "Gesundheit"),
    Topic("digitalisierung", "Digitalisierung"),
    Topic("fachkraeftesicherung", "Fachkräftesicherung"),
    Topic("unternehmensfuehrung", "Unternehmensführung"),
    Topic("innovation", "Innovation"),
)

_INSTRUMENTS = (
    (REFERENCE_INSTRUMENT, "INQA-Unternehmenscheck „Guter Mittelstand“", "A-1.0", True),
    ("inqa-check-personalfuehrung", "INQA-Check „Personalführung“", None, False),
    ("inqa-check-gesundheit", "INQA-Check „Gesundheit“", None, False),
    ("inqa-check-wissen-und-kompetenz", "INQA-Check „Wissen & Kompetenz“", None, False),
    (
        "inqa-check-vielfaltsbewusster-betrieb",
        "INQA-Check „Vielfaltsbewusster Betrieb“",
        None,
        False,
    ),
    ("potenzialanalyse-arbeit-4-0", "Potenzialanalyse Arbeit 4.0", None, False),
)


def load_taxonomy(source: Path | None) -> Taxonomy:
    """The taxonomy: copied from `source` (a `taxonomy/` folder) when it is complete, else built."""
    csv_states, csv_districts = _csv_regions() if _find_data_dir() else ([], [])
    if source is not None and (source / "regions.yaml").is_file():
        return _copied_taxonomy(source, csv_districts)
    if not csv_districts:
        raise SystemExit("generate.py: no taxonomy to copy and no district data to build one")
    by_name = {r.name: r.id for r in csv_districts}
    state_ids = {r.id for r in csv_states}
    custom = []
    for cid, cname, names in _CUSTOM_REGIONS:
        members = tuple(
            n if n in state_ids else by_name[n] for n in names if n in state_ids or n in by_name
        )
        if len(members) >= 2:
            custom.append(Region(cid, cname, None, members))
    return Taxonomy(
        states=csv_states,
        districts=csv_districts,
        custom=custom,
        topics=list(_BASE_TOPICS),
        reference_instruments=[i[0] for i in _INSTRUMENTS if i[3]],
        other_instruments=[i[0] for i in _INSTRUMENTS if not i[3]],
    )


def _copied_taxonomy(source: Path, csv_districts: Sequence[Region]) -> Taxonomy:
    csv_names = {r.id: r.name for r in csv_districts}
    states, districts, custom = [], [], []
    for e in read_entries(source / "regions.yaml"):
        rid, name, parent = e.get("id"), e.get("name"), e.get("parent")
        if not isinstance(rid, str):
            continue
        if not isinstance(name, str) or not name:
            name = csv_names.get(rid, rid)
        members = e.get("members")
        region = Region(
            rid,
            name,
            parent if isinstance(parent, str) else None,
            tuple(members) if isinstance(members, list) else (),
        )
        if rid.startswith("ags-"):
            districts.append(region)
        elif re.fullmatch(r"DE-[A-Z]{2}", rid):
            states.append(region)
        else:
            custom.append(region)
    if not districts:
        raise SystemExit(f"generate.py: found no districts (ags-…) in {source / 'regions.yaml'}")
    copied = {"regions.yaml": (source / "regions.yaml").read_text(encoding="utf-8")}
    topics: list[Topic] = list(_BASE_TOPICS)
    if (source / "topics.yaml").is_file():
        copied["topics.yaml"] = (source / "topics.yaml").read_text(encoding="utf-8")
        topics = []
        for e in read_entries(source / "topics.yaml"):
            tid, name, parent = e.get("id"), e.get("name"), e.get("parent")
            if isinstance(tid, str):
                topics.append(
                    Topic(
                        tid,
                        name if isinstance(name, str) else tid,
                        parent if isinstance(parent, str) else None,
                    )
                )
    reference = [i[0] for i in _INSTRUMENTS if i[3]]
    other = [i[0] for i in _INSTRUMENTS if not i[3]]
    if (source / "instruments.yaml").is_file():
        entries = read_entries(source / "instruments.yaml")
        ids = [e["id"] for e in entries if isinstance(e.get("id"), str)]
        if REFERENCE_INSTRUMENT in ids:
            copied["instruments.yaml"] = (source / "instruments.yaml").read_text(encoding="utf-8")
            reference = [str(e["id"]) for e in entries if e.get("reference") == "true"]
            other = [str(i) for i in ids if i not in reference]
        else:
            print(
                f"generate.py: {source / 'instruments.yaml'} lacks {REFERENCE_INSTRUMENT}; "
                "writing a generated instruments.yaml instead",
                file=sys.stderr,
            )
    return Taxonomy(states, districts, custom, topics, reference, other, copied, str(source))


# --------------------------------------------------------------------------- synthetic content


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_FIRST_NAMES = _words(
    """
    Anna Jonas Katrin Michael Sabine Thomas Julia Stefan Claudia Andreas Monika Markus Petra
    Frank Susanne Jürgen Birgit Tobias Sandra Matthias Nicole Christian Heike Alexander
    Melanie Uwe Jana Sebastian Ulrike Dirk Özlem Mehmet Agnieszka Lukas Sophie Björn
    """
)
_SURNAMES = _words(
    """
    Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch
    Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann
    Hartmann Lange Schmitt Werner Krause Meier Lehmann Köhler Herrmann König Walter Kaiser
    Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank
    Berger Winkler Roth Beck Lorenz Baumann Yılmaz Kowalski Albrecht Ludwig Simon Böhm
    Winter Kraus Martin
    """
)
_TRADES = _words(
    """
    Metallbau Elektrotechnik Haustechnik Zimmerei Tischlerei Dachdeckerei Feinmechanik
    Kunststofftechnik Maschinenbau Logistik Lebensmittel Druckerei Softwareentwicklung
    Gebäudereinigung Pflegedienst Bauunternehmung Landtechnik Optik Medizintechnik
    Steuerungstechnik Oberflächentechnik Präzisionsteile Stahlbau Holzbau Sanitär
    Kfz-Service Catering
    """
)
_LEGAL = ("GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG", "OHG", "GmbH")

_TYPE_WEIGHTS = (
    ("company", 24),
    ("consultant", 20),
    ("association", 12),
    ("chamber", 8),
    ("social_insurance", 7),
    ("research", 6),
    ("union", 5),
    ("employers", 5),
    ("public_body", 5),
    ("business_development", 5),
    ("foundation", 2),
    ("other", 1),
)
_TYPES = tuple(t for t, _ in _TYPE_WEIGHTS)
_WEIGHTS = tuple(w for _, w in _TYPE_WEIGHTS)

_MEETING_TITLES = (
    "Netzwerktreffen",
    "Jahresauftakt",
    "Unternehmerfrühstück",
    "Workshop INQA-Unternehmenscheck",
    "Arbeitskreis Gesundheit",
    "Arbeitskreis Fachkräftesicherung",
    "Praxisforum Digitalisierung",
    "Sommertreffen",
    "Strategieklausur",
    "Betriebsbesichtigung",
    "Jahresabschluss",
)
_GOALS = (
    "Kleine und mittlere Unternehmen {r} beim Einsatz der INQA-Checks unterstützen "
    "und die Angebote der Partner bündeln.",
    "Mittelständische Betriebe {r} für gute Arbeitsgestaltung gewinnen und Beratung "
    "aus einer Hand anbieten.",
    "Die Partner {r} vernetzen, Unternehmen erreichen und die Qualität der Beratung "
    "nach den Standards der Offensive Mittelstand sichern.",
)
_APPROACH = (
    "Zwei bis drei Netzwerktreffen im Jahr, gemeinsame Veranstaltungen für Unternehmen, "
    "autorisierte Beraterinnen und Berater für den INQA-Unternehmenscheck.",
    "Regelmäßige Treffen der Partner, Praxisworkshops in Betrieben und ein gemeinsamer "
    "Veranstaltungskalender; Koordination durch den Netzwerkkoordinator.",
    "Arbeitskreise zu Schwerpunktthemen, Lotsenfunktion für Betriebe und jährlicher "
    "Bericht an das Plenum.",
)
_THEMES = (
    ("arbeitsschutz", "Arbeitsschutz"),
    ("bgm", "Betriebliches Gesundheitsmanagement"),
    ("digitalisierung", "Digitalisierung"),
    ("fachkraefte", "Fachkräftesicherung"),
    ("fuehrung", "Gute Führung"),
    ("nachfolge", "Unternehmensnachfolge"),
    ("innovation", "Innovation"),
    ("qualifizierung", "Qualifizierung"),
    ("demografie", "Demografiefeste Arbeit"),
    ("nachhaltigkeit", "Nachhaltigkeit"),
    ("bindung", "Mitarbeiterbindung"),
    ("arbeitszeit", "Arbeitszeitgestaltung"),
    ("vereinbarkeit", "Vereinbarkeit von Familie und Beruf"),
    ("integration", "Integration"),
    ("liquiditaet", "Liquidität und Finanzierung"),
    ("ki", "Künstliche Intelligenz"),
    ("wissen", "Wissensmanagement"),
    ("kultur", "Unternehmenskultur"),
    ("energie", "Energieeffizienz"),
    ("praevention", "Prävention"),
)
_SECTORS = (
    ("handwerk", "im Handwerk"),
    ("pflege", "in der Pflege"),
    ("bau", "im Baugewerbe"),
    ("metall", "in der Metallindustrie"),
    ("handel", "im Einzelhandel"),
    ("logistik", "in der Logistik"),
    ("gastro", "im Gastgewerbe"),
    ("landwirtschaft", "in der Landwirtschaft"),
    ("kfz", "im Kfz-Gewerbe"),
    ("it", "in der IT-Branche"),
    ("chemie", "in der Chemie"),
    ("textil", "in der Textilbranche"),
    ("lebensmittel", "im Lebensmittelhandwerk"),
    ("druck", "in der Druckindustrie"),
    ("soziales", "in der Sozialwirtschaft"),
    ("energie", "in der Energiewirtschaft"),
    ("holz", "in der Holzwirtschaft"),
    ("elektro", "im Elektrohandwerk"),
)


def _date_between(rng: random.Random, lo: date, hi: date) -> date:
    return date.fromordinal(rng.randint(lo.toordinal(), hi.toordinal()))


def _dates_in(rng: random.Random, lo: date, hi: date, count: int) -> list[date]:
    span = hi.toordinal() - lo.toordinal() + 1
    if span <= 0 or count <= 0:
        return []
    picked = rng.sample(range(span), min(count, span))
    return [date.fromordinal(lo.toordinal() + d) for d in sorted(picked)]


def _phone(rng: random.Random) -> str:
    area = rng.choice(
        (
            "30",
            "40",
            "89",
            "221",
            "341",
            "351",
            "431",
            "511",
            "561",
            "711",
            "911",
            "2151",
            "3741",
            "5251",
            "7031",
            "8031",
        )
    )
    return f"+49 {area} {rng.randint(100000, 9999999)}"


@dataclass
class Partner:
    id: str
    name: str
    type: str
    group: str | None
    region: str | None
    listing_consent: bool
    domain: str
    contact_name: str
    contact_email: str
    phone: str
    signed_on: date | None = None
    earliest_since: date | None = None


@dataclass
class Membership:
    partner: str
    since: date
    role: str
    until: date | None = None


@dataclass
class Network:
    id: str
    name: str
    region: Region | None
    topic: Topic | None
    applied_on: date
    recognized_on: date
    committed_on: date
    decided_on: date
    members: list[Membership]
    meetings: list[tuple[date, str | None, str | None]]
    reports: list[tuple[str, str, str | None]]
    goals: str
    approach: str
    instruments: list[str]
    website: str
    decision_id: str = ""


def _partner_name(rng: random.Random, ptype: str, city: str, state: str) -> tuple[str, str | None]:
    """A German organisation name for a partner type, and its `group` (affiliation) if any."""
    surname = rng.choice(_SURNAMES)
    if ptype == "company":
        return f"{surname} {rng.choice(_TRADES)} {rng.choice(_LEGAL)}", None
    if ptype == "consultant":
        form = rng.randrange(3)
        if form == 0:
            return f"{surname} Unternehmensberatung", None
        if form == 1:
            return f"{surname} & {rng.choice(_SURNAMES)} Beratung für Arbeit und Organisation", None
        return f"Beratungsbüro {rng.choice(_FIRST_NAMES)} {surname}", None
    if ptype == "chamber":
        return rng.choice(
            (
                (f"Handwerkskammer {city}", None),
                (f"Industrie- und Handelskammer {city}", None),
                (f"Kreishandwerkerschaft {city}", f"kh-{slug(state, 12)}"),
            )
        )
    if ptype == "union":
        return rng.choice(
            (
                (f"DGB Region {city}", "dgb"),
                (f"IG Metall Geschäftsstelle {city}", "ig-metall"),
                (f"ver.di Bezirk {city}", "verdi"),
                (f"IG BCE Bezirk {city}", "ig-bce"),
            )
        )
    if ptype == "employers":
        return rng.choice(
            (
                (f"Unternehmerverband {city} e.V.", None),
                (f"Wirtschaftsjunioren {city}", "wirtschaftsjunioren"),
                (f"Arbeitgeberverband {city}", None),
            )
        )
    if ptype == "social_insurance":
        return rng.choice(
            (
                (f"AOK {state} – Regionaldirektion {city}", f"aok-{slug(state, 20)}"),
                (f"BG ETEM Präventionszentrum {city}", "bg-etem"),
                (f"BGHM Bezirksverwaltung {city}", "bghm"),
                (f"Deutsche Rentenversicherung – Firmenservice {city}", "drv"),
                (f"IKK classic {city}", "ikk-classic"),
            )
        )
    if ptype == "research":
        return rng.choice(
            (
                (f"Hochschule {city} – Institut für Arbeitsgestaltung", None),
                (f"Institut für angewandte Arbeitswissenschaft {city}", None),
                (f"Kompetenzzentrum Arbeit 4.0 {city}", None),
            )
        )
    if ptype == "public_body":
        return rng.choice(
            (
                (f"Agentur für Arbeit {city}", "bundesagentur"),
                (f"Jobcenter {city}", None),
                (f"Gewerbeaufsicht {city}", None),
            )
        )
    if ptype == "business_development":
        return rng.choice(
            (
                (f"Wirtschaftsförderung {city}", None),
                (f"Technologie- und Gründerzentrum {city}", None),
            )
        )
    if ptype == "association":
        return rng.choice(
            (
                (f"{rng.choice(_TRADES)}-Innung {city}", None),
                (f"RKW {state}", "rkw"),
                (f"Verband der Familienunternehmer {city}", None),
                (f"Unternehmerinnen-Netzwerk {city} e.V.", None),
            )
        )
    if ptype == "foundation":
        return f"Stiftung Arbeit und Zukunft {city}", None
    return f"Bündnis für Arbeit {city} e.V.", None


@dataclass
class Stats:
    """What was written."""

    files: int = 0
    bytes: int = 0
    partners: int = 0
    networks: int = 0
    thematic: int = 0
    decisions: int = 0
    plenum: int = 0
    memberships: int = 0
    seconds: float = 0.0
    taxonomy: str = ""
    contact: bool = True


def schema_allows(schema: Path, prop: str) -> bool | None:
    """Whether a JSON Schema declares `prop` among an object's properties; None if unknown."""
    try:
        doc = json.loads(schema.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

    def walk(node: object) -> bool:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict) and prop in props:
                return True
            return any(walk(v) for v in node.values())
        if isinstance(node, list):
            return any(walk(v) for v in node)
        return False

    return walk(doc)


class Writer:
    """Writes files under the output folder and counts them.

    Creating 53,000 small files (scale 100) is bound by file-system latency, not by Python, so
    the files are written by a few threads in batches, with `os.open`/`os.write` on string
    paths. Contents do not depend on the order of writing. Use as a context manager: leaving it
    waits for every write and re-raises the first error.
    """

    _FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    _BATCH = 256

    def __init__(self, root: Path, stats: Stats, threads: int = 8) -> None:
        self.root = str(root)
        self.stats = stats
        self._dirs: set[str] = set()
        self._batch: list[tuple[str, bytes]] = []
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="generate")
        self._pending: list[Future[None]] = []

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()
        try:
            for future in self._pending:
                future.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    @classmethod
    def _write_batch(cls, batch: list[tuple[str, bytes]]) -> None:
        for path, data in batch:
            fd = os.open(path, cls._FLAGS, 0o644)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)

    def flush(self) -> None:
        """Hand the collected files to the writing threads."""
        if self._batch:
            self._pending.append(self._pool.submit(self._write_batch, self._batch))
            self._batch = []

    def write(self, rel: str, lines: list[str]) -> None:
        folder, _, _ = rel.rpartition("/")
        if folder not in self._dirs:
            os.makedirs(os.path.join(self.root, folder), exist_ok=True)
            self._dirs.add(folder)
        data = ("\n".join(lines) + "\n").encode("utf-8")
        self._batch.append((os.path.join(self.root, rel), data))
        if len(self._batch) >= self._BATCH:
            self.flush()
        self.stats.files += 1
        self.stats.bytes += len(data)

    def write_text(self, rel: str, text: str) -> None:
        self.write(rel, text.rstrip("\n").split("\n"))


def _modeline(depth: int, kind: str) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json"


def generate(
    out: Path,
    scale: float,
    seed: int = 1,
    as_of: date = DEFAULT_AS_OF,
    taxonomy_source: Path | None = SHIPPED_TAXONOMY,
    contact: bool | None = None,
) -> Stats:
    """Write a registry of `scale` times today's OM size to `out` and return what was written.

    `contact=None` includes the partners' `contact` block only when `schemas/partner.schema.json`
    is missing or declares it (the schemas are closed, so an undeclared key would be OM002).
    """
    if as_of < LATEST_AS_OF_MIN:
        raise ValueError(f"as-of must be {LATEST_AS_OF_MIN} or later (networks since 2013)")
    started = time.perf_counter()
    rng = random.Random(f"om-bench/{seed}")
    tax = load_taxonomy(taxonomy_source)
    if contact is None:
        contact = schema_allows(SCHEMAS / "partner.schema.json", "contact") is not False
    stats = Stats(taxonomy=tax.source, contact=contact)

    n_networks = max(1, round(NETWORKS_PER_SCALE * scale))
    n_partners = max(15, round(PARTNERS_PER_SCALE * scale))
    state_names = {s.id: s.name for s in tax.states}
    last_day = as_of - timedelta(days=1)

    # Plenum: two meetings a year, spring and early December.
    plenum_dates: list[date] = []
    for year in PLENUM_YEARS:
        plenum_dates.append(_date_between(rng, date(year, 5, 4), date(year, 5, 28)))
        plenum_dates.append(_date_between(rng, date(year, 12, 1), date(year, 12, 11)))
    plenum_by_year: dict[int, list[date]] = {}
    for d in plenum_dates:
        if d <= as_of:
            plenum_by_year.setdefault(d.year, []).append(d)

    # Networks: regional on distinct districts first, then thematic on distinct new topics.
    districts = list(tax.districts)
    rng.shuffle(districts)
    n_regional = min(n_networks, len(districts))
    regional = sorted(districts[:n_regional], key=lambda r: r.id)
    short_slugs = Counter(slug(short_name(r.name)) for r in tax.districts)
    ambiguous = {s for s, n in short_slugs.items() if n > 1}
    new_topics, thematic_topics = _synthetic_topics(
        tax.topics, n_networks - n_regional, [s.name for s in tax.states]
    )
    stats.thematic = len(thematic_topics)

    network_ids = IdPool()
    networks: list[Network] = []
    for region in regional:
        base = slug(short_name(region.name))
        nid = network_ids.take("om-" + (slug(region.name) if base in ambiguous else base))
        name = f"Offensive Mittelstand {region.name}"
        networks.append(_new_network(rng, nid, name, region, None, as_of, tax, plenum_by_year))
    for topic in thematic_topics:
        nid = network_ids.take("om-fach-" + topic.id)
        name = f"Offensive Mittelstand – Fachnetzwerk {topic.name}"
        networks.append(_new_network(rng, nid, name, None, topic, as_of, tax, plenum_by_year))

    # Partners, each with a home network whose members it is drawn from.
    partner_ids = IdPool()
    names_seen: dict[str, int] = {}
    partners: list[Partner] = []
    home: list[list[int]] = [[] for _ in networks]
    for i in range(n_partners):
        h = i % len(networks)
        net = networks[h]
        if net.region is not None:
            state = state_names.get(net.region.parent or "", "Deutschland")
            city = short_name(net.region.name)
            region_id: str | None = net.region.id
            if rng.random() < 0.1 and net.region.parent:
                region_id = net.region.parent
        else:
            st = rng.choice(tax.states) if tax.states else None
            state = st.name if st else "Deutschland"
            dist = rng.choice(tax.districts)
            city = short_name(dist.name)
            region_id = st.id if st and rng.random() < 0.5 else dist.id
        ptype = rng.choices(_TYPES, _WEIGHTS)[0]
        name, group = _partner_name(rng, ptype, city, state)
        seen = names_seen.get(name, 0) + 1
        names_seen[name] = seen
        if seen > 1:
            name = f"{name} (Standort {seen})"
        pid = partner_ids.take(slug(name))
        domain = slug(name, 60) + ".de"
        first, last = rng.choice(_FIRST_NAMES), rng.choice(_SURNAMES)
        email = f"{slug(first, 20).replace('-', '')}.{slug(last, 20).replace('-', '')}@{domain}"
        partners.append(
            Partner(
                pid,
                name,
                ptype,
                group,
                region_id,
                rng.random() < 0.85,
                domain,
                f"{first} {last}",
                email,
                _phone(rng),
            )
        )
        home[h].append(i)

    for h, net in enumerate(networks):
        _choose_members(rng, net, home[h], partners, as_of)
        stats.memberships += len(net.members)

    by_id = {p.id: p for p in partners}
    for net in networks:
        for m in net.members:
            p = by_id[m.partner]
            if p.earliest_since is None or m.since < p.earliest_since:
                p.earliest_since = m.since
    for p in partners:
        if p.earliest_since is not None:
            p.signed_on = max(date(2007, 1, 1), p.earliest_since - timedelta(rng.randint(0, 400)))
            p.signed_on = min(p.signed_on, p.earliest_since)
        else:
            p.signed_on = _date_between(rng, date(2008, 1, 1), last_day)

    # Decisions: one Leitungskreis recognition per network, numbered per year in date order.
    per_year: dict[int, int] = {}
    for net in sorted(networks, key=lambda n: (n.decided_on, n.id)):
        per_year[net.decided_on.year] = per_year.get(net.decided_on.year, 0) + 1
    width = max(3, len(str(max(per_year.values()))))
    counters: dict[int, int] = {}
    for net in sorted(networks, key=lambda n: (n.decided_on, n.id)):
        y = net.decided_on.year
        counters[y] = counters.get(y, 0) + 1
        net.decision_id = f"lk-{y}-{counters[y]:0{width}d}"

    # Write everything.
    with Writer(out, stats) as w:
        _write_settings(w)
        _write_taxonomy(w, tax, new_topics)
        for d in plenum_dates:
            _write_plenum(w, rng, d)
        for net in networks:
            _write_network(w, net)
            _write_decision(w, net)
        for p in partners:
            _write_partner(w, rng, p, contact)

    stats.partners = len(partners)
    stats.networks = len(networks)
    stats.decisions = len(networks)
    stats.plenum = len(plenum_dates)
    stats.seconds = time.perf_counter() - started
    return stats


def _synthetic_topics(
    existing: Sequence[Topic], count: int, states: Sequence[str]
) -> tuple[list[Topic], list[Topic]]:
    """New topics to add (themes and leaves) and the `count` leaves networks will work on.

    A leaf is a theme in a sector (and, after the first round, in a state); leaves are distinct
    and no network works on a theme, so no two thematic networks overlap (OM111).
    """
    if count <= 0:
        return [], []
    taken = IdPool(t.id for t in existing)
    existing_ids = {t.id for t in existing}
    added: list[Topic] = []
    leaves: list[Topic] = []
    themes: dict[str, str] = {}
    round_no = 0
    while len(leaves) < count:
        if round_no == 0:
            where = ""
        elif round_no <= len(states):
            where = f" in {states[round_no - 1]}"
        else:
            where = f" – Arbeitskreis {round_no - len(states)}"
        round_no += 1
        for theme_slug, theme_name in _THEMES:
            for _sector_slug, sector_phrase in _SECTORS:
                if len(leaves) >= count:
                    break
                parent_id = themes.get(theme_slug)
                if parent_id is None:
                    parent_id = f"thema-{theme_slug}"
                    if parent_id not in existing_ids:
                        parent_id = taken.take(parent_id)
                        added.append(Topic(parent_id, theme_name))
                    themes[theme_slug] = parent_id
                leaf_name = f"{theme_name} {sector_phrase}{where}"
                leaf = Topic(taken.take(slug(leaf_name, 56)), leaf_name, parent_id)
                added.append(leaf)
                leaves.append(leaf)
    return added, leaves


def _new_network(
    rng: random.Random,
    nid: str,
    name: str,
    region: Region | None,
    topic: Topic | None,
    as_of: date,
    tax: Taxonomy,
    plenum_by_year: dict[int, list[date]],
) -> Network:
    latest = min(date(as_of.year, 6, 30), as_of - timedelta(days=150))
    recognized = _date_between(rng, FIRST_RECOGNITION, latest)
    applied = recognized - timedelta(days=rng.randint(30, 150))
    committed = applied - timedelta(days=rng.randint(0, 21))
    decided = recognized - timedelta(days=rng.choice((0, 0, 0, 0, 1, 3, 7)))
    meetings: list[tuple[date, str | None, str | None]] = []
    for year in range(recognized.year, as_of.year + 1):
        lo = max(date(year, 1, 1), recognized + timedelta(days=1))
        hi = min(date(year, 12, 31), as_of - timedelta(days=1))
        count = rng.randint(0, 2) if year == recognized.year else rng.randint(2, 3)
        for d in _dates_in(rng, lo, hi, count):
            title = rng.choice(_MEETING_TITLES) if rng.random() < 0.8 else None
            minutes = f"Protokoll {d.isoformat()}" if rng.random() < 0.3 else None
            meetings.append((d, title, minutes))
    reports: list[tuple[str, str, str | None]] = []
    for year in range(max(recognized.year + 1, PLENUM_YEARS.start), as_of.year + 1):
        held = plenum_by_year.get(year)
        if held:
            reports.append((rng.choice(held).isoformat(), "written", None))
    where = f"in {region.name}" if region else f"im Themenfeld {topic.name if topic else ''}"
    instruments = list(tax.reference_instruments)
    if tax.other_instruments and rng.random() < 0.4:
        instruments.append(rng.choice(tax.other_instruments))
    return Network(
        id=nid,
        name=name,
        region=region,
        topic=topic,
        applied_on=applied,
        recognized_on=recognized,
        committed_on=committed,
        decided_on=decided,
        members=[],
        meetings=meetings,
        reports=reports,
        goals=rng.choice(_GOALS).format(r=where),
        approach=rng.choice(_APPROACH),
        instruments=instruments,
        website=f"https://www.{nid}.de",
    )


def _choose_members(
    rng: random.Random, net: Network, pool: list[int], partners: list[Partner], as_of: date
) -> None:
    """5–15 members: home partners first, a few from elsewhere; ≥ 3 groups among the first 5."""
    want = rng.randint(5, 15)
    chosen = rng.sample(pool, min(len(pool), want))
    while len(chosen) < want:
        extra = rng.randrange(len(partners))
        if extra not in chosen:
            chosen.append(extra)
    if len(chosen) > 6 and rng.random() < 0.3:
        # A partner from another network's home, as happens with state-wide organisations.
        extra = rng.randrange(len(partners))
        if extra not in chosen:
            chosen[-1] = extra

    def group(i: int) -> str:
        return partners[i].group or partners[i].id

    # The first five never leave (no `until`), so they alone must span three groups (OM106):
    # put one member of each group first, and bring in partners of new groups if needed.
    groups: set[str] = set()
    head: list[int] = []
    for i in chosen:
        if group(i) not in groups:
            groups.add(group(i))
            head.append(i)
    rest = [i for i in chosen if i not in head]
    while len(groups) < 3:
        cand = rng.randrange(len(partners))
        if group(cand) not in groups:
            groups.add(group(cand))
            head.append(cand)
            if len(head) + len(rest) > 15 and rest:
                rest.pop()
    head, rest = (head + rest)[:5], (head + rest)[5:]
    last_day = as_of - timedelta(days=1)
    members = [Membership(partners[head[0]].id, net.recognized_on, "coordinator")]
    members += [Membership(partners[i].id, net.recognized_on, "member") for i in head[1:]]
    for i in rest:
        if rng.random() < 0.5:
            since = net.recognized_on
        else:
            since = _date_between(rng, net.recognized_on, last_day)
        until = None
        if rng.random() < 0.08 and (last_day - since).days > 60:
            until = _date_between(rng, since + timedelta(days=30), last_day)
        members.append(Membership(partners[i].id, since, "member", until))
    net.members = members
    # Some reports are given in person by the coordinator, a member since recognition.
    for k, (plenum, _form, _by) in enumerate(net.reports):
        if rng.random() < 0.2:
            net.reports[k] = (plenum, "in_person", members[0].partner)


# --------------------------------------------------------------------------- file writers


def _write_settings(w: Writer) -> None:
    w.write(
        "om.yaml",
        [
            _modeline(1, "om"),
            "# Einstellungen des Registers (synthetisches Benchmark-Register).",
            "criteria: om-2012",
            "audit:",
            "  require_trailers: true",
        ],
    )


def _write_taxonomy(w: Writer, tax: Taxonomy, new_topics: list[Topic]) -> None:
    if "regions.yaml" in tax.copied:
        w.write_text("taxonomy/regions.yaml", tax.copied["regions.yaml"])
    else:
        lines = [
            _modeline(2, "regions"),
            "# Länder, Kreise und kreisfreie Städte, eigene Regionen.",
            "regions:",
        ]
        for r in [*tax.states, *tax.districts, *tax.custom]:
            lines += [f"  - id: {scalar(r.id)}", f"    name: {scalar(r.name)}"]
            if r.parent:
                lines.append(f"    parent: {scalar(r.parent)}")
            if r.members:
                lines.append("    members:")
                lines += [f"      - {scalar(m)}" for m in r.members]
        w.write("taxonomy/regions.yaml", lines)

    topic_lines = []
    for t in new_topics:
        topic_lines += [f"- id: {scalar(t.id)}", f"  name: {scalar(t.name)}"]
        if t.parent:
            topic_lines.append(f"  parent: {scalar(t.parent)}")
    copied_topics = tax.copied.get("topics.yaml")
    if copied_topics is not None and (not new_topics or _block_list_indent(copied_topics) >= 0):
        text = copied_topics.rstrip("\n")
        if new_topics:
            pad = " " * _block_list_indent(copied_topics)
            text += "\n# Synthetische Themen für den Benchmark:\n"
            text += "\n".join(pad + line for line in topic_lines)
        w.write_text("taxonomy/topics.yaml", text)
    else:
        lines = [_modeline(2, "topics"), "# Themen fachlicher Netzwerke.", "topics:"]
        for t in tax.topics:
            lines += [f"  - id: {scalar(t.id)}", f"    name: {scalar(t.name)}"]
            if t.parent:
                lines.append(f"    parent: {scalar(t.parent)}")
        if new_topics:
            lines.append("  # Synthetische Themen für den Benchmark:")
            lines += ["  " + line for line in topic_lines]
        w.write("taxonomy/topics.yaml", lines)

    if "instruments.yaml" in tax.copied:
        w.write_text("taxonomy/instruments.yaml", tax.copied["instruments.yaml"])
    else:
        lines = [
            _modeline(2, "instruments"),
            "# Referenzinstrumente und Praxis-Checks der Offensive Mittelstand.",
            "instruments:",
        ]
        for iid, name, code, reference in _INSTRUMENTS:
            lines += [f"  - id: {scalar(iid)}", f"    name: {scalar(name)}"]
            if code:
                lines.append(f"    code: {scalar(code)}")
            if reference:
                lines.append("    reference: true")
        w.write("taxonomy/instruments.yaml", lines)


def _block_list_indent(text: str) -> int:
    """Indent of the items of a file's top-level block list, or -1 if it is not one."""
    lines = text.splitlines()
    for k, line in enumerate(lines):
        if re.match(r"^topics:\s*(#.*)?$", line):
            for after in lines[k + 1 :]:
                m = re.match(r"^( *)- ", after)
                if m:
                    return len(m.group(1))
                if after.strip() and not after.lstrip().startswith("#"):
                    return -1
            return -1
    return -1


def _write_plenum(w: Writer, rng: random.Random, d: date) -> None:
    location = rng.choice(("Berlin", "Bonn", "Dortmund", "Frankfurt am Main", "Hannover"))
    w.write(
        f"plenum/{d.isoformat()}.yaml",
        [
            _modeline(2, "plenum"),
            f"# Sitzung des Plenums der Offensive Mittelstand in {location}.",
            f"id: {d.isoformat()}",
            f"date: {d.isoformat()}",
            f"location: {scalar(location)}",
        ],
    )


def _write_network(w: Writer, net: Network) -> None:
    c = net.committed_on.isoformat()
    lines = [
        _modeline(2, "network"),
        f"# {'Regionales' if net.region else 'Fachliches'} Netzwerk der Offensive Mittelstand,"
        f" anerkannt am {net.recognized_on.strftime('%d.%m.%Y')}.",
        f"id: {net.id}",
        f"name: {scalar(net.name)}",
    ]
    if net.region is not None:
        lines += ["kind: regional", "regions:", f"  - {scalar(net.region.id)}"]
    elif net.topic is not None:
        lines += ["kind: thematic", f"topic: {scalar(net.topic.id)}"]
    lines += [
        "status: recognized",
        f"applied_on: {net.applied_on.isoformat()}",
        f"recognized_on: {net.recognized_on.isoformat()}",
        "application:",
        f"  goals: {scalar(net.goals)}",
        f"  approach: {scalar(net.approach)}",
        "# Erklärungen des Netzwerks (Kriterien 2012):",
        "commitments:",
        f"  leitgedanken: {c}",
        f"  grundprinzipien: {c}",
        f"  impartiality: {c}",
        f"  informs_partners: {c}",
        f"  cooperation: {c}",
        "open: true",
        "instruments:",
    ]
    lines += [f"  - {scalar(i)}" for i in net.instruments]
    # Lists of small mappings in flow style, as the shipped registry writes them.
    lines.append("partners:")
    for m in net.members:
        until = f", until: {m.until.isoformat()}" if m.until else ""
        lines.append(
            f"  - {{partner: {m.partner}, since: {m.since.isoformat()}{until}, role: {m.role}}}"
        )
    lines += [f"website: {scalar(net.website)}", "partner_logo: true"]
    lines.append("meetings:" if net.meetings else "meetings: []")
    for d, title, minutes in net.meetings:
        entry = f"date: {d.isoformat()}"
        if title:
            entry += f", title: {flow_scalar(title)}"
        if minutes:
            entry += f", minutes: {flow_scalar(minutes)}"
        lines.append(f"  - {{{entry}}}")
    lines.append("plenum_reports:" if net.reports else "plenum_reports: []")
    for plenum, form, by in net.reports:
        by_part = f", by: {by}" if by else ""
        lines.append(f"  - {{plenum: {plenum}, form: {form}{by_part}}}")
    w.write(f"networks/{net.id}.yaml", lines)


def _write_decision(w: Writer, net: Network) -> None:
    d = net.decided_on
    what = "regionales" if net.region else "fachliches"
    w.write(
        f"decisions/{d.year}/{net.decision_id}.yaml",
        [
            _modeline(3, "decision"),
            "# Beschluss des Leitungskreises; Beschlussdateien werden nie geändert.",
            f"id: {net.decision_id}",
            "body: leitungskreis",
            f"date: {d.isoformat()}",
            "kind: recognition",
            "networks:",
            f"  - {net.id}",
            "summary: "
            + scalar(
                f"Der Leitungskreis erkennt „{net.name}“ als {what} Netzwerk der Offensive "
                "Mittelstand an."
            ),
            f"minutes: {scalar(f'Protokoll der Sitzung des Leitungskreises vom {d.isoformat()}')}",
        ],
    )


def _write_partner(w: Writer, rng: random.Random, p: Partner, contact: bool) -> None:
    assert p.signed_on is not None
    signed = p.signed_on.strftime("%d.%m.%Y")
    lines = [
        _modeline(2, "partner"),
        f"# Partner der Offensive Mittelstand; Grundsätze der Zusammenarbeit unterzeichnet am"
        f" {signed}.",
        f"id: {p.id}",
        f"name: {scalar(p.name)}",
        f"type: {p.type}",
    ]
    if p.group:
        lines.append(f"group: {p.group}")
    lines += [
        "status: active",
        f"principles_signed_on: {p.signed_on.isoformat()}",
        f"website: {scalar('https://www.' + p.domain)}",
    ]
    if p.region:
        lines.append(f"region: {scalar(p.region)}")
    consent = (
        "Einwilligung zur Veröffentlichung in der Partnerliste liegt vor."
        if p.listing_consent
        else "Keine Einwilligung zur Nennung in der öffentlichen Partnerliste."
    )
    lines += [f"# {consent}", f"listing_consent: {scalar(p.listing_consent)}"]
    if contact:
        lines += [
            "# Ansprechperson laut Partnermeldung; Änderungen bitte an die Geschäftsstelle.",
            "contact:",
            f"  name: {scalar(p.contact_name)}",
            f"  email: {scalar(p.contact_email)}",
            f"  phone: {scalar(p.phone)}",
        ]
    else:
        lines += [
            f"# Ansprechperson laut Partnermeldung: {p.contact_name}, {p.contact_email},",
            f"# Telefon {p.phone}. Änderungen bitte an die Geschäftsstelle melden.",
        ]
    w.write(f"partners/{p.id}.yaml", lines)


# --------------------------------------------------------------------------- command line


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not force:
            raise SystemExit(f"generate.py: {out} is not empty (use --force to replace a registry)")
        for entry in OUTPUT_ENTRIES:
            target = out / entry
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            elif target.exists() or target.is_symlink():
                target.unlink()
    out.mkdir(parents=True, exist_ok=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--scale",
        type=float,
        required=True,
        help="multiple of today's size (1 ≈ 450 partners, 40 networks)",
    )
    parser.add_argument("--out", type=Path, required=True, help="folder to write the registry to")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=DEFAULT_AS_OF,
        help="date the registry must be clean on (default 2026-11-25)",
    )
    parser.add_argument(
        "--taxonomy",
        type=Path,
        default=SHIPPED_TAXONOMY,
        help="taxonomy folder to copy (default: registry/taxonomy of this repo)",
    )
    parser.add_argument(
        "--contact",
        choices=("auto", "yes", "no"),
        default="auto",
        help="write partners' contact block (auto: if the partner schema has it)",
    )
    parser.add_argument("--force", action="store_true", help="replace a registry already in --out")
    parser.add_argument("--quiet", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.as_of < LATEST_AS_OF_MIN:
        parser.error(f"--as-of must be {LATEST_AS_OF_MIN} or later")
    _prepare(args.out, args.force)
    contact = {"auto": None, "yes": True, "no": False}[args.contact]
    stats = generate(args.out, args.scale, args.seed, args.as_of, args.taxonomy, contact)
    if not args.quiet:
        print(
            f"{args.out}: {stats.files} files, {stats.bytes / 1e6:.1f} MB "
            f"({stats.partners} partners, {stats.networks} networks of which {stats.thematic} "
            f"thematic, {stats.decisions} decisions, {stats.plenum} Plenum meetings, "
            f"{stats.memberships} memberships) in {stats.seconds:.2f} s; "
            f"taxonomy: {stats.taxonomy}; contact: {'yes' if stats.contact else 'no'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
