"""`--format json`: the machine-readable report, version 1 (DESIGN.md, Output formats)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from om_cli.findings import Finding, Report, Severity


def as_dict(finding: Finding, lang: str) -> dict[str, Any]:
    """One finding; a history finding has the extra key `commit`."""
    entry = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "entity": finding.entity,
        "file": finding.file,
        "line": finding.line,
        "column": finding.column,
        "pointer": finding.pointer,
        "message": finding.message.text(lang),
        "waiver": finding.waiver,
    }
    if finding.commit is not None:
        entry["commit"] = finding.commit
    if finding.existing:  # `om check --base --show-existing`: already there on the base
        entry["existing"] = True
    return entry


def _with_existing(entry: dict[str, Any]) -> dict[str, Any]:
    entry.setdefault("existing", False)
    return entry


def document(report: Report, lang: str) -> dict[str, Any]:
    """The whole report; `summary.commits` when the history rules ran; with `--base` also
    `base`, `head`, `summary.existing` (the other counts are of the new findings only) and
    `existing` on every finding."""
    result: dict[str, Any] = {
        "version": 1,
        "as_of": report.as_of,
        "registry": report.registry,
        "findings": [as_dict(finding, lang) for finding in report.findings],
        "summary": {
            "error": report.count(Severity.ERROR),
            "warning": report.count(Severity.WARNING),
            "notice": report.count(Severity.NOTICE),
            "files": report.files,
        },
    }
    if report.commits is not None:
        result["summary"]["commits"] = report.commits
    if report.base is not None:  # every finding says whether it is new
        result["findings"] = [_with_existing(entry) for entry in result["findings"]]
        result["base"] = report.base
        result["head"] = report.head
        result["summary"]["existing"] = report.existing
    return result


def render(report: Report, lang: str, stream: TextIO, color: bool) -> None:
    json.dump(document(report, lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
