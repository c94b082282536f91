"""The real `pre-commit` tool runs om's hook (`.pre-commit-hooks.yaml`) on a registry repository.

`pre-commit try-repo` clones om from a git repository and installs it into a virtualenv of its
own (from the package registry, as a user's machine would). The clone is a temporary copy of
this working tree with everything committed, so the test sees the current state; pre-commit's
home is shared by the tests of one session, so om is installed once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "registry"


def run(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(args), cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def base_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)  # keeps the package index configuration pip needs
    env.update(
        HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="GS",
        GIT_AUTHOR_EMAIL="gs@example.org", GIT_COMMITTER_NAME="GS",
        GIT_COMMITTER_EMAIL="gs@example.org", PRE_COMMIT_COLOR="never",
    )  # fmt: skip
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(name, None)
    return env


@pytest.fixture(scope="session")
def om_repository(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository holding the current state of om, and an environment whose
    PRE_COMMIT_HOME is shared by this session's tests."""
    git = require_tool("git")
    scratch = tmp_path_factory.mktemp("precommit")
    env = base_env(scratch)
    env["PRE_COMMIT_HOME"] = str(scratch / "pre-commit-home")
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    listed = subprocess.run(
        [git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode("utf-8", "surrogateescape")  # fmt: skip
    copy = scratch / "om"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if not os.path.lexists(source):
            continue  # deleted in the working tree
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "om"]):
        result = run(copy, git, *args, env=env)
        assert result.returncode == 0, result.stderr
    return copy, env


def pre_commit() -> str:
    beside = Path(sys.executable).parent / "pre-commit"
    return str(beside) if beside.exists() else require_tool("pre-commit")


def registry_repository(where: Path, env: dict[str, str]) -> Path:
    shutil.copytree(SHIPPED, where / "registry")
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Register"]):
        result = run(where, "git", *args, env=env)
        assert result.returncode == 0, result.stderr
    return where


def test_the_hook_passes_a_good_and_fails_a_bad_registry(
    om_repository: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    om, env = om_repository
    tool = pre_commit()
    registry = registry_repository(tmp_path / "good", env)
    good = run(registry, tool, "try-repo", str(om), "om-check", "--all-files", env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "om check" in good.stdout and "Passed" in good.stdout

    (registry / "registry/partners/hwk-kassel.yaml").unlink()
    bad = run(registry, tool, "try-repo", str(om), "om-check", "--all-files", env=env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert "registry/networks/om-kassel.yaml" in bad.stdout and "OM004" in bad.stdout

    # a commit that only deletes the partner: pre-commit lists no deleted file, the hook runs
    # all the same and refuses it
    assert run(registry, "git", "checkout", "--", ".", env=env).returncode == 0
    assert (
        run(registry, "git", "rm", "-q", "registry/partners/hwk-kassel.yaml", env=env).returncode
        == 0
    )
    staged = run(registry, tool, "try-repo", str(om), "om-check", env=env)
    assert staged.returncode == 1, staged.stdout + staged.stderr
    assert "OM004" in staged.stdout and "Skipped" not in staged.stdout


def test_the_hook_definition_runs_on_yaml_without_file_names() -> None:
    import yaml

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["id"] == "om-check" and hook["language"] == "python"
    assert hook["entry"] == "om check" and hook["pass_filenames"] is False
    assert hook["always_run"] is True  # pre-commit lists no deleted file: a deletion must run it


def test_the_config_om_init_writes_works_with_pre_commit(
    om_repository: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    """`om init` writes a `repo: local` hook that installs om with pip: here from the copy."""
    from om_cli.cli import main

    om, env = om_repository
    folder = tmp_path / "neu"
    assert main(["init", str(folder), "--package", str(om)]) == 0
    for args in (["add", "-A"], ["commit", "-q", "-m", "Register"]):
        result = run(folder, "git", *args, env=env)
        assert result.returncode == 0, result.stderr
    tool = pre_commit()
    good = run(folder, tool, "run", "--all-files", env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    (folder / "registry/networks/om-leer.yaml").write_text("id: om-leer\n", "utf-8")
    run(folder, "git", "add", "-A", env=env)
    bad = run(folder, tool, "run", "--all-files", env=env)
    assert bad.returncode == 1 and "OM002" in bad.stdout, bad.stdout + bad.stderr
