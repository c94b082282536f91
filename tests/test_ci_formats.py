"""`--format github|sarif|junit`: read as GitHub's runner, a SARIF validator and GitLab would."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from om_cli.cli import main
from om_cli.findings import Finding, Report, Severity
from om_cli.messages import msg
from om_cli.reporters import github, junit, sarif

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
BROKEN = ROOT / "tests" / "registries" / "om004-missing-partner" / "registry"

# A workflow command as the runner parses it (actions/runner, ActionCommand.TryParseV2).
COMMAND = re.compile(r"^::(?P<name>[a-z]+)(?: (?P<props>[^:]*))?::(?P<data>.*)$")


def unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    return unescape_data(text.replace("%3A", ":").replace("%2C", ","))


def parse_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    parsed = []
    for line in output.splitlines():
        found = COMMAND.match(line)
        if not found:
            continue
        props = {}
        for pair in (found["props"] or "").split(","):
            key, _, value = pair.partition("=")
            props[key] = unescape_property(value)
        parsed.append((found["name"], props, unescape_data(found["data"])))
    return parsed


def finding(number: int, severity: Severity, file: str = "registry/networks/a.yaml") -> Finding:
    return Finding(
        f"OM10{number % 10}", severity, f"networks/n{number}", file, number + 1, 3,
        f"/partners/{number}", msg("error.unknown_entity", id=f"n{number}"),
    )  # fmt: skip


def report(*findings: Finding) -> Report:
    return Report("registry", "2026-11-25", tuple(findings), 12)


@pytest.fixture
def broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(BROKEN, tmp_path / "registry")
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- github ------------------------------------------------------------------------------------


def test_github_annotations_as_the_runner_reads_them(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--format", "json"]) == 1
    expected = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "--format", "github"]) == 1
    commands = parse_commands(capsys.readouterr().out)
    assert len(commands) == len(expected) > 0
    for (name, props, data), want in zip(commands, expected, strict=True):
        assert name == want["severity"]
        assert props["file"] == want["file"]
        assert (props["line"], props["col"]) == (str(want["line"]), str(want["column"]))
        assert props["title"].startswith(want["rule"] + " ")
        assert data == want["message"]


def test_github_escaping_keeps_hostile_text_in_its_command() -> None:
    hostile = Finding(
        "OM002", Severity.ERROR, "networks/x", "registry/a,b:c%.yaml", 1, 1, "/name",
        msg("load.syntax", problem="50%\r\n::error file=evil::pwned"),
    )  # fmt: skip
    out = io.StringIO()
    github.write(report(hostile), "en", out, None)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("::error file=registry/a%2Cb%3Ac%25.yaml,line=1,col=1,title=")
    assert sum(line.startswith("::") for line in lines) == 1
    ((_, props, data),) = parse_commands(out.getvalue())
    assert props["file"] == "registry/a,b:c%.yaml"
    assert "::error file=evil::pwned" in data and "\n" not in data  # shown, never run


def test_github_caps_annotate_the_most_severe_and_summarise_the_rest(tmp_path: Path) -> None:
    many = [finding(n, Severity.NOTICE) for n in range(15)]
    many += [finding(n, Severity.WARNING) for n in range(15, 30)]
    many += [finding(n, Severity.ERROR) for n in range(30, 75)]
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    out = io.StringIO()
    github.write(report(*many), "de", out, str(summary))
    commands = parse_commands(out.getvalue())
    counts = {
        name: sum(1 for c in commands if c[0] == name) for name in ("error", "warning", "notice")
    }
    assert counts == {"error": 10, "warning": 10, "notice": 10}
    assert [c[0] for c in commands] == ["error"] * 10 + ["warning"] * 10 + ["notice"] * 10
    assert len(commands) <= github.MAX_PER_JOB
    table = summary.read_text("utf-8")
    assert table.startswith("earlier step\n")  # appended, as GitHub expects
    rows = [line for line in table.splitlines() if line.startswith("| registry/")]
    assert len(rows) == 75 - 30
    assert "in der Job-Zusammenfassung" in out.getvalue()


def test_github_without_a_summary_file_keeps_the_rest_in_the_log() -> None:
    many = [finding(n, Severity.ERROR) for n in range(12)]
    out = io.StringIO()
    github.write(report(*many), "en", out, None)
    assert len(parse_commands(out.getvalue())) == 10
    assert out.getvalue().count("registry/networks/a.yaml:") == 2
    assert "only in the log above" in out.getvalue()


def test_github_summary_file_from_the_environment(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    (broken / "registry" / "networks").mkdir(exist_ok=True)
    assert main(["check", "--format", "github"]) == 1
    assert not summary.exists()  # few findings: everything annotated, no summary needed


# --- sarif -------------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")  # the official OASIS schema
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def test_sarif_is_valid_against_the_official_schema(
    broken: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--format", "sarif"]) == 1
    document = json.loads(capsys.readouterr().out)
    errors = sorted(sarif_validator().iter_errors(document), key=str)
    assert errors == []
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids[:2] == ["OM001", "OM002"] and "OM204" in ids and "OM305" in ids
    assert all(rule["help"]["text"] and rule["shortDescription"]["text"] for rule in rules)
    assert rules[ids.index("OM105")]["help"]["text"].startswith("OM105 — at least three partners")
    results = run["results"]
    assert results and all(r["ruleId"] == ids[r["ruleIndex"]] for r in results)
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert location["artifactLocation"]["uri"].startswith("registry/")
        assert len(result["partialFingerprints"][sarif.FINGERPRINT_KEY]) == 32


def test_sarif_fingerprints_ignore_lines_and_base_mode_marks_new_results() -> None:
    first = finding(1, Severity.ERROR)
    moved = replace(first, line=40)
    assert sarif.fingerprint(first) == sarif.fingerprint(moved)
    old = replace(first, existing=True, rule="OM110")
    history = replace(first, rule="OM302", commit="a" * 40)
    waived = replace(first, waiver="lk-1", severity=Severity.NOTICE)
    whole = replace(first, rule="OM305", entity="history", file="", line=0, column=0, pointer="")
    base = Report("registry", "2026-11-25", (first, old, history, waived, whole), 3, base="b" * 40)
    document = sarif.document(base, "en")
    assert list(sarif_validator().iter_errors(document)) == []
    results = document["runs"][0]["results"]
    assert [r["baselineState"] for r in results] == ["new", "unchanged", "new", "new", "new"]
    assert "physicalLocation" not in results[4]["locations"][0]
    assert github.command(whole, "en").startswith("::error title=OM305 ")
    assert results[2]["properties"]["commit"] == "a" * 40
    assert results[3]["suppressions"][0]["status"] == "accepted"
    assert results[3]["level"] == "note"


def test_sarif_keeps_the_bytes_of_a_file_name_that_is_not_utf8() -> None:
    # git hands such a name over with its bytes as surrogates (`om_cli.git._path`)
    name = b"registry/networks/om-\xffb.yaml".decode("utf-8", "surrogateescape")
    report = Report("registry", "2026-11-25", (replace(finding(1, Severity.ERROR), file=name),), 1)
    stream = io.StringIO()
    sarif.render(report, "en", stream, False)
    (result,) = json.loads(stream.getvalue())["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "registry/networks/om-%FFb.yaml"


# --- junit -------------------------------------------------------------------------------------


def test_junit_is_valid_and_read_by_junitparser(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import junitparser
    import xmlschema

    assert main(["check", "--format", "json"]) == 1
    json_text = capsys.readouterr().out
    expected = json.loads(json_text)["findings"]
    assert main(["check", "--format", "junit"]) == 1
    xml = capsys.readouterr().out
    xmlschema.XMLSchema(str(DATA / "junit-10.xsd")).validate(xml)
    path = tmp_path / "om.xml"
    path.write_text(xml, "utf-8")
    suites = junitparser.JUnitXml.fromfile(str(path))
    cases = [case for suite in suites for case in suite]
    entities = {f["entity"] for f in expected}
    names = {case.name for case in cases}
    assert entities < names and "partners/aok-hessen" in names  # every entity, clean ones too
    assert len(names) == len(cases) == json.loads(json_text)["summary"]["files"]
    failed = {case.name for case in cases if not case.is_passed}
    assert failed == {f["entity"] for f in expected if f["severity"] == "error"}
    for case in cases:
        errors = [f for f in expected if f["entity"] == case.name and f["severity"] == "error"]
        for result in case.result:
            assert all(f"{f['rule']} {f['message']}" in result.text for f in errors)


def test_junit_clean_registry_is_one_passing_case_and_text_is_escaped(tmp_path: Path) -> None:
    import junitparser

    out = io.StringIO()
    junit.render(report(), "de", out, False)
    path = tmp_path / "clean.xml"
    path.write_text(out.getvalue(), "utf-8")
    cases = [case for suite in junitparser.JUnitXml.fromfile(str(path)) for case in suite]
    assert [(case.name, case.is_passed) for case in cases] == [("registry", True)]
    hostile = Finding(
        "OM002", Severity.ERROR, "networks/x", "registry/x.yaml", 1, 1, "/name",
        msg("load.syntax", problem='</failure><x a="1">&\x00\x1b'),
    )  # fmt: skip
    out = io.StringIO()
    junit.render(report(hostile), "en", out, False)
    path.write_text(out.getvalue(), "utf-8")
    (case,) = [case for suite in junitparser.JUnitXml.fromfile(str(path)) for case in suite]
    assert not case.is_passed
    assert '</failure><x a="1">&' in case.result[0].text
