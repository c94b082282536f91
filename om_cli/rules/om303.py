"""OM303 — decision files are never modified or deleted (history).

Clause: none (the audit trail's integrity: a decision, once recorded, is the evidence for what
it decided; it does not change afterwards).

What it checks (`om audit`, `om check --base`): once a file under `decisions/` has been added,
no later commit changes its content or deletes it. Moving a file unchanged into the folder of
its decision's year (`decisions/<year of date>/`) is allowed; a change of the file mode alone is
no change of content. A merge is judged by what it changes itself.

Passing example: `decisions/2026/lk-2026-03-anerkennung-om-beispiel.yaml` added once and never
touched again; a later decision of its own corrects or reverses it.

Failing example: a commit that edits the `date` or `networks` of an existing decision, or
deletes the file.

How to fix: never edit a recorded decision; record a new one (`om decide …`) that corrects
it. History is not rewritten; the finding stays for that commit.
"""

from __future__ import annotations

from om_cli.findings import Severity

ID = "OM303"
SEVERITY = Severity.ERROR
