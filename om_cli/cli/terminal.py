"""What the coordinators' commands need when om starts: the spinner, shell completion of
ids, `--push` with an optional value, and Ctrl-C without a traceback.

Kept apart from the prompting code (`om_cli.cli.ask`, `om_cli.answers`), which only the
commands that ask import, so registering them costs every other run of om nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from om_cli.messages import Message, msg


@contextmanager
def spinner(message: Message, lang: str) -> Iterator[None]:
    """A spinner on stderr while work takes time (only on a terminal)."""
    import sys

    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(message.text(lang)):
        yield


# --- shell completion (Typer autocompletion) ----------------------------------------------------


def _root(ctx: typer.Context) -> str:
    registry = ctx.params.get("registry") if ctx is not None else None
    if isinstance(registry, str):
        return registry
    return "registry" if os.path.isdir("registry") else "."


def _stems(ctx: typer.Context, folder: str, incomplete: str) -> list[str]:
    try:
        names = os.listdir(os.path.join(_root(ctx), folder))
    except OSError:
        return []
    stems = (name.removesuffix(".yaml") for name in names if name.endswith(".yaml"))
    return sorted(stem for stem in stems if stem.startswith(incomplete))


def complete_networks(ctx: typer.Context, incomplete: str) -> list[str]:
    return _stems(ctx, "networks", incomplete)


def complete_partners(ctx: typer.Context, incomplete: str) -> list[str]:
    return _stems(ctx, "partners", incomplete)


def complete_plenums(ctx: typer.Context, incomplete: str) -> list[str]:
    return _stems(ctx, "plenum", incomplete)


def _taxonomy_ids(ctx: typer.Context, stem: str, incomplete: str) -> list[str]:
    from om_cli.loader import LoadError, load_file

    try:
        data = load_file(os.path.join(_root(ctx), "taxonomy", f"{stem}.yaml"))[0]
    except (LoadError, OSError):
        return []
    entries = data.get(stem)
    ids = [e.get("id") for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    return sorted(i for i in ids if isinstance(i, str) and i.startswith(incomplete))


def complete_regions(ctx: typer.Context, incomplete: str) -> list[str]:
    return _taxonomy_ids(ctx, "regions", incomplete)


def complete_topics(ctx: typer.Context, incomplete: str) -> list[str]:
    return _taxonomy_ids(ctx, "topics", incomplete)


def complete_instruments(ctx: typer.Context, incomplete: str) -> list[str]:
    return _taxonomy_ids(ctx, "instruments", incomplete)


class PushCommand(typer.core.TyperCommand):
    """A command whose `--push` takes an optional value: `--push` alone means `--push origin`.

    Typer has no options with an optional value, so a bare `--push` (last, or followed by
    another option) gets the default remote before the arguments are parsed.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        fixed: list[str] = []
        for index, arg in enumerate(args):
            fixed.append(arg)
            if arg == "--":
                fixed.extend(args[index + 1 :])
                break
            following = args[index + 1] if index + 1 < len(args) else None
            if arg == "--push" and (following is None or following.startswith("-")):
                fixed.append(DEFAULT_REMOTE)
        return list(super().parse_args(ctx, fixed))


DEFAULT_REMOTE = "origin"


@contextmanager
def interruptible(lang: str) -> Iterator[None]:
    """Ctrl-C: a short message and exit 130, no traceback (what was begun is undone)."""
    import sys

    try:
        yield
    except KeyboardInterrupt:
        sys.stderr.write("\n" + msg("ask.interrupted").text(lang) + "\n")
        raise typer.Exit(130) from None
