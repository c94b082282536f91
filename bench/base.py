"""Benchmark `om check --base`: a pull request that changes one file of a 10× registry.

    python bench/base.py [--scale 10] [--runs 7] [--om PATH] [--json FILE] [--keep]

A registry of the given scale (bench/generate.py) is committed to `main` of a temporary git
repository; a branch `pr` is checked out. Then, round by round, each run a whole process
(wall clock around `subprocess.run`), with a private XDG_CACHE_HOME:

  base warm, one changed file   one network file is edited (a different edit each round), then
                                `om check --base main --format json`: the cache knows the
                                base's report (by tree id) and every other file's parse result
                                — the usual CI rerun and a coordinator's second push
  base warm, unchanged          the same command again, nothing changed
  base cold                     `om check --base main --no-cache` on the same change
  plain warm, one changed file  `om check` alone after the same kind of edit, for comparison

Each run must exit 0 or 1 and print JSON, and the changed-file runs must report no new
finding (the edits are harmless); otherwise the script stops with an error. Medians are
printed with the target of DESIGN.md (≤ 1 s), PASS or FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
AS_OF_DATE = "2026-11-25T12:00:00+01:00"
TARGET_S = 1.0


def git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
        "GIT_AUTHOR_DATE": AS_OF_DATE, "GIT_COMMITTER_DATE": AS_OF_DATE,
    }  # fmt: skip
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, dict[str, Any]]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr.decode()[-800:]}")
    report = json.loads(proc.stdout)
    if not isinstance(report, dict):
        raise SystemExit("om did not print a JSON object")
    return seconds, report


def edit(path: Path, round_no: int) -> None:
    """A harmless edit: a comment line that differs every round."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("# bench edit")]
    lines.insert(1, f"# bench edit {round_no}\n")
    path.write_text("".join(lines), "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--om", default=str(Path(sys.executable).parent / "om"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="om-bench-base-"))
    try:
        repo = folder / "repo"
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPO / "bench" / "generate.py"), "--scale", str(args.scale),
             "--out", str(repo / "registry"), "--as-of", "2026-11-25"],
            check=True, capture_output=True,
        )  # fmt: skip
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "registry")
        git(repo, "checkout", "-q", "-b", "pr")
        files = sum(1 for _ in (repo / "registry").rglob("*.yaml"))
        print(f"registry: scale {args.scale:g}, {files} files, set up in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "OM_LANG": "en"}
        networks = sorted((repo / "registry" / "networks").glob("*.yaml"))
        base_cmd = [args.om, "check", "--base", "main", "--format", "json"]
        plain_cmd = [args.om, "check", "--format", "json", "--as-of", "2026-11-25"]
        timed(base_cmd, repo, env)  # prime: the base's tree report and the parse cache
        timed(plain_cmd, repo, env)
        series: dict[str, list[float]] = {
            "base warm, one changed file": [],
            "base warm, unchanged": [],
            "base cold (--no-cache)": [],
            "plain warm, one changed file": [],
        }
        for round_no in range(args.runs):
            edit(networks[round_no % len(networks)], round_no)
            seconds, report = timed(base_cmd, repo, env)
            if report["findings"]:
                raise SystemExit(f"a harmless edit gave findings: {report['findings'][:2]}")
            series["base warm, one changed file"].append(seconds)
            series["base warm, unchanged"].append(timed(base_cmd, repo, env)[0])
            series["base cold (--no-cache)"].append(timed([*base_cmd, "--no-cache"], repo, env)[0])
            edit(networks[(round_no + 1) % len(networks)], round_no)
            series["plain warm, one changed file"].append(timed(plain_cmd, repo, env)[0])
        print(f"om check --base, scale {args.scale:g} ({files} files), {args.runs} runs")
        print(f"{'scenario':<32} {'median':>8} {'min':>8} {'max':>8}")
        for name, times in series.items():
            print(
                f"{name:<32} {statistics.median(times):>7.3f}s {min(times):>7.3f}s "
                f"{max(times):>7.3f}s"
            )
        value = statistics.median(series["base warm, one changed file"])
        met = value <= TARGET_S
        print(f"target: om check --base, one changed file, warm ≤ {TARGET_S:g} s: "
              f"{'PASS' if met else 'FAIL'} ({value:.3f} s)")  # fmt: skip
        if args.json:
            args.json.write_text(
                json.dumps(
                    {"scale": args.scale, "files": files, "runs": args.runs,
                     "series": series, "target_s": TARGET_S, "met": met},
                    indent=2,
                ),
                "utf-8",
            )  # fmt: skip
        return 0  # a missed target is reported, not an error (as bench/run.py does)
    finally:
        if args.keep:
            print(f"kept: {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
