"""`om decide` in real git repositories: one commit with trailers, or nothing at all."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from om_cli.cli import main
from tests.conftest import require_tool

ROOT = Path(__file__).resolve().parent.parent
APPLIED = "om-region-darmstadt"  # an application in the shipped registry that meets the criteria
RECOGNIZED = "om-kassel"


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Geschäftsstelle")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "gs@example.org")
        monkeypatch.setenv(f"GIT_{role}_DATE", "2026-11-25T10:00:00+01:00")
    target = tmp_path / "repo"
    shutil.copytree(ROOT / "registry", target / "registry")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Register")
    monkeypatch.chdir(target)
    return target


def state(repo: Path) -> tuple[str, str, str]:
    """HEAD, index and working tree, to prove a refusal changed nothing."""
    return (
        git(repo, "rev-parse", "HEAD"),
        git(repo, "status", "--porcelain", "--untracked-files=all"),
        git(repo, "diff", "HEAD"),
    )


def om(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_recognition_is_one_commit_with_trailers(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    before = network.read_text("utf-8")
    code, out, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25",
        "--id", "lk-2026-11-anerkennung-darmstadt", "--minutes", "LK-Protokoll 2026/4",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    assert out.startswith("Beschluss lk-2026-11-anerkennung-darmstadt eingetragen: Commit ")
    message = git(repo, "log", "-1", "--format=%B")
    assert "OM-Action: recognition" in message
    assert "OM-Decision: lk-2026-11-anerkennung-darmstadt" in message
    changed = git(repo, "show", "--name-status", "--format=", "HEAD").split("\n")
    assert sorted(line for line in changed if line) == [
        "A\tregistry/decisions/2026/lk-2026-11-anerkennung-darmstadt.yaml",
        f"M\tregistry/networks/{APPLIED}.yaml",
    ]
    # only the intended lines changed; comments and order survive
    diff = git(repo, "diff", "HEAD~1", "--", f"registry/networks/{APPLIED}.yaml")
    removed = [
        line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")
    ]
    added = [
        line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")
    ]
    assert removed == ["-status: applied"]
    assert added == ["+status: recognized", "+recognized_on: 2026-11-25"]
    # the new date right after the other one, above the heading comment of the next key
    assert "applied_on: 2026-02-03\nrecognized_on: 2026-11-25\n\n# Antrag beim" in (
        network.read_text("utf-8")
    )
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#")]
    after = network.read_text("utf-8")
    assert all(comment in after for comment in comments)
    assert state(repo)[1] == ""  # nothing left over
    code, out, _ = om(capsys, "check", "--registry", "registry", "--as-of", "2026-11-25")
    assert code == 0, out


def _refused(repo: Path, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    before = state(repo)
    code, out, err = om(capsys, "decide", *args)
    assert code == 2, (out, err)
    assert "Traceback" not in err
    assert state(repo) == before
    return err


def test_refuses_a_transition_the_lifecycle_forbids(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(repo, capsys, "recognize", RECOGNIZED, "--date", "2026-11-25", "--id", "lk-x")
    assert "recognized" in err


def test_refuses_a_withdrawal_not_proposed_by_the_leitungskreis(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _refused(repo, capsys, "withdraw", RECOGNIZED, "--date", "2026-11-25", "--id", "pl-x")
    _refused(
        repo, capsys, "withdraw", RECOGNIZED, "--date", "2026-11-25", "--id", "pl-x",
        "--proposed-by", "secretariat",
    )  # fmt: skip


def test_refuses_an_existing_decision_id(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = next((repo / "registry" / "decisions").rglob("*.yaml")).stem
    _refused(repo, capsys, "recognize", APPLIED, "--date", "2026-11-25", "--id", existing)


def test_refuses_an_unknown_network(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(repo, capsys, "recognize", "gibt-es-nicht", "--date", "2026-11-25", "--id", "lk-y")


def test_refuses_a_dirty_index(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = repo / "registry" / "README.md"
    readme.write_text(readme.read_text("utf-8") + "\nNotiz\n", "utf-8")
    git(repo, "add", "registry/README.md")
    _refused(repo, capsys, "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-z")


def test_refuses_a_recognition_that_would_fail_the_check(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    text = network.read_text("utf-8").replace("open: true", "open: false")
    network.write_text(text, "utf-8")
    git(repo, "commit", "-q", "-am", "geschlossen")
    err = _refused(repo, capsys, "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-w")
    assert "OM110" in err


def test_dry_run_shows_the_diff_and_changes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(repo)
    code, out, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-v", "--dry-run"
    )
    assert (code, err) == (0, "")
    assert "-status: applied" in out and "+status: recognized" in out
    assert "+kind: recognition" in out
    assert state(repo) == before


def test_withdrawal_by_the_plenum(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = om(
        capsys, "decide", "withdraw", RECOGNIZED, "--date", "2026-11-25",
        "--id", "pl-2026-11-entzug", "--proposed-by", "leitungskreis",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    decision = (repo / "registry" / "decisions" / "2026" / "pl-2026-11-entzug.yaml").read_text()
    assert "body: plenum" in decision and "proposed_by: leitungskreis" in decision
    assert "OM-Action: withdrawal" in git(repo, "log", "-1", "--format=%B")


def test_signoff_and_ssh_signature(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    keygen = require_tool("ssh-keygen")
    key = tmp_path / "signing-key"
    subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    git(repo, "config", "gpg.format", "ssh")
    git(repo, "config", "user.signingkey", str(key))
    public = (tmp_path / "signing-key.pub").read_text().strip()
    signers = tmp_path / "allowed_signers"
    signers.write_text(f"gs@example.org {public}\n")
    git(repo, "config", "gpg.ssh.allowedSignersFile", str(signers))
    code, _, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25",
        "--id", "lk-2026-11-signiert", "--sign", "--signoff",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    message = git(repo, "log", "-1", "--format=%B")
    assert "Signed-off-by: Geschäftsstelle <gs@example.org>" in message
    assert git(repo, "log", "-1", "--format=%G?").strip() == "G"


def test_waiver_decision_and_its_entry_in_om_yaml(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{RECOGNIZED}.yaml"
    network.write_text(network.read_text("utf-8").replace("open: true", "open: false"))
    git(repo, "commit", "-q", "-am", "vorübergehend geschlossen")
    settings = repo / "registry" / "om.yaml"
    comments = [line for line in settings.read_text("utf-8").splitlines() if line.startswith("#")]
    code, _, err = om(
        capsys, "decide", "waive", "--date", "2026-11-25", "--id", "lk-2026-11-ausnahme-offen",
        "--rule", "OM110", "--entity", f"networks/{RECOGNIZED}", "--until", "2027-03-31",
        "--reason", "Neugründung des Trägervereins",
    )  # fmt: skip
    assert (code, err) == (0, ""), err
    text = settings.read_text("utf-8")
    assert "decision: lk-2026-11-ausnahme-offen" in text and "until: 2027-03-31" in text
    assert all(comment in text for comment in comments)
    assert "OM-Action: waiver" in git(repo, "log", "-1", "--format=%B")
    code, out, _ = om(capsys, "check", "--registry", "registry", "--as-of", "2026-12-01")
    assert code == 0, out
    assert "Ausnahme laut Beschluss lk-2026-11-ausnahme-offen" in out


def test_waive_needs_all_waiver_fields(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refused(repo, capsys, "waive", "--date", "2026-11-25", "--id", "lk-u", "--rule", "OM202")


def test_a_waiver_that_would_have_expired_already_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _refused(
        repo, capsys, "waive", "--date", "2026-11-25", "--id", "lk-u", "--rule", "OM110",
        "--entity", f"networks/{RECOGNIZED}", "--until", "2026-11-24", "--reason", "zu spät",
        "--lang", "en",
    )  # fmt: skip
    assert "--until 2026-11-24 lies before the decision of 2026-11-25" in err


# --- a kill at any step: the next om that takes the lock puts everything back ----------------


@pytest.mark.parametrize(
    "step", ["before-rename", "between-renames", "after-renames", "before-commit", "after-commit"]
)
def test_a_killed_decide_is_rolled_back_or_complete(repo: Path, step: str) -> None:
    import os
    import signal
    import sys

    from om_cli.safe_write import registry_lock

    before = state(repo)
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    original = network.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "om_cli", "decide", "recognize", APPLIED, "--date", "2026-11-25",
         "--id", "lk-2026-11-abgebrochen"],
        cwd=repo, env={**os.environ, "OM_TEST_CRASH_AT": step}, capture_output=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr
    with registry_lock(str(repo / "registry")):  # what every writing om command does first
        pass
    if step == "after-commit":  # the commit was made: nothing is undone
        assert git(repo, "log", "-1", "--format=%B").count("OM-Decision: lk-2026-11-abgebrochen")
        assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    else:
        assert state(repo) == before
        assert network.read_bytes() == original
        assert not (
            repo / "registry" / "decisions" / "2026" / "lk-2026-11-abgebrochen.yaml"
        ).exists()
    journals = list((Path(os.environ["XDG_STATE_HOME"]) / "om").glob("journal-*.json"))
    assert journals == []


def _killed_decide(repo: Path, decision_id: str, step: str = "before-commit") -> None:
    import os
    import signal
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "om_cli", "decide", "recognize", APPLIED, "--date", "2026-11-25",
         "--id", decision_id],
        cwd=repo, env={**os.environ, "OM_TEST_CRASH_AT": step}, capture_output=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("step", ["between-renames", "before-commit"])
def test_the_same_decide_again_after_a_kill_completes_it(
    repo: Path, capsys: pytest.CaptureFixture[str], step: str
) -> None:
    before = git(repo, "rev-parse", "HEAD")
    _killed_decide(repo, "lk-2026-11-nochmal", step)
    # the half-done decision is rolled back first, then recorded as asked
    code, out, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-2026-11-nochmal"
    )
    assert code == 0 and "lk-2026-11-nochmal" in out, err
    assert git(repo, "rev-parse", "HEAD~1").strip() == before.strip()
    assert git(repo, "status", "--porcelain", "--untracked-files=all") == ""
    assert "status: recognized" in (repo / "registry" / "networks" / f"{APPLIED}.yaml").read_text()


def test_a_rollback_leaves_what_the_user_changed_since_alone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    _killed_decide(repo, "lk-2026-11-weg")
    # the user cleans up by hand, then edits the file again
    git(repo, "reset", "-q", "--hard")
    git(repo, "clean", "-qfd", "registry")
    edited = network.read_text("utf-8").replace("name:", "# meine Notiz\nname:", 1)
    network.write_text(edited, "utf-8")  # not committed yet: HEAD is where the kill left it
    code, _, err = om(
        capsys, "decide", "consent", "om-kassel", "om-nordhessen", "--date", "2026-11-25",
        "--id", "lk-2026-11-zustimmung",
    )  # fmt: skip
    assert code == 0, err
    assert network.read_text("utf-8") == edited  # not put back to what the journal held
    status = git(repo, "status", "--porcelain", "--untracked-files=all")
    assert status == f" M registry/networks/{APPLIED}.yaml\n"


def test_refuses_a_network_file_with_uncommitted_changes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    network.write_text(network.read_text("utf-8") + "# noch nicht geprüft\n", "utf-8")
    before = state(repo)
    code, out, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-2026-11-u",
        "--lang", "en",
    )  # fmt: skip
    assert code == 2 and out == ""
    assert f"registry/networks/{APPLIED}.yaml has changes not committed yet" in err
    assert state(repo) == before


def test_outside_a_repository_says_so_without_naming_an_option_it_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(ROOT / "registry", plain / "registry")
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    before = sorted((p, p.read_bytes()) for p in plain.rglob("*") if p.is_file())
    code, out, err = om(
        capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-x", "--lang",
        "en",
    )  # fmt: skip
    assert code == 2 and out == "" and "--repo" not in err
    assert "is not inside a git repository; om decide records decisions as commits" in err
    assert sorted((p, p.read_bytes()) for p in plain.rglob("*") if p.is_file()) == before


def test_a_withdrawal_diff_is_the_status_and_the_date_in_its_place(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{RECOGNIZED}.yaml"
    before = network.read_text("utf-8")
    code, _, err = om(
        capsys, "decide", "withdraw", RECOGNIZED, "--date", "2026-11-25", "--id", "pl-2026-11-x",
        "--proposed-by", "leitungskreis",
    )  # fmt: skip
    assert code == 0, err
    expected = before.replace("status: recognized", "status: withdrawn").replace(
        "recognized_on: 2021-06-15\n", "recognized_on: 2021-06-15\nwithdrawn_on: 2026-11-25\n"
    )
    assert network.read_text("utf-8") == expected


FLOW_REGIONS = (
    "regions:\n  - ags-06411  # Stadt Darmstadt\n  - ags-06432  # Kreis Darmstadt-Dieburg\n"
    "  - ags-06433  # Kreis Groß-Gerau\n  - ags-06437  # Odenwaldkreis\n",
    "regions: [ags-06411, ags-06432,  # in der Liste\n  ags-06433, ags-06437]\n",
)


def _recognized_as_written(repo: Path, capsys: pytest.CaptureFixture[str], text: str) -> str:
    """Commit `text` as the application's network file, recognise it; the file afterwards."""
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    network.write_text(text, "utf-8")
    git(repo, "commit", "-qam", "von Hand")
    code, _, err = om(capsys, "decide", "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk")
    assert code == 0, err
    return network.read_text("utf-8")


def _with_recognition(text: str, status: str, recognized: str) -> str:
    """`text` with the status line `status` now `recognized` and the date below the other."""
    return text.replace(status, recognized).replace(
        "applied_on: 2026-02-03\n", "applied_on: 2026-02-03\nrecognized_on: 2026-11-25\n"
    )


def test_changes_only_the_lines_of_status_and_date_in_any_style(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    text = network.read_text("utf-8").replace(*FLOW_REGIONS)
    text = text.replace("status: applied", "status: 'applied'    # bis jetzt")
    text = text.replace("name: ", "name:   ")  # not the house style
    assert _recognized_as_written(repo, capsys, text) == _with_recognition(
        text, "status: 'applied'    # bis jetzt", "status: 'recognized'    # bis jetzt"
    )


def test_refuses_to_lose_a_comment_it_cannot_keep(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    text = network.read_text("utf-8").replace(*FLOW_REGIONS)
    # a status on a line of its own: the whole file goes through ruamel, which drops the comment
    network.write_text(text.replace("status: applied", "status:\n  applied"), "utf-8")
    git(repo, "commit", "-qam", "Fluss-Liste")
    err = _refused(
        repo, capsys, "recognize", APPLIED, "--date", "2026-11-25", "--id", "lk-k", "--lang", "en"
    )
    assert "line 8 (“# in der Liste”) would be lost" in err


def test_keeps_a_modeline_before_an_explicit_document_start(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    text = network.read_text("utf-8").replace("\nid: ", "\n---\nid: ", 1)
    assert _recognized_as_written(repo, capsys, text) == _with_recognition(
        text, "status: applied", "status: recognized"
    )


def test_a_batch_the_user_has_worked_on_since_is_left_whole(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / "registry" / "networks" / f"{APPLIED}.yaml"
    decision = repo / "registry" / "decisions" / "2026" / "lk-2026-11-halb.yaml"
    _killed_decide(repo, "lk-2026-11-halb")
    edited = network.read_text("utf-8").replace("name:", "# meine Notiz\nname:", 1)
    network.write_text(edited, "utf-8")  # the user works on one file of the batch
    code, _, err = om(
        capsys, "decide", "consent", "om-kassel", "om-nordhessen", "--date", "2026-11-25",
        "--id", "lk-2026-11-zustimmung",
    )  # fmt: skip
    assert code == 0, err
    # neither half undone: the user's edit and the decision it belongs with both stay
    assert network.read_text("utf-8") == edited and "status: recognized" in edited
    assert decision.is_file()
