"""The content-hash cache: same results warm as cold; bad cache files are never trusted."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from om_cli.cache import Cache
from om_cli.checker import check

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
CASE = ROOT / "tests" / "registries" / "om105-until-equals-as-of" / "registry"


def _summary(root: Path, *, use_cache: bool = True) -> list[tuple[str, str, str, int, int]]:
    report = check(str(root), as_of=AS_OF, use_cache=use_cache)
    return [(f.rule, f.entity, f.pointer, f.line, f.column) for f in report.findings]


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    target = tmp_path / "registry"
    shutil.copytree(CASE, target)
    return target


def _cache_file(root: Path) -> Path:
    return Path(Cache(str(root)).path)


def test_warm_run_equals_cold_run(registry: Path) -> None:
    cold = _summary(registry, use_cache=False)
    assert cold, "the case has findings"
    first = _summary(registry)
    assert _cache_file(registry).exists()
    assert _summary(registry) == first == cold


def test_no_cache_writes_nothing(registry: Path) -> None:
    _summary(registry, use_cache=False)
    assert not _cache_file(registry).exists()


def test_changed_file_is_read_again(registry: Path) -> None:
    before = _summary(registry)
    network = next((registry / "networks").glob("*.yaml"))
    network.write_text(network.read_text("utf-8") + "unbekannt: 1\n", "utf-8")
    after = _summary(registry)
    assert ("OM002" in {rule for rule, *_ in after}) and after != before


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b'{"stamp": 1}', b"[1, 2]", b'{"stamp": "x", "entries": {}}'],
)
def test_corrupt_cache_is_ignored(registry: Path, content: bytes) -> None:
    cold = _summary(registry, use_cache=False)
    path = _cache_file(registry)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert _summary(registry) == cold


def _poison(registry: Path) -> Path:
    """A cache file claiming every file is clean (what an attacker would write)."""
    _summary(registry)
    path = _cache_file(registry)
    content = json.loads(path.read_text("utf-8"))
    for entry in content["entries"].values():
        entry[2] = []  # no schema problems
        if isinstance(entry[0], dict):
            entry[0]["partners"] = []
    path.write_text(json.dumps(content), "utf-8")
    return path


def test_tampered_entries_with_wrong_types_are_ignored(registry: Path) -> None:
    cold = _summary(registry, use_cache=False)
    _summary(registry)
    path = _cache_file(registry)
    content = json.loads(path.read_text("utf-8"))
    for entry in content["entries"].values():
        entry[2] = [["/x", "type", ["no.such.message", []], False]]
    path.write_text(json.dumps(content), "utf-8")
    assert _summary(registry) == cold


def test_group_writable_cache_is_not_trusted(registry: Path) -> None:
    cold = _summary(registry, use_cache=False)
    path = _poison(registry)
    os.chmod(path, 0o664)
    assert _summary(registry) == cold


def test_cache_with_non_finite_numbers_is_ignored(registry: Path) -> None:
    cold = _summary(registry, use_cache=False)
    path = _poison(registry)
    path.write_text(path.read_text("utf-8").replace('"criteria"', '"x": NaN, "criteria"'), "utf-8")
    assert _summary(registry) == cold


def test_poisoned_cache_owned_by_the_user_is_used(registry: Path) -> None:
    """The trust boundary is the user's own cache folder: this proves the cache is read at all."""
    cold = _summary(registry, use_cache=False)
    _poison(registry)
    assert _summary(registry) != cold
