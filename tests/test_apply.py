"""`om apply`: an application asked for on a real terminal, from answer files and flags.

Interactive runs start `python -m om_cli` on a pseudo-terminal and answer its prompts; nothing
is mocked. Every rejected answer must say why (and name the clause); the written files must
pass `om check`; `--branch` must leave exactly one commit on `antrag/<id>`; `--push` must reach
a real bare repository.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.coordinator import AS_OF, check_clean, git, make_repo, om, state
from tests.terminal import Terminal

NETWORK = "registry/networks/om-region-fulda.yaml"
ANSWERS = {
    "name": "Offensive Mittelstand Region Fulda",
    "kind": "regional",
    "regions": ["Kreis Fulda", "06535"],
    "goals": "Betriebe in Osthessen für gute Arbeit gewinnen.",
    "approach": "Zwei Netzwerktreffen im Jahr und Sprechstunden zum INQA-Unternehmenscheck.",
    "applied_on": "2026-11-02",
    "partners": ["hwk-kassel", "muster-gmbh", "dgb-region-nordhessen"],
    "coordinator": "hwk-kassel",
    "commitments": "alle",
    "open": True,
    "instruments": ["A-1.4"],
    "website": "https://www.om-fulda.example.org",
    "partner_logo": True,
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return make_repo(tmp_path, monkeypatch)


def terminal(repo: Path, *args: str) -> Terminal:
    return Terminal(["apply", "--registry", "registry", "--as-of", AS_OF, *args], repo)


def answer(term: Terminal, prompt: str, text: str) -> str:
    """Wait for `prompt`, type `text`; what the terminal showed up to the prompt."""
    shown = term.prompt(prompt)
    term.line(text)
    return shown


def test_interactive_application_rejects_bad_answers_and_writes_a_valid_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    term = terminal(repo, "--branch")
    answer(term, "Name des Netzwerks", "Offensive Mittelstand Region Fulda")
    answer(term, "Kennung (Dateiname) (om-region-fulda)", "om-nordhessen")
    answer(term, "Kennung", "Om Fulda!")
    assert "keine Kennung" in term.prompt("Kennung")
    term.line("")  # the proposal
    answer(term, "Art: regional oder fachlich", "regionall")
    assert "„regional“ oder „fachlich“" in term.prompt("Art")
    term.line("regional")
    answer(term, "Regionen", "Fuldaa")
    shown = term.prompt("Regionen")
    assert "gibt es nicht in taxonomy/regions.yaml" in shown
    assert "Kreis Fulda (ags-06631, Hessen)" in shown  # a suggestion for the typo
    term.line("Kassel")  # the city and the district
    shown = term.prompt("Welche?")
    assert "1 Stadt Kassel (ags-06611, Hessen)" in shown
    assert "2 Kreis Kassel (ags-06633, Hessen)" in shown
    term.line("alle")
    shown = term.prompt("Trotzdem so eintragen?")
    assert "überschneidet sich mit dem Netzwerk om-kassel, om-nordhessen" in shown
    assert "(OM111)" in shown
    term.line("n")
    answer(term, "Regionen", "Fulda, 06535")
    answer(term, "Ziele des Netzwerks", "Betriebe in Osthessen für gute Arbeit gewinnen.")
    answer(term, "Vorgehensweise", "Zwei Netzwerktreffen im Jahr.")
    answer(term, "Datum des Antrags", "2026-12-24")
    assert "liegt in der Zukunft" in term.prompt("Datum des Antrags")
    term.line("2026-11-02")
    answer(term, "Partner (Kennungen", "hwk-kassel, muster-gmbh")
    shown = term.prompt("Trotzdem so eintragen?")
    assert "nur 2 Partner zählen, mindestens 3 sind nötig" in shown
    assert "mindestens drei Partnern" in shown and "(OM105)" in shown
    term.line("")  # no: ask again
    answer(term, "Partner (Kennungen", "Handwerkskammer, fulda-feinwerk, rhoen-beratung")
    shown = term.prompt("Welche?")
    assert "2 Handwerkskammer Kassel (hwk-kassel)" in shown
    term.line("2")
    answer(term, "Partner „fulda-feinwerk“ gibt es nicht im Register", "j")
    answer(term, "Name der Organisation", "Fulda Feinwerk GmbH")
    answer(term, "Art der Organisation", "Brauerei")
    assert "keine Art von Partner" in term.prompt("Art der Organisation")
    term.line("Unternehmen")
    answer(term, "Gruppe verbundener Organisationen", "")
    answer(term, "unterzeichnet am", "2027-01-01")
    shown = term.prompt("unterzeichnet am")
    assert "2027-01-01 liegt in der Zukunft" in shown and "(OM105)" in shown
    term.line("2026-10-15")
    answer(term, "Partnerliste genannt werden?", "ja")
    answer(term, "Website", "www.fulda-feinwerk.example.org")
    shown = term.prompt("Website")
    assert "keine vollständige Webadresse" in shown
    assert "https://www.fulda-feinwerk.example.org" in shown  # the proposal
    term.line("https://www.fulda-feinwerk.example.org")
    answer(term, "Region, in der der Partner", "Fulda")
    answer(term, "Partner „rhoen-beratung“ gibt es nicht im Register", "j")
    answer(term, "Name der Organisation", "Rhön Beratung")
    answer(term, "Art der Organisation", "Beratung")
    answer(term, "Gruppe verbundener Organisationen", "")
    answer(term, "unterzeichnet am", "2026-11-20")
    answer(term, "Partnerliste genannt werden?", "")
    answer(term, "Website", "")
    answer(term, "Region, in der der Partner", "")
    answer(term, "Koordinierender Partner (hwk-kassel)", "")
    for _ in range(5):  # the five declarations, each with its clause
        answer(term, "[J/n]", "")
    answer(term, "offen für alle Partner", "")
    answer(term, "Weitere Instrumente", "Digitalisierung")
    answer(term, "Website", "https://www.om-fulda.example.org")
    answer(term, "Partner-Logo", "")
    assert term.finish() == 0, term.output
    out = term.output
    assert "✓ registry/networks/om-region-fulda.yaml angelegt" in out
    assert "✓ registry/partners/fulda-feinwerk.yaml angelegt" in out
    assert "✓ registry/partners/rhoen-beratung.yaml angelegt" in out
    assert "auf dem neuen Zweig antrag/om-region-fulda (abgezweigt von main)" in out
    assert "Der Antrag erfüllt alle geprüften Kriterien" in out
    assert "Traceback" not in out
    text = (repo / NETWORK).read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/network.schema.json\n")
    assert "  - ags-06631  # Kreis Fulda\n  - ags-06535  # Vogelsbergkreis\n" in text
    assert "status: applied\napplied_on: 2026-11-02\n" in text
    assert "  - {partner: fulda-feinwerk, since: 2026-11-02, role: member}" in text
    assert "  - om-praxis-check-digitalisierung\n" in text
    for comment in ("# Antrag beim Leitungskreis: Ziele und Vorgehensweise",
                    "# Erklärungen des Netzwerks", "# Netzwerkpartner"):  # fmt: skip
        assert comment in text
    partner = (repo / "registry/partners/fulda-feinwerk.yaml").read_text("utf-8")
    assert "principles_signed_on: 2026-10-15\n" in partner
    assert "type: company\n" in partner and "region: ags-06631\n" in partner
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Antrag: Offensive Mittelstand Region Fulda (om-region-fulda)\n")
    assert "Mit neuen Partnern: fulda-feinwerk, rhoen-beratung" in message
    assert message.rstrip().endswith("OM-Action: application\nOM-Action: partner")
    assert sorted(git(repo, "show", "--name-only", "--format=", "HEAD").split()) == [
        NETWORK,
        "registry/partners/fulda-feinwerk.yaml",
        "registry/partners/rhoen-beratung.yaml",
    ]
    rhoen = (repo / "registry/partners/rhoen-beratung.yaml").read_text("utf-8")
    assert "type: consultant\n" in rhoen and "principles_signed_on: 2026-11-20\n" in rhoen
    assert "listing_consent: false\n" in rhoen
    check_clean(capsys, "om-region-fulda", "fulda-feinwerk", "rhoen-beratung")


def test_prompts_are_english_with_lang_en_and_ctrl_c_leaves_nothing(repo: Path) -> None:
    before = state(repo)
    term = terminal(repo, "--lang", "en")
    answer(term, "Name of the network", "Offensive Mittelstand Region Fulda")
    answer(term, "Id (file name) (om-region-fulda)", "")
    term.prompt("Kind: regional or thematic")
    term.interrupt()
    assert term.finish() == 130
    assert "interrupted" in term.output
    assert "Traceback" not in term.output
    assert state(repo) == before


def test_ctrl_c_after_the_partner_flow_writes_neither_file(repo: Path) -> None:
    before = state(repo)
    term = terminal(repo, "--branch")
    answer(term, "Name des Netzwerks", "Offensive Mittelstand Region Fulda")
    answer(term, "Kennung", "")
    answer(term, "Art", "")
    answer(term, "Regionen", "Fulda")
    answer(term, "Ziele", "Ziele.")
    answer(term, "Vorgehensweise", "Treffen.")
    answer(term, "Datum des Antrags", "")
    answer(term, "Partner (Kennungen", "hwk-kassel, muster-gmbh, neu-gmbh")
    answer(term, "anlegen?", "j")
    answer(term, "Name der Organisation", "Neu GmbH")
    term.prompt("Art der Organisation")
    term.interrupt()
    assert term.finish() == 130
    assert state(repo) == before


def test_input_that_ends_early_is_an_error_without_a_file(repo: Path) -> None:
    import subprocess
    import sys

    before = state(repo)
    result = subprocess.run(
        [sys.executable, "-m", "om_cli", "apply", "--registry", "registry", "--as-of", AS_OF],
        input="Offensive Mittelstand Region Fulda\n",
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Eingabe beendet" in result.stderr and "nichts wurde geschrieben" in result.stderr
    assert "Traceback" not in result.stderr
    assert state(repo) == before


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_answer_file_on_a_branch_is_one_commit_with_the_trailer(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    answers = tmp_path / f"antrag{suffix}"
    if suffix == ".json":
        answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), "utf-8")
    else:
        from om_cli import yaml_style

        answers.write_text(yaml_style.dump(ANSWERS), "utf-8")
    code, out, err = om(
        capsys, "apply", "--from", str(answers), "--yes", "--branch", "--as-of", AS_OF
    )
    assert (code, err) == (0, ""), out + err
    assert "✓ Commit " in out and "auf dem neuen Zweig antrag/om-region-fulda" in out
    assert "git push -u origin antrag/om-region-fulda" in out
    assert git(repo, "branch", "--show-current").strip() == "antrag/om-region-fulda"
    assert git(repo, "rev-parse", "HEAD~1") == git(repo, "rev-parse", "main")
    message = git(repo, "log", "-1", "--format=%B")
    assert message.startswith("Antrag: Offensive Mittelstand Region Fulda (om-region-fulda)\n")
    assert message.rstrip().endswith("OM-Action: application")
    changed = git(repo, "show", "--name-status", "--format=", "HEAD").split()
    assert changed == ["A", NETWORK]
    assert git(repo, "status", "--porcelain") == ""
    check_clean(capsys, "om-region-fulda")


def test_push_reaches_a_bare_repository(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "antrag.json"
    answers.write_text(json.dumps(ANSWERS), "utf-8")
    code, out, err = om(
        capsys, "apply", "--from", str(answers), "--yes", "--push", "--as-of", AS_OF
    )
    assert (code, err) == (0, ""), out + err
    assert "zu origin übertragen" in out
    remote = git(tmp_path / "origin.git", "rev-parse", "refs/heads/antrag/om-region-fulda")
    assert remote == git(repo, "rev-parse", "HEAD")
    upstream = git(repo, "rev-parse", "--abbrev-ref", "@{upstream}").strip()
    assert upstream == "origin/antrag/om-region-fulda"


def test_flags_two_partners_incomplete_shows_what_is_missing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = om(
        capsys, "apply", "--yes", "--incomplete", "--as-of", AS_OF, "--lang", "en",
        "--name", "Offensive Mittelstand Region Fulda", "--region", "Fulda",
        "--goals", "Goals.", "--approach", "Approach.", "--commitments", "all",
        "--partner", "hwk-kassel", "--partner", "muster-gmbh",
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err  # findings on a new application are expected
    assert "Still open before the Leitungskreis can recognise the network:" in out
    assert "OM105" in out and "only 2 partners count on 2026-11-25" in out
    assert (repo / NETWORK).exists()
    # `om check` itself fails on it until a third partner joins
    code, out, _ = om(capsys, "check", "--registry", "registry", "--as-of", AS_OF)
    assert code == 1 and "OM105" in out


BASE = [
    "--name", "Offensive Mittelstand Region Fulda", "--region", "Fulda", "--goals", "Ziele.",
    "--approach", "Weg.", "--commitments", "alle", "--partner", "hwk-kassel",
    "--partner", "muster-gmbh", "--partner", "dgb-region-nordhessen",
]  # fmt: skip


@pytest.mark.parametrize(
    "extra,reason",
    [
        (["--region", "Atlantis"], "Region „Atlantis“ gibt es nicht"),
        (["--region", "Kassel"], "„Kassel“ passt auf mehrere Einträge: Stadt Kassel (ags-06611"),
        (["--region", "ags-06633"], "überschneidet sich mit dem Netzwerk om-nordhessen"),
        (["--id", "om-nordhessen"], "die Kennung „om-nordhessen“ ist schon vergeben"),
        (["--id", "OM_Fulda"], "„OM_Fulda“ ist keine Kennung"),
        (["--partner", "gibt-es-nicht"], "Partner gibt es nicht im Register: gibt-es-nicht"),
        (["--website", "om-fulda.example.org"], "keine vollständige Webadresse"),
        (["--website", "https://om fulda.example.org"], "keine vollständige Webadresse"),
        (["--applied-on", "2026-12-01"], "2026-12-01 liegt in der Zukunft"),
        (["--applied-on", "2026-02-30"], "„2026-02-30“ ist kein Datum"),
        (["--closed"], "ein geschlossenes Netzwerk kann nicht anerkannt werden"),
        (["--instrument", "Tarot"], "Instrument „Tarot“ gibt es nicht"),
        (["--kind", "thematic", "--topic", "Astrologie"], "Thema „Astrologie“ gibt es nicht"),
        (["--coordinator", "hwk-erfurt"], "muss einer der genannten sein"),
        (["--partner", "Handwerkskammer"], "„Handwerkskammer“ passt auf mehrere Einträge"),
        (["--partner", "Gartenbau Schmidt"], "kein Partner passt auf Gartenbau Schmidt"),
    ],
)
def test_invalid_answers_are_explained_and_nothing_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str], extra: list[str], reason: str
) -> None:
    before = state(repo)
    args = list(BASE)
    if "--kind" in extra:  # a thematic network names no region
        index = args.index("--region")
        del args[index : index + 2]
    code, out, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args, *extra)
    assert code == 2, out + err
    assert reason in err
    assert "Traceback" not in err
    assert state(repo) == before


def test_fewer_than_three_partners_is_refused_with_the_clause(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = BASE[: BASE.index("--partner") + 4]  # two partners
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args)
    assert code == 2
    assert "nur 2 Partner zählen, mindestens 3 sind nötig" in err
    assert "mit --incomplete trotzdem eintragen" in err
    assert "mindestens drei Partnern" in err and "(OM105)" in err


def test_missing_answers_with_yes_are_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = om(capsys, "apply", "--yes", "--name", "Offensive Mittelstand Fulda")
    assert code == 2
    assert "es fehlen Antworten für regions, goals, approach, partners, commitments" in err


def test_answer_file_is_read_strictly(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "antrag.yaml"
    answers.write_text("name: A\nname: B\n", "utf-8")
    code, _, err = om(capsys, "apply", "--from", str(answers), "--yes")
    assert code == 2 and "Antwortdatei" in err and "2:1" in err
    answers.write_text("name: A\nfarbe: blau\n", "utf-8")
    code, _, err = om(capsys, "apply", "--from", str(answers), "--yes")
    assert code == 2 and "unbekannte Felder: farbe" in err
    answers.write_text("- eine Liste\n", "utf-8")
    code, _, err = om(capsys, "apply", "--from", str(answers), "--yes")
    assert code == 2 and "Traceback" not in err


def test_thematic_application(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = om(
        capsys, "apply", "--yes", "--as-of", AS_OF, "--kind", "fachlich",
        "--name", "Netzwerk Unternehmensnachfolge Mittelstand", "--topic", "Unternehmensnachfolge",
        "--goals", "Nachfolge sichern.", "--approach", "Beratungstage.", "--commitments", "alle",
        "--partner", "hwk-kassel", "--partner", "muster-gmbh", "--partner", "ihk-saar-beispiel",
        "--website", "https://nachfolge.example.org", "--partner-logo",
    )  # fmt: skip
    assert (code, err) == (0, ""), out + err
    text = (repo / "registry/networks/netzwerk-unternehmensnachfolge-mittelstand.yaml").read_text()
    assert "kind: thematic\ntopic: nachfolge\n" in text and "regions" not in text
    check_clean(capsys, "netzwerk-unternehmensnachfolge-mittelstand")


def test_a_name_without_offensive_mittelstand_needs_the_partner_logo(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a if a != "Offensive Mittelstand Region Fulda" else "Netzwerk Fulda" for a in BASE]
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args)
    assert code == 2 and "eine Website mit dem Partner-Logo ist nötig" in err
    assert "(OM202)" in err
    args += ["--website", "https://netzwerk-fulda.example.org"]
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args, "--no-partner-logo")
    assert code == 2 and "die Website muss das Partner-Logo zeigen" in err and "(OM202)" in err
    code, out, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args)
    assert (code, err) == (0, ""), out + err
    assert "partner_logo: true\n" in (repo / "registry/networks/netzwerk-fulda.yaml").read_text()


def test_on_a_terminal_an_empty_website_is_explained_when_the_name_needs_one(
    repo: Path,
) -> None:
    args = [a if a != "Offensive Mittelstand Region Fulda" else "Netzwerk Fulda" for a in BASE]
    term = terminal(
        repo, *args, "--id", "netzwerk-fulda", "--kind", "regional", "--open",
        "--instrument", "A-1.4", "--applied-on", "2026-11-02", "--coordinator", "hwk-kassel",
    )  # fmt: skip
    answer(term, "Website", "")
    shown = term.prompt("Trotzdem so eintragen?")
    assert "eine Website mit dem Partner-Logo ist nötig" in shown and "(OM202)" in shown
    term.line("n")
    answer(term, "Website", "https://netzwerk-fulda.example.org")
    answer(term, "Partner-Logo", "j")
    assert term.finish() == 0, term.output
    text = (repo / "registry/networks/netzwerk-fulda.yaml").read_text("utf-8")
    assert "website: https://netzwerk-fulda.example.org\npartner_logo: true\n" in text


def test_dirty_index_is_refused_before_anything_is_written(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "registry" / "README.md").write_text("geändert\n", "utf-8")
    git(repo, "add", "registry/README.md")
    before = state(repo)
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *BASE, "--branch")
    assert code == 2 and "im Git-Index liegen Änderungen" in err
    assert state(repo) == before


def test_a_failing_commit_leaves_no_branch_and_no_file(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'abgelehnt vom Hook' >&2\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    before = state(repo)
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *BASE, "--branch")
    assert code == 2 and "git commit ist fehlgeschlagen" in err
    assert state(repo) == before
    assert git(repo, "branch", "--show-current").strip() == "main"


def test_ctrl_c_while_git_commits_undoes_file_and_branch(repo: Path, tmp_path: Path) -> None:
    """Ctrl-C while the commit runs (a slow pre-commit hook): nothing is left behind."""
    started = tmp_path / "hook-started"
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text(f"#!/bin/sh\ntouch '{started}'\nsleep 20\n", "utf-8")
    hook.chmod(0o755)
    answers = tmp_path / "antrag.json"
    answers.write_text(json.dumps(ANSWERS), "utf-8")
    before = state(repo)
    term = terminal(repo, "--from", str(answers), "--yes", "--branch")
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), term.rest()
    term.interrupt(until_exit=False)  # one Ctrl-C: git is running
    assert term.finish() == 130, term.output
    assert "abgebrochen (Strg-C); nichts wurde geschrieben" in term.output
    assert "Traceback" not in term.output
    assert state(repo) == before
    assert git(repo, "branch", "--show-current").strip() == "main"


def test_an_existing_branch_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "branch", "antrag/om-region-fulda")
    before = state(repo)
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *BASE, "--branch")
    assert code == 2 and "den Zweig antrag/om-region-fulda gibt es schon" in err
    assert state(repo) == before


def test_shell_completion_offers_ids(repo: Path) -> None:
    import os
    import subprocess
    import sys

    def complete(words: str) -> list[str]:
        env = dict(os.environ, _OM_COMPLETE="complete_bash", COMP_WORDS=words)
        env["COMP_CWORD"] = str(len(words.split()) - 1)
        result = subprocess.run(
            [sys.executable, "-m", "om_cli"], env=env, capture_output=True, text=True,
            cwd=repo, check=False,
        )  # fmt: skip
        return result.stdout.split()

    assert complete("om apply --partner hwk-k") == ["hwk-kassel"]
    assert complete("om apply --region ags-0661") == ["ags-06611"]
    assert complete("om record meeting om-nord") == ["om-nordhessen"]
    assert complete("om record report om-kassel --plenum 2026-1") == ["2026-12-08"]
    help_text = subprocess.run(
        [sys.executable, "-m", "om_cli", "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "--install-completion" in help_text


def test_a_sub_network_names_its_parent(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a if a != "Fulda" else "Kreis Kassel" for a in BASE]
    args = [a if a != "Offensive Mittelstand Region Fulda" else "Offensive Mittelstand Kreis Kassel"
            for a in args]  # fmt: skip
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args, "--parent", "om-kassel")
    assert code == 2 and "nicht ganz in denen des übergeordneten Netzwerks om-kassel" in err
    code, _, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args, "--parent", "om-x")
    assert code == 2 and "„om-x“ ist kein laufendes Netzwerk" in err
    code, out, err = om(
        capsys, "apply", "--yes", "--as-of", AS_OF, *args, "--parent", "om-nordhessen"
    )
    assert (code, err) == (0, ""), out + err
    text = (repo / "registry/networks/om-kreis-kassel.yaml").read_text("utf-8")
    assert "  - ags-06633  # Kreis Kassel\n# Teilnetzwerk innerhalb" in text
    assert "Leitungskreises)\nparent: om-nordhessen\n\n# Status" in text
    # the overlap with the parent needs the Leitungskreis' consent: still open
    assert "OM111" in out and "om-nordhessen" in out


def test_long_texts_are_folded_and_read_back_as_typed(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from om_cli.loader import load_file

    goals = " ".join(["Kleine und mittlere Unternehmen für gute Arbeit gewinnen;"] * 6)
    approach = "# kein Kommentar: - [x] {y} 'z' \"w\" " * 8 + "a" * 150
    args = [goals if a == "Ziele." else approach if a == "Weg." else a for a in BASE]
    code, out, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args)
    assert (code, err) == (0, ""), out + err
    text = (repo / NETWORK).read_text("utf-8")
    assert "  goals: >-\n    Kleine und mittlere Unternehmen" in text
    assert max(len(line) for line in text.splitlines() if "Kleine" in line) <= 90
    application = load_file(str(repo / NETWORK))[0]["application"]
    assert application == {"goals": goals, "approach": " ".join(approach.split())}


def test_installed_bash_completion_completes_network_ids(repo: Path, tmp_path: Path) -> None:
    """`om --install-completion` in bash, then the installed function, run by a real bash."""
    import os
    import subprocess
    import sys

    from tests.conftest import require_tool

    bash = require_tool("bash")
    home = tmp_path / "home"
    home.mkdir()
    bin_dir = Path(sys.executable).parent
    om_script = bin_dir / "om"
    assert om_script.exists()
    env = dict(os.environ, HOME=str(home), SHELL=bash, PATH=f"{bin_dir}:{os.environ['PATH']}")
    # as a user would: from a bash (Typer finds the shell among the parent processes; the
    # `; exit` keeps bash from replacing itself with om)
    installed = subprocess.run(
        [bash, "-c", f"'{om_script}' --install-completion; exit $?"], env=env,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    script = home / ".bash_completions" / "om.sh"
    assert script.exists()
    run = (
        f"source '{script}'; COMP_WORDS=(om record meeting om-n); COMP_CWORD=3; "
        '_om_completion om; echo "${COMPREPLY[@]}"'
    )
    result = subprocess.run(
        [bash, "-c", run], env=env, cwd=repo, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["om-nordhessen"]


def test_commitments_in_an_answer_file(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dated = dict.fromkeys(
        ["leitgedanken", "grundprinzipien", "impartiality", "informs_partners", "cooperation"],
        "2026-10-01",
    )
    answers = tmp_path / "antrag.json"
    answers.write_text(json.dumps({**ANSWERS, "commitments": {**dated, "cooperation": True}}))
    code, out, err = om(capsys, "apply", "--from", str(answers), "--yes", "--as-of", AS_OF)
    assert (code, err) == (0, ""), out + err
    text = (repo / NETWORK).read_text("utf-8")
    assert "  leitgedanken: 2026-10-01\n" in text and "  cooperation: 2026-11-02\n" in text
    (repo / NETWORK).unlink()
    for commitments, reason in [
        ({**dated, "leitgedanken": "2026-12-01"}, "2026-12-01 liegt in der Zukunft"),
        ({**dated, "loyalty": "2026-10-01"}, "unbekannte Erklärung „loyalty“"),
        (["leitgedanken", "cooperation"], "Erklärungen fehlen: grundprinzipien, impartiality"),
    ]:
        answers.write_text(json.dumps({**ANSWERS, "commitments": commitments}))
        code, _, err = om(capsys, "apply", "--from", str(answers), "--yes", "--as-of", AS_OF)
        assert code == 2 and reason in err, err
        assert not (repo / NETWORK).exists()


def test_partners_by_name(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = [a for a in BASE if a not in ("--partner", "hwk-kassel", "muster-gmbh",
                                         "dgb-region-nordhessen")]  # fmt: skip
    names = ["Handwerkskammer Kassel", "muster gmbh", "IG Metall Erfurt"]
    partners = [arg for name in names for arg in ("--partner", name)]
    code, out, err = om(capsys, "apply", "--yes", "--as-of", AS_OF, *args, *partners)
    assert (code, err) == (0, ""), out + err
    text = (repo / NETWORK).read_text("utf-8")
    for partner in ("hwk-kassel", "muster-gmbh", "ig-metall-erfurt"):
        assert f"{{partner: {partner}, since: 2026-11-25" in text
