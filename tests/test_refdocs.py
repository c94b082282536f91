"""Drift tests for the generated reference pages: commands (from `--help`) and registry format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from om_cli import refdocs
from om_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.mark.parametrize("name", sorted(refdocs.pages()))
def test_generated_page_is_up_to_date(name: str) -> None:
    assert (DOCS / name).read_text(encoding="utf-8") == refdocs.pages()[name], "run `make docs`"


def sections(page: str) -> dict[str, str]:
    """Command path -> the help text in its section."""
    found = re.findall(r"^## (om[^\n]*)\n\n```text\n(.*?)\n```$", page, re.S | re.M)
    return dict(found)


def test_every_command_is_documented_as_its_help_shows_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    documented = sections((DOCS / "commands.md").read_text(encoding="utf-8"))
    for expected in (
        "om",
        "om check",
        "om report plenum",
        "om export",
        "om status",
        "om rules explain",
    ):
        assert expected in documented
    for path, text in documented.items():
        code = main([*path.split()[1:], "--help"])
        out = capsys.readouterr().out
        assert code == 0
        assert out.rstrip() == text, f"{path}: run `make docs`"


def test_generator_walks_the_app_not_a_list() -> None:
    """A command added to any Typer app shows up, nested groups included."""
    app = typer.Typer(rich_markup_mode=None)
    group = typer.Typer(help="Eine Gruppe.", rich_markup_mode=None)

    @app.command("eins")
    def eins() -> None:
        """Der erste Befehl."""

    @group.command("tief")
    def tief(wert: int = 1) -> None:
        """Ein Befehl in einer Gruppe."""

    app.add_typer(group, name="gruppe")
    page = refdocs.commands_page(app)
    assert set(sections(page)) == {"om", "om eins", "om gruppe", "om gruppe tief"}
    assert "Ein Befehl in einer Gruppe." in page and "--wert" in page


def test_registry_format_names_every_schema_field() -> None:
    import json

    page = (DOCS / "registry-format.md").read_text(encoding="utf-8")
    for kind, _ in refdocs.SCHEMA_FILES:
        schema = json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text("utf-8"))
        assert schema["title"] in page
        for field in schema.get("properties", {}):
            assert f"| `{field}` |" in page, (kind, field)
    assert "| `partners[].since` |" in page and "| `contact.email` |" in page
