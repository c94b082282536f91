"""`om report plenum`: the briefing's numbers against the registry and the real check."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from briefing_registry import HOSTILE_NAME, ROOT, briefing_registry

from om_cli.briefing import FILE_RULES, MATRIX_RULES, add_months
from om_cli.briefing_render import TEMPLATE_TEXTS, md_escape
from om_cli.cli import main
from om_cli.loader import parse
from om_cli.messages import CATALOGUE

DEMO = ROOT / "registry"
SEVERITY_RANK = {"error": 0, "warning": 1, "notice": 2}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def load_yaml(path: Path) -> dict[str, Any]:
    data = parse(path.read_bytes())[0]
    assert isinstance(data, dict)
    return data


def networks_of(root: Path) -> dict[str, dict[str, Any]]:
    return {path.stem: load_yaml(path) for path in sorted((root / "networks").glob("*.yaml"))}


def network_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / "networks").glob("*.yaml"))


def real_findings(
    capsys: pytest.CaptureFixture[str], root: Path, date: str
) -> list[dict[str, Any]]:
    code, out, _ = run(
        capsys, "check", "--registry", str(root), "--as-of", date, "--format", "json", "--no-cache"
    )
    assert code in (0, 1)
    findings: list[dict[str, Any]] = json.loads(out)["findings"]
    return findings


def expected_cells(
    root: Path, findings: list[dict[str, Any]]
) -> dict[tuple[str, str], tuple[str, set[str]]]:
    """(network, rule) -> (worst severity or pass/na, set of messages), from the check's JSON."""
    decisions = {path.stem: load_yaml(path) for path in (root / "decisions").glob("*/*.yaml")}
    cells: dict[tuple[str, str], tuple[str, set[str]]] = {}
    for network_id in network_ids(root):
        for rule in ("file", *MATRIX_RULES):
            hits = []
            for finding in findings:
                if finding["rule"] != rule and not (
                    rule == "file" and finding["rule"] in FILE_RULES
                ):
                    continue
                if finding["entity"] == f"networks/{network_id}":
                    hits.append(finding)
                elif rule == "OM204":
                    decision = decisions.get(finding["entity"].split("/", 1)[1], {})
                    if network_id in decision.get("networks", []):
                        hits.append(finding)
            if hits:
                worst = min((f["severity"] for f in hits), key=SEVERITY_RANK.__getitem__)
                cells[(network_id, rule)] = (worst, {f["message"] for f in hits})
            else:
                cells[(network_id, rule)] = ("pass-or-na", set())
    return cells


class BriefingHTML(HTMLParser):
    """Collects the matrix cells, the chart's bars and the annex rows of a briefing page."""

    def __init__(self) -> None:
        super().__init__()
        self.row: str | None = None
        self.cells: dict[tuple[str, str], dict[str, str]] = {}
        self.bars: list[dict[str, str]] = []
        self.annex: dict[str, dict[str, str]] = {}
        self.tags: Counter[str] = Counter()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags[tag] += 1
        for name in ("href", "src", "xmlns", "action", "data"):
            if name in values:
                self.urls.append(values[name])
        if tag == "tr" and "data-network" in values:
            self.row = values["data-network"]
        if tag == "td" and "data-rule" in values and self.row is not None:
            self.cells[(self.row, values["data-rule"])] = values
        if tag == "rect" and "bar" in values.get("class", "").split():
            self.bars.append(values)
        if tag == "tr" and values.get("id", "").startswith("f-"):
            self.annex[values["id"][2:]] = values


def parsed(html: str) -> BriefingHTML:
    page = BriefingHTML()
    page.feed(html)
    return page


def test_demo_briefing_matrix_equals_the_real_check(capsys: pytest.CaptureFixture[str]) -> None:
    date = "2026-05-19"
    code, html, err = run(capsys, "report", "plenum", "--date", date, "--format", "html",
                          "--registry", str(DEMO))  # fmt: skip
    assert code == 0, err
    findings = real_findings(capsys, DEMO, date)
    page = parsed(html)
    expected = expected_cells(DEMO, findings)
    assert set(page.cells) == set(expected)
    for key, (state, messages) in expected.items():
        cell = page.cells[key]
        if state == "pass-or-na":
            assert cell["data-state"] in (("pass",) if key[1] == "file" else ("pass", "na")), key
            assert cell["data-findings"] == ""
        else:
            assert cell["data-state"] == state, key
            for message in messages:
                assert message in cell["title"], key  # the finding on hover
    # every finding of the check is in the annex, numbered as the cells refer to it
    assert len(page.annex) == len(findings)
    for key, cell in page.cells.items():
        for number in cell["data-findings"].split():
            assert page.annex[number]["data-rule"] == key[1]


def test_demo_briefing_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "report", "plenum", "--date", "2026-12-08", "--format", "json",
                       "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    data = json.loads(out)
    statuses = Counter(n["status"] for n in networks_of(DEMO).values())
    assert data["summary"]["networks"] == {
        "applied": statuses["applied"],
        "recognized": statuses["recognized"],
        "rejected": statuses["rejected"],
        "withdrawn": statuses["withdrawn"],
    }
    assert sum(data["summary"]["networks"].values()) == 10
    partners = [load_yaml(p) for p in (DEMO / "partners").glob("*.yaml")]
    left = [p for p in partners if p.get("left_on") and p["left_on"] <= "2026-12-08"]
    assert data["summary"]["partners"]["active"] == len(partners) - len(left) == 54
    assert data["summary"]["partners"]["listed"] == 46  # as many as `om export partners` lists
    assert data["previous"] == "2026-05-19"
    assert data["plenum"] == "2026-12-08"
    assert data["summary"]["findings"] == {"error": 0, "warning": 0, "notice": 1}
    assert [a["network"] for a in data["applications"]] == ["om-region-darmstadt"]
    assert data["applications"][0]["lacking"] == []


def test_meetings_chart_equals_the_meetings(capsys: pytest.CaptureFixture[str]) -> None:
    date = "2026-12-08"
    code, html, _ = run(capsys, "report", "plenum", "--date", date, "--format", "html",
                        "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    page = parsed(html)
    live = {k: v for k, v in networks_of(DEMO).items() if v["status"] in ("applied", "recognized")}
    counted: Counter[tuple[str, int]] = Counter()
    for network_id, network in live.items():
        for meeting in network.get("meetings", []):
            if meeting["date"] <= date:
                counted[(network_id, int(meeting["date"][:4]))] += 1
    assert len(page.bars) == len(live) * 6
    assert {bar["data-network"] for bar in page.bars} == set(live)
    heights = {}
    for bar in page.bars:
        key = (bar["data-network"], int(bar["data-year"]))
        assert int(bar["data-count"]) == counted[key], key
        heights[key] = float(bar["height"])
    # the bars' heights are proportional to the counts they show
    unit = {round(heights[k] / counted[k], 2) for k in heights if counted[k]}
    assert len(unit) == 1
    assert all(heights[k] == 0 for k in heights if not counted[k])
    assert sum(counted[k] for k in heights) > 40


def test_tmp_registry_sections(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = briefing_registry(tmp_path)
    code, out, err = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "json",
                         "--registry", str(root))  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["previous"] == "2026-05-12"
    assert data["summary"]["networks"]["recognized"] == 2
    assert data["summary"]["partners"] == {"active": 4, "inactive": 1, "listed": 2}
    changes = {(c["what"], c["entity"]) for c in data["changes"]}
    assert changes == {("partner_joined", "neue-gmbh"), ("partner_left", "alte-ag")}
    cells = {row["network"]: row["cells"] for row in data["matrix"]["networks"]}
    assert cells["om-schwalm-eder"]["OM203"]["state"] == "error"
    assert cells["om-schwalm-eder"]["OM107"]["state"] == "notice"  # waived
    assert cells["om-schwalm-eder"]["OM201"]["state"] == "warning"
    assert cells["om-schwalm-eder"]["OM112"]["state"] == "na"
    assert cells["om-kassel"]["OM204"]["state"] == "warning"
    assert cells["om-waldeck"]["OM102"]["state"] == "error"
    assert cells["om-waldeck"]["OM203"]["state"] == "na"  # an application is not yet judged
    meetings = {m["network"]: m for m in data["meetings"]}
    assert meetings["om-schwalm-eder"]["years"]["2024"] == 1
    assert meetings["om-schwalm-eder"]["short"] == [2024]
    reports = {r["network"]: r for r in data["plenum_reports"]}
    assert reports["om-schwalm-eder"]["missing_years"] == [2025]
    assert reports["om-schwalm-eder"]["due"] is True
    assert reports["om-kassel"]["missing_years"] == []
    (application,) = data["applications"]
    assert application["network"] == "om-waldeck"
    lacking = {data["findings"][i]["rule"] for i in application["lacking"]}
    assert lacking == {"OM102", "OM103", "OM108", "OM109"}
    decisions = {d["id"]: d for d in data["decisions"]}
    assert set(decisions) == {"lk-2026-06-schlichtung", "lk-2026-07-ausnahme"}
    assert decisions["lk-2026-06-schlichtung"]["must_inform"] is True
    assert decisions["lk-2026-07-ausnahme"]["must_inform"] is False
    assert [d["id"] for d in data["to_inform"]] == ["lk-2025-01-schlichtung"]
    assert data["waivers"] == [
        {"rule": "OM107", "entity": "networks/om-schwalm-eder",
         "decision": "lk-2026-07-ausnahme", "until": "2027-02-28", "days_left": 96}
    ]  # fmt: skip
    check = real_findings(capsys, root, "2026-11-24")

    # the annex holds exactly the check's findings, errors first, then warnings, then notices
    def key(f: dict[str, Any]) -> tuple[str, str, str, str]:
        return (f["rule"], f["entity"], f["severity"], f["message"])

    assert sorted(map(key, data["findings"])) == sorted(map(key, check))
    ranks = [SEVERITY_RANK[f["severity"]] for f in data["findings"]]
    assert ranks == sorted(ranks)


def test_waiver_window_is_six_months(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = briefing_registry(tmp_path)
    # 2026-08-28 + 6 months = 2027-02-28: the waiver is inside the window, a day earlier not
    _, out, _ = run(capsys, "report", "plenum", "--date", "2026-08-28", "--format", "json",
                       "--registry", str(root))  # fmt: skip
    assert len(json.loads(out)["waivers"]) == 1
    _code, out, _ = run(capsys, "report", "plenum", "--date", "2026-08-27", "--format", "json",
                       "--registry", str(root))  # fmt: skip
    assert json.loads(out)["waivers"] == []
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 12, 8), 6) == dt.date(2027, 6, 8)


def test_hostile_names_stay_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = briefing_registry(tmp_path)
    code, html, _ = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "html",
                        "--registry", str(root))  # fmt: skip
    assert code == 0
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "<b>zwischen" not in html
    page = parsed(html)
    assert page.tags["script"] == 0
    code, md, _ = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "md",
                      "--registry", str(root))  # fmt: skip
    assert "<script" not in md and "<b>" not in md
    assert "\\[link\\](javascript" in md
    assert md_escape(HOSTILE_NAME) in md
    # no row of a table gains a cell from a name: every matrix row has the same cell count
    rows = [line for line in md.splitlines() if "(beantragt)" in line or "(anerkannt)" in line]
    assert len(rows) == 3
    assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1


def test_html_is_self_contained(capsys: pytest.CaptureFixture[str]) -> None:
    code, html, _ = run(capsys, "report", "plenum", "--date", "2026-12-08", "--format", "html",
                        "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    page = parsed(html)
    assert page.tags["script"] == 0 and page.tags["link"] == 0 and page.tags["img"] == 0
    assert all(url.startswith("#") for url in page.urls), page.urls
    assert not re.search(r"[a-z]+://|//[a-z]", html)  # no URL at all
    assert "url(" not in html and "@import" not in html
    assert "@page { size: A4" in html and "@media print" in html
    assert page.tags["svg"] == 1


def test_languages(capsys: pytest.CaptureFixture[str]) -> None:
    _, german, _ = run(capsys, "report", "plenum", "--date", "2026-12-08", "--registry", str(DEMO))
    _, english, _ = run(capsys, "report", "plenum", "--date", "2026-12-08", "--lang", "en",
                        "--registry", str(DEMO))  # fmt: skip
    assert german.startswith("# Lagebericht zur Plenumssitzung am 08.12.2026")
    assert english.startswith("# Briefing for the Plenum meeting on 2026-12-08")
    assert "Anhang" in german and "Annex" in english


def test_out_writes_atomically(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "briefing.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    code, out, err = run(capsys, "report", "plenum", "--date", "2026-12-08", "--format", "html",
                         "--out", str(target), "--registry", str(DEMO))  # fmt: skip
    assert code == 0, err
    assert out == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert os.listdir(target.parent) == ["briefing.html"]  # no temporary file left behind
    # a folder that does not exist: exit 2, a message, nothing written
    missing = tmp_path / "nowhere" / "b.html"
    code, _, err = run(capsys, "report", "plenum", "--date", "2026-12-08", "--out", str(missing),
                       "--registry", str(DEMO))  # fmt: skip
    assert code == 2
    assert "kann nicht geschrieben werden" in err
    assert not missing.parent.exists()


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "report", "plenum", "--date", "2026-02-30",
                         "--registry", str(DEMO))  # fmt: skip
    assert code == 2
    assert out == ""
    assert "Traceback" not in err


def test_template_texts_are_listed() -> None:
    """Every `t("…")` in a template is in TEMPLATE_TEXTS (and so known to the message tests)."""
    templates = ROOT / "om_cli" / "templates"
    used = set()
    for path in templates.glob("*.j2"):
        used |= set(re.findall(r"\bt\(\"([a-z_.]+)\"", path.read_text(encoding="utf-8")))
    assert used == set(TEMPLATE_TEXTS)
    assert all(message_id in CATALOGUE for message_id in used)


def test_broken_network_files_show_in_the_file_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = briefing_registry(tmp_path)
    (root / "networks" / "kaputt.yaml").write_bytes(b"id: kaputt\nname: [unclosed\n")
    (root / "networks" / "falsch.yaml").write_text(
        '{"id": "falsch", "name": "Falsch", "kind": "regional", "status": "recognized",'
        ' "colour": "blue"}\n',
        encoding="utf-8",
    )
    code, html, _ = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "html",
                        "--registry", str(root))  # fmt: skip
    assert code == 0
    page = parsed(html)
    findings = real_findings(capsys, root, "2026-11-24")
    expected = expected_cells(root, findings)
    assert page.cells[("kaputt", "file")]["data-state"] == "error"
    assert expected[("kaputt", "file")][0] == "error"
    assert page.cells[("falsch", "file")]["data-state"] == "error"
    assert "OM002" in {f["rule"] for f in findings if f["entity"] == "networks/falsch"}
    assert page.cells[("om-kassel", "file")]["data-state"] == "pass"


def test_briefing_at_a_commit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--at REV`: the registry as it stood at a commit (a past meeting's briefing)."""
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    root = briefing_registry(repo)
    env = {"HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1", "PATH": "/usr/bin:/bin",
           "GIT_AUTHOR_NAME": "GS", "GIT_AUTHOR_EMAIL": "gs@example.org",
           "GIT_COMMITTER_NAME": "GS", "GIT_COMMITTER_EMAIL": "gs@example.org"}  # fmt: skip
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", "Register"], cwd=repo, env=env, check=True)
    (root / "networks" / "om-waldeck.yaml").unlink()  # after the commit: gone from the tree
    monkeypatch.chdir(repo)
    code, out, err = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "json",
                         "--at", "HEAD", "--registry", "registry")  # fmt: skip
    assert code == 0, err
    then = json.loads(out)
    assert [a["network"] for a in then["applications"]] == ["om-waldeck"]
    assert then["registry"] == "registry"
    _, out, _ = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "json",
                    "--registry", "registry")  # fmt: skip
    assert json.loads(out)["applications"] == []
    code, _, err = run(capsys, "report", "plenum", "--date", "2026-11-24", "--at", "nirgends",
                       "--registry", "registry")  # fmt: skip
    assert code == 2 and "Traceback" not in err
    # a hostile commit: a partner file that is a link to a secret outside the repository
    (root / "partners" / "geheim.yaml").symlink_to("/etc/passwd")
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", "Link"], cwd=repo, env=env, check=True)
    code, out, err = run(capsys, "report", "plenum", "--date", "2026-11-24", "--format", "json",
                         "--at", "HEAD", "--registry", "registry")  # fmt: skip
    assert code in (0, 1) and "Traceback" not in err, err
    assert "root:" not in out


def test_date_defaults_to_the_next_meeting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = briefing_registry(tmp_path)
    today = dt.date.today()
    ahead = today + dt.timedelta(days=30)
    write_plenum = root / "plenum" / f"{ahead.isoformat()}.yaml"
    write_plenum.write_text(
        f"id: {ahead.isoformat()}\ndate: {ahead.isoformat()}\nlocation: Kassel\n", "utf-8"
    )
    code, out, err = run(capsys, "report", "plenum", "--format", "json", "--registry", str(root))
    assert code == 0, err
    assert json.loads(out)["date"] == ahead.isoformat()
    write_plenum.unlink()
    for path in (root / "plenum").glob("*.yaml"):
        if path.stem >= today.isoformat():
            path.unlink()
    code, out, err = run(capsys, "report", "plenum", "--registry", str(root))
    assert code == 2 and out == ""
    assert "--date" in err
