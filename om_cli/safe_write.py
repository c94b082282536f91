"""Safe writes to a registry: one lock, all-or-nothing, never through a link.

Every command that changes registry files (`om decide`, `om apply`, `om record`, `om fmt`)
goes through this module:

    with registry_lock(root):
        old = read the files …
        write_files([Change(path, new_bytes, expected=old), …])

`registry_lock` serialises om processes on one registry with an exclusive `flock` on
`<root>/.om.lock` (a dot file, so discovery never sees it; it is removed again on release).
`write_files` checks everything before it touches anything: no link on the way, every file
still as the caller read it (or still absent), every new YAML file accepted by the strict
loader. Then it writes each file to a temporary file in its own folder, fsyncs it, renames all
of them over the targets and fsyncs the folders. A failure before the renames leaves the
registry exactly as it was; a failed rename puts back the files already replaced from the old
bytes it keeps in memory. A process killed in the middle leaves each file wholly old or wholly
new (a rename is atomic); its temporary files (`.om-tmp-…`) are removed by the next write in
that folder.

A batch of several files is all-or-nothing even across a kill: before the first rename a
journal records every file's old bytes (or that it did not exist), the temporary files and the
folders the write creates; it is removed once every rename is done and durable. The next
`registry_lock` on that registry finds a journal left by a killed process and rolls the batch
back, so the registry is again exactly as it was. The journal lives in the user's own state
folder (`$XDG_STATE_HOME/om`, default `~/.local/state/om`), keyed by the registry's absolute
path, never in the registry: a file in a pull request must not be able to pose as one. A
journal that is not safely the user's own, or names anything outside its registry, is ignored.

A caller that commits what it wrote (`om decide`) passes `hold=`: the journal then also
records the repository, its HEAD before and the paths, outlives `write_files`, and is released
by the caller once the commit is made (`release`). Rolling back such a batch also takes the
paths out of the index again, unless HEAD has moved meanwhile: then the commit was made and
there is nothing to undo.

Test hook: when the environment variable `OM_TEST_CRASH_AT` is `before-rename`,
`between-renames` or `after-renames` (or a step a caller names with `crash_point`, such as
`om decide`'s `before-commit` and `after-commit`), the process kills itself with SIGKILL at
that step, so the tests can check what an interrupted write leaves behind. Nothing else reads
it.
"""

from __future__ import annotations

import errno
import os
import secrets
import signal
import stat
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import NamedTuple

from om_cli.errors import OmError, WriteError
from om_cli.loader import MAX_BYTES, LoadError, parse
from om_cli.messages import msg

LOCK_NAME = ".om.lock"
TEMP_PREFIX = ".om-tmp-"
NEW_FILE_MODE = 0o644
CRASH_HOOK = "OM_TEST_CRASH_AT"
_POLL_SECONDS = 0.05
# file names the strict loader judges; other files (a README) are written as they are
_YAML_SUFFIXES = (".yaml", ".yml")

# registries this process holds the lock of: absolute root -> nesting depth
_held: dict[str, int] = {}


@dataclass(frozen=True, slots=True)
class Change:
    """One file to write: its new bytes and what the caller read before.

    `expected=None` means the file must not exist yet; otherwise its bytes must still equal
    `expected` ("the file did not change since it was read").
    """

    path: str
    new: bytes
    expected: bytes | None


def _reason(error: OSError) -> str:
    return error.strerror or type(error).__name__


@contextmanager
def registry_lock(root: str, timeout: float = 10.0) -> Iterator[None]:
    """Hold the registry's write lock; wait up to `timeout` seconds for another om process.

    Re-entrant within one process. The lock file is removed on release while the lock is still
    held; a waiter that then holds a lock on the removed file notices (its inode is no longer
    the path's) and tries again, so two processes can never both believe they hold the lock.
    """
    import fcntl

    key = os.path.abspath(root)
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = os.path.join(key, LOCK_NAME)  # absolute: the release finds it after a chdir too
    shown = os.path.join(root, LOCK_NAME)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, NEW_FILE_MODE)
        except OSError as error:
            raise WriteError(msg("write.lock_failed", path=shown, reason=_reason(error))) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            os.close(fd)
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise WriteError(
                    msg("write.lock_failed", path=shown, reason=_reason(error))
                ) from None
            if time.monotonic() >= deadline:
                raise WriteError(msg("write.locked", path=shown)) from None
            time.sleep(_POLL_SECONDS)
            continue
        if _is_current(fd, path):
            break
        os.close(fd)  # the holder before us removed this file on release: lock the new one
    _held[key] = 1
    try:
        recover(key)
        yield
    finally:
        del _held[key]
        with suppress(OSError):  # a stale lock file is harmless: the next holder removes it
            os.unlink(path)
        os.close(fd)  # releases the lock


def _is_current(fd: int, path: str) -> bool:
    """Whether the locked descriptor is still the file at `path`."""
    try:
        on_disk = os.lstat(path)
    except OSError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def crash_point(step: str) -> None:
    """The test hook described in the module docstring."""
    if os.environ.get(CRASH_HOOK) == step:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass(slots=True)
class _Plan:
    """One change, checked: where it goes and what it replaces."""

    path: str
    new: bytes
    old: bytes | None  # the current bytes, kept to restore the file
    mode: int
    temp: str | None = None
    replaced: bool = False


def _root_of(path: str, root: str | None) -> str:
    if root is not None:
        return os.path.abspath(root)
    if not _held:
        raise RuntimeError(
            "write_files needs the registry lock (registry_lock(root)) or an explicit root="
        )
    inside = [held for held in _held if _contains(held, path)]
    # a path outside every locked registry is refused as lying outside the latest one
    return max(inside, key=len) if inside else list(_held)[-1]


def _contains(root: str, path: str) -> bool:
    return path != root and os.path.commonpath([root, path]) == root


def write_files(
    changes: Sequence[Change], *, root: str | None = None, hold: Hold | None = None
) -> str | None:
    """Write all `changes` or none of them; raise `WriteError` when that cannot be done.

    Every path must lie inside a registry this process holds `registry_lock` on, or inside
    `root` when given. Nothing is touched unless every check passes: no link among the file
    and its folders inside the registry, every expectation met, every new `.yaml`/`.yml`
    document accepted by the strict loader. With `hold`, the journal is kept (see the module
    docstring) and its path returned for `release`; otherwise None is returned.
    """
    if not changes:
        return None
    paths = [os.path.abspath(change.path) for change in changes]
    if len(set(paths)) != len(paths):
        raise ValueError("write_files: the same file twice")
    plans: list[_Plan] = []
    missing_folders: list[str] = []  # to create, parents first
    for change, path in zip(changes, paths, strict=True):
        registry = _root_of(path, root)
        if not _contains(registry, path):
            raise WriteError(msg("write.outside", path=change.path, root=registry))
        for folder in _folders_between(registry, path):
            if folder not in missing_folders and _check_folder(folder):
                missing_folders.append(folder)
        old, mode = _current(path, change)
        _validate(change)
        plans.append(_Plan(path, change.new, old, mode))
    created: list[str] = []
    journal: str | None = None
    at = changes[0].path  # what is being worked on, for the message
    try:
        for folder in missing_folders:
            at = folder
            os.mkdir(folder)
            created.append(folder)
        for folder in {os.path.dirname(plan.path) for plan in plans}:
            at = folder
            _remove_stale_temps(folder)
        for change, plan in zip(changes, plans, strict=True):
            at = change.path
            plan.temp = _write_temp(plan)
        # a last look just before the renames narrows the window for an editor saving meanwhile
        for change, plan in zip(changes, plans, strict=True):
            _current(plan.path, change)
        journal = _write_journal(plans, created, root, hold)
        crash_point("before-rename")
    except BaseException as error:
        _discard(plans, created)
        _remove_journal(journal)
        if isinstance(error, OSError):
            raise WriteError(msg("write.failed", path=at, reason=_reason(error))) from None
        raise
    try:
        for index, plan in enumerate(plans):
            assert plan.temp is not None
            os.replace(plan.temp, plan.path)
            plan.temp, plan.replaced = None, True
            if index == 0:
                crash_point("between-renames")
    except BaseException as error:
        failed = next((plan for plan in plans if not plan.replaced), plans[-1])
        unrestored = _restore(plans)
        _discard(plans, created)
        if not unrestored:
            _remove_journal(journal)
        if not isinstance(error, OSError):
            raise
        shown = _shown(changes, failed.path)
        if unrestored:
            raise WriteError(
                msg(
                    "write.restore_failed",
                    path=shown,
                    reason=_reason(error),
                    files=", ".join(_shown(changes, path) for path in unrestored),
                )
            ) from None
        raise WriteError(msg("write.failed", path=shown, reason=_reason(error))) from None
    crash_point("after-renames")
    folders = {os.path.dirname(plan.path) for plan in plans}
    folders.update(os.path.dirname(folder) for folder in created)
    for folder in sorted(folders):
        _fsync_folder(folder)
    if hold is not None:
        return journal
    _remove_journal(journal)
    return None


def release(journal: str | None) -> None:
    """The batch a held journal guards is complete (committed, or rolled back by the caller)."""
    _remove_journal(journal)


def _shown(changes: Sequence[Change], path: str) -> str:
    """The path as the caller spelt it."""
    for change in changes:
        if os.path.abspath(change.path) == path:
            return change.path
    return path


def _folders_between(root: str, path: str) -> list[str]:
    """The folders from the registry root (exclusive) down to the file's folder."""
    relative = os.path.relpath(os.path.dirname(path), root)
    if relative == ".":
        return []
    folders = []
    current = root
    for part in relative.split(os.sep):
        current = os.path.join(current, part)
        folders.append(current)
    return folders


def _check_folder(folder: str) -> bool:
    """Refuse a link or a non-folder; True when the folder does not exist yet."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        return True
    except OSError as error:
        raise WriteError(msg("write.failed", path=folder, reason=_reason(error))) from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(msg("write.symlink", path=folder))
    if not stat.S_ISDIR(info.st_mode):
        raise WriteError(msg("write.not_folder", path=folder))
    return False


def _current(path: str, change: Change) -> tuple[bytes | None, int]:
    """The file's current bytes and mode, checked against what the caller expects."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if change.expected is not None:
            raise WriteError(msg("write.vanished", path=change.path)) from None
        return None, NEW_FILE_MODE
    except OSError as error:
        raise WriteError(msg("write.failed", path=change.path, reason=_reason(error))) from None
    if stat.S_ISLNK(info.st_mode):
        raise WriteError(msg("write.symlink", path=change.path))
    if not stat.S_ISREG(info.st_mode):
        raise WriteError(msg("write.not_regular", path=change.path))
    if change.expected is None:
        raise WriteError(msg("write.appeared", path=change.path))
    if info.st_size != len(change.expected):
        raise WriteError(msg("write.changed", path=change.path))
    current = _read(path, change)
    if current != change.expected:
        raise WriteError(msg("write.changed", path=change.path))
    return current, stat.S_IMODE(info.st_mode)


def _read(path: str, change: Change) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError as error:
        if error.errno == errno.ELOOP:  # swapped for a link since the lstat
            raise WriteError(msg("write.symlink", path=change.path)) from None
        raise WriteError(msg("write.failed", path=change.path, reason=_reason(error))) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise WriteError(msg("write.not_regular", path=change.path))
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise WriteError(msg("write.failed", path=change.path, reason=_reason(error))) from None
    finally:
        os.close(fd)


def _validate(change: Change) -> None:
    if not change.path.endswith(_YAML_SUFFIXES):
        return
    try:
        parse(change.new)
    except LoadError as error:
        raise WriteError(
            msg(
                "write.invalid",
                path=change.path,
                line=error.line,
                column=error.column,
                problem=error.message,
            )
        ) from None


def _remove_stale_temps(folder: str) -> None:
    """Temporary files left by a killed om process (the lock says none is running now)."""
    try:
        with os.scandir(folder) as entries:
            stale = [entry.path for entry in entries if entry.name.startswith(TEMP_PREFIX)]
    except FileNotFoundError:
        return
    for path in stale:
        with suppress(FileNotFoundError):
            os.unlink(path)  # a link is removed, not followed


def _write_temp(plan: _Plan) -> str:
    folder = os.path.dirname(plan.path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    while True:
        temp = os.path.join(folder, TEMP_PREFIX + secrets.token_hex(8))
        try:
            fd = os.open(temp, flags, plan.mode)
            break
        except FileExistsError:
            continue
    try:
        if plan.old is not None:
            os.fchmod(fd, plan.mode)  # keep the old file's mode exactly, whatever the umask
        view = memoryview(plan.new)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        os.unlink(temp)
        raise
    os.close(fd)
    return temp


def _restore(plans: list[_Plan]) -> list[str]:
    """Put back the files already replaced; return those that could not be restored."""
    failed = []
    for plan in reversed(plans):
        if not plan.replaced:
            continue
        try:
            if plan.old is None:
                os.unlink(plan.path)
            else:
                temp = _write_temp(_Plan(plan.path, plan.old, plan.old, plan.mode))
                try:
                    os.replace(temp, plan.path)
                except OSError:
                    os.unlink(temp)
                    raise
            plan.replaced = False
        except OSError:
            failed.append(plan.path)
    return failed


def _discard(plans: list[_Plan], created: list[str]) -> None:
    """Remove the temporary files and the folders this write created."""
    for plan in plans:
        if plan.temp is not None:
            with suppress(OSError):
                os.unlink(plan.temp)
            plan.temp = None
    for folder in reversed(created):
        with suppress(OSError):  # not empty: a file of ours could not be restored away
            os.rmdir(folder)


def _fsync_folder(folder: str) -> None:
    """Make the renames durable; a file system that cannot fsync a folder is left alone."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- the journal: a batch rolled back after a kill ------------------------------------------


def _journal_path(root: str) -> str:
    from om_cli.store import digest

    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    key = os.path.abspath(root).encode("utf-8", "surrogateescape")
    return os.path.join(base, "om", f"journal-{digest(key)}.json")


class Hold(NamedTuple):
    """What a journal held past `write_files` needs to undo a commit that was not made."""

    top: str  # the repository's top folder
    head: str | None  # HEAD before (None: no commit yet)
    paths: tuple[str, ...]  # the written files, relative to `top`


def _write_journal(
    plans: list[_Plan], created: list[str], root: str | None, hold: Hold | None = None
) -> str | None:
    """Record how to undo the batch; the journal's path, or None when there is nothing to
    undo across a kill (one file, nothing held) or no journal can be written (then each file
    is still replaced atomically)."""
    if len(plans) < 2 and hold is None:
        return None
    registry = _root_of(plans[0].path, root)
    if not all(_contains(registry, plan.path) for plan in plans):
        return None
    import base64
    import hashlib
    import json

    def relative(path: str) -> str:
        return os.path.relpath(path, registry)

    entries = [
        {
            "path": relative(plan.path),
            "old": None if plan.old is None else base64.b64encode(plan.old).decode("ascii"),
            "new": hashlib.sha256(plan.new).hexdigest(),  # to undo nothing the user has changed
            "mode": plan.mode,
            "temp": relative(plan.temp) if plan.temp else None,
        }
        for plan in plans
    ]
    content = {"version": 1, "root": registry, "files": entries,
               "folders": [relative(folder) for folder in created],
               "git": None if hold is None else list(hold)}  # fmt: skip
    path = _journal_path(registry)
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        temp = f"{path}.{secrets.token_hex(4)}.tmp"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, json.dumps(content).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        _fsync_folder(os.path.dirname(path))
    except OSError:
        return None
    return path


def _remove_journal(path: str | None) -> None:
    if path is not None:
        with suppress(OSError):
            os.unlink(path)


def recover(root: str) -> bool:
    """Roll back a batch a killed process left half done in `root`; True when one was.

    Called with the registry's lock held (`registry_lock` does). Only a journal that is safely
    the user's own and names files inside `root`, each reached without a link, is followed.
    """
    import base64
    import binascii

    from om_cli.store import read_trusted_json

    path = _journal_path(root)
    journal = read_trusted_json(path)
    if journal is None:
        return False
    registry = os.path.abspath(root)
    try:
        if journal["version"] != 1 or journal["root"] != registry:
            raise ValueError("foreign journal")
        undo = []
        for entry in journal["files"]:
            target = _inside(registry, entry["path"])
            old = entry["old"]
            content = None if old is None else base64.b64decode(old, validate=True)
            temp = entry["temp"]
            temp_path = _inside(registry, temp) if temp is not None else None
            if temp_path is not None and not os.path.basename(temp_path).startswith(TEMP_PREFIX):
                raise ValueError("not a temporary file")
            mode = entry["mode"]
            if not isinstance(mode, int) or not 0 <= mode <= 0o7777:
                raise ValueError("bad mode")
            written = entry.get("new")  # absent in a journal of an earlier om: undo all
            if written is not None and not isinstance(written, str):
                raise ValueError("bad hash")
            undo.append((target, content, written, mode, temp_path))
        folders = [_inside(registry, folder) for folder in journal["folders"]]
        held = _held_commit(journal["git"])
    except (KeyError, TypeError, ValueError, binascii.Error):
        _remove_journal(path)  # not a journal this code wrote: nothing to undo by it
        return False
    if held is not None and _committed(held):
        _remove_journal(path)  # the commit was made: the batch is complete
        return False
    if any(_changed_since(target, content, written) for target, content, written, _, _ in undo):
        # the user has worked on the batch's files since: undoing only some of them would
        # leave half a change, undoing all would lose that work; it is theirs now
        _remove_journal(path)
        return False
    for target, content, _, mode, temp_path in undo:
        try:
            _undo(registry, target, content, mode, temp_path)
        except (OSError, WriteError) as error:
            reason = _reason(error) if isinstance(error, OSError) else error.text("de")
            raise WriteError(msg("write.recover_failed", path=target, reason=reason)) from None
    for folder in reversed(folders):
        with suppress(OSError):
            os.rmdir(folder)
    if held is not None:
        from om_cli import git

        with suppress(OSError, OmError):
            git.unstage(held.top, held.paths)
    _remove_journal(path)
    return True


def _held_commit(raw: object) -> Hold | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) != 3:
        raise ValueError("bad journal")
    top, head, paths = raw
    if not isinstance(top, str) or not (head is None or isinstance(head, str)):
        raise ValueError("bad journal")
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ValueError("bad journal")
    return Hold(top, head, tuple(paths))


def _committed(held: Hold) -> bool:
    """Whether HEAD has moved since the journal was written (the commit was made)."""
    from om_cli import git

    try:
        repository = git.open_repository(held.top)
        return git.resolve_head(repository) != held.head
    except OmError:
        return False


def _changed_since(target: str, content: bytes | None, written: str | None) -> bool:
    """Whether a file of an interrupted batch holds neither what om wrote nor what it replaced
    (the user changed or deleted it since)."""
    import hashlib

    if written is None:
        return False
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NOFOLLOW)  # a link is no file om wrote
        with os.fdopen(fd, "rb") as handle:
            current = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return content is not None
    except OSError:  # a link, a folder, unreadable: not what om left
        return True
    return current != content and hashlib.sha256(current).hexdigest() != written


def _undo(
    registry: str, target: str, content: bytes | None, mode: int, temp_path: str | None
) -> None:
    """Put one file of an interrupted batch back as it was."""
    if any(_check_folder(folder) for folder in _folders_between(registry, target)):
        return  # its folder is gone: nothing of ours is in it
    with suppress(FileNotFoundError):
        if stat.S_ISLNK(os.lstat(target).st_mode):
            return  # never write through a link
    if content is None:
        with suppress(FileNotFoundError):
            os.unlink(target)
    else:
        temp = _write_temp(_Plan(target, content, content, mode))
        os.replace(temp, target)
    if temp_path is not None:
        with suppress(FileNotFoundError):
            os.unlink(temp_path)
    _fsync_folder(os.path.dirname(target))


def _inside(registry: str, relative: object) -> str:
    """`relative` joined to `registry`; ValueError unless it stays inside."""
    if not isinstance(relative, str) or os.path.isabs(relative) or "\0" in relative:
        raise ValueError("bad path")
    path = os.path.normpath(os.path.join(registry, relative))
    if not _contains(registry, path):
        raise ValueError("outside the registry")
    return path
