"""`om history [ID]`: the audit trail of status changes, from git."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from om_cli.cli.options import (
    LangOption,
    NoCacheOption,
    RepoOption,
    RepoRegistryOption,
    language,
)
from om_cli.messages import msg, printable

if TYPE_CHECKING:
    from om_cli.history import StatusChange


class Format(StrEnum):
    text = "text"
    json = "json"


def history_command(
    network: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="Nur die Statusänderungen dieses Netzwerks."),
    ] = None,
    registry: RepoRegistryOption = "registry",
    repo: RepoOption = ".",
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="Ausgabeformat.")
    ] = Format.text,
    lang: LangOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Jede Statusänderung der Netzwerke aus der Git-Historie: Datum, Commit, Autor, Beschluss."""
    from om_cli.history import status_history

    changes = status_history(repo, registry, network, use_cache=not no_cache)
    if output_format is Format.json:
        document = [change.as_dict() for change in changes]
        sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return
    chosen = language(lang)
    write_text(changes, chosen, sys.stdout)
    if not changes:
        none = msg("history.none_for", network=printable(network)) if network else None
        sys.stderr.write((none or msg("history.none")).text(chosen) + "\n")


def write_text(changes: list[StatusChange], lang: str, stream: TextIO) -> None:
    """One line per change: date, commit, author, old → new status, network, decision."""
    no_status = msg("history.no_status").text(lang)
    no_decision = msg("history.no_decision").text(lang)
    for change in changes:
        old = _status(change.old_status, change.old_path is None, no_status)
        new = _status(change.new_status, change.change == "deleted", no_status)
        author = printable(f"{change.author_name} <{change.author_email}>", 120)
        decision = ", ".join(change.decisions) if change.decisions else no_decision
        fields = (
            change.committer_date[:10],
            change.commit[:10],
            author,
            f"{old} → {new}",
            printable(change.network, 100),
            printable(decision, 200),
        )
        stream.write("  ".join(fields) + "\n")


def _status(status: str | None, absent: bool, no_status: str) -> str:
    if absent:
        return "—"
    return printable(status, 40) if status is not None else no_status
