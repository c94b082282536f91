"""`om hook pre-receive`: the server-side hook (the work is in `om_cli.hook`; the check of
each ref runs in a child process, `om_cli.hook_child`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from om_cli.cli.options import Lang, language
from om_cli.messages import msg

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
