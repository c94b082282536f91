"""`VersionParser` against `parse`: the same values and the same refusals, whatever it remembers.

`VersionParser` reads the many versions of a history a top-level entry at a time and remembers
entries, runs of entries, list items and lists one line longer or shorter. The one property: for
every document, whatever documents the same parser read before, it gives what `parse` gives —
equal values of equal types with keys in order, or a `LoadError` with the same message and
position. These tests check it on every YAML file in the repository (read by one parser, so
each file meets the memo of all files before it), on histories of a network file edited at
random and read oldest first, newest first and shuffled, on generated documents, and check that
the memos are used at all (a parser that always fell back to `parse` would pass trivially).
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from om_cli import loader
from om_cli.loader import LoadError, VersionParser, parse
from tests.test_loader_fast import GIVEN_UP, TAKEN, _document, _soup, _yaml_files, spliced
from tests.test_loader_properties import same

ROOT = Path(__file__).resolve().parent.parent
PROPERTY = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(read: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "values", read(data)
    except LoadError as error:
        return "refused", (error.message.id, error.line, error.column)


def agrees(parser: VersionParser, data: bytes) -> None:
    """The property for one document read by `parser` (with whatever it remembers)."""
    expected = outcome(lambda raw: parse(raw)[0], data)
    found = outcome(parser.parse, data)
    assert found[0] == expected[0], f"{found} vs {expected} for {data!r}"
    if found[0] == "values":
        same(found[1], expected[1])
    else:
        assert found[1] == expected[1], data


# --- files and hand-written cases -----------------------------------------------------------------


def test_every_yaml_file_in_the_repository_through_one_parser() -> None:
    files = _yaml_files("registry", "tests", "om_cli", "docs", "bench")
    assert len(files) > 300
    parser = VersionParser()
    for path in files:
        agrees(parser, path.read_bytes())
    for path in reversed(files):  # again, now that every entry is remembered
        agrees(parser, path.read_bytes())


@pytest.mark.parametrize("text", [*TAKEN.values(), *GIVEN_UP.values()])
def test_hand_written_cases_agree_alone_and_after_each_other(text: str) -> None:
    agrees(VersionParser(), text.encode())
    parser = VersionParser()
    for other in [*TAKEN.values(), *GIVEN_UP.values()]:
        agrees(parser, other.encode())
    agrees(parser, text.encode())


# Documents built to meet the parser's own shortcuts: top-level runs and entries read alone,
# lists read from a list one line longer or shorter, item lines remembered.
EDGES = [
    "# head\n\nid: a\n",  # a preamble of comments and a blank line
    "  # indented comment\nid: a\n",
    "\nid: a\n",
    "id: a",  # no line break at the end: the whole text goes to `parse`
    "a: |\n  x\nb: 1\n",  # a block scalar ended by the next top-level key
    "a: |\n  x\n\nb: 1\n",
    "a: |\nb: 1\n",  # an empty block scalar: refused by the fast path, libyaml decides
    "a: >-\n  x\n  y\nl:\n  - 1\n",
    "a:\nb: 1\n",  # a key waiting for a value that never comes
    "a: 1\nl:\n  - x\na: 2\n",  # a duplicate in another run
    "l:\n  - x\nl:\n  - y\n",
    "null:\n  - x\n",  # a key that is no string
    "true:\n  - x\n",
    "l:\n  - x\n  # a comment inside\n  - y\n",
    "l:\n  - x\n\n  - y\n",
    "l:\n  - x\n   - y\n",  # the next item indented otherwise
    "l:\n  - x\n - y\n",
    "l:\n- x\n- y\n",  # indentless: not a flat list here, the fast path reads it
    "l:\n  -  x\n  - y\n",
    "l:\n  - x # c\n  - 'y'\n  - {k: v}\n  - [a, b]\n",
    "l:\n  - k: v\n  - k: w\n",
    "l:\n  - k: v\n    m: w\n",
    "l:\n  - k:\n  - x\n",
    "l:\n  - |\n    x\n",
    "l:\n  - 1_000\n",  # ambiguous
    "l:\n  - {k: 1, k: 2}\n",  # a duplicate inside a flow mapping
    "l:\n  - x\n\tm: 1\n",  # a tab
    "l:  # comment\n  - x\n",
    "l:\n  - x\nm: {a: 1}\nn: [1, 2]\n",
    "l:\n  - x\n---\nm: 1\n",
    "a: 1\n%YAML 1.2\n",
    "é: 1\n",
    "_a:\n  - x\nZ: 1\n",
]


def test_edge_documents_agree_in_every_order() -> None:
    rng = random.Random(5)
    for _ in range(30):
        order = EDGES[:]
        rng.shuffle(order)
        parser = VersionParser()
        for text in order:
            agrees(parser, text.encode())


def test_lists_one_line_longer_or_shorter() -> None:
    items = [f"  - {{date: 2024-01-{day:02d}, title: Treffen {day}}}" for day in range(1, 29)]
    versions = [
        ("id: a\nmeetings:\n" + "\n".join(items[:count]) + "\nwebsite: x\n").encode()
        for count in range(1, len(items) + 1)
    ]
    for order in (versions, versions[::-1]):
        parser = VersionParser()
        for data in order:
            agrees(parser, data)
    # a list grown by a line that opens a mapping, then by that mapping's next line
    parser = VersionParser()
    for text in ("l:\n  - x\n", "l:\n  - x\n  - k: v\n", "l:\n  - x\n  - k: v\n    m: w\n",
                 "l:\n  - x\n  - k: v\n", "l:\n  - x\n"):  # fmt: skip
        agrees(parser, text.encode())
    # shorter by a line that was no item of a flat list
    parser = VersionParser()
    for text in ("l:\n  - x\n  - y\n  # c\n", "l:\n  - x\n  - y\n", "l:\n  - x\n"):
        agrees(parser, text.encode())


# --- histories of a network file ------------------------------------------------------------------

NETWORK = """\
# yaml-language-server: $schema=../../schemas/network.schema.json
id: om-kreis-001
name: Offensive Mittelstand Kreis 001
kind: regional
regions:
  - ags-10001
status: applied
applied_on: 2024-01-05
application:
  goals: Die Partner vernetzen.
  approach: Arbeitskreise.
commitments:
  leitgedanken: 2024-01-05
open: true
partners:
  - {partner: partner-0001, since: 2024-01-05, role: coordinator}
  - {partner: partner-0002, since: 2024-01-05, role: member}
meetings:
  - {date: 2024-02-01, title: Jahrestreffen}
website: https://example.de
"""

# edits a contributor might make, honest or not; each takes the lines and a random source
_STATUSES = ["applied", "recognized", "rejected", "withdrawn", "'recognized'", "", "[x]"]


def _edit(lines: list[str], rng: random.Random) -> list[str]:
    lines = lines[:]
    roll = rng.random()
    lists = [i for i, line in enumerate(lines) if line.startswith("  - ")]
    if roll < 0.3:  # a meeting or partner more, at the end of its list
        where = rng.choice(lists) if lists else len(lines)
        while where + 1 < len(lines) and lines[where + 1].startswith("  - "):
            where += 1
        day = rng.randint(1, 28)
        lines.insert(where + 1, rng.choice([f"  - {{date: 2025-03-{day:02d}}}",
                                            f"  - {{partner: partner-{day:04d}, role: member}}",
                                            f"  - item {day}"]))  # fmt: skip
    elif roll < 0.45 and lists:  # one fewer
        del lines[rng.choice(lists)]
    elif roll < 0.6:
        at = next((i for i, line in enumerate(lines) if line.startswith("status:")), None)
        if at is not None:
            lines[at] = f"status: {rng.choice(_STATUSES)}".rstrip()
    elif roll < 0.7:
        lines.insert(rng.randint(0, len(lines)), rng.choice([
            "recognized_on: 2025-01-01", "# a comment", "", "status: recognized", "id: other",
            "  - k: v", "    m: w", "notes: |", "  text", "\tbad: 1", "- stray", "---", "x",
        ]))  # fmt: skip
    elif roll < 0.8 and lines:
        del lines[rng.randrange(len(lines))]
    elif roll < 0.9 and lists:  # an item indented otherwise
        at = rng.choice(lists)
        lines[at] = rng.choice([" ", "   ", "    "]) + lines[at].lstrip(" ")
    elif lines:  # a character spliced in
        at = rng.randrange(len(lines))
        column = rng.randint(0, len(lines[at]))
        char = rng.choice(list(" -:#'\"{}[],|>&*!%@`\t"))
        lines[at] = lines[at][:column] + char + lines[at][column:]
    return lines


def _history(rng: random.Random, length: int) -> list[bytes]:
    lines = NETWORK.splitlines()
    versions = []
    for _ in range(length):
        lines = _edit(lines, rng)
        versions.append(("\n".join(lines) + rng.choice(["\n", "\n", "\n", ""])).encode())
    return versions


@pytest.mark.parametrize("seed", range(40))
def test_histories_read_in_any_order_agree(seed: int) -> None:
    rng = random.Random(seed)
    versions = _history(rng, 60)
    shuffled = versions[:]
    rng.shuffle(shuffled)
    for order in (versions, versions[::-1], shuffled):
        parser = VersionParser()
        for data in order:
            agrees(parser, data)


def test_histories_of_many_files_through_one_parser() -> None:
    rng = random.Random(99)
    versions = [data for seed in range(20) for data in _history(random.Random(seed), 30)]
    rng.shuffle(versions)
    parser = VersionParser()
    for data in versions:
        agrees(parser, data)


# --- generated documents, through one parser that remembers them all -----------------------------

_SHARED = VersionParser()


@PROPERTY
@given(_soup)
def test_generated_line_soup_agrees(lines: list[str]) -> None:
    data = "\n".join(lines).encode()
    agrees(_SHARED, data)
    agrees(_SHARED, data + b"\n")


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_generated_documents_agree(rng: random.Random) -> None:
    data = _document(rng)
    agrees(_SHARED, data)
    agrees(VersionParser(), data)


@PROPERTY
@given(st.randoms(use_true_random=False), st.integers(0, 400), st.sampled_from(" -:#'\"\n>|{}[],"))
def test_generated_documents_with_a_character_spliced_in_agree(
    rng: random.Random, where: int, char: str
) -> None:
    agrees(_SHARED, spliced(rng, where, char))


# --- the memos are used ---------------------------------------------------------------------------


def test_a_growing_history_is_read_from_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """200 versions, each with one more meeting: no version goes to `parse`, and the entries
    that did not change are not read again (a handful of `_parse_simple` calls in all)."""
    head, tail = NETWORK.split("website:")
    versions = [
        (head + "".join(f"  - {{date: 2025-{1 + n // 28:02d}-{1 + n % 28:02d}}}\n"
                        for n in range(count)) + "website:" + tail).encode()
        for count in range(200)
    ]  # fmt: skip
    expected = [parse(data)[0] for data in versions]
    calls = {"parse": 0, "simple": 0}
    real_parse, real_simple = loader.parse, loader._parse_simple

    def counted_parse(data: bytes, **options: Any) -> Any:
        calls["parse"] += 1
        return real_parse(data, **options)

    def counted_simple(text: str) -> Any:
        calls["simple"] += 1
        return real_simple(text)

    monkeypatch.setattr(loader, "parse", counted_parse)
    monkeypatch.setattr(loader, "_parse_simple", counted_simple)
    parser = VersionParser()
    for data, values in zip(reversed(versions), reversed(expected), strict=True):
        assert parser.parse(data) == values  # newest first, as a history is read
    assert calls["parse"] == 0
    assert calls["simple"] < 20, calls
