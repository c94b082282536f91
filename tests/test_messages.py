"""The message catalogue: both languages, the same placeholders, every id used exists."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from om_cli.messages import CATALOGUE, FORMATTER, msg
from om_cli.rules import CATALOGUE as RULES

PACKAGE = Path(__file__).resolve().parent.parent / "om_cli"
SOURCES = sorted(PACKAGE.rglob("*.py"))

# The families of ids that source code builds at run time (`msg(f"kind.{kind}")`) and the
# values each may take, from DESIGN.md and the code that builds them.
FAMILIES: dict[str, tuple[str, ...]] = {
    "rule": tuple(rule.ID for rule in RULES),
    "commitment": ("leitgedanken", "grundprinzipien", "impartiality", "informs_partners",
                   "cooperation"),
    "kind": ("partner", "network", "region", "topic", "instrument", "plenum", "decision"),
    "decision_kind": ("recognition", "rejection"),
    "schema": ("minLength", "maxLength", "minItems", "maxItems"),
    "decide.title": ("recognize", "reject", "withdraw", "consent", "resolve", "waive"),
    "apply.declare": ("leitgedanken", "grundprinzipien", "impartiality", "informs_partners",
                      "cooperation"),
}  # fmt: skip
PREFIXES = sorted({message_id.split(".", 1)[0] for message_id in CATALOGUE})
ID_LITERAL = re.compile(rf"(?:{'|'.join(map(re.escape, PREFIXES))})\.[A-Za-z0-9_]+\Z")


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.mark.parametrize("message_id", list(CATALOGUE))
def test_entry_has_both_languages(message_id: str) -> None:
    entry = CATALOGUE[message_id]
    assert isinstance(entry, tuple) and len(entry) == 2
    german, english = entry
    assert german.strip() and english.strip()
    assert german == german.strip() and english == english.strip()
    assert placeholders(german) == placeholders(english)
    if any(character.isalpha() for character in FORMATTER.vformat(
        german, (), {name: "" for name in placeholders(german)}
    )):  # fmt: skip
        assert german != english, "the English text is a copy of the German one"


@pytest.mark.parametrize("message_id", list(CATALOGUE))
def test_entry_renders_in_both_languages(message_id: str) -> None:
    german, _ = CATALOGUE[message_id]
    args = {name: f"<{name}>" for name in placeholders(german)}
    message = msg(message_id, **args)
    for lang in ("de", "en"):
        text = message.text(lang)
        assert "{" not in text and "}" not in text
        for value in args.values():
            assert value in text


@pytest.mark.parametrize(
    "count,german,english",
    [
        (1, "1 Warnung", "1 warning"),
        (2, "2 Warnungen", "2 warnings"),
        (0, "0 Warnungen", "0 warnings"),
    ],
)
def test_plural_forms(count: int, german: str, english: str) -> None:
    message = msg("text.summary", errors=0, warnings=count, notices=0, files=3)
    assert german in message.text("de")
    assert english in message.text("en")


def _literal_ids() -> dict[str, set[str]]:
    """Every string constant in om_cli that looks like a message id: id -> files."""
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        if path.name == "messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                continue
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and ID_LITERAL.match(node.value)
                and not node.value.endswith(".py")  # a module's file name, not a message id
            ):
                found.setdefault(node.value, set()).add(str(path.relative_to(PACKAGE)))
    return found


def _msg_calls() -> list[tuple[str, ast.Call]]:
    calls = []
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "msg"
                and node.args
            ):
                calls.append((str(path.relative_to(PACKAGE)), node))
    return calls


def test_message_ids_in_the_source_exist() -> None:
    literal = _literal_ids()
    assert len(literal) > 50, "the scan found too few ids; is the pattern still right?"
    missing = {message_id: files for message_id, files in literal.items()
               if message_id not in CATALOGUE}  # fmt: skip
    assert not missing


def test_msg_calls_with_literal_ids_exist() -> None:
    """`msg("…")` with a literal id, across lines too (the scan above is by pattern)."""
    ids = [
        (where, call.args[0].value)
        for where, call in _msg_calls()
        if isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)
    ]
    assert len(ids) > 50
    assert [(where, message_id) for where, message_id in ids if message_id not in CATALOGUE] == []


def test_msg_calls_with_built_ids_are_known_families() -> None:
    """`msg(f"family.{…}")`: the family is one this test knows the values of."""
    families = set()
    for where, call in _msg_calls():
        first = call.args[0]
        if isinstance(first, ast.JoinedStr):
            head = first.values[0]
            assert isinstance(head, ast.Constant) and str(head.value).endswith("."), where
            families.add(str(head.value)[:-1])
    assert families <= set(FAMILIES), f"new id family: {families - set(FAMILIES)}"
    assert {"rule", "commitment", "kind", "decision_kind"} <= families


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_member_of_a_family_exists(family: str) -> None:
    missing = [value for value in FAMILIES[family] if f"{family}.{value}" not in CATALOGUE]
    assert missing == []


def test_commitments_are_the_schema_commitments() -> None:
    import json

    schema = json.loads((PACKAGE / "schemas" / "network.schema.json").read_text("utf-8"))
    commitments = schema["properties"]["commitments"]["properties"]
    assert set(commitments) == set(FAMILIES["commitment"])


@pytest.mark.parametrize("rule", RULES, ids=[rule.ID for rule in RULES])
def test_every_rule_has_a_title(rule: object) -> None:
    rule_id = getattr(rule, "ID")  # noqa: B009
    assert f"rule.{rule_id}" in CATALOGUE
    german, english = CATALOGUE[f"rule.{rule_id}"]
    assert not placeholders(german) and not placeholders(english)


def test_no_title_for_a_rule_that_does_not_exist() -> None:
    titled = {message_id.removeprefix("rule.") for message_id in CATALOGUE
              if message_id.startswith("rule.")}  # fmt: skip
    assert titled == {getattr(rule, "ID") for rule in RULES}  # noqa: B009


def test_unknown_id_fails_at_once() -> None:
    with pytest.raises(KeyError):
        msg("no.such.message")


def test_every_entry_is_used() -> None:
    """A catalogue entry no code shows is dead text (or its id was misspelt where it is used)."""
    used = set(_literal_ids())
    used |= {f"{family}.{value}" for family, values in FAMILIES.items() for value in values}
    assert sorted(set(CATALOGUE) - used) == []
