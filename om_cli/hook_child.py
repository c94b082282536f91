"""The child process of `om hook pre-receive`: `python -m om_cli.hook_child REQUEST`.

It checks one ref update (REQUEST is JSON, built by `om_cli.hook`) under the time and memory
limits the parent set, prints the findings as text and exits 0 (no errors), `FINDINGS`
(errors) or anything else (the check could not be made — among them Python's own 1 for a
crash, e.g. out of memory, which must never pass for a verdict). A module of its own, outside
`om_cli.cli`, so the child starts without typer and the other commands.
"""

from __future__ import annotations

import json
import sys

from om_cli.hook import FINDINGS
from om_cli.messages import msg


def child(argv: list[str]) -> int:
    """Check one update, print the findings, return the exit code."""
    from om_cli.errors import OmError
    from om_cli.hook import child_report
    from om_cli.reporters import REPORTERS

    try:
        request = json.loads(argv[0])
        if not isinstance(request, dict):
            raise ValueError
    except (IndexError, ValueError):
        sys.stdout.write(f"om: {msg('hook.bad_request').text('de')}\n")
        return 2
    lang = str(request.get("lang") or "de")
    try:
        report = child_report(request)
        REPORTERS["text"](report, lang, sys.stdout, False)
    except OmError as error:
        sys.stdout.write(f"om: {error.text(lang)}\n")
        return 2
    except MemoryError:
        return 3
    return FINDINGS if report.exit_code() else 0


if __name__ == "__main__":
    sys.exit(child(sys.argv[1:]))
