"""Which files are read, and what happens to files where no entity belongs."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from om_cli.checker import check
from om_cli.errors import RegistryError

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "registries" / "clean-base" / "registry"
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(BASE, target)
    return target


def findings(root: Path) -> set[tuple[str, str, str]]:
    report = check(str(root), as_of=AS_OF, use_cache=False)
    return {(f.rule, f.entity, f.file.removeprefix(str(root) + "/")) for f in report.findings}


def test_clean_base_is_clean(registry: Path) -> None:
    assert findings(registry) == set()


def test_misplaced_files_are_om003(registry: Path) -> None:
    (registry / "networks" / "alt.yml").write_text("id: alt\n")
    (registry / "networks" / "archiv").mkdir()
    (registry / "notes.yaml").write_text("a: 1\n")
    (registry / "taxonomy" / "colours.yaml").write_text("colours: []\n")
    (registry / "README.md").write_text("not a registry file\n")
    assert findings(registry) == {
        ("OM003", "networks/alt", "networks/alt.yml"),
        ("OM003", "networks/archiv", "networks/archiv"),
        ("OM003", "notes.yaml", "notes.yaml"),
        ("OM003", "taxonomy/colours", "taxonomy/colours.yaml"),
    }


def test_decision_outside_a_year_folder_still_counts_but_is_om003(registry: Path) -> None:
    decision = next((registry / "decisions").rglob("*.yaml"))
    decision.rename(registry / "decisions" / decision.name)
    assert findings(registry) == {
        ("OM003", f"decisions/{decision.stem}", f"decisions/{decision.name}")
    }


def test_symlinks_are_not_followed(registry: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: GEHEIMNIS\n")
    (registry / "partners" / "link.yaml").symlink_to(secret)
    outside = tmp_path / "outside"
    outside.mkdir()
    (registry / "plenum").rename(tmp_path / "plenum-real")
    (registry / "plenum").symlink_to(tmp_path / "plenum-real")
    report = check(str(registry), as_of=AS_OF, use_cache=False)
    got = {(f.rule, f.entity) for f in report.findings if f.rule == "OM001"}
    assert got == {("OM001", "partners/link"), ("OM001", "plenum")}
    assert all(
        "GEHEIMNIS" not in f.message.text(lang) for f in report.findings for lang in ("de", "en")
    )


def test_fifo_does_not_block(registry: Path) -> None:
    os.mkfifo(registry / "partners" / "pipe.yaml")
    assert ("OM001", "partners/pipe", "partners/pipe.yaml") in findings(registry)


def test_unsafe_file_names_are_reported_escaped(registry: Path) -> None:
    (registry / "partners" / "evil\u202egpj.yaml").write_text("id: x\n")
    with open(os.path.join(bytes(registry / "partners"), b"bad\xff.yaml"), "wb") as handle:
        handle.write(b"id: x\n")
    got = findings(registry)
    assert ("OM003", "partners/bad\\xff", "partners/bad\\xff.yaml") in got
    assert (
        "OM003",
        "partners/evil\\xe2\\x80\\xaegpj",
        "partners/evil\\xe2\\x80\\xaegpj.yaml",
    ) in got


def test_missing_registry_is_an_error_not_a_finding(tmp_path: Path) -> None:
    with pytest.raises(RegistryError):
        check(str(tmp_path / "nowhere"), as_of=AS_OF)
    (tmp_path / "file").write_text("x")
    with pytest.raises(RegistryError):
        check(str(tmp_path / "file"), as_of=AS_OF)


def test_duplicate_decision_stem_in_two_year_folders(registry: Path) -> None:
    decision = next((registry / "decisions").rglob("*.yaml"))
    other = registry / "decisions" / "2019"
    other.mkdir()
    shutil.copy(decision, other / decision.name)
    got = findings(registry)
    assert ("OM003", f"decisions/{decision.stem}", f"decisions/2019/{decision.name}") in got
