"""Generate ``registry/taxonomy/regions.yaml`` from the state and district tables.

The 16 states (ISO 3166-2 ``DE-XX``) and the 400 districts (``ags-NNNNN``, the 5-digit
Kreisschlüssel) come from ``de-states.csv`` (``code,ags,name``) and ``de-districts.csv``
(``ags,name,state``); a few custom regions (metropolitan and planning regions) are appended
from ``CUSTOM_REGIONS`` below. Their members are checked against the tables, so a typo in a
key fails the run instead of producing a dangling reference.

Usage::

    python tools/gen_regions.py [DATA_DIR] [--output FILE]

``DATA_DIR`` defaults to ``../shared/data`` relative to the repository root. The output is
deterministic, so running the script again on the same tables changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO_ROOT / ".." / "shared" / "data"
DEFAULT_OUTPUT = REPO_ROOT / "registry" / "taxonomy" / "regions.yaml"

MODELINE = "# yaml-language-server: $schema=../../schemas/regions.schema.json"


@dataclass(frozen=True)
class CustomRegion:
    """A region that is not a state or district: a named set of districts and/or states."""

    id: str
    name: str
    members: tuple[str, ...]


# Custom regions. Members are district (``ags-…``) or state (``DE-…``) ids.
CUSTOM_REGIONS: tuple[CustomRegion, ...] = (
    CustomRegion(
        id="metropolregion-rhein-neckar",
        name="Metropolregion Rhein-Neckar",
        # Eight cities and seven districts in Baden-Württemberg, Hessen and Rheinland-Pfalz.
        members=(
            "ags-08222",  # Stadt Mannheim
            "ags-08221",  # Stadt Heidelberg
            "ags-08226",  # Rhein-Neckar-Kreis
            "ags-08225",  # Neckar-Odenwald-Kreis
            "ags-06431",  # Kreis Bergstraße
            "ags-07314",  # Stadt Ludwigshafen am Rhein
            "ags-07311",  # Stadt Frankenthal (Pfalz)
            "ags-07313",  # Stadt Landau in der Pfalz
            "ags-07316",  # Stadt Neustadt an der Weinstraße
            "ags-07318",  # Stadt Speyer
            "ags-07319",  # Stadt Worms
            "ags-07332",  # Kreis Bad Dürkheim
            "ags-07334",  # Kreis Germersheim
            "ags-07337",  # Kreis Südliche Weinstraße
            "ags-07338",  # Rhein-Pfalz-Kreis
        ),
    ),
    CustomRegion(
        id="region-nordhessen",
        name="Nordhessen",
        members=(
            "ags-06611",  # Stadt Kassel
            "ags-06633",  # Kreis Kassel
            "ags-06634",  # Schwalm-Eder-Kreis
            "ags-06635",  # Kreis Waldeck-Frankenberg
            "ags-06636",  # Werra-Meißner-Kreis
            "ags-06632",  # Kreis Hersfeld-Rotenburg
        ),
    ),
    CustomRegion(
        id="region-ostwestfalen-lippe",
        name="Ostwestfalen-Lippe",
        members=(
            "ags-05711",  # Stadt Bielefeld
            "ags-05754",  # Kreis Gütersloh
            "ags-05758",  # Kreis Herford
            "ags-05762",  # Kreis Höxter
            "ags-05766",  # Kreis Lippe
            "ags-05770",  # Kreis Minden-Lübbecke
            "ags-05774",  # Kreis Paderborn
        ),
    ),
    CustomRegion(
        id="region-mitteldeutschland",
        name="Mitteldeutschland",
        # Whole states as members.
        members=("DE-SN", "DE-ST", "DE-TH"),
    ),
)

# Plain scalars that YAML (1.1 or 1.2) would read as something other than a string.
_RESERVED = re.compile(
    r"^(?:~|null|true|false|yes|no|on|off|y|n|[-+]?(?:\.inf|\.nan)"
    r"|[-+]?[0-9][0-9_.:eExXoObB+-]*)$",
    re.IGNORECASE,
)
# Characters that are safe inside a plain scalar in flow context (`{… name: X, …}`).
_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9ÄÖÜäöüß][A-Za-z0-9ÄÖÜäöüß .()/-]*$")


def yaml_str(value: str) -> str:
    """Render ``value`` as a YAML scalar that every loader reads back as the same string.

    Plain when that is unambiguous, otherwise single-quoted (``'`` doubled).
    """
    if _PLAIN_SAFE.match(value) and not _RESERVED.match(value) and not value.endswith(" "):
        return value
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Region:
    """One entry of ``regions.yaml``."""

    id: str
    name: str
    parent: str | None = None
    members: tuple[str, ...] = ()

    def to_yaml(self) -> str:
        """The entry as one flow-style list item."""
        parts = [f"id: {self.id}", f"name: {yaml_str(self.name)}"]
        if self.parent is not None:
            parts.append(f"parent: {self.parent}")
        if self.members:
            parts.append("members: [" + ", ".join(self.members) + "]")
        return "  - {" + ", ".join(parts) + "}"


def read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Read a CSV file with a header row and check that it has the expected columns."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise SystemExit(f"{path}: expected columns {','.join(columns)}")
        return [{key: (row[key] or "").strip() for key in columns} for row in reader]


def build_regions(data_dir: Path) -> list[Region]:
    """States, then districts (in table order), then the custom regions."""
    states = read_csv(data_dir / "de-states.csv", ("code", "ags", "name"))
    districts = read_csv(data_dir / "de-districts.csv", ("ags", "name", "state"))

    regions = [Region(id=row["code"], name=row["name"]) for row in states]
    state_ids = {region.id for region in regions}
    for row in districts:
        if not re.fullmatch(r"[0-9]{5}", row["ags"]):
            raise SystemExit(f"de-districts.csv: bad Kreisschlüssel {row['ags']!r}")
        parent = f"DE-{row['state']}"
        if parent not in state_ids:
            raise SystemExit(f"de-districts.csv: {row['ags']} has unknown state {row['state']!r}")
        regions.append(Region(id=f"ags-{row['ags']}", name=row["name"], parent=parent))

    known = {region.id for region in regions}
    for custom in CUSTOM_REGIONS:
        missing = [member for member in custom.members if member not in known]
        if missing:
            raise SystemExit(f"custom region {custom.id}: unknown members {', '.join(missing)}")
        regions.append(Region(id=custom.id, name=custom.name, members=custom.members))

    seen: set[str] = set()
    for region in regions:
        if region.id in seen:
            raise SystemExit(f"duplicate region id {region.id}")
        seen.add(region.id)
    return regions


def render(regions: list[Region]) -> str:
    """The whole file: modeline, provenance comment, one line per region."""
    lines = [
        MODELINE,
        "# Quelle: ../shared/data/de-states.csv (Länder, ISO 3166-2) und de-districts.csv"
        " (Kreise, 5-stelliger Kreisschlüssel),",
        "# erzeugt von tools/gen_regions.py; nicht von Hand ändern (CUSTOM_REGIONS im Skript).",
        "regions:",
    ]
    lines.extend(region.to_yaml() for region in regions)
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data_dir",
        nargs="?",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help="folder with de-states.csv and de-districts.csv (default: ../shared/data)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="file to write (default: registry/taxonomy/regions.yaml)",
    )
    args = parser.parse_args(argv)

    regions = build_regions(args.data_dir)
    text = render(regions)
    output: Path = args.output
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(output)
    counts = (
        sum(1 for r in regions if r.id.startswith("DE-")),
        sum(1 for r in regions if r.id.startswith("ags-")),
        sum(1 for r in regions if r.members),
    )
    print(f"wrote {output}: {counts[0]} states, {counts[1]} districts, {counts[2]} custom regions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
