"""Benchmark `om history` against walking the commits one by one with GitPython.

    python bench/history.py [--commits 10000] [--networks 400] [--runs 5] [--gitpython-runs 1]

A registry repository with COMMITS commits is built in a temporary folder with `git fast-import`
(a few seconds): NETWORKS networks apply, are recognised or rejected, some are withdrawn and
apply again, while meetings and new members are recorded in their files and partner files are
added; about a tenth of the network changes arrive through a pull request (a side-branch commit
and a merge commit). Then, round by round, two whole processes are timed:

  om history   om history --repo REPO --format json        (the median of --runs rounds)
  om audit     om audit --repo REPO --format json          (the history rules, same rounds)
  GitPython    this script with --walk REPO: repo.iter_commits(...) over registry/networks, and
               for each commit commit.stats, then the network files' old and new blobs read
               and parsed with PyYAML (C loader) to compare their status — what a user without
               om would write

Both must find the same status changes (the script compares them and exits 1 if they differ).
Prints both medians, the ratio and the targets (om history ≤ 1 s; ≥ 20× faster).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FOLDER = "registry/networks"

PEOPLE = (
    ("Anna Schäfer", "anna.schaefer@offensive-mittelstand.example"),
    ("Bernd Krüger", "bernd.krueger@offensive-mittelstand.example"),
    ("Clara Yılmaz", "clara.yilmaz@netzwerk.example"),
    ("Dieter Hoffmann", "d.hoffmann@ihk.example"),
    ("Eva Lindner", "eva.lindner@hwk.example"),
    ("Frank Otto", "frank.otto@dgb.example"),
    ("Gül Demir", "guel.demir@netzwerk.example"),
    ("Hanna Weber", "hanna.weber@offensive-mittelstand.example"),
)
TOPICS = ("Jahrestreffen", "Workshop INQA-Unternehmenscheck", "Praxisforum Digitalisierung",
          "Sommertreffen", "Arbeitskreis Gesundheit", "Unternehmerfrühstück", None)  # fmt: skip
INSTRUMENTS = ("om-praxis-check-strategie", "om-praxis-check-digitalisierung",
               "om-praxis-check-personalfuehrung", "om-praxis-check-gesundheit")  # fmt: skip
COMMITMENTS = ("leitgedanken", "grundprinzipien", "impartiality", "informs_partners",
               "cooperation")  # fmt: skip
START = date(2013, 1, 7)
END = date(2026, 11, 1)


# --- the repository ----------------------------------------------------------------------------


@dataclass
class Network:
    id: str
    name: str
    district: str
    status: str = "applied"
    dates: dict[str, str] = field(default_factory=dict)
    partners: list[tuple[str, str, str]] = field(default_factory=list)
    instruments: list[str] = field(default_factory=list)
    meetings: list[tuple[str, str | None]] = field(default_factory=list)
    reports: list[str] = field(default_factory=list)
    applications: int = 0

    def render(self) -> bytes:
        lines = [
            "# yaml-language-server: $schema=../../schemas/network.schema.json",
            f"# Regionales Netzwerk der Offensive Mittelstand im Kreis {self.name}.",
            f"id: {self.id}",
            f"name: Offensive Mittelstand {self.name}",
            "kind: regional",
            "regions:",
            f"  - {self.district}",
            f"status: {self.status}",
        ]
        for key in ("applied_on", "recognized_on", "rejected_on", "withdrawn_on"):
            if key in self.dates:
                lines.append(f"{key}: {self.dates[key]}")
        applied = self.dates["applied_on"]
        lines += [
            "application:",
            f"  goals: Die Partner im Kreis {self.name} vernetzen, Unternehmen erreichen und die"
            " Qualität der Beratung nach den Standards der Offensive Mittelstand sichern.",
            "  approach: Arbeitskreise zu Schwerpunktthemen, Lotsenfunktion für Betriebe und"
            " jährlicher Bericht an das Plenum.",
            "# Erklärungen des Netzwerks (Kriterien 2012):",
            "commitments:",
            *(f"  {name}: {applied}" for name in COMMITMENTS),
            "open: true",
            "instruments:",
            "  - inqa-check-guter-mittelstand",
            *(f"  - {instrument}" for instrument in self.instruments),
            "partners:",
            *(f"  - {{partner: {p}, since: {d}, role: {r}}}" for p, d, r in self.partners),
            f"website: https://www.{self.id}.example.de",
            "partner_logo: true",
        ]
        if self.meetings:
            lines.append("meetings:")
            for day, title in self.meetings:
                lines.append(
                    f"  - {{date: {day}, title: {title}}}" if title else f"  - {{date: {day}}}"
                )
        if self.reports:
            lines.append("plenum_reports:")
            lines += [f"  - {{plenum: {day}, form: written}}" for day in self.reports]
        return ("\n".join(lines) + "\n").encode("utf-8")


class Stream:
    """Writes a `git fast-import` stream: commits on main, pull requests as side branches."""

    def __init__(self, out: Any) -> None:
        self.out = out
        self.mark = 0
        self.main: int | None = None
        self.commits = 0

    def _data(self, payload: bytes) -> None:
        self.out.write(b"data %d\n" % len(payload))
        self.out.write(payload)
        self.out.write(b"\n")

    def commit(
        self,
        when: datetime,
        who: tuple[str, str],
        message: str,
        files: dict[str, bytes],
        *,
        ref: str = "refs/heads/main",
        parent: int | None = None,
        merge: int | None = None,
    ) -> int:
        self.mark += 1
        self.commits += 1
        stamp = f"{int(when.timestamp())} +0100"
        ident = f"{who[0]} <{who[1]}> {stamp}"
        self.out.write(f"commit {ref}\nmark :{self.mark}\n".encode())
        self.out.write(f"author {ident}\ncommitter {ident}\n".encode())
        self._data(message.encode("utf-8"))
        base = self.main if parent is None else parent
        if base is not None:
            self.out.write(f"from :{base}\n".encode())
        if merge is not None:
            self.out.write(f"merge :{merge}\n".encode())
        for path, content in files.items():
            self.out.write(f"M 100644 inline {path}\n".encode())
            self._data(content)
        if ref == "refs/heads/main":
            self.main = self.mark
        return self.mark


def build(path: Path, commits: int, networks: int, seed: int) -> dict[str, int]:
    """A registry repository of `commits` commits at `path`; returns what it holds."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    subprocess.run(["git", "-C", str(path), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    process = subprocess.Popen(
        ["git", "-C", str(path), "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE,
    )
    assert process.stdin is not None
    stream = Stream(process.stdin)
    span = (END - START).days * 86400
    clock = datetime(START.year, START.month, START.day, 9, tzinfo=timezone(timedelta(hours=1)))
    step = timedelta(seconds=span / commits)
    counts = {"status_changes": 0, "merges": 0, "partner_commits": 0, "network_edits": 0}

    pool = [Network(f"om-kreis-{n:03d}", f"Kreis {n:03d}", f"ags-{10000 + n * 37:05d}")
            for n in range(networks)]  # fmt: skip
    waiting = list(pool)  # not yet applied
    rng.shuffle(waiting)
    live: list[Network] = []  # applied or recognized
    closed: list[Network] = []  # rejected or withdrawn, may apply again
    pending: list[tuple[int, int, Network, str, dict[str, bytes]]] = []  # open pull requests
    decisions = 0
    partners = 0

    def today() -> str:
        return clock.date().isoformat()

    def change(network: Network, message: str, extra: dict[str, bytes] | None = None) -> None:
        """Commit a change of `network` on main, or (one time in ten) as a pull request."""
        nonlocal clock
        files = {f"{FOLDER}/{network.id}.yaml": network.render(), **(extra or {})}
        who = rng.choice(PEOPLE)
        if rng.random() < 0.1 and stream.main is not None:
            side = stream.commit(clock, who, message, files, ref="refs/heads/pr",
                                 parent=stream.main)  # fmt: skip
            pending.append((rng.randint(1, 6), side, network, message, files))
            locked.add(network.id)
        else:
            stream.commit(clock, who, message, files)
        clock += step

    locked: set[str] = set()
    while stream.commits < commits:
        for item in list(pending):  # merge the pull requests whose time has come
            wait, side, network, message, files = item
            if wait > 0:
                pending[pending.index(item)] = (wait - 1, side, network, message, files)
                continue
            pending.remove(item)
            locked.discard(network.id)
            stream.commit(clock, PEOPLE[0], f"Merge pull request: {message.splitlines()[0]}",
                          files, merge=side)  # fmt: skip
            counts["merges"] += 1
            clock += step
        if stream.commits >= commits:
            break
        roll = rng.random()
        free = [n for n in live if n.id not in locked]
        progress = stream.commits / commits
        if waiting and (roll < 0.06 or not live) and progress < 0.8:
            network = waiting.pop()
            network.status, network.applications = "applied", 1
            network.dates = {"applied_on": today()}
            network.partners = [(f"partner-{rng.randint(0, 4499):04d}", today(), "coordinator")]
            network.partners += [(f"partner-{rng.randint(0, 4499):04d}", today(), "member")
                                 for _ in range(rng.randint(4, 11))]  # fmt: skip
            network.instruments = rng.sample(INSTRUMENTS, rng.randint(0, 3))
            live.append(network)
            change(network, f"Antrag: {network.id}")
            counts["status_changes"] += 1
        elif roll < 0.14 and free:
            network = rng.choice(free)
            decisions += 1
            decision = f"lk-{clock.year}-{decisions:04d}"
            if network.status == "applied":
                outcome = "recognized" if rng.random() < 0.88 else "rejected"
                action = "recognition" if outcome == "recognized" else "rejection"
            elif rng.random() < 0.1:
                outcome, action = "withdrawn", "withdrawal"
                decision = f"plenum-{clock.year}-{decisions:04d}"
            else:
                continue
            network.status = outcome
            network.dates[f"{outcome}_on"] = today()
            if outcome != "recognized":
                live.remove(network)
                closed.append(network)
            body = "plenum" if action == "withdrawal" else "leitungskreis"
            record = (f"id: {decision}\nbody: {body}\ndate: {today()}\nkind: {action}\n"
                      f"networks:\n  - {network.id}\n").encode()  # fmt: skip
            change(
                network,
                f"{action.capitalize()}: {network.id}\n\nOM-Action: {action}\n"
                f"OM-Decision: {decision}\n",
                {f"registry/decisions/{clock.year}/{decision}.yaml": record},
            )
            counts["status_changes"] += 1
        elif roll < 0.15 and (reopen := [n for n in closed if n.id not in locked]):
            network = rng.choice(reopen)
            closed.remove(network)
            network.status = "applied"
            network.applications += 1
            network.dates = {"applied_on": today()}
            live.append(network)
            change(network, f"Erneuter Antrag: {network.id}\n\nOM-Action: application\n")
            counts["status_changes"] += 1
        elif roll < 0.40:
            partners += 1
            content = (f"id: partner-{partners:04d}\nname: Partner {partners}\n"
                       f"type: company\nstatus: active\n").encode()  # fmt: skip
            stream.commit(clock, rng.choice(PEOPLE), f"Partner {partners}",
                          {f"registry/partners/partner-{partners:04d}.yaml": content})  # fmt: skip
            counts["partner_commits"] += 1
            clock += step
        elif free:
            network = rng.choice(free)
            if rng.random() < 0.8:
                network.meetings.append((today(), rng.choice(TOPICS)))
                what = "Treffen"
            elif rng.random() < 0.5:
                network.reports.append(today())
                what = "Plenumsbericht"
            else:
                network.partners.append((f"partner-{rng.randint(0, 4499):04d}", today(), "member"))
                what = "Neuer Partner"
            change(network, f"{what}: {network.id}")
            counts["network_edits"] += 1
    process.stdin.write(b"done\n")
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    counts["commits"] = stream.commits
    counts["networks"] = networks - len(waiting)
    return counts


# --- the GitPython walk -------------------------------------------------------------------------


def walk(path: str) -> list[dict[str, Any]]:
    """Status changes found by walking the commits with GitPython, the way a user would.

    Like `om history`, a merge counts only where its result's status differs from every
    parent's (otherwise the change is the side branch commit's, reported there).
    """
    import git
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    repo = git.Repo(path)

    def status_at(tree: Any, name: str) -> tuple[bool, str | None, str | None]:
        try:
            blob = tree / name
        except KeyError:
            return False, None, None
        try:
            data = yaml.load(blob.data_stream.read(), Loader=loader)
        except yaml.YAMLError:
            return True, None, None
        if not isinstance(data, dict):
            return True, None, None
        status = data.get("status")
        ident = data.get("id")
        return (
            True,
            ident if isinstance(ident, str) else None,
            (status if isinstance(status, str) else None),
        )

    found = []
    for commit in repo.iter_commits("HEAD", paths=FOLDER, reverse=True, full_history=True,
                                    date_order=True):  # fmt: skip
        for name in commit.stats.files:
            name = str(name)
            if not (name.startswith(FOLDER + "/") and name.endswith(".yaml")):
                continue
            new = status_at(commit.tree, name)
            olds = [status_at(parent.tree, name) for parent in commit.parents] or [
                (False, None, None)
            ]
            if any((old[0], old[2]) == (new[0], new[2]) for old in olds):
                continue
            old = olds[0]
            stem = name.rsplit("/", 1)[-1][: -len(".yaml")]
            found.append(
                {
                    "commit": commit.hexsha,
                    "network": (new[1] if new[0] else old[1]) or stem,
                    "old_status": old[2],
                    "new_status": new[2],
                }
            )
    return found


# --- timing -------------------------------------------------------------------------------------


def add_commit(repo: Path, round_: int) -> None:
    """One more commit on main: a network's recognition, as the secretariat would make it."""
    network = Network(f"om-kreis-{round_:03d}", f"Kreis {round_:03d}", f"ags-{20000 + round_}")
    network.status = "recognized"
    network.dates = {"applied_on": "2026-01-05", "recognized_on": "2026-11-02"}
    network.partners = [(f"partner-{n:04d}", "2026-01-05", "member") for n in range(5)]
    content = network.render()
    message = (
        f"Anerkennung {network.id}\n\nOM-Action: recognition\nOM-Decision: lk-2026-{round_:03d}\n"
    )
    stamp = 1793000000 + round_ * 3600
    stream = (
        (
            f"commit refs/heads/main\nauthor {PEOPLE[0][0]} <{PEOPLE[0][1]}> {stamp} +0100\n"
            f"committer {PEOPLE[0][0]} <{PEOPLE[0][1]}> {stamp} +0100\n"
            f"data {len(message.encode())}\n{message}\nfrom refs/heads/main^0\n"
            f"M 100644 inline {FOLDER}/{network.id}.yaml\ndata {len(content)}\n"
        ).encode()
        + content
        + b"\n"
    )
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=stream, check=True)


def timed(
    command: list[str], env: dict[str, str]
) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    return time.perf_counter() - start, result


def key(change: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    return change["commit"], change["network"], change["old_status"], change["new_status"]


def find_om(explicit: str | None) -> list[str]:
    if explicit:
        return explicit.split()
    beside = Path(sys.executable).parent / "om"
    return [str(beside)] if beside.is_file() else [shutil.which("om") or "om"]


SCENARIOS = (
    ("om cold", "om history --no-cache: nothing cached"),
    ("om new commit", "om history after one new commit, the cache holding the rest"),
    ("om warm", "om history again, HEAD unchanged"),
    ("audit new commit", "om audit after the same new commit (history cache already updated)"),
    ("audit warm", "om audit again, HEAD unchanged"),
    ("audit cold", "om audit --no-cache: nothing cached"),
    ("GitPython walk", "repo.iter_commits + commit.stats + blobs parsed with PyYAML"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=10_000)
    parser.add_argument("--networks", type=int, default=400)
    parser.add_argument("--runs", type=int, default=5, help="rounds timing om history")
    parser.add_argument("--gitpython-runs", type=int, default=1,
                        help="rounds that also time the GitPython walk (0: skip it)")  # fmt: skip
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--om", help="the om command (default: om beside this Python)")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--keep", action="store_true", help="keep the generated repository")
    parser.add_argument("--walk", metavar="REPO", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.walk:  # the GitPython side, run as its own process
        json.dump(walk(args.walk), sys.stdout)
        return 0

    om = find_om(args.om)
    folder = Path(tempfile.mkdtemp(prefix="om-bench-history-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "OM_LANG": "de"}
    problems: list[str] = []
    times: dict[str, list[float]] = {label: [] for label, _ in SCENARIOS}
    try:
        repo = folder / "repo"
        start = time.perf_counter()
        counts = build(repo, args.commits, args.networks, args.seed)
        built = time.perf_counter() - start
        print(f"om history benchmark: {counts['commits']} commits, {counts['networks']} networks "
              f"({counts['status_changes']} status commits, {counts['network_edits']} other "
              f"network edits, {counts['partner_commits']} partner commits, "
              f"{counts['merges']} merges); built in {built:.1f} s", flush=True)  # fmt: skip
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        git_version = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout
        print(f"om: {' '.join(om)}; {git_version.strip()}; python {sys.version.split()[0]}; "
              f"{cpus} CPUs", flush=True)  # fmt: skip
        command = [*om, "history", "--repo", str(repo), "--format", "json"]
        audit = [*om, "audit", "--repo", str(repo), "--format", "json"]
        _, primed = timed(command, env)  # fills the cache for the first "new commit" round
        if primed.returncode != 0:
            problems.append(f"om history exited {primed.returncode}: {primed.stderr[-500:]}")
        found = 0
        for round_ in range(max(args.runs, args.gitpython_runs)):
            add_commit(repo, round_)
            outputs: dict[str, Any] = {}
            plan = [("om new commit", command), ("om warm", command),
                    ("om cold", [*command, "--no-cache"]), ("audit new commit", audit),
                    ("audit warm", audit), ("audit cold", [*audit, "--no-cache"])]  # fmt: skip
            if round_ < args.gitpython_runs:
                plan.append(("GitPython walk", [sys.executable, __file__, "--walk", str(repo)]))
            if round_ >= args.runs:
                plan = plan[6:]
            for label, argv_ in plan:
                seconds, result = timed(argv_, env)
                print(f"  round {round_ + 1}: {label} {seconds:.3f} s", file=sys.stderr, flush=True)
                # om audit exits 1 for findings: add_commit adds recognized networks (OM301/OM302)
                if result.returncode != 0 and not (label.startswith("audit") and
                                                   result.returncode == 1):  # fmt: skip
                    problems.append(f"{label} exited {result.returncode}: {result.stderr[-500:]}")
                    continue
                times[label].append(seconds)
                outputs[label] = json.loads(result.stdout)
            om_outputs = [outputs[label] for label in ("om cold", "om new commit", "om warm")
                          if label in outputs]  # fmt: skip
            if any(output != om_outputs[0] for output in om_outputs):
                problems.append(f"round {round_ + 1}: the cache changed the result")
            audits = [outputs[label] for label in ("audit cold", "audit new commit", "audit warm")
                      if label in outputs]  # fmt: skip
            if any(output != audits[0] for output in audits):
                problems.append(f"round {round_ + 1}: the cache changed the audit")
            if om_outputs:
                found = len(om_outputs[0])
            if om_outputs and "GitPython walk" in outputs:
                ours = {key(c) for c in om_outputs[0]}
                theirs = {key(c) for c in outputs["GitPython walk"]}
                if ours != theirs:
                    problems.append(f"round {round_ + 1}: om and the walk disagree: "
                                    f"{len(ours - theirs)} changes only om found, "
                                    f"{len(theirs - ours)} only the walk")  # fmt: skip
        medians = {label: statistics.median(ts) for label, ts in times.items() if ts}
        print()
        print("scenario          runs   median      min      max  walk/om")
        walk_median = medians.get("GitPython walk")
        for label, _ in SCENARIOS:
            if label not in medians:
                continue
            ts = times[label]
            own = label == "GitPython walk"
            ratio = (
                f"{walk_median / medians[label]:7.0f}×" if walk_median and not own else "       —"
            )
            print(f"{label:<16}  {len(ts):>4}  {medians[label]:6.3f} s  {min(ts):6.3f} s  "
                  f"{max(ts):6.3f} s  {ratio}")  # fmt: skip
        print(f"status changes found: {found}")
        print()
        print("targets (DESIGN.md, Performance: om history, 10,000 commits ≤ 1 s; ≥ 20× faster):")
        targets = []
        for label in ("om cold", "om new commit", "om warm", "audit cold", "audit new commit",
                      "audit warm"):  # fmt: skip
            if label not in medians:
                continue
            met = medians[label] <= 1.0
            targets.append({"label": f"{label} ≤ 1 s", "value": medians[label], "met": met})
            if walk_median and label.startswith("om"):
                ratio = walk_median / medians[label]
                targets.append({"label": f"{label} ≥ 20× faster", "value": ratio,
                                "met": ratio >= 20})  # fmt: skip
        for target in targets:
            verdict = "PASS" if target["met"] else "FAIL"
            print(f"  {target['label']:<28} {target['value']:8.2f}  {verdict}")
        for problem in problems:
            print(f"problem: {problem}")
        if args.json:
            document = {"repository": counts, "times_s": times, "median_s": medians,
                        "targets": targets, "problems": problems}  # fmt: skip
            Path(args.json).write_text(json.dumps(document, indent=2), encoding="utf-8")
    finally:
        if args.keep:
            print(f"repository kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
