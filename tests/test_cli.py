"""End-to-end tests of the `om` command line: whole output and exit code.

Most commands run in-process through `om_cli.cli.main` (captured with capsys); exit codes, the
plain (non-terminal) text output, OM_LANG and the terminal path also run as a real subprocess
(`python -m om_cli`). Every `om check` passes `--as-of`, so no result depends on today's date.
The small registries under `tests/cli_registries/` were made for these tests:

- `findings`: network om-fulda-eder with two partners from two groups (OM105 error, OM106
  warning) and a name without its region (OM201 warning); partner aok-hessen with a misspelt
  key (OM002 error).
- `warning-only`: network om-kassel with three partners from two groups (OM106 warning only).
- `waivers`: a waiver in force for OM106 (→ notice), an expired waiver for OM201 (→ OM005
  notice, OM201 stays a warning), OM203 lowered to a warning in `om.yaml`.
- `markup`: a partner whose name and an unknown key look like rich markup (OM002 error).
- `escapes`: a partner whose quoted name and a key spell ANSI escape sequences (`"\\e[31m"`,
  `"\\e[2J"`); the loader refuses the file (OM001 error at the first such scalar).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from om_cli.cli import main

ROOT = Path(__file__).resolve().parent.parent
REGISTRIES = "tests/cli_registries"
FINDINGS = f"{REGISTRIES}/findings"
WARNING_ONLY = f"{REGISTRIES}/warning-only"
WAIVERS = f"{REGISTRIES}/waivers"
MARKUP = f"{REGISTRIES}/markup"
ESCAPES = f"{REGISTRIES}/escapes"
CLEAN = "tests/registries/clean-base/registry"
AS_OF = "2026-11-25"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _at_repository_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in the output are relative to the working directory: run from the repository."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)


def om(capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    """Run `om` in-process."""
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def om_process(*args: str, cwd: Path = ROOT, **env: str) -> Result:
    """Run `om` as a real process (stdout and stderr are pipes, not a terminal)."""
    environment = {
        key: value for key, value in os.environ.items() if key not in ("OM_LANG", "NO_COLOR")
    }
    environment["PYTHONIOENCODING"] = "utf-8"
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-m", "om_cli", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err
    assert "Traceback" not in result.out


def yaml_files(registry: str) -> int:
    return sum(1 for _ in (ROOT / registry).rglob("*.yaml"))


# --- 1. om check on a registry with known findings -----------------------------------------------

FINDINGS_DE = f"""\
{FINDINGS}/networks/om-fulda-eder.yaml
  2:7      Warnung  OM201  Name lässt den Bezug zur Region oder zum Thema nicht erkennen
  20:3     Fehler   OM105  nur 2 Partner zählen am 2026-11-25; nötig sind mindestens 3 (Mitglied, aktiv, Grundsätze der Zusammenarbeit unterzeichnet)
  20:3     Warnung  OM106  die Partner gehören nur 2 Partnergruppen an; mindestens 3 sollten es sein
{FINDINGS}/partners/aok-hessen.yaml
  7:1      Fehler   OM002  unbekanntes Feld „listing_consnet“ (Tippfehler?)

2 Fehler, 2 Warnungen, 0 Hinweise in 8 Dateien
"""  # noqa: E501

FINDINGS_EN = f"""\
{FINDINGS}/networks/om-fulda-eder.yaml
  2:7      warning  OM201  name does not show the reference to its region or topic
  20:3     error    OM105  only 2 partners count on 2026-11-25; at least 3 are needed (member, active, Grundsätze der Zusammenarbeit signed)
  20:3     warning  OM106  the partners belong to only 2 partner groups; there should be at least 3
{FINDINGS}/partners/aok-hessen.yaml
  7:1      error    OM002  unknown field 'listing_consnet' (a typo?)

2 errors, 2 warnings, 0 notices in 8 files
"""  # noqa: E501


def test_check_text_german_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", FINDINGS, "--as-of", AS_OF)
    assert result == Result(1, FINDINGS_DE, "")


def test_check_text_german_by_default_subprocess() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", AS_OF)
    assert result == Result(1, FINDINGS_DE, "")


def test_check_text_english_with_lang_option(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", FINDINGS, "--as-of", AS_OF, "--lang", "en")
    assert result == Result(1, FINDINGS_EN, "")


def test_check_text_english_with_lang_option_subprocess() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", AS_OF, "--lang", "en")
    assert result == Result(1, FINDINGS_EN, "")


def test_check_text_english_with_om_lang() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", AS_OF, OM_LANG="en")
    assert result == Result(1, FINDINGS_EN, "")


def test_lang_option_wins_over_om_lang() -> None:
    result = om_process(
        "check", "--registry", FINDINGS, "--as-of", AS_OF, "--lang", "de", OM_LANG="en"
    )
    assert result == Result(1, FINDINGS_DE, "")


def test_unknown_om_lang_falls_back_to_german() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", AS_OF, OM_LANG="fr")
    assert result == Result(1, FINDINGS_DE, "")


def _finding(rule: str, severity: str, entity: str, file: str, line: int, column: int,
             pointer: str, message: str) -> dict[str, object]:  # fmt: skip
    return {
        "rule": rule,
        "severity": severity,
        "entity": entity,
        "file": f"{FINDINGS}/{file}",
        "line": line,
        "column": column,
        "pointer": pointer,
        "message": message,
        "waiver": None,
    }


FINDINGS_JSON_DE = {
    "version": 1,
    "as_of": "2026-11-25",
    "registry": FINDINGS,
    "findings": [
        _finding(
            "OM201", "warning", "networks/om-fulda-eder", "networks/om-fulda-eder.yaml", 2, 7,
            "/name", "Name lässt den Bezug zur Region oder zum Thema nicht erkennen",
        ),
        _finding(
            "OM105", "error", "networks/om-fulda-eder", "networks/om-fulda-eder.yaml", 20, 3,
            "/partners",
            "nur 2 Partner zählen am 2026-11-25; nötig sind mindestens 3 (Mitglied, aktiv, "
            "Grundsätze der Zusammenarbeit unterzeichnet)",
        ),
        _finding(
            "OM106", "warning", "networks/om-fulda-eder", "networks/om-fulda-eder.yaml", 20, 3,
            "/partners",
            "die Partner gehören nur 2 Partnergruppen an; mindestens 3 sollten es sein",
        ),
        _finding(
            "OM002", "error", "partners/aok-hessen", "partners/aok-hessen.yaml", 7, 1,
            "/listing_consnet", "unbekanntes Feld „listing_consnet“ (Tippfehler?)",
        ),
    ],
    "summary": {"error": 2, "warning": 2, "notice": 0, "files": 8},
}  # fmt: skip


def test_check_json_has_the_design_shape(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", FINDINGS, "--as-of", AS_OF, "--format", "json")
    assert (result.code, result.err) == (1, "")
    document = json.loads(result.out)
    assert list(document) == ["version", "as_of", "registry", "findings", "summary"]
    for finding in document["findings"]:
        assert list(finding) == [
            "rule", "severity", "entity", "file", "line", "column", "pointer", "message", "waiver",
        ]  # fmt: skip
    assert list(document["summary"]) == ["error", "warning", "notice", "files"]
    assert document == FINDINGS_JSON_DE
    assert document["summary"]["files"] == yaml_files(FINDINGS)


def test_check_json_subprocess_and_english_messages() -> None:
    result = om_process(
        "check", "--registry", FINDINGS, "--as-of", AS_OF, "--format", "json", "--lang", "en"
    )
    assert (result.code, result.err) == (1, "")
    document = json.loads(result.out)
    messages = [finding.pop("message") for finding in document["findings"]]
    assert messages == [
        "name does not show the reference to its region or topic",
        "only 2 partners count on 2026-11-25; at least 3 are needed (member, active, "
        "Grundsätze der Zusammenarbeit signed)",
        "the partners belong to only 2 partner groups; there should be at least 3",
        "unknown field 'listing_consnet' (a typo?)",
    ]
    expected = json.loads(json.dumps(FINDINGS_JSON_DE))
    for finding in expected["findings"]:
        del finding["message"]
    assert document == expected  # rule ids, pointers and keys are never translated


def test_check_json_with_om_lang() -> None:
    result = om_process(
        "check", "--registry", FINDINGS, "--as-of", AS_OF, "--format", "json", OM_LANG="en"
    )
    assert result.code == 1
    document = json.loads(result.out)
    assert document["findings"][3]["message"] == "unknown field 'listing_consnet' (a typo?)"


def test_summary_uses_singular_for_one() -> None:
    """'1 Warnungen' / '1 warnings' is not German / English."""
    german = om_process("check", "--registry", WARNING_ONLY, "--as-of", AS_OF)
    english = om_process("check", "--registry", WARNING_ONLY, "--as-of", AS_OF, "--lang", "en")
    assert (german.code, english.code) == (0, 0)
    assert german.out.splitlines()[-1] == "0 Fehler, 1 Warnung, 0 Hinweise in 8 Dateien"
    assert english.out.splitlines()[-1] == "0 errors, 1 warning, 0 notices in 8 files"


# --- 2. exit codes -------------------------------------------------------------------------------


def test_clean_registry_exits_0() -> None:
    result = om_process("check", "--registry", CLEAN, "--as-of", AS_OF)
    assert result == Result(0, "0 Fehler, 0 Warnungen, 0 Hinweise in 19 Dateien\n", "")


def test_clean_registry_json_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", CLEAN, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == {
        "version": 1,
        "as_of": AS_OF,
        "registry": CLEAN,
        "findings": [],
        "summary": {"error": 0, "warning": 0, "notice": 0, "files": 19},
    }


WARNING_ONLY_DE = f"""\
{WARNING_ONLY}/networks/om-kassel.yaml
  20:3     Warnung  OM106  die Partner gehören nur 2 Partnergruppen an; mindestens 3 sollten es sein

"""


def test_only_warnings_exit_0() -> None:
    result = om_process("check", "--registry", WARNING_ONLY, "--as-of", AS_OF)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(WARNING_ONLY_DE)


def test_warnings_under_strict_exit_1() -> None:
    result = om_process("check", "--registry", WARNING_ONLY, "--as-of", AS_OF, "--strict")
    assert (result.code, result.err) == (1, "")
    assert result.out.startswith(WARNING_ONLY_DE)  # --strict keeps the severities


def test_strict_on_a_clean_registry_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert om(capsys, "check", "--registry", CLEAN, "--as-of", AS_OF, "--strict").code == 0


def test_errors_exit_1() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", AS_OF, "--format", "json")
    assert result.code == 1
    assert json.loads(result.out)["summary"]["error"] == 2


USAGE_ERRORS = {
    "missing-registry": (
        ["check", "--registry", f"{REGISTRIES}/no-such-registry", "--as-of", AS_OF],
        f"om: kein Register unter {REGISTRIES}/no-such-registry; mit --registry DIR angeben\n",
    ),
    "registry-is-a-file": (
        ["check", "--registry", f"{FINDINGS}/om.yaml", "--as-of", AS_OF],
        f"om: kein Register unter {FINDINGS}/om.yaml; mit --registry DIR angeben\n",
    ),
    "month-13": (
        ["check", "--registry", FINDINGS, "--as-of", "2026-13-01"],
        "om: ungültiges Datum „2026-13-01“; erwartet wird JJJJ-MM-TT\n",
    ),
    "february-30": (
        ["check", "--registry", FINDINGS, "--as-of", "2026-02-30"],
        "om: ungültiges Datum „2026-02-30“; erwartet wird JJJJ-MM-TT\n",
    ),
    "yesterday": (
        ["check", "--registry", FINDINGS, "--as-of", "yesterday"],
        "om: ungültiges Datum „yesterday“; erwartet wird JJJJ-MM-TT\n",
    ),
    "compact-date": (
        ["check", "--registry", FINDINGS, "--as-of", "20261125"],
        "om: ungültiges Datum „20261125“; erwartet wird JJJJ-MM-TT\n",
    ),
    "iso-week-date": (
        ["check", "--registry", FINDINGS, "--as-of", "2026-W48-3"],
        "om: ungültiges Datum „2026-W48-3“; erwartet wird JJJJ-MM-TT\n",
    ),
    "unknown-rule": (
        ["rules", "explain", "OM999"],
        "om: Regel OM999 gibt es nicht; „om rules list“ zeigt alle\n",
    ),
    "unknown-entity": (
        ["show", "no-such-id", "--registry", "registry"],
        "om: „no-such-id“ gibt es im Register nicht\n",
    ),
    "unknown-entity-default-registry": (
        ["show", "no-such-id"],
        "om: „no-such-id“ gibt es im Register nicht\n",
    ),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors_exit_2(case: str) -> None:
    args, message = USAGE_ERRORS[case]
    result = om_process(*args)
    assert result == Result(2, "", message)


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_usage_errors_exit_2_in_process(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    args, message = USAGE_ERRORS[case]
    assert om(capsys, *args) == Result(2, "", message)


def test_usage_error_in_english() -> None:
    result = om_process("check", "--registry", FINDINGS, "--as-of", "yesterday", OM_LANG="en")
    assert result == Result(2, "", "om: invalid date 'yesterday'; expected YYYY-MM-DD\n")


def test_usage_error_follows_lang_option() -> None:
    """`--lang en` makes every message English, the error included (DESIGN: Output formats)."""
    result = om_process("check", "--registry", FINDINGS, "--as-of", "yesterday", "--lang", "en")
    assert result == Result(2, "", "om: invalid date 'yesterday'; expected YYYY-MM-DD\n")


@pytest.mark.parametrize("output_format", ["xml", "TEXT", ""])
def test_unknown_format_exits_2(output_format: str) -> None:
    result = om_process(
        "check", "--registry", FINDINGS, "--as-of", AS_OF, "--format", output_format
    )
    assert result.code == 2
    assert result.out == ""
    assert "--format" in result.err
    assert_no_traceback(result)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-such-option"],
        ["no-such-command"],
        ["list", "everything"],
        ["rules", "explain"],
        ["show"],
    ],
    ids=["option", "command", "listing", "explain-without-id", "show-without-id"],
)
def test_bad_command_lines_exit_2(args: list[str]) -> None:
    result = om_process(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err
    assert_no_traceback(result)


def test_no_registry_in_working_directory_exits_2(tmp_path: Path) -> None:
    """Without --registry and without ./registry there is nothing to check: exit 2, not 0.

    A CI job started in the wrong folder must not pass with "0 Fehler … in 0 Dateien".
    """
    result = om_process("check", "--as-of", AS_OF, cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("om: kein Register unter ")
    assert_no_traceback(result)


# --- 3. the shipped registry ---------------------------------------------------------------------


def test_shipped_registry_has_no_errors_or_warnings() -> None:
    result = om_process("check", "--registry", "registry", "--as-of", AS_OF)
    assert (result.code, result.err) == (0, "")
    files = yaml_files("registry")
    assert result.out.endswith(f"in {files} Dateien\n")
    assert result.out.splitlines()[-1].startswith("0 Fehler, 0 Warnungen, ")


def test_shipped_registry_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    explicit = om(capsys, "check", "--registry", "registry", "--as-of", AS_OF, "--format", "json")
    default = om(capsys, "check", "--as-of", AS_OF, "--format", "json")
    assert (explicit.code, default.code) == (0, 0)
    assert default.out == explicit.out
    document = json.loads(default.out)
    assert document["registry"] == "registry"
    assert document["summary"]["error"] == document["summary"]["warning"] == 0
    assert document["summary"]["files"] == yaml_files("registry")


# --- 4. om check PATH… ---------------------------------------------------------------------------

AOK_ONLY_DE = f"""\
{FINDINGS}/partners/aok-hessen.yaml
  7:1      Fehler   OM002  unbekanntes Feld „listing_consnet“ (Tippfehler?)

1 Fehler, 0 Warnungen, 0 Hinweise in 8 Dateien
"""


def test_paths_limit_the_report_registry_inferred(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", f"{FINDINGS}/partners/aok-hessen.yaml", "--as-of", AS_OF)
    assert result == Result(1, AOK_ONLY_DE, "")


def test_paths_limit_the_report_subprocess() -> None:
    result = om_process("check", f"{FINDINGS}/partners/aok-hessen.yaml", "--as-of", AS_OF)
    assert result == Result(1, AOK_ONLY_DE, "")


def test_paths_with_explicit_registry(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(
        capsys,
        "check", "--registry", FINDINGS, f"{FINDINGS}/partners/aok-hessen.yaml", "--as-of", AS_OF,
    )  # fmt: skip
    assert result == Result(1, AOK_ONLY_DE, "")


def test_path_of_a_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", f"{FINDINGS}/partners/ihk-kassel.yaml", "--as-of", AS_OF)
    assert result == Result(0, "0 Fehler, 0 Warnungen, 0 Hinweise in 8 Dateien\n", "")


def test_path_with_only_warnings_exits_0_and_1_under_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = f"{WARNING_ONLY}/networks/om-kassel.yaml"
    assert om(capsys, "check", path, "--as-of", AS_OF).code == 0
    assert om(capsys, "check", path, "--as-of", AS_OF, "--strict").code == 1


def test_several_paths(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(
        capsys,
        "check",
        f"{FINDINGS}/partners/aok-hessen.yaml",
        f"{FINDINGS}/networks/om-fulda-eder.yaml",
        "--as-of", AS_OF,
    )  # fmt: skip
    assert result == Result(1, FINDINGS_DE, "")


def test_paths_json_counts_only_the_shown_findings(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(
        capsys,
        "check", f"{FINDINGS}/networks/om-fulda-eder.yaml", "--as-of", AS_OF, "--format", "json",
    )  # fmt: skip
    assert result.code == 1
    document = json.loads(result.out)
    assert document["registry"] == FINDINGS
    assert {finding["file"] for finding in document["findings"]} == {
        f"{FINDINGS}/networks/om-fulda-eder.yaml"
    }
    assert [finding["rule"] for finding in document["findings"]] == ["OM201", "OM105", "OM106"]
    assert document["summary"] == {"error": 1, "warning": 2, "notice": 0, "files": 8}


def test_path_spelled_with_dot_segments(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(
        capsys,
        "check",
        "--registry", FINDINGS,
        f"./{FINDINGS}/networks/../partners/aok-hessen.yaml",
        "--as-of", AS_OF,
    )  # fmt: skip
    assert result == Result(1, AOK_ONLY_DE, "")


def test_absolute_path_limits_the_report_like_a_relative_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Editors and hooks pass absolute paths; the file's error must not vanish (exit 0)."""
    path = str(ROOT / FINDINGS / "partners" / "aok-hessen.yaml")
    result = om(capsys, "check", path, "--as-of", AS_OF)
    assert result == Result(1, AOK_ONLY_DE, "")


def test_absolute_registry_with_relative_path(capsys: pytest.CaptureFixture[str]) -> None:
    registry = str(ROOT / FINDINGS)
    result = om(
        capsys,
        "check", "--registry", registry, f"{FINDINGS}/partners/aok-hessen.yaml", "--as-of", AS_OF,
    )  # fmt: skip
    assert result.code == 1
    assert "OM002  unbekanntes Feld „listing_consnet“" in result.out


def test_folder_path_means_the_files_in_it(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", f"{FINDINGS}/partners", "--as-of", AS_OF)
    assert result == Result(1, AOK_ONLY_DE, "")


def test_path_that_does_not_exist_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt path must not pass silently with exit 0."""
    result = om(capsys, "check", f"{FINDINGS}/partners/aok-hesen.yaml", "--as-of", AS_OF)
    assert result.code == 2
    assert result.out == ""
    assert "aok-hesen.yaml" in result.err


# --- 5. om rules ---------------------------------------------------------------------------------

RULES_DE = """\
OM001  Fehler    Datei lesbar, gültiges YAML, innerhalb der Sicherheitsgrenzen
OM002  Fehler    Eintrag entspricht seinem JSON-Schema
OM003  Fehler    Kennung, Dateiname und Ordner stimmen überein
OM004  Fehler    jeder Verweis existiert und hat die richtige Art
OM005  Hinweis   Ausnahme abgelaufen oder ohne Befund
OM101  Fehler    Antrag nennt Region bzw. Thema, Ziele und Vorgehensweise
OM102  Fehler    erkennt die Leitgedanken an
OM103  Fehler    arbeitet auf Basis der Grundprinzipien
OM104  Fehler    hilft die Referenzinstrumente umzusetzen
OM105  Fehler    mindestens drei Partner
OM106  Warnung   vertritt nicht einseitig einzelne Partner
OM107  Warnung   informiert jährlich das Plenum
OM108  Fehler    informiert seine Netzwerkpartner
OM109  Fehler    Zusammenarbeit, keine Konkurrenz
OM110  Fehler    offen für alle Partner
OM111  Fehler    nur ein Netzwerk je Region bzw. Fachgebiet
OM112  Fehler    Entzug nur durch das Plenum auf Vorschlag des Leitungskreises
OM113  Fehler    Anerkennung und Ablehnung durch den Leitungskreis
OM201  Warnung   eigener Name mit Bezug zu Region oder Thema
OM202  Fehler    Partner-Logo, wenn „Offensive Mittelstand“ nicht im Namen steht
OM203  Fehler    tagt mindestens zweimal im Jahr
OM204  Warnung   Leitungskreis teilt Schlichtungen dem Plenum mit
OM301  Fehler    Statuswechsel folgen dem Lebenszyklus (Historie)
OM302  Fehler    Statusänderung trägt ihren Beschluss (Historie)
OM303  Fehler    Beschlussdateien werden nie geändert oder gelöscht (Historie)
OM304  Fehler    Statusänderungen von zugelassenen Personen signiert (Historie)
OM305  Fehler    Historie vollständig genug für die Prüfung
"""

RULES_EN = """\
OM001  error     file readable, valid YAML, within the safety limits
OM002  error     entity matches its JSON Schema
OM003  error     id, file name and folder agree
OM004  error     every reference exists and has the right kind
OM005  notice    waiver expired or without a finding
OM101  error     application names region or topic, goals and approach
OM102  error     recognises the Leitgedanken
OM103  error     works on the basis of the Grundprinzipien
OM104  error     helps to implement the reference instruments
OM105  error     at least three partners
OM106  warning   does not represent single partners one-sidedly
OM107  warning   informs the Plenum every year
OM108  error     informs its network partners
OM109  error     cooperation, no competition
OM110  error     open to all partners
OM111  error     only one network per region or topic
OM112  error     withdrawal only by the Plenum on the Leitungskreis' proposal
OM113  error     recognition and rejection by the Leitungskreis
OM201  warning   own name referring to region or topic
OM202  error     partner logo when 'Offensive Mittelstand' is not in the name
OM203  error     meets at least twice a year
OM204  warning   the Leitungskreis reports dispute resolutions to the Plenum
OM301  error     status transitions follow the lifecycle (history)
OM302  error     a status change carries its decision (history)
OM303  error     decision files are never modified or deleted (history)
OM304  error     status changes signed by an allowed signer (history)
OM305  error     history complete enough to audit
"""

# DESIGN.md, rule catalogue: id and default severity, in this order.
CATALOGUE = [
    ("OM001", "error"), ("OM002", "error"), ("OM003", "error"), ("OM004", "error"),
    ("OM005", "notice"), ("OM101", "error"), ("OM102", "error"), ("OM103", "error"),
    ("OM104", "error"), ("OM105", "error"), ("OM106", "warning"), ("OM107", "warning"),
    ("OM108", "error"), ("OM109", "error"), ("OM110", "error"), ("OM111", "error"),
    ("OM112", "error"), ("OM113", "error"), ("OM201", "warning"), ("OM202", "error"),
    ("OM203", "error"), ("OM204", "warning"), ("OM301", "error"), ("OM302", "error"),
    ("OM303", "error"), ("OM304", "error"), ("OM305", "error"),
]  # fmt: skip


def test_rules_list_german(capsys: pytest.CaptureFixture[str]) -> None:
    assert om(capsys, "rules", "list") == Result(0, RULES_DE, "")


def test_rules_list_english(capsys: pytest.CaptureFixture[str]) -> None:
    assert om(capsys, "rules", "list", "--lang", "en") == Result(0, RULES_EN, "")


def test_rules_list_follows_om_lang() -> None:
    assert om_process("rules", "list", OM_LANG="en") == Result(0, RULES_EN, "")


def test_rules_without_subcommand_lists(capsys: pytest.CaptureFixture[str]) -> None:
    assert om(capsys, "rules") == Result(0, RULES_DE, "")
    assert om(capsys, "rules", "--lang", "en") == Result(0, RULES_EN, "")


def test_rules_list_is_the_design_catalogue() -> None:
    rows = [line.split()[:2] for line in RULES_EN.splitlines()]
    assert [(rule, severity) for rule, severity in rows] == CATALOGUE


def test_rules_explain_om105(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "rules", "explain", "OM105")
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith("OM105 — at least three partners.\n")
    assert (
        "Clause: „Es besteht aus mindestens drei Partnern (im Sinne der ‚Grundsätze der\n"
        "Zusammenarbeit‘).“\n"
    ) in result.out
    for section in ("What it checks", "Passing example:", "Failing example:", "How to fix:"):
        assert f"\n{section}" in result.out
    assert result.out.endswith("correct the membership dates.\n")


@pytest.mark.parametrize("spelling", ["om105", "Om105", " OM105 "])
def test_rules_explain_ignores_case_and_spaces(
    spelling: str, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = om(capsys, "rules", "explain", "OM105")
    assert om(capsys, "rules", "explain", spelling) == expected


@pytest.mark.parametrize("rule", [rule for rule, _ in CATALOGUE])
def test_every_rule_can_be_explained(rule: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "rules", "explain", rule)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"{rule} — ")
    for section in ("Clause", "Passing example", "Failing example", "How to fix"):
        assert section in result.out


# --- 6. om list and om show on the shipped registry ----------------------------------------------


def test_list_networks(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "networks")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert "om-kassel  recognized  regional  Offensive Mittelstand Kassel" in lines
    assert "om-saarland  withdrawn  regional  Offensive Mittelstand Saarland" in lines
    assert (
        "netzwerk-ki-mittelstand  recognized  thematic  "
        "Netzwerk Künstliche Intelligenz im Mittelstand"
    ) in lines
    assert lines == sorted(lines)
    assert len(lines) == len(list((ROOT / "registry" / "networks").glob("*.yaml")))
    assert om(capsys, "list", "networks", "--registry", "registry") == result


def test_list_networks_by_status(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "networks", "--status", "withdrawn")
    assert result == Result(
        0, "om-saarland  withdrawn  regional  Offensive Mittelstand Saarland\n", ""
    )
    recognized = om(capsys, "list", "networks", "--status", "recognized").out.splitlines()
    assert "om-kassel  recognized  regional  Offensive Mittelstand Kassel" in recognized
    assert all(line.split("  ")[1] == "recognized" for line in recognized)
    assert not any(line.startswith(("om-saarland ", "om-region-darmstadt ")) for line in recognized)


def test_list_networks_by_region(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "networks", "--region", "ags-06611")
    assert result == Result(
        0,
        "om-kassel  recognized  regional  Offensive Mittelstand Kassel\n"
        "om-nordhessen  recognized  regional  Offensive Mittelstand Nordhessen\n",
        "",
    )


def test_list_networks_by_status_and_region(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "networks", "--region", "DE-HE", "--status", "applied")
    assert result == Result(
        0, "om-region-darmstadt  applied  regional  Offensive Mittelstand Region Darmstadt\n", ""
    )


def test_list_partners(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "partners")
    assert (result.code, result.err) == (0, "")
    assert "hwk-kassel  active  chamber  Handwerkskammer Kassel" in result.out.splitlines()
    left = om(capsys, "list", "partners", "--status", "left")
    assert "schreinerei-hartmann  left  company  Schreinerei Hartmann GmbH & Co. KG\n" in left.out
    assert all(line.split("  ")[1] == "left" for line in left.out.splitlines())
    in_kassel = om(capsys, "list", "partners", "--region", "ags-06611").out.splitlines()
    assert "hwk-kassel  active  chamber  Handwerkskammer Kassel" in in_kassel
    assert not any(line.startswith("ihk-saar-beispiel ") for line in in_kassel)


def test_list_decisions(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "decisions")
    assert (result.code, result.err) == (0, "")
    lines = result.out.splitlines()
    assert (
        "lk-2021-03-zustimmung-teilnetzwerk-kassel  2021-03-16  leitungskreis  "
        "sub_network_consent  om-nordhessen,om-kassel"
    ) in lines
    dates = [line.split("  ")[1] for line in lines]
    assert dates == sorted(dates)
    withdrawals = om(capsys, "list", "decisions", "--status", "withdrawal")
    assert withdrawals == Result(
        0, "plenum-2023-05-entzug-om-saarland  2023-05-16  plenum  withdrawal  om-saarland\n", ""
    )


def test_show_prints_the_file(capsys: pytest.CaptureFixture[str]) -> None:
    content = (ROOT / "registry" / "networks" / "om-kassel.yaml").read_text(encoding="utf-8")
    expected = Result(0, "# registry/networks/om-kassel.yaml\n" + content, "")
    assert om(capsys, "show", "om-kassel") == expected
    assert om(capsys, "show", "networks/om-kassel") == expected
    assert om(capsys, "show", "networks/om-kassel", "--registry", "registry") == expected


def test_show_subprocess() -> None:
    content = (ROOT / "registry" / "partners" / "hwk-kassel.yaml").read_text(encoding="utf-8")
    result = om_process("show", "partners/hwk-kassel")
    assert result == Result(0, "# registry/partners/hwk-kassel.yaml\n" + content, "")


def test_show_decision_and_plenum(capsys: pytest.CaptureFixture[str]) -> None:
    decision = "registry/decisions/2021/lk-2021-06-anerkennung-om-kassel.yaml"
    content = (ROOT / decision).read_text(encoding="utf-8")
    assert om(capsys, "show", "lk-2021-06-anerkennung-om-kassel") == Result(
        0, f"# {decision}\n{content}", ""
    )
    plenum = om(capsys, "show", "plenum/2023-05-16")
    assert plenum.code == 0
    assert plenum.out.startswith("# registry/plenum/2023-05-16.yaml\n")


def test_show_kind_mismatch_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "show", "partners/om-kassel")
    assert result == Result(2, "", "om: „partners/om-kassel“ gibt es im Register nicht\n")


# --- 7. waivers ----------------------------------------------------------------------------------

WAIVERS_DE = f"""\
{WAIVERS}/networks/om-fulda-eder.yaml
  2:7      Warnung  OM201  Name lässt den Bezug zur Region oder zum Thema nicht erkennen
  20:3     Hinweis  OM106  die Partner gehören nur 2 Partnergruppen an; mindestens 3 sollten es sein (Ausnahme laut Beschluss ausnahme-om106-om-fulda-eder)
  26:3     Warnung  OM203  im Jahr 2025 nur 0 Treffen; mindestens 2 sind nötig
{WAIVERS}/om.yaml
  14:12    Hinweis  OM005  Ausnahme (Beschluss ausnahme-om201-om-fulda-eder) ist am 2026-06-30 abgelaufen; bitte entfernen oder neu beschließen

0 Fehler, 2 Warnungen, 2 Hinweise in 10 Dateien
"""  # noqa: E501

WAIVERS_EN = f"""\
{WAIVERS}/networks/om-fulda-eder.yaml
  2:7      warning  OM201  name does not show the reference to its region or topic
  20:3     notice   OM106  the partners belong to only 2 partner groups; there should be at least 3 (waived by decision ausnahme-om106-om-fulda-eder)
  26:3     warning  OM203  only 0 meetings in 2025; at least 2 are needed
{WAIVERS}/om.yaml
  14:12    notice   OM005  waiver (decision ausnahme-om201-om-fulda-eder) expired on 2026-06-30; remove it or decide it anew

0 errors, 2 warnings, 2 notices in 10 files
"""  # noqa: E501


def test_waivers_text_german() -> None:
    result = om_process("check", "--registry", WAIVERS, "--as-of", AS_OF)
    assert result == Result(0, WAIVERS_DE, "")


def test_waivers_text_english(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", WAIVERS, "--as-of", AS_OF, "--lang", "en")
    assert result == Result(0, WAIVERS_EN, "")


def test_waivers_strict_still_fails_on_the_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", WAIVERS, "--as-of", AS_OF, "--strict")
    assert result == Result(1, WAIVERS_DE, "")


def test_waivers_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", WAIVERS, "--as-of", AS_OF, "--format", "json")
    assert result.code == 0
    document = json.loads(result.out)
    network = f"{WAIVERS}/networks/om-fulda-eder.yaml"
    assert [
        (f["rule"], f["severity"], f["entity"], f["file"], f["line"], f["column"], f["pointer"],
         f["waiver"])
        for f in document["findings"]
    ] == [
        ("OM201", "warning", "networks/om-fulda-eder", network, 2, 7, "/name", None),
        ("OM106", "notice", "networks/om-fulda-eder", network, 20, 3, "/partners",
         "ausnahme-om106-om-fulda-eder"),
        ("OM203", "warning", "networks/om-fulda-eder", network, 26, 3, "/meetings", None),
        ("OM005", "notice", "om.yaml", f"{WAIVERS}/om.yaml", 14, 12, "/waivers/1/until", None),
    ]  # fmt: skip
    assert document["findings"][3]["message"] == (
        "Ausnahme (Beschluss ausnahme-om201-om-fulda-eder) ist am 2026-06-30 abgelaufen; "
        "bitte entfernen oder neu beschließen"
    )
    assert document["summary"] == {"error": 0, "warning": 2, "notice": 2, "files": 10}
    assert document["summary"]["files"] == yaml_files(WAIVERS)


def test_waiver_is_in_force_on_its_until_day(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", WAIVERS, "--as-of", "2026-06-30", "--format", "json")
    assert result.code == 0
    waived = {f["rule"]: f["waiver"] for f in json.loads(result.out)["findings"]}
    assert waived["OM201"] == "ausnahme-om201-om-fulda-eder"
    assert waived["OM106"] == "ausnahme-om106-om-fulda-eder"
    assert "OM005" not in waived


def test_path_filter_keeps_waivers(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", f"{WAIVERS}/networks/om-fulda-eder.yaml", "--as-of", AS_OF)
    assert result.code == 0
    assert (
        "  20:3     Hinweis  OM106  die Partner gehören nur 2 Partnergruppen an; mindestens 3 "
        "sollten es sein (Ausnahme laut Beschluss ausnahme-om106-om-fulda-eder)\n"
    ) in result.out
    assert "OM005" not in result.out


# --- 9. output safety ----------------------------------------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;]*m")
MARKUP_FILE = f"{MARKUP}/partners/muster-gmbh.yaml"
MARKUP_KEY_LINE = "  6:1      Fehler   OM002  unbekanntes Feld „[bold red]x[/]“ (Tippfehler?)"
MARKUP_DE = f"""\
{MARKUP_FILE}
{MARKUP_KEY_LINE}

1 Fehler, 0 Warnungen, 0 Hinweise in 2 Dateien
"""

ESCAPES_FILE = f"{ESCAPES}/partners/farbe-gmbh.yaml"
ESCAPED_CONTROL_DE = (
    "Steuer- oder Bidi-Zeichen U+001B über eine Escape-Sequenz in Anführungszeichen"
)
ESCAPED_CONTROL_EN = "control or bidi character U+001B written as an escape sequence in quotes"
# the name in line 2, column 7 is the first scalar with an escape; the key in line 6 is not reached
ESCAPES_DE = f"""\
{ESCAPES_FILE}
  2:7      Fehler   OM001  {ESCAPED_CONTROL_DE}

1 Fehler, 0 Warnungen, 0 Hinweise in 2 Dateien
"""
ESCAPES_EN = f"""\
{ESCAPES_FILE}
  2:7      error    OM001  {ESCAPED_CONTROL_EN}

1 error, 0 warnings, 0 notices in 2 files
"""


def _assert_no_escape(result: Result) -> None:
    """Plain output (pipes, `om list`, `om show`): not a single ESC byte."""
    assert "\x1b" not in result.out
    assert "\x1b" not in result.err


def _assert_escaped(text: str) -> None:
    """Terminal output: the only ESC bytes are rich's own colours, none come from a file."""
    assert "\x1b[2J" not in text  # a screen clear from the file must not reach the terminal
    assert "\x1b[31m" not in text  # rich colours errors with 1;31, the file uses plain 31
    assert "\x1b[0mrot" not in text and "\x1b[31mGmbH" not in text
    assert "\x1b" not in SGR.sub("", text)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _on_a_rich_terminal(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str]:
    """Run `om` in-process with stdout looking like a colour terminal (rich's path)."""
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLUMNS", "200")
    code = main(list(args))
    return code, terminal.getvalue()


def _on_a_real_terminal(*args: str) -> Result:
    """Run `om` as a process whose stdout is a pseudo-terminal (stderr stays a pipe)."""
    import pty

    master, slave = pty.openpty()
    environment = {
        key: value for key, value in os.environ.items() if key not in ("OM_LANG", "NO_COLOR")
    }
    environment.update(TERM="xterm-256color", COLUMNS="200", PYTHONIOENCODING="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "om_cli", *args],
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=subprocess.PIPE,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed (Linux)
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    _, err = process.communicate(timeout=120)
    return Result(process.returncode, b"".join(chunks).decode("utf-8"), err.decode("utf-8"))


# markup: shown literally everywhere, never interpreted


def test_markup_in_plain_text_output() -> None:
    result = om_process("check", "--registry", MARKUP, "--as-of", AS_OF)
    assert result == Result(1, MARKUP_DE, "")


def test_markup_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rich path: markup from files is shown literally, not as colours."""
    code, out = _on_a_rich_terminal(monkeypatch, "check", "--registry", MARKUP, "--as-of", AS_OF)
    assert code == 1
    assert SGR.search(out), "expected rich's terminal output (colours)"
    plain = SGR.sub("", out)
    assert f"{MARKUP_FILE}:6:1" in plain
    assert "unbekanntes Feld „[bold red]x[/]“ (Tippfehler?)" in plain
    assert "1 Fehler, 0 Warnungen, 0 Hinweise in 2 Dateien" in plain


def test_file_name_with_markup_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = tmp_path / "registry"
    (registry / "partners").mkdir(parents=True)
    (registry / "om.yaml").write_text("criteria: om-2012\n", encoding="utf-8")
    (registry / "partners" / "[bold]evil.yaml").write_text(
        "id: evil\nname: Evil\ntype: other\nstatus: active\n", encoding="utf-8"
    )
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    code = main(["check", "--registry", str(registry), "--as-of", AS_OF])
    assert code == 1
    plain = SGR.sub("", terminal.getvalue())
    assert f"{registry}/partners/[bold]evil.yaml" in plain


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_markup_on_a_real_terminal() -> None:
    result = _on_a_real_terminal("check", "--registry", MARKUP, "--as-of", AS_OF)
    assert result.code == 1
    assert_no_traceback(result)
    assert SGR.search(result.out), "expected rich's terminal output (colours)"
    assert "unbekanntes Feld „[bold red]x[/]“ (Tippfehler?)" in SGR.sub("", result.out)


def test_markup_in_json_stays_data(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", MARKUP, "--as-of", AS_OF, "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert [f["pointer"] for f in document["findings"]] == ["/[bold red]x[~1]"]
    assert document["findings"][0]["message"] == "unbekanntes Feld „[bold red]x[/]“ (Tippfehler?)"


def test_list_shows_markup_literally(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "list", "partners", "--registry", MARKUP)
    assert result == Result(0, "muster-gmbh  active  company  [bold red]Muster[/] GmbH\n", "")


# escape sequences spelt in double quotes: the file is refused, no ESC byte reaches the output


def test_escapes_fixture_spells_escape_sequences() -> None:
    """Guard for the tests below: read naively, the file would put ESC bytes into the output."""
    import yaml

    raw = (ROOT / ESCAPES_FILE).read_bytes()
    assert b"\x1b" not in raw  # the file itself holds only the escape spelling …
    assert b'name: "Farbe \\e[31mGmbH\\e[0m"\n' in raw
    assert b'"\\e[2J\\e[31mrot": 1\n' in raw
    naive = yaml.safe_load(raw)  # … which a YAML parser turns into real ESC bytes
    assert naive["name"] == "Farbe \x1b[31mGmbH\x1b[0m"
    assert naive["\x1b[2J\x1b[31mrot"] == 1


def test_escape_sequences_in_plain_text_output() -> None:
    result = om_process("check", "--registry", ESCAPES, "--as-of", AS_OF)
    assert result == Result(1, ESCAPES_DE, "")
    _assert_no_escape(result)


def test_escape_sequences_in_plain_text_output_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    result = om(capsys, "check", "--registry", ESCAPES, "--as-of", AS_OF, "--lang", "en")
    assert result == Result(1, ESCAPES_EN, "")
    _assert_no_escape(result)


def test_escape_sequences_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    result = om(capsys, "check", "--registry", ESCAPES, "--as-of", AS_OF, "--format", "json")
    assert (result.code, result.err) == (1, "")
    _assert_no_escape(result)
    document = json.loads(result.out)
    assert document["findings"] == [
        {
            "rule": "OM001",
            "severity": "error",
            "entity": "partners/farbe-gmbh",
            "file": ESCAPES_FILE,
            "line": 2,
            "column": 7,
            "pointer": "",
            "message": ESCAPED_CONTROL_DE,
            "waiver": None,
        }
    ]
    assert document["summary"] == {"error": 1, "warning": 0, "notice": 0, "files": 2}


def test_escape_sequences_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rich path: one OM001, and the only ESC bytes are rich's colours."""
    code, out = _on_a_rich_terminal(monkeypatch, "check", "--registry", ESCAPES, "--as-of", AS_OF)
    assert code == 1
    assert capsys.readouterr().err == ""
    assert SGR.search(out), "expected rich's terminal output (colours)"
    _assert_escaped(out)
    plain = SGR.sub("", out)
    assert plain.count("OM001") == 1
    assert plain.count("OM0") == 1  # no other finding (OM002 for the key, say)
    assert f"{ESCAPES_FILE}:2:7" in plain
    assert ESCAPED_CONTROL_DE in plain
    assert "1 Fehler, 0 Warnungen, 0 Hinweise in 2 Dateien" in plain


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_escape_sequences_on_a_real_terminal() -> None:
    result = _on_a_real_terminal("check", "--registry", ESCAPES, "--as-of", AS_OF)
    assert result.code == 1
    assert_no_traceback(result)
    assert "\x1b" not in result.err
    assert SGR.search(result.out), "expected rich's terminal output (colours)"
    _assert_escaped(result.out)
    plain = SGR.sub("", result.out)
    assert plain.count("OM0") == 1
    assert f"{ESCAPES_FILE}:2:7" in plain
    assert ESCAPED_CONTROL_DE in plain


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_list_and_show_on_a_real_terminal_pass_no_escape_sequences() -> None:
    listed = _on_a_real_terminal("list", "partners", "--registry", ESCAPES)
    assert listed.code == 0
    assert "\x1b" not in listed.out and "\x1b" not in listed.err
    shown = _on_a_real_terminal("show", "farbe-gmbh", "--registry", ESCAPES)
    assert shown.code == 1
    assert "\x1b" not in shown.out and "\x1b" not in shown.err
    assert f"# OM001: {ESCAPED_CONTROL_DE}" in shown.out


def test_list_does_not_pass_escape_sequences_to_the_terminal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A refused file is listed by its id only: `?` for the fields, nothing from its content."""
    result = om(capsys, "list", "partners", "--registry", ESCAPES)
    assert result == Result(0, "farbe-gmbh  ?  ?  \n", "")
    _assert_no_escape(result)


def test_show_refuses_a_file_with_escape_sequences(capsys: pytest.CaptureFixture[str]) -> None:
    expected = Result(1, f"# {ESCAPES_FILE}\n# OM001: {ESCAPED_CONTROL_DE}\n", "")
    result = om(capsys, "show", "farbe-gmbh", "--registry", ESCAPES)
    assert result == expected
    _assert_no_escape(result)
    assert om(capsys, "show", "partners/farbe-gmbh", "--registry", ESCAPES) == expected


def test_show_refuses_a_file_with_escape_sequences_subprocess() -> None:
    result = om_process("show", "farbe-gmbh", "--registry", ESCAPES, OM_LANG="en")
    assert result == Result(1, f"# {ESCAPES_FILE}\n# OM001: {ESCAPED_CONTROL_EN}\n", "")
    _assert_no_escape(result)


def test_a_bug_exits_3_with_its_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one case a traceback is shown: a bug in om itself (here: a rule that raises)."""
    from om_cli.rules import om105

    def broken(ctx: object) -> None:
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(om105, "check", broken)
    result = om(capsys, "check", "--no-cache", "--lang", "en")
    assert result.code == 3
    assert "Traceback" in result.err and "RuntimeError: a bug in a rule" in result.err
    assert result.err.rstrip().splitlines()[-1].startswith("om: ")


def test_starting_om_imports_no_heavy_module() -> None:
    """Every run pays for what `om_cli.cli` imports: the parser, the validators, the
    templates and the briefing are imported by the commands that use them, not at start."""
    code = (
        "import sys; import om_cli.cli; "
        "heavy = ['yaml', 'jsonschema', 'jsonschema_rs', 'jinja2', 'ruamel', 'git', "
        "'om_cli.briefing', 'om_cli.audit', 'om_cli.engine', 'om_cli.history', "
        "'om_cli.answers', 'om_cli.cli.ask']; "
        "print(sorted(name for name in heavy if name in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [["check", "--help"], ["rules", "list", "--help"], ["apply", "--help"],
     ["record", "meeting", "--help"], ["check", "--no-such-option"], ["report"]],
)  # fmt: skip
def test_one_command_apps_parse_and_print_as_the_whole_app(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`om COMMAND` runs an app holding only that command (start-up time); what it prints
    and returns is what the whole app gives."""
    from om_cli.cli import _app_for, app

    assert _app_for(args) is not app
    outputs = []
    for runner in (_app_for(args), app):
        capsys.readouterr()
        with pytest.raises(SystemExit) as exited:
            runner(args=args, prog_name="om", standalone_mode=True)
        captured = capsys.readouterr()
        outputs.append((exited.value.code, captured.out, captured.err))
    assert outputs[0] == outputs[1]
    assert _app_for([]) is app and _app_for(["--help"]) is app and _app_for(["nope"]) is app


# --- output that cannot be written ----------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize(
    ("lang", "text"), [("de", "Ausgabe konnte nicht"), ("en", "could not write")]
)
@pytest.mark.parametrize(
    "args",
    [
        ["check", "--registry", "registry"],  # a little text: fails when om flushes at the end
        ["check", "--registry", "registry", "--format", "sarif"],  # fails while writing
        ["rules", "list"],
    ],
    ids=["check-text", "check-sarif", "rules-list"],
)
def test_a_full_disk_under_the_output_is_a_clear_message(
    lang: str, text: str, args: list[str]
) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "om_cli", *args, "--lang", lang],
            cwd=ROOT, stdout=full, stderr=subprocess.PIPE, encoding="utf-8", timeout=120,
        )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.count("om: ") == 1 and text in done.stderr


def test_a_reader_that_goes_away_is_no_traceback() -> None:
    # SARIF of the shipped registry is larger than a pipe's buffer: the write must fail
    child = subprocess.Popen(
        [sys.executable, "-m", "om_cli", "check", "--registry", "registry", "--format", "sarif"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.read(20)
    child.stdout.close()
    errors = child.stderr.read().decode()
    assert child.wait(timeout=120) == 1
    assert "Traceback" not in errors and "Exception ignored" not in errors


def test_ctrl_c_while_om_loads_is_no_traceback() -> None:
    # the interrupt arrives while the command line is being imported
    script = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'om_cli.cli':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from om_cli.entry import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "check"], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (130, "")
    assert done.stderr == "om: abgebrochen / interrupted\n"
