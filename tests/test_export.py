"""`om export`: the public lists hold every consenting active partner and recognized network,
and nothing else — in every format, for generated registries with hostile names too."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from briefing_registry import CLEAN_BASE, ROOT, write
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from om_cli.cli import main
from om_cli.export import FORMATS, NETWORK_FIELDS, PARTNER_FIELDS, csv_cell
from om_cli.loader import LoadError, parse

DEMO = ROOT / "registry"
SECRET = "GEHEIM"  # every name of a partner that must not be listed carries this marker
CONTACT = "kontakt-"  # every contact e-mail address starts with this


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


class Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "tr" and values.get("data-id"):
            self.ids.append(str(values["data-id"]))


def listed_ids(text: str, output_format: str) -> list[str]:
    """The ids of the entries of an exported list, read back from the format itself."""
    if output_format == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        return [row[0] for row in rows[1:]]
    if output_format == "json":
        return [item["id"] for item in json.loads(text)["items"]]
    if output_format == "md":
        lines = [line for line in text.splitlines() if line.startswith("| ")]
        return [line.split("|")[1].strip() for line in lines[1:]]
    parser = Rows()
    parser.feed(text)
    return parser.ids


def load(path: Path) -> dict[str, Any]:
    data = parse(path.read_bytes())[0]
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("output_format", FORMATS)
def test_demo_partners(capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    as_of = "2026-11-25"
    code, out, _ = run(capsys, "export", "partners", "--format", output_format,
                       "--as-of", as_of, "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    expected = set()
    private: set[str] = set()
    for path in (DEMO / "partners").glob("*.yaml"):
        partner = load(path)
        private |= {str(value) for value in partner.get("contact", {}).values()}
        left = partner.get("left_on")
        active = not (left and left <= as_of) and not (partner["status"] == "left" and not left)
        if active and partner.get("listing_consent") is True:
            expected.add(partner["id"])
    ids = listed_ids(out, output_format)
    assert sorted(ids) == sorted(expected) and len(ids) == len(expected) == 46
    assert len(private) > 30
    assert [value for value in private if value in out] == []  # no contact person's data
    assert "contact" not in out


@pytest.mark.parametrize("output_format", FORMATS)
def test_demo_networks(capsys: pytest.CaptureFixture[str], output_format: str) -> None:
    code, out, _ = run(capsys, "export", "networks", "--format", output_format,
                       "--as-of", "2026-11-25", "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    recognized = {
        path.stem
        for path in (DEMO / "networks").glob("*.yaml")
        if load(path)["status"] == "recognized"
    }
    assert sorted(listed_ids(out, output_format)) == sorted(recognized)
    assert "om-saarland" not in out  # withdrawn
    assert "Saarland" not in out
    assert "om-region-darmstadt" not in out  # applied
    assert "netzwerk-digitale-arbeitswelt" not in out  # rejected


def test_network_recognized_after_as_of_is_not_listed(capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run(capsys, "export", "networks", "--format", "json",
                       "--as-of", "2021-01-01", "--registry", str(DEMO))  # fmt: skip
    ids = listed_ids(out, "json")
    assert "om-kassel" not in ids and "netzwerk-ki-mittelstand" not in ids  # 2021-06, 2022
    assert "om-nordhessen" in ids


def test_only_public_fields() -> None:
    assert PARTNER_FIELDS == ("id", "name", "type", "region", "region_name", "website")
    assert "contact" not in NETWORK_FIELDS and "partners" not in NETWORK_FIELDS


@pytest.mark.parametrize(
    "value,expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+49 1", "'+49 1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Muster GmbH", "Muster GmbH"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_are_never_formulas(value: str, expected: str) -> None:
    assert csv_cell(value) == expected


# --- generated registries ------------------------------------------------------------------

HOSTILE = st.sampled_from([
    "=cmd|' /C calc'!A0", "+1+1", "-1", "@SUM(1)", "\tTab", "<script>alert(1)</script>",
    "| a | b |", "**fett** [x](javascript:1)", "a,b;\"c\"\nd", "&amp; &lt;", "Ünïcödé ß",
    "\u202eevil", "`code`", "#Titel", "{{ 7*7 }}", "{% raw %}",
])  # fmt: skip
NAME_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=0,
    max_size=20,
)
PARTNER = st.fixed_dictionaries(
    {
        "consent": st.sampled_from([True, False, None, "true", "yes", 1]),
        "status": st.sampled_from(["active", "left"]),
        "left_on": st.sampled_from([None, "2020-01-01", "2026-11-25", "2030-01-01"]),
        "signed": st.sampled_from([None, "2015-01-01", "2030-01-01"]),
        "name": st.tuples(HOSTILE, NAME_TEXT).map(lambda pair: pair[0] + pair[1]),
    }
)


def listable(partner: dict[str, Any], as_of: str) -> bool:
    """The rule, written out independently of om: consent is literally true, the partner is
    active on as-of and signed the Grundsätze by then (if the date is recorded)."""
    left = partner["left_on"]
    if left is not None and left <= as_of:
        return False
    if partner["status"] == "left" and left is None:
        return False
    if partner["signed"] is not None and partner["signed"] > as_of:
        return False
    return partner["consent"] is True


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(partners=st.lists(PARTNER, min_size=1, max_size=8))
def test_no_non_consenting_partner_leaks(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    partners: list[dict[str, Any]],
) -> None:
    root = tmp_path_factory.mktemp("reg") / "registry"
    shutil.copytree(CLEAN_BASE / "taxonomy", root / "taxonomy")
    as_of = "2026-11-25"
    expected = set()
    for index, partner in enumerate(partners):
        partner_id = f"p{index}"
        name = partner["name"] if listable(partner, as_of) else f"{SECRET}{index} {partner['name']}"
        value: dict[str, Any] = {
            "id": partner_id,
            "name": name,
            "type": "company",
            "status": partner["status"],
            "website": f"https://{partner_id}.example",
            "contact": {"name": "Erika Muster", "email": f"{CONTACT}{index}@example.org"},
        }
        for key, field in (("consent", "listing_consent"), ("left_on", "left_on"),
                           ("signed", "principles_signed_on")):  # fmt: skip
            if partner[key] is not None:
                value[field] = partner[key]
        write(root, f"partners/{partner_id}.yaml", value)
        try:  # a file om refuses to read (a control or bidi character) is never listed
            parse((root / "partners" / f"{partner_id}.yaml").read_bytes())
        except LoadError:
            continue
        if listable(partner, as_of):
            expected.add(partner_id)
    for output_format in FORMATS:
        code, out, err = run(capsys, "export", "partners", "--format", output_format,
                             "--as-of", as_of, "--registry", str(root))  # fmt: skip
        assert code == 0, err
        assert sorted(listed_ids(out, output_format)) == sorted(expected), output_format
        assert SECRET not in out
        assert CONTACT not in out and "Erika" not in out
        if output_format == "html":
            parser = Rows()
            parser.feed(out)
            assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "p",
                                   "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
        if output_format == "csv":
            for row in list(csv.reader(io.StringIO(out, newline="")))[1:]:
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
        if output_format == "json":
            names = {item["id"]: item["name"] for item in json.loads(out)["items"]}
            for index, partner in enumerate(partners):
                if names.get(f"p{index}"):
                    assert names[f"p{index}"] == partner["name"]  # exact, not mangled


def test_out_file_and_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "partner.csv"
    code, out, _ = run(capsys, "export", "partners", "--out", str(target),
                       "--as-of", "2026-11-25", "--registry", str(DEMO))  # fmt: skip
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("id,name,type,region,region_name,website")
    code, _, err = run(capsys, "export", "contacts", "--registry", str(DEMO))
    assert code == 2
    code, _, err = run(capsys, "export", "partners", "--as-of", "gestern",
                       "--registry", str(DEMO))  # fmt: skip
    assert code == 2 and "Traceback" not in err


def test_english_headings(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "export", "networks", "--format", "md", "--lang", "en",
                    "--as-of", "2026-11-25", "--registry", str(DEMO))  # fmt: skip
    assert out.startswith("# Recognized networks of the Offensive Mittelstand")
    assert dt.date(2026, 11, 25).isoformat() in out
