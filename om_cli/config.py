"""Settings in layers: om's shipped defaults, then the registry's `om.yaml`.

`om.yaml` is read like every other registry file (strict loader, its own schema); whatever in
it is well-formed takes effect, what is not is reported (OM002/OM004) and left at the default.
When it cannot be read at all the defaults apply, and the OM001 finding says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from om_cli.findings import Severity
from om_cli.loader import parse
from om_cli.model import Document, as_bool, as_date, as_list, as_mapping, as_str

OFF = "off"


@dataclass(frozen=True, slots=True)
class Waiver:
    index: int
    rule: str
    entity: str
    decision: str
    until: dt.date

    @property
    def pointer(self) -> str:
        return f"/waivers/{self.index}"


@dataclass(frozen=True, slots=True)
class Settings:
    criteria: str
    severities: dict[str, str]  # rule id -> error | warning | notice | off
    waivers: tuple[Waiver, ...]
    require_trailers: bool
    allowed_signers: str | None

    def severity_for(self, rule: str, default: Severity) -> Severity | None:
        """The configured severity of `rule`; None when the rule is switched off."""
        configured = self.severities.get(rule)
        if configured is None:
            return default
        if configured == OFF:
            return None
        return Severity(configured)


@cache
def _defaults() -> dict[str, Any]:
    raw = resources.files("om_cli").joinpath("defaults", "om.yaml").read_bytes()
    return parse(raw)[0]


def load_settings(doc: Document | None) -> Settings:
    """Layer the registry's `om.yaml` (if readable) over the defaults."""
    return settings_from(doc.data if doc is not None else None)


def settings_from(data: dict[str, Any] | None) -> Settings:
    """Layer the content of an `om.yaml` (None: none, or unreadable) over the defaults."""
    defaults = _defaults()
    own: dict[str, Any] = data if data is not None else {}
    severities: dict[str, str] = {}
    for source in (defaults, own):
        for rule_id, value in as_mapping(source.get("rules")).items():
            severity = as_str(as_mapping(value).get("severity"))
            if severity in ("error", "warning", "notice", OFF):
                severities[rule_id] = severity
    waivers = []
    for index, item in enumerate(as_list(own.get("waivers"))):
        entry = as_mapping(item)
        rule, entity, decision = (
            as_str(entry.get(name)) for name in ("rule", "entity", "decision")
        )
        until = as_date(entry.get("until"))
        if rule and entity and decision and until:
            waivers.append(Waiver(index, rule, entity, decision, until))
    audit = {**as_mapping(defaults.get("audit")), **as_mapping(own.get("audit"))}
    return Settings(
        criteria=as_str(own.get("criteria")) or as_str(defaults.get("criteria")) or "om-2012",
        severities=severities,
        waivers=tuple(waivers),
        require_trailers=as_bool(audit.get("require_trailers")) is not False,
        allowed_signers=as_str(audit.get("allowed_signers")),
    )
