"""`om record meeting|report`: round-trip edits of a network file, validated, committed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.coordinator import AS_OF, check_clean, git, make_repo, om, state

NORDHESSEN = "registry/networks/om-nordhessen.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_repo(tmp_path, monkeypatch)


def changed_lines(repo: Path, path: str, rev: str = "HEAD") -> tuple[list[str], list[str]]:
    diff = git(repo, "diff", rev, "--", path).splitlines()
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def test_meeting_is_appended_keeping_comments_and_style(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / NORDHESSEN).read_text("utf-8")
    code, out, err = om(
        capsys, "record", "meeting", "om-nordhessen", "--date", "2026-11-18",
        "--title", "Netzwerktreffen", "--minutes", "Protokoll NT 2026/4", "--as-of", AS_OF,
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    assert "✓ registry/networks/om-nordhessen.yaml ergänzt" in out
    removed, added = changed_lines(repo, NORDHESSEN)
    assert removed == []
    assert added == [
        "+  - {date: 2026-11-18, title: Netzwerktreffen, minutes: Protokoll NT 2026/4}"
    ]
    after = (repo / NORDHESSEN).read_text("utf-8")
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    check_clean(capsys)


def test_meeting_on_a_branch_then_a_report_on_a_fresh_application(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = om(
        capsys, "apply", "--yes", "--as-of", AS_OF, "--name", "Offensive Mittelstand Fulda",
        "--region", "Fulda", "--goals", "Ziele.", "--approach", "Weg.", "--commitments", "alle",
        "--partner", "hwk-kassel", "--partner", "muster-gmbh",
        "--partner", "dgb-region-nordhessen", "--branch",
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    path = "registry/networks/om-fulda.yaml"
    code, out, err = om(
        capsys, "record", "meeting", "om-fulda", "--date", "2026-11-20", "--branch",
        "--as-of", AS_OF, "--push",
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    assert git(repo, "branch", "--show-current").strip() == "record/om-fulda-2026-11-20"
    remote = git(tmp_path / "origin.git", "rev-parse", "refs/heads/record/om-fulda-2026-11-20")
    assert remote == git(repo, "rev-parse", "HEAD")
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Sitzung eingetragen: om-fulda am 2026-11-20\n")
    assert message.rstrip().endswith("OM-Action: meeting")
    text = (repo / path).read_text("utf-8")
    # the empty `meetings: []` became a block list; the next section's comment stays below
    assert (
        "meetings:\n  - {date: 2026-11-20}\n\n"
        "# Berichte an das Plenum (persönlich durch einen Partner oder schriftlich)\n"
        "plenum_reports: []\n"
    ) in text
    code, out, err = om(
        capsys, "record", "report", "om-fulda", "--plenum", "2026-12-08", "--form", "in_person",
        "--by", "muster-gmbh", "--branch", "--as-of", AS_OF,
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    assert git(repo, "branch", "--show-current").strip() == "record/om-fulda-2026-12-08"
    assert git(repo, "log", "-1", "--format=%B").rstrip().endswith("OM-Action: report")
    assert git(repo, "show", "--name-only", "--format=", "HEAD").split() == [path]
    text = (repo / path).read_text("utf-8")
    assert "plenum_reports:\n  - {plenum: 2026-12-08, form: in_person, by: muster-gmbh}\n" in text
    check_clean(capsys, "om-fulda")


@pytest.mark.parametrize(
    "args,reason",
    [
        (["meeting", "om-atlantis", "--date", "2026-11-01"], "„om-atlantis“ gibt es im Register"),
        (["meeting", "om-nordhessen", "--date", "2026-12-01"], "liegt in der Zukunft"),
        (["meeting", "om-nordhessen", "--date", "2026-13-01"], "„2026-13-01“ ist kein Datum"),
        (["meeting", "om-nordhessen", "--date", "2026-10-14", "--title", "Jahrestreffen"],
         "am 2026-10-14 ist schon eingetragen"),
        (["report", "om-nordhessen", "--plenum", "2026-12-09", "--form", "written"],
         "Plenumssitzung „2026-12-09“ gibt es nicht"),
        (["report", "om-nordhessen", "--plenum", "2026-12-08", "--form", "in_person"],
         "nennt den Partner, der berichtet hat (--by)"),
        (["report", "om-nordhessen", "--plenum", "2026-12-08", "--form", "in_person",
          "--by", "schreinerei-hartmann"], "kein Mitglied von om-nordhessen"),
        (["report", "om-nordhessen", "--plenum", "2026-12-08", "--form", "in_person",
          "--by", "gibt-es-nicht"], "Partner „gibt-es-nicht“ gibt es im Register nicht"),
        (["report", "om-nordhessen", "--plenum", "2026-05-19", "--form", "written"],
         "an das Plenum 2026-05-19 ist schon eingetragen"),
    ],
)  # fmt: skip
def test_invalid_records_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    before = state(repo)
    code, out, err = om(capsys, "record", *args, "--as-of", AS_OF, "--branch")
    assert code == 2, out + err
    assert reason in err and "Traceback" not in err
    assert state(repo) == before


def test_a_network_file_with_local_changes_is_not_committed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    network = repo / NORDHESSEN
    network.write_text(network.read_text("utf-8") + "# eine lokale Notiz\n", "utf-8")
    before = state(repo)
    code, _, err = om(
        capsys, "record", "meeting", "om-nordhessen", "--date", "2026-11-18", "--branch",
        "--as-of", AS_OF,
    )  # fmt: skip
    assert code == 2 and "hat nicht committete Änderungen" in err
    assert state(repo) == before


def test_dry_run_shows_the_diff_and_writes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = state(repo)
    code, out, err = om(
        capsys, "record", "meeting", "om-kassel", "--date", "2026-11-02", "--dry-run",
        "--branch", "--as-of", AS_OF,
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    assert "+  - {date: 2026-11-02}\n" in out and "(--dry-run: nichts wurde geschrieben)" in out
    assert state(repo) == before
