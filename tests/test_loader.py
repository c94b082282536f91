"""The strict YAML loader (`om_cli/loader.py`): one test per hazard class of DESIGN.md "Safety"
and the YAML rules of "The registry", each asserting the message id, line and column (1-based).

Every refused input carries the marker `GEHEIMNIS123` (or the offending value itself serves as
the marker): neither the German nor the English message text may contain it, since a message
must never repeat what an outsider wrote into a file that failed to load.

Inputs that could hang or exhaust the process (alias bombs, a million brackets, a megabyte
scalar) run in a child process with a timeout, so a regression fails the test instead of
stalling the suite. `tests/hostile/` holds small hostile files with their expected results in
`tests/hostile/expected.yaml`; big ones are generated at runtime in `tmp_path`.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from om_cli.loader import (
    MAX_BYTES,
    MAX_DEPTH,
    LoadError,
    Positions,
    load_file,
    parse,
    read_bytes,
)
from om_cli.messages import CATALOGUE, msg

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "hostile"
SECRET = "GEHEIMNIS123"
S = SECRET.encode()
MODELINE = b"# yaml-language-server: $schema=../../schemas/partner.schema.json\n"


# --- helpers --------------------------------------------------------------------------------------


def assert_message_safe(error: LoadError, secret: str = SECRET) -> None:
    """Both texts exist, differ, and do not repeat the offending content."""
    de, en = error.message.text("de"), error.message.text("en")
    assert de.strip(), f"{error.message.id}: empty German text"
    assert en.strip(), f"{error.message.id}: empty English text"
    assert de != en, f"{error.message.id}: German and English text are the same"
    assert secret not in de, f"{error.message.id}: German text repeats the file content: {de!r}"
    assert secret not in en, f"{error.message.id}: English text repeats the file content: {en!r}"


def assert_refused(
    data: bytes, message_id: str, line: int, column: int, *, secret: str = SECRET
) -> LoadError:
    """`parse` refuses `data` with this message at this position, with and without positions."""
    error: LoadError | None = None
    for positions in (False, True):
        with pytest.raises(LoadError) as info:
            parse(data, positions=positions)
        error = info.value
        got = (error.message.id, error.line, error.column)
        assert got == (message_id, line, column), f"positions={positions}: {got}"
    assert error is not None
    assert_message_safe(error, secret)
    return error


def parse_isolated(data: bytes, tmp_path: Path, timeout: float = 10.0) -> dict[str, object]:
    """Parse `data` in a child process; returns the outcome and the seconds `parse` took.

    A hang becomes a test failure after `timeout` seconds instead of stalling the suite.
    """
    source = tmp_path / "input.yaml"
    source.write_bytes(data)
    script = (
        "import json, sys, time\n"
        "from om_cli.loader import LoadError, parse\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "start = time.perf_counter()\n"
        "try:\n"
        "    value = parse(data)[0]\n"
        "    out = {'ok': True, 'value': value}\n"
        "except LoadError as error:\n"
        "    out = {'ok': False, 'id': error.message.id, 'line': error.line,\n"
        "           'column': error.column, 'de': error.message.text('de'),\n"
        "           'en': error.message.text('en')}\n"
        "except BaseException as error:\n"
        "    out = {'ok': False, 'crash': type(error).__name__}\n"
        "out['seconds'] = time.perf_counter() - start\n"
        "print(json.dumps(out))\n"
    )
    try:
        run = subprocess.run(
            [sys.executable, "-c", script, str(source)],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"parse did not finish within {timeout} s on {len(data)} bytes (hang)")
    assert run.returncode == 0, f"child process died (exit {run.returncode}): {run.stderr[-2000:]}"
    result: dict[str, object] = json.loads(run.stdout)
    assert "crash" not in result, f"parse raised {result['crash']} instead of LoadError"
    return result


def block_mappings(depth: int) -> bytes:
    """`depth` nested block mappings (the root counts as level 1), indented by one space."""
    lines = [" " * i + f"k{i}:" for i in range(depth - 1)]
    lines.append(" " * (depth - 1) + f"k{depth - 1}: {SECRET}")
    return ("\n".join(lines) + "\n").encode()


def test_limits_are_the_documented_ones() -> None:
    assert MAX_BYTES == 1024 * 1024
    assert MAX_DEPTH == 64


# --- read_bytes: size, links, special files -------------------------------------------------------


def test_file_over_one_mib_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"name: " + S + b"\nx: " + b"a" * MAX_BYTES + b"\n")
    with pytest.raises(LoadError) as info:
        read_bytes(str(path))
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.too_large", 1, 1)
    assert_message_safe(info.value)


def test_file_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 3) + b"\n")  # MAX_BYTES + 1 bytes
    assert path.stat().st_size == MAX_BYTES + 1
    with pytest.raises(LoadError) as info:
        load_file(str(path))
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.too_large", 1, 1)


def test_file_of_exactly_one_mib_is_read(tmp_path: Path) -> None:
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"a: " + b"x" * (MAX_BYTES - 4) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    data, _ = load_file(str(path))
    assert data == {"a": "x" * (MAX_BYTES - 4)}


def test_two_mib_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(b"a: ")
        handle.truncate(2 * MAX_BYTES)  # sparse: the size alone must refuse it
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        read_bytes(str(path))
    assert time.perf_counter() - start < 1.0
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.too_large", 1, 1)


def test_symlink_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "target.yaml"
    target.write_bytes(b"name: fine\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    with pytest.raises(LoadError) as info:
        read_bytes(str(link))
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.symlink", 1, 1)
    assert_message_safe(info.value)


def test_symlink_to_a_secret_leaks_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "credentials"
    secret.parent.mkdir()
    secret.write_bytes(b"password: " + S + b"\n")
    link = tmp_path / "registry" / "partners" / "evil.yaml"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    for reader in (read_bytes, lambda path: load_file(path, positions=True)):
        with pytest.raises(LoadError) as info:
            reader(str(link))
        error = info.value
        assert (error.message.id, error.line, error.column) == ("load.symlink", 1, 1)
        assert_message_safe(error)
        assert "password" not in error.message.text("de") + error.message.text("en")
        assert SECRET not in str(error) and SECRET not in repr(error.message)


def test_dangling_symlink_is_refused_as_symlink(tmp_path: Path) -> None:
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(LoadError) as info:
        read_bytes(str(link))
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.symlink", 1, 1)


def _read_in_thread(path: str, seconds: float) -> LoadError | BaseException | bytes | None:
    """`read_bytes(path)` in a daemon thread; None if it did not return within `seconds`."""
    outcome: list[LoadError | BaseException | bytes] = []

    def target() -> None:
        try:
            outcome.append(read_bytes(path))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        # unblock a reader stuck in open() on the FIFO, so the thread can end
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        except OSError:
            pass
        return None
    return outcome[0]


def test_fifo_is_refused_promptly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    start = time.perf_counter()
    outcome = _read_in_thread(str(fifo), 5.0)
    assert outcome is not None, "read_bytes blocked on a FIFO"
    assert time.perf_counter() - start < 1.0
    assert isinstance(outcome, LoadError), outcome
    assert (outcome.message.id, outcome.line, outcome.column) == ("load.not_regular", 1, 1)
    assert_message_safe(outcome)


def test_symlink_to_fifo_is_refused_promptly(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.yaml"
    link.symlink_to(fifo)
    outcome = _read_in_thread(str(link), 5.0)
    assert isinstance(outcome, LoadError), outcome
    assert outcome.message.id == "load.symlink"


@pytest.mark.parametrize("kind", ["directory", "device"])
def test_non_regular_files_are_refused(tmp_path: Path, kind: str) -> None:
    path = str(tmp_path) if kind == "directory" else os.devnull
    with pytest.raises(LoadError) as info:
        read_bytes(path)
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.not_regular", 1, 1)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        read_bytes(str(tmp_path / f"{SECRET}.yaml"))
    assert (info.value.message.id, info.value.line, info.value.column) == ("load.unreadable", 1, 1)
    assert_message_safe(info.value)


# --- encoding -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"name: " + S + b" \xff\n", 1, 20, id="0xff"),
        pytest.param(b"id: x\nname: " + S + b"\xc3\x28\n", 2, 19, id="truncated-2-byte"),
        pytest.param(b"name: " + S + b"\xc0\xaf\n", 1, 19, id="overlong-slash"),
        pytest.param(b"name: " + S + b"\xed\xa0\x80\n", 1, 19, id="utf8-surrogate"),
        pytest.param(b"name: " + S + b"\xf4\x90\x80\x80\n", 1, 19, id="beyond-u10ffff"),
        pytest.param(b"name: " + S + b"\xe2\x82", 1, 19, id="cut-at-eof"),
        pytest.param(b"\x80name: " + S + b"\n", 1, 1, id="lone-continuation-first"),
        pytest.param(b"name: Stra\xdfe " + S + b"\n", 1, 11, id="latin-1"),
        pytest.param("ä: 😀".encode() + b"\xff " + S + b"\n", 1, 5, id="after-multibyte"),
        pytest.param(b"a: 1\n\n# " + S + b"\n\xfe\n", 4, 1, id="line-4"),
    ],
)
def test_invalid_utf8_is_refused_at_the_bad_byte(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.not_utf8", line, column)


def test_utf16_is_refused() -> None:
    data = b"\xff\xfe" + f"name: {SECRET}\n".encode("utf-16-le")
    assert_refused(data, "load.not_utf8", 1, 1)


def test_bom_is_refused() -> None:
    assert_refused(b"\xef\xbb\xbfname: " + S + b"\n", "load.bom", 1, 1)


def test_bom_alone_is_refused() -> None:
    assert_refused(b"\xef\xbb\xbf", "load.bom", 1, 1)


# --- forbidden characters -------------------------------------------------------------------------

CONTROL = [0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9B, 0x9F]
INVISIBLE = [
    0x061C,  # arabic letter mark
    0x200B,  # zero width space
    0x200C,  # zero width non-joiner
    0x200D,  # zero width joiner
    0x200E,  # left-to-right mark
    0x200F,  # right-to-left mark
    0x2028,  # line separator
    0x2029,  # paragraph separator
    0x202A,  # left-to-right embedding
    0x202B,  # right-to-left embedding
    0x202C,  # pop directional formatting
    0x202D,  # left-to-right override
    0x202E,  # right-to-left override
    0x2060,  # word joiner
    0x2066,  # left-to-right isolate
    0x2067,  # right-to-left isolate
    0x2068,  # first strong isolate
    0x2069,  # pop directional isolate
    0xFEFF,  # zero width no-break space (a BOM inside the text)
]


@pytest.mark.parametrize(
    ("code", "message_id"),
    [(code, "load.control_char") for code in CONTROL]
    + [(code, "load.invisible_char") for code in INVISIBLE],
    ids=lambda value: f"U+{value:04X}" if isinstance(value, int) else None,
)
@pytest.mark.parametrize(
    ("template", "line", "column"),
    [
        pytest.param(b"id: x\nname: " + S + b"@tail\n", 2, 19, id="in-value"),
        pytest.param(b"id: x\n# " + S + b"@\nname: y\n", 2, 15, id="in-comment"),
        pytest.param(b"id: x\nna@me: " + S + b"\n", 2, 3, id="in-key"),
        pytest.param(
            'id: x\nname: "Müller😀@"\n'.encode() + S + b": 1\n", 2, 15, id="after-multibyte"
        ),
        pytest.param(b"id: x\nname: |\n  " + S + b"@\n", 3, 15, id="in-block-scalar"),
    ],
)
def test_forbidden_character(
    code: int, message_id: str, template: bytes, line: int, column: int
) -> None:
    data = template.replace(b"@", chr(code).encode())
    error = assert_refused(data, message_id, line, column)
    assert f"U+{code:04X}" in error.message.text("en")


def test_nonchar_fffe_is_refused_not_crashing() -> None:
    """libyaml's reader refuses U+FFFE/U+FFFF with a ReaderError, which is not a
    MarkedYAMLError: it escapes `parse` (and `om check` exits 3 with a traceback)."""
    for code in (0xFFFE, 0xFFFF):
        data = b"id: x\nname: " + S + chr(code).encode() + b"\n"
        try:
            parse(data)
        except LoadError as error:
            assert error.message.id in ("load.invisible_char", "load.control_char")
            assert (error.line, error.column) == (2, 19)
            assert_message_safe(error)
        except Exception as error:  # the bug: anything else escapes
            pytest.fail(
                f"U+{code:04X}: parse raised {type(error).__module__}.{type(error).__name__}"
            )
        else:
            pytest.fail(f"U+{code:04X}: accepted")


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", 0x00),
        ("\\a", 0x07),
        ("\\b", 0x08),
        ("\\e", 0x1B),
        ("\\v", 0x0B),
        ("\\f", 0x0C),
        ("\\r", 0x0D),
        ("\\x7f", 0x7F),
        ("\\x9b", 0x9B),
        ("\\N", 0x85),
        ("\\L", 0x2028),
        ("\\P", 0x2029),
        ("\\u202E", 0x202E),
        ("\\u2066", 0x2066),
        ("\\u200B", 0x200B),
        ("\\uFEFF", 0xFEFF),
        ("\\U0000202e", 0x202E),
    ],
)
def test_escaped_control_in_double_quotes_is_refused(escape: str, code: int) -> None:
    data = f'id: x\nname: "{SECRET}{escape}tail"\n'.encode()
    error = assert_refused(data, "load.escaped_control", 2, 7)
    assert f"U+{code:04X}" in error.message.text("en")


def test_escaped_control_in_a_quoted_key_is_refused() -> None:
    assert_refused(b'id: x\n"na\\u200Bme": ' + S + b"\n", "load.escaped_control", 2, 1)


def test_harmless_escapes_are_accepted() -> None:
    data, _ = parse(b'a: "tab\\there"\nb: "line\\nbreak"\nc: "\\u00e4\\x41\\"\\\\"\n')
    assert data == {"a": "tab\there", "b": "line\nbreak", "c": 'äA"\\'}


# --- tabs and line endings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"contact:\n\tname: " + S + b"\n", 2, 1, id="tab-first"),
        pytest.param(b"contact:\n  \tname: " + S + b"\n", 2, 3, id="spaces-then-tab"),
        pytest.param(b"list:\n  - a\n\t- " + S + b"\n", 3, 1, id="sequence"),
        pytest.param(b"a: 1\n\t\nb: " + S + b"\n", 2, 1, id="tab-only-line"),
    ],
)
def test_tab_in_indentation_is_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.tab_indent", line, column)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"name:\t" + S + b"\n", id="after-colon"),
        pytest.param(b"name: " + S + b"\t# comment\n", id="before-comment"),
        pytest.param(b"name: " + S + b"\t\n", id="trailing"),
        pytest.param(b"name: GEHEIM\tNIS123\n", id="inside-plain-scalar"),
        pytest.param(b"name \t: " + S + b"\n", id="before-colon"),
    ],
)
def test_tab_outside_indentation_agrees_with_ruamel(data: bytes) -> None:
    """ruamel (which `om apply`/`om decide` use to edit files) refuses a tab as separator or
    inside a plain scalar in block context: `found character '\\t' that cannot start any token`.
    om must then refuse the file too, or `om check` passes a file that `om decide` cannot edit."""
    from ruamel.yaml import YAML

    with pytest.raises(Exception):  # noqa: B017 - precondition: ruamel refuses it
        YAML(typ="rt").load(data.decode())
    with pytest.raises(LoadError) as info:
        parse(data)
    assert info.value.message.id.startswith("load.")
    assert (info.value.line, info.value.column) == (1, data.index(b"\t") + 1)
    assert_message_safe(info.value)


def test_tab_inside_quotes_is_accepted() -> None:
    data, _ = parse(b"a: \"x\ty\"\nb: 'u\tv'\n")
    assert data == {"a": "x\ty", "b": "u\tv"}


def test_tab_in_flow_is_refused_although_ruamel_would_accept_it() -> None:
    """Stricter than needed, on purpose: one simple rule — tabs only inside quotes."""
    with pytest.raises(LoadError) as raised:
        parse(b"b: [1,\t2]\n")
    assert (raised.value.message.id, raised.value.line, raised.value.column) == ("load.tab", 1, 7)


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"id: x\r\nname: " + S + b"\r\n", 1, 6, id="crlf"),
        pytest.param(b"id: x\rname: " + S + b"\n", 1, 6, id="lone-cr"),
        pytest.param(b"id: x\nname: " + S + b"\r", 2, 19, id="cr-at-eof"),
        pytest.param(b"id: x\n# " + S + b"\r\nname: y\n", 2, 15, id="crlf-after-comment"),
    ],
)
def test_cr_line_endings_are_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.cr", line, column)


# --- documents and directives ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"id: x\n---\nname: " + S + b"\n", 2, 1, id="implicit-then-explicit"),
        pytest.param(b"---\nid: x\n---\nname: " + S + b"\n", 3, 1, id="two-explicit"),
        pytest.param(b"---\nid: x\n...\n---\nname: " + S + b"\n", 4, 1, id="after-end-marker"),
        pytest.param(b"---\nid: x\n---\n", 3, 1, id="empty-second"),
        pytest.param(b"id: x\n--- " + S + b"\n", 2, 1, id="scalar-second"),
    ],
)
def test_more_than_one_document_is_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.multiple_documents", line, column)


def test_one_explicit_document_is_accepted() -> None:
    assert parse(b"---\nid: x\n...\n")[0] == {"id": "x"}


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"%YAML 1.2\n---\nid: " + S + b"\n", 1, 1, id="yaml-1.2"),
        pytest.param(b"%YAML 1.1\n---\nid: yes\n", 1, 1, id="yaml-1.1"),
        pytest.param(b"%TAG !g! tag:" + S + b",2000:\n---\nid: x\n", 1, 1, id="tag"),
        pytest.param(b"%TAG ! !\n---\nid: x\n", 1, 1, id="tag-primary"),
        pytest.param(b"%" + S + b" reserved\n---\nid: x\n", 1, 1, id="reserved"),
        pytest.param(MODELINE + b"%YAML 1.2\n---\nid: x\n", 2, 1, id="after-comment"),
        pytest.param(b"id: x\n...\n%YAML 1.2\n---\nname: y\n", 3, 1, id="second-document"),
    ],
)
def test_directives_are_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.directive", line, column)


# --- anchors, aliases, alias bombs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"id: x\nname: &" + S + b" y\n", 2, 7, id="anchor-on-scalar"),
        pytest.param(b"&" + S + b" id: x\n", 1, 1, id="anchor-on-key"),
        pytest.param(b"id: x\ncontact: &" + S + b"\n  name: y\n", 2, 10, id="anchor-on-block-map"),
        pytest.param(b"id: x\nlist: &" + S + b" [1]\n", 2, 7, id="anchor-on-flow-seq"),
        pytest.param(b"id: x\nname: *" + S + b"\n", 2, 7, id="alias-undefined"),
        pytest.param(b"id: x\nlist: [1, *" + S + b"]\n", 2, 11, id="alias-in-flow"),
        pytest.param(b"id: x\n*" + S + b" : y\n", 2, 1, id="alias-as-key"),
        pytest.param(b"--- &" + S + b"\nid: x\n", 1, 5, id="anchor-on-root"),
    ],
)
def test_anchors_and_aliases_are_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.anchor", line, column)


def billion_laughs(levels: int = 9, width: int = 9) -> bytes:
    names = [f"l{i}" for i in range(levels)]
    lines = [f'{names[0]}: &{names[0]} ["{SECRET}"' + ', "lol"' * (width - 1) + "]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_fails_at_the_first_anchor_at_once() -> None:
    data = billion_laughs()
    start = time.perf_counter()
    assert_refused(data, "load.anchor", 1, 5)
    assert time.perf_counter() - start < 0.5


def test_megabyte_alias_bomb_fails_fast(tmp_path: Path) -> None:
    """A bomb as large as the size limit allows: 30 levels of 2-fold aliases plus padding."""
    lines = ['a0: &a0 ["' + SECRET + '"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]")
    head = ("\n".join(lines) + "\n").encode()
    data = head + b"z: [" + b"*a29, " * ((MAX_BYTES - len(head) - 10) // 6) + b"]\n"
    assert len(data) <= MAX_BYTES
    result = parse_isolated(data, tmp_path)
    assert (result["ok"], result["id"], result["line"], result["column"]) == (
        False,
        "load.anchor",
        1,
        5,
    )
    assert float(result["seconds"]) < 1.0  # type: ignore[arg-type]


def test_aliases_only_fail_at_the_first_alias(tmp_path: Path) -> None:
    data = b"id: x\nlist: [" + b"*a, " * 200_000 + b"]\n"
    result = parse_isolated(data, tmp_path)
    assert (result["id"], result["line"], result["column"]) == ("load.anchor", 2, 8)
    assert float(result["seconds"]) < 1.0  # type: ignore[arg-type]


# --- merge keys and value keys --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"<<: {" + S + b": 1}\n", 1, 1, id="merge-top"),
        pytest.param(b"id: x\ncontact:\n  <<: {name: " + S + b"}\n", 3, 3, id="merge-nested"),
        pytest.param(b"id: x\ncontact: {<<: " + S + b"}\n", 2, 11, id="merge-flow"),
        pytest.param(b"id: x\nlist: [<<, " + S + b"]\n", 2, 8, id="merge-as-value"),
        pytest.param(b"id: x\n" + S + b": =\n", 2, 15, id="value-key-as-value"),
        pytest.param(b"=: " + S + b"\n", 1, 1, id="value-key-as-key"),
        pytest.param(b"id: x\nlist: [" + S + b", =]\n", 2, 22, id="value-key-in-flow"),
    ],
)
def test_merge_and_value_keys_are_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.merge_key", line, column)


def test_quoted_merge_and_value_keys_are_strings() -> None:
    data, _ = parse(b'"<<": a\n\'=\': b\nc: "="\nd: <<x\ne: = b\nf: ==\n')
    assert data == {"<<": "a", "=": "b", "c": "=", "d": "<<x", "e": "= b", "f": "=="}


# --- tags -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(
            b'id: x\nname: !!python/object/apply:os.system ["echo ' + S + b'"]\n',
            2,
            7,
            id="python-apply",
        ),
        pytest.param(b"id: x\nname: !!python/name:os." + S + b" ''\n", 2, 7, id="python-name"),
        pytest.param(b"id: x\nname: !include /etc/" + S + b"\n", 2, 7, id="include"),
        pytest.param(b"id: x\nname: !!str " + S + b"\n", 2, 7, id="str"),
        pytest.param(b"id: x\nname: ! " + S + b"\n", 2, 7, id="non-specific"),
        pytest.param(b"id: x\nname: !<tag:yaml.org,2002:str> " + S + b"\n", 2, 7, id="verbatim"),
        pytest.param(b"id: x\nname: !!binary R0VIRUlNTklTMTIz\n", 2, 7, id="binary"),
        pytest.param(b"id: x\nsince: !!timestamp 2026-01-15\n", 2, 8, id="timestamp"),
        pytest.param(b"id: x\nset: !!set {" + S + b"}\n", 2, 6, id="set"),
        pytest.param(b"id: x\nmap: !!map\n  " + S + b": 1\n", 2, 6, id="block-map"),
        pytest.param(b"id: x\nlist: !!seq [" + S + b"]\n", 2, 7, id="flow-seq"),
        pytest.param(b"!!str " + S + b": x\n", 1, 1, id="on-key"),
        pytest.param(b"--- !!map\n" + S + b": x\n", 1, 5, id="on-root"),
        pytest.param(b"id: x\nname: !" + S + b" y\n", 2, 7, id="local"),
    ],
)
def test_tags_are_refused(data: bytes, line: int, column: int) -> None:
    assert_refused(data, "load.tag", line, column)


# --- nesting depth --------------------------------------------------------------------------------


def test_flow_sequences_exactly_64_levels_pass_65_fail() -> None:
    # the root mapping is level 1, so 63 lists make 64 levels
    ok, _ = parse(b"a: " + b"[" * 63 + S + b"]" * 63 + b"\n")
    node = ok["a"]
    for _ in range(62):
        node = node[0]
    assert node == [SECRET]
    assert_refused(b"a: " + b"[" * 64 + S + b"]" * 64 + b"\n", "load.too_deep", 1, 3 + 64)


def test_flow_mappings_exactly_64_levels_pass_65_fail() -> None:
    parse(b"a: " + b"{b: " * 63 + S + b"}" * 63 + b"\n")
    assert_refused(b"a: " + b"{b: " * 64 + S + b"}" * 64 + b"\n", "load.too_deep", 1, 4 + 63 * 4)


def test_block_mappings_exactly_64_levels_pass_65_fail() -> None:
    data, _ = parse(block_mappings(64))
    for i in range(63):
        data = data[f"k{i}"]
    assert data == {"k63": SECRET}
    assert_refused(block_mappings(65), "load.too_deep", 65, 65)


def test_block_sequences_exactly_64_levels_pass_65_fail() -> None:
    parse(b"a:\n  " + b"- " * 63 + S + b"\n")
    assert_refused(b"a:\n  " + b"- " * 64 + S + b"\n", "load.too_deep", 2, 3 + 63 * 2)


def test_top_level_flow_depth_is_counted_from_the_root() -> None:
    assert_refused(b"[" * 65 + S + b"]" * 65, "load.too_deep", 1, 65)


@pytest.mark.parametrize(
    ("prefix", "opener", "message_id", "line", "column"),
    [
        pytest.param(b"", b"[", "load.too_deep", 1, 65, id="1001-brackets"),
        pytest.param(b"a: ", b"[", "load.too_deep", 1, 67, id="1001-brackets-in-value"),
        pytest.param(b"a: ", b"{", "load.non_string_key", 1, 5, id="1001-braces-in-value"),
    ],
)
def test_flow_nesting_beyond_libyamls_limit(
    prefix: bytes, opener: bytes, message_id: str, line: int, column: int
) -> None:
    """libyaml's scanner looks ahead through all of `[[[[…` and stops at its own limit of 1000
    levels before om sees a single event: the result must still be om's finding at the 65th
    level, not a "syntax error: exceeded maximum nesting depth" at column 1001."""
    closer = b"]" if opener == b"[" else b"}"
    assert_refused(prefix + opener * 1001 + closer * 1001, message_id, line, column)


@pytest.mark.parametrize(
    ("data", "message_id", "line", "column"),
    [
        pytest.param(b"[" * 1_000_000, "load.too_deep", 1, 65, id="million-brackets"),
        pytest.param(b"a: " + b"[" * 1_000_000, "load.too_deep", 1, 67, id="million-in-value"),
        pytest.param(b"a: " + b"{" * 1_000_000, "load.non_string_key", 1, 5, id="million-braces"),
        pytest.param(b"a:\n" + b"- " * 500_000, "load.too_deep", 2, 1 + 63 * 2, id="block"),
    ],
)
def test_a_million_openers_fail_fast(
    data: bytes, message_id: str, line: int, column: int, tmp_path: Path
) -> None:
    result = parse_isolated(data, tmp_path)
    assert float(result["seconds"]) < 1.0  # type: ignore[arg-type]
    assert (result["ok"], result.get("id"), result.get("line"), result.get("column")) == (
        False,
        message_id,
        line,
        column,
    )


# --- keys -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "line", "column", "secret"),
    [
        pytest.param(b"123456789: x\n", 1, 1, "123456789", id="int"),
        pytest.param(b"id: x\n-98765: y\n", 2, 1, "98765", id="negative-int"),
        pytest.param(b"0x1F2E3D: x\n", 1, 1, "1F2E3D", id="hex"),
        pytest.param(b"3.14159: x\n", 1, 1, "3.14159", id="float"),
        pytest.param(b"id: x\ntrue: y\n", 2, 1, SECRET, id="true"),
        pytest.param(b"False: x\n", 1, 1, SECRET, id="False"),
        pytest.param(b"null: x\n", 1, 1, SECRET, id="null"),
        pytest.param(b"~: x\n", 1, 1, SECRET, id="tilde"),
        pytest.param(b"? \n: " + S + b"\n", 1, 2, SECRET, id="empty"),
        pytest.param(b"id: x\n? [" + S + b"]\n: y\n", 2, 3, SECRET, id="sequence-complex"),
        pytest.param(b"id: x\n? {" + S + b": 1}\n: y\n", 2, 3, SECRET, id="mapping-complex"),
        pytest.param(b"? - " + S + b"\n: y\n", 1, 3, SECRET, id="block-sequence-complex"),
        pytest.param(b"[" + S + b"]: y\n", 1, 1, SECRET, id="flow-sequence"),
        pytest.param(b"{" + S + b": 1}: y\n", 1, 1, SECRET, id="flow-mapping"),
        pytest.param(b"id: x\ncontact:\n  2026: " + S + b"\n", 3, 3, SECRET, id="nested-int"),
        pytest.param(b"id: {1: " + S + b"}\n", 1, 6, SECRET, id="in-flow"),
    ],
)
def test_non_string_keys_are_refused(data: bytes, line: int, column: int, secret: str) -> None:
    assert_refused(data, "load.non_string_key", line, column, secret=secret)


def test_quoted_scalar_keys_are_strings() -> None:
    data, _ = parse(b'"1": a\n\'true\': b\n"null": c\n"": d\n\'~\': e\n')
    assert data == {"1": "a", "true": "b", "null": "c", "": "d", "~": "e"}


@pytest.mark.parametrize(
    ("data", "line", "column", "first"),
    [
        pytest.param(S + b": 1\n" + S + b": 2\n", 2, 1, 1, id="top"),
        pytest.param(b"id: x\ncontact:\n  " + S + b": 1\n  " + S + b": 2\n", 4, 3, 3, id="nested"),
        pytest.param(b"x: {" + S + b": 1, " + S + b": 2}\n", 1, 22, 1, id="flow"),
        pytest.param(b"x:\n  - " + S + b": 1\n    " + S + b": 2\n", 3, 5, 2, id="in-sequence"),
        pytest.param(S + b": 1\n'" + S + b"': 2\n", 2, 1, 1, id="plain-then-quoted"),
        pytest.param(b'"A": 1\n"\\x41": 2\n', 2, 1, 1, id="spelled-by-escape"),
        pytest.param(S + b":\n  a: 1\nid: x\n" + S + b": [2]\n", 4, 1, 1, id="after-a-collection"),
        pytest.param(b"x: {" + S + b": 1,\n    " + S + b": 2}\n", 2, 5, 1, id="flow-multiline"),
    ],
)
def test_duplicate_keys_are_refused(data: bytes, line: int, column: int, first: int) -> None:
    error = assert_refused(data, "load.duplicate_key", line, column)
    assert str(first) in error.message.text("en")
    assert str(first) in error.message.text("de")


# --- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        ".inf",
        "-.inf",
        "+.inf",
        ".Inf",
        ".INF",
        "-.Inf",
        ".nan",
        ".NaN",
        ".NAN",
        "1e400",
        "-1e400",
        "1.7976931348623159e308",
    ],
)
def test_non_finite_floats_are_refused(value: str) -> None:
    assert_refused(f"id: x\nsize: {value}\n".encode(), "load.non_finite", 2, 7, secret=value)


def test_non_finite_in_a_flow_sequence() -> None:
    assert_refused(b"id: x\nsizes: [1, .inf]\n", "load.non_finite", 2, 12, secret=".inf")


@pytest.mark.parametrize(
    "value",
    [
        "1_000",
        "0b101",
        "+0x1F",
        "-0x1F",
        "+0o17",
        "-0o17",
        "0x_1F",
        "0o1_7",
        "1_000.5",
        "1_0e3",
        "-0b1",
        "0b_1",
        "1__",
        "+1_0",
    ],
)
def test_ambiguous_numbers_are_refused(value: str) -> None:
    assert_refused(f"id: x\nsize: {value}\n".encode(), "load.ambiguous_number", 2, 7, secret=value)


@pytest.mark.parametrize("value", [".5e3", "-.5e3", "+.5E3", ".0e0", ".1e10"])
def test_dot_float_with_unsigned_exponent_is_refused(value: str) -> None:
    """The core schema reads `.5e3` as 500.0, ruamel (whose float pattern wants a sign in the
    exponent after a leading dot) as the string ".5e3": the loader promises to refuse every
    plain scalar the two read differently."""
    assert_refused(f"id: x\nsize: {value}\n".encode(), "load.ambiguous_number", 2, 7, secret=value)


@pytest.mark.parametrize("value", ["._", "-._", "+._", ".__", "-_", "+_", "-__"])
def test_scalar_that_crashes_ruamel_is_refused(value: str) -> None:
    """ruamel's resolver takes these for numbers and then fails to convert them (ValueError,
    IndexError): a file om accepts must also be one that om's editing commands can read."""
    from ruamel.yaml import YAML

    with pytest.raises((ValueError, IndexError)):
        YAML(typ="rt").load(f"size: {value}\n")
    assert_refused(f"id: x\nsize: {value}\n".encode(), "load.ambiguous_number", 2, 7, secret=value)


@pytest.mark.parametrize(
    "value",
    ["9" * 101, "-" + "9" * 100, "1" * 60 + "." + "1" * 41, "0." + "0" * 100 + "1"],
    ids=["int-101", "negative-101", "float-102", "tiny-float"],
)
def test_too_long_numbers_are_refused(value: str) -> None:
    error = assert_refused(
        f"id: x\nsize: {value}\n".encode(), "load.number_too_long", 2, 7, secret=value[:30]
    )
    assert "100" in error.message.text("en")


@pytest.mark.parametrize(
    "value",
    ["0x" + "f" * 200, "0o" + "7" * 200, "0x" + "f" * 4000],
    ids=["hex", "octal", "hex-4000"],
)
def test_too_long_hex_and_octal_are_refused(value: str) -> None:
    """MAX_DIGITS applies to decimal integers and floats only: `0x` with 4000 digits is an int
    of 4817 decimal digits, above Python's int->str limit; `om check` with its (default) cache
    then exits 3 with a traceback in json.dump (see test_cli_huge_hex_with_cache)."""
    assert_refused(
        f"id: x\nsize: {value}\n".encode(), "load.number_too_long", 2, 7, secret=value[:30]
    )


def test_hundred_digits_are_still_a_number() -> None:
    data, _ = parse(f"a: {'9' * 100}\nb: -{'9' * 99}\n".encode())
    assert data == {"a": int("9" * 100), "b": -int("9" * 99)}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("1" * (MAX_BYTES - 16) + "x", id="digits-then-letter"),
        pytest.param("1" * (MAX_BYTES - 16) + "_x", id="digits-underscore-letter"),
        pytest.param("1" * 500_000 + "." + "1" * 500_000 + "x", id="digits-dot-digits-letter"),
    ],
)
def test_megabyte_plain_scalar_is_linear(value: str, tmp_path: Path) -> None:
    """`_LOOSE_NUMBER` backtracks quadratically (`[0-9_]*\\.?[0-9_]*`): 16,000 digits followed
    by a letter take ~8 s, 64,000 ~2 min; a 1 MiB scalar would hang `om check` for hours."""
    data = f"id: x\nnote: {value}\n".encode()
    assert len(data) <= MAX_BYTES
    result = parse_isolated(data, tmp_path, timeout=5.0)
    assert float(result["seconds"]) < 1.0  # type: ignore[arg-type]
    if result["ok"]:
        assert result["value"] == {"id": "x", "note": value}
    else:
        assert result["id"] == "load.number_too_long"


# --- top level ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"- " + S + b"\n", id="block-list"),
        pytest.param(b"[" + S + b"]\n", id="flow-list"),
        pytest.param(S + b"\n", id="plain-scalar"),
        pytest.param(b'"' + S + b'"\n', id="quoted-scalar"),
        pytest.param(b"|\n  " + S + b"\n", id="block-scalar"),
        pytest.param(b"42\n", id="int"),
        pytest.param(b"~\n", id="null"),
        pytest.param(b"---\n", id="explicit-empty-document"),
    ],
)
def test_top_level_not_a_mapping_is_refused(data: bytes) -> None:
    assert_refused(data, "load.not_mapping", 1, 1)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param(MODELINE + b"- " + S + b"\n", 2, id="list"),
        pytest.param(MODELINE + b"\n" + S + b"\n", 3, id="scalar-line-3"),
    ],
)
def test_top_level_not_a_mapping_points_at_the_root_node(data: bytes, line: int) -> None:
    """Every registry file starts with the modeline comment, so (1, 1) points at the comment,
    not at the list or scalar that is wrong."""
    assert_refused(data, "load.not_mapping", line, 1)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\n", id="newline"),
        pytest.param(b"   \n\n  \n", id="spaces"),
        pytest.param(b" \t \n", id="blank-with-tab"),
        pytest.param(b"# " + S + b"\n", id="comment"),
        pytest.param(MODELINE + b"\n# " + S + b"\n\n", id="modeline-and-comments"),
    ],
)
def test_empty_file_is_refused(data: bytes) -> None:
    assert_refused(data, "load.empty", 1, 1)


def test_syntax_error_reports_position_and_no_content() -> None:
    assert_refused(b'id: x\nname: "' + S + b"\n", "load.syntax", 3, 1)
    assert_refused(b"id: x\nname: " + S + b": y\n", "load.syntax", 2, 19)


# --- YAML 1.2 core schema -------------------------------------------------------------------------

CORE_SCHEMA = [
    ("~", None), ("null", None), ("Null", None), ("NULL", None), ("", None),
    ("true", True), ("True", True), ("TRUE", True),
    ("false", False), ("False", False), ("FALSE", False),
    ("yes", "yes"), ("no", "no"), ("on", "on"), ("off", "off"), ("Yes", "Yes"), ("NO", "NO"),
    ("y", "y"), ("n", "n"), ("tRUE", "tRUE"), ("nULL", "nULL"),
    ("0", 0), ("-0", 0), ("+1", 1), ("-17", -17), ("012", 12), ("0012", 12), ("08", 8),
    ("0o17", 15), ("0o0", 0), ("0x1F", 31), ("0x1f", 31), ("0xff", 255),
    ("0X1F", "0X1F"), ("0O17", "0O17"), ("0o8", "0o8"), ("0x", "0x"), ("0b", "0b"),
    ("1.5", 1.5), ("-1.5", -1.5), ("+1.5", 1.5), ("1.", 1.0), (".5", 0.5), ("-.5", -0.5),
    ("1e3", 1000.0), ("1E3", 1000.0), ("1e+3", 1000.0), ("1.5e-3", 0.0015), ("1.e3", 1000.0),
    (".5e+3", 500.0), ("0.0", 0.0), ("1e-400", 0.0),
    ("2026-01-15", "2026-01-15"), ("2026-02-30", "2026-02-30"), ("2026-1-5", "2026-1-5"),
    ("2026-01-15T10:00:00Z", "2026-01-15T10:00:00Z"), ("12:30", "12:30"), ("1:20:30", "1:20:30"),
    ("1e", "1e"), ("e3", "e3"), ("0.1.2", "0.1.2"), ("+", "+"), (".", "."),
    ("1 000", "1 000"), ("Müller", "Müller"), ("🙂", "🙂"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"), CORE_SCHEMA, ids=[repr(text) for text, _ in CORE_SCHEMA]
)
def test_core_schema_resolution(text: str, expected: object) -> None:
    data, _ = parse(f"v: {text}\n".encode())
    assert data == {"v": expected} and type(data["v"]) is type(expected), data
    if text:
        data, _ = parse(f"w: [{text}]\n".encode())
        assert data == {"w": [expected]} and type(data["w"][0]) is type(expected), data


@pytest.mark.parametrize(
    "text", ["'1_000'", '"1_000"', "'0x1F'", '"true"', "'~'", "'2026-01-15'", '".inf"', "'yes'"]
)
def test_quoted_scalars_stay_strings(text: str) -> None:
    assert parse(f"v: {text}\n".encode())[0] == {"v": text[1:-1]}


def test_block_scalars_stay_strings() -> None:
    data, _ = parse(b"a: |\n  0x1F\nb: >-\n  true\n  ~\nc: |-\n  1_000\n")
    assert data == {"a": "0x1F\n", "b": "true ~", "c": "1_000"}


def test_a_realistic_file_is_read() -> None:
    data, where = parse(
        MODELINE
        + "id: muster-gmbh\nname: Muster GmbH & Co. KG – Straße\ntype: company\n"
        "status: active\nprinciples_signed_on: 2026-01-15\nwebsite: https://example.org/a#b\n"
        "groups: [kammer, 'verband']\nnote: >\n  zwei\n  Zeilen\n".encode()
    )
    assert data == {
        "id": "muster-gmbh",
        "name": "Muster GmbH & Co. KG – Straße",
        "type": "company",
        "status": "active",
        "principles_signed_on": "2026-01-15",
        "website": "https://example.org/a#b",
        "groups": ["kammer", "verband"],
        "note": "zwei Zeilen\n",
    }
    assert where is None


# --- positions ------------------------------------------------------------------------------------

POSITIONS_DOC = (
    MODELINE + b"id: x\n"  # 2
    b"contact:\n"  # 3
    b"  name: Ana\n"  # 4
    b"  phones:\n"  # 5
    b'    - "0511"\n'  # 6
    b"    - 0512\n"  # 7
    b"tags: [a, {b: c}]\n"  # 8
    b'"a/b": 1\n'  # 9
    b"\"m~n\": {x/y: 2, '~1': 3}\n"  # 10
    b"text: |\n"  # 11
    b"  zwei\n"  # 12
    b"items:\n"  # 13
    b"- k: 1\n"  # 14
    b"  l: [\n"  # 15
    b"     7]\n"  # 16
    + "ä😀: ü\n".encode()  # 17
    + b'"": leer\n'  # 18
)


def test_positions_of_values() -> None:
    data, where = parse(POSITIONS_DOC, positions=True)
    assert isinstance(where, Positions)
    assert data["contact"]["phones"] == ["0511", 512]
    assert data["m~n"] == {"x/y": 2, "~1": 3}
    assert where.values == {
        "": (2, 1),
        "/id": (2, 5),
        "/contact": (4, 3),
        "/contact/name": (4, 9),
        "/contact/phones": (6, 5),
        "/contact/phones/0": (6, 7),
        "/contact/phones/1": (7, 7),
        "/tags": (8, 7),
        "/tags/0": (8, 8),
        "/tags/1": (8, 11),
        "/tags/1/b": (8, 15),
        "/a~1b": (9, 8),
        "/m~0n": (10, 8),
        "/m~0n/x~1y": (10, 14),
        "/m~0n/~01": (10, 23),
        "/text": (11, 7),
        "/items": (14, 1),
        "/items/0": (14, 3),
        "/items/0/k": (14, 6),
        "/items/0/l": (15, 6),
        "/items/0/l/0": (16, 6),
        "/ä😀": (17, 5),
        "/": (18, 5),
    }


def test_positions_of_keys() -> None:
    _, where = parse(POSITIONS_DOC, positions=True)
    assert where is not None
    assert where.keys == {
        "/id": (2, 1),
        "/contact": (3, 1),
        "/contact/name": (4, 3),
        "/contact/phones": (5, 3),
        "/tags": (8, 1),
        "/tags/1/b": (8, 12),
        "/a~1b": (9, 1),
        "/m~0n": (10, 1),
        "/m~0n/x~1y": (10, 9),
        "/m~0n/~01": (10, 17),
        "/text": (11, 1),
        "/items": (13, 1),
        "/items/0/k": (14, 3),
        "/items/0/l": (15, 3),
        "/ä😀": (17, 1),
        "/": (18, 1),
    }


def test_locate_falls_back_to_the_nearest_ancestor() -> None:
    _, where = parse(POSITIONS_DOC, positions=True)
    assert where is not None
    assert where.locate("/contact/name") == (4, 9)
    assert where.locate("/contact/name", key=True) == (4, 3)
    assert where.locate("/contact/email") == (4, 3)
    assert where.locate("/contact/email", key=True) == (4, 3)
    assert where.locate("/contact/phones/9/x") == (6, 5)
    assert where.locate("/nope/deeper") == (2, 1)
    assert where.locate("") == (2, 1)
    assert Positions().locate("/anything") == (1, 1)


def test_positions_are_off_by_default() -> None:
    assert parse(b"a: 1\n")[1] is None


# --- every load message ---------------------------------------------------------------------------


@pytest.mark.parametrize("message_id", sorted(key for key in CATALOGUE if key.startswith("load.")))
def test_every_load_message_has_distinct_texts(message_id: str) -> None:
    args: dict[str, str | int] = {
        "limit": 100,
        "code": "0000",
        "first_line": 7,
        "reason": "x",
        "problem": "p",
    }
    de_template, en_template = CATALOGUE[message_id]
    used = {name: value for name, value in args.items() if "{" + name + "}" in de_template}
    message = msg(message_id, **used)
    assert message.text("de").strip() and message.text("en").strip()
    assert message.text("de") != message.text("en")
    assert en_template != de_template


# --- the hostile corpus ---------------------------------------------------------------------------

CORPUS = sorted(path for path in HOSTILE.glob("*.yaml") if path.name != "expected.yaml")


def _expected() -> dict[str, dict[str, object]]:
    data, _ = load_file(str(HOSTILE / "expected.yaml"))
    return data


def test_corpus_and_expectations_match() -> None:
    assert len(CORPUS) >= 25
    assert sorted(_expected()) == sorted(path.stem for path in CORPUS)
    for path in CORPUS:
        assert path.stat().st_size < 64 * 1024, f"{path.name}: generate big files at runtime"


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_hostile_file(path: Path) -> None:
    want = _expected()[path.stem]
    ids = want["id"] if isinstance(want["id"], list) else [want["id"]]
    columns = want["column"] if isinstance(want["column"], list) else [want["column"]]
    start = time.perf_counter()
    try:
        load_file(str(path), positions=True)
    except LoadError as error:
        got = (error.message.id, error.line, error.column)
        assert error.message.id in ids and error.line == want["line"] and error.column in columns, (
            f"{path.name}: got {got}, want ({want['id']}, {want['line']}, {want['column']})"
        )
        assert_message_safe(error)
    except Exception as error:
        pytest.fail(f"{path.name}: {type(error).__module__}.{type(error).__name__} escaped parse")
    else:
        pytest.fail(f"{path.name}: accepted ({want['why']})")
    assert time.perf_counter() - start < 0.5


# --- the real command line on all hostile files at once -------------------------------------------


def _hostile_registry(root: Path) -> list[str]:
    """A registry whose partners are the hostile corpus plus big and special files; returns
    the stems that must each get an OM001 finding."""
    partners = root / "partners"
    partners.mkdir(parents=True)
    stems = []
    for path in CORPUS:
        shutil.copyfile(path, partners / path.name)
        stems.append(path.stem)
    generated = {
        "two-mib": b"name: " + S + b"\nx: " + b"a" * (2 * MAX_BYTES) + b"\n",
        "alias-bomb": billion_laughs(levels=12, width=30),
        "million-brackets": b"name: " + b"[" * 1_000_000,
        "deep-block": block_mappings(65),
        "deep-flow-mappings": b"a: " + b"{b: " * 200 + b"}" * 200 + b"\n",
    }
    for stem, data in generated.items():
        (partners / f"{stem}.yaml").write_bytes(data)
        stems.append(stem)
    os.mkfifo(partners / "fifo.yaml")
    stems.append("fifo")
    secret = root.parent / "outside-secret.yaml"
    secret.write_bytes(b"password: " + S + b"\n")
    (partners / "secret-link.yaml").symlink_to(secret)
    stems.append("secret-link")
    return stems


# Runs its arguments as a child and reports that child's peak memory (KiB) on stderr: the
# test process's own RUSAGE_CHILDREN would include every child any earlier test waited for.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "sys.stderr.write('\\nMAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_cli_reports_every_hostile_file(tmp_path: Path, lang: str) -> None:
    registry = tmp_path / "registry"
    stems = _hostile_registry(registry)
    env = {**os.environ, "OM_LANG": lang}
    start = time.perf_counter()
    try:
        run = subprocess.run(
            [sys.executable, "-c", _MEASURE, sys.executable, "-m", "om_cli", "check",
             "--registry", str(registry), "--format", "json", "--no-cache",
             "--as-of", "2026-11-25"],
            capture_output=True,
            text=True,
            timeout=10,
            cwd=tmp_path,
            env=env,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("om check did not finish within 10 s on the hostile registry")
    seconds = time.perf_counter() - start
    # the peak resident set of om and its workers, as the wrapper process measured it
    measured, _, rest = run.stderr.rpartition("\nMAXRSS ")
    peak_mib = int(rest.strip()) / 1024
    run = subprocess.CompletedProcess(run.args, run.returncode, run.stdout, measured)
    print(f"\nhostile om check ({lang}): {seconds:.2f} s, peak RSS <= {peak_mib:.0f} MiB")
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 1, (run.returncode, run.stderr[-2000:])
    report = json.loads(run.stdout)
    om001 = {f["entity"]: f for f in report["findings"] if f["rule"] == "OM001"}
    missing = sorted(stem for stem in stems if f"partners/{stem}" not in om001)
    assert not missing, f"no OM001 finding for: {missing}"
    for entity, finding in om001.items():
        assert finding["line"] >= 1 and finding["column"] >= 1, (entity, finding)
        assert finding["severity"] == "error"
        assert finding["message"].strip()
    assert SECRET not in run.stdout and SECRET not in run.stderr
    assert "password" not in run.stdout
    assert seconds < 10
    assert peak_mib < 200


def test_cli_huge_hex_with_cache(tmp_path: Path) -> None:
    """With the cache on (the default), an accepted 4000-digit hex integer reaches json.dump,
    which refuses ints of more than 4300 decimal digits: exit 3 and a traceback."""
    registry = tmp_path / "registry"
    (registry / "partners").mkdir(parents=True)
    shutil.copyfile(HOSTILE / "huge-hex.yaml", registry / "partners" / "huge-hex.yaml")
    run = subprocess.run(
        [sys.executable, "-m", "om_cli", "check", "--registry", str(registry),
         "--format", "json", "--as-of", "2026-11-25"],
        capture_output=True,
        text=True,
        timeout=10,
        cwd=tmp_path,
    )  # fmt: skip
    assert "Traceback" not in run.stderr, run.stderr[-1500:]
    assert run.returncode == 1
