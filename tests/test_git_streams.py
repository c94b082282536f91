"""How `om_cli.git` reads git's streams: the log a chunk at a time, blobs asked for while the log
is read, and git commands started early and collected later. Real repositories, real git."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from om_cli import git
from om_cli.errors import GitError
from tests.test_history import MAX, SECRETARIAT, Repo, _no_user_git_config  # noqa: F401


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    """A few commits on two branches, a merge, and authors whose names hold separators."""
    repo = Repo(tmp_path / "repo")
    repo.network("om-a", "applied", applied_on="2024-01-10")
    # a trailer value that looks like a raw diff entry, a name holding the record separator
    repo.commit("Antrag om-a\n\nOM-Action: :100644 x\n", who=("Record\x1eSeparator", "r@x.example"))
    repo.git("checkout", "-q", "-b", "side")
    repo.network("om-b", "applied")
    repo.commit("Antrag om-b\n\nOM-Action: application\n", who=MAX)
    repo.git("checkout", "-q", "main")
    repo.network("om-a", "recognized", applied_on="2024-01-10")
    repo.write("registry/decisions/2024/lk-1.yaml", "id: lk-1\n")
    repo.commit("Anerkennung\n\nOM-Decision: lk-1\nOM-Action: recognition\n", who=SECRETARIAT)
    repo.merge("side", "Merge")
    repo.network("om-b", "recognized")  # an evil merge: a status neither parent had
    repo.commit("Merge side")
    for day in range(3):
        repo.network("om-a", "recognized", applied_on="2024-01-10", website=f"https://{day}.x")
        repo.commit(f"Website {day}", who=("Name\nwith newline?", "n@x.example"))
    return repo


def log_output(repo: Repo, details: bool = True) -> bytes:
    args = ["git", "-C", str(repo.path), *git.PINNED,
            *git._log_args("registry", None, "HEAD", details)]  # fmt: skip
    return subprocess.run(args, capture_output=True, check=True, env=git.environment()).stdout


class Trickle:
    """A stream that hands out its bytes in chunks of random sizes, as a pipe may."""

    def __init__(self, data: bytes, rng: random.Random, largest: int) -> None:
        self.data, self.rng, self.largest, self.at = data, rng, largest, 0

    def read(self, size: int = -1) -> bytes:
        count = min(self.rng.randint(1, self.largest), size if size >= 0 else len(self.data))
        chunk = self.data[self.at : self.at + count]
        self.at += len(chunk)
        return chunk


def test_the_log_reads_the_same_in_any_chunks(repo: Repo) -> None:
    data = log_output(repo)
    whole = list(git._parse_log(Trickle(data, random.Random(0), len(data) + 1)))
    assert len(whole) == 7
    assert whole[-1].author_name == "Record\x1eSeparator"
    assert whole[-1].actions == (":100644 x",)
    merge = next(c for c in whole if len(c.parents) == 2)
    assert [f.path for f in merge.files] == ["registry/networks/om-b.yaml"]
    assert len(merge.files[0].before) == 2
    for seed in range(30):
        for largest in (1, 3, 17, 200):
            chunked = list(git._parse_log(Trickle(data, random.Random(seed), largest)))
            assert chunked == whole


def test_read_log_gives_what_the_chunks_give(repo: Repo) -> None:
    data = log_output(repo)
    whole = list(git._parse_log(Trickle(data, random.Random(1), 1 << 20)))
    assert list(git.read_log(git.open_repository(str(repo.path)), "registry")) == whole


def test_a_lean_log_and_the_details_make_the_whole_log(repo: Repo) -> None:
    repository = git.open_repository(str(repo.path))
    whole = list(git.read_log(repository, "registry"))
    lean = list(git.read_log(repository, "registry", details=False))
    assert [(c.commit, c.parents, c.files) for c in lean] == [
        (c.commit, c.parents, c.files) for c in whole
    ]
    assert all(c.author_name == "" and c.decisions == () for c in lean)
    for seed in range(10):  # the lean header in any chunks
        data = log_output(repo, details=False)
        assert list(git._parse_log(Trickle(data, random.Random(seed), 7), False)) == lean
    wanted = [c.commit for c in whole][::-1]
    details = git.commit_details(repository, [*wanted, wanted[0]])
    assert list(details) == wanted
    for commit in whole:
        assert details[commit.commit] == git.LogCommit(
            *(getattr(commit, name) for name in git.LogCommit.__slots__[:-1]), ()
        )
    recognition = next(c for c in details.values() if c.decisions)
    assert recognition.decisions == ("lk-1",) and recognition.actions == ("recognition",)
    assert recognition.author_name == SECRETARIAT[0]
    assert git.commit_details(repository, []) == {}


def test_details_of_an_unknown_commit_are_refused(repo: Repo) -> None:
    with pytest.raises(GitError):
        git.commit_details(git.open_repository(str(repo.path)), ["f" * 40])


def test_a_log_cut_inside_a_commit_is_refused(repo: Repo) -> None:
    data = log_output(repo)
    # cut inside the second commit's header: an id without the rest
    second = data.index(b"\x1e", 1)
    for cut in (second + 5, second + 45, len(data) - 3):
        with pytest.raises(GitError):
            list(git._parse_log(Trickle(data[:cut], random.Random(cut), 50)))


def test_output_that_is_no_log_is_refused() -> None:
    for junk in (b"hello\0", b"\0\0:100644\0", b"\x1eabc\0"):
        with pytest.raises(GitError):
            list(git._parse_log(Trickle(junk, random.Random(0), 4)))


# --- blobs while the log is read --------------------------------------------------------------


def blob_ids(repo: Repo) -> dict[str, bytes]:
    out = repo.git("rev-list", "--objects", "--all")
    found = {}
    for line in out.splitlines():
        oid, _, path = line.partition(" ")
        if path.endswith(".yaml"):
            found[oid] = subprocess.run(["git", "cat-file", "blob", oid], cwd=repo.path,
                                        capture_output=True, check=True).stdout  # fmt: skip
    return found


def test_answers_to_what_was_sent(repo: Repo) -> None:
    blobs = blob_ids(repo)
    missing = "0123456789abcdef0123456789abcdef01234567"
    small = sorted(len(content) for content in blobs.values())[len(blobs) // 2]
    oids = list(blobs)
    with git.BlobReader(git.open_repository(str(repo.path)), small) as reader:
        reader.send(oids[:2])
        reader.send([*oids[2:], missing, oids[0]])
        reader.end_requests()
        answers = list(reader.answers())
    expected = [(oid, blobs[oid] if len(blobs[oid]) <= small else None) for oid in oids]
    assert answers == [*expected, (missing, None), expected[0]]
    assert any(content is None for _, content in expected)  # one over the limit, read past


def test_answers_end_where_git_ends(repo: Repo) -> None:
    blobs = blob_ids(repo)
    with git.BlobReader(git.open_repository(str(repo.path)), 1 << 20) as reader:
        process = reader.start()
        process.kill()
        process.wait()
        with pytest.raises(GitError):
            for _ in range(100):  # the pipe fills, then breaks
                reader.send(list(blobs))
        assert list(reader.answers()) == []


# --- started early, collected later ------------------------------------------------------------


def test_background_log_gives_what_read_log_gives(repo: Repo) -> None:
    repository = git.open_repository(str(repo.path))
    paths = ["registry/decisions", "registry/networks"]
    with git.BackgroundLog(repository, paths, None, "HEAD") as log:
        listed = list(log.commits())
    assert listed == list(git.read_log(repository, paths))
    assert len(listed) == 7


def test_background_log_of_an_unknown_revision_fails_when_read(repo: Repo) -> None:
    repository = git.open_repository(str(repo.path))
    log = git.BackgroundLog(repository, "registry", None, "no-such-branch")
    with log, pytest.raises(GitError):
        list(log.commits())


def test_commit_order_is_git_rev_list_and_a_copy_each_time(repo: Repo) -> None:
    repository = git.open_repository(str(repo.path))
    head = repo.git("rev-parse", "HEAD")
    expected = repo.git("rev-list", "--date-order", "--reverse", "HEAD").split()
    first = git.commit_order(repository, head)
    assert list(first) == expected and list(first.values()) == list(range(len(expected)))
    first.clear()  # the caller's to change: the next answer is whole
    assert list(git.commit_order(repository, head)) == expected
    since = expected[2]
    assert (
        list(git.commit_order(repository, head, since))
        == repo.git("rev-list", "--date-order", "--reverse", "HEAD", f"^{since}").split()
    )


def test_commit_order_of_an_unknown_revision_fails(repo: Repo) -> None:
    with pytest.raises(GitError):
        git.commit_order(git.open_repository(str(repo.path)), "f" * 40)
