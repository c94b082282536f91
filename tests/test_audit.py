"""`om audit` and the history rules OM301–OM305 on real git repositories.

Each test builds a repository in `tmp_path` with pinned identities and dates and tampers with
its history the way a careless or hostile contributor would: a status changed without a
decision, a decision edited afterwards, an evil merge, a signature by the wrong person, a
shallow clone, replacement objects. HOME points into `tmp_path`, so no user configuration
plays a part.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_tool

from om_cli.audit import audit
from om_cli.cli import main
from om_cli.errors import UsageError

ERIKA = ("Erika Muster", "erika.muster@om.example")
GS = ("Geschäftsstelle OM", "gs@om.example")


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CONFIG_PARAMETERS"):
        monkeypatch.delenv(name, raising=False)


class Repo:
    """A registry repository committing with pinned identities and one day per commit."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.day = 0
        path.mkdir(parents=True)
        self.git("init", "-q")
        self.git("symbolic-ref", "HEAD", "refs/heads/main")

    def git(self, *args: str, who: tuple[str, str] = ERIKA, date: str | None = None) -> str:
        env = dict(os.environ)
        if date is not None:
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        done = subprocess.run(
            ["git", "-c", f"user.name={who[0]}", "-c", f"user.email={who[1]}", *args],
            cwd=self.path, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    def write(self, name: str, text: str) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.git("add", name)

    def remove(self, name: str) -> None:
        self.git("rm", "-q", name)

    def network(self, stem: str, status: str) -> None:
        self.write(
            f"registry/networks/{stem}.yaml",
            f"id: {stem}\nname: Offensive Mittelstand {stem}\nkind: regional\nstatus: {status}\n",
        )

    def decision(
        self, ident: str, kind: str, body: str, networks: list[str], year: str = "2024"
    ) -> str:
        path = f"registry/decisions/{year}/{ident}.yaml"
        self.write(
            path,
            f"id: {ident}\nbody: {body}\ndate: {year}-03-01\nkind: {kind}\n"
            f"networks: [{', '.join(networks)}]\n",
        )
        return path

    def commit(
        self,
        title: str,
        *,
        decision: str | None = None,
        action: str | None = None,
        who: tuple[str, str] = ERIKA,
        extra: tuple[str, ...] = (),
    ) -> str:
        self.day += 1
        trailers = [f"OM-Action: {action}"] if action else []
        trailers += [f"OM-Decision: {decision}"] if decision else []
        message = title + ("\n\n" + "\n".join(trailers) if trailers else "") + "\n"
        date = f"2024-03-{self.day:02d}T10:00:00+01:00"
        self.git("commit", "-q", "--allow-empty", *extra, "-m", message, who=who, date=date)
        return self.git("rev-parse", "HEAD")


def findings(repo: Repo, **options: str) -> list[tuple[str, str, str]]:
    """(rule, entity, short commit) of every finding, in the audit's order."""
    result = audit(str(repo.path), "registry", use_cache=False, **options)
    return [(f.rule, f.entity, (f.commit or "")[:10]) for f in result.findings]


def recognized(repo: Repo, stem: str = "om-kassel") -> tuple[str, str]:
    """An application, then its recognition the way `om decide` records it."""
    repo.write("README.md", "Register\n")
    repo.network(stem, "applied")
    applied = repo.commit(f"Antrag: {stem}", action="application")
    repo.network(stem, "recognized")
    repo.decision(f"lk-2024-anerkennung-{stem}", "recognition", "leitungskreis", [stem])
    done = repo.commit(
        f"Anerkennung: {stem}",
        action="recognition",
        decision=f"lk-2024-anerkennung-{stem}",
        who=GS,
    )
    return applied, done


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


# --- a clean history ---------------------------------------------------------------------------


def test_a_clean_lifecycle_has_no_findings(repo: Repo) -> None:
    recognized(repo)
    repo.network("om-kassel", "withdrawn")
    repo.decision("pl-2024-entzug-om-kassel", "withdrawal", "plenum", ["om-kassel"])
    repo.commit("Entzug", action="withdrawal", decision="pl-2024-entzug-om-kassel", who=GS)
    repo.network("om-kassel", "applied")
    repo.commit("Neuer Antrag: om-kassel", action="application")
    repo.network("om-nordhessen", "applied")
    repo.commit("Antrag: om-nordhessen")
    repo.network("om-nordhessen", "rejected")
    repo.decision("lk-2024-ablehnung", "rejection", "leitungskreis", ["om-nordhessen"])
    repo.commit("Ablehnung", action="rejection", decision="lk-2024-ablehnung", who=GS)
    result = audit(str(repo.path), "registry", use_cache=False)
    assert result.findings == []
    assert result.commits == 6


def test_an_empty_repository_has_nothing_to_audit(repo: Repo) -> None:
    assert audit(str(repo.path), "registry").findings == []


# --- OM301 ---------------------------------------------------------------------------------------


def test_a_network_added_as_recognized_skips_the_application(repo: Repo) -> None:
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    commit = repo.commit("Import", action="recognition", decision="lk-1")
    assert findings(repo) == [("OM301", "networks/om-kassel", commit[:10])]


def test_steps_the_lifecycle_does_not_know(repo: Repo) -> None:
    recognized(repo)
    repo.network("om-kassel", "applied")
    back = repo.commit("zurück auf Antrag")
    repo.network("om-kassel", "paused")
    paused = repo.commit("pausiert")
    assert findings(repo) == [
        ("OM301", "networks/om-kassel", back[:10]),
        ("OM301", "networks/om-kassel", paused[:10]),
    ]


def test_applied_straight_to_withdrawn_needs_recognition_first(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "withdrawn")
    repo.decision("pl-1", "withdrawal", "plenum", ["om-kassel"])
    commit = repo.commit("Entzug", action="withdrawal", decision="pl-1")
    assert findings(repo) == [("OM301", "networks/om-kassel", commit[:10])]


def test_deleting_a_network_file_is_reported(repo: Repo) -> None:
    recognized(repo)
    repo.remove("registry/networks/om-kassel.yaml")
    commit = repo.commit("aufgeräumt")
    assert findings(repo) == [("OM301", "networks/om-kassel", commit[:10])]


def test_a_broken_version_cannot_launder_a_skipped_step(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.write("registry/networks/om-kassel.yaml", "id: om-kassel\nstatus: [unclosed\n")
    broken = repo.commit("kaputt")
    repo.network("om-kassel", "withdrawn")
    fixed = repo.commit("repariert")
    rules = findings(repo)
    assert ("OM301", "networks/om-kassel", broken[:10]) in rules
    assert ("OM301", "networks/om-kassel", fixed[:10]) in rules
    assert ("OM302", "networks/om-kassel", fixed[:10]) in rules


def test_a_rename_with_the_same_id_is_no_status_change(repo: Repo) -> None:
    recognized(repo)
    repo.git("mv", "registry/networks/om-kassel.yaml", "registry/networks/om-kassel-neu.yaml")
    repo.commit("umbenannt")
    assert findings(repo) == []


# --- OM302 ---------------------------------------------------------------------------------------


def test_a_status_change_without_a_trailer(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    commit = repo.commit("Anerkennung, Trailer vergessen")
    assert findings(repo) == [("OM302", "networks/om-kassel", commit[:10])]


@pytest.mark.parametrize(
    ("kind", "body", "networks", "message"),
    [
        ("rejection", "leitungskreis", ["om-kassel"], "ist rejection durch leitungskreis"),
        ("recognition", "plenum", ["om-kassel"], "ist recognition durch plenum"),
        ("recognition", "leitungskreis", ["om-nordhessen"], "nennt das Netzwerk om-kassel nicht"),
    ],
)
def test_the_decision_must_fit_kind_body_and_network(
    repo: Repo, kind: str, body: str, networks: list[str], message: str
) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", kind, body, networks)
    commit = repo.commit("Anerkennung", action="recognition", decision="lk-1")
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.commit) for f in result.findings] == [("OM302", commit)]
    assert message in result.findings[0].message.text("de")


def test_the_decision_must_exist_in_that_commit_not_later(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    early = repo.commit("Anerkennung", action="recognition", decision="lk-1")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Beschluss nachgetragen")
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.commit) for f in result.findings] == [("OM302", early)]
    assert result.findings[0].message.text("en") == (
        f"commit {early[:10]} names decision lk-1 in its 'OM-Decision' trailer, which does not "
        "exist in that commit"
    )


def test_a_decision_recorded_in_an_earlier_commit_counts(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Antrag und Beschluss")
    repo.network("om-kassel", "recognized")
    repo.commit("Anerkennung", action="recognition", decision="lk-1")
    assert findings(repo) == []


def test_one_of_several_trailers_must_fit(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Anerkennung\n\nOM-Decision: lk-0", action="recognition", decision="lk-1")
    assert findings(repo) == []


def test_hostile_trailer_values_are_just_unknown_decisions(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    commit = repo.commit(
        "Anerkennung\n\nOM-Action: recognition\nOM-Decision: ../../../etc/passwd\n"
        "OM-Decision: HEAD:registry/om.yaml\nOM-Decision: \u202eevil\nOM-Decision: lk-1 extra"
    )
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.commit) for f in result.findings] == [("OM302", commit)]
    assert "\u202e" not in result.findings[0].message.text("de")


def test_hostile_paths_reach_git_safely(repo: Repo) -> None:
    """Non-ASCII and very long paths go to `git cat-file --batch` as they are: no crash, and
    no hang however long the names and however large the answers."""
    deep = "/".join(["sehr-tief-verschachtelter-ordner-" + "ä" * 20] * 6)
    repo.network("öm-kässel", "applied")
    repo.commit("Antrag")
    repo.network("öm-kässel", "recognized")
    trailers = []
    for n in range(140):
        ident = f"lk-{n:03d}"
        repo.write(
            f"registry/decisions/{deep}/{ident}.yaml",
            f"id: {ident}\nbody: leitungskreis\nkind: waiver\ndate: 2024-01-01\n"
            f"summary: {'x' * 60_000}\n",
        )
        trailers.append(f"OM-Decision: {ident}")
    commit = repo.commit("Anerkennung\n\nOM-Action: recognition\n" + "\n".join(trailers))
    done = subprocess.run(
        [sys.executable, "-m", "om_cli", "audit", "--format", "json", "--lang", "en"],
        cwd=repo.path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    (finding,) = json.loads(done.stdout)["findings"]
    assert (finding["rule"], finding["entity"], finding["commit"]) == (
        "OM302", "networks/öm-kässel", commit
    )  # fmt: skip
    assert "waiver" in finding["message"]
    assert (finding["line"], finding["column"]) == (4, 9)


def test_without_required_trailers_a_matching_decision_still_must_exist(repo: Repo) -> None:
    repo.write("registry/om.yaml", "audit:\n  require_trailers: false\n")
    repo.network("om-kassel", "applied")
    repo.network("om-nordhessen", "applied")
    repo.commit("Anträge")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Anerkennung ohne Trailer")
    repo.network("om-nordhessen", "recognized")
    missing = repo.commit("Anerkennung ohne Beschluss")
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.entity, f.commit) for f in result.findings] == [
        ("OM302", "networks/om-nordhessen", missing)
    ]
    assert "keinen Beschluss recognition" in result.findings[0].message.text("de")


def test_the_policy_comes_from_the_first_parent_not_the_commit_itself(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.write("registry/om.yaml", "audit:\n  require_trailers: false\nrules:\n  OM302:\n"
               "    severity: off\n")  # fmt: skip
    repo.network("om-kassel", "recognized")
    commit = repo.commit("Anerkennung und die Regel gleich mit abgeschaltet")
    assert findings(repo) == [("OM302", "networks/om-kassel", commit[:10])]
    repo.network("om-kassel", "withdrawn")
    repo.commit("Entzug, nun ohne Regel")
    assert findings(repo) == [("OM302", "networks/om-kassel", commit[:10])]


# --- merges ------------------------------------------------------------------------------------


def test_an_evil_merge_cannot_hide_a_status_change(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.git("checkout", "-q", "-b", "seite")
    repo.write("README.md", "Seitenzweig\n")
    repo.commit("harmlos")
    repo.git("checkout", "-q", "main")
    repo.write("NOTES.md", "main\n")
    repo.commit("auch harmlos")
    repo.git("merge", "--no-ff", "--no-commit", "-q", "seite", who=GS)
    repo.network("om-kassel", "recognized")
    merge = repo.commit("Merge branch 'seite'")
    assert len(repo.git("show", "-s", "--format=%P", merge).split()) == 2
    assert findings(repo) == [("OM302", "networks/om-kassel", merge[:10])]


def test_a_merge_bringing_in_a_recorded_decision_is_fine(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.git("checkout", "-q", "-b", "anerkennung")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Anerkennung", action="recognition", decision="lk-1", who=GS)
    repo.git("checkout", "-q", "main")
    repo.write("NOTES.md", "main\n")
    repo.commit("harmlos")
    repo.git("merge", "--no-ff", "-q", "-m", "Merge", "anerkennung", who=GS)
    assert findings(repo) == []


# --- OM303 ---------------------------------------------------------------------------------------


def test_decisions_are_never_modified_or_deleted(repo: Repo) -> None:
    recognized(repo)
    path = "registry/decisions/2024/lk-2024-anerkennung-om-kassel.yaml"
    text = (repo.path / path).read_text("utf-8")
    repo.write(path, text.replace("date: 2024-03-01", "date: 2024-02-01"))
    modified = repo.commit("Datum korrigiert")
    repo.remove(path)
    deleted = repo.commit("weg damit")
    entity = "decisions/lk-2024-anerkennung-om-kassel"
    assert findings(repo) == [("OM303", entity, modified[:10]), ("OM303", entity, deleted[:10])]


def test_a_move_into_the_right_year_folder_is_allowed(repo: Repo) -> None:
    text = "id: lk-1\nbody: leitungskreis\ndate: 2024-03-01\nkind: waiver\n"
    repo.write("registry/decisions/2023/lk-1.yaml", text)
    repo.commit("Beschluss im falschen Ordner")
    (repo.path / "registry/decisions/2024").mkdir()
    repo.git("mv", "registry/decisions/2023/lk-1.yaml", "registry/decisions/2024/lk-1.yaml")
    repo.commit("in den richtigen Ordner")
    (repo.path / "registry/decisions/2025").mkdir()
    repo.git("mv", "registry/decisions/2024/lk-1.yaml", "registry/decisions/2025/lk-1.yaml")
    moved = repo.commit("in einen falschen Ordner")
    repo.git("update-index", "--chmod=+x", "registry/decisions/2025/lk-1.yaml")
    repo.commit("nur der Modus")
    assert findings(repo) == [("OM303", "decisions/lk-1", moved[:10])]


def test_a_rename_inside_the_year_folder_is_a_modification(repo: Repo) -> None:
    recognized(repo)
    repo.network("om-nordhessen", "applied")
    repo.commit("Antrag: om-nordhessen")
    old = "registry/decisions/2024/lk-2024-anerkennung-om-kassel.yaml"
    repo.git("mv", old, "registry/decisions/2024/lk-alt.yaml")
    renamed = repo.commit("Ordnung")
    # the freed name now holds another decision, which a recognition leans on
    repo.decision("lk-2024-anerkennung-om-kassel", "recognition", "leitungskreis",
                  ["om-kassel", "om-nordhessen"])  # fmt: skip
    repo.commit("Beschluss")
    repo.network("om-nordhessen", "recognized")
    repo.commit("Anerkennung", action="recognition", decision="lk-2024-anerkennung-om-kassel")
    assert findings(repo) == [("OM303", "decisions/lk-2024-anerkennung-om-kassel", renamed[:10])]


def test_an_evil_merge_editing_a_decision_is_reported(repo: Repo) -> None:
    path = repo.decision("lk-1", "waiver", "leitungskreis", [])
    repo.commit("Beschluss")
    repo.git("checkout", "-q", "-b", "seite")
    repo.write("README.md", "Seitenzweig\n")
    repo.commit("harmlos")
    repo.git("checkout", "-q", "main")
    repo.write("NOTES.md", "main\n")
    repo.commit("auch harmlos")
    repo.git("merge", "--no-ff", "--no-commit", "-q", "seite", who=GS)
    repo.write(path, (repo.path / path).read_text("utf-8") + "summary: nachträglich\n")
    merge = repo.commit("Merge branch 'seite'")
    assert findings(repo) == [("OM303", "decisions/lk-1", merge[:10])]


# --- OM304 ---------------------------------------------------------------------------------------


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    keygen = require_tool("ssh-keygen")
    made = {}
    for name in ("gs", "other"):
        key = tmp_path / f"key-{name}"
        subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
        made[name] = key
    return made


def signed_repo(repo: Repo, keys: dict[str, Path]) -> None:
    """om.yaml requires signatures; the allowed-signers file lists the secretariat's key."""
    public = (keys["gs"].with_suffix(".pub")).read_text("utf-8").strip()
    repo.write(".om/allowed_signers", f"gs@om.example {public}\n")
    repo.write("registry/om.yaml", "audit:\n  allowed_signers: .om/allowed_signers\n")
    repo.network("om-kassel", "applied")
    repo.network("om-nordhessen", "applied")
    repo.network("om-thueringen", "applied")
    repo.network("om-saarland", "applied")
    repo.commit("Anträge (unsigniert, Anträge brauchen keine Signatur)")
    repo.git("config", "gpg.format", "ssh")


def recognise(repo: Repo, stem: str, key: Path, who: tuple[str, str] = GS) -> str:
    repo.network(stem, "recognized")
    repo.decision(f"lk-{stem}", "recognition", "leitungskreis", [stem])
    return repo.commit(
        f"Anerkennung {stem}", action="recognition", decision=f"lk-{stem}", who=who,
        extra=("-S", f"--gpg-sign={key}") if key.name else (),
    )  # fmt: skip


def test_signatures_by_the_committer_from_the_allowed_list(
    repo: Repo, keys: dict[str, Path]
) -> None:
    signed_repo(repo, keys)
    recognise(repo, "om-kassel", keys["gs"])
    foreign = recognise(repo, "om-nordhessen", keys["other"])
    impostor = recognise(repo, "om-thueringen", keys["gs"], who=ERIKA)
    unsigned = recognise(repo, "om-saarland", Path(""))
    result = audit(str(repo.path), "registry", use_cache=False)
    got = [(f.rule, f.entity, f.commit) for f in result.findings]
    assert got == [
        ("OM304", "networks/om-nordhessen", foreign),
        ("OM304", "networks/om-saarland", unsigned),
        ("OM304", "networks/om-thueringen", impostor),
    ]
    texts = [f.message.text("en") for f in result.findings]
    assert "bad or its key is not listed" in texts[0]
    assert "is not signed" in texts[1]
    assert "signed with the key of gs@om.example but committed by erika" in texts[2]


def test_a_commit_cannot_vouch_for_itself_by_editing_the_list(
    repo: Repo, keys: dict[str, Path]
) -> None:
    signed_repo(repo, keys)
    public = (keys["other"].with_suffix(".pub")).read_text("utf-8").strip()
    repo.write(".om/allowed_signers", f"erika.muster@om.example {public}\n")
    sneaky = recognise(repo, "om-kassel", keys["other"], who=ERIKA)
    assert findings(repo) == [
        ("OM304", "networks/om-kassel", sneaky[:10]),
        ("OM304", "om.yaml", sneaky[:10]),  # the list itself changed without a good signature
    ]
    # once the list is in the parent, the same key counts
    later = recognise(repo, "om-nordhessen", keys["other"], who=ERIKA)
    assert later[:10] not in {commit for _, _, commit in findings(repo)}


def test_only_the_list_in_the_history_counts_not_the_users_own(
    repo: Repo, keys: dict[str, Path]
) -> None:
    signed_repo(repo, keys)
    repo.git("config", "gpg.format", "ssh")
    commit = recognise(repo, "om-kassel", keys["gs"])
    # the user's own configuration trusts nothing else: only the file in the history does
    public = (keys["gs"].with_suffix(".pub")).read_text("utf-8").strip()
    (repo.path.parent / "mine").write_text(f"gs@om.example {public}\n", encoding="utf-8")
    repo.git("config", "gpg.ssh.allowedSignersFile", str(repo.path.parent / "mine"))
    repo.write(".om/allowed_signers", "# leer\n")
    cleared = repo.commit("Liste geleert")
    repo.network("om-kassel", "withdrawn")
    repo.decision("pl-1", "withdrawal", "plenum", ["om-kassel"])
    withdrawn = repo.commit("Entzug", action="withdrawal", decision="pl-1", who=GS, extra=("-S",
                            f"--gpg-sign={keys['gs']}"))  # fmt: skip
    assert findings(repo) == [
        ("OM304", "networks/om-kassel", withdrawn[:10]),
        ("OM304", "om.yaml", cleared[:10]),
    ]
    assert commit[:10] not in {found for _, _, found in findings(repo)}


# --- OM305 ---------------------------------------------------------------------------------------


def test_a_shallow_clone_is_refused(repo: Repo, tmp_path: Path) -> None:
    recognized(repo)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone)], check=True
    )
    result = audit(str(clone), "registry", use_cache=False)
    assert [(f.rule, f.entity) for f in result.findings] == [("OM305", "history")]
    assert "git fetch --unshallow" in result.findings[0].message.text("de")


def test_replacement_objects_are_refused(repo: Repo) -> None:
    applied, done = recognized(repo)
    repo.git("replace", done, applied)
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.entity) for f in result.findings] == [("OM305", "history")]
    assert "refs/replace/" in result.findings[0].message.text("en")


def test_grafts_are_refused(repo: Repo) -> None:
    _, done = recognized(repo)
    (repo.path / ".git" / "info").mkdir(exist_ok=True)
    (repo.path / ".git" / "info" / "grafts").write_text(f"{done}\n", encoding="utf-8")
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.entity, f.commit) for f in result.findings] == [("OM305", "history", None)]
    assert "grafts" in result.findings[0].message.text("en")
    (repo.path / ".git" / "info" / "grafts").unlink()
    assert audit(str(repo.path), "registry", use_cache=False).findings == []


# --- --since, the command line -------------------------------------------------------------------


def test_since_judges_only_later_commits(repo: Repo) -> None:
    repo.network("om-kassel", "recognized")
    imported = repo.commit("Übernahme des bestehenden Registers")
    assert [rule for rule, _, _ in findings(repo)] == ["OM301", "OM302"]
    assert findings(repo, since=imported) == []
    repo.network("om-kassel", "withdrawn")
    later = repo.commit("Entzug ohne Beschluss")
    assert findings(repo, since=imported) == [("OM302", "networks/om-kassel", later[:10])]


def test_an_unknown_since_is_a_usage_error(repo: Repo) -> None:
    recognized(repo)
    with pytest.raises(UsageError):
        audit(str(repo.path), "registry", since="no-such-rev")
    with pytest.raises(UsageError):
        audit(str(repo.path), "registry", since="--output=/tmp/x")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["audit", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_command_line_text_json_and_exit_codes(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recognized(repo)
    monkeypatch.chdir(repo.path)
    code, out, _ = run(capsys)
    assert code == 0 and "0 Fehler, 0 Warnungen, 0 Hinweise in 2 Commits" in out
    repo.network("om-kassel", "withdrawn")
    commit = repo.commit("Entzug ohne Beschluss")
    code, out, _ = run(capsys, "--lang", "en")
    assert code == 1
    assert "registry/networks/om-kassel.yaml" in out
    assert f"4:9      error    OM302  commit {commit[:10]} changes the status" in out
    assert "1 error, 0 warnings, 0 notices in 3 commits" in out
    code, out, _ = run(capsys, "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["summary"]["commits"] == 3
    (finding,) = report["findings"]
    assert finding["commit"] == commit and finding["entity"] == "networks/om-kassel"
    assert (finding["rule"], finding["pointer"], finding["line"]) == ("OM302", "/status", 4)
    code, _, err = run(capsys, "--since", "nope")
    assert code == 2 and "nope" in err and "Traceback" not in err


def test_a_registry_that_is_not_there_exits_2(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    recognized(repo)
    repo.network("om-kassel", "withdrawn")
    repo.commit("Entzug ohne Beschluss")
    monkeypatch.chdir(repo.path)
    assert run(capsys, "--no-cache")[0] == 1
    head = repo.git("rev-parse", "HEAD")[:12]
    for where, args, shown in (
        (repo.path, ["--registry", "regsitry"], "regsitry"),  # a typo
        (repo.path / "registry", [], "registry/registry"),  # relative to --repo, not the top
        (repo.path, ["--registry", "regsitry", "--since", "HEAD~1"], "regsitry"),  # a range
    ):
        monkeypatch.chdir(where)
        code, out, err = run(capsys, "--no-cache", "--lang", "en", *args)
        assert (code, out) == (2, "") and err == f"om: commit {head} has no registry at {shown}\n"


def test_not_a_repository_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--repo", str(tmp_path))
    assert code == 2 and "Git-Repository" in err


def test_a_range_finds_decisions_recorded_before_it(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    start = repo.commit("Antrag und Beschluss")
    repo.network("om-kassel", "recognized")
    repo.commit("Anerkennung", action="recognition", decision="lk-1")
    repo.network("om-kassel", "withdrawn")
    repo.decision("pl-1", "withdrawal", "leitungskreis", ["om-kassel"])
    wrong = repo.commit("Entzug durch das falsche Gremium", action="withdrawal", decision="pl-1")
    assert findings(repo, since=start) == [("OM302", "networks/om-kassel", wrong[:10])]
    assert findings(repo) == findings(repo, since=start)


def test_trust_from_reads_the_policy_of_that_commit(repo: Repo) -> None:
    repo.write("registry/om.yaml", "audit:\n  require_trailers: false\n")
    repo.network("om-kassel", "applied")
    lenient = repo.commit("Antrag, Trailer nicht verlangt")
    repo.write("registry/om.yaml", "audit:\n  require_trailers: true\n")
    repo.commit("Trailer verlangt")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    commit = repo.commit("Anerkennung ohne Trailer")
    assert findings(repo) == [("OM302", "networks/om-kassel", commit[:10])]
    assert findings(repo, since=lenient, trust_from=lenient) == []


# --- the cache ---------------------------------------------------------------------------------


def test_the_cache_gives_the_same_findings_and_follows_head(repo: Repo) -> None:
    recognized(repo)
    path = "registry/decisions/2024/lk-2024-anerkennung-om-kassel.yaml"
    repo.write(path, (repo.path / path).read_text("utf-8") + "summary: geändert\n")
    repo.commit("Beschluss geändert")
    cold = audit(str(repo.path), "registry", use_cache=False).findings
    assert [f.rule for f in cold] == ["OM303"]
    assert audit(str(repo.path), "registry").findings == cold  # fills the cache
    assert audit(str(repo.path), "registry").findings == cold  # reads it
    repo.network("om-kassel", "withdrawn")
    repo.commit("Entzug ohne Beschluss")
    grown = audit(str(repo.path), "registry").findings
    assert grown == audit(str(repo.path), "registry", use_cache=False).findings
    assert [f.rule for f in grown] == ["OM303", "OM302"]
    repo.git("reset", "-q", "--hard", "HEAD~2")  # history rewritten: cached commits go away
    assert audit(str(repo.path), "registry").findings == []


def test_a_corrupt_cache_is_ignored(repo: Repo) -> None:
    recognized(repo)
    repo.network("om-kassel", "withdrawn")
    repo.commit("Entzug ohne Beschluss")
    expected = audit(str(repo.path), "registry", use_cache=False).findings
    audit(str(repo.path), "registry")
    caches = list((Path(os.environ["XDG_CACHE_HOME"]) / "om").glob("audit-*.json"))
    assert len(caches) == 1
    stored = json.loads(caches[0].read_text("utf-8"))
    for broken in (
        "{not json",
        json.dumps({**stored, "commits": [["x", "not a list", []]]}),
        json.dumps({**stored, "decisions": {"a": [1, 2, 3, 4, 5]}}),
        json.dumps({**stored, "order": {"a": 1}}),
    ):
        caches[0].write_text(broken, encoding="utf-8")
        assert audit(str(repo.path), "registry").findings == expected


# --- what no single commit shows -------------------------------------------------------------


def test_an_ours_merge_dropping_a_decision_is_reported(repo: Repo) -> None:
    recognized(repo)
    repo.git("checkout", "-q", "-b", "entzug")
    repo.network("om-kassel", "withdrawn")
    repo.decision("pl-1", "withdrawal", "plenum", ["om-kassel"])
    added = repo.commit("Entzug", action="withdrawal", decision="pl-1", who=GS)
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "-s", "ours", "-m", "Merge, der den Entzug fallen lässt", "entzug")
    head = repo.git("rev-parse", "HEAD")
    result = audit(str(repo.path), "registry", use_cache=False)
    assert [(f.rule, f.entity, f.commit) for f in result.findings] == [
        ("OM303", "decisions/pl-1", head)
    ]
    assert added[:10] in result.findings[0].message.text("en")


def test_a_rename_with_a_status_change_in_one_commit(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.git("rm", "-q", "registry/networks/om-kassel.yaml")
    repo.write(
        "registry/networks/om-kassel-neu.yaml",
        "id: om-kassel\nname: Offensive Mittelstand Kassel\nkind: regional\nstatus: recognized\n",
    )
    commit = repo.commit("umbenannt und anerkannt")
    assert findings(repo) == [("OM302", "networks/om-kassel-neu", commit[:10])]


def test_since_need_not_be_an_ancestor(repo: Repo) -> None:
    recognized(repo)
    repo.git("checkout", "-q", "-b", "seite", "HEAD~1")
    repo.write("NOTES.md", "Seitenzweig\n")
    side = repo.commit("Seitenzweig")
    repo.git("checkout", "-q", "main")
    # the commits of main not reachable from the side branch: the recognition
    result = audit(str(repo.path), "registry", since=side, use_cache=False)
    assert result.findings == [] and result.commits == 1


def test_a_branch_behind_since_did_not_drop_what_since_gained(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.network("om-nordhessen", "applied")
    repo.write("registry/decisions/2024/lk-0.yaml", "id: lk-0\n")
    repo.commit("Anträge")
    repo.git("checkout", "-q", "-b", "pr")
    repo.network("om-nordhessen", "rejected")
    repo.decision("lk-2", "rejection", "leitungskreis", ["om-nordhessen"])
    repo.commit("Ablehnung", action="rejection", decision="lk-2", who=GS)
    repo.git("checkout", "-q", "main")
    repo.network("om-kassel", "recognized")
    repo.decision("lk-1", "recognition", "leitungskreis", ["om-kassel"])
    repo.commit("Anerkennung", action="recognition", decision="lk-1", who=GS)
    base = repo.git("rev-parse", "HEAD")
    repo.git("checkout", "-q", "pr")
    # main's new decision was never on the branch: nothing was dropped
    result = audit(str(repo.path), "registry", since=base, use_cache=False)
    assert result.findings == [] and result.commits == 1
    # what the branch had where it left main must still be there
    repo.remove("registry/decisions/2024/lk-0.yaml")
    dropped = repo.commit("weg damit")
    assert findings(repo, since=base) == [("OM303", "decisions/lk-0", dropped[:10])]
    # once main is merged (here keeping the branch's tree), main's decisions must be there too
    repo.git("merge", "-q", "-s", "ours", "-m", "Merge", "main")
    head = repo.git("rev-parse", "HEAD")
    assert findings(repo, since=base) == [
        ("OM303", "decisions/lk-0", dropped[:10]),
        ("OM303", "decisions/lk-1", head[:10]),
    ]


def test_a_policy_change_needs_an_allowed_signature(repo: Repo, keys: dict[str, Path]) -> None:
    signers = "audit:\n  allowed_signers: .om/allowed_signers\n"
    signed_repo(repo, keys)
    repo.write("registry/om.yaml", signers + "rules:\n  OM304:\n    severity: off\n")
    off = repo.commit("OM304 abgeschaltet (unsigniert)")
    repo.write("registry/om.yaml", signers)
    repo.commit("wieder eingeschaltet (unter OM304: off nicht geprüft)")
    repo.write("registry/om.yaml", "audit:\n\tallowed_signers: x\n")  # a tab: unreadable
    broken = repo.commit("om.yaml kaputt (unsigniert)")
    repo.write("registry/om.yaml", signers)
    repo.commit("repariert (unter den Standardregeln ohne Liste nicht geprüft)")
    repo.write("registry/om.yaml", signers + "  require_trailers: false\n")
    repo.commit(
        "Trailer nicht mehr verlangt, signiert", who=GS, extra=("-S", f"--gpg-sign={keys['gs']}")
    )
    repo.write("registry/om.yaml", signers + "  require_trailers: false\nwaivers: []\n")
    repo.commit("keine Änderung der Prüfregeln (unsigniert)")
    # the signed change and the one that leaves the policy as it was are not reported
    assert findings(repo) == [("OM304", "om.yaml", off[:10]), ("OM304", "om.yaml", broken[:10])]


def test_signature_verdicts_are_cached_and_give_the_same_findings(
    repo: Repo, keys: dict[str, Path]
) -> None:
    signed_repo(repo, keys)
    recognise(repo, "om-kassel", keys["gs"])
    recognise(repo, "om-nordhessen", keys["other"])
    cold = audit(str(repo.path), "registry", use_cache=False).findings
    assert [f.entity for f in cold] == ["networks/om-nordhessen"]
    assert audit(str(repo.path), "registry").findings == cold
    caches = list((Path(os.environ["XDG_CACHE_HOME"]) / "om").glob("audit-*.json"))
    stored = json.loads(caches[0].read_text("utf-8"))
    assert len(stored["verdicts"]) == 2
    assert audit(str(repo.path), "registry").findings == cold


def test_ci_formats_carry_the_commit(
    repo: Repo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`om audit --format sarif|github|junit`: the same findings as CI reads them; the SARIF
    output is valid against the official SARIF 2.1.0 schema."""
    import jsonschema

    recognized(repo)
    repo.network("om-kassel", "withdrawn")
    commit = repo.commit("Entzug ohne Beschluss")
    monkeypatch.chdir(repo.path)
    code, out, _ = run(capsys, "--format", "sarif", "--lang", "en")
    assert code == 1
    document = json.loads(out)
    schema_file = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
    schema = json.loads(schema_file.read_text("utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(document)
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "OM302" and commit in json.dumps(result)
    rules = [rule["id"] for rule in document["runs"][0]["tool"]["driver"]["rules"]]
    assert {"OM301", "OM302", "OM303", "OM304", "OM305"} <= set(rules)
    code, out, _ = run(capsys, "--format", "github")
    assert code == 1 and out.startswith("::error file=registry/networks/om-kassel.yaml,line=4,")
    code, out, _ = run(capsys, "--format", "junit")
    assert code == 1 and "OM302" in out and commit[:10] in out


def test_a_status_value_is_shown_bounded_and_an_unreadable_one_as_none(repo: Repo) -> None:
    repo.network("om-kassel", "applied")
    repo.commit("Antrag")
    repo.network("om-kassel", "anerkannt-" * 30)  # a file's own value: shown cut short
    long = repo.commit("langer Status")
    repo.network("om-kassel", "\u202eanerkannt")  # the loader refuses bidi characters
    bidi = repo.commit("seltsamer Status")
    found = {f.commit: f.message.text("en") for f in audit(str(repo.path), "registry").findings}
    assert "anerkannt-" * 3 in found[long] and "anerkannt-" * 30 not in found[long]
    assert "→ —;" in found[bidi] and "\u202e" not in found[bidi]
