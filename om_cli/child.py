"""Work done by a `fork()`ed copy of om on another core while om goes on.

The child computes one value of plain data and sends it back through a pipe as `marshal` bytes
(the same program on both ends; several times faster than pickle). It leaves with `os._exit`,
running none of the parent's cleanup. Where `fork` is missing, or fails, `Child.start` returns
None; where the child fails, `result` does: the caller then does the work itself, so what it
finds never depends on the path taken.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import signal
from collections.abc import Callable, Iterable
from typing import Any


class Child:
    """A forked child computing `job()`; `result` waits for the value."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid: int | None = pid
        self._pipe = pipe

    @classmethod
    def start(cls, job: Callable[[], Any], close: Iterable[int] = ()) -> Child | None:
        """Fork a child that runs `job` and sends back what it returns. The child first closes
        the file descriptors `close` (its copies of the parent's: e.g. the end of a pipe that
        must see its end when the parent closes it)."""
        if not hasattr(os, "fork"):
            return None
        try:
            read_end, write_end = os.pipe()
        except OSError:
            return None
        try:
            pid = os.fork()
        except OSError:
            os.close(read_end)
            os.close(write_end)
            return None
        if pid == 0:  # the child
            code = 1
            try:
                os.close(read_end)
                for descriptor in close:
                    os.close(descriptor)
                view = memoryview(marshal.dumps(job()))
                while view:
                    view = view[os.write(write_end, view) :]
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        return cls(pid, read_end)

    def result(self) -> Any | None:
        """What `job` returned; None when the child failed (or was cancelled)."""
        if self._pid is None:
            return None
        chunks = []
        pipe_fd, self._pipe = self._pipe, -1  # closed below, whatever happens
        with os.fdopen(pipe_fd, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:  # SIGCHLD ignored (inherited so): no exit status to read
            status = 1 << 8
        self._pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        try:
            return marshal.loads(b"".join(chunks))
        except (ValueError, EOFError, TypeError):
            return None

    def cancel(self) -> None:
        """End the child if it still runs (the parent gave up on its result)."""
        if self._pid is None:
            return
        with contextlib.suppress(OSError):  # it may have ended already
            os.kill(self._pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):  # SIGCHLD ignored: reaped already
            os.waitpid(self._pid, 0)
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        self._pid = None
