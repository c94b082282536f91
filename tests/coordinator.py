"""Shared set-up of the coordinator tests (`om apply`, `om new partner`, `om record`).

A copy of the shipped registry in a real git repository in `tmp_path` (pinned author and
committer, no global configuration), with a bare repository beside it as `origin`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from om_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-25"  # the day the demonstration registry is written for


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


def make_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_DIR", raising=False)
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Netzwerk Koordination")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "koordination@example.org")
        monkeypatch.setenv(f"GIT_{role}_DATE", "2026-11-25T10:00:00+01:00")
    target = tmp_path / "repo"
    shutil.copytree(ROOT / "registry", target / "registry")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Register")
    bare = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    git(target, "remote", "add", "origin", str(bare))
    monkeypatch.chdir(target)
    return target


def state(repo: Path) -> tuple[str, str, str, str]:
    """HEAD, branches, index and working tree: to prove a refusal changed nothing."""
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "branch", "--format=%(refname)"),
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "diff", "HEAD"),
    )


def om(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def check_clean(capsys: pytest.CaptureFixture[str], *files: str) -> str:
    """`om check` on the registry: exit 0 and no finding at all on `files`."""
    code, out, err = om(capsys, "check", "--registry", "registry", "--as-of", AS_OF, "--no-cache")
    assert code == 0, out + err
    for file in files:
        assert file not in out, out
    return out
