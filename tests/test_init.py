"""`om init DIR`: a new registry repository whose CI files are valid and call real commands."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from om_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


@pytest.fixture
def created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "neues-register"
    assert main(["init", str(folder), "--secretariat", "@om/geschaeftsstelle"]) == 0
    assert "neues Register-Repository" in capsys.readouterr().out
    return folder


def test_the_new_registry_passes_om_check(
    created: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(created)
    assert main(["check", "--lang", "en"]) == 0
    assert "0 errors, 0 warnings, 0 notices in 4 files" in capsys.readouterr().out
    assert (created / ".git").is_dir()
    for folder in ("networks", "partners", "decisions", "plenum"):
        assert (created / "registry" / folder).is_dir()
    assert (created / "schemas" / "network.schema.json").is_file()  # for the modelines


def test_what_a_killed_om_leaves_is_ignored_by_git(created: Path) -> None:
    from om_cli.safe_write import LOCK_NAME, TEMP_PREFIX

    (created / "registry" / LOCK_NAME).write_text("")
    (created / "registry" / "networks" / f"{TEMP_PREFIX}abc").write_text("")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=created, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert LOCK_NAME not in status and TEMP_PREFIX not in status


def test_the_readme_is_german_and_for_coordinators(created: Path) -> None:
    readme = (created / "README.md").read_text("utf-8")
    assert "Ein Netzwerk anmelden" in readme and "Wenn die Prüfung fehlschlägt" in readme
    assert "om check --base" in readme and "{{" not in readme


def test_codeowners_gives_the_secretariat_its_files(created: Path) -> None:
    owners = {}
    for line in (created / "CODEOWNERS").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            path, owner = line.split()
            owners[path] = owner
    for path in ("/registry/decisions/", "/registry/om.yaml", "/.mailmap"):
        assert owners[path] == "@om/geschaeftsstelle"
    assert (created / ".mailmap").is_file()


CI_FILES = (".github/workflows/om.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml")


@pytest.mark.parametrize("name", CI_FILES)
def test_ci_files_are_valid_yaml(created: Path, name: str) -> None:
    document = yaml.safe_load((created / name).read_text("utf-8"))
    assert isinstance(document, dict)


@pytest.mark.parametrize(
    "name,schema",
    [
        (".github/workflows/om.yml", "vendor.github-workflows"),
        (".gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
)
def test_ci_files_match_their_platform_schema(created: Path, name: str, schema: str) -> None:
    tool = BIN / "check-jsonschema"
    result = subprocess.run(
        [str(tool), "--builtin-schema", schema, str(created / name)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def _commands(created: Path) -> list[str]:
    """Every shell command the CI files run."""
    workflow = yaml.safe_load((created / ".github/workflows/om.yml").read_text("utf-8"))
    commands = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
                if "run" in step]  # fmt: skip
    gitlab = yaml.safe_load((created / ".gitlab-ci.yml").read_text("utf-8"))
    commands += [line for job in gitlab.values() if isinstance(job, dict)
                 for line in job.get("script", [])]  # fmt: skip
    hooks = yaml.safe_load((created / ".pre-commit-config.yaml").read_text("utf-8"))
    commands += [hook["entry"] for repo in hooks["repos"] for hook in repo["hooks"]]
    return commands


def test_every_om_command_the_ci_files_call_exists(
    created: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    calls = [
        shlex.split(found.group(0))
        for command in _commands(created)
        for found in re.finditer(r"\bom [a-z][^;|&>\n]*", command)
    ]
    assert len(calls) >= 5
    assert any("--base" in " ".join(call) for call in calls)
    for call in calls:
        options = [word.split("=", 1)[0] for word in call if word.startswith("--")]
        assert main([call[1], "--help"]) == 0
        help_text = capsys.readouterr().out
        for option in options:
            assert option in help_text, (call, option)


def test_the_github_workflow_fetches_history_and_uploads_sarif(created: Path) -> None:
    workflow = yaml.safe_load((created / ".github/workflows/om.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    uses = [step.get("uses", "") for step in steps]
    assert any(name.startswith("github/codeql-action/upload-sarif") for name in uses)
    runs = " ".join(step.get("run", "") for step in steps)
    assert "--format github" in runs and "--format sarif" in runs
    assert "${{" not in runs  # no expression expanded inside a shell script (injection)
    gitlab = yaml.safe_load((created / ".gitlab-ci.yml").read_text("utf-8"))
    assert gitlab["om-check"]["artifacts"]["reports"]["junit"] == "om-junit.xml"


def test_a_non_empty_folder_or_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "voll").mkdir()
    (tmp_path / "voll" / "notiz.txt").write_text("x", "utf-8")
    assert main(["init", str(tmp_path / "voll")]) == 2
    assert (tmp_path / "voll" / "notiz.txt").read_text("utf-8") == "x"
    (tmp_path / "datei").write_text("x", "utf-8")
    assert main(["init", str(tmp_path / "datei")]) == 2
    err = capsys.readouterr().err
    assert "nicht leer" in err and "Traceback" not in err


def test_the_shipped_taxonomy_is_the_demonstration_registrys() -> None:
    for name in ("regions", "topics", "instruments"):
        shipped = (ROOT / "om_cli" / "defaults" / "taxonomy" / f"{name}.yaml").read_bytes()
        demo = (ROOT / "registry" / "taxonomy" / f"{name}.yaml").read_bytes()
        assert shipped == demo, f"copy registry/taxonomy/{name}.yaml to om_cli/defaults/taxonomy/"


def _git(cwd: Path, *args: str) -> None:
    env = {
        "HOME": str(cwd.parent), "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin",
        "GIT_AUTHOR_NAME": "GS", "GIT_AUTHOR_EMAIL": "gs@example.org",
        "GIT_COMMITTER_NAME": "GS", "GIT_COMMITTER_EMAIL": "gs@example.org",
    }  # fmt: skip
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def pull_request(created: Path, tmp_path: Path) -> Path:
    """The new repository pushed to a server; a clone of it on a branch `pr` that adds a
    network without partners, as a merge request would."""
    _git(created, "add", "-A")
    _git(created, "commit", "-q", "-m", "Register angelegt")
    server = tmp_path / "server.git"
    _git(tmp_path, "clone", "-q", "--bare", str(created), str(server))
    clone = tmp_path / "ci"
    _git(tmp_path, "clone", "-q", f"file://{server}", str(clone))
    _git(clone, "checkout", "-q", "-b", "pr")
    network = (
        "id: om-beispiel\nname: Offensive Mittelstand Beispiel\nkind: regional\n"
        "regions: [ags-06611]\nstatus: applied\napplied_on: 2026-11-02\n"
    )
    (clone / "registry/networks/om-beispiel.yaml").write_text(network, "utf-8")
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "-m", "Antrag")
    return clone


def _shell(script: str, cwd: Path, extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(cwd.parent), "GIT_CONFIG_NOSYSTEM": "1",
           "XDG_CACHE_HOME": str(cwd.parent / "cache"), **extra}  # fmt: skip
    return subprocess.run(
        ["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_gitlab_job_fails_the_merge_request_with_a_junit_report(pull_request: Path) -> None:
    gitlab = yaml.safe_load((pull_request / ".gitlab-ci.yml").read_text("utf-8"))
    lines = [line for line in gitlab["om-check"]["script"] if "pip install" not in line]
    result = _shell("\n".join(lines), pull_request, {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main"})
    assert result.returncode == 1, result.stderr
    assert "om-beispiel.yaml" in result.stdout and "OM105" in result.stdout
    report = (pull_request / "om-junit.xml").read_text("utf-8")
    assert '<testcase name="networks/om-beispiel"' in report and "<failure" in report


def test_the_github_workflow_annotates_the_pull_request(pull_request: Path) -> None:
    workflow = yaml.safe_load((pull_request / ".github/workflows/om.yml").read_text("utf-8"))
    (step,) = [s for s in workflow["jobs"]["check"]["steps"]
               if s.get("if") == "github.event_name == 'pull_request'"]  # fmt: skip
    result = _shell(step["run"], pull_request, {"BASE_REF": "main"})
    assert result.returncode == 1, result.stderr
    assert "::error file=registry/networks/om-beispiel.yaml,line=" in result.stdout
    _git(pull_request, "checkout", "-q", "main")
    assert _shell(step["run"], pull_request, {"BASE_REF": "main"}).returncode == 0
