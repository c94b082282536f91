"""The loader's fast path for plain block YAML against the full parser.

`parse` first tries `_parse_simple`, which reads only a small part of YAML and gives up on
anything else; the full parser (libyaml's events, the path `parse(..., positions=True)` always
takes) is the reference. The one property: whenever the fast path returns values, the full
parser accepts the same text and returns equal values of equal types, keys in the same order.
These tests check it on every YAML file in the repository, on generated registries, on
hand-written edge cases and on generated line soup, and check that the fast path does take the
files it is meant for (a fast path that always gave up would pass the property trivially).
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.generate import generate
from om_cli import loader
from om_cli.loader import LoadError, _check_text, _parse_simple, parse
from tests.test_loader_properties import same

ROOT = Path(__file__).resolve().parent.parent
PROPERTY = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fast_path(data: bytes) -> Any:
    """What the fast path makes of `data` (None: it gave up), after the text checks."""
    try:
        text = _check_text(data)
    except LoadError:
        return None
    return _parse_simple(text)


def agrees(data: bytes) -> bool:
    """The property for one document; returns whether the fast path took it."""
    fast = fast_path(data)
    if fast is None:
        return False
    try:
        full, _ = parse(data, positions=True)
    except LoadError as error:
        pytest.fail(f"fast path takes what the full parser refuses ({error.message.id}): {data!r}")
    same(fast, full)  # equal values of equal types (`1` is not `True`), keys in order
    return True


def _yaml_files(*folders: str) -> list[Path]:
    found: list[Path] = []
    for folder in folders:
        for pattern in ("*.yaml", "*.yml"):
            found.extend(path for path in (ROOT / folder).rglob(pattern) if path.is_file())
    return sorted(set(found))


def test_every_yaml_file_in_the_repository() -> None:
    files = _yaml_files("registry", "tests", "om_cli", "docs", "bench")
    files += [path for path in ROOT.glob("*.yaml") if path.is_file()]
    taken = [path for path in files if agrees(path.read_bytes())]
    shipped = _yaml_files("registry")
    taken_shipped = [path for path in taken if path in shipped]
    print(f"\nfast path: {len(taken)} of {len(files)} files; shipped {len(taken_shipped)}")
    assert len(files) > 300
    # the shipped registry is written in the house style, apart from a few folded texts
    assert len(taken_shipped) >= 0.8 * len(shipped)


def test_a_generated_registry_is_read_by_the_fast_path_alone(tmp_path: Path) -> None:
    generate(tmp_path / "registry", 1, seed=7)
    files = sorted((tmp_path / "registry").rglob("*.yaml"))
    assert len(files) > 400
    refused = [path.name for path in files if not agrees(path.read_bytes())]
    # the regions' flow mappings hold flow sequences (`members: [...]`): one file, libyaml's
    assert refused == ["regions.yaml"], refused[:10]


# Each is taken by the fast path, and both parsers must agree on it.
TAKEN = {
    "scalars": "a: b\nc: 1\nd: 1.5e3\ne: true\nf: ~\ng: null\nh: 2026-01-15\n",
    "comments": "# head\na: b  # tail\n  # indented comment\n\nc: d#not-a-comment\n",
    "empty-value": "a:\nb: 1\nc:\n",
    "nested": "a:\n  b:\n    c: d\n  e: f\ng: h\n",
    "sequence": "a:\n  - x\n  - 2\n  - 'y'\n",
    "indentless-sequence": "a:\n- x\n- y\nb: 1\n",
    "sequence-of-mappings": "a:\n  - k: 1\n    l: 2\n  -   k: 3\n      l: 4\n",
    "indentless-mappings": "a:\n- k: 1\n  l:\n  - z\nb: 2\n",
    "item-with-nested-key": "a:\n  - k:\n      x: 1\n    l: 2\n",
    "item-with-indentless-list": "a:\n  - k:\n    - 1\n    l: 2\n",
    "empty-item-value": "a:\n  - k:\n  - k:\n",
    "quotes": "a: 'it''s'\nb: \"x: y # z\"\nc: ''\nd: \"\"\ne: ' spaced '\n",
    "flow-map": "a: {k: v, n: 1, d: 2026-01-15}\nb:\n  - {k: v}\n  - {}\n",
    "flow-seq": "a: [x, 1, true]\nb: []\nc: [ ]\nd: {  }\n",
    "colons-inside": "url: https://example.org/a?b=c#d\nt: 12:30\nx: a:b:c\n",
    "punctuation": "a: Müller & Söhne (GmbH), Werk [2] {x}\nb: 100%\nc: x, y\n",
    "spaces": "a:    b   c   \nb: d  \n",
    "number-like": "a: +49 2151 6068464\nb: 0.1.2\nc: 1 000\nd: 012\ne: 0x1F\n",
    "strings-not-bools": "a: yes\nb: no\nc: on\nd: off\ne: Y\n",
    "keys": "_a: 1\nkey-1: 2\nA: 3\nyes: 4\n",
    "document-ends-without-newline": "a: b",
    "trailing-blank-lines": "a: b\n\n\n",
    "folded": "a: >-\n  one\n  two\nb: 1\n",
    "folded-clipped": "a: >\n  one\n  two\n\n\nb: 1\n",
    "literal": "a: |\n  one\n  two\nb: 1\n",
    "literal-stripped-in-item": "l:\n  - k: |-\n      one\n      two\n    m: 2\n",
    "block-header-comment": "a: >- # c\n  x # not a comment\n# after\nb: 1\n",
    "block-looks-like-yaml": "a: |\n  - x\n  k: v\n  # c\n  'q\nb: 1\n",
    "block-deeper-than-needed": "a:\n  b: >-\n        x\n        y\n  c: 1\n",
    "block-at-end-of-text": "a: >-\n  x",
    "block-clipped-last": "a: >\n  x\n\n",
}

# Each lies outside the subset or is refused by the full parser: the fast path must give up.
GIVEN_UP = {
    "merge-key-value": "a: <<\n",
    "equals": "a: =\n",
    "ambiguous-number": "a: 1_000\n",
    "binary": "a: 0b101\n",
    "non-finite": "a: .inf\n",
    "null-key": "null: 1\n",
    "bool-key": "true: 1\n",
    "duplicate": "a: 1\na: 2\n",
    "duplicate-flow": "a: {k: 1, k: 2}\n",
    "continuation": "a: one\n  two\n",
    "scalar-root": "a\n",
    "list-root": "- a\n",
    "indented-root": "  a: 1\n",
    "bad-indent": "a:\n  b: 1\n c: 2\n",
    "over-indented-key": "a: 1\n  b: 2\n",
    "value-then-key": "a: b: c\n",
    "trailing-colon": "a: b:\n",
    "tight-colon": "a:b\n",
    "anchor": "a: &x 1\n",
    "alias": "a: *x\n",
    "tag": "a: !!str 1\n",
    "block-keep": "a: |+\n  x\n\nb: 1\n",
    "block-indent-indicator": "a: |2\n   x\n",
    "block-paragraphs": "a: >\n  x\n\n  y\n",
    "block-more-indented": "a: >\n  x\n    y\n",
    "block-trailing-space": "a: >\n  x \n  y\n",
    "block-spaces-line": "a: |\n  x\n     \nb: 1\n",
    "block-leading-empty-line": "a: |\n\n  x\n",
    "block-empty": "a: |\nb: 1\n",
    "block-clipped-at-end-of-text": "a: |\n  x",
    "block-as-item": "l:\n  - |\n    x\n",
    "block-comment-after-empty-line": "a: |\n  x\n\n  # c\n",
    "block-not-indented": "a: >\nx\n",
    "document-start": "---\na: 1\n",
    "document-end": "a: 1\n...\n",
    "multi-line-flow": "a: [1,\n  2]\n",
    "flow-quotes": "a: {k: 'v'}\n",
    "flow-trailing-comma": "a: [1, 2,]\n",
    "flow-empty-value": "a: {k: }\n",
    "flow-key-only": "a: {k}\n",
    "flow-colon": "a: {k: a:b}\n",
    "nested-flow": "a: [[1]]\n",
    "dash-only": "a:\n  -\n  - x\n",
    "dash-dash": "a:\n  - - x\n",
    "question-key": "? a\n: b\n",
    "escape": 'a: "x\\ty"\n',
    "multi-line-quote": "a: 'x\n  y'\n",
    "tab-in-quotes": "a: 'x\ty'\n",
    "long-key": "k" * 1100 + ": v\n",
    "comments-only": "# nothing\n",
    "minus-number": "a: -5\n",
    "reserved-first": "a: @x\n",
    "item-after-flow": "a:\n  - {k: v}\n    l: 2\n",
}


@pytest.mark.parametrize("text", list(TAKEN.values()), ids=list(TAKEN))
def test_taken_documents_agree(text: str) -> None:
    assert agrees(text.encode()), "the fast path gave up"


@pytest.mark.parametrize("text", list(GIVEN_UP.values()), ids=list(GIVEN_UP))
def test_documents_outside_the_subset_go_to_the_full_parser(text: str) -> None:
    assert fast_path(text.encode()) is None


def test_parse_takes_the_fast_path_and_libyaml_only_outside_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_libyaml(parser: Any) -> Any:
        raise AssertionError("libyaml was asked")

    monkeypatch.setattr(loader, "_build_fast", no_libyaml)
    text = TAKEN["indentless-mappings"].encode()
    assert parse(text)[0] == {"a": [{"k": 1, "l": ["z"]}], "b": 2}
    with pytest.raises(AssertionError, match="libyaml was asked"):
        parse(GIVEN_UP["block-keep"].encode())


# --- generated line soup --------------------------------------------------------------------------

_KEYS = ["a", "b", "id", "k-1", "_x", "null", "true", "yes", "k" * 130, "a b", "'q'", "Ä"]
_VALUES = [
    "", "x", "x y", "1", "-1", "1.5", "2026-01-15", "12:30", "a:b", "a: b", "a #c", "a#c", "~",
    "true", "no", "<<", "=", "1_000", "0o7", "0x1F", ".5e3", ".inf", "'x'", "'it''s'", "'x",
    '"x"', '"a\\tb"', "[]", "{}", "[x, 1]", "[x,]", "{k: v}", "{k: v, k: w}", "{k: 1, l: x y}",
    "{k}", "{k: }", "[x, [y]]", "&a x", "*a", "!t x", "|", ">-", "%x", "@x", "`x`", "Müller",
    "x  ", "-", "- x", "?", ":", "#",
]  # fmt: skip
_line = st.builds(
    lambda indent, dash, key, colon, value, tail: (
        " " * indent + dash + (key + colon if key is not None else "") + value + tail
    ),
    st.sampled_from([0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]),
    st.sampled_from(["", "", "", "- ", "-  ", "-"]),
    st.none() | st.sampled_from(_KEYS),
    st.sampled_from([":", ": ", ":  ", " :"]),
    st.sampled_from(_VALUES),
    st.sampled_from(["", "", " ", " # c", "#c"]),
)
_soup = st.lists(_line | st.sampled_from(["", "# c", "  # c", "---", "..."]), max_size=12)


@PROPERTY
@given(_soup)
def test_generated_line_soup_agrees(lines: list[str]) -> None:
    agrees("\n".join(lines).encode())


# --- generated documents in the subset's shapes ---------------------------------------------------

_SCALARS = [value for value in _VALUES if value and not value.startswith(("|", ">"))]
# scalars the fast path reads (and both parsers accept)
_GOOD = ["x", "x y", "1", "1.5", "2026-01-15", "12:30", "a:b", "a#c", "~", "true", "no", "'x'",
         "'it''s'", '"x"', "[]", "{}", "[x, 1]", "{k: v}", "{k: 1, l: x y}", "Müller"]  # fmt: skip


def _emit(value: dict[str, Any] | list[Any], indent: int, rng: random.Random) -> list[str]:
    """Block YAML for nested mappings and lists whose leaves are scalars as written."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, child in value.items():
            if isinstance(child, (dict, list)) and child:
                lines.append(f"{pad}{key}:" + rng.choice(["", "", "  # c"]))
                deeper = indent + rng.choice([1, 2, 4]) if isinstance(child, dict) else indent
                lines += _emit(child, deeper + (rng.choice([0, 2]) if deeper == indent else 0), rng)
            elif isinstance(child, str) and child.startswith(("|", ">")):
                inner = " " * (indent + rng.choice([1, 2]))
                lines.append(f"{pad}{key}: {child}")
                lines += [inner + rng.choice(["x", "y z", "# q", "a: b"]) for _ in range(2)]
                lines += [""] * rng.choice([0, 0, 1])
            else:
                lines.append(f"{pad}{key}: {child}" + rng.choice(["", "", " # c", "  "]))
        return lines
    for item in value:
        if isinstance(item, dict) and item:
            nested = _emit(item, indent + 2, rng)
            lines.append(f"{pad}- {nested[0].lstrip(' ')}")
            lines += nested[1:]
        else:
            lines.append(f"{pad}- {item if not isinstance(item, (dict, list)) else '[]'}")
    return lines


def _tree(rng: random.Random, scalars: list[str], depth: int = 0) -> dict[str, Any]:
    tree: dict[str, Any] = {}
    for number in range(rng.randint(1, 4)):
        roll = rng.random()
        if depth < 3 and roll < 0.2:
            tree[f"k{number}"] = _tree(rng, scalars, depth + 1)
        elif depth < 3 and roll < 0.35:
            tree[f"k{number}"] = [
                _tree(rng, scalars, depth + 1) if rng.random() < 0.5 else rng.choice(scalars)
                for _ in range(rng.randint(1, 3))
            ]
        elif roll < 0.45:
            tree[f"k{number}"] = rng.choice(["|", "|-", ">", ">-"])
        else:
            tree[f"k{number}"] = rng.choice(scalars)
    return tree


def _document(rng: random.Random, scalars: list[str] = _SCALARS) -> bytes:
    return ("\n".join(_emit(_tree(rng, scalars), 0, rng)) + rng.choice(["\n", "", "\n\n"])).encode()


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_generated_documents_agree(rng: random.Random) -> None:
    agrees(_document(rng))


@PROPERTY
@given(st.randoms(use_true_random=False), st.integers(0, 400), st.sampled_from(" -:#'\"\n>|{}[],"))
def test_generated_documents_with_a_character_spliced_in_agree(
    rng: random.Random, where: int, char: str
) -> None:
    agrees(spliced(rng, where, char))


def spliced(rng: random.Random, where: int, char: str) -> bytes:
    """A generated document the fast path reads, with `char` put in at `where` (or the end)."""
    data = _document(rng, _GOOD)
    where = min(where, len(data))
    return data[:where] + char.encode() + data[where:]


def test_generated_documents_are_mostly_taken() -> None:
    """The generator above reaches the fast path often enough to test it."""
    rng = random.Random(3)
    taken = sum(agrees(_document(rng, _GOOD)) for _ in range(1000))
    assert taken > 700


# --- hostile lines: the regular expressions stay linear ------------------------------------------

M = 1_000_000
PATHOLOGICAL = {
    "spaces-then-colon": "a: b" + " " * M + ":",
    "words-then-colon": "a: " + "b " * (M // 2) + ":",
    "colon-runs": "a: " + "b:" * (M // 2) + " ",
    "flow-without-end": "a: {" + "k: v, " * (M // 6) + "x",
    "flow-sequence": "a: [" + "v, " * (M // 3) + "]",
    "dashes": "- " * (M // 2) + "a",
    "quote-runs": "a: '" + "''" * (M // 2),
    "deep-keys": "".join("  " * i + f"k{i}:\n" for i in range(200)),
    "empty-lines": "a: 1\n" + "\n" * (M - 5),
    "many-short-lines": "a:\n" + "  - x\n" * (M // 6),
}


@pytest.mark.parametrize("text", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_pathological_lines_are_fast(text: str) -> None:
    start = time.perf_counter()
    result = _parse_simple(text)
    assert time.perf_counter() - start < 2.0
    assert result is None


def test_long_files_go_to_libyaml_with_the_same_result() -> None:
    lines = [f"k{number}: v{number}" for number in range(loader._SIMPLE_MAX_LINES + 10)]
    text = "\n".join(lines) + "\n"
    assert _parse_simple(text) is None
    assert _parse_simple("\n".join(lines[:100]) + "\n") is not None
    data, _ = parse(text.encode())
    assert len(data) == len(lines) and data["k7"] == "v7"


def test_the_memo_keeps_short_texts_only() -> None:
    long_map = "{k: " + "v" * 2000 + "}"
    long_number_like = "1-" + "x" * 2000
    short_map = "{k: v, d: 2026-01-15}"
    text = f"a: {long_map}\nb: {long_number_like}\nc: {short_map}\nd: 1-x\n"
    first, _ = parse(text.encode())
    assert first["a"] == {"k": "v" * 2000} and first["b"] == long_number_like
    assert long_map not in loader._FLOW_MAPS and long_number_like not in loader._RESOLVED
    assert short_map in loader._FLOW_MAPS and "1-x" in loader._RESOLVED
    # what the memo gives back is a fresh copy: changing one result changes no other
    first["c"]["k"] = "changed"
    again, _ = parse(text.encode())
    assert again["c"] == {"k": "v", "d": "2026-01-15"}
