"""om's error hierarchy.

Bad input is never an exception that reaches the user: problems with registry files become
findings (OM001 …). These errors are for what stops a command as a whole — a registry that is
not there, a date that is not a date, a repository git cannot read. The CLI maps every
`OmError` to a one-line message on stderr and exit code 2; anything else is a bug (exit 3).
"""

from __future__ import annotations

from om_cli.messages import Message


class OmError(Exception):
    """A problem the user can fix; its message says what to do."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.id)
        self.message = message

    def text(self, lang: str) -> str:
        return self.message.text(lang)


class UsageError(OmError):
    """The command line asks for something that cannot be done."""


class RegistryError(OmError):
    """The registry as a whole cannot be read (missing folder, unreadable root)."""


class WriteError(OmError):
    """Files could not be written safely (lock held, file changed, link); nothing was changed."""


class GitError(OmError):
    """git is missing, the folder is no repository, or git fails on it."""
