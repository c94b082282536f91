"""`om check --base REV`: only the findings a change introduces, base read from git objects."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from om_cli.basecheck import introduced
from om_cli.cli import main
from om_cli.findings import Finding, Severity
from om_cli.messages import msg

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "registry"


def git(repo: Path, *args: str, date: str = "2026-11-20T10:00:00+01:00") -> str:
    env = {
        "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "GS", "GIT_AUTHOR_EMAIL": "gs@example.org", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "GS", "GIT_COMMITTER_EMAIL": "gs@example.org",
        "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin",
    }  # fmt: skip
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped registry with a problem that exists already on `main`: om-thueringen closed
    (OM110), then a branch `pr` for the change."""
    target = tmp_path / "repo"
    shutil.copytree(SHIPPED, target / "registry")
    edit(target / "registry/networks/om-thueringen.yaml", "open: true", "open: false")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Register mit Altlast")
    git(target, "checkout", "-q", "-b", "pr")
    monkeypatch.chdir(target)
    return target


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["check", "--format", "json", "--base", "main", *args])
    captured = capsys.readouterr()
    assert captured.err == ""
    return code, json.loads(captured.out)


def findings(report: dict[str, object]) -> list[dict[str, object]]:
    found = report["findings"]
    assert isinstance(found, list)
    return found


def where(report: dict[str, object]) -> set[tuple[object, object, object]]:
    return {(f["rule"], f["file"], f["line"]) for f in findings(report)}


def line_of(path: Path, text: str) -> int:
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if text in line:
            return number
    raise AssertionError(text)


def test_the_existing_problem_fails_a_plain_check(repo: Path) -> None:
    assert main(["check"]) == 1


def test_a_harmless_change_passes_on_a_registry_with_old_problems(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        repo / "registry/networks/om-nordhessen.yaml",
        "title: Gründungstreffen",
        "title: Erstes Treffen",
    )
    code, report = run(capsys)
    assert code == 0
    assert findings(report) == []
    assert report["summary"] == {
        "error": 0, "warning": 0, "notice": 0, "files": 94, "commits": 0, "existing": 0
    }  # fmt: skip
    assert report["base"] == git(repo, "rev-parse", "main").strip()
    assert report["head"] is None


def test_existing_findings_are_shown_marked_on_request(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = run(capsys, "--show-existing")
    assert code == 0  # old problems are shown, but do not fail the change
    shown = {(f["rule"], f["entity"], f.get("existing")) for f in findings(report)}
    assert ("OM110", "networks/om-thueringen", True) in shown
    assert all(f["existing"] is True for f in findings(report))
    assert report["summary"]["existing"] == len(findings(report))  # type: ignore[index]
    assert main(["check", "--base", "main", "--show-existing"]) == 0
    text = capsys.readouterr().out
    assert "OM110" in text and "(schon vorhanden)" in text


def test_moving_lines_does_not_make_an_old_finding_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = repo / "registry/networks/om-thueringen.yaml"
    edit(path, "id: om-thueringen", "# Ein Kommentar\n# und noch einer\nid: om-thueringen")
    code, report = run(capsys)
    assert (code, findings(report)) == (0, [])


def test_a_deleted_partner_fails_in_the_files_that_name_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "registry/partners/hwk-kassel.yaml").unlink()
    code, report = run(capsys)
    assert code == 1
    kassel = repo / "registry/networks/om-kassel.yaml"
    nordhessen = repo / "registry/networks/om-nordhessen.yaml"
    kassel_file, nordhessen_file = (f"registry/networks/{p.name}" for p in (kassel, nordhessen))
    assert where(report) == {
        ("OM004", kassel_file, line_of(kassel, "partner: hwk-kassel")),
        ("OM004", nordhessen_file, line_of(nordhessen, "partner: hwk-kassel")),
        ("OM004", nordhessen_file, line_of(nordhessen, "by: hwk-kassel")),
    }


def test_a_new_overlapping_network_is_reported_on_both_ends(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    networks = repo / "registry/networks"
    text = (networks / "om-kassel.yaml").read_text("utf-8")
    text = text.replace("id: om-kassel", "id: om-stadt-kassel").replace(
        "parent: om-nordhessen\n", ""
    )
    text = re.sub(r"status: recognized\n(.*\n)recognized_on: .*\n", r"status: applied\n\1", text)
    (networks / "om-stadt-kassel.yaml").write_text(text, "utf-8")
    code, report = run(capsys)
    assert code == 1
    overlaps = {f["file"] for f in findings(report) if f["rule"] == "OM111"}
    assert overlaps == {
        "registry/networks/om-stadt-kassel.yaml",
        "registry/networks/om-kassel.yaml",  # untouched by the change
        "registry/networks/om-nordhessen.yaml",  # untouched by the change
    }


def test_as_of_is_the_head_commits_own_calendar_day(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        repo / "registry/networks/om-nordhessen.yaml",
        "title: Gründungstreffen",
        "title: Erstes Treffen",
    )
    git(repo, "commit", "-q", "-am", "Titel", date="2026-11-24T23:30:00-05:00")
    _, report = run(capsys)
    assert report["as_of"] == "2026-11-24"  # in UTC it was the 25th already
    _, report = run(capsys, "--as-of", "2026-11-23")
    assert report["as_of"] == "2026-11-23"


def test_a_commit_is_checked_from_git_objects_with_head(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "registry/partners/hwk-kassel.yaml").unlink()
    git(repo, "commit", "-q", "-am", "Partner gelöscht")
    shutil.rmtree(repo / "registry")  # the working tree plays no part
    code, report = run(capsys, "--head", "pr")
    assert code == 1
    assert {f["rule"] for f in findings(report)} == {"OM004"}
    assert {f["existing"] for f in findings(report)} == {False}  # every finding says so
    assert report["head"] == git(repo, "rev-parse", "pr").strip()
    code, report = run(capsys, "--head", "main")
    assert (code, findings(report)) == (0, [])


def test_a_branch_behind_its_target_is_compared_with_where_it_started(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the target fixed after the branch started is not blamed on the branch."""
    git(repo, "checkout", "-q", "main")
    edit(repo / "registry/networks/om-thueringen.yaml", "open: false", "open: true")
    git(repo, "commit", "-q", "-am", "Altlast behoben")
    git(repo, "checkout", "-q", "pr")
    code, report = run(capsys)
    assert (code, findings(report)) == (0, [])


def test_the_history_rules_judge_the_commits_of_the_change_by_the_base_policy(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A pull request that first relaxes the audit policy in om.yaml and then recognises a
    network without trailers: the base's policy judges both commits (OM302)."""
    settings = repo / "registry" / "om.yaml"
    edit(settings, "require_trailers: true", "require_trailers: false")
    edit(
        settings,
        "  OM204: {severity: error}",
        "  OM204: {severity: error}\n  OM302: {severity: off}",
    )
    git(repo, "commit", "-q", "-am", "Regeln gelockert")
    network = repo / "registry" / "networks" / "om-region-darmstadt.yaml"
    edit(network, "status: applied\napplied_on: 2026-02-03",
         "status: recognized\napplied_on: 2026-02-03\nrecognized_on: 2026-11-19")  # fmt: skip
    decision = repo / "registry" / "decisions" / "2026" / "lk-2026-11-anerkennung-darmstadt.yaml"
    decision.write_text(
        "id: lk-2026-11-anerkennung-darmstadt\nbody: leitungskreis\ndate: 2026-11-19\n"
        "kind: recognition\nnetworks: [om-region-darmstadt]\n",
        "utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Anerkennung ohne Trailer")
    head = git(repo, "rev-parse", "HEAD").strip()
    code, report = run(capsys)
    assert code == 1
    history = [(f["rule"], f["entity"], f.get("commit")) for f in findings(report)]
    assert history == [("OM302", "networks/om-region-darmstadt", head)]
    assert report["summary"]["commits"] == 2


def test_a_missing_base_says_how_to_fetch_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--base", "origin/main", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "no commit 'origin/main'" in err
    assert "git fetch origin main" in err and "fetch-depth: 0" in err
    assert "Traceback" not in err


def test_a_shallow_clone_says_how_to_unshallow(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(
        repo / "registry/networks/om-nordhessen.yaml",
        "title: Gründungstreffen",
        "title: Erstes Treffen",
    )
    git(repo, "commit", "-q", "-am", "zweiter Commit")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", "--branch", "pr", f"file://{repo}", str(clone))
    monkeypatch.chdir(clone)
    assert main(["check", "--base", "HEAD", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "git fetch --unshallow" in err and "fetch-depth: 0" in err


def test_head_needs_base_and_at_excludes_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--head", "pr"]) == 2
    assert main(["check", "--show-existing"]) == 2
    assert main(["check", "--base", "main", "--at", "pr"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_second_run_is_answered_from_the_tree_cache(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    (repo / "registry/partners/hwk-kassel.yaml").unlink()
    first = run(capsys)
    cache = Path(os.environ["XDG_CACHE_HOME"]) / "om" / "tree-reports.json"
    assert cache.is_file()
    assert run(capsys) == first
    assert run(capsys, "--no-cache") == first


def _finding(rule: str, entity: str, pointer: str, line: int, **args: str) -> Finding:
    return Finding(
        rule, Severity.ERROR, entity, f"{entity}.yaml", line, 1, pointer,
        msg("error.unknown_entity", id=args.get("id", "x")),
    )  # fmt: skip


def test_findings_are_matched_by_fingerprint_and_then_by_message() -> None:
    old = [_finding("OM111", "networks/a", "/regions", 5, id="b")]
    moved = [_finding("OM111", "networks/a", "/regions", 9, id="b")]
    assert introduced(old, moved) == []
    second = [*moved, _finding("OM111", "networks/a", "/regions", 9, id="c")]
    new = introduced(old, second)
    assert [f.message for f in new] == [second[1].message]
    marked = introduced(old, second, show_existing=True)
    assert [(f.existing, f.message) for f in marked] == [
        (False, second[1].message),
        (True, second[0].message),
    ]


def test_a_finding_that_gets_more_severe_is_new(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dropping a waiver turns a waived notice back into a warning: the change introduces it."""
    settings = repo / "registry/om.yaml"
    text = settings.read_text("utf-8")
    start = text.index("waivers:")
    end = text.index("\n\n", start)
    settings.write_text(text[:start] + "waivers: []" + text[end:], "utf-8")
    code, report = run(capsys)
    assert code == 0  # a warning
    new = {(f["rule"], f["entity"], f["severity"]) for f in findings(report)}
    assert ("OM201", "networks/om-weserbergland", "warning") in new
    assert run(capsys, "--strict")[0] == 1


def test_links_out_of_the_registry_are_findings_not_crashes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    partners = repo / "registry/partners"
    (partners / "absolut.yaml").symlink_to("/etc/passwd")
    (partners / "hinaus.yaml").symlink_to("../../../../../../etc/hostname")
    (partners / "drinnen.yaml").symlink_to("hwk-kassel.yaml")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Links")
    code, report = run(capsys, "--head", "pr")
    assert code == 1
    assert {(f["rule"], f["file"]) for f in findings(report)} == {
        ("OM001", f"registry/partners/{name}.yaml") for name in ("absolut", "hinaus", "drinnen")
    }


def test_check_at_reads_a_commit_with_hostile_links_too(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "registry/partners/absolut.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Link")
    assert main(["check", "--at", "HEAD", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert ("OM001", "registry/partners/absolut.yaml") in {
        (f["rule"], f["file"]) for f in findings(report)
    }


def test_an_old_problem_in_a_list_entry_that_moved_is_not_new() -> None:
    old = [_finding("OM004", "networks/a", "/partners/2/partner", 9, id="weg")]
    moved = [
        _finding("OM004", "networks/a", "/partners/3/partner", 10, id="weg"),
        _finding("OM004", "networks/a", "/partners/0/partner", 7, id="neu"),
    ]
    assert [f.pointer for f in introduced(old, moved)] == ["/partners/0/partner"]


def test_a_partner_added_above_an_old_broken_reference_passes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kassel = repo / "registry/networks/om-kassel.yaml"
    edit(kassel, "partner: hwk-kassel", "partner: gibt-es-nicht")
    git(repo, "commit", "-q", "-am", "kaputter Verweis")
    git(repo, "branch", "-f", "main")
    edit(
        kassel,
        "partners:\n",
        "partners:\n  - {partner: ihk-nordhessen-beispiel, since: 2022-01-01, role: member}\n",
    )
    code, report = run(capsys)
    assert (code, findings(report)) == (0, [])
