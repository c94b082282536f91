"""What `om apply`, `om new partner` and `om record` show once their work is done.

Shared by the three commands: write (and commit, push) a `Submission` with a spinner, then
say what was written, what the check still finds on it, and what to do next.
"""

from __future__ import annotations

import datetime as dt
import sys

from om_cli.cli.ask import spinner
from om_cli.findings import Severity
from om_cli.messages import Message, msg, printable
from om_cli.reporters.text import label
from om_cli.submit import Preview, Result, Submission, preview, submit


def write(message: Message, lang: str) -> None:
    sys.stdout.write(message.text(lang) + "\n")


def finish(
    root: str,
    submission: Submission,
    *,
    lang: str,
    as_of: dt.date,
    branch: bool,
    push: str | None,
    open_texts: tuple[str, str] | None = None,
    dry_run: bool = False,
) -> Result | None:
    """Check, write, commit and push `submission`; report what happened and what is open.

    With `dry_run`, show the diff and the findings and write nothing.
    """
    with spinner(msg("outcome.checking"), lang):
        checked = preview(root, submission, as_of=as_of)
    if dry_run:
        sys.stdout.write(submission.diff())
        if open_texts is not None:
            show_open_points(checked, lang, open_texts)
        write(msg("outcome.dry_run"), lang)
        return None
    with spinner(msg("outcome.writing"), lang):
        result = submit(root, submission, branch=branch or push is not None, push=push)
    for change in submission.changes:
        key = "outcome.created" if change.old is None else "outcome.updated"
        write(msg(key, file=printable(change.path, 300)), lang)
    if open_texts is not None:
        show_open_points(checked, lang, open_texts)
    show_next_steps(result, lang)
    return result


def show_open_points(checked: Preview, lang: str, texts: tuple[str, str]) -> None:
    """The findings on the new entity; `texts`: the message ids for none and for a list."""
    none, some = texts
    if not checked.open_points and not checked.caused:
        write(msg(none), lang)
        return
    if checked.open_points:
        write(msg(some), lang)
        for finding in checked.open_points:
            text = printable(finding.message.text(lang), 500)
            title = msg(f"rule.{finding.rule}").text(lang)
            severity = label(finding.severity, lang)
            sys.stdout.write(f"  {finding.rule} {severity:<8} {title}: {text}\n")
    if checked.caused:
        write(msg("outcome.caused"), lang)
        for finding in checked.caused:
            text = printable(finding.message.text(lang), 500)
            severity = label(finding.severity, lang)
            sys.stdout.write(f"  {finding.entity} {finding.rule} {severity}: {text}\n")
    errors = [f for f in checked.open_points if f.severity is Severity.ERROR]
    if errors:
        write(msg("outcome.errors_expected"), lang)


def show_next_steps(result: Result, lang: str) -> None:
    if result.commit is None or result.branch is None:
        write(msg("outcome.next_no_branch"), lang)
        return
    base = result.base or "HEAD"
    write(
        msg("outcome.committed", commit=result.commit[:12], branch=result.branch, base=base), lang
    )
    if result.pushed_to is None:
        write(msg("outcome.next_push", branch=result.branch, base=base), lang)
    else:
        remote = printable(result.pushed_to, 200)
        write(msg("outcome.pushed", branch=result.branch, remote=remote, base=base), lang)
