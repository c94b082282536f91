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
from om_cli.report_cache import ReportCache

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
CASE = ROOT / "tests" / "registries" / "om105-until-equals-as-of" / "registry"


def _summary(root: Path, *, use_cache: bool = True) -> list[tuple[str, str, str, int, int]]:
    """The findings of a check that must go through the per-file cache (no stored report)."""
    report_file = Path(ReportCache(str(root), str(root), AS_OF).path)
    report_file.unlink(missing_ok=True)
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


def _full(root: Path, as_of: dt.date = AS_OF) -> tuple[object, ...]:
    return check(str(root), as_of=as_of).findings


def test_stored_report_is_reused_and_equals_a_fresh_one(registry: Path) -> None:
    first = _full(registry)
    stored = Path(ReportCache(str(registry), str(registry), AS_OF).path)
    assert stored.exists()
    assert _full(registry) == first == check(str(registry), as_of=AS_OF, use_cache=False).findings


def test_stored_report_is_not_used_for_another_day(registry: Path) -> None:
    _full(registry)
    later = dt.date(2027, 2, 1)
    assert _full(registry, later) == check(str(registry), as_of=later, use_cache=False).findings


def test_stored_report_notices_an_edit(registry: Path) -> None:
    before = _full(registry)
    network = next((registry / "networks").glob("*.yaml"))
    text = network.read_text("utf-8")
    network.write_text(text.replace("open: true", "open: false"), "utf-8")
    after = _full(registry)
    assert after != before
    assert "OM110" in {finding.rule for finding in after}  # type: ignore[attr-defined]


def test_stored_report_notices_a_new_and_a_removed_file(registry: Path) -> None:
    before = _full(registry)
    extra = registry / "partners" / "neu.yaml"
    extra.write_text("id: neu\nname: Neu\ntype: other\nstatus: active\nbogus: 1\n", "utf-8")
    with_extra = _full(registry)
    assert with_extra != before
    extra.unlink()
    assert _full(registry) == before


def test_tampered_stored_report_is_ignored(registry: Path) -> None:
    _full(registry)
    stored = Path(ReportCache(str(registry), str(registry), AS_OF).path)
    content = json.loads(stored.read_text("utf-8"))
    content["findings"] = [
        ["OM105", "error", "x", "y", "not a line", 1, "", ["rule.OM105", []], None]
    ]
    stored.write_text(json.dumps(content), "utf-8")
    assert _full(registry) == check(str(registry), as_of=AS_OF, use_cache=False).findings


def test_unchanged_old_files_are_not_read_again(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = 1_600_000_000
    for path in registry.rglob("*.yaml"):
        os.utime(path, (old, old))
    first = _full(registry)
    reads = _count_reads(monkeypatch)
    assert _full(registry) == first
    assert reads == []
    network = next((registry / "networks").glob("*.yaml"))
    network.write_text(network.read_text("utf-8").replace("open: true", "open: false"), "utf-8")
    assert "OM110" in {finding.rule for finding in _full(registry)}  # type: ignore[attr-defined]
    assert reads == [str(network)]


def test_recently_touched_files_are_trusted_once_they_are_old_enough(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    import om_cli.report_cache as report_cache

    for path in registry.rglob("*.yaml"):
        os.utime(path)  # just written: all too recent to trust
    first = _full(registry)
    later = time.time_ns() + 10_000_000_000
    monkeypatch.setattr(report_cache.time, "time_ns", lambda: later)
    assert _full(registry) == first  # hashed again, and the memo written anew

    reads = _count_reads(monkeypatch)
    assert _full(registry) == first
    assert reads == []


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, every file om reads is listed in the returned list."""
    import om_cli.loader as loader

    reads: list[str] = []
    real = loader.read_bytes

    def counting(path: str, *, regular: bool = False) -> bytes:
        reads.append(path)
        return real(path, regular=regular)

    monkeypatch.setattr(loader, "read_bytes", counting)
    return reads


def _age(registry: Path) -> None:
    """Make every file and folder of the registry an hour old (too old to be racy)."""
    old = 1_600_000_000
    for path in [*registry.rglob("*"), registry]:
        os.utime(path, (old, old), follow_symlinks=False)


def _count_listings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import om_cli.checker as checker

    listed: list[str] = []
    real = checker.discover

    def counting(root: str, shown: str, folders: object = None) -> object:
        listed.append(root)
        return real(root, shown, folders)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "discover", counting)
    return listed


def test_an_unchanged_registry_is_not_listed_again(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(registry)
    first = _full(registry)
    listed = _count_listings(monkeypatch)
    assert _full(registry) == first
    assert listed == [], "the stored listing is reused while no folder changed"


@pytest.mark.parametrize("change", ["add", "remove", "rename", "folder", "link"])
def test_any_change_to_a_folder_lists_the_registry_again(
    registry: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    _age(registry)
    _full(registry)
    partners = registry / "partners"
    victim = sorted(partners.glob("*.yaml"))[0]
    if change == "add":
        (partners / "neu.yaml").write_text("id: neu\nbogus: 1\n", "utf-8")
    elif change == "remove":
        victim.unlink()
    elif change == "rename":
        victim.rename(partners / "umbenannt.yaml")
    elif change == "folder":
        (registry / "networks" / "unterordner").mkdir()
    else:
        victim.unlink()
        victim.symlink_to("/etc/hostname")
    listed = _count_listings(monkeypatch)
    warm = _full(registry)
    assert listed == [str(registry)]
    assert warm == check(str(registry), as_of=AS_OF, use_cache=False).findings


def test_a_listing_shown_under_another_path_is_not_reused(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _age(registry)
    check(str(registry), shown="registry", as_of=AS_OF)
    listed = _count_listings(monkeypatch)
    report = check(str(registry), shown="anders", as_of=AS_OF)
    assert listed == [str(registry)]
    assert all(f.file.startswith("anders/") for f in report.findings)
