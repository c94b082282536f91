"""The HTML briefing in a real headless Chromium: loads cleanly, shows the data, prints on A4.

The browser is the system's Chromium (Debian package `chromium`, installed by `.ci/run`),
driven through playwright; playwright never downloads a browser here. A screenshot and a PDF of
each briefing are kept under `test-artifacts/` for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from briefing_registry import ROOT, briefing_registry
from conftest import require_tool

from om_cli.cli import main

ARTIFACTS = ROOT / "test-artifacts"
A4_POINTS = (595.28, 841.89)  # 210 mm × 297 mm; Chromium rounds to whole device pixels


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield launched
        finally:
            launched.close()


def briefing_html(registry: Path, date: str, target: Path, lang: str = "de") -> Path:
    code = main(["report", "plenum", "--date", date, "--format", "html", "--lang", lang,
                 "--registry", str(registry), "--out", str(target)])  # fmt: skip
    assert code == 0
    return target


def open_page(browser: Any, path: Path) -> tuple[Any, list[str]]:
    """The page, loaded; the list collects console errors and warnings, page errors and every
    request that leaves the file (there must be none)."""
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "request",
        lambda request: (
            None if request.url == path.as_uri() else problems.append(f"request: {request.url}")
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


CASES = [
    pytest.param("demo", "2026-05-19", "de", id="demo-de"),
    pytest.param("demo", "2026-12-08", "en", id="demo-en"),
    pytest.param("tmp", "2026-11-24", "de", id="tmp-hostile"),
]


@pytest.mark.parametrize("which,date,lang", CASES)
def test_briefing_in_chromium(
    browser: Any, tmp_path: Path, which: str, date: str, lang: str
) -> None:
    registry = ROOT / "registry" if which == "demo" else briefing_registry(tmp_path)
    name = f"briefing-{which}-{date}-{lang}"
    path = briefing_html(registry, date, tmp_path / f"{name}.html", lang)
    page, problems = open_page(browser, path)
    try:
        assert problems == []
        assert page.evaluate("document.scripts.length") == 0
        # the matrix as rendered: one row per network, one cell per rule, states as in the data
        cells = page.eval_on_selector_all(
            "table.matrix td.cell",
            "cells => cells.map(c => [c.closest('tr').dataset.network, c.dataset.rule, "
            "c.dataset.state, c.textContent.trim(), getComputedStyle(c).backgroundColor])",
        )
        rows = page.eval_on_selector_all("table.matrix tbody tr", "rows => rows.length")
        assert len(cells) == rows * 18 and rows > 0  # the file column and 17 rules
        symbols = {"error": "✗", "warning": "!", "notice": "i", "pass": "✓", "na": "–"}
        backgrounds: dict[str, set[str]] = {}
        for _, _, state, text, background in cells:
            assert text.startswith(symbols[state])
            backgrounds.setdefault(state, set()).add(background)
        assert all(len(colours) == 1 for colours in backgrounds.values())  # one colour a state
        assert len({next(iter(c)) for c in backgrounds.values()}) == len(backgrounds)
        # each bar is drawn as high as its count says, relative to the others
        bars = page.eval_on_selector_all(
            "svg.chart rect.bar",
            "bars => bars.map(b => [Number(b.dataset.count), b.getBoundingClientRect().height])",
        )
        assert bars
        units = {round(height / count, 1) for count, height in bars if count}
        assert len(units) == 1, units
        assert all(height < 0.5 for count, height in bars if count == 0)
        # nothing wider than the page, on screen and when printed (A4 minus margins ≈ 700 px)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.emulate_media(media="print")
        page.set_viewport_size({"width": 700, "height": 1000})
        overflow = page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => "
            "e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".map(e => e.tagName + '.' + e.className.baseVal ?? e.className).slice(0, 5)"
        )
        assert overflow == []
        ARTIFACTS.mkdir(exist_ok=True)
        page.emulate_media(media="screen")
        page.set_viewport_size({"width": 1100, "height": 1400})
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        pdf = page.pdf(path=str(ARTIFACTS / f"{name}.pdf"), prefer_css_page_size=True)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]", pdf)
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        assert abs(float(width) - A4_POINTS[0]) < 2 and abs(float(height) - A4_POINTS[1]) < 2
    assert (ARTIFACTS / f"{name}.png").stat().st_size > 10_000


def test_chromium_command_line_prints_the_briefing(tmp_path: Path) -> None:
    """The plain `chromium --headless --print-to-pdf` a secretariat member might use works too."""
    import subprocess

    executable = require_tool("chromium")
    path = briefing_html(ROOT / "registry", "2026-12-08", tmp_path / "briefing.html")
    pdf = tmp_path / "briefing.pdf"
    subprocess.run(
        [executable, "--headless", "--disable-gpu", "--no-sandbox", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", path.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 2 <= pages <= 12
