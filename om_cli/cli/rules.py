"""`om rules list` and `om rules explain ID`: the rule catalogue."""

from __future__ import annotations

import inspect
import sys
from typing import Annotated

import typer

from om_cli.cli.options import Lang, language
from om_cli.errors import UsageError
from om_cli.messages import msg

app = typer.Typer(help="Der Regelkatalog.", invoke_without_command=True, no_args_is_help=False)


@app.callback()
def rules_callback(
    ctx: typer.Context,
    lang: Annotated[Lang | None, typer.Option("--lang", help="Sprache (de, en).")] = None,
) -> None:
    """Der Regelkatalog (ohne Unterbefehl: die Liste)."""
    if ctx.invoked_subcommand is None:
        list_rules(lang)


@app.command("list")
def list_rules(
    lang: Annotated[Lang | None, typer.Option("--lang", help="Sprache (de, en).")] = None,
) -> None:
    """Alle Regeln mit Schweregrad und Titel."""
    from om_cli.reporters.text import label
    from om_cli.rules import CATALOGUE

    chosen = language(lang)
    for rule in CATALOGUE:
        title = msg(f"rule.{rule.ID}").text(chosen)
        sys.stdout.write(f"{rule.ID}  {label(rule.SEVERITY, chosen):<8}  {title}\n")


@app.command("explain")
def explain(
    rule_id: Annotated[str, typer.Argument(metavar="ID", help="Regel-ID, z. B. OM105.")],
) -> None:
    """Die Dokumentation einer Regel: Kriterium, Prüfung, Beispiele, Abhilfe."""
    from om_cli.rules import BY_ID

    rule = BY_ID.get(rule_id.strip().upper())
    if rule is None:
        raise UsageError(msg("error.unknown_rule", rule=rule_id[:20]))
    sys.stdout.write(inspect.cleandoc(rule.__doc__ or "") + "\n")
