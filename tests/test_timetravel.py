"""`om check --at REV`: the registry as it was at a commit, read from git objects."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from om_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "registries" / "clean-base" / "registry"


def git(repo: Path, *args: str, date: str = "2026-03-02T09:00:00+01:00") -> str:
    env = {
        "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "GS", "GIT_AUTHOR_EMAIL": "gs@example.org", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": "GS", "GIT_COMMITTER_EMAIL": "gs@example.org",
        "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin",
    }  # fmt: skip
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(BASE, target / "registry")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Register", date="2026-03-02T23:30:00-05:00")
    network = next((target / "registry" / "networks").glob("*.yaml"))
    network.write_text(network.read_text("utf-8").replace("open: true", "open: false"), "utf-8")
    git(target, "commit", "-q", "-am", "geschlossen", date="2026-06-01T09:00:00+02:00")
    monkeypatch.chdir(target)
    return target


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object]]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def rules(report: dict[str, object]) -> set[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {finding["rule"] for finding in findings}


def test_a_commit_is_checked_as_it_was_and_as_of_its_own_date(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, before = run(capsys, "--at", "HEAD~1")
    assert code == 0 and "OM110" not in rules(before)
    assert before["as_of"] == "2026-03-02"  # the committer's own calendar day, not UTC's
    code, after = run(capsys, "--at", "HEAD")
    assert code == 1 and "OM110" in rules(after)
    assert after["as_of"] == "2026-06-01"


def test_the_working_tree_is_not_read(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(repo / "registry" / "partners")
    code, report = run(capsys, "--at", "HEAD~1")
    assert code == 0
    assert rules(report) == {"OM203"}  # only the notice of early 2026; no missing partners


def test_as_of_can_be_given(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, report = run(capsys, "--at", "HEAD~1", "--as-of", "2026-11-25")
    assert report["as_of"] == "2026-11-25"


def test_an_unknown_revision_is_a_clear_error(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--at", "no-such-branch"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.startswith("om: ") and "Traceback" not in captured.err
