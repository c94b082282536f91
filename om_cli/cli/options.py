"""Options shared by several commands and their parsing."""

from __future__ import annotations

import datetime as dt
import os
import re
from enum import StrEnum
from typing import Annotated

import typer

from om_cli.errors import RegistryError, UsageError
from om_cli.messages import default_language, msg

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class Lang(StrEnum):
    de = "de"
    en = "en"


class ReportFormat(StrEnum):
    """The formats of a report of findings (`om check`, `om audit`)."""

    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


# Options several commands share, spelt once (their help texts are part of docs/commands.md).
LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Sprache der Meldungen (Standard: de, oder OM_LANG)."),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Den Zwischenspeicher nicht benutzen.")
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Auch Warnungen führen zu Exit-Code 1.")
]
RepoOption = Annotated[str, typer.Option("--repo", help="Ordner im Git-Repository (Standard: .).")]
RepoRegistryOption = Annotated[
    str,
    typer.Option(
        "--registry-path", "--registry", "-r", help="Ordner des Registers, relativ zu --repo."
    ),
]


def language(value: Lang | None) -> str:
    return value.value if value is not None else default_language()


def parse_as_of(value: str | None) -> dt.date:
    """`--as-of` as a date; today when not given."""
    if value is None:
        return dt.date.today()
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(msg("error.bad_date", value=value[:40])) from None


def existing_paths(paths: list[str]) -> list[str]:
    """The PATH arguments, each of which must exist."""
    for path in paths:
        if not os.path.lexists(path):
            raise UsageError(msg("error.no_path", path=path[:200]))
    return paths


def find_registry(registry: str | None, paths: list[str]) -> str:
    """The registry folder: `--registry`, else the one the first path lies in, else ./registry."""
    if registry is not None:
        return registry
    for path in paths:
        current = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
        while True:
            if _looks_like_registry(current):
                return os.path.relpath(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    if os.path.isdir("registry"):
        return "registry"
    if _looks_like_registry("."):
        return "."
    raise RegistryError(msg("error.no_registry", path=os.path.abspath(".")))


def _looks_like_registry(folder: str) -> bool:
    return os.path.isfile(os.path.join(folder, "om.yaml")) or os.path.isdir(
        os.path.join(folder, "networks")
    )
