"""The console script `om` (and `python -m om_cli`): the command line, loaded quietly.

Loading the command line takes a tenth of a second; a Ctrl-C in that time ends om with the same
message and exit code as one while it works (`om_cli.cli.main`), not with a traceback.
"""

from __future__ import annotations

import sys


def run() -> None:
    """Load the command line, then run it."""
    try:
        from om_cli.cli import run as command
    except KeyboardInterrupt:
        sys.stderr.write("om: abgebrochen / interrupted\n")
        raise SystemExit(130) from None
    command()
