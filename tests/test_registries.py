"""Fixture registries: each case's findings are exactly the expected ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from om_cli.checker import check
from om_cli.loader import load_file

CASES = sorted(p for p in (Path(__file__).parent / "registries").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_case(case: Path) -> None:
    expected, _ = load_file(str(case / "expected.yaml"))
    as_of = dt.date.fromisoformat(expected["as_of"])
    report = check(str(case / "registry"), as_of=as_of, use_cache=False)
    got = Counter((f.rule, f.entity, f.severity.value) for f in report.findings)
    want = Counter((f["rule"], f["entity"], f["severity"]) for f in expected["findings"] or [])
    shown = [
        f"{f.rule} {f.severity.value} {f.entity} {f.file}:{f.line}:{f.column} "
        f"{f.message.text('en')}"
        for f in report.findings
    ]
    assert got == want, "\n".join(shown)
    for finding in report.findings:
        assert finding.line >= 1 and finding.column >= 1
