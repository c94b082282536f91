"""`om new partner`: asked for on a real terminal, or from flags and answer files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.coordinator import AS_OF, check_clean, git, make_repo, om, state
from tests.terminal import Terminal


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_repo(tmp_path, monkeypatch)


def test_interactive_partner_with_rejected_answers(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    term = Terminal(["new", "partner", "--as-of", AS_OF, "--branch"], repo)

    def answer(prompt: str, text: str) -> str:
        shown = term.prompt(prompt)
        term.line(text)
        return shown

    answer("Name der Organisation", "Handwerkskammer Kassel")
    answer("Kennung (Dateiname) (handwerkskammer-kassel)", "hwk-kassel")
    assert "die Kennung „hwk-kassel“ ist schon vergeben" in term.prompt("Kennung")
    term.line("hwk-kassel-bildungszentrum")
    answer("Art der Organisation", "Kammer")
    answer("Gruppe", "hwk-kassel")
    answer("unterzeichnet am", "2026-11-26")
    shown = term.prompt("unterzeichnet am")
    assert "2026-11-26 liegt in der Zukunft (heute ist 2026-11-25)" in shown
    assert "Grundsätze der Zusammenarbeit unterzeichnet hat" in shown  # the clause
    term.line("2026-11-25")
    answer("Partnerliste genannt werden?", "vielleicht")
    assert "weder ja noch nein" in term.prompt("Partnerliste genannt werden?")
    term.line("j")
    answer("Website", "https://bildung.hwk-kassel.example.org")
    answer("Region", "Hessen-Nord")
    assert "gibt es nicht in taxonomy/regions.yaml" in term.prompt("Region")
    term.line("Stadt Kassel")
    assert term.finish() == 0, term.output
    assert "partner/hwk-kassel-bildungszentrum" in term.output
    path = repo / "registry/partners/hwk-kassel-bildungszentrum.yaml"
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/partner.schema.json\n")
    for line in ("type: chamber\n", "group: hwk-kassel\n", "status: active\n",
                 "principles_signed_on: 2026-11-25\n", "region: ags-06611\n",
                 "listing_consent: true\n", "# Öffentliche Angaben\n"):  # fmt: skip
        assert line in text
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Neuer Partner: Handwerkskammer Kassel (hwk-kassel-bildungszentrum)")
    assert message.rstrip().endswith("OM-Action: partner")
    check_clean(capsys, "hwk-kassel-bildungszentrum")


def test_answer_file_and_english(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "partner.json"
    answers.write_text(
        json.dumps(
            {
                "name": "Fulda Feinwerk GmbH",
                "type": "company",
                "principles_signed_on": "2026-10-15",
                "listing_consent": False,
                "region": "ags-06631",
            }
        ),
        "utf-8",
    )
    code, out, err = om(
        capsys, "new", "partner", "--from", str(answers), "--yes", "--as-of", AS_OF, "--lang", "en"
    )
    assert (code, err) == (0, ""), out + err
    assert "registry/partners/fulda-feinwerk-gmbh.yaml created" in out
    assert "No findings on the new partner." in out
    check_clean(capsys, "fulda-feinwerk-gmbh")


@pytest.mark.parametrize(
    "extra,reason",
    [
        (["--signed-on", "2030-01-01"], "2030-01-01 liegt in der Zukunft"),
        (["--type", "Zirkus"], "„Zirkus“ ist keine Art von Partner"),
        (["--id", "muster-gmbh"], "die Kennung „muster-gmbh“ ist schon vergeben"),
        (["--website", "ftp://x.example.org"], "keine vollständige Webadresse"),
        (["--region", "Kassel"], "„Kassel“ passt auf mehrere Einträge"),
        (["--group", "Gruppe A"], "„Gruppe A“ ist keine Kennung"),
    ],
)
def test_invalid_answers_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], extra: list[str], reason: str
) -> None:
    before = state(repo)
    args = ["--name", "Neue GmbH", "--type", "company", "--no-listing-consent", *extra]
    code, out, err = om(capsys, "new", "partner", "--yes", "--as-of", AS_OF, *args)
    assert code == 2, out + err
    assert reason in err and "Traceback" not in err
    assert state(repo) == before


def test_branch_outside_a_repository_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from tests.coordinator import ROOT

    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    shutil.copytree(ROOT / "registry", tmp_path / "registry")
    monkeypatch.chdir(tmp_path)
    args = ["--name", "Neue GmbH", "--type", "company", "--no-listing-consent", "--branch"]
    code, _, err = om(capsys, "new", "partner", "--yes", "--as-of", AS_OF, *args)
    assert code == 2 and "--branch braucht ein Git-Repository" in err
    assert not (tmp_path / "registry/partners/neue-gmbh.yaml").exists()
    code, out, err = om(capsys, "new", "partner", "--yes", "--as-of", AS_OF, *args[:-1])
    assert (code, err) == (0, ""), out + err
    assert (tmp_path / "registry/partners/neue-gmbh.yaml").exists()


def test_a_bad_flag_is_explained_and_asked_for_again_on_a_terminal(repo: Path) -> None:
    args = ["new", "partner", "--as-of", AS_OF, "--name", "Neue GmbH", "--type", "Zirkus"]
    term = Terminal([*args, "--signed-on", "2030-01-01", "--no-listing-consent"], repo)
    term.prompt("Kennung (Dateiname) (neue-gmbh)")
    term.line("")
    shown = term.prompt("Art der Organisation")
    assert "„Zirkus“ ist keine Art von Partner" in shown
    term.line("Unternehmen")
    term.prompt("Gruppe")
    term.line("")
    shown = term.prompt("unterzeichnet am")
    assert "2030-01-01 liegt in der Zukunft" in shown
    term.line("")
    term.prompt("Website")
    term.line("")
    term.prompt("Region")
    term.line("")
    assert term.finish() == 0, term.output
    assert "registry/partners/neue-gmbh.yaml angelegt" in term.output
    text = (repo / "registry/partners/neue-gmbh.yaml").read_text("utf-8")
    assert "principles_signed_on" not in text  # left empty: not signed yet


def test_answers_piped_through_stdin(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import subprocess
    import sys

    typed = "Stiftung Gute Arbeit Fulda\n\nStiftung\n\n2026-01-15\nj\n\nFulda\n"
    result = subprocess.run(
        [sys.executable, "-m", "om_cli", "new", "partner", "--as-of", AS_OF],
        input=typed, capture_output=True, text=True, cwd=repo, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    text = (repo / "registry/partners/stiftung-gute-arbeit-fulda.yaml").read_text("utf-8")
    assert "type: foundation\n" in text and "region: ags-06631\n" in text
    assert "principles_signed_on: 2026-01-15\n" in text and "listing_consent: true\n" in text
    check_clean(capsys, "stiftung-gute-arbeit-fulda")
