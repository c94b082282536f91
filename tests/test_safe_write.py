"""Safe writes: the registry lock and all-or-nothing `write_files`.

Every refusal leaves the whole tree (the registry and what lies beside it) byte-identical. The
lock is tested with real processes, and interrupted writes with a child process that is killed
with SIGKILL at each step (the `OM_TEST_CRASH_AT` hook in `om_cli.safe_write`).
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from om_cli import safe_write
from om_cli.errors import WriteError
from om_cli.safe_write import LOCK_NAME, TEMP_PREFIX, Change, registry_lock, write_files

ROOT = Path(__file__).resolve().parent.parent

A_OLD = b"# Netzwerk A\nid: a\nname: Netzwerk A\nstatus: applied\n"
A_NEW = b"# Netzwerk A\nid: a\nname: Netzwerk A\nstatus: recognized\nrecognized_on: 2026-01-15\n"
B_OLD = b"id: b\nname: Netzwerk B\nstatus: recognized\n"
B_NEW = b"id: b\nname: Netzwerk B\nstatus: withdrawn\nwithdrawn_on: 2026-01-15\n"
C_NEW = b"id: lk-2026-01\nbody: leitungskreis\ndate: 2026-01-15\nkind: recognition\n"


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """`tmp_path/registry` with two networks; `tmp_path/outside` lies beside it."""
    root = tmp_path / "registry"
    (root / "networks").mkdir(parents=True)
    (root / "om.yaml").write_bytes(b"criteria: om-2012\n")
    (root / "networks" / "a.yaml").write_bytes(A_OLD)
    (root / "networks" / "b.yaml").write_bytes(B_OLD)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.yaml").write_bytes(b"secret: 1\n")
    return root


def snapshot(top: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry under `top`, links not followed: kind, content or target, permissions."""
    found: dict[str, tuple[str, bytes | str, int]] = {}
    for folder, folders, files in os.walk(top):
        for name in folders + files:
            path = Path(folder) / name
            info = path.lstat()
            key = str(path.relative_to(top))
            mode = stat.S_IMODE(info.st_mode)
            if stat.S_ISLNK(info.st_mode):
                found[key] = ("link", os.readlink(path), 0)
            elif stat.S_ISDIR(info.st_mode):
                found[key] = ("dir", b"", mode)
            else:
                found[key] = ("file", path.read_bytes(), mode)
    return found


def temps(top: Path) -> list[str]:
    return sorted(str(p.relative_to(top)) for p in top.rglob(f"{TEMP_PREFIX}*"))


# --- writing --------------------------------------------------------------------------------------


def test_writes_changed_and_new_files(registry: Path) -> None:
    a, c = registry / "networks" / "a.yaml", registry / "decisions" / "2026" / "lk-2026-01.yaml"
    os.chmod(a, 0o600)
    with registry_lock(str(registry)):
        assert (registry / LOCK_NAME).exists()
        write_files([Change(str(a), A_NEW, A_OLD), Change(str(c), C_NEW, None)])
    assert a.read_bytes() == A_NEW
    assert c.read_bytes() == C_NEW
    assert stat.S_IMODE(a.stat().st_mode) == 0o600, "the old file's mode is kept"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(c.stat().st_mode) == 0o644 & ~umask
    assert temps(registry) == []
    assert not (registry / LOCK_NAME).exists(), "the lock file is removed on release"


def test_no_changes_is_a_no_op(registry: Path) -> None:
    before = snapshot(registry)
    with registry_lock(str(registry)):
        write_files([])
    assert snapshot(registry) == before


def test_explicit_root_without_the_lock(registry: Path) -> None:
    a = registry / "networks" / "a.yaml"
    write_files([Change(str(a), A_NEW, A_OLD)], root=str(registry))
    assert a.read_bytes() == A_NEW


def test_without_lock_or_root_is_a_bug(registry: Path) -> None:
    before = snapshot(registry)
    with pytest.raises(RuntimeError, match="registry_lock"):
        write_files([Change(str(registry / "networks" / "a.yaml"), A_NEW, A_OLD)])
    assert snapshot(registry) == before


def test_the_same_file_twice_is_a_bug(registry: Path) -> None:
    a = str(registry / "networks" / "a.yaml")
    with registry_lock(str(registry)), pytest.raises(ValueError):
        write_files([Change(a, A_NEW, A_OLD), Change(a, A_NEW, A_OLD)])


def test_a_non_yaml_file_is_written_as_it_is(registry: Path) -> None:
    readme = registry / "README.md"
    with registry_lock(str(registry)):
        write_files([Change(str(readme), b"# Register\n\n- not: [yaml\n", None)])
    assert readme.read_bytes() == b"# Register\n\n- not: [yaml\n"


# --- refusals: nothing changes --------------------------------------------------------------------


def _refusal_case(case: str, registry: Path) -> tuple[list[Change], str]:
    """The changes of a refused write (each next to a valid one) and the expected message id."""
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    valid = Change(str(b), B_NEW, B_OLD)
    outside = registry.parent / "outside"
    if case == "symlink":
        link = registry / "networks" / "link.yaml"
        link.symlink_to(outside / "secret.yaml")
        return [valid, Change(str(link), b"secret: 2\n", b"secret: 1\n")], "write.symlink"
    if case == "dangling symlink, new file":
        link = registry / "networks" / "new.yaml"
        link.symlink_to(outside / "new.yaml")
        return [valid, Change(str(link), b"id: new\n", None)], "write.symlink"
    if case == "parent symlink":
        (registry / "decisions").symlink_to(outside, target_is_directory=True)
        target = registry / "decisions" / "2026" / "lk-2026-01.yaml"
        return [valid, Change(str(target), C_NEW, None)], "write.symlink"
    if case == "deeper parent symlink":
        (registry / "decisions").mkdir()
        (registry / "decisions" / "2026").symlink_to(outside, target_is_directory=True)
        target = registry / "decisions" / "2026" / "lk-2026-01.yaml"
        return [valid, Change(str(target), C_NEW, None)], "write.symlink"
    if case == "parent is a file":
        (registry / "decisions").write_bytes(b"")
        target = registry / "decisions" / "2026" / "lk-2026-01.yaml"
        return [valid, Change(str(target), C_NEW, None)], "write.not_folder"
    if case == "changed since read":
        return [valid, Change(str(a), A_NEW, A_OLD + b"# edited\n")], "write.changed"
    if case == "changed, same size":
        return [valid, Change(str(a), A_NEW, A_OLD.replace(b"A", b"X"))], "write.changed"
    if case == "appeared":
        return [valid, Change(str(a), A_NEW, None)], "write.appeared"
    if case == "vanished":
        gone = registry / "networks" / "gone.yaml"
        return [valid, Change(str(gone), A_NEW, A_OLD)], "write.vanished"
    if case == "invalid YAML":
        return [valid, Change(str(a), b"id: a\nname: [unclosed\n", A_OLD)], "write.invalid"
    if case == "duplicate key":
        return [valid, Change(str(a), b"id: a\nid: b\n", A_OLD)], "write.invalid"
    if case == "not a regular file":
        (registry / "networks" / "dir.yaml").mkdir()
        target = registry / "networks" / "dir.yaml"
        return [valid, Change(str(target), b"id: x\n", b"")], "write.not_regular"
    if case == "outside the registry":
        target = registry / ".." / "outside" / "secret.yaml"
        return [valid, Change(str(target), b"secret: 2\n", b"secret: 1\n")], "write.outside"
    raise AssertionError(case)


REFUSALS = [
    "symlink", "dangling symlink, new file", "parent symlink", "deeper parent symlink",
    "parent is a file", "changed since read", "changed, same size", "appeared", "vanished",
    "invalid YAML", "duplicate key", "not a regular file", "outside the registry",
]  # fmt: skip


@pytest.mark.parametrize("case", REFUSALS)
def test_refusal_leaves_everything_as_it_was(case: str, registry: Path) -> None:
    changes, message_id = _refusal_case(case, registry)
    before = snapshot(registry.parent)
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files(changes)
    assert refused.value.message.id == message_id
    assert snapshot(registry.parent) == before


def test_invalid_yaml_message_names_file_line_and_column(registry: Path) -> None:
    a = registry / "networks" / "a.yaml"
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files([Change(str(a), b"id: a\nname: x\nname: y\n", A_OLD)])
    assert refused.value.text("en") == (
        f"the new content of {a} would be invalid (3:1: duplicate key (first in line 2)); "
        "nothing was written"
    )


def test_failed_rename_restores_the_files_already_replaced(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    c = registry / "decisions" / "2026" / "lk-2026-01.yaml"
    before = snapshot(registry.parent)
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: str, target: str) -> None:
        calls.append(target)
        if len(calls) == 3:  # a and the new c are in place, b fails
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(safe_write.os, "replace", failing_replace)
    changes = [
        Change(str(a), A_NEW, A_OLD),
        Change(str(c), C_NEW, None),
        Change(str(b), B_NEW, B_OLD),
    ]
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files(changes)
    assert refused.value.message.id == "write.failed"
    assert "No space left on device" in refused.value.text("en")
    assert snapshot(registry.parent) == before, "a restored, c and its new folders removed"


def test_failed_restore_is_reported(registry: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    real_replace = os.replace
    calls: list[str] = []

    def failing_replace(source: str, target: str) -> None:
        if not str(target).startswith(str(registry)):  # the journal, outside the registry
            return real_replace(source, target)
        calls.append(target)
        if len(calls) >= 2:  # b fails, and so does putting a back
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(safe_write.os, "replace", failing_replace)
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files([Change(str(a), A_NEW, A_OLD), Change(str(b), B_NEW, B_OLD)])
    assert refused.value.message.id == "write.restore_failed"
    assert str(a) in refused.value.text("de")
    assert temps(registry) == []


def test_failure_while_writing_temps_leaves_everything(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    c = registry / "decisions" / "2026" / "lk-2026-01.yaml"
    before = snapshot(registry.parent)
    real_fsync = os.fsync
    calls: list[int] = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(safe_write.os, "fsync", failing_fsync)
    changes = [
        Change(str(a), A_NEW, A_OLD),
        Change(str(c), C_NEW, None),
        Change(str(b), B_NEW, B_OLD),
    ]
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files(changes)
    assert refused.value.message.id == "write.failed"
    assert snapshot(registry.parent) == before


def test_file_changed_while_temps_were_written(
    registry: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last look before the renames catches an editor saving in the meantime."""
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    real_write_temp = safe_write._write_temp

    def write_temp_and_edit(plan: safe_write._Plan) -> str:
        temp = real_write_temp(plan)
        b.write_bytes(B_OLD + b"# saved by an editor\n")
        return temp

    monkeypatch.setattr(safe_write, "_write_temp", write_temp_and_edit)
    with registry_lock(str(registry)), pytest.raises(WriteError) as refused:
        write_files([Change(str(a), A_NEW, A_OLD), Change(str(b), B_NEW, B_OLD)])
    assert refused.value.message.id == "write.changed"
    assert a.read_bytes() == A_OLD
    assert b.read_bytes() == B_OLD + b"# saved by an editor\n"
    assert temps(registry) == []


def test_stale_temps_are_removed_at_the_next_write_in_their_folder(registry: Path) -> None:
    stale = registry / "networks" / f"{TEMP_PREFIX}0123456789abcdef"
    stale.write_bytes(b"half a fi")
    stale_link = registry / "networks" / f"{TEMP_PREFIX}link"
    stale_link.symlink_to(registry.parent / "outside" / "secret.yaml")
    elsewhere = registry / f"{TEMP_PREFIX}fedcba9876543210"
    elsewhere.write_bytes(b"")
    with registry_lock(str(registry)):
        write_files([Change(str(registry / "networks" / "a.yaml"), A_NEW, A_OLD)])
    assert not stale.exists() and not stale_link.is_symlink()
    assert (registry.parent / "outside" / "secret.yaml").read_bytes() == b"secret: 1\n"
    assert elsewhere.exists(), "only the folders written to are cleaned"


# --- the lock -------------------------------------------------------------------------------------

HOLDER = textwrap.dedent(
    """
    import sys, time
    from om_cli.safe_write import registry_lock
    with registry_lock(sys.argv[1]):
        print("locked", flush=True)
        sys.stdin.read()  # hold the lock until the test closes stdin
    """
)


def _hold_lock(registry: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(registry)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_lock_held_by_another_process_times_out(registry: Path) -> None:
    holder = _hold_lock(registry)
    try:
        started = time.monotonic()
        with pytest.raises(WriteError) as refused, registry_lock(str(registry), timeout=0.3):
            pass
        assert refused.value.message.id == "write.locked"
        assert time.monotonic() - started >= 0.3
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        assert holder.wait(timeout=30) == 0
    with registry_lock(str(registry), timeout=5):  # free again
        pass


def test_waiter_gets_the_lock_when_the_holder_releases_it(registry: Path) -> None:
    holder = _hold_lock(registry)
    assert holder.stdin is not None
    waiter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\nfrom om_cli.safe_write import registry_lock\n"
            "with registry_lock(sys.argv[1], timeout=30):\n    print('got it', flush=True)\n",
            str(registry),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    time.sleep(0.5)
    assert waiter.poll() is None, "the waiter must wait while the lock is held"
    holder.stdin.close()
    out, _ = waiter.communicate(timeout=30)
    assert (holder.wait(timeout=30), waiter.returncode, out) == (0, 0, "got it\n")


WORKER = textwrap.dedent(
    """
    import os, sys
    from om_cli.safe_write import Change, registry_lock, write_files
    root, log, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    counter = os.path.join(root, "om.yaml")
    for _ in range(rounds):
        with registry_lock(root, timeout=60):
            with open(log, "a") as stream:
                stream.write(f"enter {os.getpid()}\\n")
            with open(counter, "rb") as stream:
                old = stream.read()
            count = int(old.decode().split(": ")[1])
            write_files([Change(counter, f"count: {count + 1}\\n".encode(), old)])
            with open(log, "a") as stream:
                stream.write(f"leave {os.getpid()}\\n")
    """
)


def test_lock_serialises_two_processes(registry: Path, tmp_path: Path) -> None:
    """Two processes incrementing a counter under the lock: no update lost, no overlap."""
    (registry / "om.yaml").write_bytes(b"count: 0\n")
    log = tmp_path / "log"
    rounds = 40
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(registry), str(log), str(rounds)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
    assert (registry / "om.yaml").read_bytes() == f"count: {2 * rounds}\n".encode()
    lines = log.read_text().splitlines()
    assert len(lines) == 4 * rounds
    for enter, leave in zip(lines[::2], lines[1::2], strict=True):
        assert enter.split()[0] == "enter" and leave.split()[0] == "leave"
        assert enter.split()[1] == leave.split()[1], "another process entered meanwhile"
    assert len({line.split()[1] for line in lines}) == 2
    assert not (registry / LOCK_NAME).exists()


def test_lock_is_reentrant_in_one_process(registry: Path) -> None:
    a = registry / "networks" / "a.yaml"
    with registry_lock(str(registry)):
        with registry_lock(str(registry), timeout=0):
            write_files([Change(str(a), A_NEW, A_OLD)])
        write_files([Change(str(a), A_OLD, A_NEW)])  # still held
    assert a.read_bytes() == A_OLD
    assert not (registry / LOCK_NAME).exists()


def test_stale_lock_file_of_a_killed_process_does_not_block(registry: Path) -> None:
    (registry / LOCK_NAME).write_bytes(b"")
    with registry_lock(str(registry), timeout=0):
        pass
    assert not (registry / LOCK_NAME).exists()


def test_lock_file_that_is_a_link_is_refused(registry: Path) -> None:
    target = registry.parent / "outside" / "secret.yaml"
    (registry / LOCK_NAME).symlink_to(target)
    with pytest.raises(WriteError) as refused, registry_lock(str(registry)):
        pass
    assert refused.value.message.id == "write.lock_failed"
    assert target.read_bytes() == b"secret: 1\n"


def test_lock_on_a_missing_registry(tmp_path: Path) -> None:
    with pytest.raises(WriteError) as refused, registry_lock(str(tmp_path / "nowhere")):
        pass
    assert refused.value.message.id == "write.lock_failed"


# --- interrupted writes ---------------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from om_cli.safe_write import Change, registry_lock, write_files
    root = sys.argv[1]
    a, b, c = (root + "/networks/a.yaml", root + "/networks/b.yaml",
               root + "/decisions/2026/lk-2026-01.yaml")
    A_OLD, A_NEW, B_OLD, B_NEW, C_NEW = (arg.encode() for arg in sys.argv[2:])
    with registry_lock(root):
        write_files([Change(a, A_NEW, A_OLD), Change(b, B_NEW, B_OLD), Change(c, C_NEW, None)])
    """
)


def _run_writer(registry: Path, crash_at: str | None) -> int:
    env = {key: value for key, value in os.environ.items() if key != safe_write.CRASH_HOOK}
    if crash_at is not None:
        env[safe_write.CRASH_HOOK] = crash_at
    contents = [A_OLD, A_NEW, B_OLD, B_NEW, C_NEW]
    args = [sys.executable, "-c", WRITER, str(registry), *(c.decode() for c in contents)]
    return subprocess.run(args, env=env, cwd=ROOT, timeout=60, check=False).returncode


# what each file holds after a kill at each step: (a, b, c); None: absent
AFTER_CRASH = {
    "before-rename": (A_OLD, B_OLD, None),
    "between-renames": (A_NEW, B_OLD, None),
    "after-renames": (A_NEW, B_NEW, C_NEW),
}


@pytest.mark.parametrize("step", list(AFTER_CRASH))
def test_interrupted_write_is_rolled_back_by_the_next_lock(step: str, registry: Path) -> None:
    a, b = registry / "networks" / "a.yaml", registry / "networks" / "b.yaml"
    c = registry / "decisions" / "2026" / "lk-2026-01.yaml"
    assert _run_writer(registry, step) == -signal.SIGKILL
    for path, old, new in ((a, A_OLD, A_NEW), (b, B_OLD, B_NEW), (c, None, C_NEW)):
        content = path.read_bytes() if path.exists() else None
        assert content in (old, new), f"{path.name} is neither wholly old nor wholly new"
    state = tuple(path.read_bytes() if path.exists() else None for path in (a, b, c))
    assert state == AFTER_CRASH[step]
    if step != "after-renames":
        assert temps(registry), "the killed run left its temporary files"
    journals = list((Path(os.environ["XDG_STATE_HOME"]) / "om").glob("journal-*.json"))
    assert len(journals) == 1, "the batch's journal outlives the kill"
    # the next holder of the lock rolls the whole batch back: the registry is as it was
    with registry_lock(str(registry), timeout=5):
        assert (a.read_bytes(), b.read_bytes(), c.exists()) == (A_OLD, B_OLD, False)
        assert not (registry / "decisions").exists(), "the folders the batch made are gone"
        assert temps(registry) == []
        write_files(
            [
                Change(str(a), A_NEW, A_OLD),
                Change(str(b), B_NEW, B_OLD),
                Change(str(c), C_NEW + b"minutes: x\n", None),
            ]
        )
    assert (a.read_bytes(), b.read_bytes()) == (A_NEW, B_NEW)
    assert c.read_bytes() == C_NEW + b"minutes: x\n"
    assert not journals[0].exists()
    assert temps(registry) == []
    assert not (registry / LOCK_NAME).exists()


def test_a_planted_or_foreign_journal_is_not_followed(registry: Path, tmp_path: Path) -> None:
    """A journal that names files outside the registry, or is not the user's own, is ignored."""
    import base64
    import json

    a = registry / "networks" / "a.yaml"
    before = a.read_bytes()
    outside = tmp_path / "outside.txt"
    outside.write_text("keep\n", encoding="utf-8")
    path = Path(safe_write._journal_path(str(registry)))
    path.parent.mkdir(parents=True, exist_ok=True)
    evil = base64.b64encode(b"pwned\n").decode()
    for files in (
        [{"path": "../outside.txt", "old": evil, "mode": 420, "temp": None}],
        [{"path": "networks/a.yaml", "old": evil, "mode": 420, "temp": "../outside.txt"}],
        [{"path": "networks/a.yaml", "old": "not base64!", "mode": 420, "temp": None}],
    ):
        path.write_text(json.dumps({"version": 1, "root": str(registry.resolve()),
                                    "files": files, "folders": []}))  # fmt: skip
        with registry_lock(str(registry), timeout=5):
            pass
        assert outside.read_text("utf-8") == "keep\n" and a.read_bytes() == before
        assert not path.exists()
    good = [{"path": "networks/a.yaml", "old": evil, "mode": 420, "temp": None}]
    path.write_text(json.dumps({"version": 1, "root": str(registry.resolve()), "files": good,
                                "folders": []}))  # fmt: skip
    path.chmod(0o666)  # group- and world-writable: not safely ours
    with registry_lock(str(registry), timeout=5):
        pass
    assert a.read_bytes() == before


def test_a_single_file_needs_no_journal(registry: Path) -> None:
    a = registry / "networks" / "a.yaml"
    with registry_lock(str(registry), timeout=5):
        write_files([Change(str(a), A_NEW, a.read_bytes())])
    assert not (Path(os.environ["XDG_STATE_HOME"]) / "om").exists()


def test_the_crash_hook_is_off_by_default(registry: Path) -> None:
    assert _run_writer(registry, None) == 0
    assert (registry / "networks" / "a.yaml").read_bytes() == A_NEW
    assert (registry / "decisions" / "2026" / "lk-2026-01.yaml").read_bytes() == C_NEW
