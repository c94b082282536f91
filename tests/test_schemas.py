"""The JSON Schemas: valid, documented, closed; shipped files pass; both validators agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from om_cli.loader import LoadError, load_file
from om_cli.schema import SCHEMA_KINDS, load_schema, validate, validate_reference

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_repository_schemas_folder_is_the_package_data() -> None:
    for kind in SCHEMA_KINDS:
        on_disk = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert on_disk == load_schema(kind)


def _objects(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, child in value.items():
                    yield from _objects(child, f"{path}/{key}/{name}")
            elif key in ("items", "additionalProperties", "propertyNames"):
                yield from _objects(value, f"{path}/{key}")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_every_property_has_german_title_and_description(kind: str) -> None:
    for path, node in _objects(load_schema(kind)):
        if "/properties/" in path or path == "#":
            assert node.get("title"), f"{path} has no title"
            assert node.get("description"), f"{path} has no description"
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False or "propertyNames" in node, (
                f"{path} is not closed"
            )


def _registry_files() -> Iterator[tuple[str, Path]]:
    """(schema kind, path) of every YAML file in the shipped and fixture registries."""
    roots = [ROOT / "registry", *sorted((ROOT / "tests" / "registries").glob("*/registry"))]
    for root in roots:
        for path in sorted(root.rglob("*.yaml")):
            relative = path.relative_to(root).parts
            if relative == ("om.yaml",):
                yield "om", path
            elif relative[0] == "taxonomy":
                yield path.stem, path
            else:
                kind = {"networks": "network", "partners": "partner", "decisions": "decision"}
                yield kind.get(relative[0], relative[0]), path


SHIPPED = [(kind, path) for kind, path in _registry_files() if "tests" not in path.parts]


@pytest.mark.parametrize("kind,path", SHIPPED, ids=[str(p.relative_to(ROOT)) for _, p in SHIPPED])
def test_shipped_file_matches_its_schema_with_the_reference_validator(
    kind: str, path: Path
) -> None:
    data, _ = load_file(str(path))
    validator = jsonschema.Draft202012Validator(
        load_schema(kind), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(data)] == []


def _keys(problems: Any) -> list[tuple[str, str]]:
    return [(problem.pointer, problem.keyword) for problem in problems]


def test_fast_and_reference_validators_agree_on_every_registry_file() -> None:
    compared = 0
    for kind, path in _registry_files():
        try:
            data, _ = load_file(str(path))
        except LoadError:
            continue
        assert _keys(validate(kind, data)) == _keys(validate_reference(kind, data)), path
        compared += 1
    assert compared > 500


def test_validators_agree_on_a_broken_network() -> None:
    broken = {
        "id": "Bad Id",
        "name": "",
        "kind": "thematic",
        "status": "anerkannt",
        "regions": ["ags-06611"],
        "recognized_on": "2026-02-30",
        "partners": [{"partner": "x"}, "y"],
        "open": "yes",
        "instruments": ["a", "a"],
        "website": "ftp://x",
        "extra": 1,
    }
    fast = _keys(validate("network", broken))
    assert fast == _keys(validate_reference("network", broken))
    assert ("/extra", "additionalProperties") in fast
    assert ("/regions", "false") in fast
    assert ("/recognized_on", "format") in fast
    assert ("/partners/0/since", "required") in fast


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.sampled_from(
        [
            "",
            "x",
            "om-kassel",
            "Bad Id",
            "2026-01-15",
            "2026-02-30",
            "2026-1-5",
            "regional",
            "thematic",
            "recognized",
            "chamber",
            "leitungskreis",
            "https://a.example",
            "DE-HE",
            "ags-06611",
            "in_person",
            "written",
            "OM105",
            "networks/om-kassel",
            "a" * 70,
        ]
    ),
)
_FIELDS = sorted(
    {name for kind in SCHEMA_KINDS for name in load_schema(kind).get("properties", {})}
    | {
        "partner",
        "since",
        "until",
        "role",
        "date",
        "plenum",
        "form",
        "by",
        "goals",
        "approach",
        "leitgedanken",
        "severity",
        "rule",
        "entity",
        "decision",
        "reason",
        "members",
        "parent",
        "name",
        "email",
        "phone",
    }
)
_values = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.sampled_from(_FIELDS), children, max_size=5),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(SCHEMA_KINDS),
    data=st.dictionaries(st.sampled_from(_FIELDS), _values, max_size=8),
)
def test_validators_agree_on_generated_documents(kind: str, data: dict[str, Any]) -> None:
    assert _keys(validate(kind, data)) == _keys(validate_reference(kind, data))
