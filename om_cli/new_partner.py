"""`om new partner`: a new partner organisation, asked for like `om apply` asks for a network.

`QUESTIONS` are the fields of `partners/<id>.yaml`; `partner_document` writes the file with
the schema modeline and a German comment above each section, like the shipped partners.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from om_cli.answers import (
    Answers,
    Invalid,
    Lookup,
    PartnerInfo,
    Question,
    as_text,
    fold,
    parse_bool,
    parse_date,
    parse_id,
    parse_name,
    parse_region,
    parse_url,
    slug,
)
from om_cli.apply import compose
from om_cli.messages import msg, printable

MODELINE = "# yaml-language-server: $schema=../../schemas/partner.schema.json\n"
# the partner types of the schema, with the German words a coordinator may type instead
TYPES: dict[str, tuple[str, ...]] = {
    "chamber": ("kammer", "ihk", "hwk", "handwerkskammer", "industrie und handelskammer"),
    "association": ("verband",),
    "union": ("gewerkschaft",),
    "employers": ("arbeitgeberverband", "arbeitgeber"),
    "social_insurance": ("sozialversicherung", "sozialversicherungstraeger", "krankenkasse"),
    "company": ("unternehmen", "firma", "betrieb"),
    "consultant": ("beratung", "berater", "beraterin", "unternehmensberatung"),
    "research": ("forschung", "wissenschaft", "hochschule", "institut"),
    "public_body": ("oeffentliche stelle", "behoerde", "amt"),
    "business_development": ("wirtschaftsfoerderung",),
    "foundation": ("stiftung",),
    "other": ("sonstige", "sonstiges", "andere"),
}


def partner_path(root: str, partner_id: str) -> str:
    return os.path.join(root, "partners", f"{partner_id}.yaml")


def _id(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    partner_id = parse_id(raw)
    if partner_id in lookup.partners or os.path.lexists(partner_path(lookup.root, partner_id)):
        name = lookup.partners[partner_id].name if partner_id in lookup.partners else partner_id
        raise Invalid(msg("partner.id_taken", id=partner_id, name=printable(name, 80)))
    return partner_id


def _type(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    text = as_text(raw)
    if text in TYPES:
        return text
    wanted = fold(text).replace("_", " ")
    for kind, words in TYPES.items():
        if wanted == kind.replace("_", " ") or wanted in words:
            return kind
    raise Invalid(msg("partner.bad_type", value=printable(text, 40), known=", ".join(TYPES)))


def _group(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    return parse_id(raw)


def _signed(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    return parse_date(raw, lookup.today, future_clause="clause.signed").isoformat()


def _region(raw: Any, lookup: Lookup, answers: Answers, confirmed: bool) -> str:
    return parse_region(raw, lookup)


QUESTIONS: tuple[Question, ...] = (
    Question("name", "partner.q_name", lambda raw, *_: parse_name(raw)),
    Question("id", "partner.q_id", _id, "clause.id",
             default=lambda a, lk: slug(a["name"]) if a.get("name") else None),
    Question("type", "partner.q_type", _type, "clause.type", complete="types"),
    Question("group", "partner.q_group", _group, "clause.om106", required=False,
             complete="groups"),
    Question("principles_signed_on", "partner.q_signed", _signed, "clause.signed",
             required=False),
    Question("listing_consent", "partner.q_consent", lambda raw, *_: parse_bool(raw),
             "clause.consent", default=lambda a, lk: "nein", kind="bool"),
    Question("website", "partner.q_website", lambda raw, *_: parse_url(raw), required=False),
    Question("region", "partner.q_region", _region, required=False, complete="regions"),
)  # fmt: skip


def partner_document(answers: Answers, lookup: Lookup) -> bytes:
    head = {"id": answers["id"], "name": answers["name"], "type": answers["type"]}
    if answers.get("group"):
        head["group"] = answers["group"]
    status: dict[str, Any] = {"status": "active"}
    if answers.get("principles_signed_on"):
        status["principles_signed_on"] = answers["principles_signed_on"]
    public: dict[str, Any] = {}
    if answers.get("website"):
        public["website"] = answers["website"]
    if answers.get("region"):
        public["region"] = answers["region"]
    public["listing_consent"] = bool(answers.get("listing_consent"))
    sections: list[tuple[str | None, dict[str, Any]]] = [
        (None, head),
        (msg("partner.c_status").text("de"), status),
        (msg("partner.c_public").text("de"), public),
    ]
    intro = msg("partner.c_intro", name=answers["name"]).text("de")
    return compose(MODELINE, intro, sections)


def info(answers: Answers, today: dt.date) -> PartnerInfo:
    """The new partner as the application's questions see it."""
    signed = answers.get("principles_signed_on")
    return PartnerInfo(
        answers["id"],
        answers["name"],
        True,
        dt.date.fromisoformat(signed) if signed else None,
        answers.get("group"),
    )


def commit_title(answers: Answers) -> str:
    return msg("partner.commit", name=answers["name"], id=answers["id"]).text("de")
