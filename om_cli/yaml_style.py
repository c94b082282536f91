"""The house style for editing registry files: ruamel.yaml round trips, one way for all.

`om decide`, `om apply`, `om record` and `om fmt` change files people wrote by hand, so an edit
keeps what they wrote: comments, blank lines, key order, quotes, block or flow style. What om
writes itself follows one style:

- mappings indented by 2, sequences by 4 with the dash at 2 (`key:` / `  - item`);
- no line wrapping, so a long name stays on one line and a diff shows what changed;
- a string that some YAML reader would take for something else is quoted: the YAML 1.1
  booleans (`yes`, `no`, `on`, `off`, `y`, `n` …), null (`~`, `null`), numbers in any
  spelling (`012`, `1_000`, `0x1F`, `1e3`, `1:20` …), date-times, `<<` and `=`. A plain ISO
  date (`2026-01-15`) stays unquoted: om reads it as a string (DESIGN, "The registry");
- a new plain `dict` added to a list of flow mappings (`- {partner: …, since: …}`) is written
  in flow style like its neighbours; a `datetime.date` is written as its ISO string;
- floats read from a file are written back exactly as they were spelt.

To add an item to a list, use `append`: it keeps the blank lines and comments that follow the
list below the new item (a plain `list.append` would put the item after them).

Reading uses the YAML 1.2 core schema exactly like om's strict loader, which checks every text
first: so `load` never sees what om refuses (aliases, tags, duplicate keys …), an unquoted date
stays a string (ruamel would make a `datetime.date`, and fail on `2026-02-30`), and the values
are those `om check` sees. Every `dump` is read back by the strict loader before it is returned.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver, implicit_resolvers
from ruamel.yaml.scalarbool import ScalarBoolean
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from om_cli.errors import WriteError
from om_cli.loader import LoadError, parse, resolve_plain
from om_cli.messages import msg

_STR = "tag:yaml.org,2002:str"
_CORE_TAGS = {
    type(None): "tag:yaml.org,2002:null",
    bool: "tag:yaml.org,2002:bool",
    int: "tag:yaml.org,2002:int",
    float: "tag:yaml.org,2002:float",
    str: _STR,
}
# not a real tag: what the writer's resolver answers for a string it must quote
_AMBIGUOUS = "tag:om,2026:ambiguous"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# everything ruamel (YAML 1.1 and 1.2) would read as non-string, except the timestamps
_OTHER_READINGS = [
    regexp
    for _versions, tag, regexp, _first in implicit_resolvers
    if not tag.endswith((":str", ":timestamp"))
]
_TIMESTAMP = next(regexp for _, tag, regexp, _ in implicit_resolvers if tag.endswith(":timestamp"))


def _core_tag(value: str) -> str | None:
    """The tag om's loader gives a plain scalar; None when it refuses the scalar."""
    try:
        resolved = resolve_plain(str(value)) if value else None
    except ValueError:
        return None
    return _CORE_TAGS[type(resolved)]


class _CoreResolver(VersionedResolver):
    """Reading: plain scalars resolve as in om's strict loader (YAML 1.2 core, no timestamps)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            return Tag(suffix=_core_tag(value) or _STR)
        return super().resolve(kind, value, implicit)


class _QuotingResolver(VersionedResolver):
    """Writing: a string may stay plain only when every reader takes it for a string.

    ruamel's serializer asks the resolver what a plain scalar would be read as; when the
    answer is not the node's own tag, the emitter quotes a string. Numbers, booleans and null
    resolve as in the core schema, so they stay plain.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            tag = _core_tag(value)
            if tag == _STR and _needs_quotes(value):
                tag = _AMBIGUOUS
            return Tag(suffix=tag or _AMBIGUOUS)
        return super().resolve(kind, value, implicit)


def _needs_quotes(value: str) -> bool:
    """A string the core schema reads as a string but some other reader does not."""
    if value in ("<<", "="):
        return True
    if _TIMESTAMP.match(value):
        return not _ISO_DATE.match(value)
    return any(regexp.match(value) for regexp in _OTHER_READINGS)


class _SourceFloat(float):
    """A float read from a file, with its text: written back as it was, digit for digit.

    ruamel rebuilds a float's text from its value and an estimate of the precision, which can
    change the last digit (`1.632344072561468e-202` came back `…467e-202`).
    """

    source: str

    def __new__(cls, text: str) -> _SourceFloat:
        value = super().__new__(cls, text)
        value.source = text
        return value


class _Constructor(RoundTripConstructor):
    def construct_source_float(self, node: Any) -> _SourceFloat:
        return _SourceFloat(str(self.construct_scalar(node)))


_Constructor.add_constructor("tag:yaml.org,2002:float", _Constructor.construct_source_float)


class _Representer(RoundTripRepresenter):
    def represent_source_float(self, data: _SourceFloat) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:float", data.source)

    def represent_iso_date(self, data: dt.date) -> Any:
        """A `datetime.date` as om stores dates: an ISO string, unquoted."""
        return self.represent_str(data.isoformat())


_Representer.add_representer(_SourceFloat, _Representer.represent_source_float)
_Representer.add_representer(dt.date, _Representer.represent_iso_date)


def _yaml(resolver: type[VersionedResolver]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.Resolver = resolver
    yaml.Constructor = _Constructor
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = sys.maxsize  # never wrap
    yaml.allow_unicode = True
    return yaml


def load(text: str, *, file: str = "-") -> CommentedMap:
    """Read a registry document for editing; `WriteError` when om would not read it.

    `file` names the document in the message.
    """
    try:
        parse(text.encode("utf-8"))
    except LoadError as error:
        raise WriteError(
            msg(
                "write.yaml_refused",
                file=file,
                line=error.line,
                column=error.column,
                problem=error.message,
            )
        ) from None
    except UnicodeEncodeError:  # a lone surrogate: not text any file can hold
        raise WriteError(
            msg("write.yaml_roundtrip", file=file, error="UnicodeEncodeError")
        ) from None
    try:
        data = _yaml(_CoreResolver).load(text)
    except Exception as error:  # ruamel disagrees with om's loader: never a traceback
        raise WriteError(
            msg("write.yaml_roundtrip", file=file, error=type(error).__name__)
        ) from None
    if not isinstance(data, CommentedMap):  # the strict loader has checked it is a mapping
        raise WriteError(msg("write.yaml_roundtrip", file=file, error=type(data).__name__))
    return data


def dump(data: Any) -> str:
    """Write a document in the house style; `WriteError` if om could not read it back.

    `data` is what `load` returned, edited, or a new plain `dict`.
    """
    _adopt_flow_style(data)
    stream = io.StringIO()
    try:
        _yaml(_QuotingResolver).dump(data, stream)
    except Exception as error:  # e.g. a value ruamel cannot represent
        raise WriteError(
            msg("write.yaml_roundtrip", file="-", error=type(error).__name__)
        ) from None
    text = stream.getvalue()
    try:
        parse(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate in a value
        raise WriteError(
            msg("write.yaml_roundtrip", file="-", error="UnicodeEncodeError")
        ) from None
    except LoadError as error:
        raise WriteError(
            msg(
                "write.yaml_unwritable",
                line=error.line,
                column=error.column,
                problem=error.message,
            )
        ) from None
    return text


def edit(text: str, change: Callable[[CommentedMap], None], *, file: str = "-") -> str:
    """`load`, let `change` edit the document in place, `dump`; `WriteError` when a comment
    of `text` would be lost (ruamel drops some, such as those inside a flow collection or
    before a `---`): then om leaves the file for a person to edit."""
    data = load(text, file=file)
    start, body = _split_start(text)
    if start:  # ruamel drops what precedes `---` (the modeline): it is kept as written
        data = load(body, file=file)
    change(data)
    written = start + dump(data)
    lost = _lost_comment(text, written)
    if lost is not None:
        raise CommentLost(file, *lost)
    return written


class CommentLost(WriteError):
    """`edit` would drop the comment on `line`: the file is left as it is."""

    def __init__(self, file: str, line: int, comment: str) -> None:
        super().__init__(msg("write.comment_lost", file=file, line=line, comment=comment[:80]))
        self.line = line


def set_lines(text: str, values: Sequence[tuple[str, str, str | None]]) -> str | None:
    """The document with top-level keys set to string values by changing only their own lines:
    each (key, value, after): the key's line gets the new value (in the quotes it had, its
    comment kept), or, when the key is missing, a new line `key: value` goes right after the
    line of `after` (None: at the end). None when that cannot be done so (a key whose value
    spans lines, `after` missing …): then `edit` does it. The result is read back by the
    strict loader and must hold exactly the values asked for, all else unchanged."""
    try:
        expected = parse(text.encode("utf-8"))[0]
    except (LoadError, UnicodeEncodeError):
        return None
    for key, value, after in values:
        found = _scalar_line(text, key)
        if found is not None:
            quote = found.group("value")[0]
            if quote in "'\"":
                if "\\" in value or quote in value:
                    return None
                shown = quote + value + quote
            else:
                shown = f"'{value}'" if _needs_quotes(value) or not _plain_safe(value) else value
            text = text[: found.start("value")] + shown + text[found.end("value") :]
            expected[key] = value
            continue
        if key in expected:
            return None  # there, but not on a line of its own
        if _needs_quotes(value) or not _plain_safe(value):
            return None
        line = f"{key}: {value}\n"
        if after is None:
            text = text + ("" if text.endswith("\n") else "\n") + line
            expected[key] = value
            continue
        anchor = _scalar_line(text, after)
        if anchor is None:
            return None
        end = text.find("\n", anchor.end())
        cut = len(text) if end < 0 else end + 1
        text = text[:cut] + ("" if text[:cut].endswith("\n") else "\n") + line + text[cut:]
        keys = list(expected)
        expected = dict(
            [*((k, expected[k]) for k in keys[: keys.index(after) + 1]), (key, value),
             *((k, expected[k]) for k in keys[keys.index(after) + 1 :])]
        )  # fmt: skip
    try:
        written = parse(text.encode("utf-8"))[0]
    except (LoadError, UnicodeEncodeError):
        return None
    return text if same_values(written, expected) else None


def _scalar_line(text: str, key: str) -> re.Match[str] | None:
    """The one line `key: value` (a scalar on one line, perhaps quoted, perhaps with a comment)
    at the top level; None unless there is exactly one and the next line does not go on."""
    pattern = re.compile(
        rf"^{re.escape(key)}:[ ]+(?P<value>'[^'\n]*'|\"[^\"\\\n]*\"|[^\s#'\"&*!|>%@`{{\[][^\n#]*?)"
        r"(?:[ \t]+#[^\n]*)?[ \t]*$",
        re.MULTILINE,
    )
    found = list(pattern.finditer(text))
    if len(found) != 1:
        return None
    following = text[found[0].end() + 1 :].split("\n", 1)[0]
    if following[:1] in (" ", "\t"):  # a continuation of the value, or something nested
        return None
    return found[0]


def _plain_safe(value: str) -> bool:
    """A string that can stand unquoted after `key: ` and reads back as itself."""
    return bool(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.\-]*", value))


# comment lines and blank lines, then an explicit document start on a line of its own
_START = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*---[ \t]*(?:#[^\n]*)?\n")


def _split_start(text: str) -> tuple[str, str]:
    """The lines up to an explicit document start (`---` on its own line, after nothing but
    comments and blank lines) and the rest; ("", text) when there is none."""
    found = _START.match(text)
    return (text[: found.end()], text[found.end() :]) if found else ("", text)


def _lost_comment(before: str, after: str) -> tuple[int, str] | None:
    """The first comment of `before` (its line and text) that `after` no longer has (as
    often); None when every comment is kept."""
    if "#" not in before or before == after:
        return None
    found = _comments(before)
    lost = Counter(comment for _, comment in found) - Counter(c for _, c in _comments(after))
    return next(((line, comment) for line, comment in found if lost[comment]), None)


def _comments(text: str) -> list[tuple[int, str]]:
    """Every comment of a document, as ruamel's scanner finds it: its line (from 1) and its
    text, stripped."""
    found: list[tuple[int, str]] = []
    try:
        tokens = list(_yaml(_CoreResolver).scan(text))
    except Exception as error:  # not what `load` read a moment ago: never a traceback
        raise WriteError(
            msg("write.yaml_roundtrip", file="-", error=type(error).__name__)
        ) from None
    for token in tokens:
        for comment in _comment_tokens(getattr(token, "_comment", None)):
            for offset, line in enumerate(comment.value.split("\n")):
                stripped = line.strip()
                if stripped.startswith("#"):
                    found.append((comment.start_mark.line + offset + 1, stripped))
    return sorted(found)


def _comment_tokens(value: object) -> list[CommentToken]:
    """The comment tokens in what ruamel's scanner attached to a token (nested lists)."""
    if isinstance(value, CommentToken):
        return [value]
    if isinstance(value, list | tuple):
        return [token for item in value for token in _comment_tokens(item)]
    return []


def append(items: CommentedSeq, item: Any) -> None:
    """Append `item` to a list read by `load`, keeping the comment lines that follow the list.

    ruamel keeps blank lines and comments after a list's last item as part of that item, so a
    plain `append` would put the new item below them (below the heading comment of the next
    key, say). This moves them below the new item; a comment on the old last item's own line
    stays there.
    """
    found = _trailing_comment(items)
    if type(item) is dict:
        flow = _is_flow_list(items)
        item = CommentedMap(item)
        if flow:
            item.fa.set_flow_style()
    items.append(item)
    comment = _take_lines_after(found)
    if comment is None:
        return
    if isinstance(item, CommentedMap) and item and not item.fa.flow_style():
        item.ca.items[list(item)[-1]] = [None, None, comment, None]
    else:
        items.ca.items[len(items) - 1] = [comment, None, None, None]


def insert(data: CommentedMap, position: int, key: str, value: str) -> None:
    """Insert the scalar `value` as `key` at `position` of a mapping read by `load`, keeping
    the comment lines that follow the entry before it (the heading of the next key, say)
    below the new entry, as `append` does for lists."""
    found = None
    if 0 < position <= len(data):
        previous = list(data)[position - 1]
        slots = data.ca.items.get(previous)
        if slots and len(slots) > 2 and slots[2] is not None:
            found = (slots, 2)
        else:
            found = _trailing_comment(data[previous])
    data.insert(position, key, value)
    comment = _take_lines_after(found)
    if comment is not None:
        data.ca.items[key] = [None, None, comment, None]


def _take_lines_after(found: tuple[list[Any], int] | None) -> CommentToken | None:
    """Take the comment lines (and blank lines) after an entry from where `_trailing_comment`
    found them, as a comment for an entry added below it; a comment on the entry's own line
    stays."""
    if found is None:
        return None
    slots, index = found
    token = slots[index]
    eol, newline, rest = token.value.partition("\n")
    if eol.strip():
        if not rest:
            return None
        token.value = eol + newline
        moved = "\n" + rest
    else:
        slots[index] = None
        moved = token.value
    return CommentToken(moved, CommentMark(0), None)


def _is_flow_list(items: list[Any]) -> bool:
    return any(isinstance(item, CommentedMap) and item.fa.flow_style() for item in items)


def _trailing_comment(node: Any) -> tuple[list[Any], int] | None:
    """Where ruamel keeps the comment lines after a collection's last item, if any."""
    if isinstance(node, CommentedSeq) and node:
        slots = node.ca.items.get(len(node) - 1)
        if slots and slots[0] is not None:
            return slots, 0
        return _trailing_comment(node[-1])
    if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
        last = list(node)[-1]
        slots = node.ca.items.get(last)
        if slots and len(slots) > 2 and slots[2] is not None:
            return slots, 2
        return _trailing_comment(node[last])
    return None


def _adopt_flow_style(node: Any) -> None:
    """New plain dicts in a list of flow mappings get the flow style of their neighbours."""
    if isinstance(node, dict):
        for value in node.values():
            _adopt_flow_style(value)
    elif isinstance(node, list):
        flow = _is_flow_list(node)
        for index, item in enumerate(node):
            if flow and type(item) is dict:
                styled = CommentedMap(item)
                styled.fa.set_flow_style()
                node[index] = item = styled
            _adopt_flow_style(item)


def plain(value: Any) -> Any:
    """ruamel's round-trip values as the plain values om's loader makes (for comparisons)."""
    if isinstance(value, dict):
        return {str(key): plain(child) for key, child in value.items()}
    if isinstance(value, list):
        return [plain(child) for child in value]
    if isinstance(value, bool | ScalarBoolean):  # ScalarBoolean is an int, not a bool
        return bool(value)
    if isinstance(value, int):  # ScalarInt and its hex, octal and binary kinds
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    return value


def same_values(first: Any, second: Any) -> bool:
    """Equal plain values of equal types (`1`, `1.0` and `True` differ), keys in order."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return list(first) == list(second) and all(
            same_values(first[key], second[key]) for key in first
        )
    if isinstance(first, list):
        return len(first) == len(second) and all(
            same_values(a, b) for a, b in zip(first, second, strict=True)
        )
    if isinstance(first, float):
        return first == second or (math.isnan(first) and math.isnan(second))
    return bool(first == second)
