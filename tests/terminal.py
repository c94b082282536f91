"""A real pseudo-terminal for interactive tests: `python -m om_cli` on a pty, driven by text.

The child process sees a terminal on stdin, stdout and stderr (rich prompts, readline, the
spinner), exactly as a coordinator's shell would give it. `expect` waits for a text in the
output (colour and cursor codes stripped), `line` types an answer and Enter, `interrupt`
sends Ctrl-C as the terminal would (the INTR character, turned into SIGINT by the pty), again
if the first one went unnoticed.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\x1b[=>]|\r")


class Terminal:
    def __init__(self, args: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> None:
        import pty

        master, slave = pty.openpty()
        environ = dict(os.environ if env is None else env)
        environ.update(COLUMNS="200", LINES="50", TERM="xterm", PYTHONUNBUFFERED="1")
        environ.pop("NO_COLOR", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "om_cli", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=cwd,
            env=environ,
            start_new_session=True,  # its own session: the pty becomes its terminal
            preexec_fn=_controlling_terminal,
        )
        os.close(slave)
        self.master = master
        self.output = ""  # everything read so far, cleaned
        self.seen = 0  # how far `expect` has consumed

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # the child has gone and the pty is closed
            return False
        if not chunk:
            return False
        self.output += ANSI.sub("", chunk.decode("utf-8", "replace"))
        return True

    def expect(self, text: str, timeout: float = 20.0) -> str:
        """Wait until `text` appears after what was consumed; return the output up to it."""
        return self.expect_pattern(re.escape(text), timeout)

    def prompt(self, text: str, timeout: float = 20.0) -> str:
        """Wait for a prompt (a line starting with "? ") that contains `text`."""
        return self.expect_pattern(rf"\? [^\n]*{re.escape(text)}", timeout)

    def expect_pattern(self, pattern: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        wanted = re.compile(pattern)
        while True:
            found = wanted.search(self.output, self.seen)
            if found is not None:
                before = self.output[self.seen : found.end()]
                self.seen = found.end()
                return before
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (not self._read(min(remaining, 0.2)) and self._gone()):
                if wanted.search(self.output, self.seen) is not None:
                    continue
                raise AssertionError(
                    f"did not see {pattern!r}; output after the last match:\n"
                    f"{self.output[self.seen :]}"
                )

    def _gone(self) -> bool:
        if self.process.poll() is None:
            return False
        while self._read(0.05):  # what is still buffered
            pass
        return True

    def line(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8") + b"\r")

    def interrupt(self, *, until_exit: bool = True) -> None:
        """Ctrl-C. A SIGINT that lands just before Python blocks reading the terminal is only
        noticed at the next key (a race in CPython's readline loop, not in om); a user then
        presses Ctrl-C again, and so does this, up to three times."""
        for _ in range(3):
            os.write(self.master, b"\x03")
            if not until_exit:
                return
            deadline = time.monotonic() + 3
            while self.process.poll() is None and time.monotonic() < deadline:
                self._read(0.1)
            if self.process.poll() is not None:
                return

    def finish(self, timeout: float = 60.0) -> int:
        """Read to the end; the exit code."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()
            raise AssertionError(f"om did not finish; output:\n{self.output}")
        while self._read(0.05):
            pass
        os.close(self.master)
        return self.process.returncode

    def rest(self) -> str:
        return self.output[self.seen :]


def _controlling_terminal() -> None:
    """In the child: make stdin (the pty) the controlling terminal, so Ctrl-C is SIGINT."""
    import fcntl
    import termios

    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
