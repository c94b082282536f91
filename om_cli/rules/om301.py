"""OM301 — status transitions follow the lifecycle (history).

Clause: „Ein neues Netzwerk stellt zur Anerkennung eines regionalen oder fachlichen Netzwerks
der Offensive Mittelstand einen Antrag beim Leitungskreis.“

What it checks (`om audit`, `om check --base`): every change of a network's `status` in the
git history, commit by commit, is a step of the lifecycle: `applied` → `recognized` or
`rejected`; `recognized` → `withdrawn`; a rejected or withdrawn network may apply again (back
to `applied`). A new network file starts as `applied`
(the application). A network file is never deleted: the register keeps every network with its
status. A version whose status cannot be read (a file om's loader refuses, or no `status`) is
no lifecycle state, so a change from or to it is reported too — a broken commit in between
cannot launder a skipped step. A merge is judged by what it changes itself (its result
differs from every parent); what it brings in was judged at its own commit.

Passing example: commit A adds `networks/om-beispiel.yaml` with `status: applied`, commit B
sets `status: recognized` (with its decision, OM302).

Failing example: a commit that adds the file with `status: recognized` straight away, or one
that changes `applied` to `withdrawn`, or one that deletes the file.

How to fix: history is never rewritten. Record the missing step properly from now on (for a
network added as recognized: the recognition decision, `om decide`); a deliberate import of an
existing register is audited with `om audit --since <import commit>`.
"""

from __future__ import annotations

from om_cli.findings import Severity
from om_cli.history import Change, StatusChange
from om_cli.messages import Message, msg, printable

ID = "OM301"
SEVERITY = Severity.ERROR

# (old, new) status: the steps the lifecycle allows between two versions of a network file
STEPS = frozenset(
    {
        ("applied", "recognized"),
        ("applied", "rejected"),
        ("recognized", "withdrawn"),
        ("rejected", "applied"),
        ("withdrawn", "applied"),
    }
)


def shown(status: str | None) -> str:
    """A status as messages show it (a file's own value, so escaped): `—` where there is none."""
    return "—" if status is None else printable(status, 40)


def judge(change: StatusChange, commit: str) -> Message | None:
    """Why `change` breaks the lifecycle; None when it is a step the lifecycle allows."""
    if change.change is Change.ADDED:
        if change.new_status == "applied":
            return None
        return msg("om301.added", commit=commit, new=shown(change.new_status))
    if change.change is Change.DELETED:
        return msg("om301.deleted", commit=commit, old=shown(change.old_status))
    if (change.old_status, change.new_status) in STEPS:
        return None
    return msg(
        "om301.transition",
        commit=commit,
        old=shown(change.old_status),
        new=shown(change.new_status),
    )
