"""`om_cli.child`: a value computed by a forked copy of om, or None for the caller to compute."""

from __future__ import annotations

import os
import select
import time

import pytest

from om_cli.child import Child

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() on this system")


def test_the_child_sends_its_value() -> None:
    child = Child.start(lambda: {"a": ("b", None), "n": [1, 2.5, True]})
    assert child is not None
    assert child.result() == {"a": ("b", None), "n": [1, 2.5, True]}
    assert child.result() is None  # asked twice: nothing more to give


def test_a_large_value_passes_the_pipe() -> None:
    child = Child.start(lambda: "x" * (5 << 20))
    assert child is not None
    assert child.result() == "x" * (5 << 20)


def test_a_failing_child_gives_none() -> None:
    def fail() -> None:
        raise ValueError("boom")

    child = Child.start(fail)
    assert child is not None
    assert child.result() is None


def test_a_value_marshal_cannot_send_gives_none() -> None:
    child = Child.start(lambda: object())
    assert child is not None
    assert child.result() is None


def test_the_child_closes_what_it_is_told_to() -> None:
    read_end, write_end = os.pipe()
    child = Child.start(lambda: time.sleep(30), close=[write_end])
    assert child is not None
    os.close(write_end)
    # while the child still runs, the pipe ends for the reader only if the child closed its
    # copy of the write end
    readable, _, _ = select.select([read_end], [], [], 5)
    assert readable and os.read(read_end, 10) == b""
    os.close(read_end)
    child.cancel()


def test_cancel_after_result_closes_nothing_twice() -> None:
    child = Child.start(lambda: 7)
    assert child is not None
    assert child.result() == 7
    child.cancel()  # no error: the pipe was closed once, by `result`


def test_cancel_ends_a_child_that_runs() -> None:
    child = Child.start(lambda: time.sleep(60))
    assert child is not None
    started = time.monotonic()
    child.cancel()
    child.cancel()
    assert time.monotonic() - started < 10
    assert child.result() is None


def test_no_fork_means_no_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    assert Child.start(lambda: 1) is None
