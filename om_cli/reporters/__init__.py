"""Reporters: a `Report` rendered in one `--format`, chosen from `REPORTERS` by name.

Each reporter is a function `(report, lang, stream, color) -> None` that writes the whole
output. Adding a format means adding a module and an entry in `_MODULES`. A reporter's module
is imported only when its format is asked for (the JUnit writer alone pulls in half of the
standard library's mail and HTTP code through `xml.sax.saxutils`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TextIO

from om_cli.findings import Report

Reporter = Callable[[Report, str, TextIO, bool], None]

_MODULES = {
    "text": "text",
    "json": "json_reporter",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


class _Reporters(Mapping[str, Reporter]):
    """Format name -> render function, each module imported on first use."""

    def __getitem__(self, name: str) -> Reporter:
        module = importlib.import_module(f"om_cli.reporters.{_MODULES[name]}")
        render: Reporter = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


REPORTERS: Mapping[str, Reporter] = _Reporters()
