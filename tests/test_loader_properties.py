"""Property tests of the strict YAML loader.

(a) Robustness: on any input `parse` returns a mapping of plain values (with a position for
    every node) or raises `LoadError` with a catalogued message and a 1-based position; never
    any other exception.
(b) Agreement with ruamel's round-trip parser, which om's editing commands (`om apply`,
    `om decide`, …) use: whenever om accepts a document, ruamel reads the same values. The one
    documented divergence: om has no timestamp type, so an unquoted date (or date-time) is the
    string as written, where ruamel makes a `datetime.date` (compared as its ISO string) or a
    `datetime.datetime`; an impossible date (`2026-02-30`) is a string for om (an OM002 finding
    later) and an error for ruamel.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.scalarbool import ScalarBoolean

from om_cli.loader import LoadError, Positions, parse
from om_cli.messages import CATALOGUE
from tests.yaml_helpers import styled

ROBUST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DIFFERENTIAL = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


# --- (a) robustness -------------------------------------------------------------------------------


def _pointers(value: Any, pointer: str = "") -> tuple[set[str], set[str]]:
    """JSON pointers of every node, and of every mapping entry (those have a key position)."""
    nodes, entries = {pointer}, set()
    children: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        for key, child in value.items():
            child_pointer = pointer + "/" + key.replace("~", "~0").replace("/", "~1")
            entries.add(child_pointer)
            children.append((child_pointer, child))
    elif isinstance(value, list):
        children = [(f"{pointer}/{index}", child) for index, child in enumerate(value)]
    for child_pointer, child in children:
        child_nodes, child_entries = _pointers(child, child_pointer)
        nodes |= child_nodes
        entries |= child_entries
    return nodes, entries


def _assert_plain(value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            assert type(key) is str
            _assert_plain(child)
    elif isinstance(value, list):
        for child in value:
            _assert_plain(child)
    elif isinstance(value, float):
        assert math.isfinite(value)
    else:
        assert value is None or type(value) in (bool, int, str), type(value)


def parse_or_load_error(data: bytes) -> None:
    """The property itself: a plain mapping with complete positions, or a proper LoadError."""
    outcome: list[Any] = []
    for positions in (True, False):
        try:
            value, where = parse(data, positions=positions)
        except LoadError as error:
            assert error.message.id in CATALOGUE and error.message.id.startswith("load.")
            assert isinstance(error.line, int) and error.line >= 1
            assert isinstance(error.column, int) and error.column >= 1
            de, en = error.message.text("de"), error.message.text("en")
            assert de.strip() and en.strip() and de != en
            assert SECRET not in de and SECRET not in en, "a message repeats file content"
            outcome.append((error.message.id, error.line, error.column))
            continue
        # anything but LoadError propagates and fails the test with the input shrunk
        assert type(value) is dict
        _assert_plain(value)
        if positions:
            assert isinstance(where, Positions)
            nodes, entries = _pointers(value)
            assert set(where.values) == nodes
            assert set(where.keys) == entries
            for line, column in [*where.values.values(), *where.keys.values()]:
                assert line >= 1 and column >= 1
        else:
            assert where is None
        outcome.append(value)
    assert outcome[0] == outcome[1], "positions=True and positions=False disagree"


@ROBUST
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data: bytes) -> None:
    parse_or_load_error(data)


YAMLISH = ":-[]{}#&*!|>'\"\n ,?%@`abc0123.~"
SECRET = "GEHEIMNIS123"


@ROBUST
@given(st.text(alphabet=YAMLISH, max_size=120))
def test_yamlish_text(text: str) -> None:
    parse_or_load_error(text.encode())


# characters with a history in parsers: controls, separators, BOM, noncharacters, bidi
SPECIAL = "\x00\t\n\r\x1b\x7f\x85\xa0\u2028\u2029\u202e\u2066\u200b\ufeff\ufffe\uffff\U0010ffff"


@ROBUST
@given(st.text(alphabet=st.characters() | st.sampled_from(SPECIAL), max_size=60))
def test_arbitrary_unicode_text(text: str) -> None:
    parse_or_load_error(text.encode("utf-8", "surrogatepass"))


FRAGMENTS = [
    "a", "b: ", "k: ", "- ", "? ", ": ", "[", "]", "{", "}", ", ", "\n", "\n  ", "\n    ", "  ",
    "&x ", "*x", "!t ", "!!str ", '"q"', "'s'", '"\\e"', '"\\u202e"', '"\\x41"', "|\n  ", ">-\n  ",
    "# c", SECRET, "&" + SECRET, "!" + SECRET, "---\n", "...\n", "%YAML 1.2\n", "<<", "=",
    "~", "null", "true", "yes", "012", "0o17",
    "0x1F", "1_0", ".5e3", ".5e+3", "1e400", ".inf", "._", "-_", "2026-02-30", "\t", "\r\n",
    "\u00e4", "\ufeff", "\ufffe", "\u2028", "\x85", "\\", "1" * 30, "0x" + "f" * 30,
]  # fmt: skip


@ROBUST
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("".join))
def test_yaml_fragments(text: str) -> None:
    parse_or_load_error(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=YAMLISH, max_size=60), st.binary(min_size=1, max_size=3), st.data())
def test_valid_document_with_bytes_spliced_in(text: str, junk: bytes, data: st.DataObject) -> None:
    base = b"# yaml-language-server: $schema=x\nid: x\nlist: [1, 2]\nmap:\n  k: v\n" + text.encode()
    where = data.draw(st.integers(0, len(base)))
    parse_or_load_error(base[:where] + junk + base[where:])


# --- (b) agreement with ruamel --------------------------------------------------------------------

_RUAMEL = YAML(typ="rt")


class _Timestamp:
    """A ruamel date-time; om keeps the text as written (the documented divergence)."""

    def __init__(self, value: dt.datetime) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"_Timestamp({self.value!r})"

    def __hash__(self) -> int:
        return hash(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Timestamp) and other.value == self.value


def to_plain(value: Any) -> Any:
    """ruamel's round-trip types as plain Python values."""
    if isinstance(value, dict):  # CommentedMap
        return {to_plain(key): to_plain(v) for key, v in value.items()}
    if isinstance(value, list):  # CommentedSeq
        return [to_plain(v) for v in value]
    if isinstance(value, bool | ScalarBoolean):
        return bool(value)
    if isinstance(value, int):  # ScalarInt and its hex/octal/binary subclasses
        return int(value)
    if isinstance(value, float):  # ScalarFloat
        return float(value)
    if isinstance(value, dt.datetime):  # TimeStamp
        return _Timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):  # the ScalarString subclasses
        return str(value)
    assert value is None, type(value)
    return None


def same(om: Any, ruamel: Any, path: str = "") -> None:
    """Equal values of equal types, keys in the same order."""
    if isinstance(ruamel, _Timestamp):
        assert type(om) is str, f"{path}: om {om!r}, ruamel a timestamp"
        again = _RUAMEL.load(f"v: {om}\n")["v"]
        assert isinstance(again, dt.datetime) and again == ruamel.value, f"{path}: {om!r}"
        return
    assert type(om) is type(ruamel), f"{path}: om {om!r}, ruamel {ruamel!r}"
    if isinstance(om, dict):
        assert len(om) == len(ruamel), f"{path}: keys {list(om)} vs {list(ruamel)}"
        for (key, child), (their_key, their_child) in zip(om.items(), ruamel.items(), strict=True):
            same(key, their_key, f"{path} (key {key!r})")
            same(child, their_child, f"{path}/{key}")
    elif isinstance(om, list):
        assert len(om) == len(ruamel), f"{path}: {om!r} vs {ruamel!r}"
        for index, (a, b) in enumerate(zip(om, ruamel, strict=True)):
            same(a, b, f"{path}/{index}")
    else:
        assert om == ruamel, f"{path}: om {om!r}, ruamel {ruamel!r}"


def agree(text: str) -> bool:
    """If om accepts `text`, ruamel reads the same; returns whether om accepted."""
    try:
        om, _ = parse(text.encode("utf-8"))
    except LoadError:
        return False
    try:
        theirs = _RUAMEL.load(text)
    except ValueError as error:
        if "day is out of range" in str(error) or "month must be in" in str(error):
            return True  # documented: an impossible date is a string for om (OM002 later)
        pytest.fail(f"om accepts, ruamel fails with {type(error).__name__}: {error}\n{text!r}")
    except Exception as error:
        pytest.fail(f"om accepts, ruamel fails with {type(error).__name__}: {error}\n{text!r}")
    try:
        same(om, to_plain(theirs))
    except AssertionError as error:
        raise AssertionError(f"om and ruamel disagree on {text!r}: {error}") from None
    return True


TRICKY = [
    "yes", "no", "on", "off", "y", "n", "Yes", "NO", "True", "TRUE", "true", "false", "null",
    "Null", "NULL", "~", "", "012", "0o17", "0x1F", "0X1F", "1.5e3", "1e3", "1E3", ".5", "-.5",
    "+.5", "1.", ".5e3", ".5e+3", "2026-01-15", "2026-02-30", "2026-01-15T10:00:00Z",
    "2026-01-15 10:00:00", "2026-1-5", "12:30", "1:20:30", "190:20:30.5", "0b101", "1_000",
    "+0x1F", "._", "-_", "=", "<<", ".inf", ".nan", "1e400", "-0", "+0", "00", "08", "09", "0o8",
    "1e-400", "123456789012345678901234567890", "0x" + "f" * 40, "a b", "a #b", "a#b", "x:y",
    "http://example.org/a?b=c#d", "-a", "?a", ":a", "a:", "a,b", "Müller", "1 000", "0.1.2",
    "'quoted'", "@at", "`tick`", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "\\",
]  # fmt: skip

# Printable text plus TAB and LF (which ruamel writes as escapes or block scalars); other
# control, format and separator characters are refused by om in any spelling, which would
# leave too few accepted documents to compare.
_scalar_text = st.text(
    alphabet=st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp"),
        include_characters="\t\n",
    ),
    max_size=12,
)
_keys = _scalar_text | st.sampled_from(TRICKY)
_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _scalar_text
    | st.sampled_from(TRICKY)
)
_values = st.recursive(
    _leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_keys, children, max_size=4),
    max_leaves=16,
)
_documents = st.dictionaries(_keys, _values, min_size=1, max_size=6)


def dump(document: dict[str, Any], *, flow: bool) -> str:
    writer = YAML(typ="rt")
    writer.width = 4096
    stream = io.StringIO()
    writer.dump(styled(document, flow), stream)
    return stream.getvalue()


@DIFFERENTIAL
@given(_documents)
def test_ruamel_block_dump_reads_the_same(document: dict[str, Any]) -> None:
    agree(dump(document, flow=False))


@DIFFERENTIAL
@given(_documents)
def test_ruamel_flow_dump_reads_the_same(document: dict[str, Any]) -> None:
    agree(dump(document, flow=True))


def test_differential_is_not_vacuous() -> None:
    """Most ruamel dumps of ordinary values are accepted, so the agreement is really tested."""
    documents: list[dict[str, Any]] = [
        {"id": "muster", "n": 3, "f": 1.25, "ok": True, "none": None, "list": [1, "a", [2]]},
        {"nested": {"deep": {"deeper": ["x", {"y": -7}]}}, "date": "2026-01-15", "s": "yes"},
        {"k": ["a b", "Müller", "x:y", "-a", "", "12:30"], "m": {"a b": {"c": [1.5, -2]}}},
    ]
    for document in documents:
        for flow in (False, True):
            assert agree(dump(document, flow=flow)), dump(document, flow=flow)


TEMPLATES = {
    "block-value": "v: {s}\n",
    "block-item": "v:\n  - {s}\n",
    "flow-item": "v: [{s}, x]\n",
    "key": "{s}: v\n",
}


@pytest.mark.parametrize("template", list(TEMPLATES.values()), ids=list(TEMPLATES))
@pytest.mark.parametrize("scalar", TRICKY, ids=[repr(s) for s in TRICKY])
def test_plain_scalar_reads_the_same(template: str, scalar: str) -> None:
    agree(template.format(s=scalar))


HAND_WRITTEN = {
    "multi-line-plain": "a: one\n  two\n  three\nb: x\n",
    "block-literal-keep": "a: |+\n  x\n\nb: 1\n",
    "block-folded-strip": "a: >-\n  x\n  y\n\n  z\nb: 1\n",
    "block-indent-indicator": "a: |2\n   leading\nb: 1\n",
    "flow-multi-line": "a: [1,\n  2, {b: c,\n  d: e}]\n",
    "flow-trailing-comma": "a: [1, 2,]\nb: {c: d,}\n",
    "single-quote-escape": "a: 'it''s'\n",
    "double-quote-folding": 'a: "x\n  y\n\n  z"\n',
    "empty-values": "a:\nb: []\nc: {}\nd: ''\n",
    "comments-everywhere": "# c\na: 1 # c\n# c\nb: [1, # c\n  2]\n",
    "explicit-key": "? a\n: 1\n? b\n",
    "indentless-sequence": "a:\n- 1\n- 2\nb: 3\n",
    "nested-sequences": "a:\n- - 1\n  - 2\n- - 3\n",
    "document-markers": "---\na: 1\n...\n",
    "colon-in-value": "url: http://x:80/y\ntime: 12:30:00\n",
    "hash-in-value": "a: b#c\nb: 'c #d'\n",
    "unicode": "straße: Müller 🙂\nκλειδί: τιμή\n",
    "long-numbers": "a: 1" + "0" * 99 + "\nb: 0." + "1" * 98 + "\n",
    "sign-zero": "a: -0.0\nb: +0\nc: -0\n",
    "tab-after-colon": "a:\t1\n",
    "tab-before-comment": "a: 1\t# c\n",
    "tab-in-plain-scalar": "a: x\ty\n",
    "tab-trailing": "a: 1\t\n",
    "tab-in-flow": "a: [1,\t2]\n",
    "tab-in-quotes": 'a: "x\ty"\n',
}


@pytest.mark.parametrize("text", list(HAND_WRITTEN.values()), ids=list(HAND_WRITTEN))
def test_hand_written_document_reads_the_same(text: str) -> None:
    agree(text)
