"""Generate `docs/rules/` from the rule modules' docstrings (`python -m om_cli.docs`).

The docstrings are the source; the pages are generated so they can be read on the web. A test
regenerates them and fails when the committed pages have drifted.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from types import ModuleType

from om_cli.messages import msg
from om_cli.rules import CATALOGUE


def rule_page(rule: ModuleType) -> str:
    doc = inspect.cleandoc(rule.__doc__ or "")
    _, _, body = doc.partition("\n")
    body = body.strip().replace("::\n", ":\n")
    title_de = msg(f"rule.{rule.ID}").text("de")
    title_en = msg(f"rule.{rule.ID}").text("en")
    return (
        f"# {rule.ID} — {title_de}\n\n"
        f"*{title_en}* · default severity: `{rule.SEVERITY.value}`\n\n"
        f"{body}\n\n"
        f"---\nGenerated from `om_cli/rules/{rule.__name__.rsplit('.', 1)[-1]}.py`; "
        f"also shown by `om rules explain {rule.ID}`.\n"
    )


def index_page() -> str:
    lines = [
        "# Rule catalogue",
        "",
        "Every finding of `om check` carries one of these rule ids. Severities are defaults that "
        "`om.yaml` may change (`rules: {OM203: {severity: warning}}`).",
        "",
        "| id | severity | rule |",
        "|---|---|---|",
    ]
    for rule in CATALOGUE:
        title = msg(f"rule.{rule.ID}").text("de")
        lines.append(f"| [{rule.ID}]({rule.ID}.md) | {rule.SEVERITY.value} | {title} |")
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    """File name -> content of every generated page."""
    generated = {f"{rule.ID}.md": rule_page(rule) for rule in CATALOGUE}
    generated["README.md"] = index_page()
    return generated


def write(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in pages().items():
        (folder / name).write_text(content, encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/rules"))
