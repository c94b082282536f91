"""Findings: what a check reports, one immutable value each."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from om_cli.messages import Message


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "notice": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One finding of one rule about one entity, pointing at a place in a file.

    `entity` is `<kind folder>/<file stem>` (or `taxonomy/<entry id>`, `om.yaml`); `pointer` is
    a JSON pointer into the file's document; `waiver` names the waiver that turned the finding
    into a notice, if any. History findings (OM301–OM305) name the commit they are about.
    """

    rule: str
    severity: Severity
    entity: str
    file: str
    line: int
    column: int
    pointer: str
    message: Message
    waiver: str | None = None
    commit: str | None = None  # the commit a history finding (OM301–OM305) is about
    existing: bool = False  # `om check --base --show-existing`: already there on the base

    @property
    def fingerprint(self) -> tuple[str, str, str]:
        """Stable identity across edits that move lines: rule, entity, pointer."""
        return (self.rule, self.entity, self.pointer)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.rule, self.pointer)


@dataclass(frozen=True, slots=True)
class Report:
    """The result of a check: sorted findings plus what was looked at."""

    registry: str
    as_of: str
    findings: tuple[Finding, ...]
    files: int
    notes: tuple[Message, ...] = field(default=())
    commits: int | None = None  # how many commits the history rules judged, if they ran
    base: str | None = None  # `om check --base`: the commit compared against
    head: str | None = None  # ... and the commit checked (None: the working tree)
    entities: tuple[str, ...] = ()  # every entity file read (JUnit: one test case each)

    def count(self, severity: Severity) -> int:
        """Findings of `severity`; those marked `existing` (already on the base) do not count."""
        return sum(
            1 for finding in self.findings if finding.severity is severity and not finding.existing
        )

    @property
    def existing(self) -> int:
        """Findings shown although they were already there on the base (`--show-existing`)."""
        return sum(1 for finding in self.findings if finding.existing)

    def exit_code(self, *, strict: bool = False) -> int:
        """0 when no errors (and, with `strict`, no warnings), else 1."""
        if self.count(Severity.ERROR):
            return 1
        if strict and self.count(Severity.WARNING):
            return 1
        return 0
