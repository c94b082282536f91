"""`om init DIR`: a new registry repository, ready for coordinators and CI.

It writes the `registry/` skeleton (the taxonomy om ships, an `om.yaml`, empty entity
folders), the JSON Schemas (so the modelines of the files find them and editors validate while
typing), a README for coordinators (German), the CI set-up — `.github/workflows/om.yml`,
`.gitlab-ci.yml`, `.pre-commit-config.yaml` —, a `CODEOWNERS` that gives the secretariat the
decisions, `om.yaml` and `.mailmap`, and runs `git init`. The templates are package data
(`om_cli/defaults/init/`); `{{package}}` is what CI installs om from, `{{secretariat}}` the
owner of the secretariat's files. An existing, non-empty folder is refused: nothing there is
ever overwritten.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources

from om_cli import __version__, git
from om_cli.errors import UsageError, WriteError
from om_cli.messages import msg, printable

DEFAULT_PACKAGE = f"om-cli=={__version__}"
DEFAULT_SECRETARIAT = "@offensive-mittelstand/geschaeftsstelle"
ENTITY_FOLDERS = ("networks", "partners", "decisions", "plenum")
SCHEMAS = ("network", "partner", "decision", "plenum", "regions", "topics", "instruments", "om")

# template (in om_cli/defaults/init/) -> path in the new repository
TEMPLATES = {
    "README.md": "README.md",
    "om.yml": ".github/workflows/om.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "CODEOWNERS": "CODEOWNERS",
    "mailmap": ".mailmap",
    "gitignore": ".gitignore",
    "om.yaml": "registry/om.yaml",
}


@dataclass(frozen=True, slots=True)
class Created:
    """What `om init` made: the folder and the files in it (relative paths)."""

    folder: str
    files: tuple[str, ...]


def _package_bytes(*parts: str) -> bytes:
    return resources.files("om_cli").joinpath(*parts).read_bytes()


def contents(package: str, secretariat: str) -> dict[str, bytes]:
    """Every file of a new registry repository: relative path -> bytes."""
    files: dict[str, bytes] = {}
    for template, target in TEMPLATES.items():
        text = _package_bytes("defaults", "init", template).decode("utf-8")
        text = text.replace("{{package}}", package).replace("{{secretariat}}", secretariat)
        files[target] = text.encode("utf-8")
    for name in ("regions", "topics", "instruments"):
        files[f"registry/taxonomy/{name}.yaml"] = _package_bytes(
            "defaults", "taxonomy", f"{name}.yaml"
        )
    for kind in SCHEMAS:
        files[f"schemas/{kind}.schema.json"] = _package_bytes("schemas", f"{kind}.schema.json")
    for folder in ENTITY_FOLDERS:  # git keeps no empty folder; discovery skips dot files
        files[f"registry/{folder}/.gitkeep"] = b""
    return files


def _valid(value: str, what: str) -> str:
    if not value or any(ch in value for ch in "\n\r\0") or len(value) > 300:
        raise UsageError(msg("init.bad_value", what=what, value=printable(value, 80)))
    return value


def create(
    folder: str, *, package: str = DEFAULT_PACKAGE, secretariat: str = DEFAULT_SECRETARIAT
) -> Created:
    """Write a new registry repository into `folder` (absent or empty) and `git init` it."""
    package = _valid(package, "--package")
    secretariat = _valid(secretariat, "--secretariat")
    if os.path.lexists(folder):
        if os.path.islink(folder) or not os.path.isdir(folder):
            raise UsageError(msg("init.not_a_folder", path=printable(folder, 200)))
        if os.listdir(folder):
            raise UsageError(msg("init.not_empty", path=printable(folder, 200)))
    files = contents(package, secretariat)
    try:
        os.makedirs(folder, exist_ok=True)
        for relative, data in files.items():
            path = os.path.join(folder, *relative.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "xb") as handle:  # never overwrite
                handle.write(data)
    except OSError as error:
        raise WriteError(
            msg("init.failed", path=printable(folder, 200), reason=error.strerror or "OSError")
        ) from None
    git.init_repository(folder)
    return Created(folder, tuple(sorted(files)))
