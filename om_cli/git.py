"""git, behind one module: every call om makes to git lives here.

git runs as a subprocess with a list of arguments (never a shell). Its failures become
`GitError`s whose message says what to do; a missing git binary too. Nothing a user's or a
repository's configuration sets may change what om reads, so every call pins the options that
would (`PINNED`) and runs with a fixed environment (`environment`): no pager, no colours, no
mailmap, no replacement objects, C locale, literal pathspecs.

History is read with one streamed `git log` (`read_log`), parsed while git writes it, and the
blobs it names are fetched from one long-running `git cat-file --batch` (`BlobReader`), in
batches, so the cost does not grow with one process per commit.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from om_cli.errors import GitError
from om_cli.messages import msg, printable

# Configuration that would change what om reads, pinned on the command line (which git reads
# last, so it wins over the system, global and repository files).
PINNED: tuple[str, ...] = (
    "--no-pager",
    "--no-replace-objects",  # `refs/replace/*` must not disguise what a commit contains
    "-c", "core.commentChar=#",  # trailer parsing skips comment lines: `O` would hide `OM-…`
    "-c", "trailer.separators=:",
    "-c", "i18n.logOutputEncoding=UTF-8",
    "-c", "log.showSignature=false",
    "-c", "log.mailmap=false",
    "-c", "log.follow=false",  # with one directory pathspec it would drop merges
    "-c", "log.showRoot=true",
    "-c", "diff.relative=false",  # paths relative to the top level, whatever the folder
    "-c", "color.ui=false",
    "-c", "core.fsmonitor=false",
)  # fmt: skip

# Variables of the caller's environment that would change what git reads or prints.
_DROPPED = (
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
    "GIT_EXTERNAL_DIFF",
    "GIT_DIFF_OPTS",
    "GIT_NOTES_REF",
)

# A batch of cat-file requests is written at once and must fit into an empty pipe (a Linux pipe
# holds 64 KiB, a macOS one at least 16 KiB), or git and om would wait for each other: git
# blocked writing answers om does not yet read, om blocked writing requests git does not read.
# So a batch holds at most BATCH requests and BATCH_BYTES bytes of them (object names by path
# can be long). (`BlobReader.send` needs no such limit: another process reads the answers.)
BATCH = 128
BATCH_BYTES = 8192

# Fields of one commit in `read_log`'s format, each ended by NUL. The record separator in front
# of the commit id marks where a commit starts; trailer values are separated by the unit
# separator (a value cannot contain a newline: `unfold` joins continuation lines).
_FIELDS = (
    "%x1e%H",
    "%P",
    "%an",
    "%ae",
    "%aI",
    "%cn",
    "%ce",
    "%cI",
    "%G?",
    "%(trailers:key=OM-Action,valueonly,unfold,separator=%x1f)",
    "%(trailers:key=OM-Decision,valueonly,unfold,separator=%x1f)",
)
LOG_FORMAT = "tformat:" + "%x00".join(_FIELDS)
# Only the commit and its parents: a long history's log is read so, and the other fields are
# asked for (`commit_details`) for the few commits that need them. Besides costing less to write
# and read, this keeps git from checking the signature of every commit (`%G?` runs gpg or
# ssh-keygen once for each signed commit).
_LEAN_FIELDS = _FIELDS[:2]
LEAN_FORMAT = "tformat:" + "%x00".join(_LEAN_FIELDS)

_REGULAR_MODES = frozenset({b"100644", b"100755"})


def environment() -> dict[str, str]:
    """The environment for git: the caller's, minus what changes output, plus fixed values."""
    env = {name: value for name, value in os.environ.items() if name not in _DROPPED}
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
        GIT_LITERAL_PATHSPECS="1",
    )
    return env


@dataclass(frozen=True, slots=True)
class Repository:
    """A git repository as seen from `path` (a folder in its work tree, or a bare repository)."""

    path: str
    git_dir: str
    prefix: str  # `path` relative to the top of the work tree, "" or ending in "/"
    bare: bool
    shallow: bool


@dataclass(frozen=True, slots=True)
class Blob:
    """One side of a changed file: the object id and whether it is a regular file.

    A symbolic link or a submodule in the registry has an id but is not a file om reads.
    """

    oid: str
    regular: bool


@dataclass(frozen=True, slots=True)
class FileChange:
    """A changed path (relative to the top level) with its blob in each parent and after."""

    path: str
    before: tuple[Blob | None, ...]  # one per parent (one for a root commit); None: absent
    after: Blob | None


@dataclass(frozen=True, slots=True)
class LogCommit:
    """One commit of `read_log`: who, when, its trailers and its changed files."""

    commit: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_date: str
    committer_name: str
    committer_email: str
    committer_date: str
    signature: str
    actions: tuple[str, ...]
    decisions: tuple[str, ...]
    files: tuple[FileChange, ...]


def open_repository(path: str) -> Repository:
    """The repository `path` lies in; `GitError` when there is none or git is missing."""
    if not os.path.isdir(path):
        raise GitError(msg("git.no_directory", path=printable(path, 200)))
    out = _run(
        path,
        "rev-parse",
        "--is-bare-repository",
        "--is-shallow-repository",
        "--absolute-git-dir",
        "--show-prefix",
    )
    lines = out.decode("utf-8", "surrogateescape").split("\n")
    if len(lines) < 5 or lines[0] not in ("true", "false") or lines[1] not in ("true", "false"):
        raise GitError(msg("git.bad_output", command="rev-parse"))
    return Repository(
        path=path,
        git_dir="\n".join(lines[2:-2]),
        prefix=lines[-2],
        bare=lines[0] == "true",
        shallow=lines[1] == "true",
    )


def resolve_head(repo: Repository) -> str | None:
    """The commit HEAD names; None in a fresh repository, which has none yet."""
    result = _call(repo.path, "rev-parse", "-q", "--verify", "HEAD^{commit}")
    if result.returncode != 0:
        if result.stderr.strip():
            raise _failure("rev-parse", result.stderr, repo.path)
        return None
    return result.stdout.decode("ascii", "replace").strip()


def resolve_commit(repo: Repository, revision: str) -> str | None:
    """The commit `revision` names; None when there is no such commit (or it is not fetched)."""
    if not revision or revision.startswith("-") or "\0" in revision:
        return None
    result = _call(repo.path, "rev-parse", "-q", "--verify", "--end-of-options",
                   f"{revision}^{{commit}}")  # fmt: skip
    if result.returncode != 0:
        return None
    return result.stdout.decode("ascii", "replace").strip() or None


def commit_order(repo: Repository, head: str = "HEAD", since: str | None = None) -> dict[str, int]:
    """Every commit reachable from `head` (and not from `since`) and its place, oldest first:
    parents before children, otherwise by commit date (`git rev-list --date-order --reverse`)."""
    with CommitOrder(repo, head, since) as order:
        return order.result()


class _Background:
    """A git command started at once and collected later, its output going to a temporary
    file, so git never waits for om. Use as a context manager: leaving it ends git if it is
    still at work."""

    def __init__(self, path: str, args: list[str]) -> None:
        self._path = path
        self._out = tempfile.TemporaryFile()  # noqa: SIM115 - closed in `__exit__`
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                ["git", "-C", path, *PINNED, *args],
                stdout=self._out,
                stderr=self._errors,
                stdin=subprocess.DEVNULL,
                env=environment(),
            )
        except OSError:
            self._close()
            raise GitError(msg("git.not_found")) from None

    def _output(self, command: str) -> IO[bytes]:
        """The output, from its start, once git has finished; `GitError` if git failed."""
        if self._process.wait() != 0:
            raise _failure(command, _read_errors(self._errors), self._path)
        self._out.seek(0)
        return self._out

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._close()

    def _close(self) -> None:
        self._out.close()
        self._errors.close()


# The last order listed, by git folder, head and since: `om audit` needs the order that
# `status_history` listed just before (a commit id names its whole history, so it never changes).
_LAST_ORDER: dict[tuple[str, str, str | None], dict[str, int]] = {}


class CommitOrder:
    """`commit_order`, started at once and collected later: git lists the commits while om
    reads a log. Use as a context manager."""

    def __init__(self, repo: Repository, head: str = "HEAD", since: str | None = None) -> None:
        named = _is_commit_id(head) and (since is None or _is_commit_id(since))
        self._key = (repo.git_dir, head, since) if named else None
        self._known = _LAST_ORDER.get(self._key) if self._key is not None else None
        self._listing: _Background | None = None
        if self._known is None:
            excluded = [f"^{since}"] if since is not None else []
            args = ["rev-list", "--date-order", "--reverse", head, *excluded, "--"]
            self._listing = _Background(repo.path, args)

    def result(self) -> dict[str, int]:
        """The commits and their places; waits for git if it is still at work."""
        if self._known is not None:
            return dict(self._known)
        assert self._listing is not None
        out = self._listing._output("rev-list").read()
        order = {oid: index for index, oid in enumerate(out.decode("ascii", "replace").split())}
        if self._key is not None:
            _LAST_ORDER.clear()
            _LAST_ORDER[self._key] = dict(order)
        return order

    def __enter__(self) -> CommitOrder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._listing is not None:
            self._listing.__exit__(*exc)


def _is_commit_id(revision: str) -> bool:
    return len(revision) in (40, 64) and all(c in "0123456789abcdef" for c in revision)


def read_log(
    repo: Repository,
    pathspec: str | Sequence[str],
    since: str | None = None,
    head: str = "HEAD",
    *,
    details: bool = True,
) -> Iterator[LogCommit]:
    """Every commit reachable from `head` (and not from `since`) that changed something under
    `pathspec`, newest first, as git finds them (`commit_order` sorts them).

    One `git log`, read as it streams. Ordinary commits list their changes against their parent
    (a root commit against nothing). A merge lists, in git's combined format, only the paths
    whose result differs from *every* parent, with the blob of each parent: what the merge
    itself did, as opposed to what it brought in from a parent, whose own commits are listed
    too (`--full-history`: no side branch is left out because a merge made it look redundant).
    A `since` that no longer exists is ignored: then every commit is listed.

    `pathspec` is relative to `repo.path` and taken literally. Changes are never detected as
    renames: a moved file is a deletion and an addition, so the caller decides what it means.

    Without `details`, each commit has its id, parents and files only; the other fields are
    empty (`commit_details` reads them).
    """
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                ["git", "-C", repo.path, *PINNED, *_log_args(pathspec, since, head, details)],
                stdout=subprocess.PIPE,
                stderr=errors,
                stdin=subprocess.DEVNULL,
                env=environment(),
            )
        except OSError:
            raise GitError(msg("git.not_found")) from None
        try:
            assert process.stdout is not None
            _widen_pipe(process.stdout)
            yield from _parse_log(process.stdout, details)
            if process.wait() != 0:
                raise _failure("log", _read_errors(errors))
        finally:
            if process.poll() is None:  # the caller stopped early, or parsing failed
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()


class BackgroundLog(_Background):
    """`read_log`, started at once and read later: git writes the log to a temporary file
    while om does other work (`om audit` starts its log of the decisions before it reads the
    networks' history)."""

    def __init__(
        self,
        repo: Repository,
        pathspec: str | Sequence[str],
        since: str | None = None,
        head: str = "HEAD",
    ) -> None:
        super().__init__(repo.path, _log_args(pathspec, since, head, True))

    def commits(self) -> Iterator[LogCommit]:
        """The commits, as `read_log` gives them; waits for git if it is still at work."""
        yield from _parse_log(self._output("log"))


def _log_args(
    pathspec: str | Sequence[str], since: str | None, head: str, details: bool
) -> list[str]:
    revisions = [head] if since is None else ["--ignore-missing", head, f"^{since}"]
    chosen = LOG_FORMAT if details else LEAN_FORMAT
    return [
        "log", *revisions, f"--format={chosen}", "-z", "--full-history", "--root",
        "--raw", "--no-abbrev", "--no-renames", "-c",  # -c: combined diff of merges
        "--no-color", "--no-decorate", "--no-mailmap", "--no-show-signature",
        "--no-ext-diff", "--no-textconv", "--encoding=UTF-8",
        "--", *([pathspec] if isinstance(pathspec, str) else pathspec),
    ]  # fmt: skip


def _widen_pipe(stream: IO[bytes]) -> None:
    """Let git write up to a megabyte ahead of what om has read (Linux; elsewhere a no-op), so
    git log is not held up while om waits for cat-file or parses."""
    setsize = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if setsize is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(stream.fileno(), setsize, 1 << 20)


def _parse_log(stream: IO[bytes], details: bool = True) -> Iterator[LogCommit]:
    """Commits from `git log -z` output as it arrives: a header of fixed fields (`_FIELDS`, or
    without `details` `_LEAN_FIELDS`), then raw diff entries, every piece ended by NUL.

    Header fields and paths are taken by position (they may hold any byte but NUL); between them
    git leaves empty pieces and newlines, which carry nothing. Each chunk read is split at once
    and its pieces walked by index; a commit is complete when the next one starts, or the
    output ends.
    """
    # whole chunks, not what each of git's writes brought (a commit each): a tenth of the cost
    read = stream.read
    tokens: list[bytes] = []
    pending = b""
    index = 0  # the first piece not yet used
    header: list[bytes] | None = None  # the commit being read
    files: list[FileChange] = []
    size = len(_FIELDS) if details else len(_LEAN_FIELDS)
    make = _commit if details else _lean_commit
    while chunk := read(1 << 16):
        pieces = (pending + chunk).split(b"\0")
        pending = pieces.pop()
        tokens = tokens[index:] + pieces
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index].lstrip(b"\n")
            if not token:
                index += 1
            elif token[0] == 0x1E:  # a new commit begins
                if index + size > count:
                    break  # its header is not complete yet
                if header is not None:
                    yield make(header, files)
                header = tokens[index : index + size]
                header[0] = token[1:]
                files = []
                index += size
            elif token[0] == 0x3A and header is not None:  # ":": a raw diff entry, its path
                if index + 1 >= count:
                    break  # the path is still to come
                files.append(_file_change(token, tokens[index + 1]))
                index += 2
            else:
                raise GitError(msg("git.bad_output", command="log"))
    if pending or index < len(tokens):  # output that ends within a commit
        raise GitError(msg("git.bad_output", command="log"))
    if header is not None:
        yield make(header, files)


def _path(raw: bytes) -> str:
    """A path as git prints it; bytes that are not UTF-8 kept as surrogates, so the path can
    be handed back to git (`printable` shows them escaped)."""
    return raw.decode("utf-8", "surrogateescape")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def _commit(header: list[bytes], files: list[FileChange]) -> LogCommit:
    commit, parents, an, ae, ad, cn, ce, cd, signature, actions, decisions = header
    return LogCommit(
        commit.decode("ascii", "replace"),
        tuple(parents.decode("ascii", "replace").split()),
        an.decode("utf-8", "replace"),
        ae.decode("utf-8", "replace"),
        ad.decode("utf-8", "replace"),
        cn.decode("utf-8", "replace"),
        ce.decode("utf-8", "replace"),
        cd.decode("utf-8", "replace"),
        signature.decode("utf-8", "replace"),
        _values(actions) if actions else (),
        _values(decisions) if decisions else (),
        tuple(files),
    )


def _lean_commit(header: list[bytes], files: list[FileChange]) -> LogCommit:
    commit, parents = header
    return LogCommit(
        commit.decode("ascii", "replace"),
        tuple(parents.decode("ascii", "replace").split()),
        "", "", "", "", "", "", "", (), (),
        tuple(files),
    )  # fmt: skip


def commit_details(repo: Repository, commits: Iterable[str]) -> dict[str, LogCommit]:
    """Each commit (by id) with who, when, its signature and trailers (no files), from one
    `git log --no-walk`: what a lean `read_log` leaves out."""
    wanted = list(dict.fromkeys(commits))
    if not wanted:
        return {}
    args = [
        "git", "-C", repo.path, *PINNED,
        "log", "--no-walk=unsorted", "--stdin", f"--format={LOG_FORMAT}", "-z",
        "--no-color", "--no-decorate", "--no-mailmap", "--no-show-signature", "--encoding=UTF-8",
    ]  # fmt: skip
    try:
        result = subprocess.run(
            args,
            input="".join(f"{commit}\n" for commit in wanted).encode("ascii", "replace"),
            capture_output=True,
            env=environment(),
            check=False,
        )
    except OSError:
        raise GitError(msg("git.not_found")) from None
    if result.returncode != 0:
        raise _failure("log", result.stderr, repo.path)
    found = {commit.commit: commit for commit in _parse_log(io.BytesIO(result.stdout))}
    if any(commit not in found for commit in wanted):
        raise GitError(msg("git.bad_output", command="log"))
    return found


def _values(raw: bytes) -> tuple[str, ...]:
    return tuple(value.strip() for value in _text(raw).split("\x1f") if value.strip())


def _file_change(meta: bytes, path: bytes) -> FileChange:
    """`:old-mode new-mode old-id new-id M` or, for a merge of n parents, n colons and n+1
    modes and ids (the parents', then the result's) before the status letters."""
    fields = meta.split(b" ")
    if len(fields) == 5 and meta[1] != 0x3A:  # one parent: the most common by far
        old_mode, new_mode, old_oid, new_oid, _ = fields
        return FileChange(_path(path), (_blob(old_mode[1:], old_oid),), _blob(new_mode, new_oid))
    parents = len(meta) - len(meta.lstrip(b":"))
    fields = meta[parents:].split(b" ")
    if len(fields) != 2 * (parents + 1) + 1:
        raise GitError(msg("git.bad_output", command="log"))
    modes, oids = fields[: parents + 1], fields[parents + 1 : 2 * (parents + 1)]
    sides = [_blob(mode, oid) for mode, oid in zip(modes, oids, strict=True)]
    return FileChange(path=_path(path), before=tuple(sides[:-1]), after=sides[-1])


def _blob(mode: bytes, oid: bytes) -> Blob | None:
    if not oid.strip(b"0"):  # all zeros: the file is not there on this side
        return None
    return Blob(oid.decode("ascii", "replace"), mode in _REGULAR_MODES)


class BlobReader:
    """One `git cat-file --batch` process for the whole run: blobs by id, in batches.

    Use as a context manager; the process ends with it. A blob larger than `limit` is read past
    and reported as too large (None), so a huge file never lands in memory.
    """

    def __init__(self, repo: Repository, limit: int) -> None:
        self.repo = repo
        self.limit = limit
        self._process: subprocess.Popen[bytes] | None = None  # started on the first read
        self._last_blob: str | None = None  # the blob id of the last answer
        self._errors: IO[bytes] | None = None

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> subprocess.Popen[bytes]:
        """Start git (done by the first request otherwise); its process."""
        # git's complaints, kept for the message if it fails; closed in `close`
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                ["git", "-C", self.repo.path, *PINNED, "cat-file", "--batch"],
                bufsize=1 << 16,  # fewer reads for the many small blobs of a history
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                env=environment(),
            )
        except OSError:
            raise GitError(msg("git.not_found")) from None
        return self._process

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            if process.stdin is not None and not process.stdin.closed:
                with contextlib.suppress(OSError):  # git may have gone already
                    process.stdin.close()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
        if self._errors is not None:
            self._errors.close()
            self._errors = None

    def read(
        self,
        oids: Iterable[str],
        *,
        by_name: bool = False,
        resolved: dict[str, str | None] | None = None,
    ) -> dict[str, bytes | None]:
        """The content of each blob; None for one that is missing or larger than the limit.

        With `by_name`, the requests are object names such as `<commit>:<path>` rather than
        ids; `resolved`, when given, receives the blob id each name stands for (None: none).
        """
        wanted = list(dict.fromkeys(oids))
        found: dict[str, bytes | None] = {}
        if wanted and self._process is None:
            self.start()
        for batch in _batches(wanted):
            self._request(batch)
            for oid in batch:
                found[oid] = self._answer(None if by_name else oid)
                if resolved is not None:
                    resolved[oid] = self._last_blob
        return found

    def _request(self, batch: list[str]) -> None:
        assert self._process is not None and self._process.stdin is not None
        stdin = self._process.stdin
        try:
            stdin.write(b"".join(_request_line(name) for name in batch))
            stdin.flush()
        except OSError:
            raise self._failed() from None

    def _answer(self, oid: str | None) -> bytes | None:
        assert self._process is not None
        found = _read_answer(self._process.stdout, self.limit)
        if found is None:
            raise self._failed()
        name, blob, content = found
        if oid is not None and name != oid:
            raise GitError(msg("git.bad_output", command="cat-file"))
        self._last_blob = blob
        return content

    def send(self, oids: Iterable[str]) -> None:
        """Ask for blobs without reading the answers: another reader takes them from `answers`
        (a forked child that parses them while om reads a log; `om_cli.history`). Never mixed
        with `read`, and unlike it not limited to batches that fit into a pipe: while the
        reader reads, git keeps taking requests, so sending does not block for long; once the
        reader is gone (and this process holds no copy of git's output), git ends and sending
        fails with a `GitError`."""
        process = self._process or self.start()
        assert process.stdin is not None
        try:
            process.stdin.write(b"".join(_request_line(oid) for oid in oids))
            process.stdin.flush()
        except OSError:
            raise self._failed() from None

    def end_requests(self) -> None:
        """No more requests: git answers those it has, then ends its output."""
        if self._process is not None and self._process.stdin is not None:
            with contextlib.suppress(OSError):  # git may have gone already
                self._process.stdin.close()

    def answers(self) -> Iterator[tuple[str, bytes | None]]:
        """The answers to what `send` asked, in order, until git's output ends: each id and
        the content (None: missing, no blob, or over the limit)."""
        if self._process is None:
            return
        while (found := _read_answer(self._process.stdout, self.limit)) is not None:
            yield found[0], found[2]

    def _failed(self) -> GitError:
        assert self._process is not None and self._errors is not None
        self._process.poll()
        return _failure("cat-file", _read_errors(self._errors))


def _read_answer(stream: Any, limit: int) -> tuple[str, str | None, bytes | None] | None:
    """One answer of `git cat-file --batch`: the name it gives (an object id, or the name asked
    for when there is no such object), the blob's id (None when it is no blob), and its content
    (None when missing, no blob or over `limit`, read past). None where the output ends, in an
    answer or before it (git failed, or was stopped)."""
    header = stream.readline()
    if not header.endswith(b"\n"):
        return None
    parts = header.split()
    if len(parts) >= 2 and parts[-1] in (b"missing", b"ambiguous"):
        return header[: -len(parts[-1]) - 2].decode("utf-8", "surrogateescape"), None, None
    if len(parts) != 3:
        raise GitError(msg("git.bad_output", command="cat-file"))
    try:
        size = int(parts[2])
    except ValueError:
        raise GitError(msg("git.bad_output", command="cat-file")) from None
    name = parts[0].decode("ascii", "replace")
    if parts[1] != b"blob" or size > limit:
        if not _skip(stream, size + 1):
            return None
        return name, name if parts[1] == b"blob" else None, None
    content: bytes = stream.read(size + 1)
    if len(content) != size + 1:
        return None
    return name, name, content[:-1]


def _request_line(name: str) -> bytes:
    """One cat-file request: an object id, or a name such as `<commit>:<path>` (a path as git
    spelt it, its undecodable bytes kept as surrogates)."""
    return name.encode("utf-8", "surrogateescape") + b"\n"


def _batches(names: list[str]) -> Iterator[list[str]]:
    """`names` in batches that fit into a pipe (see BATCH and BATCH_BYTES)."""
    batch: list[str] = []
    size = 0
    for name in names:
        length = len(_request_line(name))
        if batch and (len(batch) >= BATCH or size + length > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(name)
        size += length
    if batch:
        yield batch


def _skip(stream: Any, count: int) -> bool:
    """Read past `count` bytes; False when the output ends first."""
    while count > 0:
        chunk = stream.read(min(count, 1 << 20))
        if not chunk:
            return False
        count -= len(chunk)
    return True


def _call(path: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", path, *PINNED, *args],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            env=environment(),
            check=False,
        )
    except OSError:
        raise GitError(msg("git.not_found")) from None


def _run(path: str, *args: str) -> bytes:
    """Run a short git command in `path`; its standard output, or a `GitError`."""
    result = _call(path, *args)
    if result.returncode != 0:
        raise _failure(args[0], result.stderr, path)
    return result.stdout


def _read_errors(errors: IO[bytes]) -> bytes:
    errors.seek(0)
    return errors.read(1 << 16)


def _failure(command: str, stderr: bytes, path: str = ".") -> GitError:
    """git's complaint as an om error: the one line that says what went wrong."""
    text = stderr.decode("utf-8", "replace")
    if "not a git repository" in text:
        return GitError(msg("git.not_a_repository", path=printable(os.path.abspath(path), 200)))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    fatal = [line for line in lines if line.startswith(("fatal:", "error:"))]
    reason = (fatal or lines or ["(no message)"])[0]
    return GitError(msg("git.failed", command=command, reason=printable(reason, 300)))


# --- writing: the commits `om decide` makes ---------------------------------------------------


def toplevel(path: str) -> str:
    """The top folder of the work tree that `path` lies in."""
    out = _run(path, "rev-parse", "--show-toplevel")
    return out.decode("utf-8", "surrogateescape").rstrip("\n")


def has_staged_changes(top: str) -> bool:
    """True when the index holds changes (against HEAD, or any file before the first commit)."""
    if _call(top, "rev-parse", "-q", "--verify", "HEAD^{commit}").returncode != 0:
        return bool(_run(top, "ls-files", "-z").strip())
    result = _call(top, "diff", "--cached", "--quiet", "--no-ext-diff")
    if result.returncode not in (0, 1):
        raise _failure("diff", result.stderr, top)
    return result.returncode == 1


def uncommitted(top: str, paths: Iterable[str]) -> list[str]:
    """Those of `paths` (relative to `top`) whose file in the work tree or the index differs
    from HEAD's (all that exist, before the first commit)."""
    listed = list(paths)
    if not listed:
        return []
    out = _run(top, "status", "--porcelain=v1", "-z", "--untracked-files=all",
               "--no-renames", "--", *listed)  # fmt: skip
    return [entry[3:].decode("utf-8", "surrogateescape") for entry in out.split(b"\0") if entry]


def commit_paths(
    top: str, paths: Iterable[str], message: str, *, sign: bool = False, signoff: bool = False
) -> None:
    """Stage `paths` and commit exactly them with `message` (trailers included)."""
    listed = list(paths)
    _run(top, "add", "--", *listed)
    args = ["commit", "-q", "--no-edit", "-m", message]
    if sign:
        args.append("-S")
    if signoff:
        args.append("--signoff")
    _run(top, *args, "--", *listed)


def unstage(top: str, paths: Iterable[str]) -> None:
    """Take `paths` out of the index again (after a failed commit)."""
    listed = list(paths)
    if _call(top, "rev-parse", "-q", "--verify", "HEAD^{commit}").returncode == 0:
        _call(top, "reset", "-q", "--", *listed)
    else:
        _call(top, "rm", "-q", "--cached", "--ignore-unmatch", "--", *listed)


def head(top: str) -> str:
    """The commit HEAD names."""
    return _run(top, "rev-parse", "HEAD").decode("ascii", "replace").strip()


# --- reading a registry as it was at a commit ----------------------------------------------


def commit_day(top: str, rev: str) -> str:
    """The committer date of `rev` as a calendar date in that commit's own time zone."""
    out = _run(top, "show", "-s", "--format=%cI", f"{rev}^{{commit}}", "--")
    return out.decode("ascii", "replace").strip()[:10]


# --- the audit: completeness of the history, ranges, objects by name, signatures -------------


def replace_refs(repo: Repository) -> list[str]:
    """The `refs/replace/*` refs of the repository (replacement objects)."""
    out = _run(repo.path, "for-each-ref", "--format=%(refname)", "refs/replace/")
    return [line for line in out.decode("utf-8", "replace").splitlines() if line]


def has_grafts(repo: Repository) -> bool:
    """True when the repository has a grafts file (it rewrites parents) or git is told of one."""
    if os.environ.get("GIT_GRAFT_FILE"):
        return True
    out = _run(repo.path, "rev-parse", "--git-path", "info/grafts")
    path = out.decode("utf-8", "surrogateescape").rstrip("\n")
    if not os.path.isabs(path):
        path = os.path.join(repo.path, path)
    return os.path.lexists(path)


def read_named(
    reader: BlobReader, names: Iterable[str], resolved: dict[str, str | None] | None = None
) -> dict[str, bytes | None]:
    """The content of objects named `<commit>:<path>`; None for a missing one (or one larger
    than the reader's limit, or one whose name git's batch protocol cannot carry: a newline).
    `resolved` receives the blob id of each name (None: no blob)."""
    found: dict[str, bytes | None] = {}
    wanted = []
    for name in dict.fromkeys(names):
        if "\n" in name or "\r" in name:
            found[name] = None
            if resolved is not None:
                resolved[name] = None
        else:
            wanted.append(name)
    found.update(reader.read(wanted, by_name=True, resolved=resolved))
    return found


def signatures(
    repo: Repository, commits: Iterable[str], allowed_signers: bytes
) -> dict[str, tuple[str, str]]:
    """git's verdict on each commit's signature, checked against `allowed_signers` (the content
    of an ssh allowed-signers file): the `%G?` letter and the signer (`%GS`, the principal).

    Only ssh signatures can be good: the OpenPGP and X.509 programs are pinned to ones that do
    not exist, so no key in a keyring can vouch for a commit. One `git log` for all commits.
    """
    listed = list(dict.fromkeys(commits))
    if not listed:
        return {}
    with tempfile.NamedTemporaryFile(prefix="om-allowed-signers-") as trust:
        trust.write(allowed_signers)
        trust.flush()
        result = subprocess.run(
            ["git", "-C", repo.path, *PINNED,
             "-c", f"gpg.ssh.allowedSignersFile={trust.name}",
             "-c", "gpg.ssh.revocationFile=", "-c", "gpg.ssh.program=ssh-keygen",
             "-c", "gpg.program=om-no-openpgp", "-c", "gpg.openpgp.program=om-no-openpgp",
             "-c", "gpg.x509.program=om-no-x509",
             "log", "--no-walk=unsorted", "--stdin", "--format=%H%x00%G?%x00%GS%x00",
             "--no-show-signature", "--"],
            input="".join(f"{commit}\n" for commit in listed).encode("ascii"),
            capture_output=True,
            env=environment(),
            check=False,
        )  # fmt: skip
    if result.returncode != 0:
        raise _failure("log", result.stderr, repo.path)
    verdicts: dict[str, tuple[str, str]] = {}
    fields = result.stdout.decode("utf-8", "replace").split("\0")
    for index in range(0, len(fields) - 3, 3):
        commit, letter, signer = (field.strip("\n") for field in fields[index : index + 3])
        verdicts[commit] = (letter, signer)
    return verdicts


def tree_files(repo: Repository, commit: str, pathspec: str) -> list[tuple[str, Blob]]:
    """The files under `pathspec` (relative to `repo.path`) in `commit`'s tree, with their
    paths from the top level."""
    out = _run(repo.path, "ls-tree", "-r", "-z", "--full-name", commit, "--", pathspec)
    files = []
    for entry in out.split(b"\0"):
        meta, _, path = entry.partition(b"\t")
        fields = meta.split(b" ")
        if len(fields) == 3 and fields[1] == b"blob":
            files.append((_path(path), Blob(fields[2].decode("ascii", "replace"),
                                             fields[0] in _REGULAR_MODES)))  # fmt: skip
    return files


# --- om check --base, om hook pre-receive: comparing commits, read from git objects ------------


def commit_id(path: str, rev: str) -> str | None:
    """The commit `rev` names, or None when the repository has no such commit."""
    if rev.startswith("-") or "\0" in rev:
        return None
    result = _call(path, "rev-parse", "-q", "--verify", "--end-of-options", f"{rev}^{{commit}}")
    if result.returncode != 0:
        return None
    return result.stdout.decode("ascii", "replace").strip() or None


def commit_ids(path: str, *revs: str) -> list[str] | None:
    """The commits several revisions name, in one call; None when any is not a commit."""
    if any(rev.startswith("-") or "\0" in rev for rev in revs):
        return None
    result = _call(path, "rev-parse", *(f"{rev}^{{commit}}" for rev in revs))
    found = result.stdout.decode("ascii", "replace").split()
    if result.returncode != 0 or len(found) != len(revs):
        return None
    return found


def merge_base(path: str, first: str, second: str) -> str | None:
    """The best common ancestor of two commits; None when they share no history."""
    result = _call(path, "merge-base", first, second)
    if result.returncode != 0:
        return None
    found = result.stdout.decode("ascii", "replace").split()
    return found[0] if found else None


def merge_bases(path: str, first: str, second: str) -> list[str]:
    """Every best common ancestor of two commits (more than one after criss-cross merges);
    none when they share no history."""
    result = _call(path, "merge-base", "--all", first, second)
    if result.returncode not in (0, 1):
        raise _failure("merge-base", result.stderr, path)
    return result.stdout.decode("ascii", "replace").split()


def is_ancestor(path: str, ancestor: str, descendant: str) -> bool:
    """True when `ancestor` is reachable from `descendant` (a fast-forward leads from one to
    the other)."""
    result = _call(path, "merge-base", "--is-ancestor", ancestor, descendant)
    if result.returncode not in (0, 1):
        raise _failure("merge-base", result.stderr, path)
    return result.returncode == 0


def tree_id(path: str, commit: str, inside: str) -> str | None:
    """The id of the folder `inside` (relative to the top; "." the whole tree) at `commit`, or
    None when the commit has no folder there."""
    if inside in ("", "."):
        result = _call(path, "rev-parse", "-q", "--verify", f"{commit}^{{tree}}")
        ok = result.returncode == 0
        return result.stdout.decode("ascii", "replace").strip() if ok else None
    out = _run(path, "ls-tree", "--full-tree", "-z", commit, "--", inside.rstrip("/"))
    for record in out.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        fields = meta.split()
        if (
            len(fields) == 3
            and fields[1] == b"tree"
            and name == inside.rstrip("/").encode("utf-8", "surrogateescape")
        ):
            return fields[2].decode("ascii", "replace")
    return None


def default_branch(path: str) -> str | None:
    """The branch HEAD points to (in a bare repository: the default branch), e.g.
    `refs/heads/main`; None for a detached HEAD."""
    result = _call(path, "symbolic-ref", "-q", "HEAD")
    if result.returncode != 0:
        return None
    return result.stdout.decode("utf-8", "replace").strip() or None


def config_values(path: str, key: str) -> list[str]:
    """Every value of a multi-valued git config key (e.g. `om.protected`), in order."""
    result = _call(path, "config", "--get-all", key)
    if result.returncode not in (0, 1):
        raise _failure("config", result.stderr, path)
    return [line for line in result.stdout.decode("utf-8", "replace").splitlines() if line]


def init_repository(path: str, branch: str = "main") -> None:
    """`git init` a new repository at `path` with `branch` as its first branch."""
    _run(path, "init", "-q", f"--initial-branch={branch}")


# A link that tarfile's `data` filter refuses (absolute, or pointing out of the folder) is
# written as a link to this name, which never exists: om reports it as a link (OM001) and never
# follows it.
REFUSED_LINK = ".om-refused-link"


def export_tree(top: str, rev: str, path: str, destination: str) -> None:
    """Write the files under `path` at commit `rev` into `destination`, read from git objects.

    Every commit may be untrusted (`om check --at`, `--base`, the pre-receive hook, a briefing
    of a past meeting).
    The archive streams from git into tarfile (a 50 MB blob never sits in memory twice).
    Symbolic links that would point outside `destination` become dangling links; device files
    and members with unsafe names are left out: a hostile commit is reported on, never crashes.
    """
    import tarfile

    def refuse_unsafe(member: tarfile.TarInfo, where: str) -> tarfile.TarInfo | None:
        try:
            return tarfile.data_filter(member, where)
        except tarfile.FilterError:
            if member.issym():
                try:
                    return tarfile.data_filter(
                        member.replace(linkname=REFUSED_LINK, deep=False), where
                    )
                except tarfile.FilterError:
                    return None
            return None  # a hard link out of the tree (git makes none), a device: left out

    args = ["git", "-C", top, *PINNED, "archive", "--format=tar", f"{rev}^{{commit}}", "--", path]
    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                args, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
                env=environment(),
            )  # fmt: skip
        except OSError:
            raise GitError(msg("git.not_found")) from None
        try:
            assert process.stdout is not None
            try:
                with tarfile.open(fileobj=process.stdout, mode="r|") as tar:
                    tar.extractall(destination, filter=refuse_unsafe)
            except tarfile.TarError:
                if process.wait() != 0:
                    raise _failure("archive", _read_errors(errors), top) from None
                raise GitError(msg("git.bad_output", command="archive")) from None
            if process.wait() != 0:
                raise _failure("archive", _read_errors(errors), top)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
            if process.stdout is not None:
                process.stdout.close()


# --- om apply, om new partner, om record: a branch, one commit, a push -----------------------


def current_branch(top: str) -> str | None:
    """The branch HEAD is on; None when HEAD is detached."""
    result = _call(top, "symbolic-ref", "-q", "--short", "HEAD")
    if result.returncode != 0:
        if result.stderr.strip():
            raise _failure("symbolic-ref", result.stderr, top)
        return None
    return result.stdout.decode("utf-8", "surrogateescape").strip()


def has_commit(top: str) -> bool:
    """True when HEAD names a commit (not a fresh repository)."""
    return _call(top, "rev-parse", "-q", "--verify", "HEAD^{commit}").returncode == 0


def branch_exists(top: str, name: str) -> bool:
    return _call(top, "rev-parse", "-q", "--verify", f"refs/heads/{name}").returncode == 0


def valid_branch_name(top: str, name: str) -> bool:
    return _call(top, "check-ref-format", "--branch", name).returncode == 0


def path_unchanged(top: str, path: str) -> bool:
    """True when `path` (relative to the top) is the same in the work tree, index and HEAD."""
    result = _call(top, "diff", "--quiet", "--no-ext-diff", "HEAD", "--", path)
    if result.returncode not in (0, 1):
        raise _failure("diff", result.stderr, top)
    return result.returncode == 0


def switch_new_branch(top: str, name: str) -> None:
    """Create branch `name` at HEAD and switch to it; the work tree stays as it is."""
    _run(top, "switch", "-q", "--no-track", "-c", name)


def switch_back(top: str, branch: str | None, commit: str) -> None:
    """Back to `branch`, or to the detached `commit` when there was no branch."""
    if branch is not None:
        _run(top, "switch", "-q", branch)
    else:
        _run(top, "switch", "-q", "--detach", commit)


def delete_branch(top: str, name: str) -> None:
    _run(top, "branch", "-q", "-D", name)


def push_branch(top: str, remote: str, branch: str) -> None:
    """Push `branch` to `remote` under the same name and make it the upstream."""
    ref = f"refs/heads/{branch}"
    _run(top, "push", "-q", "--set-upstream", remote, f"{ref}:{ref}")
