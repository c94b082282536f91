"""`om apply`: a network's application, as the criteria of 2012 ask for it.

`QUESTIONS` lists what is asked, in order, each with the clause of the criteria behind it
(OM101–OM113, OM201–OM202 say what an application needs). `network_document` turns the
answers into `networks/<id>.yaml`: status `applied`, the schema modeline and a short German
comment above each section, in the house style of the shipped files.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from om_cli import yaml_style
from om_cli.answers import (
    ID_PATTERN,
    Ambiguous,
    Answers,
    Candidate,
    Invalid,
    Lookup,
    Question,
    Unconfirmed,
    UnknownPartners,
    as_items,
    as_text,
    fold,
    parse_bool,
    parse_date,
    parse_id,
    parse_name,
    parse_regions,
    parse_text,
    parse_topic,
    parse_url,
    slug,
)
from om_cli.messages import msg, printable

COMMITMENTS = ("leitgedanken", "grundprinzipien", "impartiality", "informs_partners", "cooperation")
COMMITMENT_CLAUSES = {
    "leitgedanken": "clause.om102",
    "grundprinzipien": "clause.om103",
    "impartiality": "clause.om106",
    "informs_partners": "clause.om108",
    "cooperation": "clause.om109",
}
MINIMUM_PARTNERS = 3
ATTACHED = "\x00"  # marks a section that follows the previous one without a blank line
MODELINE = "# yaml-language-server: $schema=../../schemas/network.schema.json\n"


def network_path(root: str, network_id: str) -> str:
    return os.path.join(root, "networks", f"{network_id}.yaml")


def _id(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    network_id = parse_id(raw)
    if network_id in lookup.networks or os.path.lexists(network_path(lookup.root, network_id)):
        name = lookup.networks.get(network_id, network_id)
        raise Invalid(msg("apply.id_taken", id=network_id, name=printable(name, 80)))
    return network_id


def _kind(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    text = fold(as_text(raw))
    if text in ("regional", "r", "region", "regionales netzwerk"):
        return "regional"
    if text in ("thematic", "thematisch", "fachlich", "f", "t", "fachliches netzwerk", "topic"):
        return "thematic"
    raise Invalid(msg("apply.bad_kind", value=printable(as_text(raw), 40)), "clause.om101")


def _parent(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    """The larger live network this one works inside (a sub-network, OM111)."""
    parent = parse_id(raw)
    if parent not in lookup.live_kinds:
        known = ", ".join(sorted(lookup.live_kinds)) or "—"
        raise Invalid(msg("apply.unknown_parent", parent=parent, known=known), "clause.om111")
    if lookup.live_kinds[parent] != answers.get("kind"):
        raise Invalid(msg("apply.parent_kind", parent=parent), "clause.om111")
    return parent


def _regions(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> list[str]:
    regions = parse_regions(raw, lookup)
    parent = answers.get("parent")
    if parent is not None:
        covered: set[str] = set()
        for region in regions:
            covered |= lookup.district_sets.get(region, frozenset())
        if not covered <= lookup.live_regions.get(parent, frozenset()):
            raise Invalid(msg("apply.outside_parent", parent=parent), "clause.om111")
    if not confirmed:
        _refuse_overlap([n for n in lookup.overlapping_regions(regions) if n != parent])
    return regions


def _topic(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    topic = parse_topic(raw, lookup)
    if not confirmed:
        parent = answers.get("parent")
        _refuse_overlap([n for n in lookup.overlapping_topic(topic) if n != parent])
    return topic


def _refuse_overlap(networks: list[str]) -> None:
    """OM111: one network per region or topic, unless the Leitungskreis agrees."""
    if networks:
        raise Unconfirmed(msg("apply.overlap", networks=", ".join(networks)), "clause.om111")


def _applied_on(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> dt.date:
    return parse_date(raw, lookup.today)


def _partners(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> list[str]:
    """Existing partners by id or name, distinct; at least three that count (OM105) unless
    confirmed. A name that fits several partners is `Ambiguous`; an unknown id may be created
    (`UnknownPartners`)."""
    chosen: list[str] = []
    for item in as_items(raw):
        found = _find_partner(item, lookup)
        if found not in chosen:
            chosen.append(found)
    unknown = [item for item in chosen if item not in lookup.partners]
    not_ids = [item for item in unknown if not ID_PATTERN.match(item)]
    if not_ids:
        hints = "; ".join(
            f"{printable(i, 60)} → {', '.join(lookup.partner_suggestions(i)) or '—'}"
            for i in not_ids
        )
        raise Invalid(msg("apply.unknown_partner_name", partners=hints))
    if unknown:
        raise UnknownPartners(unknown, {i: lookup.partner_suggestions(i) for i in unknown})
    left = [p for p in chosen if not lookup.partners[p].active]
    if left:
        raise Invalid(msg("apply.partner_left", partners=", ".join(left)), "clause.om105")
    counting = [
        p
        for p in chosen
        if (signed := lookup.partners[p].signed_on) is not None and signed <= lookup.today
    ]
    if len(counting) < MINIMUM_PARTNERS and not confirmed:
        unsigned = [p for p in chosen if p not in counting]
        reason = msg(
            "apply.too_few_partners",
            count=len(counting),
            minimum=MINIMUM_PARTNERS,
            unsigned=", ".join(unsigned) or "—",
        )
        raise Unconfirmed(reason, "clause.om105")
    return chosen


def _find_partner(text: str, lookup: Lookup) -> str:
    """A partner id for a typed id or name; the text itself when nothing matches."""
    if text in lookup.partners:
        return text
    wanted = fold(text)
    exact = [p.id for p in lookup.partners.values() if fold(p.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    found = exact or (
        [p.id for p in lookup.partners.values() if _all_words(wanted, fold(p.name))]
        if len(wanted) >= 3
        else []
    )
    if len(found) == 1:
        return found[0]
    if found:
        labels = [Candidate(p, f"{lookup.partners[p].name} ({p})") for p in sorted(found)]
        raise Ambiguous(text, labels[:20])
    return text


def _all_words(wanted: str, name: str) -> bool:
    """Every word of `wanted` occurs in `name` (`IG Metall Erfurt` in `IG Metall
    Geschäftsstelle Erfurt`)."""
    return all(word in name for word in wanted.split())


def _coordinator(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    partners = answers.get("partners") or []
    text = _find_partner(as_text(raw), lookup)
    if text not in partners:
        raise Invalid(msg("apply.bad_coordinator", partners=", ".join(partners) or "—"))
    return text


def _commitments(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> dict[str, str]:
    """The declarations and their dates.

    Accepted: `true` or `alle`/`all` (all five, dated on the application's day), a date (all
    five on that day), a list of names (those, on the application's day), or a mapping of
    name to date (or `true`).
    """
    day: dt.date = answers.get("applied_on") or lookup.today
    given: dict[str, dt.date] = {}
    names: list[str] = []
    if isinstance(raw, dict):
        for name, value in raw.items():
            _known_commitment(str(name))
            if value is True:
                given[str(name)] = day
            elif value is not False and value is not None:
                given[str(name)] = parse_date(value, lookup.today, future_clause="clause.future")
    elif isinstance(raw, list):
        names = [as_text(item) for item in raw]
    elif isinstance(raw, bool):
        names = list(COMMITMENTS) if raw else []
    else:
        text = as_text(raw)
        if text.lower() in ("alle", "all", "ja", "yes", "true"):
            names = list(COMMITMENTS)
        elif text.lower() in ("keine", "none", "nein", "no", "false"):
            names = []
        elif text[:1].isdigit():
            stated = parse_date(text, lookup.today, future_clause="clause.future")
            given = dict.fromkeys(COMMITMENTS, stated)
        else:
            names = as_items(text)
    for name in names:
        _known_commitment(name)
        given[name] = day
    missing = [name for name in COMMITMENTS if name not in given]
    if missing and not confirmed:
        listed = ", ".join(missing)
        raise Unconfirmed(
            msg("apply.commitments_missing", commitments=listed), COMMITMENT_CLAUSES[missing[0]]
        )
    return {name: given[name].isoformat() for name in COMMITMENTS if name in given}


def _known_commitment(name: str) -> None:
    if name not in COMMITMENTS:
        raise Invalid(
            msg("apply.unknown_commitment", name=printable(name, 40), known=", ".join(COMMITMENTS))
        )


def _open(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> bool:
    value = parse_bool(raw)
    if not value and not confirmed:
        raise Unconfirmed(msg("apply.closed"), "clause.om110")
    return value


def _instruments(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> list[str]:
    """Instruments by id, code or name; the reference instruments are always included."""
    chosen = [i for i, (_n, _c, reference) in lookup.instruments.items() if reference]
    text = as_text(raw) if not isinstance(raw, list) else ""
    items = [] if fold(text) in ("keine", "none", "nur pflicht", "-") else as_items(raw)
    for item in items:
        found = _find_instrument(item, lookup)
        if found not in chosen:
            chosen.append(found)
    return chosen


def _find_instrument(text: str, lookup: Lookup) -> str:
    if text in lookup.instruments:
        return text
    wanted = fold(text)
    for instrument, (name, code, _reference) in lookup.instruments.items():
        if code and code.lower() == text.lower():
            return instrument
        if fold(name) == wanted:
            return instrument
    found = [
        i for i, (name, _c, _r) in lookup.instruments.items() if wanted and wanted in fold(name)
    ]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        labels = [Candidate(i, f"{lookup.instruments[i][0]} ({i})") for i in found]
        raise Ambiguous(text, labels)
    known = ", ".join(
        f"{code or '—'} {instrument}" for instrument, (_n, code, _r) in lookup.instruments.items()
    )
    raise Invalid(
        msg("apply.unknown_instrument", instrument=printable(text, 60), known=known),
        "clause.om104",
    )


def _needs_logo(answers: Answers) -> bool:
    """OM202: a name without „Offensive Mittelstand“ needs a website with the partner logo."""
    return "offensive mittelstand" not in fold(answers.get("name") or "")


def _website(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    return parse_url(raw)


def _without_website(answers: Answers, confirmed: bool) -> None:
    if _needs_logo(answers) and not confirmed:
        raise Unconfirmed(msg("apply.website_needed"), "clause.om202")


def _partner_logo(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> bool:
    value = parse_bool(raw)
    if not value and _needs_logo(answers) and not confirmed:
        raise Unconfirmed(msg("apply.logo_needed"), "clause.om202")
    return value


def _default_id(answers: Answers, lookup: Lookup) -> str | None:
    return slug(answers["name"]) if answers.get("name") else None


def _default_today(answers: Answers, lookup: Lookup) -> str | None:
    return lookup.today.isoformat()


def _default_coordinator(answers: Answers, lookup: Lookup) -> str | None:
    partners = answers.get("partners") or []
    return partners[0] if partners else None


QUESTIONS: tuple[Question, ...] = (
    Question("name", "apply.q_name", lambda raw, *_: parse_name(raw), "clause.om201"),
    Question("id", "apply.q_id", _id, "clause.id", default=_default_id),
    Question("kind", "apply.q_kind", _kind, "clause.kind", default=lambda a, lk: "regional"),
    Question("parent", "apply.q_parent", _parent, "clause.om111", required=False,
             prompted=False),
    Question(
        "regions", "apply.q_regions", _regions, "clause.om101",
        when=lambda a: a.get("kind") == "regional", kind="list", complete="regions",
    ),
    Question(
        "topic", "apply.q_topic", _topic, "clause.om101",
        when=lambda a: a.get("kind") == "thematic", complete="topics",
    ),
    Question("goals", "apply.q_goals", lambda raw, *_: parse_text(raw), "clause.om101"),
    Question("approach", "apply.q_approach", lambda raw, *_: parse_text(raw), "clause.om101"),
    Question("applied_on", "apply.q_applied_on", _applied_on, "clause.applied_on",
             default=_default_today),
    Question("partners", "apply.q_partners", _partners, "clause.om105", kind="list",
             complete="partners"),
    Question("coordinator", "apply.q_coordinator", _coordinator, "clause.coordinator",
             default=_default_coordinator, complete="chosen_partners"),
    Question("commitments", "apply.q_commitments", _commitments, "clause.commitments",
             kind="commitments"),
    Question("open", "apply.q_open", _open, "clause.om110", default=lambda a, lk: "ja",
             kind="bool"),
    Question("instruments", "apply.q_instruments", _instruments, "clause.om104",
             default=lambda a, lk: "keine", kind="list", complete="instruments"),
    Question("website", "apply.q_website", _website, "clause.om202", required=False,
             if_empty=_without_website),
    Question("partner_logo", "apply.q_partner_logo", _partner_logo, "clause.om202",
             when=lambda a: bool(a.get("website")) or _needs_logo(a),
             default=lambda a, lk: "ja", kind="bool"),
)  # fmt: skip


def network_document(answers: Answers, lookup: Lookup) -> bytes:
    """The new network file: modeline, comments above each section, the house style.

    Long texts (goals, approach) are folded (`>-`) over several lines like in the shipped
    files; should the folded text not read back as typed, they are written on one line.
    """
    from om_cli.loader import parse

    document = _network_document(answers, lookup, fold_texts=True)
    application = parse(document)[0].get("application")
    if application == {"goals": answers["goals"], "approach": answers["approach"]}:
        return document
    return _network_document(answers, lookup, fold_texts=False)


def _folded(text: str, width: int = 88) -> Any:
    """A long text as a folded block scalar, broken at spaces before `width` columns."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if len(text) <= width - 10:
        return text
    folded = FoldedScalarString(text)
    breaks: list[int] = []
    line_start, last_space = 0, -1
    for index, character in enumerate(text):
        if character == " ":
            if index - line_start > width - 4 and last_space > line_start:
                breaks.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > width - 4 and last_space > line_start:
        breaks.append(last_space)
    folded.fold_pos = breaks
    return folded


def _network_document(answers: Answers, lookup: Lookup, *, fold_texts: bool) -> bytes:
    applied_on = answers["applied_on"]
    day = applied_on.isoformat() if isinstance(applied_on, dt.date) else str(applied_on)
    sections: list[tuple[str | None, dict[str, Any]]] = []
    head: dict[str, Any] = {
        "id": answers["id"],
        "name": answers["name"],
        "kind": answers["kind"],
    }
    if answers["kind"] == "regional":
        head["regions"] = _commented_regions(answers["regions"], lookup)
    else:
        head["topic"] = answers["topic"]
    sections.append((None, head))
    if answers.get("parent"):
        # right below the regions or topic, as in the shipped files
        sections.append((ATTACHED + msg("apply.c_parent").text("de"),
                         {"parent": answers["parent"]}))  # fmt: skip
    sections.append(
        (
            msg("apply.c_status", date=_german_date(day)).text("de"),
            {"status": "applied", "applied_on": day},
        )
    )
    texts = {"goals": answers["goals"], "approach": answers["approach"]}
    application = {key: _folded(value) if fold_texts else value for key, value in texts.items()}
    sections.append((msg("apply.c_application").text("de"), {"application": application}))
    if answers.get("commitments"):
        sections.append(
            (msg("apply.c_commitments").text("de"), {"commitments": answers["commitments"]})
        )
    sections.append((msg("apply.c_open").text("de"), {"open": bool(answers["open"])}))
    sections.append(
        (msg("apply.c_instruments").text("de"), {"instruments": list(answers["instruments"])})
    )
    coordinator = answers.get("coordinator")
    members = [
        _flow({"partner": p, "since": day, "role": "coordinator" if p == coordinator else "member"})
        for p in answers["partners"]
    ]
    sections.append((msg("apply.c_partners").text("de"), {"partners": members}))
    public: dict[str, Any] = {}
    if answers.get("website"):
        public["website"] = answers["website"]
    if answers.get("partner_logo") is not None:
        public["partner_logo"] = bool(answers["partner_logo"])
    if public:
        sections.append((msg("apply.c_public").text("de"), public))
    sections.append((msg("apply.c_meetings").text("de"), {"meetings": []}))
    sections.append((msg("apply.c_reports").text("de"), {"plenum_reports": []}))
    intro = msg("apply.c_intro", name=answers["name"]).text("de")
    return compose(MODELINE, intro, sections)


def compose(modeline: str, intro: str, sections: list[tuple[str | None, dict[str, Any]]]) -> bytes:
    """A file from sections, each dumped in the house style under its comment."""
    import textwrap

    lines = textwrap.wrap(_one_line(intro), width=96)
    parts = [modeline, *(f"# {line}\n" for line in lines)]
    for index, (comment, data) in enumerate(sections):
        if comment and comment.startswith(ATTACHED):
            comment = comment[len(ATTACHED) :]
        elif index:
            parts.append("\n")
        if comment:
            parts.append(f"# {_one_line(comment)}\n")
        parts.append(yaml_style.dump(data))
    return "".join(parts).encode("utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _flow(item: dict[str, Any]) -> Any:
    from ruamel.yaml.comments import CommentedMap

    styled = CommentedMap(item)
    styled.fa.set_flow_style()
    return styled


def _commented_regions(regions: list[str], lookup: Lookup) -> Any:
    """The region ids, each with its name as a comment (`- ags-06611  # Stadt Kassel`)."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(regions)
    for index, region in enumerate(regions):
        known = lookup.regions.get(region)
        if known is not None and not region.startswith(("DE-",)) and known.name != region:
            column = len("  - ") + len(region) + 2  # two spaces before the comment
            seq.yaml_add_eol_comment(f"# {_one_line(known.name)}", index, column=column)
    return seq


def _german_date(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


def commit_title(answers: Answers) -> str:
    return msg("apply.commit", name=answers["name"], id=answers["id"]).text("de")
