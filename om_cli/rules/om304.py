"""OM304 — status changes are signed by an allowed signer (history).

Clause: none (the audit trail's integrity: where the secretariat keeps a list of who may
record decisions, each recorded status change proves who made it).

What it checks (`om audit`, `om check --base`), only when `audit.allowed_signers` is set in
`om.yaml`: every commit that changes a network's status — other than an application (to
`applied`) — has a good ssh signature checked by git against that allowed-signers file
(`gpg.ssh.allowedSignersFile`, offline), and the signature's principal is the commit's
committer e-mail: a key of the list signing for someone else does not count. The settings and
the allowed-signers file are read from the commit's first parent (in `om check --base`: from
the base), so no commit can vouch for itself by editing the list. OpenPGP and X.509
signatures are not accepted: a personal keyring must not decide an audit. The policy itself is
guarded the same way: a commit that changes `audit.require_trailers`, `audit.allowed_signers`,
the severity of a history rule, the allowed-signers file in force, or makes `om.yaml`
unreadable must be signed by an allowed signer under the policy before it (finding on
`om.yaml`). Without `audit.allowed_signers` the audit proves that the trail is consistent,
not who wrote it. git checks a key's `valid-after`/`valid-before` against the committer date,
which the committer sets: an expired key can sign a backdated commit, so remove a departing
signer's line rather than letting it expire.

Passing example: `om.yaml` has `audit: {allowed_signers: .om/allowed_signers}`, that file has
the line `gs@om.example ssh-ed25519 AAAA…`, and the recognition commit is committed by
`gs@om.example` and signed with that key (`om decide recognize … --sign`).

Failing example: the same commit unsigned, signed with a key not in the file, or signed with
the key of `gs@om.example` but committed by `max@om.example`.

How to fix: configure ssh signing (`git config gpg.format ssh`, `user.signingkey`) and make
status changes with `om decide … --sign`; add new signers to the allowed-signers file in a
commit of its own before they sign.
"""

from __future__ import annotations

from om_cli.findings import Severity

ID = "OM304"
SEVERITY = Severity.ERROR
