"""Where om keeps its caches, and how it reads and writes them safely.

Cache files live in `$XDG_CACHE_HOME/om/` (default `~/.cache/om/`). They are JSON — data that
can never run code — and a file that is unreadable, corrupt, not owned by the current user or
writable by others is ignored, never trusted. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from typing import Any

from om_cli import __version__

FORMAT = 1


def cache_dir() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "om")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def code_stamp(only: tuple[str, ...] = ()) -> str:
    """What cached results depend on besides the files: om's code and schemas.

    The version alone is not enough while om is being developed: the size and modification
    time of every module and schema of the package count too (about sixty `stat` calls), or
    only those of the modules and folders named in `only` (relative to the package).
    """
    package = os.path.dirname(os.path.abspath(__file__))
    parts = [str(FORMAT), __version__]
    for folder, _, names in sorted(os.walk(package)):
        for name in sorted(names):
            relative = os.path.relpath(os.path.join(folder, name), package)
            if not name.endswith((".py", ".json", ".yaml")):
                continue
            if only and not relative.startswith(only):
                continue
            info = os.stat(os.path.join(folder, name))
            parts.append(f"{relative}:{info.st_size}:{info.st_mtime_ns}")
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
                # dumps, not dump: only the one-shot form uses the C encoder (5–10× faster
                # on the parse cache of a large registry)
                handle.write(json.dumps(content, separators=(",", ":"), allow_nan=False))
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise
    except (OSError, ValueError):
        pass


def _reject(constant: str) -> Any:
    raise ValueError(f"non-finite number {constant} in cache")
