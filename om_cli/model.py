"""The registry's entities as typed values, built tolerantly from parsed documents.

A file that breaks its schema still takes part in the criteria checks: each field is taken when
it has the right type and left empty (`None`, `()`) otherwise, so a rule never crashes on bad
input and the schema finding (OM002) explains the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from om_cli.loader import LoadError, Positions, parse

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def as_date(value: Any) -> dt.date | None:
    """An ISO `YYYY-MM-DD` string as a date; anything else (or an impossible date) is None."""
    return _parse_date(value) if isinstance(value, str) else None


@cache
def _parse_date(value: str) -> dt.date | None:
    # cached: a registry repeats the same few thousand dates many times over
    if _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def as_str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def as_bool(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def as_mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def as_str_list(value: Any) -> tuple[str, ...]:
    return tuple(item for item in as_list(value) if isinstance(item, str))


@dataclass(eq=False)
class Document:
    """One registry file: where it is, what it holds, and where each node stands in it."""

    kind: str  # networks, partners, decisions, plenum, taxonomy, settings
    stem: str
    entity: str
    file: str  # the path as shown to the user
    raw: bytes | None
    data: dict[str, Any] | None
    error: LoadError | None = None
    _positions: Positions | None = field(default=None, repr=False)

    def position(self, pointer: str, *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of `pointer` (or its nearest existing ancestor).

        Positions are found only when a finding asks for them: the file is parsed a second
        time with positions recorded, which costs less than recording them for every file.
        """
        if self.error is not None:
            return (self.error.line, self.error.column)
        if self._positions is None:
            if self.raw is None:
                return (1, 1)
            try:
                self._positions = parse(self.raw, positions=True)[1]
            except LoadError:
                return (1, 1)
            if self._positions is None:
                return (1, 1)
        return self._positions.locate(pointer, key=key)


class Membership(NamedTuple):
    at: int  # its place in the list
    partner: str | None
    since: dt.date | None
    until: dt.date | None
    role: str | None

    def member_on(self, day: dt.date) -> bool:
        """Member on `day`: since ≤ day and (no until or day < until)."""
        if self.since is None or self.since > day:
            return False
        return self.until is None or day < self.until


class Meeting(NamedTuple):
    at: int
    date: dt.date | None


class PlenumReport(NamedTuple):
    at: int
    plenum: str | None
    form: str | None
    by: str | None


COMMITMENTS = ("leitgedanken", "grundprinzipien", "impartiality", "informs_partners", "cooperation")


@dataclass(slots=True, eq=False)
class Network:
    doc: Document
    id: str
    name: str | None
    kind: str | None
    regions: tuple[str, ...]
    topic: str | None
    parent: str | None
    status: str | None
    applied_on: dt.date | None
    recognized_on: dt.date | None
    rejected_on: dt.date | None
    withdrawn_on: dt.date | None
    goals: str | None
    approach: str | None
    has_application: bool
    commitments: Mapping[str, dt.date | None]
    open: bool | None
    instruments: tuple[str, ...]
    partners: tuple[Membership, ...]
    website: str | None
    partner_logo: bool | None
    meetings: tuple[Meeting, ...]
    plenum_reports: tuple[PlenumReport, ...]

    @property
    def live(self) -> bool:
        return self.status in ("applied", "recognized")

    @classmethod
    def from_document(cls, doc: Document) -> Network:
        data = doc.data or {}
        application = as_mapping(data.get("application"))
        commitments = as_mapping(data.get("commitments"))
        memberships = []
        for index, item in enumerate(as_list(data.get("partners"))):
            entry = as_mapping(item)
            memberships.append(
                Membership(
                    index,
                    as_str(entry.get("partner")),
                    as_date(entry.get("since")),
                    as_date(entry.get("until")),
                    as_str(entry.get("role")),
                )
            )
        meetings = tuple(
            Meeting(index, as_date(as_mapping(item).get("date")))
            for index, item in enumerate(as_list(data.get("meetings")))
        )
        reports = tuple(
            PlenumReport(
                index,
                as_str(as_mapping(item).get("plenum")),
                as_str(as_mapping(item).get("form")),
                as_str(as_mapping(item).get("by")),
            )
            for index, item in enumerate(as_list(data.get("plenum_reports")))
        )
        regions = data.get("regions")
        return cls(
            doc=doc,
            id=doc.stem,
            name=as_str(data.get("name")),
            kind=as_str(data.get("kind")),
            regions=as_str_list(regions),
            topic=as_str(data.get("topic")),
            parent=as_str(data.get("parent")),
            status=as_str(data.get("status")),
            applied_on=as_date(data.get("applied_on")),
            recognized_on=as_date(data.get("recognized_on")),
            rejected_on=as_date(data.get("rejected_on")),
            withdrawn_on=as_date(data.get("withdrawn_on")),
            goals=_text(application.get("goals")),
            approach=_text(application.get("approach")),
            has_application="application" in data,
            commitments={name: as_date(commitments.get(name)) for name in COMMITMENTS},
            open=as_bool(data.get("open")),
            instruments=as_str_list(data.get("instruments")),
            partners=tuple(memberships),
            website=_text(data.get("website")),
            partner_logo=as_bool(data.get("partner_logo")),
            meetings=meetings,
            plenum_reports=reports,
        )


def _text(value: Any) -> str | None:
    """A non-blank string, else None."""
    return value if isinstance(value, str) and value.strip() else None


@dataclass(slots=True, eq=False)
class Partner:
    doc: Document
    id: str
    name: str | None
    type: str | None
    group: str | None
    status: str | None
    principles_signed_on: dt.date | None
    left_on: dt.date | None
    region: str | None
    listing_consent: bool | None

    @property
    def group_key(self) -> str:
        """The partner group for OM106: its `group`, else its own id."""
        return f"group:{self.group}" if self.group else f"partner:{self.id}"

    def active_on(self, day: dt.date) -> bool:
        """Active on `day` unless it left on or before it; `left` without a date never is."""
        if self.left_on is not None and self.left_on <= day:
            return False
        return not (self.status == "left" and self.left_on is None)

    @classmethod
    def from_document(cls, doc: Document) -> Partner:
        data = doc.data or {}
        return cls(
            doc=doc,
            id=doc.stem,
            name=as_str(data.get("name")),
            type=as_str(data.get("type")),
            group=as_str(data.get("group")),
            status=as_str(data.get("status")),
            principles_signed_on=as_date(data.get("principles_signed_on")),
            left_on=as_date(data.get("left_on")),
            region=as_str(data.get("region")),
            listing_consent=as_bool(data.get("listing_consent")),
        )


@dataclass(slots=True, eq=False)
class Decision:
    doc: Document
    id: str
    body: str | None
    date: dt.date | None
    kind: str | None
    networks: tuple[str, ...]
    proposed_by: str | None

    @classmethod
    def from_document(cls, doc: Document) -> Decision:
        data = doc.data or {}
        return cls(
            doc=doc,
            id=doc.stem,
            body=as_str(data.get("body")),
            date=as_date(data.get("date")),
            kind=as_str(data.get("kind")),
            networks=as_str_list(data.get("networks")),
            proposed_by=as_str(data.get("proposed_by")),
        )


@dataclass(slots=True, eq=False)
class Plenum:
    doc: Document
    id: str
    date: dt.date | None
    informed_of: tuple[str, ...]

    @classmethod
    def from_document(cls, doc: Document) -> Plenum:
        data = doc.data or {}
        return cls(
            doc=doc,
            id=doc.stem,
            date=as_date(data.get("date")),
            informed_of=as_str_list(data.get("informed_of")),
        )


class TaxonomyEntry(NamedTuple):
    """A region, topic or instrument: one entry of a taxonomy file."""

    doc: Document
    at: int
    id: str
    name: str | None
    parent: str | None
    members: tuple[str, ...]
    reference: bool

    @property
    def pointer(self) -> str:
        return f"/{self.doc.stem}/{self.at}"

    @property
    def entity(self) -> str:
        return f"taxonomy/{self.id}"


def taxonomy_entries(doc: Document) -> Iterator[TaxonomyEntry]:
    """The entries of a taxonomy file with a string id, in file order."""
    for index, item in enumerate(as_list((doc.data or {}).get(doc.stem))):
        entry = as_mapping(item)
        entry_id = as_str(entry.get("id"))
        if entry_id is None:
            continue
        yield TaxonomyEntry(
            doc=doc,
            at=index,
            id=entry_id,
            name=as_str(entry.get("name")),
            parent=as_str(entry.get("parent")),
            members=as_str_list(entry.get("members")),
            reference=entry.get("reference") is True,
        )
