"""Answers to the questions of `om apply` and `om new partner`: parsed, validated, explained.

A `Question` says what is asked (a message id), which clause of the criteria stands behind it
(a message id the prompt shows and every rejection repeats), and how an answer is turned into
the value that goes into the file. The same parser takes a typed answer, a flag and a value of
an answer file (`--from`), so a coordinator gets the same reason for a rejection whichever way
the answer came.

A parser raises
- `Invalid` when the answer cannot be used (with the reason, and the clause behind it);
- `Ambiguous` when a name fits several entries (the prompt lets the user choose);
- `UnknownPartners` when partner ids are not in the registry (the prompt offers to create them);
- `Unconfirmed` when the answer is valid but leaves a criterion unmet (fewer than three
  partners, a commitment not declared …): the prompt asks for confirmation, a scripted run
  needs `--incomplete`.

Nothing here prints or prompts; the CLI (`om_cli/cli/ask.py`) does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from om_cli.errors import UsageError
from om_cli.messages import Message, msg, printable

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")
ID_MAX = 64
URL_PATTERN = re.compile(r"https?://[^\s]+\Z")
URL_MAX = 2048
NAME_MAX = 300
TEXT_MAX = 5000
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", re.ASCII)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# region names lose these prefixes before they are compared (as in DESIGN, OM201)
_REGION_PREFIXES = (
    "freie und hansestadt ",
    "landeshauptstadt ",
    "regionalverband ",
    "staedteregion ",
    "hansestadt ",
    "landkreis ",
    "region ",
    "kreis ",
    "stadt ",
)
YES = frozenset({"j", "ja", "y", "yes", "true", "1", "wahr"})
NO = frozenset({"n", "nein", "no", "false", "0", "falsch"})


class Invalid(Exception):
    """An answer that cannot be used: the reason, and the clause of the criteria behind it."""

    def __init__(self, reason: Message, clause: str | None = None) -> None:
        super().__init__(reason.id)
        self.reason = reason
        self.clause = clause


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    label: str  # the name and where it lies, for the choice


class Ambiguous(Exception):
    """`text` fits several entries; the user picks among `candidates`."""

    def __init__(self, text: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(text)
        self.text = text
        self.candidates = tuple(candidates)


class UnknownPartners(Exception):
    """Partner ids that are not in the registry (yet)."""

    def __init__(self, ids: Sequence[str], suggestions: Mapping[str, Sequence[str]]) -> None:
        super().__init__(", ".join(ids))
        self.ids = tuple(ids)
        self.suggestions = dict(suggestions)


class Unconfirmed(Exception):
    """A valid answer that leaves a criterion unmet; it needs the user's confirmation."""

    def __init__(self, reason: Message, clause: str | None = None) -> None:
        super().__init__(reason.id)
        self.reason = reason
        self.clause = clause


# --- folding and ids ------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case, umlauts folded (ä→ae …), other accents dropped, hyphens and spaces single."""
    text = text.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    text = text.replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_/,.()]+", " ", text).split())


def slug(name: str) -> str:
    """An id proposed for a name: `Offensive Mittelstand Region Kassel` → `om-region-kassel`."""
    text = fold(name)
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if text.startswith("offensive-mittelstand"):
        text = "om" + text[len("offensive-mittelstand") :]
    text = re.sub(r"-+", "-", text).strip("-")
    if len(text) > ID_MAX:
        text = text[:ID_MAX].rstrip("-")
    return text


# --- what the registry holds ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    parent: str | None
    core: str  # the folded name without its prefix (Kreis, Stadt …)


@dataclass(frozen=True, slots=True)
class PartnerInfo:
    id: str
    name: str
    active: bool
    signed_on: dt.date | None
    group: str | None


@dataclass
class Lookup:
    """What the questions check answers against: ids and names from the registry.

    Built from a loaded registry (`from_registry`); partners created during one session are
    added with `add_partner`, so the application can name them.
    """

    root: str
    today: dt.date
    regions: dict[str, Region] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)  # id -> name
    topic_parents: dict[str, str] = field(default_factory=dict)
    instruments: dict[str, tuple[str, str | None, bool]] = field(default_factory=dict)
    partners: dict[str, PartnerInfo] = field(default_factory=dict)
    networks: dict[str, str] = field(default_factory=dict)  # id -> name
    plenums: dict[str, dt.date | None] = field(default_factory=dict)
    groups: set[str] = field(default_factory=set)
    new_partners: dict[str, PartnerInfo] = field(default_factory=dict)
    # live networks (applied, recognized): their districts and topics, for OM111
    district_sets: dict[str, frozenset[str]] = field(default_factory=dict)
    live_regions: dict[str, frozenset[str]] = field(default_factory=dict)
    live_topics: dict[str, set[str]] = field(default_factory=dict)
    live_kinds: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def from_registry(cls, root: str, today: dt.date) -> Lookup:
        from om_cli.engine import load_registry

        registry = load_registry(root, root)
        lookup = cls(root, today)
        for entry in registry.regions.values():
            name = entry.name or entry.id
            lookup.regions[entry.id] = Region(entry.id, name, entry.parent, _region_core(name))
        for entry in registry.topics.values():
            lookup.topics[entry.id] = entry.name or entry.id
            if entry.parent:
                lookup.topic_parents[entry.id] = entry.parent
        for entry in registry.instruments.values():
            code = entry.doc.data and _instrument_code(entry.doc.data, entry.at)
            lookup.instruments[entry.id] = (entry.name or entry.id, code or None, entry.reference)
        for partner in registry.partners.values():
            lookup.partners[partner.id] = PartnerInfo(
                partner.id,
                partner.name or partner.id,
                partner.active_on(today),
                partner.principles_signed_on,
                partner.group,
            )
            if partner.group:
                lookup.groups.add(partner.group)
        for network in registry.networks.values():
            lookup.networks[network.id] = network.name or network.id
            if not network.live:
                continue
            lookup.live_kinds[network.id] = network.kind
            if network.kind == "regional" and network.regions:
                lookup.live_regions[network.id] = registry.districts_of(network.regions)
            if network.kind == "thematic" and network.topic:
                related = {network.topic, *registry.topic_ancestors(network.topic)}
                lookup.live_topics[network.id] = related
        lookup.district_sets = dict(registry.region_districts)
        for plenum in registry.plenums.values():
            lookup.plenums[plenum.id] = plenum.date
        return lookup

    def overlapping_regions(self, regions: Sequence[str]) -> list[str]:
        """Live networks whose regions share a district with `regions` (OM111)."""
        covered: set[str] = set()
        for region in regions:
            covered |= self.district_sets.get(region, frozenset())
        return sorted(n for n, districts in self.live_regions.items() if districts & covered)

    def overlapping_topic(self, topic: str) -> list[str]:
        """Live thematic networks whose topic equals `topic` or is its ancestor or descendant."""
        own = {topic}
        current = topic
        while (parent := self.topic_parents.get(current)) is not None and parent not in own:
            own.add(parent)
            current = parent
        return sorted(
            n for n, related in self.live_topics.items() if topic in related or related & own
        )

    def add_partner(self, info: PartnerInfo) -> None:
        self.partners[info.id] = info
        self.new_partners[info.id] = info
        if info.group:
            self.groups.add(info.group)

    def region_label(self, region_id: str) -> str:
        region = self.regions[region_id]
        parent = self.regions.get(region.parent) if region.parent else None
        where = f", {parent.name}" if parent else ""
        return f"{region.name} ({region.id}{where})"

    def find_regions(self, text: str) -> list[str]:
        """Region ids a typed text may mean: an id, a Kreisschlüssel, or a name.

        An exact id or Kreisschlüssel gives one region. A name is compared folded and without
        its prefix (`Kassel` matches `Stadt Kassel` and `Kreis Kassel`); when no name matches
        exactly, the names that contain the text are offered.
        """
        text = text.strip()
        if text in self.regions:
            return [text]
        if text.upper() in self.regions:  # de-he
            return [text.upper()]
        digits = text.removeprefix("ags-").removeprefix("AGS-").replace(" ", "")
        if digits.isdigit() and len(digits) == 5 and f"ags-{digits}" in self.regions:
            return [f"ags-{digits}"]
        wanted = fold(text)
        if not wanted:
            return []
        full = [r.id for r in self.regions.values() if fold(r.name) == wanted]
        if full:
            return full
        core = _region_core(text)
        exact = [r.id for r in self.regions.values() if r.core == core]
        if exact:
            return exact
        return [r.id for r in self.regions.values() if core in r.core or wanted in fold(r.name)]

    def region_suggestions(self, text: str, limit: int = 5) -> list[str]:
        """Names close to a text that matched no region (typos)."""
        cores = {r.core: r.id for r in self.regions.values()}
        close = difflib.get_close_matches(_region_core(text), list(cores), n=limit, cutoff=0.75)
        found: list[str] = []
        for core in close:
            found.extend(r.id for r in self.regions.values() if r.core == core)
        return found[:limit]

    def partner_suggestions(self, text: str, limit: int = 3) -> list[str]:
        ids = difflib.get_close_matches(text, list(self.partners), n=limit, cutoff=0.7)
        wanted = fold(text)
        if len(ids) < limit and len(wanted) >= 3:
            by_name = [p.id for p in self.partners.values() if wanted in fold(p.name)]
            ids.extend(i for i in by_name if i not in ids)
        return ids[:limit]


def _region_core(name: str) -> str:
    core = fold(name)
    for prefix in _REGION_PREFIXES:
        if core.startswith(prefix):
            return core[len(prefix) :]
    return core


def _instrument_code(data: Mapping[str, Any], at: int) -> str | None:
    entries = data.get("instruments")
    if isinstance(entries, list) and at < len(entries) and isinstance(entries[at], dict):
        code = entries[at].get("code")
        return code if isinstance(code, str) else None
    return None


# --- parsers shared by the questions --------------------------------------------------------


def as_text(raw: Any) -> str:
    """A scalar answer as text (numbers and booleans from an answer file included)."""
    if isinstance(raw, bool):
        return "ja" if raw else "nein"
    if isinstance(raw, int | float | str):
        return str(raw).strip()
    raise Invalid(msg("ask.not_text"))


def as_items(raw: Any) -> list[str]:
    """A list answer: a list, or text with commas (or semicolons) between the items."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [as_text(item) for item in raw if as_text(item)]
    return [item.strip() for item in re.split(r"[,;]", as_text(raw)) if item.strip()]


def parse_name(raw: Any, limit: int = NAME_MAX) -> str:
    text = " ".join(as_text(raw).split())
    if not text:
        raise Invalid(msg("ask.empty"))
    if len(text) > limit:
        raise Invalid(msg("ask.too_long", limit=limit))
    if _CONTROL.search(text) or printable(text, limit) != text:
        raise Invalid(msg("ask.control"))
    return text


def parse_text(raw: Any) -> str:
    """A free text (goals, approach): its lines joined, 1 to 5000 characters."""
    return parse_name(raw, TEXT_MAX)


def parse_id(raw: Any) -> str:
    text = as_text(raw)
    if not text:
        raise Invalid(msg("ask.empty"))
    if len(text) > ID_MAX:
        raise Invalid(msg("ask.id_too_long", limit=ID_MAX))
    if not ID_PATTERN.match(text):
        proposal = slug(text)
        raise Invalid(msg("ask.bad_id", id=printable(text, 64), proposal=proposal or "om-…"))
    return text


def parse_date(raw: Any, today: dt.date, *, future_clause: str | None = None) -> dt.date:
    """An ISO date that is not after today (what is recorded has happened)."""
    text = as_text(raw)
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise Invalid(msg("ask.bad_date", value=printable(text, 40))) from None
    if day > today:
        raise Invalid(
            msg("ask.future_date", date=day.isoformat(), today=today.isoformat()), future_clause
        )
    return day


def parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = as_text(raw).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Invalid(msg("ask.bad_bool", value=printable(text, 40)))


def parse_url(raw: Any) -> str:
    text = as_text(raw)
    if not text:
        raise Invalid(msg("ask.empty"))
    if len(text) > URL_MAX:
        raise Invalid(msg("ask.too_long", limit=URL_MAX))
    if not URL_PATTERN.match(text) or _CONTROL.search(text) or printable(text, URL_MAX) != text:
        proposal = f"https://{text}" if URL_PATTERN.match(f"https://{text}") else "https://…"
        raise Invalid(msg("ask.bad_url", value=printable(text, 80), proposal=proposal))
    host = text.split("://", 1)[1].split("/", 1)[0]
    if "." not in host and not host.startswith("localhost"):
        raise Invalid(msg("ask.bad_url", value=printable(text, 80), proposal="https://…"))
    return text


def parse_regions(raw: Any, lookup: Lookup) -> list[str]:
    """Regions by id, Kreisschlüssel or name; `Ambiguous` for a name that fits several."""
    items = as_items(raw)
    if not items:
        raise Invalid(msg("ask.regions_empty"), "clause.om101")
    chosen: list[str] = []
    for item in items:
        found = lookup.find_regions(item)
        if not found:
            close = lookup.region_suggestions(item)
            hint = ", ".join(lookup.region_label(r) for r in close) or "—"
            raise Invalid(msg("ask.unknown_region", region=printable(item, 60), suggestions=hint))
        if len(found) > 1:
            raise Ambiguous(item, [Candidate(r, lookup.region_label(r)) for r in found[:12]])
        if found[0] not in chosen:
            chosen.append(found[0])
    return chosen


def parse_region(raw: Any, lookup: Lookup) -> str:
    regions = parse_regions(raw, lookup)
    if len(regions) != 1:
        raise Invalid(msg("ask.one_region"))
    return regions[0]


def parse_topic(raw: Any, lookup: Lookup) -> str:
    text = as_text(raw)
    if text in lookup.topics:
        return text
    wanted = fold(text)
    found = [t for t, name in lookup.topics.items() if fold(name) == wanted]
    if not found and wanted:
        found = [t for t, name in lookup.topics.items() if wanted in fold(name) or wanted in t]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise Ambiguous(text, [Candidate(t, f"{lookup.topics[t]} ({t})") for t in found])
    known = ", ".join(f"{name} ({t})" for t, name in lookup.topics.items())
    raise Invalid(msg("ask.unknown_topic", topic=printable(text, 60), known=known), "clause.om101")


# --- answer files ---------------------------------------------------------------------------


def read_answer_file(path: str) -> dict[str, Any]:
    """An answer file: JSON (`.json`) or YAML, read with om's strict loader."""
    from om_cli.loader import LoadError, parse, read_bytes

    shown = printable(path, 200)
    if not os.path.lexists(path):
        raise UsageError(msg("error.no_path", path=shown))
    try:
        raw = read_bytes(path)
    except LoadError as error:
        raise UsageError(msg("ask.file_unreadable", file=shown, problem=error.message)) from None
    if path.endswith(".json"):
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            problem = printable(str(error), 120)
            raise UsageError(msg("ask.file_unreadable", file=shown, problem=problem)) from None
        if not isinstance(data, dict):
            raise UsageError(msg("ask.file_not_mapping", file=shown))
        return data
    try:
        return parse(raw)[0]
    except LoadError as error:
        where = f"{error.line}:{error.column}: "
        located = msg("ask.at", where=where, problem=error.message)
        raise UsageError(msg("ask.file_unreadable", file=shown, problem=located)) from None


# --- questions ------------------------------------------------------------------------------

Answers = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Question:
    """One question: its key in the answers (and in an answer file), text, clause and parser.

    `parse(raw, lookup, answers, confirmed)` turns an answer into its value; `confirmed` is
    True when the user (or `--incomplete`) accepted an `Unconfirmed` answer. `default` proposes
    an answer from those given so far; `when` says whether the question applies at all;
    an optional question (`required=False`) takes an empty answer as "none".
    """

    key: str
    prompt: str  # message id
    parse: Callable[[Any, Lookup, Answers, bool], Any]
    clause: str | None = None  # message id of the clause behind it
    default: Callable[[Answers, Lookup], str | None] | None = None
    when: Callable[[Answers], bool] | None = None
    required: bool = True
    kind: str = "text"  # text, bool, list, commitments
    complete: str | None = None  # what completion offers: regions, partners, topics …
    prompted: bool = True  # False: only taken from a flag or an answer file, never asked
    # for an optional question: may raise `Unconfirmed` when leaving it empty misses a criterion
    if_empty: Callable[[Answers, bool], None] | None = None

    def applies(self, answers: Answers) -> bool:
        return self.when is None or self.when(answers)


def answer_all(
    questions: Sequence[Question],
    given: Mapping[str, Any],
    lookup: Lookup,
    *,
    incomplete: bool,
    subject: str,
    ask: Callable[[Question, Answers], Any] | None = None,
    reject: Callable[[Message], None] | None = None,
) -> Answers:
    """Parse every answer given (flags, answer file); `UsageError` if one is invalid.

    A missing answer is asked for with `ask` (the interactive prompt), and so is a given one
    that cannot be used, after `reject` has shown why; without `ask` (`--yes`) every missing
    answer is named in one `UsageError`.
    """
    keys = {question.key for question in questions}
    unknown = sorted(set(given) - keys)
    if unknown:
        raise UsageError(
            msg("ask.unknown_keys", keys=", ".join(printable(k, 40) for k in unknown[:10]))
        )
    answers: Answers = {}
    missing: list[str] = []
    for question in questions:
        if not question.applies(answers):
            continue
        raw = given.get(question.key)
        if ask is not None and (raw is None or (isinstance(raw, str) and not raw.strip())):
            answers[question.key] = ask(question, answers) if question.prompted else None
            continue
        empty = raw is None or (isinstance(raw, str) and not raw.strip())
        if empty and question.default is not None:
            raw = question.default(answers, lookup)
        if raw is None or (isinstance(raw, str | list) and not raw):
            # a default built from an earlier answer that is missing: that one is named
            if question.required and not (missing and question.default is not None):
                missing.append(question.key)
            else:
                answers[question.key] = parse_or_fail(question, None, lookup, answers, incomplete)
            continue
        try:
            answers[question.key] = parse_or_fail(question, raw, lookup, answers, incomplete)
        except UsageError as error:
            if ask is None or reject is None:
                raise
            reject(error.message)  # a flag or file answer that cannot be used: ask instead
            answers[question.key] = ask(question, answers)
    if missing:
        raise UsageError(msg("ask.missing", subject=subject, keys=", ".join(missing)))
    return answers


def parse_or_fail(
    question: Question, raw: Any, lookup: Lookup, answers: Answers, incomplete: bool
) -> Any:
    """Parse a given answer; every problem becomes a `UsageError` naming the question's key.

    An optional question left empty (`raw` None) is None, unless its `if_empty` objects.
    """
    try:
        if raw is None:
            if question.if_empty is not None:
                question.if_empty(answers, incomplete)
            return None
        return question.parse(raw, lookup, answers, incomplete)
    except Invalid as error:
        raise UsageError(_explained(question.key, error.reason, error.clause)) from None
    except Unconfirmed as error:
        reason = msg("ask.needs_incomplete", reason=error.reason)
        raise UsageError(_explained(question.key, reason, error.clause)) from None
    except Ambiguous as error:
        listed = "; ".join(candidate.label for candidate in error.candidates)
        reason = msg("ask.ambiguous", text=printable(error.text, 60), candidates=listed)
        raise UsageError(_explained(question.key, reason, None)) from None
    except UnknownPartners as error:
        raise UsageError(_explained(question.key, unknown_partners(error), None)) from None


def unknown_partners(error: UnknownPartners) -> Message:
    hints = [
        f"{printable(i, 64)} → {', '.join(error.suggestions[i])}"
        for i in error.ids
        if error.suggestions.get(i)
    ]
    return msg(
        "ask.unknown_partners",
        ids=", ".join(printable(i, 64) for i in error.ids),
        suggestions="; ".join(hints) or "—",
    )


def _explained(key: str, reason: Message, clause: str | None) -> Message:
    if clause is None:
        return msg("ask.invalid_answer", key=key, reason=reason)
    return msg("ask.invalid_answer_clause", key=key, reason=reason, clause=msg(clause))
