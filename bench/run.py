"""Benchmark `om check` against check-jsonschema on generated registries of 1×, 10×, … size.

    python bench/run.py [--scales 1,10] [--runs 7] [--om PATH] [--json FILE] [--keep]

For each scale a registry is generated (bench/generate.py) into a temporary folder. Then, round
by round, three things are timed as whole processes (wall clock around `subprocess.run`):

  om cold   om check --registry DIR --format json --as-of 2026-11-25 --no-cache
            (with an empty private XDG_CACHE_HOME as well)
  om warm   the same without --no-cache, on a private XDG_CACHE_HOME primed by one run
  cjs       check-jsonschema, schema only, on the same files against om's schemas: one call per
            kind (it takes one --schemafile per call); the round's time is the sum of the calls

The shipped registry (registry/) is timed cold and warm too. Each om run must exit 0 or 1 and
print JSON, else it is reported as a failure and not counted. The medians, the ratios to
check-jsonschema and the targets of DESIGN.md's Performance table are printed, and written as
JSON with --json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import generate

REPO = Path(__file__).resolve().parent.parent
DEFAULT_AS_OF = "2026-11-25"

# Schema kind and the files (glob under the registry) that check-jsonschema validates with it.
# om.yaml is left out: it is one small file, and another process start per round would only
# make check-jsonschema look slower than it is.
SCHEMA_KINDS: tuple[tuple[str, str], ...] = (
    ("partner", "partners/*.yaml"),
    ("network", "networks/*.yaml"),
    ("decision", "decisions/*/*.yaml"),
    ("plenum", "plenum/*.yaml"),
    ("regions", "taxonomy/regions.yaml"),
    ("topics", "taxonomy/topics.yaml"),
    ("instruments", "taxonomy/instruments.yaml"),
)


@dataclass(frozen=True)
class Target:
    """One line of DESIGN.md's Performance table that this harness measures."""

    label: str
    registry: str  # "shipped" or the scale's label, e.g. "10"
    metric: str  # "om_cold", "om_warm" or "ratio_cold"
    limit: float
    unit: str


TARGETS = (
    Target("shipped registry, om cold", "shipped", "om_cold", 0.5, "s"),
    Target("10×, om cold", "10", "om_cold", 1.0, "s"),
    Target("10×, om cold / check-jsonschema", "10", "ratio_cold", 0.5, "×"),
    Target("10×, om warm", "10", "om_warm", 0.3, "s"),
    Target("100×, om cold", "100", "om_cold", 5.0, "s"),
    Target("100×, om warm", "100", "om_warm", 1.0, "s"),
)


@dataclass
class Series:
    """The timings of one scenario on one registry, and the runs that did not count."""

    times: list[float] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    def as_json(self) -> dict[str, Any]:
        return {
            "median_s": _round(self.median),
            "min_s": _round(min(self.times)) if self.times else None,
            "max_s": _round(max(self.times)) if self.times else None,
            "times_s": [_round(t) for t in self.times],
            "failures": self.failures,
            "warnings": self.warnings,
        }


@dataclass
class RegistryResult:
    """Everything measured on one registry."""

    label: str
    path: str
    scale: float | None
    files: int
    bytes: int
    generate_s: float | None = None
    prime_s: float | None = None
    om_cold: Series = field(default_factory=Series)
    om_warm: Series = field(default_factory=Series)
    cjs: Series | None = None
    cjs_invocations: int = 0
    cjs_by_schema: dict[str, list[float]] = field(default_factory=dict)
    summary: dict[str, Any] | None = None
    top_rules: list[tuple[str, int]] = field(default_factory=list)

    @property
    def display(self) -> str:
        return self.label if self.scale is None else f"{_scale_label(self.scale)}×"

    def ratio(self, om: Series) -> float | None:
        if self.cjs is None or om.median is None or not self.cjs.median:
            return None
        return om.median / self.cjs.median

    def as_json(self) -> dict[str, Any]:
        return {
            "registry": self.label,
            "scale": self.scale,
            "path": self.path,
            "files": self.files,
            "bytes": self.bytes,
            "generate_s": _round(self.generate_s),
            "om_prime_s": _round(self.prime_s),
            "om_cold": self.om_cold.as_json(),
            "om_warm": self.om_warm.as_json(),
            "check_jsonschema": None
            if self.cjs is None
            else {
                **self.cjs.as_json(),
                "invocations_per_round": self.cjs_invocations,
                "median_by_schema_s": {
                    name: _round(statistics.median(times))
                    for name, times in self.cjs_by_schema.items()
                    if times
                },
            },
            "ratio_cold": _round(self.ratio(self.om_cold)),
            "ratio_warm": _round(self.ratio(self.om_warm)),
            "om_summary": self.summary,
            "om_top_rules": [{"rule": r, "count": n} for r, n in self.top_rules],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- tools


def locate(name: str, explicit: str | None) -> str | None:
    """The executable `name`: as given, else next to sys.executable (the venv's bin), else PATH."""
    if explicit:
        path = Path(explicit)
        if path.is_file() and os.access(path, os.X_OK):
            return str(path.absolute())
        found = shutil.which(explicit)
        return found
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def version_of(executable: str) -> str:
    """`EXECUTABLE --version`, else the version of the installed distribution behind the script."""
    try:
        proc = subprocess.run(
            [executable, "--version"], capture_output=True, text=True, timeout=60, check=False
        )
        text = (proc.stdout.strip() or proc.stderr.strip()).splitlines()
        if proc.returncode == 0 and text:
            return text[0]
    except (OSError, subprocess.TimeoutExpired):
        pass
    return _distribution_version(executable) or "unknown (no --version)"


_FIND_DISTRIBUTION = """
import importlib.metadata as m, sys
for d in m.distributions():
    for ep in d.entry_points:
        if ep.group == "console_scripts" and ep.name == sys.argv[1]:
            print(d.metadata["Name"], d.version)
            raise SystemExit
"""


def _distribution_version(executable: str) -> str | None:
    """Ask the interpreter of a console script which distribution installed it."""
    try:
        with open(executable, "rb") as fh:
            first = fh.readline(512)
    except OSError:
        return None
    if not first.startswith(b"#!"):
        return None
    interpreter = first[2:].decode("utf-8", "replace").strip().split()
    if not interpreter:
        return None
    try:
        proc = subprocess.run(
            [*interpreter, "-c", _FIND_DISTRIBUTION, Path(executable).name],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout.strip() or None


def source_revision() -> str | None:
    """The commit of this repository (om's source during development), with `+dirty`."""
    try:
        head = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if head.returncode != 0:
        return None
    return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


# --------------------------------------------------------------------------- running


def timed(
    cmd: Sequence[str], env: dict[str, str] | None, cwd: str | None, timeout: float
) -> tuple[float, subprocess.CompletedProcess[bytes] | None, str | None]:
    """Run a command; its wall-clock time, the finished process, or why it did not finish."""
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            list(cmd), env=env, cwd=cwd, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None, f"timed out after {timeout:g} s"
    except OSError as exc:
        return time.perf_counter() - start, None, f"could not start: {exc}"
    return time.perf_counter() - start, proc, None


def _tail(data: bytes, limit: int = 800) -> str:
    text = data.decode("utf-8", "replace").strip()
    return text if len(text) <= limit else "…" + text[-limit:]


def run_om(
    cmd: Sequence[str], env: dict[str, str], timeout: float, round_no: int
) -> tuple[float, dict[str, Any] | None, dict[str, Any] | None]:
    """Time one om run: (seconds, parsed JSON report, failure record)."""
    seconds, proc, error = timed(cmd, env, None, timeout)
    if proc is None:
        return seconds, None, {"run": round_no, "error": error}
    failure: dict[str, Any] = {
        "run": round_no,
        "exit_code": proc.returncode,
        "stderr": _tail(proc.stderr),
    }
    if proc.returncode not in (0, 1):
        failure["error"] = f"exit code {proc.returncode} (expected 0 or 1)"
        return seconds, None, failure
    try:
        report = json.loads(proc.stdout)
    except ValueError as exc:
        failure["error"] = f"stdout is not JSON: {exc}"
        failure["stdout"] = _tail(proc.stdout, 300)
        return seconds, None, failure
    if not isinstance(report, dict):
        failure["error"] = "stdout is JSON but not an object"
        return seconds, None, failure
    return seconds, report, None


def _fingerprint(report: dict[str, Any]) -> str:
    """What must not depend on the cache: the findings and the summary."""
    key = {"findings": report.get("findings"), "summary": report.get("summary")}
    return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()


def _chunks(files: list[str], fixed_args: int) -> list[list[str]]:
    """Split file arguments so each command line stays well within the kernel's ARG_MAX."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError, AttributeError):
        arg_max = 131072
    env_size = sum(len(k) + len(v) + 2 + 8 for k, v in os.environ.items())
    budget = max(16384, (arg_max - env_size) // 2 - fixed_args)
    out: list[list[str]] = []
    current: list[str] = []
    used = 0
    for f in files:
        cost = len(os.fsencode(f)) + 1 + 8  # the string, its NUL, its pointer
        if current and used + cost > budget:
            out.append(current)
            current, used = [], 0
        current.append(f)
        used += cost
    if current:
        out.append(current)
    return out


def cjs_commands(cjs: str, schemas: Path, registry: Path) -> list[list[str]]:
    """check-jsonschema command lines for one round, run with cwd=registry (short paths)."""
    commands: list[list[str]] = []
    for kind, pattern in SCHEMA_KINDS:
        schema = schemas / f"{kind}.schema.json"
        files = sorted(str(p.relative_to(registry)) for p in registry.glob(pattern))
        if not files:
            continue
        base = [cjs, "--schemafile", str(schema.resolve())]
        fixed = sum(len(a) + 9 for a in base)
        commands += [base + chunk for chunk in _chunks(files, fixed)]
    return commands


def count_files(registry: Path) -> tuple[int, int]:
    """Number and total size of the YAML files of a registry."""
    n = size = 0
    for p in registry.rglob("*.yaml"):
        if p.is_file():
            n += 1
            size += p.stat().st_size
    return n, size


def _empty(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def measure(
    result: RegistryResult,
    *,
    om: str,
    cjs: str | None,
    schemas: Path,
    work: Path,
    runs: int,
    cjs_runs: int,
    as_of: str,
    timeout: float,
) -> None:
    """Time om cold, om warm and check-jsonschema alternately, `runs` rounds, into `result`.

    check-jsonschema runs in the first `cjs_runs` rounds only (at 100× one round of it takes
    minutes).
    """
    registry = Path(result.path)
    base_cmd = [om, "check", "--registry", str(registry), "--format", "json", "--as-of", as_of]
    cold_cmd = [*base_cmd, "--no-cache"]
    cold_cache, warm_cache = work / "cache-cold", work / "cache-warm"
    _empty(warm_cache)
    cold_env = {**os.environ, "XDG_CACHE_HOME": str(cold_cache)}
    warm_env = {**os.environ, "XDG_CACHE_HOME": str(warm_cache)}
    commands = cjs_commands(cjs, schemas, registry) if cjs else []
    if cjs and cjs_runs > 0:
        result.cjs = Series()
        result.cjs_invocations = len(commands)

    seconds, report, failure = run_om(base_cmd, warm_env, timeout, 0)
    result.prime_s = seconds
    if failure:
        result.om_warm.failures.append({**failure, "run": "prime"})
    reference: str | None = None
    cold_wrote_cache = False

    for r in range(1, runs + 1):
        log(f"  {result.display}: round {r}/{runs}")
        # (a) cold: --no-cache and an empty cache folder, so nothing can be reused.
        _empty(cold_cache)
        seconds, report, failure = run_om(cold_cmd, cold_env, timeout, r)
        if failure:
            result.om_cold.failures.append(failure)
        elif report is not None:
            result.om_cold.times.append(seconds)
            if reference is None:
                reference = _fingerprint(report)
                _record_summary(result, report)
        if any(cold_cache.iterdir()):
            cold_wrote_cache = True

        # (b) warm: the primed cache.
        seconds, report, failure = run_om(base_cmd, warm_env, timeout, r)
        if failure:
            result.om_warm.failures.append(failure)
        elif report is not None:
            result.om_warm.times.append(seconds)
            if reference is not None and _fingerprint(report) != reference:
                result.om_warm.warnings.append(
                    f"run {r}: findings or summary differ from the cold run's"
                )

        # (c) check-jsonschema, schema only: the sum of one call per kind (and chunk).
        if result.cjs is not None and r <= cjs_runs:
            total, ok = 0.0, True
            by_schema: dict[str, float] = {}
            for cmd in commands:
                seconds, proc, error = timed(cmd, None, str(registry), timeout)
                total += seconds
                name = Path(cmd[2]).name
                by_schema[name] = by_schema.get(name, 0.0) + seconds
                if proc is None or proc.returncode not in (0, 1):
                    ok = False
                    result.cjs.failures.append(
                        {
                            "run": r,
                            "schema": Path(cmd[2]).name,
                            "error": error or f"exit code {proc.returncode if proc else '?'}",
                            "output": _tail(proc.stdout + proc.stderr) if proc else "",
                        }
                    )
                    break
                if proc.returncode == 1 and not result.cjs.warnings:
                    result.cjs.warnings.append(
                        f"schema errors reported with {Path(cmd[2]).name}: "
                        + _tail(proc.stdout, 400)
                    )
            if ok:
                result.cjs.times.append(total)
                for name, seconds in by_schema.items():
                    result.cjs_by_schema.setdefault(name, []).append(seconds)
    if cold_wrote_cache:
        result.om_cold.warnings.append("om check --no-cache wrote into $XDG_CACHE_HOME")
    if result.summary is not None:
        read = result.summary.get("files")
        if isinstance(read, int) and read != result.files:
            result.om_cold.warnings.append(
                f"om read {read} files; the registry has {result.files} YAML files"
            )


def _record_summary(result: RegistryResult, report: dict[str, Any]) -> None:
    summary = report.get("summary")
    result.summary = summary if isinstance(summary, dict) else None
    findings = report.get("findings")
    if isinstance(findings, list):
        rules = Counter(str(f.get("rule", "?")) for f in findings if isinstance(f, dict))
        result.top_rules = rules.most_common(8)


# --------------------------------------------------------------------------- output


def _fmt_s(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _fmt_ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _scale_label(scale: float) -> str:
    return f"{scale:g}"


def target_value(results: Sequence[RegistryResult], target: Target) -> float | None:
    for res in results:
        if res.label != target.registry and not (
            res.scale is not None and _scale_label(res.scale) == target.registry
        ):
            continue
        if target.metric == "om_cold":
            return res.om_cold.median
        if target.metric == "om_warm":
            return res.om_warm.median
        return res.ratio(res.om_cold)
    return None


def render(results: Sequence[RegistryResult], header: list[str], runs: int, cjs_runs: int) -> str:
    lines = [*header, ""]
    cols = (
        "registry",
        "files",
        "MB",
        "generate",
        "om cold",
        "om warm",
        "check-jsonschema",
        "cold/cjs",
        "warm/cjs",
    )
    rows = [cols]
    for res in results:
        label = res.display
        rows.append(
            (
                label,
                str(res.files),
                f"{res.bytes / 1e6:.1f}",
                _fmt_s(res.generate_s),
                _fmt_s(res.om_cold.median),
                _fmt_s(res.om_warm.median),
                "—" if res.cjs is None else _fmt_s(res.cjs.median),
                _fmt_ratio(res.ratio(res.om_cold)),
                _fmt_ratio(res.ratio(res.om_warm)),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(cols))]
    for k, row in enumerate(rows):
        cells = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    plural = "s" if cjs_runs != 1 else ""
    cjs_note = f"median of {cjs_runs} round{plural}, " if 0 < cjs_runs < runs else ""
    lines.append(
        f"(median of {runs} runs, wall clock of the whole process; check-jsonschema: "
        f"{cjs_note}sum of one call per schema kind)"
    )

    breakdown = []
    for res in results:
        if res.cjs_by_schema:
            parts = [
                f"{name.removesuffix('.schema.json')} {statistics.median(times):.2f}"
                for name, times in res.cjs_by_schema.items()
                if times
            ]
            breakdown.append(f"  {res.display}: " + ", ".join(parts))
    if breakdown:
        lines += ["", "check-jsonschema by schema (median seconds per round):", *breakdown]

    lines += ["", "om's findings (first cold run):"]
    for res in results:
        label = res.display
        if res.summary is None:
            lines.append(f"  {label}: no summary (no successful run, or no 'summary' in the JSON)")
            continue
        s = res.summary
        text = (
            f"  {label}: {s.get('error', '?')} error, {s.get('warning', '?')} warning, "
            f"{s.get('notice', '?')} notice; {s.get('files', '?')} files read"
        )
        if res.top_rules:
            text += " — " + ", ".join(f"{r} ×{n}" for r, n in res.top_rules)
        lines.append(text)
        if res.scale is not None and res.top_rules:
            lines.append(
                "    a generated registry should be clean: these findings are a bug in "
                "om or in bench/generate.py"
            )

    problems = []
    for res in results:
        label = res.display
        named: list[tuple[str, Series | None]] = [
            ("om cold", res.om_cold),
            ("om warm", res.om_warm),
            ("check-jsonschema", res.cjs),
        ]
        for name, series in named:
            if series is None:
                continue
            for f in series.failures:
                problems.append(
                    f"  {label}, {name}, run {f.get('run')}: {f.get('error', '')}"
                    + (f"\n      {f['stderr']}" if f.get("stderr") else "")
                )
            problems += [f"  {label}, {name}: {w}" for w in series.warnings]
    if problems:
        lines += ["", "problems (failed runs are not counted):", *problems]

    lines += ["", "targets (DESIGN.md, Performance; set for 2 cores):"]
    for t in TARGETS:
        value = target_value(results, t)
        if value is None:
            status, shown = "n/a ", "not measured"
        else:
            status = "PASS" if value <= t.limit else "FAIL"
            shown = f"{value:.3f} s" if t.unit == "s" else f"{value:.2f}×"
        limit = f"≤ {t.limit:g} s" if t.unit == "s" else f"≤ {t.limit:g}×"
        lines.append(f"  {status}  {t.label:<34} {limit:<8} {shown}")
    lines.append("  (not measured here: om check --base, om history, om audit)")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def _parse_scales(text: str) -> list[float]:
    try:
        scales = [float(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not scales or any(s <= 0 for s in scales):
        raise argparse.ArgumentTypeError("scales must be positive numbers, e.g. 1,10,100")
    return scales


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark om check against check-jsonschema (see bench/README.md)."
    )
    parser.add_argument(
        "--scales",
        type=_parse_scales,
        default=[1.0, 10.0],
        help="comma-separated registry scales (default 1,10; 100 takes minutes)",
    )
    parser.add_argument("--runs", type=int, default=7, help="timed rounds per scale (default 7)")
    parser.add_argument("--om", help="the om executable (default: beside python, else PATH)")
    parser.add_argument(
        "--check-jsonschema",
        dest="cjs",
        help="the check-jsonschema executable (default: beside python, else PATH)",
    )
    parser.add_argument(
        "--cjs-runs",
        type=int,
        help="rounds that also run check-jsonschema (default: --runs; 0: never)",
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the generated registries and caches (their folder is printed)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--as-of", default=DEFAULT_AS_OF, help="--as-of for om (default %(default)s)"
    )
    parser.add_argument(
        "--registry",
        type=Path,
        default=REPO / "registry",
        help="the shipped registry to time as well (default: registry/)",
    )
    parser.add_argument("--no-shipped", action="store_true", help="skip the shipped registry")
    parser.add_argument(
        "--schemas",
        type=Path,
        default=REPO / "schemas",
        help="om's JSON Schemas for check-jsonschema (default: schemas/)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="seconds before one process counts as failed (default 600)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        as_of = date.fromisoformat(args.as_of)
    except ValueError:
        parser.error(f"--as-of is not a date: {args.as_of!r}")

    cjs_runs = args.runs if args.cjs_runs is None else max(0, args.cjs_runs)
    om = locate("om", args.om)
    if om is None:
        print(
            "run.py: om not found (install the project, e.g. `pip install -e .`, or pass --om)",
            file=sys.stderr,
        )
        return 2
    cjs = locate("check-jsonschema", args.cjs)
    if cjs is None:
        log(
            "run.py: check-jsonschema not found (pip install check-jsonschema, or pass "
            "--check-jsonschema); comparing without it"
        )
    elif not args.schemas.is_dir():
        log(f"run.py: no schemas in {args.schemas}; comparing without check-jsonschema")
        cjs = None

    om_version = version_of(om)
    cjs_version = version_of(cjs) if cjs else None
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    revision = source_revision()
    header = [
        f"om benchmark: om check --as-of {args.as_of}, {args.runs} runs per scenario",
        f"om: {om_version} ({om})" + (f"; repository at {revision}" if revision else ""),
        f"check-jsonschema: {cjs_version} ({cjs})" if cjs else "check-jsonschema: not used",
        f"python {platform.python_version()} ({sys.executable}), {platform.system()} "
        f"{platform.machine()}, {cpus} CPUs",
    ]
    log("\n".join(header))

    work = Path(tempfile.mkdtemp(prefix="om-bench-"))
    results: list[RegistryResult] = []
    try:
        if not args.no_shipped:
            if args.registry.is_dir():
                files, size = count_files(args.registry)
                res = RegistryResult("shipped", str(args.registry.resolve()), None, files, size)
                log(f"shipped registry {args.registry}: {files} files")
                measure(
                    res,
                    om=om,
                    cjs=None,
                    schemas=args.schemas,
                    work=work / "shipped",
                    runs=args.runs,
                    cjs_runs=cjs_runs,
                    as_of=args.as_of,
                    timeout=args.timeout,
                )
                results.append(res)
            else:
                log(f"run.py: no shipped registry at {args.registry}; skipped")
        for scale in args.scales:
            label = _scale_label(scale)
            folder = work / f"scale-{label}"
            registry = folder / "registry"
            registry.mkdir(parents=True)
            log(f"scale {label}×: generating into {registry}")
            stats = generate.generate(registry, scale, seed=args.seed, as_of=as_of)
            # Let the written files reach the disk before timing, so writeback does not
            # compete with the first runs.
            if hasattr(os, "sync"):
                os.sync()
            log(f"  {stats.files} files, {stats.bytes / 1e6:.1f} MB in {stats.seconds:.2f} s")
            res = RegistryResult(
                label, str(registry), scale, stats.files, stats.bytes, generate_s=stats.seconds
            )
            measure(
                res,
                om=om,
                cjs=cjs,
                schemas=args.schemas,
                work=folder,
                runs=args.runs,
                cjs_runs=cjs_runs,
                as_of=args.as_of,
                timeout=args.timeout,
            )
            results.append(res)
    finally:
        # Removed only at the end: deleting tens of thousands of files keeps the disk busy
        # for a while, which would slow down the runs of the next scale.
        if args.keep:
            log(f"kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print(render(results, header, args.runs, cjs_runs))
    if args.json:
        doc = {
            "version": 1,
            "as_of": args.as_of,
            "runs": args.runs,
            "machine": {
                "python": platform.python_version(),
                "system": platform.system(),
                "machine": platform.machine(),
                "cpus": cpus,
            },
            "tools": {
                "om": {"path": om, "version": om_version, "repository": revision},
                "check_jsonschema": {"path": cjs, "version": cjs_version} if cjs else None,
            },
            "registries": [r.as_json() for r in results],
            "targets": [
                {
                    "label": t.label,
                    "registry": t.registry,
                    "metric": t.metric,
                    "limit": t.limit,
                    "unit": t.unit,
                    "value": _round(v := target_value(results, t)),
                    "met": None if v is None else v <= t.limit,
                }
                for t in TARGETS
            ],
            "kept": str(work) if args.keep else None,
        }
        args.json.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    failed = any(
        s.failures or not s.times
        for r in results
        for s in (r.om_cold, r.om_warm, r.cjs)
        if s is not None
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
