"""OM305 — the history is complete enough to audit (history).

Clause: none (the audit's own precondition).

What it checks (`om audit`, `om check --base`): the repository's history is the real, whole
history. A shallow clone lacks the older commits; replacement objects (`refs/replace/*`) and a
grafts file make commits appear to contain or descend from something else. In any of these
cases the audit refuses with this finding instead of giving a false all-clear, and judges
nothing else. (`om check --base` with a missing or unreachable base, and `om audit --since`
with an unknown revision, exit with code 2 and say how to fetch it.)

Passing example: a full clone (`git clone`, or in CI a checkout with `fetch-depth: 0`).

Failing example: `git clone --depth 1`, or a repository with `git replace` objects.

How to fix: `git fetch --unshallow`; remove replacement refs (`git replace -d`) and
`.git/info/grafts`, or audit a fresh full clone.
"""

from __future__ import annotations

from om_cli.findings import Severity

ID = "OM305"
SEVERITY = Severity.ERROR
