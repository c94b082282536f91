"""The `om` command line: argument parsing and rendering around the core.

Each command lives in its own module and calls one core function. `main` is the one place that
turns errors into exit codes: an `OmError` (bad input the user can fix) becomes a message on
stderr and exit 2; anything else is a bug: its traceback is shown and the exit code is 3.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys

import typer

from om_cli.cli import (
    apply,
    audit,
    check,
    decide,
    export,
    fmt,
    history,
    hook,
    init,
    lookup,
    new,
    record,
    report,
    rules,
    status,
)
from om_cli.errors import OmError
from om_cli.messages import default_language, msg

app = typer.Typer(
    name="om",
    help="Register der Netzwerke und Partner der Offensive Mittelstand prüfen und pflegen.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command("check")(check.check_command)
app.add_typer(rules.app, name="rules")
app.command("list")(lookup.list_command)
app.command("show")(lookup.show_command)
app.command("decide")(decide.decide_command)
app.command("fmt")(fmt.fmt_command)
app.command("history")(history.history_command)
# audit
app.command("audit")(audit.audit_command)

# apply, new, record
app.command("apply", cls=apply.PushCommand)(apply.apply_command)
app.add_typer(new.app, name="new")
app.add_typer(record.app, name="record")

# check --base formats, hook, init
app.add_typer(hook.app, name="hook")
app.command("init")(init.init_command)

# report, export, status
app.add_typer(report.app, name="report")
app.command("export")(export.export_command)
app.command("status")(status.status_command)


def main(argv: list[str] | None = None) -> int:
    """Run `om`; return the exit code (also used by the console script)."""
    # A short-lived process building hundreds of thousands of small dicts and lists, none of
    # them in reference cycles: the cyclic collector would only cost time (a quarter of a cold
    # check). Reference counting still frees everything.
    gc.disable()
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # never die on a terminal that cannot show a name
            stream.reconfigure(errors="backslashreplace")
    try:
        args = sys.argv[1:] if argv is None else argv
        _app_for(args)(args=args, prog_name="om", standalone_mode=True)
    except SystemExit as exit_:
        code = exit_.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except OmError as error:
        sys.stderr.write(f"om: {error.text(_language(argv))}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("om: abgebrochen / interrupted\n")
        return 130
    except BrokenPipeError:  # `om … | head`: the reader has all it wanted
        _drop_stdout()
        return 1
    except OSError as error:
        if error.errno not in _OUTPUT_ERRORS:
            _report_bug(error, argv)
            return 3
        _output_failed(error, argv)
        return 2
    except Exception as error:
        _report_bug(error, argv)
        return 3
    return 0


# what writing the output can fail with: a full disk or quota, a broken device
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG})


def _report_bug(error: BaseException, argv: list[str] | None) -> None:
    """Report a bug: the traceback, then a short note."""
    import traceback  # only for a bug: importing it costs every run a few milliseconds

    traceback.print_exception(error)
    sys.stderr.write(f"om: {msg('error.internal').text(_language(argv))}\n")


def _output_failed(error: OSError, argv: list[str] | None) -> None:
    """Say that the output could not be written, and write no more of it."""
    _drop_stdout()
    reason = error.strerror or type(error).__name__
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(f"om: {msg('error.output', reason=reason).text(_language(argv))}\n")
        sys.stderr.flush()


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that flushing what could not be written fails no more."""
    with contextlib.suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run: for `om COMMAND …`, one that holds just that command.

    Typer turns every command's signature into click parameters before it runs any of them;
    with twenty commands that costs a quarter of a short run. A one-command app parses and
    prints (`om check --help`, usage errors) exactly as the whole app does for that command.
    `om` alone, `om --help`, an unknown command and shell completion get the whole app.
    """
    import os

    if not args or args[0].startswith("-") or any(k.startswith("_OM_") for k in os.environ):
        return app
    name = args[0]
    commands = [info for info in app.registered_commands if info.name == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    only = typer.Typer(
        name="om",
        help=app.info.help,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    only.callback()(_whole)  # a group, not a single command: `om NAME …` keeps its NAME
    only.registered_commands = commands
    only.registered_groups = groups
    return only


def _whole() -> None:
    """Register der Netzwerke und Partner der Offensive Mittelstand prüfen und pflegen."""


def _language(argv: list[str] | None) -> str:
    """The language asked for with `--lang` (for messages about errors before parsing ends)."""
    args = sys.argv[1:] if argv is None else argv
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in ("de", "en"):
            return args[index + 1]
        if arg in ("--lang=de", "--lang=en"):
            return arg.split("=", 1)[1]
    return default_language()


def run() -> None:
    """The console script: `main`, then leave at once.

    Everything om opens is closed by the time `main` returns (files in `with` blocks, temporary
    folders, git's child processes), so the interpreter's own shutdown would only free the
    loaded registry object by object, about a tenth of a cold check of a large registry.
    """
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away, or a stream was closed
        pass
    except OSError as error:  # e.g. a full disk under a redirected output
        _output_failed(error, None)
        code = 2
    os._exit(code)
