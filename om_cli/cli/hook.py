"""`om hook pre-receive`: the server-side hook (the work is in `om_cli.hook`).

Run as a module (`python -m om_cli.cli.hook REQUEST`), this is also the child process in which
the hook checks one ref update under time and memory limits: it prints the findings as text
and exits 0 (no errors), `FINDINGS` (errors) or anything else (the check could not be made —
among them Python's own 1 for a crash, e.g. out of memory, which must never pass as a verdict).
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from om_cli.cli.options import Lang, language
from om_cli.messages import msg

FINDINGS = 11  # the child's exit code for "the change brings errors"

app = typer.Typer(help="Git-Hooks für Register-Repositorys.", no_args_is_help=True)


@app.command("pre-receive")
def pre_receive_command(
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Sprache der Meldungen (Standard: de, oder OM_LANG)."),
    ] = None,
) -> None:
    """Serverseitiger Hook: weist Pushes zurück, die Fehler ins Register bringen.

    Liest „<alt> <neu> <ref>“-Zeilen von der Standardeingabe (so ruft git den Hook auf).
    """
    from om_cli.hook import pre_receive, settings

    chosen = language(lang)
    config = settings(".", chosen)
    verdicts = pre_receive(sys.stdin.read().splitlines(), ".", config)
    out = sys.stdout
    for verdict in verdicts:
        for message in verdict.messages:
            out.write(f"om: {message.text(chosen)}\n")
        if verdict.output and not verdict.accepted:
            out.write(verdict.output.rstrip("\n") + "\n")
    if all(verdict.accepted for verdict in verdicts):
        out.write(msg("hook.accepted", count=len(verdicts)).text(chosen) + "\n")
        raise typer.Exit(0)
    out.write(msg("hook.rejected").text(chosen) + "\n")
    raise typer.Exit(1)


def child(argv: list[str]) -> int:
    """The child process: check one update, print the findings, return the exit code."""
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
