"""The content-hash cache of parse and schema results.

A registry's files rarely change between two runs, and parsing plus schema validation is most of
a cold run's work. Results are stored per registry in `$XDG_CACHE_HOME/om/` (default
`~/.cache/om/`), keyed by the BLAKE2 hash of each file's bytes and its kind, in a JSON file
(JSON, not pickle: a cache file is data and can never run code). A cache file that is
unreadable, corrupt, from another om version or schema set, or not owned by the current user
or writable by others is ignored and rewritten — never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from typing import Any

from om_cli import __version__
from om_cli.loader import LoadError
from om_cli.messages import CATALOGUE, Message
from om_cli.schema import SCHEMA_KINDS, SchemaProblem, load_schema

FORMAT = 1


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "om")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def code_stamp() -> str:
    """What cached results depend on besides the files: om's code and schemas.

    The version alone is not enough while om is being developed: the size and modification
    time of every module of the package count too (about fifty `stat` calls).
    """
    package = os.path.dirname(os.path.abspath(__file__))
    parts = [str(FORMAT), __version__]
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            if name.endswith((".py", ".json", ".yaml")):
                info = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), package)}:"
                             f"{info.st_size}:{info.st_mtime_ns}")  # fmt: skip
    schemas = json.dumps([load_schema(kind) for kind in SCHEMA_KINDS], sort_keys=True)
    parts.append(digest(schemas.encode()))
    return digest("\n".join(parts).encode())


def read_trusted_json(path: str) -> Any:
    """A cache file's content, or None when it is missing, corrupt or not safely ours."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        foreign = hasattr(os, "getuid") and info.st_uid != os.getuid()
        writable = info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
        if foreign or writable or not stat.S_ISREG(info.st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return json.loads(handle.read(), parse_constant=_reject)
    except (OSError, ValueError):
        return None
    finally:
        os.close(fd)


def write_json_atomically(path: str, content: Any) -> None:
    """Replace `path` by `content`; a cache that cannot be written only costs time next run."""
    import tempfile

    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(content, handle, separators=(",", ":"), allow_nan=False)
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, ValueError):
        pass


# An entry: [data | None, error | None, problems]; error = [message, line, column];
# a message = [id, [[name, value], ...]]; a problem = [pointer, keyword, message, at_key].
Entry = list[Any]


def encode_message(message: Message) -> list[Any]:
    return [message.id, [[name, _encode_arg(value)] for name, value in message.args]]


def _encode_arg(value: Any) -> Any:
    return {"m": encode_message(value)} if isinstance(value, Message) else value


def decode_message(raw: Any) -> Message:
    message_id, args = raw
    if not isinstance(message_id, str) or message_id not in CATALOGUE:
        raise ValueError("bad message id")
    decoded = []
    for name, value in args:
        if isinstance(value, dict):
            value = decode_message(value["m"])
        elif not isinstance(value, str | int):
            raise ValueError("bad argument")
        decoded.append((str(name), value))
    return Message(message_id, tuple(decoded))


def encode(data: Any, error: LoadError | None, problems: tuple[SchemaProblem, ...]) -> Entry:
    encoded_error = (
        None if error is None else [encode_message(error.message), error.line, error.column]
    )
    encoded = [[p.pointer, p.keyword, encode_message(p.message), p.at_key] for p in problems]
    return [data, encoded_error, encoded]


def decode(entry: Entry) -> tuple[Any, LoadError | None, tuple[SchemaProblem, ...]]:
    data, raw_error, raw_problems = entry
    if raw_error is None and not raw_problems and isinstance(data, dict):
        return data, None, ()  # the common case: a clean file
    error = None
    if raw_error is not None:
        error = LoadError(decode_message(raw_error[0]), int(raw_error[1]), int(raw_error[2]))
    problems = tuple(
        SchemaProblem(str(pointer), str(keyword), decode_message(message), bool(at_key))
        for pointer, keyword, message, at_key in raw_problems
    )
    if data is not None and not isinstance(data, dict):
        raise ValueError("bad data")
    return data, error, problems


def _reject(constant: str) -> Any:
    raise ValueError(f"non-finite number {constant} in cache")


class Cache:
    """One registry's cached entries, read at start and written back when changed."""

    def __init__(self, root: str, *, enabled: bool = True) -> None:
        self.enabled = enabled
        name = digest(os.path.abspath(root).encode("utf-8", "surrogateescape"))
        self.path = os.path.join(cache_dir(), f"registry-{name}.json")
        self.stamp = code_stamp() if enabled else ""
        self.entries: dict[str, Entry] = self._read() if enabled else {}
        self.used: dict[str, Entry] = {}
        self.changed = False

    def _read(self) -> dict[str, Entry]:
        content = read_trusted_json(self.path)
        if not isinstance(content, dict) or content.get("stamp") != self.stamp:
            return {}
        entries = content.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str) -> tuple[Any, LoadError | None, tuple[SchemaProblem, ...]] | None:
        entry = self.entries.get(key)
        if entry is None:
            return None
        try:
            result = decode(entry)
        except (ValueError, TypeError, KeyError, IndexError):
            return None
        self.used[key] = entry
        return result

    def put(
        self, key: str, data: Any, error: LoadError | None, problems: tuple[SchemaProblem, ...]
    ) -> None:
        if self.enabled:
            self.used[key] = encode(data, error, problems)
            self.changed = True

    def save(self) -> None:
        """Write the entries used in this run (so the file never grows stale), atomically."""
        if not self.enabled or (not self.changed and len(self.used) == len(self.entries)):
            return
        write_json_atomically(self.path, {"stamp": self.stamp, "entries": self.used})
