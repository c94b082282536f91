"""`--format sarif`: SARIF 2.1.0, as GitHub code scanning and other viewers read it.

One run; the tool's driver lists the whole rule catalogue (OM001–OM204 and the history rules
OM301–OM305), each with its title, its documentation (the rule module's docstring, what
`om rules explain` prints) and its default level, so a viewer can explain a result without om.
`ruleId`s are om's rule ids. Each result carries `partialFingerprints` computed from the
finding's fingerprint (rule, entity, JSON pointer) — not from the line — so code scanning
recognises a finding that moved and does not open it again. File locations are URIs relative
to the repository root (`uriBaseId` `SRCROOT`). With `--base`, `baselineState` says whether a
result is new or was already there; a waived finding carries an accepted suppression.
"""

from __future__ import annotations

import inspect
import json
import os
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO
from urllib.parse import quote

from om_cli import __version__
from om_cli.findings import Finding, Report, Severity
from om_cli.messages import CATALOGUE, msg, printable
from om_cli.store import digest

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "omFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def rule_title(rule_id: str, lang: str) -> str:
    """The title of a rule in `lang` ("" for an id om does not know)."""
    key = f"rule.{rule_id}"
    return msg(key).text(lang) if key in CATALOGUE else ""


def fingerprint(finding: Finding) -> str:
    """A stable hash of the finding's identity: rule, entity, pointer (not its line)."""
    return digest("\0".join(finding.fingerprint).encode("utf-8", "surrogateescape"))


def _descriptor(rule: ModuleType, lang: str) -> dict[str, Any]:
    from om_cli.docs import rule_page

    doc = inspect.cleandoc(rule.__doc__ or "")
    first, _, body = doc.partition("\n")
    paragraphs = [" ".join(part.split()) for part in body.split("\n\n") if part.strip()]
    checks = [part for part in paragraphs if part.startswith("What it checks")]
    return {
        "id": rule.ID,
        "name": rule.ID,
        "shortDescription": {"text": rule_title(rule.ID, lang)},
        "fullDescription": {"text": checks[0] if checks else first},
        "help": {"text": doc, "markdown": rule_page(rule)},
        "defaultConfiguration": {"level": _LEVEL[rule.SEVERITY]},
        "properties": {"tags": ["om", "registry"]},
    }


def catalogue(lang: str) -> list[dict[str, Any]]:
    """Every rule as a SARIF reportingDescriptor, in catalogue order (the history rules
    OM301–OM305 included: `om check --base` runs them)."""
    from om_cli.rules import CATALOGUE as RULES

    return [_descriptor(rule, lang) for rule in RULES]


def _location(finding: Finding) -> dict[str, Any]:
    logical = [{"name": finding.entity, "kind": "object"}]
    if not finding.file:  # a history finding about the repository as a whole (OM305)
        return {"logicalLocations": logical}
    path = finding.file
    if os.path.isabs(path):
        artifact: dict[str, Any] = {"uri": Path(path).as_uri()}
    else:
        relative = Path(os.path.normpath(path)).as_posix()
        # a name that is not UTF-8 keeps its bytes (as surrogates): they go into the URI as such
        uri = quote(relative, safe="/", errors="surrogateescape")
        artifact = {"uri": uri, "uriBaseId": "SRCROOT"}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if finding.line > 0:
        region: dict[str, Any] = {"startLine": finding.line}
        if finding.column > 0:
            region["startColumn"] = finding.column
        physical["region"] = region
    return {"physicalLocation": physical, "logicalLocations": logical}


def _result(finding: Finding, index: dict[str, int], lang: str, base: bool) -> dict[str, Any]:
    properties: dict[str, Any] = {"entity": finding.entity, "pointer": finding.pointer}
    if finding.commit is not None:
        properties["commit"] = finding.commit
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": _LEVEL[finding.severity],
        "message": {"text": printable(finding.message.text(lang), 10_000)},
        "locations": [_location(finding)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(finding)},
        "properties": properties,
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if base:
        result["baselineState"] = "unchanged" if finding.existing else "new"
    if finding.waiver:
        result["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": msg("text.waived", decision=finding.waiver).text(lang),
            }
        ]
    return result


def document(report: Report, lang: str) -> dict[str, Any]:
    rules = catalogue(lang)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    run_properties: dict[str, Any] = {"as_of": report.as_of, "registry": report.registry}
    if report.base is not None:
        run_properties["base"] = report.base
        run_properties["head"] = report.head
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "om",
                        "fullName": "om — Register der Offensive Mittelstand",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "language": lang,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    _result(finding, index, lang, report.base is not None)
                    for finding in report.findings
                ],
                "properties": run_properties,
            }
        ],
    }


def render(report: Report, lang: str, stream: TextIO, color: bool) -> None:
    json.dump(document(report, lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
