"""`pip install .` works outside the checkout: schemas and defaults ship inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_carries_schemas_and_defaults_and_works_outside_the_checkout(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    wheel = next((tmp_path / "dist").glob("om_cli-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    for kind in (
        "network",
        "partner",
        "decision",
        "plenum",
        "regions",
        "topics",
        "instruments",
        "om",
    ):
        assert f"om_cli/schemas/{kind}.schema.json" in names
    assert "om_cli/defaults/om.yaml" in names
    assert "om_cli/templates/briefing.html.j2" in names and "om_cli/templates/style.css" in names
    assert any(name.endswith("entry_points.txt") for name in names)
    # run the unpacked package from an unrelated folder, with the checkout off the path
    script = (
        "import sys; sys.path = [p for p in sys.path if 'om_cli' not in p and p != '']; "
        f"sys.path.insert(0, {str(tmp_path / 'site')!r}); "
        "import om_cli; assert om_cli.__file__.startswith(sys.path[0]), om_cli.__file__; "
        "from om_cli.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    registry = ROOT / "tests" / "registries" / "clean-base" / "registry"
    result = subprocess.run(
        [sys.executable, "-c", script, "check", "--registry", str(registry),
         "--as-of", "2026-11-25", "--format", "json", "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONNOUSERSITE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert '"error": 0' in result.stdout
    # the briefing's templates are package data: rendered from the unpacked wheel
    result = subprocess.run(
        [sys.executable, "-c", script, "report", "plenum", "--registry", str(registry),
         "--date", "2026-11-24", "--format", "html"],
        cwd=tmp_path, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONNOUSERSITE": "1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and "@page" in result.stdout
