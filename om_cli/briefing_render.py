"""Rendering a `Briefing` as HTML, Markdown or JSON.

HTML and Markdown come from Jinja2 templates shipped in `om_cli/templates/`. Registry content
is hostile input: the HTML environment escapes every value (autoescape), the Markdown
environment passes every value through `md_escape` (its `finalize`), so neither a name nor a
summary can add markup, links or table cells. The HTML is one self-contained file: inline CSS
and SVG, no script, no external reference, laid out for printing on A4.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from om_cli import __version__
from om_cli.briefing import FILE_COLUMN, MINIMUM_MEETINGS, Briefing, Change, DecisionItem
from om_cli.findings import Finding
from om_cli.messages import msg, printable

FORMATS = ("html", "md", "json")

_STATUS = {
    "applied": "report.status_applied",
    "recognized": "report.status_recognized",
    "rejected": "report.status_rejected",
    "withdrawn": "report.status_withdrawn",
}
_STATE = {
    "error": "report.sev_error",
    "warning": "report.sev_warning",
    "notice": "report.sev_notice",
    "pass": "report.sev_pass",
    "na": "report.sev_na",
}
_BODY = {"leitungskreis": "report.body_leitungskreis", "plenum": "report.body_plenum"}
_KIND = {
    "recognition": "report.kind_recognition",
    "rejection": "report.kind_rejection",
    "withdrawal": "report.kind_withdrawal",
    "sub_network_consent": "report.kind_sub_network_consent",
    "dispute_resolution": "report.kind_dispute_resolution",
    "waiver": "report.kind_waiver",
}
_CHANGE = {
    "applied": "report.change_applied",
    "recognized": "report.change_recognized",
    "rejected": "report.change_rejected",
    "withdrawn": "report.change_withdrawn",
    "member_joined": "report.change_member_joined",
    "member_left": "report.change_member_left",
    "partner_joined": "report.change_partner_joined",
    "partner_left": "report.change_partner_left",
}
# The catalogue texts the templates show with `t("…")` (a test keeps this list equal to the
# templates, and the message tests see the ids used here).
TEMPLATE_TEXTS: tuple[str, ...] = (
    "export.as_of",
    "export.count",
    "report.annex",
    "report.applications",
    "report.applied_on",
    "report.changes",
    "report.complete",
    "report.contents",
    "report.count",
    "report.date",
    "report.days_left",
    "report.decision",
    "report.decisions",
    "report.due",
    "report.entity",
    "report.file",
    "report.file_rules",
    "report.findings",
    "report.generated",
    "report.informed_at",
    "report.lacking",
    "report.location",
    "report.matrix",
    "report.matrix_note",
    "report.meetings",
    "report.meetings_note",
    "report.message",
    "report.missing_years",
    "report.must_inform",
    "report.network",
    "report.networks",
    "report.no_plenum_file",
    "report.no_previous",
    "report.none",
    "report.not_due",
    "report.partners",
    "report.partners_active",
    "report.partners_inactive",
    "report.partners_listed",
    "report.place",
    "report.previous",
    "report.reported_at",
    "report.reports",
    "report.reports_note",
    "report.rule",
    "report.severity",
    "report.subtitle",
    "report.summary",
    "report.summary_text",
    "report.this_year",
    "report.title",
    "report.to_inform",
    "report.until",
    "report.waivers",
)
# the symbol of each cell state: the colour is not the only sign (black-and-white print)
SYMBOLS = {"error": "✗", "warning": "!", "notice": "i", "pass": "✓", "na": "–"}

# chart geometry (SVG user units = CSS px)
_LABEL_WIDTH = 270
_YEAR_WIDTH = 66
_ROW_HEIGHT = 30
_BAR_WIDTH = 26
_BAR_SPACE = 21  # the height of the tallest bar
_HEADER = 22


def md_escape(value: Any) -> str:
    """A value for Markdown: no markup, no HTML, no table cell break, no line break."""
    if value is None:
        return ""
    text = printable(re.sub(r"\s+", " ", str(value)), 100_000)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # (the templates never put a value at the start of a line, where `-`, `=` or `1.` count)
    return re.sub(r"([\\`*_\[\]|~#])", r"\\\1", text)


@cache
def _environment(kind: str) -> Environment:
    if kind == "html":
        return Environment(
            loader=PackageLoader("om_cli", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    return Environment(
        loader=PackageLoader("om_cli", "templates"),
        autoescape=False,
        finalize=md_escape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def helpers(lang: str) -> dict[str, Callable[..., Any]]:
    """Functions the templates use to put texts into the chosen language."""

    def t(message_id: str, **args: Any) -> str:
        return msg(message_id, **args).text(lang)

    def date(value: dt.date | str | None) -> str:
        if value is None:
            return ""
        if isinstance(value, str):  # a Plenum id is its ISO date
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                return value
        else:
            day = value
        return day.strftime("%d.%m.%Y") if lang == "de" else day.isoformat()

    def looked_up(table: dict[str, str], key: str) -> str:
        return t(table[key]) if key in table else key

    def finding_text(finding: Finding) -> str:
        text = finding.message.text(lang)
        if finding.waiver:
            text += " " + msg("text.waived", decision=finding.waiver).text(lang)
        return text

    def change_text(change: Change) -> str:
        return t(_CHANGE[change.what], name=change.name, other=change.other)

    return {
        "t": t,
        "date": date,
        "status_label": lambda key: (
            looked_up(_STATUS, key) if key in _STATUS else t("report.status_unknown")
        ),
        "state_label": lambda key: looked_up(_STATE, key),
        "body_label": lambda key: looked_up(_BODY, key),
        "kind_label": lambda key: looked_up(_KIND, key),
        "rule_title": lambda rule: t(f"rule.{rule}"),
        "column_label": lambda column: t("report.file") if column == FILE_COLUMN else column,
        "column_title": lambda column: (
            t("report.file_rules") if column == FILE_COLUMN else t(f"rule.{column}")
        ),
        "finding_text": finding_text,
        "change_text": change_text,
    }


def chart(briefing: Briefing, lang: str) -> dict[str, Any]:
    """The meetings chart's geometry: one row per network, one bar per year."""
    peak = max(
        [MINIMUM_MEETINGS + 1]
        + [year.count for series in briefing.meetings for year in series.years]
    )
    scale = _BAR_SPACE / peak
    rows = []
    for index, series in enumerate(briefing.meetings):
        top = _HEADER + index * _ROW_HEIGHT
        base = top + _ROW_HEIGHT - 5
        bars = []
        for column, year in enumerate(series.years):
            height = round(year.count * scale, 2)
            centre = _LABEL_WIDTH + column * _YEAR_WIDTH + _YEAR_WIDTH / 2
            state = "short" if year.short else ("ok" if year.judged else "open")
            label = msg(
                "report.chart_label", name=series.name, year=str(year.year), count=year.count
            )
            bars.append(
                {
                    "x": round(centre - _BAR_WIDTH / 2, 2),
                    "y": round(base - height, 2),
                    "width": _BAR_WIDTH,
                    "height": height,
                    "count": year.count,
                    "year": year.year,
                    "state": state,
                    "text_x": round(centre + _BAR_WIDTH / 2 + 3, 2),
                    "label": label.text(lang),
                }
            )
        rows.append(
            {
                "network": series.network,
                "name": series.name,
                "top": top,
                "base": base,
                "text_y": top + _ROW_HEIGHT / 2 + 4,
                "minimum_y": round(base - MINIMUM_MEETINGS * scale, 2),
                "bars": bars,
            }
        )
    years = [
        {"year": year, "x": _LABEL_WIDTH + column * _YEAR_WIDTH + _YEAR_WIDTH / 2}
        for column, year in enumerate(briefing.chart_years)
    ]
    return {
        "width": _LABEL_WIDTH + len(briefing.chart_years) * _YEAR_WIDTH + 10,
        "height": _HEADER + len(rows) * _ROW_HEIGHT + 4,
        "label_width": _LABEL_WIDTH,
        "rows": rows,
        "years": years,
        "scale": scale,
    }


def render(briefing: Briefing, output_format: str, lang: str) -> str:
    """The briefing as text in `output_format` (html, md or json)."""
    if output_format == "json":
        return json.dumps(as_json(briefing, lang), ensure_ascii=False, indent=2) + "\n"
    template = "briefing.html.j2" if output_format == "html" else "briefing.md.j2"
    context = {
        "b": briefing,
        "lang": lang,
        "symbols": SYMBOLS,
        "version": __version__,
        "chart": chart(briefing, lang) if output_format == "html" else None,
        **helpers(lang),
    }
    return _environment(output_format).get_template(template).render(context)


def _finding_json(finding: Finding, lang: str) -> dict[str, Any]:
    from om_cli.reporters.json_reporter import as_dict

    return as_dict(finding, lang)


def as_json(briefing: Briefing, lang: str) -> dict[str, Any]:
    """The briefing as plain JSON values (version 1); finding references are annex indices."""

    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "version": 1,
        "date": briefing.date.isoformat(),
        "registry": briefing.registry,
        "plenum": briefing.plenum,
        "location": briefing.location,
        "previous": day(briefing.previous),
        "summary": {
            "networks": briefing.networks_by_status,
            "partners": {
                "active": briefing.partners_active,
                "inactive": briefing.partners_inactive,
                "listed": briefing.partners_listed,
            },
            "findings": briefing.severities,
            "files": briefing.files,
        },
        "changes": [
            {"date": c.date.isoformat(), "what": c.what, "entity": c.entity, "partner": c.other}
            for c in briefing.changes
        ],
        "matrix": {
            "rules": list(briefing.rules),
            "networks": [
                {
                    "network": row.network,
                    "status": row.status,
                    "cells": {
                        rule: {"state": cell.state, "findings": list(cell.findings)}
                        for rule, cell in zip(briefing.rules, row.cells, strict=True)
                    },
                }
                for row in briefing.matrix
            ],
        },
        "meetings": [
            {
                "network": series.network,
                "years": {str(y.year): y.count for y in series.years},
                "short": [y.year for y in series.years if y.short],
            }
            for series in briefing.meetings
        ],
        "plenum_reports": [
            {
                "network": r.network,
                "missing_years": list(r.missing_years),
                "this_year": r.this_year,
                "due": r.due,
            }
            for r in briefing.reports
        ],
        "applications": [
            {"network": a.network, "applied_on": day(a.applied_on), "lacking": list(a.lacking)}
            for a in briefing.applications
        ],
        "decisions": [_decision_json(d) for d in briefing.decisions],
        "to_inform": [_decision_json(d) for d in briefing.to_inform],
        "waivers": [
            {
                "rule": w.rule,
                "entity": w.entity,
                "decision": w.decision,
                "until": w.until.isoformat(),
                "days_left": w.days_left,
            }
            for w in briefing.waivers
        ],
        "findings": [_finding_json(f, lang) for f in briefing.findings],
    }


def _decision_json(decision: DecisionItem) -> dict[str, Any]:
    return {
        "id": decision.id,
        "date": decision.date.isoformat() if decision.date else None,
        "body": decision.body,
        "kind": decision.kind,
        "networks": list(decision.networks),
        "must_inform": decision.must_inform,
        "informed_at": decision.informed_at,
    }
