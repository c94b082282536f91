"""Small registries for the briefing, export and status tests, built in a temporary folder.

`briefing_registry(tmp)` copies the clean-base fixture and adds what a Plenum briefing has to
show: a network that met too rarely and missed a Plenum report, a pending application that
lacks commitments, a dispute resolution the Plenum was not told about, a waiver that expires
soon, and hostile names.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLEAN_BASE = ROOT / "tests" / "registries" / "clean-base" / "registry"

HOSTILE_NAME = (
    '<script>alert("x")</script> | **fett** [link](javascript:alert(1)) & Co '
    + "Donaudampfschifffahrtsgesellschaftskapitän" * 3  # one word wider than a column
)


def dump(value: Any) -> str:
    """YAML for plain values: JSON is YAML 1.2, and escapes every hostile character."""
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def write(root: Path, relative: str, value: Any) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(value), encoding="utf-8")


def network(
    network_id: str,
    *,
    name: str,
    status: str = "recognized",
    regions: tuple[str, ...] = ("ags-06633",),
    recognized_on: str | None = "2022-03-15",
    meetings: tuple[str, ...] = (),
    reports: tuple[str, ...] = (),
    commitments: bool = True,
    partners: tuple[str, ...] = ("ihk-kassel", "dgb-nordhessen", "aok-hessen"),
) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": network_id,
        "name": name,
        "kind": "regional",
        "regions": list(regions),
        "status": status,
        "applied_on": "2021-11-02",
        "application": {
            "goals": "Betriebe in der Region für gute Arbeit gewinnen.",
            "approach": "Zwei Treffen im Jahr und der INQA-Unternehmenscheck.",
        },
        "open": True,
        "instruments": ["inqa-check"],
        "partners": [{"partner": p, "since": "2021-11-02", "role": "member"} for p in partners],
        "website": f"https://{network_id}.example",
        "partner_logo": True,
        "meetings": [{"date": day} for day in meetings],
        "plenum_reports": [{"plenum": plenum, "form": "written"} for plenum in reports],
    }
    if recognized_on is not None:
        value["recognized_on"] = recognized_on
    if commitments:
        value["commitments"] = {
            name: "2021-11-02"
            for name in (
                "leitgedanken",
                "grundprinzipien",
                "impartiality",
                "informs_partners",
                "cooperation",
            )
        }
    return value


def briefing_registry(tmp: Path) -> Path:
    """A registry with something to report in every section of the briefing (as of 2026-11-24)."""
    root = tmp / "registry"
    shutil.copytree(CLEAN_BASE, root)
    # om-kassel of the clean base overlaps the districts used here: give the new ones their own
    regions = (root / "taxonomy" / "regions.yaml").read_text(encoding="utf-8")
    regions += (
        "  - {id: ags-06634, name: Schwalm-Eder-Kreis, parent: DE-HE}\n"
        "  - {id: ags-06635, name: Landkreis Waldeck-Frankenberg, parent: DE-HE}\n"
        "  - {id: ags-06636, name: Werra-Meißner-Kreis, parent: DE-HE}\n"
    )
    (root / "taxonomy" / "regions.yaml").write_text(regions, encoding="utf-8")
    # a recognized network that met only once in 2024 and never reported in 2025
    write(
        root,
        "networks/om-schwalm-eder.yaml",
        network(
            "om-schwalm-eder",
            name="Offensive Mittelstand Schwalm-Eder",
            regions=("ags-06634",),
            meetings=(
                "2023-03-01",
                "2023-09-01",
                "2024-05-05",
                "2025-02-02",
                "2025-10-10",
                "2026-04-04",
            ),
            reports=("2023-05-09", "2024-05-14"),
        ),
    )
    write(
        root,
        "decisions/2022/anerkennung-om-schwalm-eder.yaml",
        {"id": "anerkennung-om-schwalm-eder", "body": "leitungskreis", "date": "2022-03-15",
         "kind": "recognition", "networks": ["om-schwalm-eder"]},
    )  # fmt: skip
    # a pending application without its commitments and with a hostile name
    write(
        root,
        "networks/om-waldeck.yaml",
        network(
            "om-waldeck",
            name=HOSTILE_NAME + " Waldeck-Frankenberg",
            status="applied",
            regions=("ags-06635",),
            recognized_on=None,
            commitments=False,
        ),
    )
    # a dispute resolution after the previous meeting, and one the Plenum was never told of
    write(
        root,
        "decisions/2026/lk-2026-06-schlichtung.yaml",
        {"id": "lk-2026-06-schlichtung", "body": "leitungskreis", "date": "2026-06-02",
         "kind": "dispute_resolution", "networks": ["om-kassel", "om-waldeck"],
         "summary": "Schlichtung <b>zwischen</b> | zwei Netzwerken"},
    )  # fmt: skip
    write(
        root,
        "decisions/2025/lk-2025-01-schlichtung.yaml",
        {"id": "lk-2025-01-schlichtung", "body": "leitungskreis", "date": "2025-01-14",
         "kind": "dispute_resolution", "networks": ["om-schwalm-eder", "om-kassel"],
         "summary": "Ältere Schlichtung"},
    )  # fmt: skip
    # a waiver that expires within six months of the meeting on 2026-11-24
    write(
        root,
        "decisions/2026/lk-2026-07-ausnahme.yaml",
        {"id": "lk-2026-07-ausnahme", "body": "leitungskreis", "date": "2026-07-07",
         "kind": "waiver", "networks": ["om-schwalm-eder"]},
    )  # fmt: skip
    (root / "om.yaml").write_text(
        "criteria: om-2012\n"
        "waivers:\n"
        "  - {rule: OM107, entity: networks/om-schwalm-eder, decision: lk-2026-07-ausnahme,\n"
        "     reason: Bericht 2025 entfiel, until: 2027-02-28}\n",
        encoding="utf-8",
    )
    # a partner who joined since the previous meeting (2026-05-12), and one who left
    write(
        root,
        "partners/neue-gmbh.yaml",
        {"id": "neue-gmbh", "name": "Neue GmbH", "type": "company", "status": "active",
         "principles_signed_on": "2026-09-01", "listing_consent": False},
    )  # fmt: skip
    write(
        root,
        "partners/alte-ag.yaml",
        {"id": "alte-ag", "name": "Alte AG", "type": "company", "status": "left",
         "principles_signed_on": "2015-01-01", "left_on": "2026-10-01",
         "listing_consent": True},
    )  # fmt: skip
    return root
