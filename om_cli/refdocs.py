"""Generate `docs/commands.md` and `docs/registry-format.md` (`python -m om_cli.refdocs docs`).

The command reference is the `--help` text of every command, found by walking the click
command tree behind the Typer app — a command added anywhere in `om_cli.cli` appears without
touching this module. The registry format is taken from the JSON Schemas' German titles and
descriptions. Tests regenerate both pages and fail when the committed files have drifted.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import typer

HELP_WIDTH = 78  # what `om … --help` prints on any terminal at least 80 columns wide
# the schema kinds in the order the page explains them, with where their files live
SCHEMA_FILES: tuple[tuple[str, str], ...] = (
    ("om", "om.yaml"),
    ("network", "networks/<id>.yaml"),
    ("partner", "partners/<id>.yaml"),
    ("decision", "decisions/<jjjj>/<id>.yaml"),
    ("plenum", "plenum/<jjjj-mm-tt>.yaml"),
    ("regions", "taxonomy/regions.yaml"),
    ("topics", "taxonomy/topics.yaml"),
    ("instruments", "taxonomy/instruments.yaml"),
)


# --- the command reference --------------------------------------------------------------------


def walk(command: Any, context: Any) -> Iterator[tuple[Any, Any]]:
    """Every command below (and including) `command`, depth first, in the group's order.

    Commands and contexts are click's (which typer may carry in a copy of its own), so they
    are used by their interface only.
    """
    yield command, context
    if hasattr(command, "list_commands"):
        for name in command.list_commands(context):
            child = command.get_command(context, name)
            if child is None or child.hidden:
                continue
            child_context = child.context_class(
                child,
                info_name=name,
                parent=context,
                terminal_width=HELP_WIDTH,
                max_content_width=HELP_WIDTH,
            )
            yield from walk(child, child_context)


def commands_page(app: typer.Typer | None = None) -> str:
    """The command reference: one section per command with its `--help` text."""
    if app is None:
        from om_cli.cli import app as om_app

        app = om_app
    root = typer.main.get_command(app)
    context = root.context_class(
        root, info_name="om", terminal_width=HELP_WIDTH, max_content_width=HELP_WIDTH
    )
    sections = []
    index = []
    for command, command_context in walk(root, context):
        path = command_context.command_path
        anchor = path.replace(" ", "-")
        index.append(f"- [`{path}`](#{anchor})")
        help_text = command.get_help(command_context).rstrip()
        sections.append(f"## {path}\n\n```text\n{help_text}\n```\n")
    return (
        "# Befehlsreferenz\n\n"
        "Die Hilfetexte aller Befehle von `om`, wie `om BEFEHL --help` sie zeigt. Diese Seite "
        "wird aus der Befehlszeile erzeugt (`make docs`); ein Test schlägt fehl, wenn sie "
        "veraltet ist.\n\n" + "\n".join(index) + "\n\n" + "\n".join(sections)
    )


# --- the registry format ----------------------------------------------------------------------


def _schema(kind: str) -> dict[str, Any]:
    raw = resources.files("om_cli").joinpath("schemas", f"{kind}.schema.json").read_text("utf-8")
    value: dict[str, Any] = json.loads(raw)
    return value


def _resolve(node: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """`node` with a local `$ref` merged in (the node's own title and description win)."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
        return node
    target = schema.get("$defs", {}).get(ref.removeprefix("#/$defs/"), {})
    return {**_resolve(target, schema), **{k: v for k, v in node.items() if k != "$ref"}}


def _type(node: dict[str, Any], schema: dict[str, Any]) -> str:
    node = _resolve(node, schema)
    if "enum" in node:
        return " \\| ".join(f"`{value}`" for value in node["enum"])
    kind = node.get("type")
    if kind == "array":
        items = node.get("items", {})
        return f"Liste ({_type(items, schema) if isinstance(items, dict) else '?'})"
    if node.get("pattern") == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" or node.get("format") == "date":
        return "Datum"
    names = {"string": "Text", "boolean": "`true`/`false`", "object": "Abbildung",
             "integer": "Zahl", "number": "Zahl"}  # fmt: skip
    if isinstance(kind, list):
        return " oder ".join(names.get(str(k), str(k)) for k in kind)
    return names.get(str(kind), "?")


def _cell(text: Any) -> str:
    return " ".join(str(text or "").split()).replace("|", "\\|")


def _rows(node: dict[str, Any], schema: dict[str, Any], prefix: str) -> Iterator[str]:
    node = _resolve(node, schema)
    required = set(node.get("required", []))
    for name, child in node.get("properties", {}).items():
        child = _resolve(child, schema)
        path = f"{prefix}{name}"
        mandatory = "ja" if name in required else ""
        description = child.get("description", "")
        yield (
            f"| `{path}` | {mandatory} | {_type(child, schema)} | {_cell(child.get('title'))} "
            f"| {_cell(description)} |"
        )
        if child.get("type") == "object" and "properties" in child:
            yield from _rows(child, schema, f"{path}.")
        items = child.get("items")
        if isinstance(items, dict):
            items = _resolve(items, schema)
            if items.get("type") == "object" and "properties" in items:
                yield from _rows(items, schema, f"{path}[].")


def registry_format_page() -> str:
    """The registry's folders and every kind's fields, from the JSON Schemas."""
    parts = [
        "# Format des Registers\n",
        "Das Register ist ein Ordner mit einer YAML-Datei je Eintrag. Jede Datei beginnt mit "
        "einer Zeile `# yaml-language-server: $schema=<relativer Pfad zum Schema>`, damit "
        "Editoren schon beim Tippen prüfen. YAML 1.2, UTF-8, ein Dokument je Datei, keine "
        "Anker, Aliase oder Tags; Datumsangaben als `JJJJ-MM-TT` (Anführungszeichen sind nicht "
        "nötig). Eine Kennung (`id`) besteht aus Kleinbuchstaben, Ziffern und Bindestrichen, "
        "ist höchstens 64 Zeichen lang und gleich dem Dateinamen ohne `.yaml`.\n",
        "```text\nregistry/\n  om.yaml                       Einstellungen\n"
        "  networks/<id>.yaml            ein Netzwerk\n"
        "  partners/<id>.yaml            eine Partnerorganisation\n"
        "  decisions/<jjjj>/<id>.yaml    ein Beschluss des Leitungskreises oder des Plenums\n"
        "  plenum/<jjjj-mm-tt>.yaml      eine Plenumssitzung\n"
        "  taxonomy/regions.yaml         Länder, Kreise, eigene Regionen\n"
        "  taxonomy/topics.yaml          Themen fachlicher Netzwerke\n"
        "  taxonomy/instruments.yaml     Referenzinstrumente, OM-Praxis-Checks\n```\n",
        "Die Tabellen unten sind aus den JSON-Schemas in `schemas/` erzeugt (`make docs`). "
        "Eine Spalte *Pflicht* mit „ja“ heißt: das Schema verlangt das Feld; was die Kriterien "
        "darüber hinaus verlangen (Antrag, Erklärungen, Partner …), prüfen die Regeln "
        "(`docs/rules/`). Unbekannte Felder sind Fehler (OM002).\n",
    ]
    for kind, where in SCHEMA_FILES:
        schema = _schema(kind)
        parts.append(f"## {_cell(schema.get('title'))} — `{where}`\n")
        if schema.get("description"):
            parts.append(f"{' '.join(str(schema['description']).split())}\n")
        parts.append(
            "| Feld | Pflicht | Typ | Titel | Beschreibung |\n|---|---|---|---|---|\n"
            + "\n".join(_rows(schema, schema, ""))
            + "\n"
        )
    return "\n".join(parts)


def pages() -> dict[str, str]:
    """File name (in `docs/`) -> content of every page this module generates."""
    return {"commands.md": commands_page(), "registry-format.md": registry_format_page()}


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in pages().items():
        (folder / name).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
