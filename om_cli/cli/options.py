"""Options shared by several commands and their parsing."""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum

from om_cli.errors import UsageError
from om_cli.messages import default_language, msg


class Lang(StrEnum):
    de = "de"
    en = "en"


def language(value: Lang | None) -> str:
    return value.value if value is not None else default_language()


def parse_as_of(value: str | None) -> dt.date:
    """`--as-of` as a date; today when not given."""
    if value is None:
        return dt.date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(msg("error.bad_date", value=value[:40])) from None


def find_registry(registry: str | None, paths: list[str]) -> str:
    """The registry folder: `--registry`, else the one the first path lies in, else ./registry."""
    if registry is not None:
        return registry
    for path in paths:
        current = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
        while True:
            if os.path.isfile(os.path.join(current, "om.yaml")) or os.path.isdir(
                os.path.join(current, "networks")
            ):
                return os.path.relpath(current)
            parent = os.path.dirname(current)
            if parent == current:
                break
            current = parent
    if os.path.isdir("registry"):
        return "registry"
    return "."
