"""The last report per registry, reused while nothing it depends on has changed.

A warm `om check` of an unchanged registry should cost little more than listing it. The report
of the last run is stored with a key over everything that decides it: om's code and schemas,
the as-of date, the registry's path, every file's place, kind and content hash, and the files
om refused to read. Content hashes come from a memo of each file's size, modification time and
inode, as git's index does; a file modified within two seconds of the memo is read and hashed
again, so an edit in the same clock tick is never missed. Anything unexpected — a changed file,
an unreadable or foreign cache — means the report is computed afresh.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

from om_cli.discovery import Entry, Placement
from om_cli.findings import Finding, Report, Severity
from om_cli.messages import decode_message, encode_message
from om_cli.store import cache_dir, code_stamp, digest, read_trusted_json, write_json_atomically

RACY_NS = 2_000_000_000


class ReportCache:
    def __init__(self, root: str, shown: str, as_of: dt.date, *, enabled: bool = True) -> None:
        self.enabled = enabled
        self.shown = shown
        self.as_of = as_of
        name = digest(os.path.abspath(root).encode("utf-8", "surrogateescape"))
        self.path = os.path.join(cache_dir(), f"report-{name}.json")
        self.stamp = code_stamp() if enabled else ""
        content = read_trusted_json(self.path) if enabled else None
        valid = isinstance(content, dict) and content.get("stamp") == self.stamp
        self.content: dict[str, Any] = content if valid and isinstance(content, dict) else {}
        memo = self.content.get("memo")
        self.memo: dict[str, Any] = memo if isinstance(memo, dict) else {}
        written = self.content.get("written_ns")
        self.written_ns = written if isinstance(written, int) else 0
        self.new_memo: dict[str, str] = {}  # path -> 'size:mtime:inode:hash'
        self.read: dict[str, bytes] = {}  # files read to hash them, for the loader to reuse
        # the listing this run used: the folders listed (path, mtime, inode) and what they held
        self.folders: list[tuple[str, int, int]] = []
        self.discovered: tuple[list[Entry], list[Placement]] | None = None

    def listing(self) -> tuple[list[Entry], list[Placement]] | None:
        """The last run's listing of the registry, while none of its folders has changed since
        (a file added, removed, renamed or replaced changes its folder's modification time; a
        folder touched within two seconds of the memo is listed again, as files are hashed
        again); None when the registry must be listed anew."""
        if not self.enabled:
            return None
        try:
            if self.content["listed_as"] != self.shown:
                return None  # the entries carry the registry's path as it was shown
            folders = self.content["folders"]
            for path, mtime, inode in folders:
                info = os.stat(path, follow_symlinks=False)
                if (info.st_mtime_ns, info.st_ino) != (mtime, inode):
                    return None
                if info.st_mtime_ns >= self.written_ns - RACY_NS:
                    return None
            entries = [_decode_entry(raw) for raw in self.content["entries"]]
            placements = [_decode_placement(raw) for raw in self.content["placements"]]
        except (OSError, KeyError, TypeError, ValueError):
            return None
        self.folders = [(str(path), int(mtime), int(inode)) for path, mtime, inode in folders]
        return entries, placements

    def key(self, entries: list[Entry], placements: list[Placement]) -> str | None:
        """The key of the report for these files, or None when it cannot be trusted."""
        if not self.enabled:
            return None
        lines = [self.stamp, self.as_of.isoformat(), self.shown]
        for entry in entries:
            fingerprint = self._fingerprint(entry)
            if fingerprint is None:
                return None
            lines.append(f"{entry.kind}\0{entry.file}\0{entry.folder}\0{fingerprint}")
        lines.extend(f"{p.rule}\0{p.entity}\0{p.file}\0{p.message.id}" for p in placements)
        return digest("\n".join(lines).encode("utf-8", "surrogateescape"))

    def _fingerprint(self, entry: Entry) -> str | None:
        if not entry.regular:
            return "irregular"  # a link or FIFO: refused the same way every time
        try:
            info = os.stat(entry.path, follow_symlinks=False)
        except OSError:
            return None
        signature = f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:"
        known = self.memo.get(entry.path)
        racy = info.st_mtime_ns >= self.written_ns - RACY_NS
        if isinstance(known, str) and known.startswith(signature) and not racy:
            self.new_memo[entry.path] = known
            return known[len(signature) :]
        from om_cli.loader import LoadError, read_bytes  # only when a file has changed

        try:
            raw = read_bytes(entry.path, regular=True)
            self.read[entry.path] = raw
            hashed = digest(raw)
        except LoadError as error:
            hashed = f"error:{error.message.id}"
        self.new_memo[entry.path] = signature + hashed
        return hashed

    def lookup(self, key: str | None) -> Report | None:
        if key is None or self.content.get("key") != key:
            return None
        try:
            findings = tuple(_decode_finding(raw) for raw in self.content["findings"])
            files = int(self.content["files"])
        except (KeyError, ValueError, TypeError, IndexError):
            return None
        return Report(self.shown, self.as_of.isoformat(), findings, files)

    def store(self, key: str | None, report: Report) -> None:
        if key is None:
            return
        content = {
            "stamp": self.stamp,
            "written_ns": time.time_ns(),
            "memo": self.new_memo,
            "key": key,
            "findings": [_encode_finding(finding) for finding in report.findings],
            "files": report.files,
        }
        if self.discovered is not None and self.folders:
            entries, placements = self.discovered
            content["listed_as"] = self.shown
            content["folders"] = [list(folder) for folder in self.folders]
            content["entries"] = [list(entry) for entry in entries]
            content["placements"] = [
                [p.rule, p.entity, p.file, encode_message(p.message)] for p in placements
            ]
        write_json_atomically(self.path, content)


def _decode_entry(raw: Any) -> Entry:
    kind, stem, path, file, folder, regular = raw
    # spelt out rather than looped: thousands of entries are decoded on every warm run
    if (
        type(kind) is not str
        or type(stem) is not str
        or type(path) is not str
        or type(file) is not str
        or (folder is not None and type(folder) is not str)
        or type(regular) is not bool
    ):
        raise ValueError("bad entry")
    return Entry(kind, stem, path, file, folder, regular)


def _decode_placement(raw: Any) -> Placement:
    rule, entity, file, message = raw
    if not all(isinstance(value, str) for value in (rule, entity, file)):
        raise ValueError("bad placement")
    return Placement(rule, entity, file, decode_message(message))


def _encode_finding(finding: Finding) -> list[Any]:
    return [
        finding.rule,
        finding.severity.value,
        finding.entity,
        finding.file,
        finding.line,
        finding.column,
        finding.pointer,
        encode_message(finding.message),
        finding.waiver,
    ]


def _decode_finding(raw: Any) -> Finding:
    rule, severity, entity, file, line, column, pointer, message, waiver = raw
    strings = (rule, entity, file, pointer)
    if not all(isinstance(value, str) for value in strings) or not isinstance(line, int):
        raise ValueError("bad finding")
    if not isinstance(column, int) or not (waiver is None or isinstance(waiver, str)):
        raise ValueError("bad finding")
    return Finding(
        rule,
        Severity(severity),
        entity,
        file,
        line,
        column,
        pointer,
        decode_message(message),
        waiver,
    )
