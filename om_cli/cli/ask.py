"""Asking on the terminal: rich prompts, the clause behind each question, and completion.

`Asker.ask` puts one `Question` to the user until the answer is valid: a rejection names the
reason and the clause of the criteria behind it; a name that fits several regions becomes a
numbered choice; an unknown partner id can be created on the spot (`om new partner`'s
questions); an answer that leaves a criterion unmet needs an explicit "yes". Tab completes ids
at the prompt (readline, where the terminal has it); the `complete_*` functions complete ids
on the shell command line (Typer `autocompletion=`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from om_cli.answers import (
    Ambiguous,
    Answers,
    Invalid,
    Lookup,
    Question,
    Unconfirmed,
    UnknownPartners,
    as_items,
    parse_bool,
    unknown_partners,
)
from om_cli.errors import UsageError
from om_cli.messages import Message, msg, printable

CreatePartner = Callable[[str], bool]


class Asker:
    """Puts questions to the user on the console, in `lang`."""

    def __init__(
        self, lookup: Lookup, lang: str, *, create_partner: CreatePartner | None = None
    ) -> None:
        from rich.console import Console

        self.lookup = lookup
        self.lang = lang
        self.console = Console(highlight=False)
        self.create_partner = create_partner
        self.title: Message | None = None  # shown before the first question, if one is asked

    # --- output -------------------------------------------------------------------------------

    def say(self, message: Message, style: str = "", indent: int = 0) -> None:
        from rich.markup import escape

        text = " " * indent + escape(message.text(self.lang))
        self.console.print(f"[{style}]{text}[/]" if style else text)

    def heading(self, message: Message) -> None:
        from rich.markup import escape

        self.console.print()
        self.console.rule(f"[bold]{escape(message.text(self.lang))}[/]", align="left")

    def reject(self, reason: Message) -> None:
        """A given answer (flag, answer file) that cannot be used; it is asked for instead."""
        self.say(msg("ask.rejected", reason=reason), "bold red")

    def _reject(self, reason: Message, clause: str | None) -> None:
        self.say(msg("ask.rejected", reason=reason), "bold red")
        if clause is not None:
            self.say(msg("ask.clause", clause=msg(clause)), "red", indent=2)

    # --- input --------------------------------------------------------------------------------

    def prompt(
        self, message: Message, default: str | None = None, words: list[str] | None = None
    ) -> str:
        from rich.markup import escape
        from rich.prompt import Prompt

        with _completion(words or []):
            try:
                answer = Prompt.ask(
                    f"[bold cyan]?[/] {escape(message.text(self.lang))}",
                    console=self.console,
                    default=default if default is not None else "",
                    show_default=bool(default),
                )
            except EOFError:
                raise UsageError(msg("ask.eof")) from None
        return str(answer).strip()

    def confirm(self, message: Message, default: bool) -> bool:
        hint = msg("ask.yes_no_default_yes" if default else "ask.yes_no_default_no")
        while True:
            answer = self.prompt(msg("ask.with_hint", question=message, hint=hint))
            if not answer:
                return default
            try:
                return parse_bool(answer)
            except Invalid as error:
                self._reject(error.reason, None)

    def ask(self, question: Question, answers: Answers) -> Any:
        """Ask until the answer is valid; return its value."""
        if self.title is not None:
            self.heading(self.title)
            self.title = None
        if question.clause is not None:
            self.say(msg("ask.clause", clause=msg(question.clause)), "dim", indent=2)
        default = question.default(answers, self.lookup) if question.default else None
        pending: Any = None
        while True:
            if pending is None:
                if question.kind == "bool":
                    pending = self.confirm(msg(question.prompt), parse_bool(default or "ja"))
                elif question.kind == "commitments":
                    pending = self._commitments()
                else:
                    words = self._words(question.complete, answers)
                    pending = self.prompt(msg(question.prompt), default, words)
                    if not pending:
                        if not question.required:
                            if self._may_stay_empty(question, answers):
                                return None
                        else:
                            self._reject(msg("ask.empty"), None)
                        pending = None
                        continue
            raw, pending = pending, None
            try:
                return question.parse(raw, self.lookup, answers, False)
            except Invalid as error:
                self._reject(error.reason, error.clause)
            except Ambiguous as error:
                pending = self._choose(error, raw, question)
            except UnknownPartners as error:
                if self._create_partners(error):
                    pending = raw
                else:
                    self._reject(unknown_partners(error), None)
            except Unconfirmed as error:
                self._reject(error.reason, error.clause)
                if self.confirm(msg("ask.anyway"), False):
                    try:
                        return question.parse(raw, self.lookup, answers, True)
                    except Invalid as again:
                        self._reject(again.reason, again.clause)

    def _may_stay_empty(self, question: Question, answers: Answers) -> bool:
        """An optional answer left empty: fine, unless a criterion needs it (then confirm)."""
        if question.if_empty is None:
            return True
        try:
            question.if_empty(answers, False)
        except Unconfirmed as error:
            self._reject(error.reason, error.clause)
            return self.confirm(msg("ask.anyway"), False)
        return True

    def _choose(self, error: Ambiguous, raw: Any, question: Question) -> Any:
        """A name fits several entries: show them numbered and let the user pick."""
        self.say(msg("ask.several", text=printable(error.text, 60)), "yellow")
        for number, candidate in enumerate(error.candidates, 1):
            self.console.print(f"  [bold]{number}[/] {_escape(candidate.label)}")
        single = question.kind != "list"
        while True:
            answer = self.prompt(msg("ask.pick_one" if single else "ask.pick"))
            picked: list[str] = []
            try:
                for item in as_items(answer):
                    if fold_all(item) and not single:
                        picked = [c.id for c in error.candidates]
                        break
                    index = int(item) - 1
                    if not 0 <= index < len(error.candidates):
                        raise ValueError
                    picked.append(error.candidates[index].id)
            except ValueError:
                picked = []
            if picked and (not single or len(picked) == 1):
                break
            self._reject(msg("ask.bad_pick", count=len(error.candidates)), None)
        if single:
            return picked[0]
        items = as_items(raw)
        result: list[str] = []
        for item in items:
            result.extend(picked if item == error.text else [item])
        return result

    def _create_partners(self, error: UnknownPartners) -> bool:
        """Offer to register each unknown partner now; True when all of them were."""
        for partner_id in error.ids:
            hints = error.suggestions.get(partner_id) or []
            if hints:
                self.say(msg("ask.did_you_mean", id=printable(partner_id, 64),
                             suggestions=", ".join(hints)), "yellow")  # fmt: skip
            if self.create_partner is None or not self.confirm(
                msg("ask.create_partner", id=printable(partner_id, 64)), False
            ):
                return False
            if not self.create_partner(partner_id):
                return False
        return True

    def _commitments(self) -> list[str]:
        """Each of the five declarations, with its clause; the declined ones are left out."""
        from om_cli.apply import COMMITMENT_CLAUSES, COMMITMENTS

        declared = []
        for name in COMMITMENTS:
            self.say(msg("ask.clause", clause=msg(COMMITMENT_CLAUSES[name])), "dim", indent=2)
            if self.confirm(msg(f"apply.declare.{name}"), True):
                declared.append(name)
        return declared

    def _words(self, what: str | None, answers: Answers) -> list[str]:
        lookup = self.lookup
        if what == "regions":
            return sorted(lookup.regions)
        if what == "partners":
            return sorted(lookup.partners)
        if what == "chosen_partners":
            return list(answers.get("partners") or [])
        if what == "topics":
            return sorted(lookup.topics)
        if what == "instruments":
            return sorted(lookup.instruments)
        if what == "groups":
            return sorted(lookup.groups)
        if what == "types":
            from om_cli.new_partner import TYPES

            return list(TYPES)
        return []


def fold_all(item: str) -> bool:
    return item.strip().lower() in ("a", "alle", "all", "beide", "both")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(printable(text, 200))


@contextmanager
def _completion(words: list[str]) -> Iterator[None]:
    """Tab completion of `words` at the prompt, when the terminal has readline."""
    try:
        import readline
    except ImportError:  # no readline: prompts work, only without completion
        yield
        return
    if not words:
        yield
        return

    def complete(text: str, state: int) -> str | None:
        matches = [word for word in words if word.startswith(text)]
        return matches[state] if state < len(matches) else None

    old_completer = readline.get_completer()
    old_delims = readline.get_completer_delims()
    readline.set_completer(complete)
    readline.set_completer_delims(" ,;")
    readline.parse_and_bind("tab: complete")
    try:
        yield
    finally:
        readline.set_completer(old_completer)
        readline.set_completer_delims(old_delims)


# spinner, shell completion, `--push` and Ctrl-C live in `om_cli.cli.terminal`, which every
# start of om imports; they are re-exported here for the prompting code
from om_cli.cli.terminal import (  # noqa: E402
    DEFAULT_REMOTE,
    PushCommand,
    complete_instruments,
    complete_networks,
    complete_partners,
    complete_plenums,
    complete_regions,
    complete_topics,
    interruptible,
    spinner,
)

__all__ = [
    "DEFAULT_REMOTE",
    "Asker",
    "PushCommand",
    "complete_instruments",
    "complete_networks",
    "complete_partners",
    "complete_plenums",
    "complete_regions",
    "complete_topics",
    "interruptible",
    "spinner",
]
