"""The rule catalogue: an explicit, ordered list of rule modules.

Each module's docstring is the rule's documentation (clause, what it checks, a passing and a
failing example, how to fix); `ID`, `SEVERITY` and `check(ctx)` are its interface. The history
rules OM301–OM305 (`HISTORY`) judge git history, not a registry: `om audit` and `om check --base`
run them (`om_cli.audit`); their modules hold the documentation and what the judging needs.
"""

from __future__ import annotations

from types import ModuleType

from om_cli.rules import (
    om001,
    om002,
    om003,
    om004,
    om005,
    om101,
    om102,
    om103,
    om104,
    om105,
    om106,
    om107,
    om108,
    om109,
    om110,
    om111,
    om112,
    om113,
    om201,
    om202,
    om203,
    om204,
    om301,
    om302,
    om303,
    om304,
    om305,
)

RULES: tuple[ModuleType, ...] = (
    om001,
    om002,
    om003,
    om004,
    om005,
    om101,
    om102,
    om103,
    om104,
    om105,
    om106,
    om107,
    om108,
    om109,
    om110,
    om111,
    om112,
    om113,
    om201,
    om202,
    om203,
    om204,
)
HISTORY: tuple[ModuleType, ...] = (om301, om302, om303, om304, om305)
CATALOGUE: tuple[ModuleType, ...] = RULES + HISTORY
BY_ID: dict[str, ModuleType] = {rule.ID: rule for rule in CATALOGUE}
