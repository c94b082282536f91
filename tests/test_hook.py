"""`om hook pre-receive` installed in a real bare repository, pushed to over a local transport."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "registry"
OM = Path(sys.executable).parent / "om"


def env(home: Path) -> dict[str, str]:
    return {
        "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin",
        "GIT_AUTHOR_NAME": "GS", "GIT_AUTHOR_EMAIL": "gs@example.org",
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+01:00",
        "GIT_COMMITTER_NAME": "GS", "GIT_COMMITTER_EMAIL": "gs@example.org",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+01:00",
        "XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"],
    }  # fmt: skip


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["git", *args], cwd=cwd, env=env(cwd.parent), capture_output=True, text=True, timeout=300
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


def push(work: Path, *args: str) -> tuple[bool, str, float]:
    started = time.monotonic()
    result = git(work, "push", "origin", *args, check=False)
    return result.returncode == 0, result.stderr, time.monotonic() - started


@pytest.fixture
def server(tmp_path: Path) -> Path:
    bare = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(bare))
    hook = bare / "hooks" / "pre-receive"
    hook.write_text(f'#!/bin/sh\nexec "{OM}" hook pre-receive --lang en\n', "utf-8")
    hook.chmod(0o755)
    return bare


@pytest.fixture
def work(server: Path, tmp_path: Path) -> Path:
    """A clone with the shipped registry pushed as the first commit of `main`."""
    clone = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(server), str(clone))
    shutil.copytree(SHIPPED, clone / "registry")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Register")
    accepted, messages, _ = push(clone, "HEAD:main")
    assert accepted, messages
    assert "1 ref checked, no new errors" in messages
    return clone


def commit_all(work: Path, message: str) -> None:
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", message)


def test_a_good_change_is_accepted(work: Path) -> None:
    path = work / "registry/networks/om-nordhessen.yaml"
    path.write_text(path.read_text("utf-8").replace("Gründungstreffen", "Erstes Treffen"), "utf-8")
    commit_all(work, "Titel")
    accepted, messages, _ = push(work, "HEAD:main")
    assert accepted, messages


def test_a_bad_change_is_refused_with_its_findings(work: Path, server: Path) -> None:
    (work / "registry/partners/hwk-kassel.yaml").unlink()
    commit_all(work, "Partner gelöscht")
    before = git(server, "rev-parse", "main").stdout
    accepted, messages, _ = push(work, "HEAD:main")
    assert not accepted
    assert "refs/heads/main: the change brings errors into the registry" in messages
    assert "registry/networks/om-kassel.yaml" in messages and "OM004" in messages
    assert "push refused" in messages
    assert "Warning" not in messages and "Traceback" not in messages  # only om's own words
    assert git(server, "rev-parse", "main").stdout == before


def test_a_new_branch_is_checked_against_the_default_branch(work: Path) -> None:
    (work / "registry/partners/hwk-kassel.yaml").unlink()
    commit_all(work, "Partner gelöscht")
    accepted, messages, _ = push(work, "HEAD:refs/heads/feature")
    assert not accepted and "refs/heads/feature" in messages and "OM004" in messages


def test_force_pushes_to_the_protected_branch_are_refused(work: Path, server: Path) -> None:
    git(work, "commit", "-q", "--amend", "-m", "Geschichte umgeschrieben")
    accepted, messages, _ = push(work, "--force", "HEAD:main")
    assert not accepted and "refs/heads/main is protected" in messages
    accepted, messages, _ = push(work, "--delete", "main")
    assert not accepted and "cannot be deleted" in messages
    # an unprotected branch may be rewritten (and is still checked)
    accepted, messages, _ = push(work, "HEAD:refs/heads/topic")
    assert accepted, messages
    git(work, "commit", "-q", "--amend", "-m", "nochmal")
    accepted, messages, _ = push(work, "--force", "HEAD:refs/heads/topic")
    assert accepted, messages
    git(server, "config", "--add", "om.protected", "topic")
    git(work, "commit", "-q", "--amend", "-m", "und nochmal")
    accepted, messages, _ = push(work, "--force", "HEAD:refs/heads/topic")
    assert not accepted and "refs/heads/topic is protected" in messages


def test_replace_refs_are_refused(work: Path) -> None:
    git(work, "commit", "-q", "--allow-empty", "-m", "leer")
    git(work, "replace", "HEAD~1", "HEAD")
    accepted, messages, _ = push(work, "refs/replace/*:refs/replace/*")
    assert not accepted and "replacement objects (refs/replace/) are not allowed" in messages


@pytest.mark.parametrize(
    "name,content",
    [
        (
            "alias-bomb",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, "
                      f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
                      for i in range(20)),
        ),
        ("deep", "id: deep\nname: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("huge", "id: huge\nname: x\n# " + "x" * (50 * 1024 * 1024) + "\n"),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_quickly(work: Path, name: str, content: str) -> None:
    (work / "registry/networks" / f"{name}.yaml").write_text(content, "utf-8")
    commit_all(work, name)
    accepted, messages, seconds = push(work, "HEAD:main")
    assert not accepted
    assert f"registry/networks/{name}.yaml" in messages and "OM001" in messages
    assert "Traceback" not in messages
    assert seconds < 60


def test_a_check_over_its_time_limit_refuses_the_push(work: Path, server: Path) -> None:
    git(server, "config", "om.timeout", "0.01")
    git(work, "commit", "-q", "--allow-empty", "-m", "leer")
    accepted, messages, _ = push(work, "HEAD:main")
    assert not accepted and "took longer than 0.01 s" in messages


def test_a_memory_limit_too_small_for_the_check_refuses_the_push(work: Path, server: Path) -> None:
    git(server, "config", "om.memory", "32")  # MiB: too little to load and check a registry
    path = work / "registry/networks/om-nordhessen.yaml"
    path.write_text(path.read_text("utf-8").replace("Gründungstreffen", "Erstes Treffen"), "utf-8")
    commit_all(work, "Titel")
    accepted, messages, _ = push(work, "HEAD:main")
    assert not accepted and "the check could not be made" in messages, messages
    assert "Traceback" not in messages
    assert "push refused" in messages
    git(server, "config", "--unset", "om.memory")
    accepted, messages, _ = push(work, "HEAD:main")
    assert accepted, messages


def test_a_link_out_of_the_repository_is_refused_as_a_finding(work: Path) -> None:
    (work / "registry/partners/passwd.yaml").symlink_to("/etc/passwd")
    commit_all(work, "Link")
    accepted, messages, _ = push(work, "HEAD:main")
    assert not accepted and "OM001" in messages and "registry/partners/passwd.yaml" in messages
    assert "Traceback" not in messages
