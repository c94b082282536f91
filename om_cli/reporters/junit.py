"""`--format junit`: JUnit XML, as GitLab (`artifacts:reports:junit`) and Jenkins read it.

One test suite for the check; one test case per entity (`networks/om-kassel`, class name
`om.networks`): every entity file read, and every other entity a finding names. An entity
with errors fails: its `<failure>` names the rules and its text lists every finding
(file:line:col, severity, rule, message). Warnings and notices alone do not fail a case; they
are listed in its `<system-out>`. Without any entity (an empty registry) the suite holds one
passing case, `registry`, so a clean check is a green test and not an empty report. Text is
XML-escaped, and characters XML 1.0 cannot hold are replaced.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from om_cli.findings import Finding, Report, Severity
from om_cli.messages import msg, printable
from om_cli.reporters.text import label

# Characters XML 1.0 does not allow (besides tab, LF, CR), even as references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    """One line, safe for any terminal and for XML."""
    return _NOT_XML.sub("\ufffd", printable(text, 10_000))


def _lines(findings: list[Finding], lang: str) -> str:
    return escape("\n".join(_clean(_line(finding, lang)) for finding in findings))


def _line(finding: Finding, lang: str) -> str:
    severity = label(finding.severity, lang)
    text = finding.message.text(lang)
    if finding.waiver:
        text += " " + msg("text.waived", decision=finding.waiver).text(lang)
    if finding.existing:
        text += " " + msg("text.existing").text(lang)
    if finding.commit:
        text += f" [{finding.commit[:12]}]"
    return f"{finding.file}:{finding.line}:{finding.column}: {severity} {finding.rule} {text}"


def _attr(text: str) -> str:
    return quoteattr(_clean(text))


def render(report: Report, lang: str, stream: TextIO, color: bool) -> None:
    by_entity: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_entity[finding.entity].append(finding)
    cases: list[str] = []
    failures = 0
    for entity in sorted(set(report.entities) | set(by_entity)):
        findings = by_entity.get(entity, [])
        kind = entity.split("/", 1)[0] if "/" in entity else entity
        if not findings:
            cases.append(
                f'    <testcase name={_attr(entity)} classname={_attr("om." + kind)} time="0"/>'
            )
            continue
        errors = [f for f in findings if f.severity is Severity.ERROR and not f.existing]
        others = [f for f in findings if f not in errors]
        head = (
            # no `file` attribute: Jenkins' JUnit schema (junit-10.xsd) does not allow one;
            # the file names stand in the failure text
            f'    <testcase name={_attr(entity)} classname={_attr("om." + kind)} time="0"'
        )
        body: list[str] = []
        if errors:
            failures += 1
            rules = ", ".join(sorted({f.rule for f in errors}))
            message = msg("junit.failure", count=len(errors), rules=rules).text(lang)
            body.append(
                f"      <failure type={_attr(errors[0].rule)} message={_attr(message)}>"
                f"{_lines(errors, lang)}</failure>"
            )
        if others:
            body.append(f"      <system-out>{_lines(others, lang)}</system-out>")
        cases.append(head + ">\n" + "\n".join(body) + "\n    </testcase>")
    if not cases:
        cases.append('    <testcase name="registry" classname="om.registry" time="0"/>')
    tests = len(cases)
    name = _attr(f"om check {report.registry}")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(
        f'<testsuites name="om check" tests="{tests}" failures="{failures}" errors="0" time="0">\n'
    )
    stream.write(
        f'  <testsuite name={name} tests="{tests}" failures="{failures}" errors="0" '
        f'skipped="0" time="0" timestamp={_attr(report.as_of + "T00:00:00")}>\n'
    )
    properties = [("as_of", report.as_of), ("registry", report.registry)]
    if report.base is not None:
        properties.append(("base", report.base))
        if report.head is not None:
            properties.append(("head", report.head))
    stream.write("    <properties>\n")
    for key, value in properties:
        stream.write(f"      <property name={_attr(key)} value={_attr(value)}/>\n")
    stream.write("    </properties>\n")
    for case in cases:
        stream.write(case + "\n")
    stream.write("  </testsuite>\n</testsuites>\n")
