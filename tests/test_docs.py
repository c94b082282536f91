"""Drift tests: rule documentation, generated pages, the criteria quoted."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from om_cli import docs
from om_cli.rules import CATALOGUE, HISTORY, RULES

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = (ROOT / "docs" / "kriterien-netzwerke-2012.txt").read_text(encoding="utf-8")


def _normalise(text: str) -> str:
    text = re.sub(r"\[[^\]]*\]", "", text)  # editorial insertions such as [Ein Netzwerk]
    text = re.sub(r"[„“‚‘\"]", "", text)
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text)  # words hyphenated across lines
    text = re.sub(r"\(Link\)", "", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(".").strip()


def test_generated_rule_pages_are_up_to_date() -> None:
    folder = ROOT / "docs" / "rules"
    expected = docs.pages()
    present = {path.name for path in folder.glob("*.md")}
    assert present == set(expected), "run `make docs`"
    for name, content in expected.items():
        assert (folder / name).read_text(encoding="utf-8") == content, f"{name}: run `make docs`"


@pytest.mark.parametrize("rule", CATALOGUE, ids=[rule.ID for rule in CATALOGUE])
def test_rule_is_documented(rule: object) -> None:
    doc = inspect.cleandoc(getattr(rule, "__doc__", "") or "")
    assert doc.startswith(rule.ID)
    for section in (
        "Clause:",
        "What it checks",
        "Passing example",
        "Failing example",
        "How to fix",
    ):
        assert section in doc, f"{section} missing"


@pytest.mark.parametrize(
    "rule", [r for r in RULES if r.ID[2] in "12"], ids=[r.ID for r in RULES if r.ID[2] in "12"]
)
def test_criteria_rules_quote_the_criteria_verbatim(rule: object) -> None:
    doc = inspect.cleandoc(getattr(rule, "__doc__", "") or "")
    clause = doc.split("Clause:", 1)[1].split("\n\n", 1)[0]
    assert "„" in clause, "the clause is quoted in German"
    assert _normalise(clause) in _normalise(CRITERIA)


@pytest.mark.parametrize("rule", HISTORY, ids=[rule.ID for rule in HISTORY])
def test_history_rules_quote_the_criteria_verbatim_where_they_quote(rule: object) -> None:
    doc = inspect.cleandoc(getattr(rule, "__doc__", "") or "")
    clause = doc.split("Clause:", 1)[1].split("\n\n", 1)[0]
    quotes = re.findall(r"„(.*?)“(?=\s|$)", clause, flags=re.S)
    assert quotes or clause.strip().startswith("none")
    for quote in quotes:
        assert _normalise(quote) in _normalise(CRITERIA), quote


def test_normalise_can_fail() -> None:
    assert _normalise("„Es besteht aus mindestens vier Partnern.“") not in _normalise(CRITERIA)
