"""Writing a command's output to a file (`--out`): atomically, never half-written.

The text goes to a temporary file in the target's own folder, is flushed to disk (fsync) and
then renamed over the target, and the folder is synced; a reader sees the old file or the
whole new one, never a part. A failure removes the temporary file and leaves the target as it
was.
"""

from __future__ import annotations

import contextlib
import os
import secrets

from om_cli.errors import WriteError
from om_cli.messages import msg, printable

TEMP_PREFIX = ".om-out-"


def write_atomic(path: str, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically; a `WriteError` says why it could not be."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise WriteError(msg("output.is_folder", path=printable(path, 200)))
    temp = os.path.join(folder, f"{TEMP_PREFIX}{secrets.token_hex(6)}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(fd, text.encode("utf-8"))  # small files: one write
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        reason = printable(error.strerror or str(error), 200)
        raise WriteError(msg("output.failed", path=printable(path, 200), reason=reason)) from None
    with contextlib.suppress(OSError):  # the rename is durable once the folder is synced
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
