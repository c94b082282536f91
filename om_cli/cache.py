"""The content-hash cache of parse and schema results.

A registry's files rarely change between two runs, and parsing plus schema validation is most of
a cold run's work. Results are stored per registry (`om_cli.store`), keyed by the BLAKE2 hash of
each file's bytes and its kind. A cache from another om version or schema set is ignored.
"""

from __future__ import annotations

import os
from typing import Any

from om_cli.loader import LoadError
from om_cli.messages import decode_message, encode_message
from om_cli.schema import SchemaProblem
from om_cli.store import cache_dir, code_stamp, digest, read_trusted_json, write_json_atomically

# An entry: [data | None, error | None, problems]; error = [message, line, column];
# a message = [id, [[name, value], ...]]; a problem = [pointer, keyword, message, at_key].
Entry = list[Any]


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


PARSE_CODE = ("loader.py", "schema.py", "cache.py", "messages.py", "schemas")


class Cache:
    """One registry's cached entries, read at start and written back when changed."""

    def __init__(self, root: str, *, enabled: bool = True) -> None:
        self.enabled = enabled
        name = digest(os.path.abspath(root).encode("utf-8", "surrogateescape"))
        self.path = os.path.join(cache_dir(), f"registry-{name}.json")
        # parse and schema results depend on the loader, the validator and the schemas only
        self.stamp = code_stamp(PARSE_CODE) if enabled else ""
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
