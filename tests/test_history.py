"""`om history` and `om_cli.history.status_history` on real git repositories.

Every repository is built in `tmp_path` with pinned authors, committers and dates; HOME points
into `tmp_path`, so the user's git configuration plays no part (one test writes a hostile one
on purpose). The history rules of DESIGN.md decide what counts: a commit's own changes, a
merge judged by what differs from every parent.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from om_cli.cli import main
from om_cli.errors import GitError, RegistryError, UsageError
from om_cli.history import Change, StatusChange, status_history

ERIKA = ("Erika Muster", "erika.muster@om.example")
MAX = ("Max Mustermann", "max@om.example")
SECRETARIAT = ("Geschäftsstelle OM", "gs@om.example")


@pytest.fixture(autouse=True)
def _no_user_git_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_PARAMETERS"):
        monkeypatch.delenv(name, raising=False)


# Everything a user's configuration could set to change what `git log` prints.
HOSTILE_CONFIG = """\
[log]
  mailmap = true
  follow = true
  showSignature = true
  showRoot = false
  decorate = full
  abbrevCommit = true
  date = relative
  diffMerges = first-parent
[core]
  commentChar = O
  abbrev = 8
  pager = false
  quotePath = true
[diff]
  relative = true
  renames = copies
  noprefix = true
  orderFile = /dev/null
[color]
  ui = always
[trailer]
  separators = =
[i18n]
  logOutputEncoding = ISO-8859-1
[format]
  pretty = oneline
"""


def write_hostile_config() -> None:
    config = Path(os.environ["HOME"]) / ".gitconfig"
    config.write_text(HOSTILE_CONFIG, encoding="utf-8")


class Repo:
    """A git repository in a folder, committing with pinned identities and dates."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.day = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")
        self.git("symbolic-ref", "HEAD", "refs/heads/main")

    def git(self, *args: str, who: tuple[str, str] = ERIKA, date: str | None = None) -> str:
        env = {**os.environ, "GIT_AUTHOR_DATE": date or "", "GIT_COMMITTER_DATE": date or ""}
        if date is None:
            del env["GIT_AUTHOR_DATE"], env["GIT_COMMITTER_DATE"]
        done = subprocess.run(
            ["git", "-c", f"user.name={who[0]}", "-c", f"user.email={who[1]}", *args],
            cwd=self.path,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.git("add", name)

    def network(self, stem: str, status: str, ident: str | None = None, **extra: str) -> None:
        lines = [f"id: {ident or stem}", f"name: Offensive Mittelstand {stem}", "kind: regional"]
        lines.append(f"status: {status}")
        lines += [f"{key}: {value}" for key, value in extra.items()]
        self.write(f"registry/networks/{stem}.yaml", "\n".join(lines) + "\n")

    def commit(self, message: str, who: tuple[str, str] = ERIKA) -> str:
        self.day += 1
        date = f"2024-03-{self.day:02d}T10:00:00+01:00"
        self.git("commit", "-q", "--allow-empty", "-m", message, who=who, date=date)
        return self.git("rev-parse", "HEAD")

    def merge(self, branch: str, message: str, who: tuple[str, str] = SECRETARIAT) -> None:
        """Start a merge without committing it (the caller may change the result)."""
        self.day += 1
        date = f"2024-03-{self.day:02d}T10:00:00+01:00"
        subprocess.run(
            ["git", "-c", f"user.name={who[0]}", "-c", f"user.email={who[1]}", "merge",
             "--no-ff", "--no-commit", "-q", branch],
            cwd=self.path,
            env={**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date},
            capture_output=True,
            check=False,
        )  # fmt: skip


def summary(changes: list[StatusChange]) -> list[tuple[str, str | None, str | None, str]]:
    return [(c.network, c.old_status, c.new_status, c.change.value) for c in changes]


@pytest.fixture
def lifecycle(tmp_path: Path) -> Iterator[tuple[Repo, list[str]]]:
    """om-kassel applies, is recognised, holds a meeting, is withdrawn and applies again."""
    repo = Repo(tmp_path / "repo")
    repo.write("README.md", "Register\n")
    commits = [repo.commit("Register angelegt")]
    repo.network("om-kassel", "applied", applied_on="2024-01-10")
    commits.append(repo.commit("Antrag: om-kassel", who=MAX))
    repo.network("om-kassel", "recognized", applied_on="2024-01-10", recognized_on="2024-03-02")
    repo.write("registry/decisions/2024/lk-2024-001.yaml", "id: lk-2024-001\n")
    commits.append(
        repo.commit(
            "Anerkennung om-kassel\n\nOM-Action: recognition\nOM-Decision: lk-2024-001\n",
            who=SECRETARIAT,
        )
    )
    repo.network("om-kassel", "recognized", applied_on="2024-01-10", website="https://x.example")
    commits.append(repo.commit("Website ergänzt"))
    repo.network("om-kassel", "withdrawn", applied_on="2024-01-10", withdrawn_on="2024-03-04")
    commits.append(
        repo.commit(
            "Entzug om-kassel\n\nOM-Action: withdrawal\nOM-Decision: plenum-2024-001\n",
            who=SECRETARIAT,
        )
    )
    repo.network("om-kassel", "applied", applied_on="2024-03-05")
    commits.append(repo.commit("Erneuter Antrag: om-kassel\n\nOM-Action: application\n", who=MAX))
    yield repo, commits


# --- the lifecycle of one network ---------------------------------------------------------------


def test_application_recognition_withdrawal_and_new_application(
    lifecycle: tuple[Repo, list[str]],
) -> None:
    repo, commits = lifecycle
    changes = status_history(str(repo.path))
    assert summary(changes) == [
        ("om-kassel", None, "applied", "added"),
        ("om-kassel", "applied", "recognized", "modified"),
        ("om-kassel", "recognized", "withdrawn", "modified"),
        ("om-kassel", "withdrawn", "applied", "modified"),
    ]
    assert [c.commit for c in changes] == [commits[1], commits[2], commits[4], commits[5]]
    assert changes[1] == StatusChange(
        network="om-kassel",
        path="registry/networks/om-kassel.yaml",
        old_path="registry/networks/om-kassel.yaml",
        change=Change.MODIFIED,
        old_status="applied",
        new_status="recognized",
        commit=commits[2],
        parents=(commits[1],),
        author_name="Geschäftsstelle OM",
        author_email="gs@om.example",
        author_date="2024-03-03T10:00:00+01:00",
        committer_name="Geschäftsstelle OM",
        committer_email="gs@om.example",
        committer_date="2024-03-03T10:00:00+01:00",
        actions=("recognition",),
        decisions=("lk-2024-001",),
        signature="N",
    )
    application = changes[0]
    assert (application.old_path, application.actions, application.decisions) == (None, None, None)
    assert (application.author_name, application.author_email) == MAX
    assert changes[3].actions == ("application",) and changes[3].decisions is None


def test_several_trailer_values_are_all_kept(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    repo.commit(
        "Anerkennung\n\nOM-Action: recognition\nOM-Decision: lk-2024-001\n"
        "OM-Decision: lk-2024-002\nSigned-off-by: Erika Muster <erika.muster@om.example>\n"
    )
    assert status_history(str(repo.path))[-1].decisions == ("lk-2024-001", "lk-2024-002")


def test_renamed_file_keeps_its_network(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kasel", "applied", ident="om-kassel")  # misspelt file name, right id
    repo.commit("Antrag")
    repo.git("mv", "registry/networks/om-kasel.yaml", "registry/networks/om-kassel.yaml")
    repo.commit("Dateiname korrigiert")  # a rename only: no status change
    repo.git("mv", "registry/networks/om-kassel.yaml", "registry/networks/om-nordhessen.yaml")
    repo.network("om-nordhessen", "recognized", ident="om-kassel")
    renamed = repo.commit("Umbenannt und anerkannt\n\nOM-Decision: lk-2024-001\n")
    changes = status_history(str(repo.path))
    assert summary(changes) == [
        ("om-kassel", None, "applied", "added"),
        ("om-kassel", "applied", "recognized", "modified"),
    ]
    assert changes[1].commit == renamed
    assert changes[1].old_path == "registry/networks/om-kassel.yaml"
    assert changes[1].path == "registry/networks/om-nordhessen.yaml"


def test_missing_id_falls_back_to_the_file_name(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write(
        "registry/networks/om-fulda.yaml", "name: Offensive Mittelstand Fulda\nstatus: applied\n"
    )
    repo.commit("Antrag ohne id")
    assert summary(status_history(str(repo.path))) == [("om-fulda", None, "applied", "added")]


def test_deleted_network(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "recognized")
    repo.commit("Altbestand")
    repo.git("rm", "-q", "registry/networks/om-kassel.yaml")
    deleted = repo.commit("Netzwerk gelöscht")
    changes = status_history(str(repo.path))
    assert summary(changes) == [
        ("om-kassel", None, "recognized", "added"),
        ("om-kassel", "recognized", None, "deleted"),
    ]
    assert changes[1].commit == deleted
    assert changes[1].path == changes[1].old_path == "registry/networks/om-kassel.yaml"


def test_one_commit_changing_two_networks(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-nordhessen", "applied")
    repo.network("om-kassel", "applied")
    repo.network("om-fulda", "applied")
    repo.commit("Drei Anträge")
    repo.network("om-nordhessen", "recognized")
    repo.network("om-kassel", "rejected")
    both = repo.commit(
        "Leitungskreis 2024-03\n\nOM-Decision: lk-2024-001\nOM-Decision: lk-2024-002"
    )
    changes = status_history(str(repo.path))
    assert summary(changes[3:]) == [
        ("om-kassel", "applied", "rejected", "modified"),
        ("om-nordhessen", "applied", "recognized", "modified"),
    ]
    assert {c.commit for c in changes[3:]} == {both}


def test_unreadable_version_is_no_crash(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "recognized")
    repo.commit("Anerkannt")
    repo.write("registry/networks/om-kassel.yaml", "id: om-kassel\nstatus: recognized\nstatus: x\n")
    repo.commit("Doppelter Schlüssel")
    repo.write("registry/networks/om-kassel.yaml", "id: om-kassel\n\tstatus: [\n")
    repo.commit("Noch kaputter")  # unreadable to unreadable: nothing to report
    repo.network("om-kassel", "recognized")
    repo.commit("Repariert")
    repo.write("registry/networks/big.yaml", "x: " + "a" * (1024 * 1024) + "\n")
    repo.commit("Zu groß")
    assert summary(status_history(str(repo.path))) == [
        ("om-kassel", None, "recognized", "added"),
        ("om-kassel", "recognized", None, "modified"),
        ("om-kassel", None, "recognized", "modified"),
        ("big", None, None, "added"),
    ]


def test_only_network_files_count(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("registry/networks/README.md", "status: recognized\n")
    repo.write("registry/networks/archive/om-alt.yaml", "id: om-alt\nstatus: withdrawn\n")
    repo.write("registry/partners/ihk-kassel.yaml", "id: ihk-kassel\nstatus: active\n")
    repo.commit("Anderes")
    assert status_history(str(repo.path)) == []


# --- merges ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile-config"])
def test_merges_report_only_their_own_changes(tmp_path: Path, hostile: bool) -> None:
    repo = Repo(tmp_path / "repo")
    kassel = {"applied_on": "2024-01-10", "open": "true", "website": "https://a.example"}
    repo.network("om-kassel", "applied", **kassel)
    repo.network("om-fulda", "applied")
    repo.network("om-saar", "applied")
    repo.commit("Anträge")
    # a pull request: the recognition is the side branch's commit, the merge brings it in
    # together with main's new website of the same network (a result unlike either parent's)
    repo.git("checkout", "-q", "-b", "anerkennung")
    repo.network("om-kassel", "recognized", **kassel)
    side = repo.commit("Anerkennung\n\nOM-Action: recognition\nOM-Decision: lk-2024-001\n")
    repo.git("checkout", "-q", "main")
    repo.network("om-fulda", "rejected")
    repo.commit("Ablehnung\n\nOM-Action: rejection\nOM-Decision: lk-2024-002\n")
    repo.network("om-kassel", "applied", **{**kassel, "website": "https://b.example"})
    repo.commit("Neue Website")
    repo.merge("anerkennung", "Merge")
    merge = repo.commit("Merge branch 'anerkennung'", who=SECRETARIAT)
    merged = repo.git("show", f"{merge}:registry/networks/om-kassel.yaml")
    assert "status: recognized" in merged and "https://b.example" in merged
    # an evil merge: a status that neither parent had
    repo.git("checkout", "-q", "-b", "nacharbeit", f"{merge}~1")
    repo.network("om-saar", "applied", applied_on="2024-01-01")  # no status change
    repo.commit("Antragsdatum")
    repo.git("checkout", "-q", "main")
    repo.network("om-kassel", "recognized", recognized_on="2024-03-02")
    main_side = repo.commit("Datum der Anerkennung")
    repo.merge("nacharbeit", "Merge")
    repo.network("om-saar", "recognized", applied_on="2024-01-01")
    evil = repo.commit("Merge branch 'nacharbeit'", who=SECRETARIAT)
    if hostile:
        write_hostile_config()

    changes = status_history(str(repo.path))
    assert summary(changes) == [
        ("om-fulda", None, "applied", "added"),
        ("om-kassel", None, "applied", "added"),
        ("om-saar", None, "applied", "added"),
        ("om-kassel", "applied", "recognized", "modified"),
        ("om-fulda", "applied", "rejected", "modified"),
        ("om-saar", "applied", "recognized", "modified"),
    ]
    assert changes[3].commit == side and changes[3].decisions == ("lk-2024-001",)
    assert merge not in {c.commit for c in changes}
    evil_change = changes[5]
    assert evil_change.commit == evil
    assert evil_change.parents == (main_side, repo.git("rev-parse", "nacharbeit"))
    assert (evil_change.author_name, evil_change.decisions) == ("Geschäftsstelle OM", None)


def test_merge_taking_one_side_of_a_conflict_is_not_a_change(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.git("checkout", "-q", "-b", "ablehnung")
    repo.network("om-kassel", "rejected")
    rejected = repo.commit("Ablehnung")
    repo.git("checkout", "-q", "main")
    repo.network("om-kassel", "recognized")
    recognized = repo.commit("Anerkennung")
    repo.merge("ablehnung", "Merge")  # conflict
    repo.network("om-kassel", "recognized")  # resolved for main's side
    repo.commit("Merge branch 'ablehnung'", who=SECRETARIAT)
    changes = status_history(str(repo.path))
    assert {(c.commit, c.old_status, c.new_status) for c in changes[1:]} == {
        (rejected, "applied", "rejected"),
        (recognized, "applied", "recognized"),
    }
    assert len(changes) == 3


# --- git as it is configured and used -------------------------------------------------------------


def test_mailmap_and_user_configuration_do_not_change_the_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    mallory = ("Mallory", "mallory@evil.example")
    repo.network("om-kassel", "applied")
    repo.commit("Antrag", who=mallory)
    repo.network("om-kassel", "recognized")
    repo.commit("Anerkennung\n\nOM-Action: recognition\nOM-Decision: lk-2024-001\n", who=mallory)
    plain = status_history(str(repo.path), use_cache=False)
    # the mailmap would show Erika for Mallory; the configuration changes everything it can
    repo.write(
        ".mailmap", "Erika Muster <erika.muster@om.example> Mallory <mallory@evil.example>\n"
    )
    repo.commit("Mailmap")
    write_hostile_config()
    assert repo.git("log", "-1", "--format=%aN", "HEAD~1") == "Erika Muster"  # mailmap in force
    assert status_history(str(repo.path), use_cache=False) == plain
    assert (plain[1].author_name, plain[1].author_email) == mallory
    assert (plain[1].committer_name, plain[1].committer_email) == mallory
    assert plain[1].decisions == ("lk-2024-001",)


def test_replacement_objects_do_not_disguise_a_commit(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    real = repo.commit("Anerkennung\n\nOM-Decision: lk-2024-001\n", who=MAX)
    tree, parent = repo.git("rev-parse", f"{real}^{{tree}}"), repo.git("rev-parse", f"{real}~1")
    fake = repo.git("commit-tree", tree, "-p", parent, "-m", "Anerkennung\n\nOM-Decision: lk-x")
    repo.git("replace", real, fake)
    assert repo.git("log", "-1", "--format=%an %(trailers:valueonly)", real).startswith("Erika")
    recognition = status_history(str(repo.path))[-1]
    assert (recognition.commit, recognition.author_name) == (real, "Max Mustermann")
    assert recognition.decisions == ("lk-2024-001",)


@pytest.mark.parametrize("hostile", [False, True], ids=["plain", "hostile-config"])
def test_repository_from_a_subfolder_and_registry_elsewhere(tmp_path: Path, hostile: bool) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("data/om/networks/om-kassel.yaml", "id: om-kassel\nstatus: applied\n")
    repo.commit("Antrag")
    if hostile:
        write_hostile_config()
    assert summary(status_history(str(repo.path), "data/om")) == [
        ("om-kassel", None, "applied", "added")
    ]
    assert len(status_history(str(repo.path / "data"), "om")) == 1
    assert len(status_history(str(repo.path / "data"), str(repo.path / "data" / "om"))) == 1
    with pytest.raises(RegistryError):  # no registry at all: said, not an empty history
        status_history(str(repo.path))
    repo.write("registry/partners/p-1.yaml", "id: p-1\n")
    repo.commit("Partner")
    assert status_history(str(repo.path)) == []  # a registry, no networks yet: empty
    with pytest.raises(UsageError):
        status_history(str(repo.path), "../elsewhere")


def test_fresh_repository_has_no_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo")
    assert status_history(str(repo.path)) == []


def test_shallow_clone_is_refused(lifecycle: tuple[Repo, list[str]], tmp_path: Path) -> None:
    repo, _ = lifecycle
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{repo.path}", str(clone)],
        check=True,
        capture_output=True,
    )
    with pytest.raises(GitError) as raised:
        status_history(str(clone))
    assert "git fetch --unshallow" in raised.value.text("de")


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitError) as raised:
        status_history(str(tmp_path))
    assert raised.value.message.id == "git.not_a_repository"
    with pytest.raises(GitError) as raised:
        status_history(str(tmp_path / "missing"))
    assert raised.value.message.id == "git.no_directory"


def test_git_missing(lifecycle: tuple[Repo, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    repo, _ = lifecycle
    monkeypatch.setenv("PATH", str(repo.path / "no-such-folder"))
    with pytest.raises(GitError) as raised:
        status_history(str(repo.path))
    assert raised.value.text("en") == "git is not installed or not on PATH; install git"


@pytest.mark.parametrize("path", ["child", "no fork", "child fails", "child delivers half"])
def test_versions_read_by_a_child_or_not_give_the_same_history(
    lifecycle: tuple[Repo, list[str]], monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    import om_cli.history
    from om_cli.child import Child

    repo, _ = lifecycle
    expected = status_history(str(repo.path), use_cache=False)
    assert len(expected) == 4
    monkeypatch.setattr(om_cli.history, "FORK_AFTER", 1)  # the child from the first version
    monkeypatch.setattr(om_cli.history, "REQUEST_BATCH", 1)
    started: list[Child | None] = []
    real_start = Child.start

    def start(job: Any, close: Any = ()) -> Child | None:
        started.append(None if path == "no fork" else real_start(job, close))
        return started[-1]

    def fail(reader: Any) -> Any:
        raise RuntimeError("the child fails")

    real_read = om_cli.history._read_versions

    def half(reader: Any) -> Any:
        found = real_read(reader)
        return dict(list(found.items())[: len(found) // 2])

    monkeypatch.setattr(Child, "start", start)
    if path == "child fails":
        monkeypatch.setattr(om_cli.history, "_read_versions", fail)
    elif path == "child delivers half":
        monkeypatch.setattr(om_cli.history, "_read_versions", half)
    assert status_history(str(repo.path), use_cache=False) == expected
    assert len(started) == 1


# --- the cache ----------------------------------------------------------------------------------


def test_cache_gives_the_same_history_and_follows_head(lifecycle: tuple[Repo, list[str]]) -> None:
    repo, commits = lifecycle
    uncached = status_history(str(repo.path), use_cache=False)
    assert status_history(str(repo.path)) == uncached  # writes the cache
    assert status_history(str(repo.path)) == uncached  # reads it
    repo.network("om-kassel", "recognized", applied_on="2024-03-05")
    repo.commit("Anerkennung\n\nOM-Decision: lk-2024-009\n")
    grown = status_history(str(repo.path))
    assert grown == status_history(str(repo.path), use_cache=False)
    assert grown[:-1] == uncached and grown[-1].decisions == ("lk-2024-009",)
    repo.git("reset", "-q", "--hard", commits[3])  # back in time: later commits are dropped
    assert status_history(str(repo.path)) == uncached[:2]
    assert status_history(str(repo.path), "registry", "om-kassel") == uncached[:2]


def test_corrupt_cache_is_ignored(lifecycle: tuple[Repo, list[str]]) -> None:
    repo, _ = lifecycle
    expected = status_history(str(repo.path))
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "om"
    (written,) = (path for path in folder.glob("history-*.json") if "blobs" not in path.name)
    (blobs,) = folder.glob("history-*-blobs.json")
    document = json.loads(written.read_text(encoding="utf-8"))
    document["changes"][0]["old_status"] = 42
    written.write_text(json.dumps(document), encoding="utf-8")
    assert status_history(str(repo.path)) == expected
    written.write_text("{not json", encoding="utf-8")
    assert status_history(str(repo.path)) == expected
    stored = json.loads(blobs.read_text(encoding="utf-8"))
    for broken in ("{not json", json.dumps({**stored, "blobs": {"a": [1, 2]}}),
                   json.dumps({**stored, "blobs": []})):  # fmt: skip
        blobs.write_text(broken, encoding="utf-8")
        written.write_text("{not json", encoding="utf-8")  # so the blobs are read
        assert status_history(str(repo.path)) == expected


# --- the command line ---------------------------------------------------------------------------


def om(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["history", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_text_output_german_and_english(
    lifecycle: tuple[Repo, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, commits = lifecycle
    short = [commit[:10] for commit in commits]
    code, out, err = om(capsys, "--repo", str(repo.path))
    assert (code, err) == (0, "")
    assert out == (
        f"2024-03-02  {short[1]}  Max Mustermann <max@om.example>  — → applied  om-kassel  "
        "ohne Beschluss\n"
        f"2024-03-03  {short[2]}  Geschäftsstelle OM <gs@om.example>  applied → recognized  "
        "om-kassel  lk-2024-001\n"
        f"2024-03-05  {short[4]}  Geschäftsstelle OM <gs@om.example>  recognized → withdrawn  "
        "om-kassel  plenum-2024-001\n"
        f"2024-03-06  {short[5]}  Max Mustermann <max@om.example>  withdrawn → applied  "
        "om-kassel  ohne Beschluss\n"
    )
    code, out, _ = om(capsys, "--repo", str(repo.path), "--lang", "en", "om-kassel")
    assert code == 0
    assert out.splitlines()[0].endswith("— → applied  om-kassel  no decision")


def test_filter_by_network(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "repo")
    repo.network("om-kassel", "applied")
    repo.network("om-fulda", "applied")
    repo.commit("Anträge")
    code, out, _ = om(capsys, "--repo", str(repo.path), "--format", "json", "om-fulda")
    assert code == 0
    assert [change["network"] for change in json.loads(out)] == ["om-fulda"]
    code, out, err = om(capsys, "--repo", str(repo.path), "om-unbekannt")
    assert (code, out) == (0, "")
    assert err == "keine Statusänderungen von om-unbekannt in der Historie\n"


def test_json_shape(lifecycle: tuple[Repo, list[str]], capsys: pytest.CaptureFixture[str]) -> None:
    repo, commits = lifecycle
    code, out, _ = om(capsys, "--repo", str(repo.path), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert isinstance(document, list) and len(document) == 4
    assert document[1] == {
        "network": "om-kassel",
        "path": "registry/networks/om-kassel.yaml",
        "old_path": "registry/networks/om-kassel.yaml",
        "change": "modified",
        "old_status": "applied",
        "new_status": "recognized",
        "commit": commits[2],
        "parents": [commits[1]],
        "author_name": "Geschäftsstelle OM",
        "author_email": "gs@om.example",
        "author_date": "2024-03-03T10:00:00+01:00",
        "committer_name": "Geschäftsstelle OM",
        "committer_email": "gs@om.example",
        "committer_date": "2024-03-03T10:00:00+01:00",
        "actions": ["recognition"],
        "decisions": ["lk-2024-001"],
        "signature": "N",
    }
    assert document[0]["old_path"] is None and document[0]["decisions"] is None


def test_empty_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo = Repo(tmp_path / "repo")
    repo.write("registry/om.yaml", "criteria: om-2012\n")
    repo.commit("Register ohne Netzwerke")
    assert om(capsys, "--repo", str(repo.path), "--format", "json") == (0, "[]\n", "")
    code, out, err = om(capsys, "--repo", str(repo.path), "--lang", "en")
    assert (code, out, err) == (0, "", "no status changes in the history\n")


def test_not_a_repository_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = om(capsys, "--repo", str(tmp_path))
    assert (code, out) == (2, "")
    assert err == (
        f"om: {tmp_path} liegt in keinem Git-Repository; das Repository mit --repo DIR angeben\n"
    )
    code, _, err = om(capsys, "--repo", str(tmp_path), "--lang", "en")
    assert code == 2
    assert (
        err
        == f"om: {tmp_path} is not inside a git repository; name the repository with --repo DIR\n"
    )
    assert "Traceback" not in err


_FAILING_CHILD = """
import sys
import om_cli.history

def fail(reader):
    raise RuntimeError("the child fails")

om_cli.history._read_versions = fail
changes = om_cli.history.status_history(sys.argv[1], use_cache=False)
print(len(changes))
"""


def test_a_child_that_fails_on_a_long_history_is_no_hang(tmp_path: Path) -> None:
    """Enough versions to fill the pipes to and from git: when the child that reads git's
    answers fails, git must end (so sending fails and everything is read here), not wait."""
    from bench.history import build

    build(tmp_path / "repo", 4000, 100, seed=3)  # about 2,800 versions: 110 KB of requests
    expected = status_history(str(tmp_path / "repo"), use_cache=False)
    done = subprocess.run(
        [sys.executable, "-c", _FAILING_CHILD, str(tmp_path / "repo")],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(expected) > 50
