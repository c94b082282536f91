"""`om status`: the secretariat's one screen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from briefing_registry import ROOT, briefing_registry, network, write

from om_cli.cli import main

DEMO = ROOT / "registry"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "status", "--as-of", "2026-11-25", "--registry", str(DEMO))
    assert code == 0, err
    assert out.splitlines()[0] == f"Register {DEMO}, Stand 25.11.2026"
    for label, count in (("beantragt", 1), ("anerkannt", 7), ("abgelehnt", 1), ("entzogen", 1),
                         ("aktiv", 54), ("ausgeschieden", 3), ("Fehler", 0), ("Warnung", 0),
                         ("Hinweis", 1)):  # fmt: skip
        assert re.search(rf"│ {label} +│ +{count} │", out), label
    assert "Keine Fehler und keine Warnungen." in out
    assert "Nächste Plenumssitzung: 08.12.2026 in Berlin (in 13 Tagen)" in out


def test_demo_status_in_english_on_the_meeting_day(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2026-12-08", "--lang", "en",
                       "--registry", str(DEMO))  # fmt: skip
    assert code == 0
    assert "Next Plenum meeting: 2026-12-08 in Berlin (today)" in out


def test_urgent_findings_errors_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = briefing_registry(tmp_path)
    code, out, _ = run(capsys, "status", "--as-of", "2026-11-24", "--registry", str(root))
    assert code == 1  # the registry has errors
    rows = re.findall(r"│ (Fehler|Warnung|Hinweis) +│ (OM\d{3}) +│", out)
    assert rows == [("Fehler", "OM203"), ("Fehler", "OM102"), ("Fehler", "OM103"),
                    ("Fehler", "OM108"), ("Fehler", "OM109"), ("Warnung", "OM204"),
                    ("Warnung", "OM204"), ("Warnung", "OM201")]  # fmt: skip
    assert "Nächste Plenumssitzung: 24.11.2026" in out


def test_at_most_ten_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = briefing_registry(tmp_path)
    for index in range(4):  # four more applications, each without its five commitments
        write(root, f"networks/neu-{index}.yaml",
              network(f"neu-{index}", name=f"Netzwerk {index}", status="applied",
                      regions=("ags-06636",), recognized_on=None, commitments=False))  # fmt: skip
    code, out, _ = run(capsys, "status", "--as-of", "2026-11-24", "--registry", str(root))
    assert code == 1
    rows = re.findall(r"│ (Fehler|Warnung) +│ (OM\d{3}) +│", out)
    assert len(rows) == 10
    assert all(severity == "Fehler" for severity, _ in rows)
    match = re.search(r"… und (\d+) weitere Fehler und Warnungen", out)
    assert match is not None and int(match.group(1)) > 10


def test_no_future_meeting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", "--as-of", "2027-01-05", "--registry", str(DEMO))
    assert "Keine künftige Plenumssitzung in plenum/ eingetragen." in out
    assert code in (0, 1)


def test_hostile_entity_names_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = briefing_registry(tmp_path)
    location = "[bold red]Ort[/] [link=x]y"
    write(
        root,
        "plenum/2027-05-11.yaml",
        {"id": "2027-05-11", "date": "2027-05-11", "location": location},
    )
    _, out, _ = run(capsys, "status", "--as-of", "2027-01-05", "--registry", str(root))
    assert "\x1b" not in out
    # shown as text, not taken as markup
    assert "Nächste Plenumssitzung: 11.05.2027 in [bold red]Ort[/] [link=x]y" in out
