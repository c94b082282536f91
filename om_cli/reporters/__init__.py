"""Reporters: a `Report` rendered in one `--format`, chosen from `REPORTERS` by name.

Each reporter is a function `(report, lang, stream, color) -> None` that writes the whole
output. Adding a format (github, sarif, junit) means adding a module and an entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from om_cli.findings import Report
from om_cli.reporters import github, json_reporter, junit, sarif, text

Reporter = Callable[[Report, str, TextIO, bool], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_reporter.render,
    "github": github.render,
    "sarif": sarif.render,
    "junit": junit.render,
}
