"""The strict YAML loader: the only way om reads a registry file.

Files come from pull requests by people outside the secretariat, so nothing here trusts them.
`read_bytes` refuses what is not a small regular file before opening it (a FIFO would block, a
symlink could point at a secret). `parse` checks the text before the parser sees it (encoding,
invisible and control characters, line endings, tabs) and then makes one pass over libyaml's
events, building plain Python values: no constructor of PyYAML or ruamel runs, so no tag can
create an object, and an alias bomb fails at its first anchor. Files in the plain block style
most registry files are written in are read by a faster path of its own (`_parse_simple`), which
hands everything else to libyaml and so never decides differently.

Scalars resolve by the YAML 1.2 core schema only — null, booleans, integers, finite floats,
everything else a string (an unquoted `2026-01-15` is a string). Where ruamel's round-trip
parser would read a plain scalar differently (`1_000`, `0b101`, `+0x1F`, `=`), the loader
refuses it as ambiguous, so the two parsers agree on every file the loader accepts.

Problems raise `LoadError` with a message id and the 1-based line and column; messages never
contain the offending value.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from typing import Any

from om_cli.messages import INVISIBLE, Message, msg

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_DIGITS = 100

Value = Any  # None | bool | int | float | str | list[Value] | dict[str, Value]
Position = tuple[int, int]


class LoadError(Exception):
    """A file that om refuses to read; becomes an OM001 finding."""

    def __init__(self, message: Message, line: int = 1, column: int = 1) -> None:
        super().__init__(message.id)
        self.message = message
        self.line = line
        self.column = column


@dataclass(slots=True)
class Positions:
    """Where each node of a document stands: JSON pointer -> (line, column), 1-based.

    `values` holds the position of each value, `keys` that of the key introducing it (for
    mapping entries), so a finding about an unexpected key can point at the key itself.
    """

    values: dict[str, Position] = field(default_factory=dict)
    keys: dict[str, Position] = field(default_factory=dict)

    def locate(self, pointer: str, *, key: bool = False) -> Position:
        """The position of `pointer`, or of its nearest ancestor that exists."""
        while True:
            table = self.keys if key else self.values
            if pointer in table:
                return table[pointer]
            if pointer in self.values:
                return self.values[pointer]
            if not pointer:
                return (1, 1)
            pointer = pointer.rsplit("/", 1)[0]
            key = False


# no link followed, never blocked by a FIFO, not inherited by child processes
_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


def read_bytes(path: str, *, regular: bool = False) -> bytes:
    """Read a registry file, refusing links, non-regular files and files over `MAX_BYTES`.

    `regular=True` says the caller saw a regular file in its directory listing, which saves a
    system call; the open still refuses a link swapped in since, and fstat checks again.
    """
    if not regular:
        try:
            info = os.lstat(path)
        except OSError as error:
            raise LoadError(msg("load.unreadable", reason=error.strerror or "OSError")) from None
        if stat.S_ISLNK(info.st_mode):
            raise LoadError(msg("load.symlink"))
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(msg("load.not_regular"))
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as error:
        # ELOOP: the file was swapped for a link between lstat and open
        raise LoadError(msg("load.unreadable", reason=error.strerror or "OSError")) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(msg("load.not_regular"))
        if info.st_size > MAX_BYTES:
            raise LoadError(msg("load.too_large", limit=MAX_BYTES))
        # one read of the whole file: a regular file answers a short read only at its end, so
        # asking for one byte more than its size saves the read that would return nothing
        chunks = []
        size = 0
        want = info.st_size + 1
        while True:
            chunk = os.read(fd, want)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_BYTES:
                raise LoadError(msg("load.too_large", limit=MAX_BYTES))
            chunks.append(chunk)
            if len(chunk) < want:
                break  # the end of the file
            want = 65536  # it grew while being read: go on to its end (or the limit)
    except OSError as error:
        raise LoadError(msg("load.unreadable", reason=error.strerror or "OSError")) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def load_file(path: str, *, positions: bool = False) -> tuple[dict[str, Value], Positions | None]:
    """Read and parse one registry file."""
    return parse(read_bytes(path), positions=positions)


# C0 and C1 controls except TAB, LF and CR (each has its own check) and the invisible
# characters. One character class: a single fast scan.
_BAD_CHAR = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}]")
# In double-quoted scalars escapes can spell any character: the same set, but TAB and LF are
# fine in a value and CR is refused too.
_ESCAPED_BAD = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}]")
_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)
_QUOTED_OR_TAB = re.compile(r"'(?:[^'\n]|'')*'|\"(?:[^\"\\\n]|\\.)*\"|(\t)")
_DIRECTIVE = re.compile(r"^%", re.MULTILINE)
# The bytes of Latin-1 that `_BAD_CHAR` accepts, for a faster first scan of text that Latin-1
# can encode (most registry files): what `translate` leaves after deleting them is refused.
_LATIN1_FINE = bytes(byte for byte in range(256) if not _BAD_CHAR.match(chr(byte)))


def _position_of(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _check_text(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        raise LoadError(msg("load.bom"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start].decode("utf-8", "replace")
        raise LoadError(msg("load.not_utf8"), *_position_of(prefix, len(prefix))) from None
    if not text.strip():
        raise LoadError(msg("load.empty"))
    found = _BAD_CHAR.search(text) if _may_hold_bad_chars(text) else None
    if found:
        code = ord(found.group())
        kind = "load.control_char" if code < 0x100 else "load.invisible_char"
        raise LoadError(msg(kind, code=f"{code:04X}"), *_position_of(text, found.start()))
    cr = text.find("\r")
    if cr >= 0:
        raise LoadError(msg("load.cr"), *_position_of(text, cr))
    if "\t" in text:
        _check_tabs(text)
    if "%" in text:
        directive = _DIRECTIVE.search(text)
        if directive:
            raise LoadError(msg("load.directive"), *_position_of(text, directive.start()))
    return text


def _may_hold_bad_chars(text: str) -> bool:
    """False when `text` surely holds none of `_BAD_CHAR`'s characters: a C-speed scan for the
    text Latin-1 can encode (most registry files), where `_BAD_CHAR.search` takes ten times as
    long."""
    try:
        return bool(text.encode("latin-1").translate(None, _LATIN1_FINE))
    except UnicodeEncodeError:
        return True


def _check_tabs(text: str) -> None:
    """Tabs only inside quotes: libyaml accepts a few more places than ruamel, so om does not."""
    tab = _TAB_INDENT.search(text)
    if tab:
        raise LoadError(msg("load.tab_indent"), *_position_of(text, tab.end() - 1))
    for found in _QUOTED_OR_TAB.finditer(text):
        if found.group(1) is not None:
            raise LoadError(msg("load.tab"), *_position_of(text, found.start()))


def _check_flow_depth(text: str) -> None:
    """Refuse flow nesting deeper than `MAX_DEPTH` before libyaml reads ahead into it.

    libyaml scans a whole flow collection before it reports its first event and stops at its own
    limit of 1000 levels; this finds the 65th flow level instead (skipping quotes and comments).
    Called only when libyaml has stopped there; below 1000 levels the events say where.
    """
    # the root is a block collection unless the document starts with a bracket
    content = [
        line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")
    ]
    depth = 0 if content and content[0].lstrip()[:1] in ("[", "{") else 1
    quote = ""
    comment = False
    previous = "\n"
    for index, char in enumerate(text):
        if comment:
            comment = char != "\n"
        elif quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and previous in " \n":
            comment = True
        elif char in "[{":
            depth += 1
            following = text[index + 1 : index + 2]
            if char == "{" and following in ("[", "{"):  # a collection as a mapping's key
                raise LoadError(msg("load.non_string_key"), *_position_of(text, index + 1))
            if depth > MAX_DEPTH:
                raise LoadError(msg("load.too_deep", limit=MAX_DEPTH), *_position_of(text, index))
        elif char in "]}":
            depth = max(depth - 1, 0)
        previous = char


# --- scalar resolution: YAML 1.2 core schema ------------------------------------------------

_CONSTANTS: dict[str, Value] = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
}  # fmt: skip
_NUMBER_START = frozenset("0123456789-+.")
_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")
_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF)\Z|\.(?:nan|NaN|NAN)\Z")
# What ruamel (and YAML 1.1 readers) take for a number although the core schema does not.
# (The groups are unambiguous, so a long digit string is matched in linear time.)
_LOOSE_NUMBER = re.compile(
    r"[-+]?(?:0b[0-1_]+|0o[0-7_]+|0x[0-9a-fA-F_]+|[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9_]+)?)\Z"
)
# ruamel reads `.5e3` (leading dot, unsigned exponent) as a string, the core schema as a float.
_DOT_EXPONENT = re.compile(r"[-+]?\.[0-9]+[eE][0-9]")
_LOOSE_NON_FINITE = re.compile(r"[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)\Z")


def resolve_plain(value: str) -> Value:
    """Resolve a plain (unquoted) scalar by the YAML 1.2 core schema."""
    if value in _CONSTANTS:
        return _CONSTANTS[value]
    if value[0] not in _NUMBER_START or " " in value or ":" in value:
        return value  # no number starts so, or contains a space or colon
    if "-" in value[1:] and "e" not in value and "E" not in value:
        return value  # a date and the like: a minus inside a number needs an exponent
    if _INT.match(value):
        if len(value) > MAX_DIGITS:
            raise ValueError("load.number_too_long")
        return int(value)
    if _OCT.match(value) or _HEX.match(value):
        if len(value) > MAX_DIGITS:
            raise ValueError("load.number_too_long")
        return int(value[2:], 8 if value[1] == "o" else 16)
    if _FLOAT.match(value):
        if len(value) > MAX_DIGITS:
            raise ValueError("load.number_too_long")
        if _DOT_EXPONENT.match(value):
            raise ValueError("load.ambiguous_number")
        number = float(value)
        if number in (float("inf"), float("-inf")):
            raise ValueError("load.non_finite")
        return number
    if _NON_FINITE.match(value) or _LOOSE_NON_FINITE.match(value):
        raise ValueError("load.non_finite")
    number_like = any(c.isdigit() or c == "_" for c in value)
    if number_like and _LOOSE_NUMBER.match(value):
        raise ValueError("load.ambiguous_number")
    return value


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def parse(data: bytes, *, positions: bool = False) -> tuple[dict[str, Value], Positions | None]:
    """Parse one YAML document into plain values; optionally record every node's position."""
    text = _check_text(data)
    if not positions:
        simple = _parse_simple(text)
        if simple is not None:
            return simple, None
    # PyYAML is imported on the first file outside the simple subset only: a run served from
    # the cache, or one over house-style files alone, never needs it
    from yaml import MarkedYAMLError, YAMLError
    from yaml._yaml import CParser

    if ScalarEvent is None:
        _import_events()

    where = Positions() if positions else None
    parser = CParser(data)
    try:
        if where is None:
            return _build_fast(parser), None
        return _build(parser, where), where
    except _NeedPositions:
        return parse(data, positions=True)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (error.problem or error.context or "").strip()
        if "nesting depth" in problem:  # libyaml's own limit of 1000 flow levels
            _check_flow_depth(text)
        raise LoadError(msg("load.syntax", problem=problem[:200]), line, column) from None
    except YAMLError:  # e.g. libyaml's reader on a character it refuses: never a traceback
        raise LoadError(msg("load.syntax", problem="unreadable input")) from None
    finally:
        parser.dispose()


class _NeedPositions(Exception):
    """A problem whose message needs positions that the fast pass did not record."""


def _fail(message_id: str, mark: Any, **args: str | int) -> LoadError:
    return LoadError(msg(message_id, **args), mark.line + 1, mark.column + 1)


class _Frame:
    """An open mapping or sequence while its events stream past."""

    __slots__ = ("container", "is_map", "key", "key_position", "pointer")

    def __init__(self, container: dict[str, Value] | list[Value], pointer: str) -> None:
        self.container = container
        self.pointer = pointer
        self.is_map = isinstance(container, dict)
        self.key: str | None = None  # mappings: the key waiting for its value
        self.key_position: Position = (0, 0)


AliasEvent: Any = None
DocumentStartEvent: Any = None
MappingEndEvent: Any = None
MappingStartEvent: Any = None
ScalarEvent: Any = None
SequenceEndEvent: Any = None
SequenceStartEvent: Any = None
StreamEndEvent: Any = None


def _import_events() -> None:
    global AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent, ScalarEvent
    global SequenceEndEvent, SequenceStartEvent, StreamEndEvent
    from yaml import events

    AliasEvent, DocumentStartEvent = events.AliasEvent, events.DocumentStartEvent
    MappingEndEvent, MappingStartEvent = events.MappingEndEvent, events.MappingStartEvent
    SequenceStartEvent, StreamEndEvent = events.SequenceStartEvent, events.StreamEndEvent
    SequenceEndEvent = events.SequenceEndEvent
    ScalarEvent = events.ScalarEvent


def _build_fast(parser: Any) -> dict[str, Value]:
    """The values without positions: recursive descent, about twice as fast as `_build`.

    It makes the same checks in the same order as `_build`, so both refuse the same files with
    the same message at the same place; the loader tests run every case through both.
    """
    get_event = parser.get_event
    get_event()  # StreamStartEvent
    event = get_event()
    if type(event) is StreamEndEvent:
        raise LoadError(msg("load.empty"))
    if event.version or event.tags:  # DocumentStartEvent
        raise _fail("load.directive", event.start_mark)
    event = get_event()
    root = _fast_node(get_event, event, 1)
    # an empty document (`---` alone) is reported at its start, like `_build` does
    empty = type(event) is ScalarEvent and not event.value
    root_at = (1, 1) if empty else (event.start_mark.line + 1, event.start_mark.column + 1)
    get_event()  # DocumentEndEvent
    following = get_event()
    if type(following) is DocumentStartEvent:
        raise _fail("load.multiple_documents", following.start_mark)
    if not isinstance(root, dict):
        raise LoadError(msg("load.not_mapping"), *root_at)
    return root


def _fast_scalar(event: Any) -> Value:
    if event.anchor is not None:
        raise _fail("load.anchor", event.start_mark)
    if event.tag is not None:
        raise _fail("load.tag", event.start_mark)
    text = event.value
    if event.style:
        if event.style == '"':
            found = _ESCAPED_BAD.search(text)
            if found:
                code = f"{ord(found.group()):04X}"
                raise _fail("load.escaped_control", event.start_mark, code=code)
        return text
    if text in ("<<", "="):
        raise _fail("load.merge_key", event.start_mark)
    if text in _CONSTANTS or (text and text[0] in _NUMBER_START):
        try:
            return resolve_plain(text)
        except ValueError as error:
            code = str(error)
            extra = {"limit": MAX_DIGITS} if code == "load.number_too_long" else {}
            raise _fail(code, event.start_mark, **extra) from None
    return text


def _fast_node(get_event: Any, event: Any, depth: int) -> Value:
    kind = type(event)
    if kind is ScalarEvent:
        return _fast_scalar(event)
    if kind is AliasEvent or event.anchor is not None:
        raise _fail("load.anchor", event.start_mark)
    if event.tag is not None:
        raise _fail("load.tag", event.start_mark)
    if depth > MAX_DEPTH:
        raise _fail("load.too_deep", event.start_mark, limit=MAX_DEPTH)
    if kind is MappingStartEvent:
        mapping: dict[str, Value] = {}
        while True:
            key_event = get_event()
            key_kind = type(key_event)
            if key_kind is MappingEndEvent:
                return mapping
            if key_kind is not ScalarEvent:
                if key_kind is AliasEvent or key_event.anchor is not None:
                    raise _fail("load.anchor", key_event.start_mark)
                if key_event.tag is not None:
                    raise _fail("load.tag", key_event.start_mark)
                if depth + 1 > MAX_DEPTH:
                    raise _fail("load.too_deep", key_event.start_mark, limit=MAX_DEPTH)
                raise _fail("load.non_string_key", key_event.start_mark)
            key = _fast_scalar(key_event)
            if not isinstance(key, str):
                raise _fail("load.non_string_key", key_event.start_mark)
            if key in mapping:
                raise _NeedPositions  # the message names the first occurrence's line
            value_event = get_event()
            if type(value_event) is ScalarEvent:
                mapping[key] = _fast_scalar(value_event)
            else:
                mapping[key] = _fast_node(get_event, value_event, depth + 1)
    items: list[Value] = []
    while True:
        item = get_event()
        item_kind = type(item)
        if item_kind is ScalarEvent:
            items.append(_fast_scalar(item))
        elif item_kind is MappingStartEvent or item_kind is SequenceStartEvent:
            items.append(_fast_node(get_event, item, depth + 1))
        elif item_kind is AliasEvent:
            raise _fail("load.anchor", item.start_mark)
        else:  # SequenceEndEvent
            return items


# --- the fast path for plain block YAML -----------------------------------------------------------
#
# Most registry files use a small part of YAML: block mappings and sequences, one scalar per line,
# one-line flow collections of plain scalars, and folded or literal texts (the house style
# `om fmt` writes). `_parse_simple` reads exactly that part, with one regular expression over the
# whole text and a loop over its lines: a third to half less time than building values from
# libyaml's events (less again for the many versions of a file in a history). At the first
# thing outside that part it gives up (returns None) and `parse` goes on with libyaml from the
# start, so the fast path never has to refuse anything itself: what it accepts, libyaml accepts
# with the same values. It relies on `_check_text` having run first (which leaves no character
# libyaml's reader would refuse, except tabs, which it refuses itself).
# Tests compare both parsers on every YAML file in the repository and on generated documents.

# (libyaml allows an implicit key of up to 1024 characters: 128 stays well below)
_KEY = r"[A-Za-z_][A-Za-z0-9_\-]{0,127}"
# A plain scalar in block context: no indicator first; `: ` and ` #` end it; no trailing space.
# (Written as runs of characters, without a choice per character: Python's re is much faster so.)
_WORD_REST = r"[^\s:]*(?::+[^\s:]+)*"
_PLAIN = rf"[^\s\-?:,\[\]{{}}#&*!|>'\"%@`]{_WORD_REST}(?: +[^\s:#]{_WORD_REST})*"
_VALUE = rf"{_PLAIN}|'(?:[^'\n]|'')*'|\"[^\"\\\n]*\"|\{{[^{{}}\[\]\n]*\}}|\[[^{{}}\[\]\n]*\]|[|>]-?"
# One line: its indentation, then `key:` with or without a value, `- key: value`, `- value`,
# nothing but a comment, or anything else (the last group: text of a block scalar, or the end of
# the fast path). Every line matches, so `findall` gives one tuple per line.
_SIMPLE_LINE = re.compile(
    rf"^( *)(?:(- +)?(?:({_KEY}):(?: +({_VALUE}))?|({_VALUE}))(?: +#.*| *)|#.*|(.+))?$",
    re.MULTILINE,
)
# a plain scalar in a flow collection: no flow indicators, colons, quotes or comments at all
_FLOW_PLAIN = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\s:,\[\]{}#'\"]*(?: +[^\s:,\[\]{}#'\"]+)*"
_FLOW_MAP = re.compile(rf" *{_KEY}: +{_FLOW_PLAIN} *(?:, *{_KEY}: +{_FLOW_PLAIN} *)*")
_FLOW_PAIR = re.compile(rf"({_KEY}): +({_FLOW_PLAIN})")
_FLOW_SEQ = re.compile(rf" *{_FLOW_PLAIN} *(?:, *{_FLOW_PLAIN} *)*")
_FLOW_ITEM = re.compile(_FLOW_PLAIN)
# first characters of the values that need more than being taken as they are
_SPECIAL_FIRST = frozenset("'\"{[<=~nNtTfF|>") | _NUMBER_START
# plain scalars that start like a number, resolved: dates repeat in every file
_RESOLVED: dict[str, Value] = {}
# flow mappings read (of scalars only): the versions of a file in its history share most lines
_FLOW_MAPS: dict[str, dict[str, Value]] = {}
# only short texts are remembered, a few thousand of each: a file cannot make the memo big
_MEMO_TEXT = 512
_MEMO_ENTRIES = 4096
# Longer files go to libyaml: the fast path's cost per line is higher, and a file of a million
# empty lines would keep the regular expression busy for a second (registry files have dozens).
_SIMPLE_MAX_LINES = 5000


class _NotSimple(Exception):
    """A value outside the subset `_parse_simple` reads."""


def _simple_scalar(text: str) -> Value:
    first = text[0]
    if first == "'":
        return text[1:-1].replace("''", "'")
    if first == '"':
        return text[1:-1]
    if first == "{":
        known = _FLOW_MAPS.get(text)
        if known is not None:
            # a copy, since callers own what `parse` returns; a shallow one is enough, since a
            # flow mapping here holds nothing but scalars
            return known.copy()
        inner = text[1:-1]
        if not inner.strip(" "):
            return {}
        if _FLOW_MAP.fullmatch(inner) is None:
            raise _NotSimple
        mapping: dict[str, Value] = {}
        for key, value in _FLOW_PAIR.findall(inner):
            if key in _CONSTANTS or key in mapping:
                raise _NotSimple
            mapping[key] = _simple_scalar(value) if value[0] in _SPECIAL_FIRST else value
        if len(text) <= _MEMO_TEXT:
            if len(_FLOW_MAPS) >= _MEMO_ENTRIES:
                _FLOW_MAPS.clear()
            _FLOW_MAPS[text] = mapping.copy()
        return mapping
    if first == "[":
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        if _FLOW_SEQ.fullmatch(inner) is None:
            raise _NotSimple
        return [
            _simple_scalar(item) if item[0] in _SPECIAL_FIRST else item
            for item in _FLOW_ITEM.findall(inner)
        ]
    if first == "|" or first == ">" or text == "<<" or text == "=":
        raise _NotSimple  # a block scalar where only keys may have one; a merge key
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if first not in _NUMBER_START:
        return text
    resolved = _RESOLVED.get(text, _RESOLVED)
    if resolved is _RESOLVED:
        try:
            resolved = resolve_plain(text)
        except ValueError:
            raise _NotSimple from None
        if len(text) <= _MEMO_TEXT:
            if len(_RESOLVED) >= _MEMO_ENTRIES:
                _RESOLVED.clear()
            _RESOLVED[text] = resolved
    return resolved


class _Block:
    """A folded (`>`) or literal (`|`) block scalar while its lines are read.

    Only the plainest form: every line indented alike, deeper than its key, no trailing spaces,
    no empty line inside; clipped (`>`, `|`: one final line break) or stripped (`>-`, `|-`).
    """

    __slots__ = ("at", "clip", "done", "folded", "indent", "key", "lines", "parent")

    def __init__(self, header: str, at: int, parent: dict[str, Value], key: str) -> None:
        self.folded = header[0] == ">"
        self.clip = len(header) == 1
        self.at = at  # the key's indentation
        self.parent, self.key = parent, key
        self.indent = -1
        self.lines: list[str] = []
        self.done = False  # an empty line was read: only less indented lines may follow

    def take(self, line: str) -> bool:
        """Whether `line` belongs to the scalar; raises `_NotSimple` outside the subset."""
        if not line:
            if not self.lines:
                raise _NotSimple  # an empty first line: the indentation is found otherwise
            self.done = True
            return True
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if not content:
            raise _NotSimple  # spaces alone: content or not, depending on their number
        if self.indent < 0:
            if indent <= self.at:
                raise _NotSimple  # an empty scalar
            self.indent = indent
        if indent < self.indent:
            return False
        if self.done or indent > self.indent or content[-1] == " ":
            raise _NotSimple  # a paragraph, a more indented line or trailing spaces
        self.lines.append(content)
        return True

    def close(self, at_end_of_text: bool) -> None:
        if not self.lines or (self.clip and at_end_of_text and not self.done):
            raise _NotSimple  # empty; or clipped where the text ends without a line break
        value = (" " if self.folded else "\n").join(self.lines)
        self.parent[self.key] = value + "\n" if self.clip else value


def _parse_simple(text: str) -> dict[str, Value] | None:
    """The document's values if it lies within the simple subset, else None.

    Only for text that `_check_text` has passed: the regular expressions rely on it (Python's
    `\\s`, `.` and `$` treat CR, NEL and U+2028 differently from libyaml).
    """
    if "\t" in text:
        return None  # allowed inside quotes, but not here
    if text.count("\n") > _SIMPLE_MAX_LINES:
        return None
    root: dict[str, Value] = {}
    indents = [0]  # the open collections' indentation, innermost last
    containers: list[Any] = [root]  # the open collections
    top: Any = root
    waiting = -1  # the indentation of a `key:` whose value follows on the next lines
    waiting_key = ""
    block: _Block | None = None
    lines: list[str] = []  # the text's lines, split only for block scalars
    try:
        for number, (indent_text, dash, key, value, item, other) in enumerate(
            _SIMPLE_LINE.findall(text)
        ):
            if block is not None:
                if block.take(lines[number]):
                    continue
                block.close(False)
                block = None
            if not key and not item:
                if other:
                    return None  # a line outside the subset
                continue  # a blank line or a comment
            indent = len(indent_text)
            if waiting >= 0:
                if indent > waiting or (indent == waiting and dash):
                    if len(indents) >= MAX_DEPTH - 2:
                        return None
                    child: Any = [] if dash else {}
                    top[waiting_key] = child
                    indents.append(indent)
                    containers.append(child)
                    top = child
                waiting = -1
            if indents[-1] > indent:
                while indents[-1] > indent:
                    indents.pop()
                    containers.pop()
                top = containers[-1]
            if indents[-1] != indent:
                return None
            if dash:
                if type(top) is not list:
                    return None
                if not key:
                    top.append(_simple_scalar(item) if item[0] in _SPECIAL_FIRST else item)
                    continue
                entry: dict[str, Value] = {}
                top.append(entry)
                indent += len(dash)
                if len(indents) >= MAX_DEPTH - 2:
                    return None
                indents.append(indent)
                containers.append(entry)
                top = entry
            elif not key:
                return None  # a scalar on a line of its own
            elif type(top) is not dict:
                # the end of a sequence indented like the key it belongs to
                if len(indents) < 2 or indents[-2] != indent:
                    return None
                indents.pop()
                containers.pop()
                top = containers[-1]
                if type(top) is not dict:
                    return None
            if key in _CONSTANTS or key in top:
                return None  # not a string, or a duplicate: the full parser says where
            if not value:
                top[key] = None
                waiting = indent
                waiting_key = key
            elif value[0] == ">" or value[0] == "|":
                top[key] = None
                block = _Block(value, indent, top, key)
                if not lines:
                    lines = text.split("\n")
            else:
                top[key] = _simple_scalar(value) if value[0] in _SPECIAL_FIRST else value
        if block is not None:
            block.close(not text.endswith("\n"))
    except _NotSimple:
        return None
    return root or None


# --- many versions of the same files --------------------------------------------------------------
#
# A history holds thousands of versions of a few hundred files, each differing from the one before
# in a line or two. `VersionParser` reads a version one top-level entry at a time (a line that
# starts with a key's first character, and the lines below it) and remembers every entry it has
# read by its text, so an entry that an earlier version had is not read again. Two more memos
# save most of the rest: runs of entries up to the next key that opens a collection (a version
# has about eight), and the items of lists that grow by a line at their end (meetings, partners).
#
# An entry can be read on its own because `_parse_simple` is in the same state at every line that
# starts in the first column with a key: whatever came before (a nested collection, a block scalar,
# a key waiting for its value) ends there, and only the top-level keys seen so far matter, which
# `VersionParser` checks for duplicates itself. Whatever an entry does outside the subset, the
# whole version goes to `parse`, which decides as always.

# where a top-level entry starts: a line beginning with a key's first character
_TOP_ENTRY = re.compile(r"\n(?=[A-Za-z_])")
# where a run of entries starts: a top-level key alone on its line (a collection follows)
_TOP_RUN = re.compile(r"\n(?=[A-Za-z_][A-Za-z0-9_\-]*:\n)")
# what may come before the first entry: blank lines and comments (`_parse_simple` skips them)
_PREAMBLE = re.compile(r"(?: *(?:#.*)?\n)*")
# a top-level key alone on its line
_OPEN_KEY = re.compile(rf"({_KEY}):")
_KEY_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_MISSING = object()


class VersionParser:
    """`parse` for many versions of the same files: the same values and the same `LoadError`s,
    several times faster once it has seen earlier versions.

    What it remembers lives as long as the parser (one per history read): the texts of the
    entries and item lines of every version, about as much as the versions themselves. The
    values it returns share their lists and mappings with those of other versions: read them,
    never change them.
    """

    def __init__(self) -> None:
        self._runs: dict[str, dict[str, Value]] = {}  # a run of entries -> their keys and values
        self._entries: dict[str, tuple[str, Value]] = {}  # an entry -> its key and value
        self._lists: dict[str, tuple[str, list[Value]]] = {}  # `key:` and items -> prefix, items
        self._shorter: dict[str, tuple[str, list[Value]]] = {}  # such a list without its last
        # line -> the prefix and items of the whole list
        self._items: dict[str, Value] = {}  # an item line of such a list -> the item

    def parse(self, data: bytes) -> dict[str, Value]:
        """The document's values, as `parse(data)` gives them; raises `LoadError` as it does."""
        try:
            found = self._read(data.decode("utf-8"))
        except UnicodeDecodeError:
            found = None
        if found is None:
            found, _ = parse(data)
        return found

    def _read(self, text: str) -> dict[str, Value] | None:
        """The values, or None for `parse` to decide. What `_check_text` checks is checked here
        too: on the whole text where that is cheap, and for control and invisible characters
        (a byte order mark among them) on the runs not seen before, since a run remembered
        was checked when it was first read; an empty text has no run and goes to `parse`."""
        if (
            not text.endswith("\n")  # the end of the text would end a block scalar otherwise
            or "\t" in text
            or "\r" in text
            or ("%" in text and _DIRECTIVE.search(text))
            or text.count("\n") > _SIMPLE_MAX_LINES
        ):
            return None
        root: dict[str, Value] = {}
        runs = self._runs
        # each run and a line break is a slice of the text
        for run in _TOP_RUN.split(text[:-1]):
            values = runs.get(run)
            if values is None:
                if _may_hold_bad_chars(run) and _BAD_CHAR.search(run):
                    return None
                values = self._run(run)
                if values is None:
                    return None
                runs[run] = values
            known = len(root)
            root.update(values)
            if len(root) != known + len(values):
                return None  # a duplicate key: `parse` says where
        return root or None

    def _run(self, text: str) -> dict[str, Value] | None:
        """The keys and values of a run of entries (its last line break cut off), or None."""
        values: dict[str, Value] = {}
        entries = self._entries
        for index, piece in enumerate(_TOP_ENTRY.split(text)):
            entry = entries.get(piece)
            if entry is None:
                if piece[:1] in _KEY_FIRST:
                    entry = self._entry(piece)
                elif index == 0 and _PREAMBLE.fullmatch(piece + "\n"):
                    continue  # blank lines and comments before the first key
                if entry is None:
                    return None
                entries[piece] = entry
            key, value = entry
            if key in values:
                return None
            values[key] = value
        return values

    def _entry(self, piece: str) -> tuple[str, Value] | None:
        """The key and value of one top-level entry (its last line break cut off), or None."""
        head = _OPEN_KEY.match(piece)
        if head is not None and piece[head.end() : head.end() + 1] == "\n":
            key = head.group(1)
            items = None if key in _CONSTANTS else self._flat_list(piece, head.end() + 1)
            if items is not None:
                return key, items
        parsed = _parse_simple(piece + "\n")
        if parsed is None or len(parsed) != 1:
            return None
        return next(iter(parsed.items()))

    def _flat_list(self, piece: str, start: int) -> list[Value] | None:
        """The items of `key:` and a list below it (from `start`), one scalar or flow collection
        per line, all indented alike (deeper than the key) with nothing in between; None for
        anything else. A list one line longer or shorter at its end than one read before (the
        versions of a file come newest or oldest first) is read from that one."""
        last = piece.rfind("\n")
        longer = self._shorter.get(piece)
        shorter = self._lists.get(piece[:last]) if longer is None and last >= start else None
        if longer is not None:
            prefix, items = longer[0], longer[1][:-1]
        elif shorter is not None:
            prefix, before = shorter
            item = self._item(piece[last + 1 :], prefix)
            if item is _MISSING:
                return None
            items = [*before, item]
        else:
            end = piece.find("\n", start)
            first = piece[start:] if end < 0 else piece[start:end]
            indent = len(first) - len(first.lstrip(" "))
            prefix = first[: indent + 2]
            if indent == 0 or prefix[indent:] != "- ":
                return None
            items = []
            for line in piece[start:].split("\n"):
                item = self._item(line, prefix)
                if item is _MISSING:
                    return None
                items.append(item)
        self._lists[piece] = (prefix, items)
        if last >= start:  # at least two items: without the last, still a list
            self._shorter[piece[:last]] = (prefix, items)
        return items

    def _item(self, line: str, prefix: str) -> Value:
        """The item on `line` of a flat list whose lines start with `prefix`; `_MISSING` when
        the line is no such item (`- key: value` opens a mapping the next lines may go on)."""
        if not line.startswith(prefix):
            return _MISSING
        item = self._items.get(line, _MISSING)
        if item is not _MISSING:
            return item
        found = _SIMPLE_LINE.fullmatch(line)
        if found is None:
            return _MISSING
        _, dash, key, _, value, other = found.groups()
        if not dash or key or not value or other:
            return _MISSING
        try:
            item = _simple_scalar(value) if value[0] in _SPECIAL_FIRST else value
        except _NotSimple:
            return _MISSING
        self._items[line] = item
        return item


def _build(parser: Any, where: Positions | None) -> dict[str, Value]:
    """One pass over the events; the hot loop of every cold `om check`, hence its shape."""
    stack: list[_Frame] = []
    root: Value = None
    seen_root = False
    root_at: Position = (1, 1)
    documents = 0
    get_event = parser.get_event
    scalar_event, start_events = ScalarEvent, (MappingStartEvent, SequenceStartEvent)
    end_events = (MappingEndEvent, SequenceEndEvent)
    while True:
        event = get_event()
        if event is None:
            break
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None:
                raise _fail("load.anchor", event.start_mark)
            if event.tag is not None:
                raise _fail("load.tag", event.start_mark)
            text = event.value
            value: Value = text
            if event.style == '"':  # escapes can produce what the raw text may not contain
                found = _ESCAPED_BAD.search(text)
                if found:
                    code = f"{ord(found.group()):04X}"
                    raise _fail("load.escaped_control", event.start_mark, code=code)
            if not event.style:  # plain scalar (libyaml reports style "")
                if text in ("<<", "="):
                    raise _fail("load.merge_key", event.start_mark)
                if text in _CONSTANTS or (text and text[0] in _NUMBER_START):
                    try:
                        value = resolve_plain(text)
                    except ValueError as error:
                        code = str(error)
                        extra = {"limit": MAX_DIGITS} if code == "load.number_too_long" else {}
                        raise _fail(code, event.start_mark, **extra) from None
            if not stack:
                root, seen_root = value, True
                if text:  # an empty document (`---` alone) is reported at its start
                    root_at = (event.start_mark.line + 1, event.start_mark.column + 1)
                continue
            frame = stack[-1]
            if frame.is_map:
                target = frame.container
                assert isinstance(target, dict)
                if frame.key is None:
                    if not isinstance(value, str):
                        raise _fail("load.non_string_key", event.start_mark)
                    if value in target:
                        if where is None:  # find the first occurrence's line on a second pass
                            raise _NeedPositions
                        first = where.keys.get(f"{frame.pointer}/{_escape(value)}", (0, 0))[0]
                        raise _fail("load.duplicate_key", event.start_mark, first_line=first)
                    frame.key = value
                    if where is not None:
                        mark = event.start_mark
                        frame.key_position = (mark.line + 1, mark.column + 1)
                    target[value] = None  # reserved: a duplicate is caught at once
                    continue
                if where is not None:
                    mark = event.start_mark
                    child = f"{frame.pointer}/{_escape(frame.key)}"
                    where.values[child] = (mark.line + 1, mark.column + 1)
                    where.keys[child] = frame.key_position
                target[frame.key] = value
                frame.key = None
            else:
                items = frame.container
                assert isinstance(items, list)
                if where is not None:
                    mark = event.start_mark
                    where.values[f"{frame.pointer}/{len(items)}"] = (mark.line + 1, mark.column + 1)
                items.append(value)
            continue
        if kind in start_events:
            mark = event.start_mark
            if event.anchor is not None:
                raise _fail("load.anchor", mark)
            if event.tag is not None:
                raise _fail("load.tag", mark)
            if len(stack) >= MAX_DEPTH:
                raise _fail("load.too_deep", mark, limit=MAX_DEPTH)
            pointer = ""
            if not stack:
                root_at = (mark.line + 1, mark.column + 1)
            if stack:
                parent = stack[-1]
                if parent.is_map:
                    if parent.key is None:
                        raise _fail("load.non_string_key", mark)
                    pointer = f"{parent.pointer}/{_escape(parent.key)}"
                else:
                    pointer = f"{parent.pointer}/{len(parent.container)}"
            if where is not None:
                where.values[pointer] = (mark.line + 1, mark.column + 1)
                if stack and stack[-1].is_map:
                    where.keys[pointer] = stack[-1].key_position
            container: dict[str, Value] | list[Value] = {} if kind is MappingStartEvent else []
            stack.append(_Frame(container, pointer))
            continue
        if kind in end_events:
            done = stack.pop().container
            if not stack:
                root, seen_root = done, True
                continue
            parent = stack[-1]
            if parent.is_map:
                assert isinstance(parent.container, dict) and parent.key is not None
                parent.container[parent.key] = done
                parent.key = None
            else:
                assert isinstance(parent.container, list)
                parent.container.append(done)
            continue
        if kind is AliasEvent:
            raise _fail("load.anchor", event.start_mark)
        if kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _fail("load.multiple_documents", event.start_mark)
            if event.version or event.tags:
                raise _fail("load.directive", event.start_mark)
    if not seen_root:
        raise LoadError(msg("load.empty"))
    if not isinstance(root, dict):
        raise LoadError(msg("load.not_mapping"), *root_at)
    return root
