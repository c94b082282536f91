"""JSON Schema validation of registry documents (OM002).

The schemas are package data (`om_cli/schemas/<kind>.schema.json`, also the repository's
`schemas/`). Validation uses `jsonschema-rs`, about a hundred times faster than the pure-Python
`jsonschema`; `jsonschema` remains the reference implementation, and `validate_reference`
exposes it so a differential test can prove both agree on every shipped and fixture file.
Errors are turned into `SchemaProblem`s with a pointer, the keyword and om's own German/English
message — the validators' English texts (which quote the offending value) are never shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from om_cli.messages import Message, msg, printable

SCHEMA_KINDS = (
    "network",
    "partner",
    "decision",
    "plenum",
    "regions",
    "topics",
    "instruments",
    "om",
)

_ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    """One schema violation: where, which keyword, and what to say."""

    pointer: str
    keyword: str
    message: Message
    at_key: bool = False  # point at the key (unexpected or forbidden property), not its value


@cache
def load_schema(kind: str) -> dict[str, Any]:
    text = resources.files("om_cli").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _fast_validator(kind: str) -> Any:
    import jsonschema_rs

    return jsonschema_rs.validator_for(load_schema(kind), validate_formats=True)


@cache
def _reference_validator(kind: str) -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(
        load_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _pointer(path: Any) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _field(pointer: str) -> str:
    return pointer or "/"


def validate(kind: str, data: Any) -> tuple[SchemaProblem, ...]:
    """Validate `data` against the schema of `kind` (fast path)."""
    validator = _fast_validator(kind)
    if validator.is_valid(data):
        return ()
    problems: list[SchemaProblem] = []
    for error in validator.iter_errors(data):
        problems.extend(_from_fast(error, data))
    return _sorted_unique(problems)


def validate_reference(kind: str, data: Any) -> tuple[SchemaProblem, ...]:
    """Validate with the reference implementation `jsonschema` (differential tests)."""
    problems: list[SchemaProblem] = []
    for error in _reference_validator(kind).iter_errors(data):
        problems.extend(_from_reference(error, load_schema(kind), data))
    return _sorted_unique(problems)


def _sorted_unique(problems: list[SchemaProblem]) -> tuple[SchemaProblem, ...]:
    unique = {(p.pointer, p.keyword): p for p in problems}
    return tuple(unique[key] for key in sorted(unique))


def _from_fast(error: Any, data: Any) -> list[SchemaProblem]:
    kind = error.kind
    pointer = _pointer(error.instance_path)
    schema_path = list(error.schema_path)
    keyword = str(schema_path[-1]) if schema_path else "false"
    name = type(kind).__name__
    if name == "AdditionalProperties":
        return [_unexpected(pointer, key) for key in kind.unexpected]
    if name == "Required":
        return [_required(pointer, kind.property)]
    if name == "FalseSchema":
        return [_forbidden(pointer)]
    if "propertyNames" in schema_path:
        return [_key_form(pointer)]
    params: dict[str, Any] = {}
    if name == "Type":
        params["types"] = list(kind.types)
    elif name == "Enum":
        params["options"] = list(kind.options)
    elif name == "Pattern":
        params["pattern"] = kind.pattern
    elif name == "Format":
        params["format"] = kind.format
    elif name in ("MinLength", "MaxLength", "MinItems", "MaxItems"):
        params["limit"] = kind.limit
    return [_problem(pointer, keyword, params)]


def _from_reference(error: Any, schema: dict[str, Any], data: Any) -> list[SchemaProblem]:
    pointer = _pointer(error.absolute_path)
    keyword = error.validator
    if keyword is None:  # a `false` subschema; jsonschema leaves the property off the path
        node: Any = schema
        for part in error.schema_path:
            node = node[part]
        parent = data
        for part in error.absolute_path:
            parent = parent[part]
        if isinstance(node, dict) and isinstance(parent, dict):
            names = [name for name, sub in node.items() if sub is False and name in parent]
            return [_forbidden(f"{pointer}/{name}") for name in names]
        return [_forbidden(pointer)]
    if "propertyNames" in error.schema_path:
        return [_key_form(pointer)]
    if keyword == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extras = sorted(key for key in error.instance if key not in allowed)
        return [_unexpected(pointer, key) for key in extras]
    if keyword == "required":
        missing = [key for key in error.validator_value if key not in error.instance]
        return [_required(pointer, key) for key in missing]
    params: dict[str, Any] = {}
    if keyword == "type":
        value = error.validator_value
        params["types"] = [value] if isinstance(value, str) else list(value)
    elif keyword == "enum":
        params["options"] = list(error.validator_value)
    elif keyword == "pattern":
        params["pattern"] = error.validator_value
    elif keyword == "format":
        params["format"] = error.validator_value
    elif keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        params["limit"] = error.validator_value
    return [_problem(pointer, keyword, params)]


def _unexpected(pointer: str, key: str) -> SchemaProblem:
    child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
    message = msg("schema.unexpected", key=printable(key, 60))
    return SchemaProblem(child, "additionalProperties", message, True)


def _required(pointer: str, key: str) -> SchemaProblem:
    return SchemaProblem(
        f"{pointer}/{key}", "required", msg("schema.required", key=key, parent=_field(pointer))
    )


def _key_form(pointer: str) -> SchemaProblem:
    return SchemaProblem(pointer, "propertyNames", msg("schema.key_form", field=_field(pointer)))


def _forbidden(pointer: str) -> SchemaProblem:
    return SchemaProblem(pointer, "false", msg("schema.forbidden", field=_field(pointer)), True)


def _problem(pointer: str, keyword: str, params: dict[str, Any]) -> SchemaProblem:
    field = _field(pointer)
    if keyword == "type":
        types = ", ".join(params["types"])
        return SchemaProblem(pointer, keyword, msg("schema.type", field=field, types=types))
    if keyword == "enum":
        options = ", ".join(str(option) for option in params["options"])
        return SchemaProblem(pointer, keyword, msg("schema.enum", field=field, options=options))
    if keyword == "pattern":
        pattern = params["pattern"]
        if pattern == _ID_PATTERN:
            return SchemaProblem(pointer, keyword, msg("schema.id_pattern", field=field))
        if pattern == _DATE_PATTERN:
            return SchemaProblem(pointer, keyword, msg("schema.date_pattern", field=field))
        return SchemaProblem(pointer, keyword, msg("schema.pattern", field=field, pattern=pattern))
    if keyword == "format":
        return SchemaProblem(
            pointer, keyword, msg("schema.format", field=field, format=params["format"])
        )
    if keyword in ("minLength", "maxLength", "minItems", "maxItems"):
        return SchemaProblem(
            pointer, keyword, msg(f"schema.{keyword}", field=field, limit=params["limit"])
        )
    if keyword == "uniqueItems":
        return SchemaProblem(pointer, keyword, msg("schema.unique", field=field))
    return SchemaProblem(pointer, keyword, msg("schema.other", field=field, keyword=keyword))
