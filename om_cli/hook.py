"""`om hook pre-receive`: the server refuses pushes that break the registry.

git runs the hook in the (usually bare) repository with one line `<old> <new> <ref>` per
updated ref on standard input; a non-zero exit refuses the whole push, and what the hook prints
reaches the pusher as `remote:` lines. For each ref:

- `refs/replace/*` is refused: replacement objects would let a push disguise what a commit
  contains (om's own git calls ignore them, other tools do not).
- A branch update that is not a fast-forward, or a deletion, is refused on a protected branch
  (`git config --add om.protected <branch>`; default: the default branch, the bare
  repository's HEAD). On other branches it is allowed and checked against the merge base.
- Every other branch update is checked like `om check --base <old> --head <new>`; a new branch
  against the default branch; the first push into an empty repository as a whole. Any error
  finding the update introduces refuses the push, and the findings are the message.

The check runs in a child process with a time limit (`om.timeout`, seconds, default 60) and
memory limits (`om.memory`, MiB of address space, default 2048; CPU seconds as well) set with
`setrlimit` in the child, so a hostile push (an alias bomb, a huge or deeply nested file) can
neither hang nor exhaust the server: a check that does not finish in time refuses the push.

New objects are still in git's quarantine while the hook runs; the child keeps the `GIT_*`
variables git set for the hook (`GIT_QUARANTINE_PATH`, `GIT_OBJECT_DIRECTORY`,
`GIT_ALTERNATE_OBJECT_DIRECTORIES`), so git — called only through `om_cli.git`, whose
environment keeps them — sees the pushed commits. Nothing is checked out: registries are read
from git objects.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from om_cli import git
from om_cli.findings import Report
from om_cli.messages import Message, msg, printable

ZERO = "0" * 40
FINDINGS = 11  # the child's exit code for "the change brings errors" (om_cli.hook_child)
DEFAULT_TIMEOUT = 60.0
DEFAULT_MEMORY_MIB = 2048
OUTPUT_LIMIT = 64 * 1024  # what the pusher is shown of one check, at most


@dataclass(frozen=True, slots=True)
class RefVerdict:
    """What the hook decided for one ref, with the messages (and check output) for the pusher."""

    ref: str
    accepted: bool
    messages: tuple[Message, ...] = ()
    output: str = ""


@dataclass(frozen=True, slots=True)
class Settings:
    protected: frozenset[str]
    timeout: float
    memory_mib: int
    registry: str | None
    lang: str
    default_branch: str | None = None
    python: str = field(default=sys.executable)


def settings(repository: str, lang: str) -> Settings:
    """The hook's configuration from `git config` (om.protected, om.timeout, om.memory,
    om.registry)."""
    default = git.default_branch(repository)
    protected = {_branch_ref(value) for value in git.config_values(repository, "om.protected")}
    if not protected and default:
        protected = {default}
    return Settings(
        protected=frozenset(protected),
        timeout=_number(git.config_values(repository, "om.timeout"), DEFAULT_TIMEOUT),
        memory_mib=int(_number(git.config_values(repository, "om.memory"), DEFAULT_MEMORY_MIB)),
        registry=next(reversed(git.config_values(repository, "om.registry")), None),
        lang=lang,
        default_branch=default,
    )


def _branch_ref(name: str) -> str:
    name = name.strip()
    return name if name.startswith("refs/") else f"refs/heads/{name}"


def _number(values: list[str], default: float) -> float:
    try:
        value = float(values[-1]) if values else default
    except ValueError:
        return default
    return value if value > 0 else default


def pre_receive(lines: Iterable[str], repository: str, config: Settings) -> list[RefVerdict]:
    """Judge every ref update of one push."""
    verdicts = []
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 3:
            verdicts.append(RefVerdict(printable(line, 200), False, (msg("hook.bad_line"),)))
            continue
        old, new, ref = parts
        verdicts.append(_judge(old, new, ref, repository, config))
    return verdicts


def _judge(old: str, new: str, ref: str, repository: str, config: Settings) -> RefVerdict:
    shown = printable(ref, 200)
    if ref.startswith("refs/replace/"):
        return RefVerdict(shown, False, (msg("hook.replace", ref=shown),))
    if not ref.startswith("refs/heads/"):
        return RefVerdict(shown, True)  # tags, notes: no registry branch to judge
    protected = ref in config.protected
    if new == ZERO:
        if protected:
            return RefVerdict(shown, False, (msg("hook.delete_protected", ref=shown),))
        return RefVerdict(shown, True)
    if protected and old != ZERO and not git.is_ancestor(repository, old, new):
        return RefVerdict(shown, False, (msg("hook.non_fast_forward", ref=shown),))
    base: str | None = old if old != ZERO else None
    if base is None and config.default_branch and config.default_branch != ref:
        base = git.commit_id(repository, config.default_branch)
    if base is not None and git.merge_base(repository, base, new) is None:
        base = None  # unrelated history: judged as a whole
    code, output, problem = _run_child(repository, base, new, config)
    if problem is not None:
        return RefVerdict(shown, False, (problem,), output)
    if code == 0:
        return RefVerdict(shown, True, (), output)
    if code == FINDINGS:
        return RefVerdict(shown, False, (msg("hook.findings", ref=shown),), output)
    # a crash (out of memory …) is no verdict: its output (a traceback) is not shown
    shown_output = output if code == 2 else ""
    return RefVerdict(shown, False, (msg("hook.check_failed", ref=shown, code=code),), shown_output)


def _run_child(
    repository: str, base: str | None, head: str, config: Settings
) -> tuple[int, str, Message | None]:
    """Run the check of one update in a child process with time and memory limits."""
    request = {
        "repository": repository,
        "base": base,
        "head": head,
        "registry": config.registry,
        "lang": config.lang,
    }
    memory = config.memory_mib * 1024 * 1024
    cpu = int(config.timeout) + 1

    def limit() -> None:  # runs in the child, before om starts
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    try:
        process = subprocess.Popen(
            [config.python, "-m", "om_cli.hook_child", json.dumps(request)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=git.environment(),
            preexec_fn=limit,
            start_new_session=True,
        )
    except OSError as error:
        return 2, "", msg("hook.check_failed", ref=head[:12], code=error.errno or -1)
    try:
        out, _ = process.communicate(timeout=config.timeout)
    except subprocess.TimeoutExpired:
        # the child leads its own process group: end it together with the git it started
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return -1, "", msg("hook.timeout", seconds=_seconds(config.timeout))
    text = out[:OUTPUT_LIMIT].decode("utf-8", "replace")
    if len(out) > OUTPUT_LIMIT:
        text += "\n…"
    return process.returncode, text, None


def _seconds(value: float) -> str:
    return f"{value:g}"


def child_report(request: dict[str, object]) -> Report:
    """The child's work: the report of one update (`om check --base`, or the whole registry of
    a first push)."""
    from om_cli.basecheck import check_base

    repository = str(request["repository"])
    head = str(request["head"])
    base = request.get("base")
    registry = request.get("registry")
    folder = registry if isinstance(registry, str) else None
    if isinstance(base, str):
        return check_base(folder, base, head=head, repository=repository)
    return _whole(repository, head, folder)


def _whole(repository: str, head: str, registry: str | None) -> Report:
    """The first push: the whole registry of `head`, as of its own date."""
    import datetime as dt

    from om_cli.basecheck import inside_tree, tree_report
    from om_cli.errors import RegistryError

    repo = git.open_repository(repository)
    inside = inside_tree(repo, head, registry)
    day = dt.date.fromisoformat(git.commit_day(repo.path, head))
    report = tree_report(repo, head, inside, registry or inside, day)
    if report is None:
        raise RegistryError(msg("error.no_registry_at", path=printable(inside, 200), rev=head[:12]))
    return report
