"""The house style (`om_cli.yaml_style`) and `om fmt`.

The house style keeps what people wrote (comments, key order, quotes, flow or block style) and
writes what om adds in one way. Its promise, tested here also with hypothesis: every dump is
accepted by om's strict loader and reads back to the same values as the input, and formatting
twice changes nothing more. `om fmt` is tested end to end: whole output and exit code.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from om_cli import yaml_style
from om_cli.errors import UsageError, WriteError
from om_cli.fmt import FileProblem, format_registry
from om_cli.loader import LoadError, parse
from om_cli.messages import INVISIBLE
from om_cli.safe_write import LOCK_NAME
from om_cli.yaml_style import dump, edit, load, same_values
from tests.yaml_helpers import styled

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def values(text: str) -> Any:
    return parse(text.encode("utf-8"))[0]


def roundtrip(text: str) -> str:
    return dump(load(text))


# --- the house style ------------------------------------------------------------------------------

HOUSE_STYLE = """\
# yaml-language-server: $schema=../../schemas/network.schema.json
# Demonstrationsdaten.
id: om-beispiel
name: Offensive Mittelstand Beispiel  # der eigene Name
kind: regional
regions:
  - ags-06611  # Kassel
  - ags-06633

# Status
status: recognized
applied_on: 2020-01-10
recognized_on: 2020-03-12
application:
  goals: >-
    Mittelständische Unternehmen unterstützen und die Angebote der Partner
    abstimmen.
  approach: 'Zwei Treffen im Jahr: Frühjahr und Herbst'
open: true
partners:
  - {partner: ihk-kassel, since: 2020-01-10, role: coordinator}
  - {partner: hwk-kassel, since: 2020-01-10, role: member}
website: "https://om-beispiel.example.org"
meetings: []
"""


def test_a_file_in_house_style_is_left_byte_identical() -> None:
    assert roundtrip(HOUSE_STYLE) == HOUSE_STYLE


def test_reformatting_keeps_comments_order_and_values() -> None:
    messy = (
        "# modeline\n"
        "zeta: 1   # comment after a value\n"
        "alpha:\n"
        "    nested: yes\n"
        "    list:\n"
        "    - eins\n"
        "    - zwei   # second\n"
        "# between keys\n"
        "mid: ~\n"
        "plain: one\n"
        "  two\n"
    )
    assert roundtrip(messy) == (
        "# modeline\n"
        "zeta: 1   # comment after a value\n"
        "alpha:\n"
        "  nested: 'yes'\n"
        "  list:\n"
        "    - eins\n"
        "    - zwei   # second\n"
        "# between keys\n"
        "mid:\n"
        "plain: one two\n"
    )
    assert same_values(values(messy), values(roundtrip(messy)))


# strings that a YAML 1.1 reader (or any reader but om's) takes for something else
AMBIGUOUS = [
    "yes", "no", "on", "off", "y", "n", "Y", "N", "Yes", "NO", "On", "OFF", "true", "False",
    "~", "null", "Null", "", "012", "08", "1_000", "0x1F", "0o17", "0b101", "+0x1F", "1e3",
    "1E3", "1.5", ".5", "-.5", "+1", "-0", "1.", "1:20", "190:20:30.5", ".inf", "-.inf",
    ".nan", "<<", "=", "2026-01-15T10:00:00Z", "2026-01-15 10:00:00", "1" * 120,
]  # fmt: skip
# strings every reader takes for strings: left plain
PLAIN = ["2026-01-15", "2026-02-30", "om-kassel", "DE-HE", "ags-06611", "A-1.0", "x:y", "Müller"]


@pytest.mark.parametrize("value", AMBIGUOUS, ids=repr)
def test_ambiguous_strings_are_quoted(value: str) -> None:
    def change(data: CommentedMap) -> None:
        data["value"] = value
        data["list"] = [value]
        data[value] = "key"

    text = edit("id: x\n", change)
    assert values(text) == {"id": "x", "value": value, "list": [value], value: "key"}
    assert f"value: '{value}'\n" in text or f'value: "{value}"\n' in text


@pytest.mark.parametrize("value", PLAIN)
def test_unambiguous_strings_and_iso_dates_stay_plain(value: str) -> None:
    text = edit("id: x\n", lambda data: data.__setitem__("value", value))
    assert text == f"id: x\nvalue: {value}\n"
    assert values(text) == {"id": "x", "value": value}


def test_numbers_booleans_and_null_stay_plain() -> None:
    data = {"int": 12, "neg": -3, "float": 0.25, "big": 1e20, "yes": True, "no": False}
    data["none"] = None
    text = dump(data)
    assert text == ("int: 12\nneg: -3\nfloat: 0.25\nbig: 1e+20\n'yes': true\n'no': false\nnone:\n")
    assert same_values(values(text), data)


def test_a_date_object_is_written_as_an_iso_string() -> None:
    text = dump({"date": dt.date(2026, 1, 15), "list": [dt.date(2026, 2, 1)]})
    assert text == "date: 2026-01-15\nlist:\n  - 2026-02-01\n"
    assert values(text) == {"date": "2026-01-15", "list": ["2026-02-01"]}


def test_floats_are_written_back_as_spelt() -> None:
    """ruamel's own float writer changes the last digit of some floats (found by hypothesis)."""
    text = "a: 1.632344072561468e-202\nb: 1e3\nc: 1.50\nd: .5\ne: -0.0\n"
    assert roundtrip(text) == text


def test_quotes_as_written_are_kept() -> None:
    text = "a: 'single'\nb: \"double\"\nc: plain\nd: 'yes'\ne: \"2026-01-15\"\n"
    assert roundtrip(text) == text


def test_unquoted_yaml_1_1_booleans_are_quoted_strings() -> None:
    text = "a: yes\nb: [no, on, off]\nc: {d: y}\n"
    assert roundtrip(text) == "a: 'yes'\nb: ['no', 'on', 'off']\nc: {d: 'y'}\n"
    assert values(roundtrip(text)) == values(text)


def test_an_impossible_date_is_a_string_not_an_error() -> None:
    data = load("date: 2026-02-30\nok: 2026-01-15\n")
    assert (data["date"], data["ok"]) == ("2026-02-30", "2026-01-15")
    assert type(data["ok"]) is str
    assert roundtrip("date: 2026-02-30\n") == "date: 2026-02-30\n"


def test_no_line_wrapping() -> None:
    long = " ".join(["Netzwerktreffen"] * 40)
    text = dump({"title": long, "items": [long]})
    assert text == f"title: {long}\nitems:\n  - {long}\n"


def test_new_document_from_a_plain_dict() -> None:
    """What `om decide` and `om apply` write: block style, 2-space mappings, indented lists."""
    document = {
        "id": "lk-2026-01",
        "body": "leitungskreis",
        "date": "2026-01-15",
        "kind": "recognition",
        "networks": ["om-kassel", "om-nordhessen"],
        "nested": {"key": "value", "list": [{"a": 1, "b": "on"}]},
    }
    assert dump(document) == (
        "id: lk-2026-01\n"
        "body: leitungskreis\n"
        "date: 2026-01-15\n"
        "kind: recognition\n"
        "networks:\n"
        "  - om-kassel\n"
        "  - om-nordhessen\n"
        "nested:\n"
        "  key: value\n"
        "  list:\n"
        "    - a: 1\n"
        "      b: 'on'\n"
    )


def test_new_items_in_a_flow_list_take_the_flow_style() -> None:
    text = "meetings:\n  - {date: 2026-03-01, title: Jahrestreffen}\nopen: true\n"

    def record(data: CommentedMap) -> None:
        data["meetings"].append({"date": "2026-09-01", "title": "Herbst: on"})

    assert edit(text, record) == (
        "meetings:\n"
        "  - {date: 2026-03-01, title: Jahrestreffen}\n"
        "  - {date: 2026-09-01, title: 'Herbst: on'}\n"
        "open: true\n"
    )


MEETING = {"date": "2026-09-01", "title": "Herbst"}
APPEND_CASES = {
    "comment on the last item's line, then lines": (
        "meetings:\n  - {date: 2026-03-01, title: A}  # erstes\n\n# Ende\n",
        "meetings:\n  - {date: 2026-03-01, title: A}  # erstes\n"
        "  - {date: 2026-09-01, title: Herbst}\n\n# Ende\n",
    ),
    "blank line and the next key's heading": (
        "meetings:\n  - {date: 2026-03-01, title: A}\n\n# Berichte\nplenum_reports: []\n",
        "meetings:\n  - {date: 2026-03-01, title: A}\n  - {date: 2026-09-01, title: Herbst}\n"
        "\n# Berichte\nplenum_reports: []\n",
    ),
    "only a comment on the last item's line": (
        "meetings:\n  - {date: 2026-03-01, title: A}  # erstes\nopen: true\n",
        "meetings:\n  - {date: 2026-03-01, title: A}  # erstes\n"
        "  - {date: 2026-09-01, title: Herbst}\nopen: true\n",
    ),
    "comments between items stay": (
        "meetings:\n  - {date: 2026-03-01, title: A}\n  # zwischen\n"
        "  - {date: 2026-04-01, title: B}\n",
        "meetings:\n  - {date: 2026-03-01, title: A}\n  # zwischen\n"
        "  - {date: 2026-04-01, title: B}\n  - {date: 2026-09-01, title: Herbst}\n",
    ),
    "block mappings": (
        "meetings:\n  - date: 2026-03-01\n    title: A  # erstes\n\n# Ende\n",
        "meetings:\n  - date: 2026-03-01\n    title: A  # erstes\n"
        "  - date: 2026-09-01\n    title: Herbst\n\n# Ende\n",
    ),
    "no comments": (
        "meetings:\n  - {date: 2026-03-01, title: A}\n",
        "meetings:\n  - {date: 2026-03-01, title: A}\n  - {date: 2026-09-01, title: Herbst}\n",
    ),
}


@pytest.mark.parametrize("before,after", APPEND_CASES.values(), ids=list(APPEND_CASES))
def test_append_keeps_the_comments_after_the_list(before: str, after: str) -> None:
    assert edit(before, lambda data: yaml_style.append(data["meetings"], dict(MEETING))) == after


def test_append_a_scalar_before_trailing_comments() -> None:
    text = "regions:\n  - DE-HE  # Hessen\n\n# Status\nstatus: applied\n"
    assert edit(text, lambda data: yaml_style.append(data["regions"], "DE-TH")) == (
        "regions:\n  - DE-HE  # Hessen\n  - DE-TH\n\n# Status\nstatus: applied\n"
    )


def test_edit_keeps_everything_else() -> None:
    def recognise(data: CommentedMap) -> None:
        data["status"] = "withdrawn"
        data.insert(list(data).index("recognized_on") + 1, "withdrawn_on", "2026-11-25")

    text = edit(HOUSE_STYLE, recognise)
    expected = HOUSE_STYLE.replace("status: recognized", "status: withdrawn").replace(
        "recognized_on: 2020-03-12\n", "recognized_on: 2020-03-12\nwithdrawn_on: 2026-11-25\n"
    )
    assert text == expected


def test_insert_keeps_the_comment_lines_after_the_entry_below_the_new_one() -> None:
    def withdraw(data: CommentedMap) -> None:
        yaml_style.insert(data, list(data).index("recognized_on") + 1, "withdrawn_on", "2026-11-25")

    for line in ("recognized_on: 2020-03-12", "recognized_on: 2020-03-12  # im März"):
        text = f"status: recognized\n{line}\n\n# Antrag\napplication: x\n"
        assert edit(text, withdraw) == (
            f"status: recognized\n{line}\nwithdrawn_on: 2026-11-25\n\n# Antrag\napplication: x\n"
        )
    text = "recognized_on:\n  - a\n\n# Antrag\napplication: x\n"  # after a list
    assert edit(text, withdraw) == (
        "recognized_on:\n  - a\nwithdrawn_on: 2026-11-25\n\n# Antrag\napplication: x\n"
    )


SET_LINES_CASES = {
    "plain, a new date after the status": (
        "id: a  # x\nstatus: applied\n\n# Antrag\napplication: {goals: x}\n",
        [("status", "recognized", None), ("recognized_on", "2026-11-25", "status")],
        "id: a  # x\nstatus: recognized\nrecognized_on: 2026-11-25\n\n# Antrag\n"
        "application: {goals: x}\n",
    ),
    "quotes and the comment kept": (
        "status: \"applied\"   # so\napplied_on: '2026-01-02'\n",
        [("status", "withdrawn", None), ("applied_on", "2026-03-04", None)],
        "status: \"withdrawn\"   # so\napplied_on: '2026-03-04'\n",
    ),
    "at the end, no final line break": (
        "status: applied",
        [("withdrawn_on", "2026-11-25", None)],
        "status: applied\nwithdrawn_on: 2026-11-25\n",
    ),
    "a value on the next line": ("status:\n  applied\n", [("status", "x", None)], None),
    "a value going on below": ("status: a\n  b\n", [("status", "x", None)], None),
    "a key in a nested mapping only": ("meta:\n  status: a\n", [("status", "x", "meta")], None),
    "no such anchor": ("status: a\n", [("new", "x", "missing")], None),
    "a new value that needs quotes": ("status: a\n", [("new", "yes", "status")], None),
    "an anchor on several lines": ("a: >\n  b\nc: d\n", [("new", "x", "a")], None),
    "a block scalar": ("status: |\n  a\n", [("status", "x", None)], None),
}


@pytest.mark.parametrize(
    "text,values,expected", SET_LINES_CASES.values(), ids=list(SET_LINES_CASES)
)
def test_set_lines_changes_only_those_lines_or_gives_up(
    text: str, values: list[tuple[str, str, str | None]], expected: str | None
) -> None:
    assert yaml_style.set_lines(text, values) == expected


@pytest.mark.parametrize(
    "text,line",
    [
        ("id: a\nregions: [b, c,  # inside\n  d]\n", 2),
        ("id: a\ncontact: {name: A,  # inside\n  mail: b}\n", 2),
        ("# modeline\nid: a\n...\n# after the end\n", 4),
    ],
)
def test_a_comment_ruamel_would_drop_stops_the_edit(text: str, line: int) -> None:
    with pytest.raises(WriteError) as refused:
        edit(text, lambda data: data.__setitem__("id", "b"), file="networks/a.yaml")
    assert refused.value.message.id == "write.comment_lost"
    assert f"networks/a.yaml: the comment on line {line} " in refused.value.message.text("en")


def test_what_precedes_an_explicit_document_start_is_kept() -> None:
    text = "# yaml-language-server: $schema=x\n\n--- # Anfang\nid: a  # eol\nname:   x\n"
    assert edit(text, lambda data: data.__setitem__("id", "b")) == (
        "# yaml-language-server: $schema=x\n\n--- # Anfang\nid: b  # eol\nname: x\n"
    )


@pytest.mark.parametrize(
    "text,line,column",
    [
        ("a: &x 1\nb: *x\n", 1, 4),
        ("a: !!python/object:os.system x\n", 1, 4),
        ("a: 1\na: 2\n", 2, 1),
        ("- 1\n", 1, 1),
        ("a: [1\n", 2, 1),
        ("a: 1_000\n", 1, 4),
        ("", 1, 1),
        ("\ufeffa: 1\n", 1, 1),
    ],
)
def test_load_refuses_what_om_refuses(text: str, line: int, column: int) -> None:
    with pytest.raises(WriteError) as refused:
        load(text, file="networks/x.yaml")
    assert refused.value.message.id == "write.yaml_refused"
    assert refused.value.text("en").startswith(f"networks/x.yaml:{line}:{column}: ")


def test_load_never_raises_anything_but_write_error_on_hostile_files() -> None:
    """Each file of `tests/hostile` (but `expected.yaml`, their expected findings) as text."""
    texts = {}
    for path in sorted((ROOT / "tests" / "hostile").glob("*.yaml")):
        if path.name != "expected.yaml":
            try:
                texts[path.name] = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError:  # invalid UTF-8 is not text; load takes text
                continue
    assert len(texts) > 40
    refused = []
    for name, text in texts.items():
        try:
            load(text, file=name)
        except WriteError as error:
            assert error.message.id == "write.yaml_refused"
            refused.append(name)
    assert refused == list(texts)


def test_ruamel_errors_become_write_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should ruamel ever fail where om's loader does not, the user gets a message."""

    def broken_load(self: YAML, text: str) -> None:
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(YAML, "load", broken_load)
    with pytest.raises(WriteError) as refused:
        load("a: 1\n", file="networks/x.yaml")
    assert refused.value.text("en") == (
        "networks/x.yaml: ruamel.yaml cannot edit the file (ValueError); change it by hand"
    )


def test_dump_refuses_what_om_could_not_read_back() -> None:
    with pytest.raises(WriteError) as refused:
        dump({"name": "\x1b[31mred"})
    assert refused.value.message.id == "write.yaml_unwritable"
    with pytest.raises(WriteError):
        dump({"when": {1, 2}})  # a set: ruamel would write a tag


def test_load_gives_the_values_om_reads() -> None:
    text = HOUSE_STYLE + "n: 012\nf: 1e3\nh: 0x1F\nb: true\nz: ~\n"
    loaded = yaml_style.plain(load(text))
    assert same_values(loaded, values(text))
    assert (loaded["n"], loaded["f"], loaded["h"]) == (12, 1000.0, 31)


def test_same_values_compares_types() -> None:
    assert same_values({"a": [1, "x"]}, {"a": [1, "x"]})
    assert not same_values({"a": 1}, {"a": True})
    assert not same_values({"a": 1}, {"a": 1.0})
    assert not same_values({"a": 1, "b": 2}, {"b": 2, "a": 1})
    assert not same_values([1], [1, 2])


# --- properties -----------------------------------------------------------------------------------

TRICKY = AMBIGUOUS + PLAIN + [
    "a b", "a #b", "a#b", "-a", "?a", ":a", "a:", "a,b", "1 000", "0.1.2", "'quoted'", "@at",
    "`tick`", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "\\", " lead", "trail ", "x\ny",
    "tab\there", "end\n", "\n", "# not a comment", "[x]", "{x}", "- x", "? x",
]  # fmt: skip
# Printable text plus TAB and LF; the characters om refuses in any spelling (controls, bidi,
# zero-width and filler characters) are left out, since no document could hold them.
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"),
        include_characters="\t\n ",
    ).filter(lambda character: not _INVISIBLE.match(character)),
    max_size=20,
)
_strings = _text | st.sampled_from(TRICKY)
_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _strings
)
_values = st.recursive(
    _leaves,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_strings, children, max_size=4)
    ),
    max_leaves=20,
)
_documents = st.dictionaries(_strings, _values, min_size=1, max_size=6)


def _foreign_dump(document: dict[str, Any], flow: bool, indent: int) -> str:
    """A document as another tool might write it (plain ruamel, other indentation)."""
    writer = YAML(typ="rt")
    writer.indent(mapping=indent, sequence=indent, offset=0)
    writer.width = 60
    stream = io.StringIO()
    writer.dump(styled(document, flow), stream)
    return stream.getvalue()


@PROPERTIES
@given(_documents)
def test_dump_of_plain_values_reads_back_the_same(document: dict[str, Any]) -> None:
    """Whatever plain values a command puts in a document, om reads exactly them back."""
    try:
        text = dump(document)
    except WriteError as error:
        # only strings om refuses in any spelling (none are generated) may stop a dump
        pytest.fail(f"dump refused {document!r}: {error.text('en')}")
    assert same_values(values(text), document), text
    assert roundtrip(text) == text, "the house style of a house-style document is itself"


@PROPERTIES
@given(_documents, st.booleans(), st.sampled_from([2, 4]))
def test_formatting_foreign_documents_keeps_values(
    document: dict[str, Any], flow: bool, indent: int
) -> None:
    text = _foreign_dump(document, flow, indent)
    try:
        before = values(text)
    except LoadError:
        return  # om refuses it (e.g. an ambiguous plain scalar ruamel wrote): fmt reports it
    formatted = roundtrip(text)
    assert same_values(values(formatted), before), formatted
    assert roundtrip(formatted) == formatted, "formatting is idempotent"


def test_the_properties_are_not_vacuous() -> None:
    document = {"a": ["yes", 1, 1.5, None, True, "2026-01-15"], "b": {"c": "x\ny", "n": "012"}}
    for flow in (True, False):
        text = _foreign_dump(document, flow, 4)
        assert same_values(values(roundtrip(text)), values(text))
        assert roundtrip(text) != text


# --- om fmt ---------------------------------------------------------------------------------------

MESSY_NETWORK = """\
# yaml-language-server: $schema=../../schemas/network.schema.json
id: om-beispiel
name:    Offensive Mittelstand Beispiel
kind: regional
regions:
- ags-06611   # Kassel
status: applied   # seit 2026
application:
    goals: Ziele
    approach: Vorgehen
open: yes
"""
FORMATTED_NETWORK = """\
# yaml-language-server: $schema=../../schemas/network.schema.json
id: om-beispiel
name: Offensive Mittelstand Beispiel
kind: regional
regions:
  - ags-06611 # Kassel
status: applied   # seit 2026
application:
  goals: Ziele
  approach: Vorgehen
open: 'yes'
"""
PARTNER = "id: ihk-kassel\nname: IHK Kassel\ntype: chamber\nstatus: active\n"
MESSY_PARTNER = (
    "id: hwk-kassel\nname: HWK Kassel\ntype: chamber\nstatus: active\nregion: [\n  DE-HE ]\n"
)
BROKEN = "id: kaputt\nname: [offen\n"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    for folder in ("networks", "partners", "decisions/2026"):
        (root / folder).mkdir(parents=True)
    (root / "om.yaml").write_text("criteria: om-2012\n")
    (root / "networks" / "om-beispiel.yaml").write_text(MESSY_NETWORK)
    (root / "partners" / "ihk-kassel.yaml").write_text(PARTNER)
    (root / "partners" / "hwk-kassel.yaml").write_text(MESSY_PARTNER)
    (root / "README.md").write_text("# not YAML: [\n")
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_format_registry(registry: Path) -> None:
    ihk = registry / "partners" / "ihk-kassel.yaml"
    inode = ihk.stat().st_ino
    result = format_registry(str(registry))
    assert result.changed == (
        f"{registry}/networks/om-beispiel.yaml",
        f"{registry}/partners/hwk-kassel.yaml",
    )
    assert (result.unchanged, result.problems, result.exit_code) == (2, (), 0)
    assert (registry / "networks" / "om-beispiel.yaml").read_text() == FORMATTED_NETWORK
    assert (registry / "partners" / "hwk-kassel.yaml").read_text().endswith("region: [DE-HE]\n")
    assert ihk.read_text() == PARTNER and ihk.stat().st_ino == inode, "not even rewritten"
    assert (registry / "README.md").read_text() == "# not YAML: [\n"
    assert not (registry / LOCK_NAME).exists()
    # idempotent: a second run finds nothing to do
    before = tree(registry)
    again = format_registry(str(registry))
    assert (again.changed, again.unchanged, again.exit_code) == ((), 4, 0)
    assert tree(registry) == before


def test_check_changes_nothing(registry: Path) -> None:
    before = tree(registry)
    result = format_registry(str(registry), check=True)
    assert len(result.changed) == 2 and result.exit_code == 1
    assert tree(registry) == before
    assert not (registry / LOCK_NAME).exists(), "--check takes no lock"


def test_a_file_the_loader_refuses_is_reported_and_left_alone(registry: Path) -> None:
    broken = registry / "partners" / "kaputt.yaml"
    broken.write_text(BROKEN)
    result = format_registry(str(registry), shown="registry")
    assert result.problems == (
        FileProblem("registry/partners/kaputt.yaml", 3, 1, result.problems[0].message),
    )
    assert result.problems[0].message.id == "load.syntax"
    assert result.exit_code == 1
    assert broken.read_text() == BROKEN
    assert (registry / "networks" / "om-beispiel.yaml").read_text() == FORMATTED_NETWORK


def test_a_link_is_reported_and_not_followed(registry: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("id: x\nname:    x\n")
    (registry / "partners" / "link.yaml").symlink_to(outside)
    result = format_registry(str(registry))
    assert [problem.message.id for problem in result.problems] == ["load.symlink"]
    assert outside.read_text() == "id: x\nname:    x\n"


@pytest.mark.parametrize("check", [True, False])
def test_a_file_named_behind_a_linked_folder_is_refused(
    registry: Path, tmp_path: Path, check: bool
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("id: x\nname:   yes\n")
    (registry / "link").symlink_to(outside)
    named = str(registry / "link" / "x.yaml")
    with pytest.raises(UsageError) as refused:
        format_registry(str(registry), [named], check=check)
    assert refused.value.message.id == "fmt.link"
    assert (outside / "x.yaml").read_text() == "id: x\nname:   yes\n"


def test_fmt_leaves_a_file_whose_comment_it_would_drop(registry: Path) -> None:
    flow = registry / "partners" / "fluss.yaml"
    flow.write_text("id: fluss\nregion: [DE-HE,   # Hessen\n  DE-TH]\n")
    result = format_registry(str(registry), [str(flow)], shown="registry")
    (problem,) = result.problems
    assert (problem.file, problem.line, problem.message.id) == (str(flow), 2, "write.comment_lost")
    assert result.exit_code == 1 and result.changed == ()
    assert flow.read_text() == "id: fluss\nregion: [DE-HE,   # Hessen\n  DE-TH]\n"


def test_fmt_keeps_a_modeline_before_the_document_start(registry: Path) -> None:
    started = registry / "partners" / "start.yaml"
    started.write_text("# yaml-language-server: $schema=x\n---\nid: start\nname:    x\n")
    result = format_registry(str(registry), [str(started)])
    assert result.problems == () and result.changed == (str(started),)
    assert started.read_text() == "# yaml-language-server: $schema=x\n---\nid: start\nname: x\n"


# --- the command line -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def om(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    """`om fmt …` through `om_cli.cli.main` (on a stand-in app until `fmt` is registered)."""
    from om_cli import cli
    from om_cli.cli.fmt import fmt_command

    if not any(command.name == "fmt" for command in cli.app.registered_commands):
        app = typer.Typer(pretty_exceptions_enable=False, rich_markup_mode=None)
        app.command("fmt")(fmt_command)
        app.callback()(lambda: None)
        monkeypatch.setattr(cli, "app", app)
    capsys.readouterr()
    code = cli.main(["fmt", *args])
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def test_cli_check_lists_the_files_and_exits_1(
    registry: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    before = tree(registry)
    result = om(capsys, monkeypatch, "--check")
    assert result == Result(
        1,
        "registry/networks/om-beispiel.yaml: würde umformatiert\n"
        "registry/partners/hwk-kassel.yaml: würde umformatiert\n"
        "2 Dateien nicht im Hausstil, 2 im Hausstil, 0 Dateien mit Fehlern\n",
        "",
    )
    assert tree(registry) == before


def test_cli_formats_then_check_passes(
    registry: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    assert om(capsys, monkeypatch, "--lang", "en") == Result(
        0,
        "registry/networks/om-beispiel.yaml: reformatted\n"
        "registry/partners/hwk-kassel.yaml: reformatted\n"
        "2 files reformatted, 2 unchanged, 0 files with errors\n",
        "",
    )
    assert om(capsys, monkeypatch, "--check", "--lang", "en") == Result(
        0, "0 files not in house style, 4 in house style, 0 files with errors\n", ""
    )


def test_cli_reports_an_unreadable_file(
    registry: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    (registry / "partners" / "kaputt.yaml").write_text(BROKEN)
    result = om(capsys, monkeypatch, "--registry", "registry", "--check")
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        "registry/partners/kaputt.yaml:3:1: YAML-Syntaxfehler: did not find expected ',' or ']'"
    )
    assert result.out.splitlines()[-1] == (
        "2 Dateien nicht im Hausstil, 2 im Hausstil, 1 Datei mit Fehlern"
    )
    assert (registry / "partners" / "kaputt.yaml").read_text() == BROKEN


def test_cli_given_paths(
    registry: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(registry.parent)
    result = om(capsys, monkeypatch, "registry/partners")
    assert result == Result(
        0,
        "registry/partners/hwk-kassel.yaml: umformatiert\n"
        "1 Datei umformatiert, 1 unverändert, 0 Dateien mit Fehlern\n",
        "",
    )
    assert (registry / "networks" / "om-beispiel.yaml").read_text() == MESSY_NETWORK
    result = om(capsys, monkeypatch, "registry/networks/om-beispiel.yaml", "--check")
    assert result.code == 1 and result.out.startswith("registry/networks/om-beispiel.yaml: ")


def test_cli_usage_errors(
    registry: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(registry.parent)
    (tmp_path / "elsewhere.yaml").write_text("a: 1\n")
    result = om(capsys, monkeypatch, "--registry", "registry", "elsewhere.yaml")
    assert result == Result(
        2,
        "",
        "om: elsewhere.yaml liegt nicht im Register registry; om schreibt nur innerhalb "
        "des Registers\n",
    )
    result = om(capsys, monkeypatch, "registry/README.md", "--lang", "en")
    assert result == Result(
        2, "", "om: registry/README.md is not a .yaml file; om fmt formats only registry files\n"
    )
    assert om(capsys, monkeypatch, "registry/missing.yaml").code == 2


def test_shipped_registry_is_in_house_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`om fmt --check` on a copy of the registry this repository ships."""
    shutil.copytree(ROOT / "registry", tmp_path / "registry", symlinks=True)
    monkeypatch.chdir(tmp_path)
    result = om(capsys, monkeypatch, "--check")
    files = sum(1 for _ in (ROOT / "registry").rglob("*.yaml"))
    assert result == Result(
        0, f"0 Dateien nicht im Hausstil, {files} im Hausstil, 0 Dateien mit Fehlern\n", ""
    )
    assert os.listdir(tmp_path) == ["registry"]
