"""User-facing texts in German and English.

Every text om shows is an entry of `CATALOGUE`, keyed by a stable id, with the German text first
and the English second; `{name}` placeholders are filled from the message's arguments. A test
checks that every entry has both languages and the same placeholders in each. Arguments are
values om computed (ids, dates, counts) — never a raw value from a file that failed to parse.
"""

from __future__ import annotations

import os
import re
import string
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("de", "en")


@dataclass(frozen=True, slots=True)
class Message:
    """A message id with its arguments; rendered into a language only when shown."""

    id: str
    args: tuple[tuple[str, Arg], ...] = ()

    def text(self, lang: str = "de") -> str:
        de, en = CATALOGUE[self.id]
        template = en if lang == "en" else de
        values = {
            name: value.text(lang) if isinstance(value, Message) else value
            for name, value in self.args
        }
        return FORMATTER.vformat(template, (), values)


class _Formatter(string.Formatter):
    """`str.format` plus plurals: `{n:|Warnung|Warnungen}` gives „1 Warnung“ or „2 Warnungen“
    (the number, a space, then the word that fits)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("|"):
            _, one, many = format_spec.split("|")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


FORMATTER = _Formatter()


Arg = str | int | Message


# Characters that hide or reorder text: soft hyphen, bidi controls, zero-width and filler
# characters, line/paragraph separators, BOM, interlinear annotations, non-characters and the
# Unicode tag characters (used to smuggle invisible text). A regex character-class body.
INVISIBLE = (
    "\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\U000e0000-\U000e007f"
)
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}]")


def printable(text: str, limit: int = 80) -> str:
    """`text` safe for any terminal: control and bidi characters escaped, long text cut."""
    cleaned = _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


def msg(message_id: str, **args: Arg) -> Message:
    """Build a `Message`, checking the id exists so a typo fails at once in tests."""
    if message_id not in CATALOGUE:
        raise KeyError(message_id)
    return Message(message_id, tuple(sorted(args.items())))


def encode_message(message: Message) -> list[Any]:
    return [message.id, [[name, _encode_arg(value)] for name, value in message.args]]


def _encode_arg(value: Any) -> Any:
    return {"m": encode_message(value)} if isinstance(value, Message) else value


def decode_message(raw: Any) -> Message:
    message_id, args = raw
    if not isinstance(message_id, str) or message_id not in CATALOGUE:
        raise ValueError("bad message id")
    decoded = []
    for name, value in args:
        if isinstance(value, dict):
            value = decode_message(value["m"])
        elif not isinstance(value, str | int):
            raise ValueError("bad argument")
        decoded.append((str(name), value))
    return Message(message_id, tuple(decoded))


def default_language() -> str:
    lang = os.environ.get("OM_LANG", "de").strip().lower()[:2]
    return lang if lang in LANGUAGES else "de"


CATALOGUE: dict[str, tuple[str, str]] = {
    # --- OM001: reading files -------------------------------------------------------------
    "load.too_large": (
        "Datei ist größer als {limit} Bytes; om liest sie nicht",
        "file is larger than {limit} bytes; om does not read it",
    ),
    "load.symlink": (
        "symbolischer Link; om folgt keinen Links im Register",
        "symbolic link; om does not follow links in the registry",
    ),
    "load.not_regular": (
        "keine reguläre Datei (z. B. FIFO oder Gerät); om liest sie nicht",
        "not a regular file (e.g. a FIFO or device); om does not read it",
    ),
    "load.unreadable": (
        "Datei kann nicht gelesen werden ({reason})",
        "file cannot be read ({reason})",
    ),
    "load.empty": (
        "Datei ist leer; erwartet wird ein YAML-Mapping",
        "file is empty; a YAML mapping is expected",
    ),
    "load.bom": (
        "Datei beginnt mit einer Byte-Order-Mark; bitte als UTF-8 ohne BOM speichern",
        "file starts with a byte order mark; save it as UTF-8 without BOM",
    ),
    "load.not_utf8": (
        "ungültiges UTF-8; bitte als UTF-8 speichern",
        "invalid UTF-8; save the file as UTF-8",
    ),
    "load.control_char": (
        "unzulässiges Steuerzeichen U+{code}",
        "forbidden control character U+{code}",
    ),
    "load.invisible_char": (
        "unzulässiges unsichtbares Zeichen U+{code} (Bidi-, Null-Breiten- oder Zeilentrennzeichen)",
        "forbidden invisible character U+{code} (bidi, zero-width or line separator)",
    ),
    "load.cr": (
        "Zeilenende mit CR (Windows/Mac); bitte LF-Zeilenenden verwenden",
        "CR line ending (Windows/Mac); use LF line endings",
    ),
    "load.tab_indent": (
        "Tabulator in der Einrückung; YAML erlaubt nur Leerzeichen",
        "tab in indentation; YAML allows only spaces",
    ),
    "load.tab": (
        "Tabulator außerhalb von Anführungszeichen; bitte Leerzeichen verwenden",
        "tab outside quotes; use spaces",
    ),
    "load.syntax": (
        "YAML-Syntaxfehler: {problem}",
        "YAML syntax error: {problem}",
    ),
    "load.multiple_documents": (
        "mehr als ein YAML-Dokument; eine Datei enthält genau ein Dokument",
        "more than one YAML document; a file holds exactly one document",
    ),
    "load.directive": (
        "YAML-Direktive (%YAML/%TAG) ist nicht erlaubt",
        "YAML directive (%YAML/%TAG) is not allowed",
    ),
    "load.anchor": (
        "Anker (&) und Aliase (*) sind nicht erlaubt; bitte Werte ausschreiben",
        "anchors (&) and aliases (*) are not allowed; write values out",
    ),
    "load.tag": (
        "YAML-Tags (!…) sind nicht erlaubt",
        "YAML tags (!…) are not allowed",
    ),
    "load.merge_key": (
        "Merge-Schlüssel (<<) und Wert-Schlüssel (=) sind nicht erlaubt; bitte in "
        "Anführungszeichen setzen",
        "merge keys (<<) and value keys (=) are not allowed; quote them",
    ),
    "load.too_deep": (
        "Verschachtelung tiefer als {limit} Ebenen",
        "nesting deeper than {limit} levels",
    ),
    "load.non_string_key": (
        "Schlüssel muss eine Zeichenkette sein",
        "key must be a string",
    ),
    "load.duplicate_key": (
        "Schlüssel kommt doppelt vor (zuerst in Zeile {first_line})",
        "duplicate key (first in line {first_line})",
    ),
    "load.non_finite": (
        "unendliche oder NaN-Zahlen sind nicht erlaubt",
        "infinite or NaN numbers are not allowed",
    ),
    "load.escaped_control": (
        "Steuer- oder Bidi-Zeichen U+{code} über eine Escape-Sequenz in Anführungszeichen",
        "control or bidi character U+{code} written as an escape sequence in quotes",
    ),
    "load.number_too_long": (
        "Zahl mit mehr als {limit} Ziffern",
        "number with more than {limit} digits",
    ),
    "load.ambiguous_number": (
        "mehrdeutiger Wert (Zahl mit Unterstrich, Vorzeichen vor 0x/0o oder Binärschreibweise); "
        "bitte in Anführungszeichen setzen",
        "ambiguous value (number with underscore, sign before 0x/0o, or binary notation); quote it",
    ),
    "load.not_mapping": (
        "oberste Ebene ist kein Mapping (Schlüssel: Wert)",
        "top level is not a mapping (key: value)",
    ),
    # --- OM002: schema ---------------------------------------------------------------------
    "schema.unexpected": (
        "unbekanntes Feld „{key}“ (Tippfehler?)",
        "unknown field '{key}' (a typo?)",
    ),
    "schema.required": (
        "Pflichtfeld „{key}“ fehlt in {parent}",
        "required field '{key}' is missing in {parent}",
    ),
    "schema.key_form": (
        "{field} enthält einen Schlüssel der falschen Form (erwartet z. B. eine Regel-ID wie "
        "OM105)",
        "{field} contains a key of the wrong form (expected e.g. a rule id such as OM105)",
    ),
    "schema.forbidden": (
        "Feld {field} ist hier nicht erlaubt (regions nur bei regionalen, topic nur bei "
        "fachlichen Netzwerken)",
        "field {field} is not allowed here (regions only on regional, topic only on "
        "thematic networks)",
    ),
    "schema.type": (
        "{field} hat den falschen Typ; erwartet: {types}",
        "{field} has the wrong type; expected: {types}",
    ),
    "schema.enum": (
        "{field} hat keinen zulässigen Wert; erlaubt: {options}",
        "{field} has no allowed value; allowed: {options}",
    ),
    "schema.id_pattern": (
        "{field} ist keine gültige Kennung (Kleinbuchstaben, Ziffern, einzelne Bindestriche)",
        "{field} is not a valid id (lower-case letters, digits, single hyphens)",
    ),
    "schema.date_pattern": (
        "{field} ist kein Datum der Form JJJJ-MM-TT",
        "{field} is not a date of the form YYYY-MM-DD",
    ),
    "schema.pattern": (
        "{field} hat nicht die erwartete Form ({pattern})",
        "{field} does not have the expected form ({pattern})",
    ),
    "schema.format": (
        "{field} ist kein gültiger Wert im Format {format} (z. B. ein unmögliches Datum)",
        "{field} is not a valid {format} (e.g. an impossible date)",
    ),
    "schema.minLength": (
        "{field} ist zu kurz (mindestens {limit} Zeichen)",
        "{field} is too short (at least {limit} characters)",
    ),
    "schema.maxLength": (
        "{field} ist zu lang (höchstens {limit} Zeichen)",
        "{field} is too long (at most {limit} characters)",
    ),
    "schema.minItems": (
        "{field} braucht mindestens {limit} Einträge",
        "{field} needs at least {limit} entries",
    ),
    "schema.maxItems": (
        "{field} hat mehr als {limit} Einträge",
        "{field} has more than {limit} entries",
    ),
    "schema.unique": (
        "{field} enthält doppelte Einträge",
        "{field} contains duplicate entries",
    ),
    "schema.other": (
        "{field} verletzt das Schema (Regel „{keyword}“)",
        "{field} violates the schema (keyword '{keyword}')",
    ),
    # --- placement, ids (OM003) ----------------------------------------------------------------
    "placement.unknown_file": (
        "unbekannte YAML-Datei im Register; erwartet werden om.yaml und die Ordner networks/, "
        "partners/, decisions/<Jahr>/, plenum/, taxonomy/",
        "unknown YAML file in the registry; expected are om.yaml and the folders networks/, "
        "partners/, decisions/<year>/, plenum/, taxonomy/",
    ),
    "placement.taxonomy_file": (
        "unbekannte Taxonomie-Datei; erlaubt sind regions.yaml, topics.yaml, instruments.yaml",
        "unknown taxonomy file; allowed are regions.yaml, topics.yaml, instruments.yaml",
    ),
    "placement.subfolder": (
        "Unterordner in {kind}/ sind nicht vorgesehen; Dateien liegen direkt in {kind}/",
        "sub-folders of {kind}/ are not expected; files lie directly in {kind}/",
    ),
    "placement.unsafe_name": (
        "Dateiname mit unzulässigen Zeichen (Steuer-, Bidi- oder ungültige UTF-8-Zeichen); "
        "om liest die Datei nicht",
        "file name with forbidden characters (control, bidi or invalid UTF-8); om does not "
        "read the file",
    ),
    "placement.yml": (
        "Dateiendung .yml; om liest nur .yaml-Dateien",
        "file extension .yml; om reads only .yaml files",
    ),
    "om003.id_mismatch": (
        "id stimmt nicht mit dem Dateinamen überein; erwartet: {stem}",
        "id does not match the file name; expected: {stem}",
    ),
    "om003.decision_folder": (
        "Beschluss liegt im falschen Ordner; er gehört nach decisions/{year}/",
        "decision lies in the wrong folder; it belongs in decisions/{year}/",
    ),
    "om003.decision_no_year": (
        "Beschluss liegt nicht in einem Jahresordner decisions/<Jahr>/",
        "decision does not lie in a year folder decisions/<year>/",
    ),
    "om003.plenum_stem": (
        "Dateiname einer Plenumssitzung muss ihr Datum sein: {date}.yaml",
        "a Plenum meeting's file name must be its date: {date}.yaml",
    ),
    "om003.duplicate": (
        "Kennung kommt doppelt vor (auch in {other})",
        "id is used twice (also in {other})",
    ),
    "om003.taxonomy_duplicate": (
        "Kennung kommt in dieser Taxonomie doppelt vor (zuerst in Zeile {first_line})",
        "id is listed twice in this taxonomy (first in line {first_line})",
    ),
    # --- references (OM004) -------------------------------------------------------------------
    "om004.missing": (
        "{kind} „{id}“ existiert nicht im Register",
        "{kind} '{id}' does not exist in the registry",
    ),
    "om004.unknown_rule": (
        "Regel „{rule}“ gibt es nicht",
        "there is no rule '{rule}'",
    ),
    "om004.missing_entity": (
        "Eintrag „{entity}“ existiert nicht im Register",
        "entity '{entity}' does not exist in the registry",
    ),
    "om004.not_a_waiver": (
        "Beschluss „{id}“ ist kein Ausnahmebeschluss (kind: waiver); die Ausnahme gilt nicht",
        "decision '{id}' is not a waiver decision (kind: waiver); the waiver does not apply",
    ),
    "kind.partner": ("Partner", "partner"),
    "kind.network": ("Netzwerk", "network"),
    "kind.region": ("Region", "region"),
    "kind.topic": ("Thema", "topic"),
    "kind.instrument": ("Instrument", "instrument"),
    "kind.plenum": ("Plenumssitzung", "Plenum meeting"),
    "kind.decision": ("Beschluss", "decision"),
    # --- OM005 ---------------------------------------------------------------------------------
    "om005.expired": (
        "Ausnahme (Beschluss {decision}) ist am {until} abgelaufen; bitte entfernen oder neu "
        "beschließen",
        "waiver (decision {decision}) expired on {until}; remove it or decide it anew",
    ),
    "om005.unmatched": (
        "Ausnahme für {rule} bei {entity} trifft auf keinen Befund mehr zu; bitte entfernen",
        "waiver for {rule} on {entity} no longer matches any finding; remove it",
    ),
    "settings.defaults": (
        "{problem} – es gelten die Standardeinstellungen",
        "{problem} – the default settings apply",
    ),
    # --- criteria -----------------------------------------------------------------------------
    "list.and": ("{first} und {second}", "{first} and {second}"),
    "field.regions": ("Region (regions)", "region (regions)"),
    "field.topic": ("Thema (topic)", "topic (topic)"),
    "field.goals": ("Ziele (application.goals)", "goals (application.goals)"),
    "field.approach": ("Vorgehensweise (application.approach)", "approach (application.approach)"),
    "om101.missing": (
        "Antrag unvollständig: es fehlt {missing}",
        "application incomplete: missing {missing}",
    ),
    "commitment.leitgedanken": ("Anerkennung der Leitgedanken", "recognition of the Leitgedanken"),
    "commitment.grundprinzipien": (
        "Arbeit auf Basis der Grundprinzipien",
        "working on the basis of the Grundprinzipien",
    ),
    "commitment.impartiality": ("Unparteilichkeit", "impartiality"),
    "commitment.informs_partners": (
        "Information der Netzwerkpartner",
        "informing the network's partners",
    ),
    "commitment.cooperation": (
        "Bereitschaft zur Zusammenarbeit",
        "readiness to cooperate",
    ),
    "commitment.missing": (
        "Erklärung fehlt: {commitment}",
        "declaration missing: {commitment}",
    ),
    "commitment.future": (
        "Erklärung „{commitment}“ ist auf {date} datiert, nach dem Prüfdatum {as_of}",
        "declaration '{commitment}' is dated {date}, after the as-of date {as_of}",
    ),
    "om104.missing": (
        "Referenzinstrument fehlt in instruments: {instruments}",
        "reference instrument missing from instruments: {instruments}",
    ),
    "om105.too_few": (
        "nur {count:|Partner zählt|Partner zählen} am {as_of}; nötig sind mindestens {minimum} "
        "(Mitglied, aktiv, Grundsätze der Zusammenarbeit unterzeichnet)",
        "only {count:|partner counts|partners count} on {as_of}; at least {minimum} are needed "
        "(member, active, Grundsätze der Zusammenarbeit signed)",
    ),
    "om106.groups": (
        "die Partner gehören nur {count:|Partnergruppe|Partnergruppen} an; mindestens {minimum} "
        "sollten es sein",
        "the partners belong to only {count:|partner group|partner groups}; there should be at "
        "least {minimum}",
    ),
    "om107.missing": (
        "kein Bericht an das Plenum im Jahr {year} (schriftlich oder persönlich durch ein "
        "Mitglied)",
        "no report to the Plenum in {year} (written, or in person by a member)",
    ),
    "om110.closed": (
        "Netzwerk ist nicht offen für alle Partner (open: true fehlt); ein geschlossenes "
        "Netzwerk kann nur Partner sein",
        "network is not open to all partners (open: true missing); a closed network can only "
        "be a partner",
    ),
    "om111.overlap": (
        "überschneidet sich mit Netzwerk „{other}“ (Region oder Thema) ohne Zustimmung des "
        "Leitungskreises",
        "overlaps network '{other}' (region or topic) without the Leitungskreis' consent",
    ),
    "om112.missing": (
        "Status withdrawn ohne Entzugsbeschluss des Plenums",
        "status withdrawn without a withdrawal decision of the Plenum",
    ),
    "om112.wrong_body": (
        "Entzugsbeschluss {decision} ist nicht vom Plenum gefasst",
        "withdrawal decision {decision} was not taken by the Plenum",
    ),
    "om112.not_proposed": (
        "Entzugsbeschluss {decision} ist nicht vom Leitungskreis vorgeschlagen "
        "(proposed_by: leitungskreis)",
        "withdrawal decision {decision} was not proposed by the Leitungskreis "
        "(proposed_by: leitungskreis)",
    ),
    "om112.too_late": (
        "Entzugsbeschluss {decision} ist nach dem {date} datiert",
        "withdrawal decision {decision} is dated after {date}",
    ),
    "decision_kind.recognition": ("Anerkennungsbeschluss", "recognition decision"),
    "decision_kind.rejection": ("Ablehnungsbeschluss", "rejection decision"),
    "om113.missing": (
        "{kind} des Leitungskreises fehlt",
        "{kind} of the Leitungskreis missing",
    ),
    "om113.wrong_body": (
        "Beschluss {decision} ist nicht vom Leitungskreis gefasst",
        "decision {decision} was not taken by the Leitungskreis",
    ),
    "om113.too_late": (
        "Beschluss {decision} ist nach dem {date} datiert",
        "decision {decision} is dated after {date}",
    ),
    "om201.no_reference": (
        "Name lässt den Bezug zur Region oder zum Thema nicht erkennen",
        "name does not show the reference to its region or topic",
    ),
    "om202.no_website": (
        "Name ohne „Offensive Mittelstand“: Website mit Partner-Logo fehlt (website)",
        "name without 'Offensive Mittelstand': website with partner logo missing (website)",
    ),
    "om202.no_logo": (
        "Name ohne „Offensive Mittelstand“: Partner-Logo auf der Website fehlt "
        "(partner_logo: true)",
        "name without 'Offensive Mittelstand': partner logo on the website missing "
        "(partner_logo: true)",
    ),
    "om203.too_few": (
        "im Jahr {year} nur {count:|Treffen|Treffen}; mindestens {minimum} sind nötig",
        "only {count:|meeting|meetings} in {year}; at least {minimum} are needed",
    ),
    "om203.current_year": (
        "bisher {count:|Treffen|Treffen} im Jahr {year} (Stand {as_of}); mindestens 2 bis "
        "Jahresende",
        "{count:|meeting|meetings} so far in {year} (as of {as_of}); at least 2 by the end of "
        "the year",
    ),
    "om204.not_informed": (
        "Schlichtungsbeschluss wurde dem Plenum nicht mitgeteilt (fehlt in informed_of, "
        "z. B. der Sitzung {plenum})",
        "dispute resolution was not reported to the Plenum (missing from informed_of, e.g. of "
        "the meeting {plenum})",
    ),
    # --- errors and the CLI -------------------------------------------------------------------
    "error.no_registry": (
        "kein Register unter {path}; mit --registry DIR angeben",
        "no registry at {path}; name it with --registry DIR",
    ),
    "error.no_path": (
        "Pfad {path} gibt es nicht",
        "path {path} does not exist",
    ),
    "error.no_registry_at": (
        "im Commit {rev} gibt es kein Register unter {path}",
        "commit {rev} has no registry at {path}",
    ),
    "error.bad_date": (
        "ungültiges Datum „{value}“; erwartet wird JJJJ-MM-TT",
        "invalid date '{value}'; expected YYYY-MM-DD",
    ),
    "error.unknown_rule": (
        "Regel {rule} gibt es nicht; „om rules list“ zeigt alle",
        "there is no rule {rule}; 'om rules list' shows them all",
    ),
    "error.unknown_entity": (
        "„{id}“ gibt es im Register nicht",
        "'{id}' does not exist in the registry",
    ),
    "error.ambiguous_entity": (
        "„{id}“ ist mehrdeutig: {kinds}; bitte als <Art>/<id> angeben",
        "'{id}' is ambiguous: {kinds}; name it as <kind>/<id>",
    ),
    "error.output": (
        "Ausgabe konnte nicht geschrieben werden: {reason}",
        "could not write the output: {reason}",
    ),
    "error.internal": (
        "interner Fehler in om (ein Fehler im Programm, bitte melden)",
        "internal error in om (a bug, please report it)",
    ),
    # --- om decide ------------------------------------------------------------------------------
    "decide.unknown_action": (
        "unbekannte Aktion {action}; möglich: recognize, reject, withdraw, consent, resolve, waive",
        "unknown action {action}; possible: recognize, reject, withdraw, consent, resolve, waive",
    ),
    "decide.network_count": (
        "{action} braucht {expected} Netzwerk(e)",
        "{action} needs {expected} network(s)",
    ),
    "decide.network_twice": ("ein Netzwerk ist doppelt genannt", "a network is named twice"),
    "decide.bad_id": (
        "Beschluss-Kennung „{id}“ ist ungültig (Kleinbuchstaben, Ziffern, einzelne Bindestriche)",
        "decision id '{id}' is invalid (lower-case letters, digits, single hyphens)",
    ),
    "decide.not_proposed": (
        "ein Entzug braucht den Vorschlag des Leitungskreises (--proposed-by leitungskreis)",
        "a withdrawal needs the Leitungskreis' proposal (--proposed-by leitungskreis)",
    ),
    "decide.id_exists": (
        "einen Beschluss „{id}“ gibt es schon; Beschlüsse werden nie überschrieben",
        "decision '{id}' exists already; decisions are never overwritten",
    ),
    "decide.unknown_network": (
        "Netzwerk „{network}“ gibt es im Register nicht",
        "network '{network}' does not exist in the registry",
    ),
    "decide.unreadable": (
        "{file} ist nicht lesbar (OM001); bitte zuerst „om check“ beheben",
        "{file} cannot be read (OM001); fix `om check` first",
    ),
    "decide.transition": (
        "{network} hat den Status {status}; {action} ist nur aus {expected} möglich",
        "{network} has status {status}; {action} is possible only from {expected}",
    ),
    "decide.would_fail": (
        "danach hätte das Register Fehler: {findings}",
        "the registry would have errors afterwards: {findings}",
    ),
    "decide.not_a_mapping": (
        "die Netzwerkdatei ist kein Mapping",
        "the network file is not a mapping",
    ),
    "decide.not_a_repository": (
        "{path} liegt in keinem Git-Repository; om decide trägt Beschlüsse als Commits ein – "
        "bitte im Repository des Registers aufrufen",
        "{path} is not inside a git repository; om decide records decisions as commits – run "
        "it in the registry's repository",
    ),
    "decide.uncommitted": (
        "{file} hat Änderungen, die noch nicht committet sind; sie kämen ungeprüft in den Commit "
        "des Beschlusses – bitte erst committen oder mit „git stash“ beiseitelegen",
        "{file} has changes not committed yet; they would go unreviewed into the decision's "
        "commit – commit them first or put them aside with “git stash”",
    ),
    "decide.dirty_index": (
        "im Git-Index liegen Änderungen, die om nicht gemacht hat; bitte erst committen oder "
        "mit „git restore --staged“ zurücknehmen",
        "the git index holds changes om did not make; commit them first or undo them with "
        "'git restore --staged'",
    ),
    "decide.waiver_fields": (
        "waive braucht --rule, --entity, --until und --reason",
        "waive needs --rule, --entity, --until and --reason",
    ),
    "decide.waiver_expired": (
        "--until {until} liegt vor dem Beschluss am {date}: die Ausnahme wäre schon abgelaufen",
        "--until {until} lies before the decision of {date}: the waiver would have expired already",
    ),
    "decide.done": (
        "Beschluss {id} eingetragen: Commit {commit}",
        "decision {id} recorded: commit {commit}",
    ),
    "decide.title.recognize": (
        "Anerkennung: {networks} ({date})",
        "Recognition: {networks} ({date})",
    ),
    "decide.title.reject": ("Ablehnung: {networks} ({date})", "Rejection: {networks} ({date})"),
    "decide.title.withdraw": (
        "Entzug der Anerkennung: {networks} ({date})",
        "Withdrawal: {networks} ({date})",
    ),
    "decide.title.consent": (
        "Zustimmung zum Teilnetzwerk: {networks} ({date})",
        "Sub-network consent: {networks} ({date})",
    ),
    "decide.title.resolve": (
        "Klärung durch den Leitungskreis: {networks} ({date})",
        "Dispute resolution: {networks} ({date})",
    ),
    "decide.title.waive": ("Ausnahme: {networks} ({date})", "Waiver: {networks} ({date})"),
    # --- safe writes (om decide, om apply, om record, om fmt) -----------------------------------
    "write.recover_failed": (
        "eine unterbrochene Schreiboperation ließ sich nicht zurückrollen ({path}: {reason}); "
        "bitte den Stand mit „git status“ prüfen",
        "an interrupted write could not be rolled back ({path}: {reason}); check the state "
        "with 'git status'",
    ),
    "write.locked": (
        "ein anderer om-Befehl schreibt gerade in dieses Register (Sperre {path}); bitte warten "
        "und den Befehl erneut ausführen",
        "another om command is writing this registry (lock {path}); wait and try again",
    ),
    "write.lock_failed": (
        "Sperrdatei {path} kann nicht angelegt werden ({reason})",
        "cannot create the lock file {path} ({reason})",
    ),
    "write.outside": (
        "{path} liegt nicht im Register {root}; om schreibt nur innerhalb des Registers",
        "{path} does not lie in the registry {root}; om writes only inside the registry",
    ),
    "fmt.link": (
        "{path} liegt hinter einem symbolischen Link; om folgt Links nicht aus dem Register hinaus",
        "{path} lies behind a symbolic link; om does not follow links out of the registry",
    ),
    "write.comment_lost": (
        "{file}: der Kommentar in Zeile {line} („{comment}“) ginge beim Schreiben verloren "
        "(etwa in einer Fluss-Liste [ … ] oder vor „---“); bitte die Datei von Hand ändern oder "
        "den Kommentar verschieben",
        "{file}: the comment on line {line} (“{comment}”) would be lost in writing (e.g. inside "
        "a flow list [ … ] or before “---”); edit the file by hand or move the comment",
    ),
    "write.symlink": (
        "{path} ist ein symbolischer Link; om schreibt nicht durch Links",
        "{path} is a symbolic link; om does not write through links",
    ),
    "write.not_regular": (
        "{path} ist keine reguläre Datei; om überschreibt sie nicht",
        "{path} is not a regular file; om does not overwrite it",
    ),
    "write.not_folder": (
        "{path} ist kein Ordner; die Datei kann dort nicht angelegt werden",
        "{path} is not a folder; the file cannot be created there",
    ),
    "write.changed": (
        "{path} wurde geändert, seit om die Datei gelesen hat; nichts wurde geschrieben, bitte "
        "den Befehl erneut ausführen",
        "{path} changed since om read it; nothing was written, run the command again",
    ),
    "write.vanished": (
        "{path} wurde gelöscht, seit om die Datei gelesen hat; nichts wurde geschrieben",
        "{path} was deleted since om read it; nothing was written",
    ),
    "write.appeared": (
        "{path} gibt es inzwischen; om überschreibt die Datei nicht, nichts wurde geschrieben",
        "{path} exists now; om does not overwrite it, nothing was written",
    ),
    "write.invalid": (
        "der neue Inhalt von {path} wäre ungültig ({line}:{column}: {problem}); nichts wurde "
        "geschrieben",
        "the new content of {path} would be invalid ({line}:{column}: {problem}); nothing was "
        "written",
    ),
    "write.failed": (
        "{path} kann nicht geschrieben werden ({reason}); das Register ist unverändert",
        "cannot write {path} ({reason}); the registry is unchanged",
    ),
    "write.restore_failed": (
        "{path} kann nicht geschrieben werden ({reason}), und {files} konnten nicht "
        "wiederhergestellt werden; bitte mit „git status“ und „git diff“ prüfen",
        "cannot write {path} ({reason}), and {files} could not be restored; check with "
        "'git status' and 'git diff'",
    ),
    "write.yaml_refused": (
        "{file}:{line}:{column}: {problem}; om bearbeitet die Datei nicht",
        "{file}:{line}:{column}: {problem}; om does not edit the file",
    ),
    "write.yaml_roundtrip": (
        "{file}: ruamel.yaml kann die Datei nicht bearbeiten ({error}); bitte von Hand ändern",
        "{file}: ruamel.yaml cannot edit the file ({error}); change it by hand",
    ),
    "write.yaml_unwritable": (
        "das bearbeitete Dokument ergäbe kein gültiges YAML für om ({line}:{column}: {problem})",
        "the edited document would not be valid YAML for om ({line}:{column}: {problem})",
    ),
    # --- om fmt ---------------------------------------------------------------------------------
    "fmt.reformatted": ("{file}: umformatiert", "{file}: reformatted"),
    "fmt.would_reformat": ("{file}: würde umformatiert", "{file}: would be reformatted"),
    "fmt.values_differ": (
        "das Umformatieren würde Werte ändern; die Datei bleibt unverändert (bitte melden)",
        "reformatting would change values; the file is left as it is (please report this)",
    ),
    "fmt.not_yaml": (
        "{path} ist keine .yaml-Datei; om fmt formatiert nur Registerdateien",
        "{path} is not a .yaml file; om fmt formats only registry files",
    ),
    "fmt.summary": (
        "{changed:|Datei|Dateien} umformatiert, {unchanged} unverändert, "
        "{problems:|Datei|Dateien} mit Fehlern",
        "{changed:|file|files} reformatted, {unchanged} unchanged, "
        "{problems:|file|files} with errors",
    ),
    "fmt.summary_check": (
        "{changed:|Datei|Dateien} nicht im Hausstil, {unchanged} im Hausstil, "
        "{problems:|Datei|Dateien} mit Fehlern",
        "{changed:|file|files} not in house style, {unchanged} in house style, "
        "{problems:|file|files} with errors",
    ),
    # --- git and om history --------------------------------------------------------------------
    "git.not_found": (
        "git ist nicht installiert oder nicht im PATH; bitte git installieren",
        "git is not installed or not on PATH; install git",
    ),
    "git.no_directory": (
        "Ordner {path} gibt es nicht; das Repository mit --repo DIR angeben",
        "folder {path} does not exist; name the repository with --repo DIR",
    ),
    "git.not_a_repository": (
        "{path} liegt in keinem Git-Repository; das Repository mit --repo DIR angeben",
        "{path} is not inside a git repository; name the repository with --repo DIR",
    ),
    "git.shallow": (
        "das Repository ist ein flacher Klon (shallow clone), seine Historie ist unvollständig; "
        "mit „git fetch --unshallow“ die ganze Historie holen",
        "the repository is a shallow clone, its history is incomplete; fetch the whole history "
        "with 'git fetch --unshallow'",
    ),
    "git.failed": (
        "git {command} ist fehlgeschlagen: {reason}",
        "git {command} failed: {reason}",
    ),
    "git.bad_output": (
        "unerwartete Ausgabe von git {command}; ist die git-Version zu alt (mindestens 2.26)?",
        "unexpected output from git {command}; is the git version too old (2.26 or later)?",
    ),
    "history.outside": (
        "Registerpfad {path} liegt außerhalb des Repositorys",
        "registry path {path} lies outside the repository",
    ),
    "history.none": (
        "keine Statusänderungen in der Historie",
        "no status changes in the history",
    ),
    "history.none_for": (
        "keine Statusänderungen von {network} in der Historie",
        "no status changes of {network} in the history",
    ),
    "history.no_status": (
        "(kein lesbarer Status)",
        "(no readable status)",
    ),
    "history.no_decision": (
        "ohne Beschluss",
        "no decision",
    ),
    # --- om audit (history rules OM301–OM305) ----------------------------------------------------
    "git.unknown_revision": (
        "die Revision {revision} gibt es in diesem Repository nicht (nicht geholt?); "
        "mit „git fetch origin {revision}“ holen oder eine andere angeben",
        "revision {revision} does not exist in this repository (not fetched?); fetch it with "
        "'git fetch origin {revision}' or name another one",
    ),
    "om301.added": (
        "Commit {commit} legt das Netzwerk mit Status {new} an; ein neues Netzwerk beginnt als "
        "Antrag (applied)",
        "commit {commit} adds the network with status {new}; a new network starts as an "
        "application (applied)",
    ),
    "om301.deleted": (
        "Commit {commit} löscht die Netzwerkdatei (Status {old}); der Lebenszyklus kennt kein "
        "Löschen, ein Netzwerk bleibt mit seinem Status im Register",
        "commit {commit} deletes the network file (status {old}); the lifecycle has no deletion, "
        "a network stays in the register with its status",
    ),
    "om301.transition": (
        "Commit {commit} ändert den Status {old} → {new}; der Lebenszyklus erlaubt nur "
        "applied → recognized oder rejected, recognized → withdrawn und einen neuen Antrag "
        "(→ applied) nach rejected oder withdrawn",
        "commit {commit} changes the status {old} → {new}; the lifecycle allows only "
        "applied → recognized or rejected, recognized → withdrawn and a new application "
        "(→ applied) after rejected or withdrawn",
    ),
    "om302.no_trailer": (
        "Commit {commit} ändert den Status {old} → {new} ohne Trailer „OM-Decision“; "
        "Statusänderungen mit „om decide“ eintragen",
        "commit {commit} changes the status {old} → {new} without an 'OM-Decision' trailer; "
        "record status changes with 'om decide'",
    ),
    "om302.no_action": (
        "Commit {commit} ändert den Status {old} → {new} ohne Trailer „OM-Action: {expected}“",
        "commit {commit} changes the status {old} → {new} without the trailer "
        "'OM-Action: {expected}'",
    ),
    "om302.wrong_action": (
        "Commit {commit} ändert den Status {old} → {new}, sein Trailer „OM-Action“ sagt aber "
        "{action} (erwartet: {expected})",
        "commit {commit} changes the status {old} → {new}, but its 'OM-Action' trailer says "
        "{action} (expected: {expected})",
    ),
    "om302.unknown": (
        "Commit {commit} nennt im Trailer „OM-Decision“ den Beschluss {decision}, den es in "
        "diesem Commit nicht gibt",
        "commit {commit} names decision {decision} in its 'OM-Decision' trailer, which does not "
        "exist in that commit",
    ),
    "om302.wrong_kind": (
        "Commit {commit}: Beschluss {decision} ist {kind} durch {body}; {old} → {new} verlangt "
        "{expected_kind} durch {expected_body}",
        "commit {commit}: decision {decision} is {kind} by {body}; {old} → {new} needs "
        "{expected_kind} by {expected_body}",
    ),
    "om302.wrong_network": (
        "Commit {commit}: Beschluss {decision} nennt das Netzwerk {network} nicht (networks)",
        "commit {commit}: decision {decision} does not name network {network} (networks)",
    ),
    "om302.missing": (
        "Commit {commit} ändert den Status {old} → {new}, aber in diesem Commit gibt es keinen "
        "Beschluss {expected_kind} durch {expected_body} zum Netzwerk {network}",
        "commit {commit} changes the status {old} → {new}, but that commit has no decision "
        "{expected_kind} by {expected_body} about network {network}",
    ),
    "om303.dropped": (
        "die Beschlussdatei, hinzugefügt in Commit {commit}, fehlt im Stand {head} oder hat "
        "dort einen anderen Inhalt (etwa durch einen Merge, der sie fallen ließ)",
        "the decision file added in commit {commit} is missing from {head} or has another "
        "content there (a merge may have dropped it)",
    ),
    "om303.modified": (
        "Commit {commit} ändert die Beschlussdatei; ein Beschluss wird nie geändert, ein neuer "
        "Beschluss korrigiert ihn",
        "commit {commit} modifies the decision file; a decision is never changed, a new "
        "decision corrects it",
    ),
    "om303.deleted": (
        "Commit {commit} löscht die Beschlussdatei; Beschlüsse bleiben im Register",
        "commit {commit} deletes the decision file; decisions stay in the register",
    ),
    "om303.moved": (
        "Commit {commit} verschiebt die Beschlussdatei nach {path}; erlaubt ist nur der Umzug "
        "unter gleichem Namen in den Ordner ihres Jahres",
        "commit {commit} moves the decision file to {path}; only a move under the same name "
        "into the folder of its year is allowed",
    ),
    "om304.what_status": (
        "{old} → {new}",
        "{old} → {new}",
    ),
    "om304.what_policy": (
        "ändert die Prüfregeln der Historie",
        "changes the history's audit policy",
    ),
    "om304.unsigned": (
        "Commit {commit} ({what}) ist nicht signiert; audit.allowed_signers verlangt eine "
        "Signatur aus {file}",
        "commit {commit} ({what}) is not signed; audit.allowed_signers requires a signature "
        "from {file}",
    ),
    "om304.bad": (
        "Commit {commit} ({what}): die Signatur ist ungültig oder ihr Schlüssel steht nicht in "
        "{file}",
        "commit {commit} ({what}): the signature is bad or its key is not listed in {file}",
    ),
    "om304.principal": (
        "Commit {commit} ({what}) ist mit dem Schlüssel von {signer} signiert, aber von "
        "{committer} committet; Signierende und Committer müssen übereinstimmen",
        "commit {commit} ({what}) is signed with the key of {signer} but committed by "
        "{committer}; signer and committer must be the same",
    ),
    "om304.no_file": (
        "Commit {commit} ({what}): audit.allowed_signers nennt {file}, doch die Datei fehlt "
        "oder ist unlesbar im Stand davor; keine Signatur kann geprüft werden",
        "commit {commit} ({what}): audit.allowed_signers names {file}, but the file is missing "
        "or unreadable before it; no signature can be checked",
    ),
    "om305.shallow": (
        "die Historie ist unvollständig (flacher Klon); nichts wurde geprüft. Mit "
        "„git fetch --unshallow“ die ganze Historie holen und erneut prüfen",
        "the history is incomplete (shallow clone); nothing was audited. Fetch the whole "
        "history with 'git fetch --unshallow' and audit again",
    ),
    "om305.replace": (
        "Ersatzobjekte ({refs}) verändern, was Commits zu enthalten scheinen; nichts wurde "
        "geprüft. Mit „git replace -d“ entfernen oder einen frischen Klon prüfen",
        "replacement objects ({refs}) change what commits appear to contain; nothing was "
        "audited. Remove them with 'git replace -d' or audit a fresh clone",
    ),
    "om305.grafts": (
        "eine grafts-Datei ändert die Eltern von Commits; nichts wurde geprüft. Die Datei "
        "info/grafts im Git-Ordner entfernen oder einen frischen Klon prüfen",
        "a grafts file changes the parents of commits; nothing was audited. Remove info/grafts "
        "from the git folder or audit a fresh clone",
    ),
    # (messages of this section go above the next section line)
    # --- om apply, om new partner, om record -----------------------------------------------------
    # questions and answers (om_cli/answers.py, om_cli/cli/ask.py)
    "ask.not_text": ("erwartet wird ein Text oder eine Zahl", "a text or a number is expected"),
    "ask.empty": ("eine Antwort ist nötig", "an answer is needed"),
    "ask.too_long": ("höchstens {limit} Zeichen", "at most {limit} characters"),
    "ask.control": (
        "Steuerzeichen oder unsichtbare Zeichen sind nicht erlaubt",
        "control or invisible characters are not allowed",
    ),
    "ask.id_too_long": (
        "eine Kennung hat höchstens {limit} Zeichen",
        "an id has at most {limit} characters",
    ),
    "ask.bad_id": (
        "„{id}“ ist keine Kennung: nur Kleinbuchstaben, Ziffern und einzelne Bindestriche "
        "(z. B. „{proposal}“)",
        "'{id}' is not an id: lower-case letters, digits and single hyphens only (e.g. "
        "'{proposal}')",
    ),
    "ask.bad_date": (
        "„{value}“ ist kein Datum; erwartet wird JJJJ-MM-TT, z. B. 2026-01-15",
        "'{value}' is not a date; expected YYYY-MM-DD, e.g. 2026-01-15",
    ),
    "ask.future_date": (
        "{date} liegt in der Zukunft (heute ist {today}); eingetragen wird nur, was schon "
        "geschehen ist",
        "{date} lies in the future (today is {today}); only what has happened is recorded",
    ),
    "ask.bad_bool": (
        "„{value}“ ist weder ja noch nein (j/n)",
        "'{value}' is neither yes nor no (y/n)",
    ),
    "ask.bad_url": (
        "„{value}“ ist keine vollständige Webadresse; sie beginnt mit http:// oder https:// und "
        "enthält keine Leerzeichen (z. B. {proposal})",
        "'{value}' is not a complete web address; it starts with http:// or https:// and has "
        "no spaces (e.g. {proposal})",
    ),
    "ask.regions_empty": (
        "ein regionales Netzwerk nennt mindestens eine Region",
        "a regional network names at least one region",
    ),
    "ask.unknown_region": (
        "Region „{region}“ gibt es nicht in taxonomy/regions.yaml; ähnliche Namen: {suggestions}",
        "there is no region '{region}' in taxonomy/regions.yaml; similar names: {suggestions}",
    ),
    "ask.one_region": ("bitte genau eine Region angeben", "name exactly one region"),
    "ask.unknown_topic": (
        "Thema „{topic}“ gibt es nicht in taxonomy/topics.yaml; bekannt sind: {known}",
        "there is no topic '{topic}' in taxonomy/topics.yaml; known topics: {known}",
    ),
    "ask.file_unreadable": (
        "Antwortdatei {file} kann nicht gelesen werden: {problem}",
        "cannot read the answer file {file}: {problem}",
    ),
    "ask.at": ("{where}{problem}", "{where}{problem}"),
    "ask.file_not_mapping": (
        "Antwortdatei {file} enthält kein Objekt mit Feldern (Mapping)",
        "answer file {file} does not hold an object with fields (a mapping)",
    ),
    "ask.unknown_keys": (
        "unbekannte Felder: {keys}; „--help“ nennt die Felder",
        "unknown fields: {keys}; '--help' names the fields",
    ),
    "ask.missing": (
        "{subject}: es fehlen Antworten für {keys} (mit --yes wird nicht gefragt)",
        "{subject}: answers missing for {keys} (--yes never asks)",
    ),
    "ask.needs_incomplete": (
        "{reason}; mit --incomplete trotzdem eintragen",
        "{reason}; use --incomplete to record it anyway",
    ),
    "ask.ambiguous": (
        "„{text}“ passt auf mehrere Einträge: {candidates}; bitte die Kennung angeben",
        "'{text}' fits several entries: {candidates}; give the id",
    ),
    "ask.unknown_partners": (
        "Partner gibt es nicht im Register: {ids} (ähnlich: {suggestions}); neue Partner mit "
        "„om new partner“ anlegen",
        "no such partner in the registry: {ids} (similar: {suggestions}); register new "
        "partners with 'om new partner'",
    ),
    "ask.invalid_answer": ("{key}: {reason}", "{key}: {reason}"),
    "ask.invalid_answer_clause": ("{key}: {reason} – {clause}", "{key}: {reason} – {clause}"),
    "ask.rejected": ("✗ {reason}", "✗ {reason}"),
    "ask.clause": ("{clause}", "{clause}"),
    "ask.eof": (
        "Eingabe beendet, bevor alle Fragen beantwortet waren; nichts wurde geschrieben",
        "input ended before every question was answered; nothing was written",
    ),
    "ask.interrupted": (
        "om: abgebrochen (Strg-C); nichts wurde geschrieben",
        "om: interrupted (Ctrl-C); nothing was written",
    ),
    "ask.with_hint": ("{question} {hint}", "{question} {hint}"),
    "ask.yes_no_default_yes": ("[J/n]", "[Y/n]"),
    "ask.yes_no_default_no": ("[j/N]", "[y/N]"),
    "ask.anyway": (
        "Trotzdem so eintragen? Der Leitungskreis kann erst anerkennen, wenn das Kriterium "
        "erfüllt ist",
        "Record it like this anyway? The Leitungskreis can recognise the network only once the "
        "criterion is met",
    ),
    "ask.several": (
        "„{text}“ passt auf mehrere Einträge:",
        "'{text}' fits several entries:",
    ),
    "ask.pick": (
        "Welche? Nummern mit Komma (z. B. 1,2) oder „alle“",
        "Which? Numbers separated by commas (e.g. 1,2) or 'all'",
    ),
    "ask.pick_one": ("Welcher? Eine Nummer", "Which one? One number"),
    "ask.bad_pick": (
        "bitte Nummern zwischen 1 und {count} angeben",
        "give numbers between 1 and {count}",
    ),
    "ask.did_you_mean": (
        "Partner „{id}“ gibt es nicht; meinten Sie: {suggestions}?",
        "there is no partner '{id}'; did you mean: {suggestions}?",
    ),
    "ask.create_partner": (
        "Partner „{id}“ gibt es nicht im Register. Jetzt als neuen Partner anlegen?",
        "There is no partner '{id}' in the registry. Register it as a new partner now?",
    ),
    # the clauses of the criteria behind the questions (Plenum decision of 11.12.2012)
    "clause.om101": (
        "Kriterium: Der Antrag beim Leitungskreis beschreibt die Region bzw. das fachliche "
        "Thema, die Ziele und die Vorgehensweise (OM101).",
        "Criterion: the application to the Leitungskreis describes the region or topic, the "
        "goals and the approach (OM101).",
    ),
    "clause.om102": (
        "Kriterium: Das Netzwerk erkennt die Leitgedanken der Offensive Mittelstand an (OM102).",
        "Criterion: the network recognises the Leitgedanken of the Offensive Mittelstand (OM102).",
    ),
    "clause.om103": (
        "Kriterium: Es arbeitet auf der Basis der Grundprinzipien der „Offensive Mittelstand – "
        "Gut für Deutschland“ (OM103).",
        "Criterion: it works on the basis of the Grundprinzipien of the 'Offensive Mittelstand "
        "– Gut für Deutschland' (OM103).",
    ),
    "clause.om104": (
        "Kriterium: Es hilft, die Referenzinstrumente umzusetzen; der INQA-Unternehmenscheck "
        "ist immer dabei (OM104).",
        "Criterion: it helps to implement the reference instruments; the INQA-"
        "Unternehmenscheck is always included (OM104).",
    ),
    "clause.om105": (
        "Kriterium: Es besteht aus mindestens drei Partnern, die die Grundsätze der "
        "Zusammenarbeit unterzeichnet haben (OM105).",
        "Criterion: it consists of at least three partners who signed the Grundsätze der "
        "Zusammenarbeit (OM105).",
    ),
    "clause.om106": (
        "Kriterium: Es vertritt nicht einseitig die Interessen einzelner Partner (OM106).",
        "Criterion: it does not represent the interests of single partners one-sidedly (OM106).",
    ),
    "clause.om107": (
        "Kriterium: Es informiert das Plenum, persönlich durch einen Partner (ein Mitglied am "
        "Tag der Sitzung) oder schriftlich (OM107).",
        "Criterion: it informs the Plenum, in person by a partner (a member on the day of the "
        "meeting) or in writing (OM107).",
    ),
    "clause.om108": (
        "Kriterium: Es informiert seine Netzwerkpartner über die Aktivitäten der Offensive "
        "Mittelstand (OM108).",
        "Criterion: it informs its network partners about the activities of the Offensive "
        "Mittelstand (OM108).",
    ),
    "clause.om109": (
        "Kriterium: Es arbeitet mit den anderen Netzwerken zusammen; keine Konkurrenz der "
        "Netzwerke untereinander (OM109).",
        "Criterion: it cooperates with the other networks; no competition among networks (OM109).",
    ),
    "clause.om110": (
        "Kriterium: Es ist offen für alle Partner der Offensive Mittelstand; ein geschlossenes "
        "Netzwerk kann nur Partner sein (OM110).",
        "Criterion: it is open to all partners of the Offensive Mittelstand; a closed network "
        "can only be a partner (OM110).",
    ),
    "clause.om201": (
        "Handlungsrahmen: ein eigener Name, in dem der Bezug zur Region oder zum Thema deutlich "
        "wird (OM201).",
        "Framework: an own name that shows the reference to the region or topic (OM201).",
    ),
    "clause.om202": (
        "Handlungsrahmen: Steht „Offensive Mittelstand“ nicht im Namen, zeigt die Website das "
        "Partner-Logo (OM202).",
        "Framework: when 'Offensive Mittelstand' is not in the name, the website shows the "
        "partner logo (OM202).",
    ),
    "clause.id": (
        "Die Kennung ist der Dateiname: Kleinbuchstaben, Ziffern, einzelne Bindestriche, "
        "eindeutig im Register (OM003).",
        "The id is the file name: lower-case letters, digits, single hyphens, unique in the "
        "registry (OM003).",
    ),
    "clause.kind": (
        "regional (in Regionen tätig) oder fachlich/thematic (zu einem Thema).",
        "regional (active in regions) or thematic (on a topic).",
    ),
    "clause.applied_on": (
        "Das Datum des Antrags beim Leitungskreis; die Partner sind ab diesem Tag Mitglied.",
        "The date of the application to the Leitungskreis; the partners are members from that day.",
    ),
    "clause.coordinator": (
        "Der Partner, der das Netzwerk koordiniert (einer der genannten Partner).",
        "The partner that coordinates the network (one of the partners named).",
    ),
    "clause.commitments": (
        "Die Kriterien verlangen fünf Erklärungen des Netzwerks; sie werden mit dem Datum des "
        "Antrags eingetragen.",
        "The criteria ask for five declarations of the network; they are recorded with the "
        "date of the application.",
    ),
    "clause.future": (
        "Was nach dem heutigen Tag datiert ist, ist noch nicht geschehen.",
        "What is dated after today has not happened yet.",
    ),
    "clause.signed": (
        "Partner im Sinne der Kriterien ist, wer die Grundsätze der Zusammenarbeit "
        "unterzeichnet hat; ein Datum in der Zukunft zählt nicht (OM105). Leer lassen, wenn "
        "noch nicht unterzeichnet.",
        "A partner in the sense of the criteria has signed the Grundsätze der Zusammenarbeit; "
        "a date in the future does not count (OM105). Leave empty if not signed yet.",
    ),
    "clause.type": (
        "Art der Organisation: chamber (Kammer), association (Verband), union (Gewerkschaft), "
        "employers, social_insurance, company (Unternehmen), consultant (Beratung), research, "
        "public_body, business_development (Wirtschaftsförderung), foundation (Stiftung), "
        "other.",
        "Kind of organisation: chamber, association, union, employers, social_insurance, "
        "company, consultant, research, public_body, business_development, foundation, other.",
    ),
    "clause.consent": (
        "Nur Partner, die eingewilligt haben, stehen auf der öffentlichen Partnerliste.",
        "Only partners who consented are named on the public partner list.",
    ),
    "clause.meeting": (
        "Handlungsrahmen: Das Netzwerk tagt mindestens zweimal im Jahr (OM203); eingetragen "
        "werden Sitzungen, die stattgefunden haben.",
        "Framework: the network meets at least twice a year (OM203); meetings are recorded "
        "once they took place.",
    ),
    # om apply
    "apply.title": ("Antrag auf Anerkennung eines Netzwerks", "Application for a network"),
    "apply.title_back": ("Weiter mit dem Antrag", "Back to the application"),
    "apply.q_name": ("Name des Netzwerks", "Name of the network"),
    "apply.q_id": ("Kennung (Dateiname)", "Id (file name)"),
    "apply.q_kind": ("Art: regional oder fachlich", "Kind: regional or thematic"),
    "apply.q_regions": (
        "Regionen (Name, Kreisschlüssel oder Kennung; mehrere mit Komma)",
        "Regions (name, Kreisschlüssel or id; several separated by commas)",
    ),
    "apply.q_topic": ("Thema (Name oder Kennung)", "Topic (name or id)"),
    "apply.q_goals": ("Ziele des Netzwerks", "Goals of the network"),
    "apply.q_approach": (
        "Vorgehensweise (wie arbeitet das Netzwerk?)",
        "Approach (how does the network work?)",
    ),
    "apply.q_applied_on": (
        "Datum des Antrags (JJJJ-MM-TT)",
        "Date of the application (YYYY-MM-DD)",
    ),
    "apply.q_partners": (
        "Partner (Kennungen oder Namen, mit Komma getrennt; Tab ergänzt Kennungen)",
        "Partners (ids or names separated by commas; Tab completes ids)",
    ),
    "apply.q_coordinator": ("Koordinierender Partner", "Coordinating partner"),
    "apply.q_commitments": ("Erklärungen", "Declarations"),
    "apply.q_open": (
        "Ist das Netzwerk offen für alle Partner der Offensive Mittelstand?",
        "Is the network open to all partners of the Offensive Mittelstand?",
    ),
    "apply.q_instruments": (
        "Weitere Instrumente (Kennung, Code oder Name; „keine“ für nur den INQA-Check)",
        "Further instruments (id, code or name; 'none' for the INQA check only)",
    ),
    "apply.q_website": ("Website (leer lassen, wenn keine)", "Website (leave empty if none)"),
    "apply.q_partner_logo": (
        "Zeigt die Website das Partner-Logo der Offensive Mittelstand?",
        "Does the website show the partner logo of the Offensive Mittelstand?",
    ),
    "apply.declare.leitgedanken": (
        "Erkennt das Netzwerk die Leitgedanken der Offensive Mittelstand an?",
        "Does the network recognise the Leitgedanken of the Offensive Mittelstand?",
    ),
    "apply.declare.grundprinzipien": (
        "Arbeitet es auf der Basis der Grundprinzipien?",
        "Does it work on the basis of the Grundprinzipien?",
    ),
    "apply.declare.impartiality": (
        "Erklärt es, nicht einseitig die Interessen einzelner Partner zu vertreten?",
        "Does it declare not to represent the interests of single partners one-sidedly?",
    ),
    "apply.declare.informs_partners": (
        "Informiert es seine Partner über die Aktivitäten der Offensive Mittelstand?",
        "Does it inform its partners about the activities of the Offensive Mittelstand?",
    ),
    "apply.declare.cooperation": (
        "Ist es bereit, mit den anderen Netzwerken zusammenzuarbeiten (keine Konkurrenz)?",
        "Is it ready to cooperate with the other networks (no competition)?",
    ),
    "apply.id_taken": (
        "die Kennung „{id}“ ist schon vergeben ({name}); bitte eine andere wählen",
        "the id '{id}' is taken already ({name}); choose another one",
    ),
    "apply.bad_kind": (
        "„{value}“: bitte „regional“ oder „fachlich“ (thematic) angeben",
        "'{value}': answer 'regional' or 'thematic'",
    ),
    "apply.partner_left": (
        "diese Partner sind ausgeschieden und zählen nicht: {partners}",
        "these partners have left and do not count: {partners}",
    ),
    "apply.too_few_partners": (
        "nur {count:|Partner zählt|Partner zählen}, mindestens {minimum} sind nötig (ohne "
        "unterzeichnete Grundsätze: {unsigned})",
        "only {count:|partner counts|partners count}, at least {minimum} are needed (without "
        "signed Grundsätze: {unsigned})",
    ),
    "apply.bad_coordinator": (
        "der koordinierende Partner muss einer der genannten sein: {partners}",
        "the coordinating partner must be one of those named: {partners}",
    ),
    "apply.unknown_commitment": (
        "unbekannte Erklärung „{name}“; möglich: {known}",
        "unknown declaration '{name}'; possible: {known}",
    ),
    "apply.commitments_missing": (
        "Erklärungen fehlen: {commitments}",
        "declarations missing: {commitments}",
    ),
    "apply.overlap": (
        "überschneidet sich mit dem Netzwerk {networks}; das geht nur mit Zustimmung des "
        "Leitungskreises (Teilnetzwerk oder Klärung)",
        "overlaps the network {networks}; that needs the Leitungskreis' consent (sub-network "
        "or dispute resolution)",
    ),
    "clause.om111": (
        "Kriterium: In jeder Region bzw. jedem Fachgebiet gibt es nur ein Netzwerk; kleinere "
        "Netzwerke darin nur im Konsens, sonst entscheidet der Leitungskreis (OM111).",
        "Criterion: there is only one network per region or topic; smaller networks within it "
        "only by consensus, otherwise the Leitungskreis decides (OM111).",
    ),
    "apply.q_parent": (
        "Übergeordnetes Netzwerk (Kennung)",
        "Parent network (id)",
    ),
    "apply.unknown_parent": (
        "„{parent}“ ist kein laufendes Netzwerk (beantragt oder anerkannt); möglich: {known}",
        "'{parent}' is not a live network (applied or recognized); possible: {known}",
    ),
    "apply.parent_kind": (
        "das übergeordnete Netzwerk {parent} ist von anderer Art (regional bzw. fachlich)",
        "the parent network {parent} is of another kind (regional or thematic)",
    ),
    "apply.outside_parent": (
        "die Regionen liegen nicht ganz in denen des übergeordneten Netzwerks {parent}",
        "the regions do not lie wholly within those of the parent network {parent}",
    ),
    "apply.unknown_partner_name": (
        "kein Partner passt auf {partners}; bitte Kennung oder Namen eines Partners angeben "
        "(neue Partner mit ihrer künftigen Kennung)",
        "no partner fits {partners}; give the id or the name of a partner (new partners with "
        "their future id)",
    ),
    "apply.website_needed": (
        "der Name enthält nicht „Offensive Mittelstand“: eine Website mit dem Partner-Logo ist "
        "nötig",
        "the name does not contain 'Offensive Mittelstand': a website with the partner logo is "
        "needed",
    ),
    "apply.closed": (
        "ein geschlossenes Netzwerk kann nicht anerkannt werden",
        "a closed network cannot be recognised",
    ),
    "apply.unknown_instrument": (
        "Instrument „{instrument}“ gibt es nicht in taxonomy/instruments.yaml; bekannt: {known}",
        "there is no instrument '{instrument}' in taxonomy/instruments.yaml; known: {known}",
    ),
    "apply.logo_needed": (
        "der Name enthält nicht „Offensive Mittelstand“: die Website muss das Partner-Logo zeigen",
        "the name does not contain 'Offensive Mittelstand': the website must show the partner logo",
    ),
    "apply.c_intro": (
        "Antrag des Netzwerks „{name}“ auf Anerkennung durch den Leitungskreis (mit om apply "
        "erfasst).",
        "Application of the network '{name}' for recognition by the Leitungskreis (made with "
        "om apply).",
    ),
    "apply.c_status": (
        "Status und Daten der Übergänge (Antrag vom {date})",
        "Status and dates of the transitions (application of {date})",
    ),
    "apply.c_application": (
        "Antrag beim Leitungskreis: Ziele und Vorgehensweise",
        "Application to the Leitungskreis: goals and approach",
    ),
    "apply.c_commitments": (
        "Erklärungen des Netzwerks (Datum der Erklärung)",
        "Declarations of the network (date of the declaration)",
    ),
    "apply.c_open": (
        "Offen für alle Partner der Offensive Mittelstand",
        "Open to all partners of the Offensive Mittelstand",
    ),
    "apply.c_instruments": (
        "Instrumente, die das Netzwerk umsetzen hilft (der INQA-Unternehmenscheck ist Pflicht)",
        "Instruments the network helps to implement (the INQA-Unternehmenscheck is required)",
    ),
    "apply.c_partners": (
        "Netzwerkpartner (until: erster Tag ohne Mitgliedschaft; ohne until noch Mitglied)",
        "Network partners (until: first day without membership; without until still a member)",
    ),
    "apply.c_parent": (
        "Teilnetzwerk innerhalb der größeren Region dieses Netzwerks (Zustimmung des "
        "Leitungskreises)",
        "Sub-network within the larger region of this network (consent of the Leitungskreis)",
    ),
    "apply.c_public": ("Öffentlicher Auftritt", "Public presence"),
    "apply.c_meetings": (
        "Netzwerktreffen (mindestens zweimal im Jahr)",
        "Network meetings (at least twice a year)",
    ),
    "apply.c_reports": (
        "Berichte an das Plenum (persönlich durch einen Partner oder schriftlich)",
        "Reports to the Plenum (in person by a partner or in writing)",
    ),
    "apply.commit": ("Antrag: {name} ({id})", "Application: {name} ({id})"),
    "apply.commit_partners": (
        "Mit neuen Partnern: {partners}",
        "With new partners: {partners}",
    ),
    "apply.result_none": (
        "Der Antrag erfüllt alle geprüften Kriterien; der Leitungskreis kann über ihn entscheiden.",
        "The application meets every criterion checked; the Leitungskreis can decide on it.",
    ),
    "apply.result_open": (
        "Noch offen, bevor der Leitungskreis das Netzwerk anerkennen kann:",
        "Still open before the Leitungskreis can recognise the network:",
    ),
    # om new partner
    "partner.title": (
        "Neuer Partner der Offensive Mittelstand",
        "New partner of the Offensive Mittelstand",
    ),
    "partner.title_for": ("Neuer Partner „{id}“", "New partner '{id}'"),
    "partner.q_name": ("Name der Organisation", "Name of the organisation"),
    "partner.q_id": ("Kennung (Dateiname)", "Id (file name)"),
    "partner.q_type": (
        "Art der Organisation (z. B. Kammer, Verband, Unternehmen)",
        "Kind of organisation (e.g. chamber, association, company)",
    ),
    "partner.q_group": (
        "Gruppe verbundener Organisationen (leer lassen, wenn keine)",
        "Group of affiliated organisations (leave empty if none)",
    ),
    "partner.q_signed": (
        "Grundsätze der Zusammenarbeit unterzeichnet am (JJJJ-MM-TT)",
        "Grundsätze der Zusammenarbeit signed on (YYYY-MM-DD)",
    ),
    "partner.q_consent": (
        "Darf der Partner auf der öffentlichen Partnerliste genannt werden?",
        "May the partner be named on the public partner list?",
    ),
    "partner.q_website": ("Website (leer lassen, wenn keine)", "Website (leave empty if none)"),
    "partner.q_region": (
        "Region, in der der Partner ansässig ist (leer lassen, wenn keine)",
        "Region the partner is based in (leave empty if none)",
    ),
    "partner.id_taken": (
        "die Kennung „{id}“ ist schon vergeben ({name}); bitte eine andere wählen",
        "the id '{id}' is taken already ({name}); choose another one",
    ),
    "partner.bad_type": (
        "„{value}“ ist keine Art von Partner; möglich: {known}",
        "'{value}' is not a kind of partner; possible: {known}",
    ),
    "partner.c_intro": (
        "Partner „{name}“ (mit om new partner erfasst).",
        "Partner '{name}' (registered with om new partner).",
    ),
    "partner.c_status": (
        "Status und Unterzeichnung der Grundsätze der Zusammenarbeit",
        "Status and signature of the Grundsätze der Zusammenarbeit",
    ),
    "partner.c_public": ("Öffentliche Angaben", "Public details"),
    "partner.commit": ("Neuer Partner: {name} ({id})", "New partner: {name} ({id})"),
    "partner.result_none": (
        "Keine Befunde zum neuen Partner.",
        "No findings on the new partner.",
    ),
    "partner.result_open": ("Befunde zum neuen Partner:", "Findings on the new partner:"),
    # om record
    "record.unknown_network": (
        "Netzwerk „{network}“ gibt es im Register nicht",
        "network '{network}' does not exist in the registry",
    ),
    "record.bad_text": ("{field}: {reason}", "{field}: {reason}"),
    "record.meeting_exists": (
        "die Sitzung von {network} am {date} ist schon eingetragen",
        "the meeting of {network} on {date} is recorded already",
    ),
    "record.unknown_plenum": (
        "Plenumssitzung „{plenum}“ gibt es nicht (plenum/); zuletzt: {known}",
        "there is no Plenum meeting '{plenum}' (plenum/); latest: {known}",
    ),
    "record.bad_form": (
        "Form „{form}“: möglich sind in_person und written",
        "form '{form}': possible are in_person and written",
    ),
    "record.report_exists": (
        "der Bericht von {network} an das Plenum {plenum} ist schon eingetragen",
        "the report of {network} to the Plenum {plenum} is recorded already",
    ),
    "record.needs_by": (
        "ein persönlicher Bericht nennt den Partner, der berichtet hat (--by)",
        "a report in person names the partner who reported (--by)",
    ),
    "record.unknown_partner": (
        "Partner „{partner}“ gibt es im Register nicht",
        "partner '{partner}' does not exist in the registry",
    ),
    "record.not_member": (
        "{partner} war am Tag der Plenumssitzung {plenum} kein Mitglied von {network}",
        "{partner} was not a member of {network} on the day of the Plenum meeting {plenum}",
    ),
    "record.rejected": ("{reason} – {clause}", "{reason} – {clause}"),
    "record.not_a_list": (
        "„{key}“ ist in der Datei keine Liste; bitte von Hand korrigieren",
        "'{key}' is not a list in the file; correct it by hand",
    ),
    "record.commit_meeting": (
        "Sitzung eingetragen: {network} am {date}",
        "Meeting recorded: {network} on {date}",
    ),
    "record.commit_report": (
        "Bericht an das Plenum eingetragen: {network}, Plenum {plenum}",
        "Plenum report recorded: {network}, Plenum {plenum}",
    ),
    # writing, branches, commits (om_cli/submit.py, om_cli/cli/outcome.py)
    "submit.would_break": (
        "die neue Datei wäre fehlerhaft, nichts wurde geschrieben: {findings}",
        "the new file would be faulty, nothing was written: {findings}",
    ),
    "submit.not_a_repository": (
        "--branch braucht ein Git-Repository, aber {path} liegt in keinem; ohne --branch wird "
        "nur die Datei geschrieben",
        "--branch needs a git repository, but {path} is not in one; without --branch only the "
        "file is written",
    ),
    "submit.no_commit": (
        "--branch braucht einen Commit, von dem der Zweig abzweigt; das Repository hat noch keinen",
        "--branch needs a commit to branch from; the repository has none yet",
    ),
    "submit.dirty_index": (
        "im Git-Index liegen Änderungen, die om nicht gemacht hat; bitte erst committen oder mit "
        "„git restore --staged“ zurücknehmen — nichts wurde geschrieben",
        "the git index holds changes om did not make; commit them first or undo them with "
        "'git restore --staged' — nothing was written",
    ),
    "submit.bad_branch": (
        "„{branch}“ ist kein gültiger Zweigname",
        "'{branch}' is not a valid branch name",
    ),
    "submit.branch_exists": (
        "den Zweig {branch} gibt es schon; nichts wurde geschrieben",
        "branch {branch} exists already; nothing was written",
    ),
    "submit.file_changed": (
        "{file} hat nicht committete Änderungen; bitte erst committen oder verwerfen — nichts "
        "wurde geschrieben",
        "{file} has uncommitted changes; commit or discard them first — nothing was written",
    ),
    "submit.push_failed": (
        "der Commit liegt auf dem Zweig {branch}, aber die Übertragung zu {remote} ist "
        "fehlgeschlagen ({reason}); später mit „git push -u {remote} {branch}“",
        "the commit is on branch {branch}, but pushing to {remote} failed ({reason}); push "
        "later with 'git push -u {remote} {branch}'",
    ),
    "outcome.loading": ("Register wird gelesen …", "Reading the registry …"),
    "outcome.checking": ("Prüfung läuft …", "Checking …"),
    "outcome.writing": ("Wird geschrieben …", "Writing …"),
    "outcome.created": ("✓ {file} angelegt", "✓ {file} created"),
    "outcome.updated": ("✓ {file} ergänzt", "✓ {file} updated"),
    "outcome.caused": (
        "Dadurch neue Befunde bei anderen Einträgen:",
        "New findings this causes on other entries:",
    ),
    "outcome.errors_expected": (
        "(Diese Befunde hindern den Antrag nicht; „om check“ zeigt sie, bis sie behoben sind.)",
        "(These findings do not stop the application; 'om check' shows them until they are fixed.)",
    ),
    "outcome.dry_run": (
        "(--dry-run: nichts wurde geschrieben)",
        "(--dry-run: nothing was written)",
    ),
    "outcome.next_no_branch": (
        "Nächste Schritte: die Datei prüfen, committen und einen Pull-Request öffnen "
        "(oder beim nächsten Mal mit --branch).",
        "Next steps: review the file, commit it and open a pull request (or use --branch next "
        "time).",
    ),
    "outcome.committed": (
        "✓ Commit {commit} auf dem neuen Zweig {branch} (abgezweigt von {base})",
        "✓ commit {commit} on the new branch {branch} (branched from {base})",
    ),
    "outcome.next_push": (
        "Nächste Schritte: „git push -u origin {branch}“, dann einen Pull-Request von {branch} "
        "nach {base} öffnen.",
        "Next steps: 'git push -u origin {branch}', then open a pull request from {branch} "
        "into {base}.",
    ),
    "outcome.pushed": (
        "✓ Zweig {branch} zu {remote} übertragen. Nächster Schritt: einen Pull-Request von "
        "{branch} nach {base} öffnen.",
        "✓ branch {branch} pushed to {remote}. Next step: open a pull request from {branch} "
        "into {base}.",
    ),
    # (messages of this section go above the next section line)
    # --- om check --base, CI formats, hooks, om init ---------------------------------------------
    "base.shallow": (
        "das Repository ist ein flacher Klon (shallow clone); om check --base braucht die "
        "Historie bis zur Basis: „git fetch --unshallow“ (GitHub Actions: actions/checkout mit "
        "„fetch-depth: 0“; GitLab CI: GIT_DEPTH: 0)",
        "the repository is a shallow clone; om check --base needs the history down to the base: "
        "'git fetch --unshallow' (GitHub Actions: actions/checkout with 'fetch-depth: 0'; "
        "GitLab CI: GIT_DEPTH: 0)",
    ),
    "base.missing": (
        "den Commit „{rev}“ gibt es in diesem Repository nicht; bitte holen, z. B. mit "
        "„git fetch origin {fetch}“ (GitHub Actions: actions/checkout mit „fetch-depth: 0“)",
        "there is no commit '{rev}' in this repository; fetch it, e.g. with "
        "'git fetch origin {fetch}' (GitHub Actions: actions/checkout with 'fetch-depth: 0')",
    ),
    "base.unrelated": (
        "die Basis „{rev}“ ist vom geprüften Commit aus nicht erreichbar (keine gemeinsame "
        "Historie); bitte die ganze Historie holen: „git fetch --unshallow“ bzw. "
        "„git fetch origin {rev}“",
        "the base '{rev}' cannot be reached from the checked commit (no common history); fetch "
        "the whole history: 'git fetch --unshallow' or 'git fetch origin {rev}'",
    ),
    "base.no_head": (
        "das Repository hat noch keinen Commit; om check --base vergleicht Commits",
        "the repository has no commit yet; om check --base compares commits",
    ),
    "base.head_without_base": (
        "--head und --show-existing gelten nur zusammen mit --base",
        "--head and --show-existing work only together with --base",
    ),
    "base.at_and_base": (
        "--at und --base schließen einander aus",
        "--at and --base cannot be combined",
    ),
    "text.existing": ("(schon vorhanden)", "(existing)"),
    "init.bad_value": (
        "{what} „{value}“ ist ungültig (leer, zu lang oder mit Zeilenumbruch)",
        "{what} '{value}' is invalid (empty, too long or with a line break)",
    ),
    "init.not_a_folder": (
        "{path} ist kein Ordner; om init legt ein Register in einem neuen oder leeren Ordner an",
        "{path} is not a folder; om init creates a registry in a new or empty folder",
    ),
    "init.not_empty": (
        "{path} ist nicht leer; om init überschreibt nichts, bitte einen neuen Ordner angeben",
        "{path} is not empty; om init overwrites nothing, name a new folder",
    ),
    "init.failed": (
        "{path} kann nicht angelegt werden ({reason})",
        "cannot create {path} ({reason})",
    ),
    "init.done": (
        "neues Register-Repository in {path} ({count:|Datei|Dateien}); als Nächstes: "
        "„git add -A && git commit“, dann auf GitHub oder GitLab hochladen",
        "new registry repository in {path} ({count:|file|files}); next: "
        "'git add -A && git commit', then push it to GitHub or GitLab",
    ),
    "hook.bad_line": (
        "unverständliche Zeile auf der Standardeingabe des Hooks (erwartet: <alt> <neu> <ref>)",
        "unreadable line on the hook's standard input (expected: <old> <new> <ref>)",
    ),
    "hook.bad_request": (
        "ungültiger Auftrag an die Prüfung des Hooks",
        "invalid request to the hook's check",
    ),
    "hook.replace": (
        "{ref}: Ersetzungsobjekte (refs/replace/) sind nicht erlaubt; sie könnten verbergen, was "
        "ein Commit enthält",
        "{ref}: replacement objects (refs/replace/) are not allowed; they could disguise what a "
        "commit contains",
    ),
    "hook.delete_protected": (
        "{ref} ist geschützt und kann nicht gelöscht werden",
        "{ref} is protected and cannot be deleted",
    ),
    "hook.non_fast_forward": (
        "{ref} ist geschützt: kein Überschreiben der Historie (kein Force-Push); bitte die "
        "Änderung auf den aktuellen Stand aufsetzen (git pull --rebase) und erneut pushen",
        "{ref} is protected: history cannot be rewritten (no force push); rebase the change on "
        "the current state (git pull --rebase) and push again",
    ),
    "hook.findings": (
        "{ref}: die Änderung bringt Fehler ins Register; bitte beheben und erneut pushen:",
        "{ref}: the change brings errors into the registry; fix them and push again:",
    ),
    "hook.check_failed": (
        "{ref}: die Prüfung konnte nicht durchgeführt werden (Exit-Code {code})",
        "{ref}: the check could not be made (exit code {code})",
    ),
    "hook.timeout": (
        "die Prüfung hat länger als {seconds} s gedauert und wurde abgebrochen; der Push wird "
        "abgewiesen (Grenze: git config om.timeout)",
        "the check took longer than {seconds} s and was stopped; the push is refused "
        "(limit: git config om.timeout)",
    ),
    "hook.accepted": (
        "om: {count:|Ref|Refs} geprüft, keine neuen Fehler",
        "om: {count:|ref|refs} checked, no new errors",
    ),
    "hook.rejected": (
        "om: Push abgewiesen",
        "om: push refused",
    ),
    "github.commit": ("(Commit {commit})", "(commit {commit})"),
    "github.summary_title": (
        "om check: {count:|Befund|Befunde} ohne Annotation",
        "om check: {count:|finding|findings} without an annotation",
    ),
    "github.table_head": (
        "| Ort | Regel | Schweregrad | Eintrag | Meldung |",
        "| place | rule | severity | entity | message |",
    ),
    "github.summary_cut": (
        "… und {count:|weiterer Befund|weitere Befunde} (siehe Protokoll)",
        "… and {count:|more finding|more findings} (see the log)",
    ),
    "github.more_summary": (
        "{count:|Befund|Befunde} über GitHubs Annotationsgrenze: in der Job-Zusammenfassung",
        "{count:|finding|findings} above GitHub's annotation limit: in the job summary",
    ),
    "github.more_log": (
        "{count:|Befund|Befunde} über GitHubs Annotationsgrenze: nur oben im Protokoll",
        "{count:|finding|findings} above GitHub's annotation limit: only in the log above",
    ),
    "github.summary_unwritable": (
        "die Job-Zusammenfassung (GITHUB_STEP_SUMMARY) kann nicht geschrieben werden",
        "the job summary (GITHUB_STEP_SUMMARY) cannot be written",
    ),
    "junit.failure": (
        "{count:|Fehler|Fehler}: {rules}",
        "{count:|error|errors}: {rules}",
    ),
    "text.summary_existing": (
        "{existing:|Befund|Befunde} gab es schon auf der Basis {base}",
        "{existing:|finding|findings} existed already on the base {base}",
    ),
    "text.summary_base": (
        "verglichen mit der Basis {base}: nur neue Befunde",
        "compared with the base {base}: new findings only",
    ),
    # (messages of this section go above the next section line)
    # --- om report plenum, om export, om status --------------------------------------------------
    "status.title": (
        "Register {registry}, Stand {date}",
        "Registry {registry} as of {date}",
    ),
    "status.urgent": ("Die dringendsten Befunde", "The most urgent findings"),
    "status.more": (
        "… und {count} weitere Fehler und Warnungen (om check zeigt alle)",
        "… and {count} more errors and warnings (om check shows them all)",
    ),
    "status.no_urgent": ("Keine Fehler und keine Warnungen.", "No errors and no warnings."),
    "status.no_next": (
        "Keine künftige Plenumssitzung in plenum/ eingetragen.",
        "No future Plenum meeting in plenum/.",
    ),
    "status.next": (
        "Nächste Plenumssitzung: {date} in {location} ({when})",
        "Next Plenum meeting: {date} in {location} ({when})",
    ),
    "status.today": ("heute", "today"),
    "status.in_days": ("in {days:|Tag|Tagen}", "in {days:|day|days}"),
    "export.title_partners": (
        "Partner der Offensive Mittelstand",
        "Partners of the Offensive Mittelstand",
    ),
    "export.title_networks": (
        "Anerkannte Netzwerke der Offensive Mittelstand",
        "Recognized networks of the Offensive Mittelstand",
    ),
    "export.as_of": ("Stand: {date}", "As of {date}"),
    "export.count": ("{count:|Eintrag|Einträge}", "{count:|entry|entries}"),
    "export.col_id": ("Kennung", "Id"),
    "export.col_name": ("Name", "Name (organisation)"),
    "export.col_type": ("Art", "Type"),
    "export.col_region": ("Region (Kennung)", "Region (id)"),
    "export.col_region_name": ("Region", "Region name"),
    "export.col_website": ("Internetseite", "Website"),
    "export.col_kind": ("Art", "Kind"),
    "export.col_regions": ("Regionen (Kennungen)", "Regions (ids)"),
    "export.col_region_names": ("Regionen", "Regions"),
    "export.col_topic": ("Thema (Kennung)", "Topic (id)"),
    "export.col_topic_name": ("Thema", "Topic"),
    "export.col_parent": ("Übergeordnetes Netzwerk", "Parent network"),
    "export.col_recognized_on": ("Anerkannt am", "Recognized on"),
    "output.failed": (
        "{path} kann nicht geschrieben werden ({reason}); nichts wurde verändert",
        "cannot write {path} ({reason}); nothing was changed",
    ),
    "output.is_folder": (
        "{path} ist ein Ordner; bitte einen Dateinamen angeben",
        "{path} is a folder; give a file name",
    ),
    "report.title": (
        "Lagebericht zur Plenumssitzung am {date}",
        "Briefing for the Plenum meeting on {date}",
    ),
    "report.subtitle": (
        "Register {registry}, geprüft zum Stichtag {date}",
        "Registry {registry}, checked as of {date}",
    ),
    "report.location": ("Ort: {location}", "Location: {location}"),
    "report.no_next_meeting": (
        "in plenum/ ist keine künftige Sitzung eingetragen; bitte --date JJJJ-MM-TT angeben",
        "plenum/ has no future meeting; give --date YYYY-MM-DD",
    ),
    "report.no_plenum_file": (
        "Für diesen Tag gibt es keine Sitzung in plenum/.",
        "There is no meeting on this day in plenum/.",
    ),
    "report.previous": (
        "Vorige Plenumssitzung: {date}",
        "Previous Plenum meeting: {date}",
    ),
    "report.no_previous": (
        "Keine frühere Plenumssitzung im Register.",
        "No earlier Plenum meeting in the registry.",
    ),
    "report.contents": ("Inhalt", "Contents"),
    "report.none": ("Keine.", "None."),
    "report.summary": ("Überblick", "Summary"),
    "report.networks": ("Netzwerke", "Networks"),
    "report.partners": ("Partner", "Partners"),
    "report.findings": ("Befunde", "Findings"),
    "report.partners_active": ("aktiv", "active"),
    "report.partners_inactive": ("ausgeschieden", "left"),
    "report.partners_listed": (
        "aktiv und öffentlich gelistet",
        "active and publicly listed",
    ),
    "report.status_applied": ("beantragt", "applied"),
    "report.status_recognized": ("anerkannt", "recognized"),
    "report.status_rejected": ("abgelehnt", "rejected"),
    "report.status_withdrawn": ("entzogen", "withdrawn"),
    "report.status_unknown": ("ungültig", "invalid"),
    "report.sev_error": ("Fehler", "error"),
    "report.sev_warning": ("Warnung", "warning"),
    "report.sev_notice": ("Hinweis", "notice"),
    "report.sev_pass": ("erfüllt", "passes"),
    "report.sev_na": ("nicht geprüft", "not judged"),
    "report.changes": (
        "Veränderungen seit der vorigen Plenumssitzung",
        "Changes since the previous Plenum meeting",
    ),
    "report.change_applied": (
        "{name} hat die Anerkennung beantragt",
        "{name} applied for recognition",
    ),
    "report.change_recognized": ("{name} wurde anerkannt", "{name} was recognized"),
    "report.change_rejected": (
        "Der Antrag von {name} wurde abgelehnt",
        "The application of {name} was rejected",
    ),
    "report.change_withdrawn": (
        "{name} wurde die Anerkennung entzogen",
        "The recognition of {name} was withdrawn",
    ),
    "report.change_member_joined": (
        "{other} ist Partner von {name} geworden",
        "{other} joined {name}",
    ),
    "report.change_member_left": (
        "{other} ist aus {name} ausgeschieden",
        "{other} left {name}",
    ),
    "report.change_partner_joined": (
        "{name} hat die Grundsätze der Zusammenarbeit unterzeichnet",
        "{name} signed the principles of cooperation",
    ),
    "report.change_partner_left": (
        "{name} ist als Partner ausgeschieden",
        "{name} left the Offensive Mittelstand",
    ),
    "report.matrix": ("Erfüllung der Kriterien", "Compliance with the criteria"),
    "report.matrix_note": (
        "Je Netzwerk und Regel der schlechteste Befund; die Zahl verweist auf den Anhang, der "
        "Text erscheint auch beim Überfahren mit der Maus.",
        "The worst finding per network and rule; the number refers to the annex, the text "
        "also shows when hovering.",
    ),
    "report.network": ("Netzwerk", "Network"),
    "report.file": ("Datei", "File"),
    "report.file_rules": (
        "die Datei selbst: lesbar, Schema, Kennung, Verweise, Ausnahmen (OM001–OM005)",
        "the file itself: readable, schema, id, references, waivers (OM001–OM005)",
    ),
    "report.rule": ("Regel", "Rule"),
    "report.severity": ("Schwere", "Severity"),
    "report.entity": ("Eintrag", "Entry"),
    "report.place": ("Stelle", "Place"),
    "report.message": ("Meldung", "Message"),
    "report.date": ("Datum", "Date"),
    "report.count": ("Anzahl", "Count"),
    "report.meetings": ("Netzwerktreffen je Jahr", "Network meetings per year"),
    "report.meetings_note": (
        "Treffen bis zum Stichtag; gestrichelt die Mindestzahl {minimum} (OM203); rot: zu wenige "
        "in einem abgeschlossenen Jahr nach dem Jahr der Anerkennung; grau: nicht beurteilt.",
        "Meetings up to the date; dashed: the minimum of {minimum} (OM203); red: too few in a "
        "completed year after the year of recognition; grey: not judged.",
    ),
    "report.chart_label": (
        "{name}: {year}: {count:|Treffen|Treffen}",
        "{name}: {year}: {count:|meeting|meetings}",
    ),
    "report.reports": ("Berichte an das Plenum", "Reports to the Plenum"),
    "report.reports_note": (
        "Anerkannte Netzwerke berichten jedes Jahr dem Plenum (OM107).",
        "Recognized networks report to the Plenum every year (OM107).",
    ),
    "report.missing_years": ("fehlende Jahre", "years missing"),
    "report.this_year": ("Bericht {year}", "Report {year}"),
    "report.reported_at": ("berichtet ({plenum})", "reported ({plenum})"),
    "report.due": ("fällig", "due"),
    "report.not_due": ("noch nicht fällig", "not due yet"),
    "report.applications": ("Offene Anträge", "Pending applications"),
    "report.applied_on": ("beantragt am", "applied on"),
    "report.lacking": ("Es fehlt noch", "Still lacking"),
    "report.complete": (
        "erfüllt alle geprüften Kriterien; entscheidungsreif",
        "meets every criterion checked; ready for a decision",
    ),
    "report.decisions": (
        "Beschlüsse seit der vorigen Plenumssitzung",
        "Decisions since the previous Plenum meeting",
    ),
    "report.decision": ("Beschluss", "Decision"),
    "report.summary_text": ("Inhalt", "Summary"),
    "report.body_leitungskreis": ("Leitungskreis", "Leitungskreis (steering committee)"),
    "report.body_plenum": ("Plenum", "Plenum (plenary assembly)"),
    "report.kind_recognition": ("Anerkennung", "recognition"),
    "report.kind_rejection": ("Ablehnung", "rejection"),
    "report.kind_withdrawal": ("Entzug", "withdrawal"),
    "report.kind_sub_network_consent": (
        "Zustimmung zum Teilnetzwerk",
        "consent to a sub-network",
    ),
    "report.kind_dispute_resolution": ("Streitschlichtung", "dispute resolution"),
    "report.kind_waiver": ("Ausnahme", "waiver"),
    "report.must_inform": (
        "dem Plenum mitzuteilen (OM204)",
        "to be reported to the Plenum (OM204)",
    ),
    "report.informed_at": (
        "dem Plenum mitgeteilt am {plenum}",
        "reported to the Plenum on {plenum}",
    ),
    "report.to_inform": (
        "Ältere Streitschlichtungen, die dem Plenum noch nicht mitgeteilt wurden",
        "Older dispute resolutions not yet reported to the Plenum",
    ),
    "report.waivers": (
        "Ausnahmen, die binnen sechs Monaten ablaufen",
        "Waivers expiring within six months",
    ),
    "report.until": ("gültig bis", "valid until"),
    "report.days_left": ("Tage", "days"),
    "report.annex": ("Anhang: alle Befunde", "Annex: every finding"),
    "report.generated": (
        "Erzeugt mit om {version} aus dem Register; maßgeblich ist das Register selbst.",
        "Generated by om {version} from the registry; the registry itself is authoritative.",
    ),
    # (messages of this section go above the next section line)
    # --- rule titles ---------------------------------------------------------------------------
    "rule.OM001": (
        "Datei lesbar, gültiges YAML, innerhalb der Sicherheitsgrenzen",
        "file readable, valid YAML, within the safety limits",
    ),
    "rule.OM002": (
        "Eintrag entspricht seinem JSON-Schema",
        "entity matches its JSON Schema",
    ),
    "rule.OM003": (
        "Kennung, Dateiname und Ordner stimmen überein",
        "id, file name and folder agree",
    ),
    "rule.OM004": (
        "jeder Verweis existiert und hat die richtige Art",
        "every reference exists and has the right kind",
    ),
    "rule.OM005": (
        "Ausnahme abgelaufen oder ohne Befund",
        "waiver expired or without a finding",
    ),
    "rule.OM101": (
        "Antrag nennt Region bzw. Thema, Ziele und Vorgehensweise",
        "application names region or topic, goals and approach",
    ),
    "rule.OM102": (
        "erkennt die Leitgedanken an",
        "recognises the Leitgedanken",
    ),
    "rule.OM103": (
        "arbeitet auf Basis der Grundprinzipien",
        "works on the basis of the Grundprinzipien",
    ),
    "rule.OM104": (
        "hilft die Referenzinstrumente umzusetzen",
        "helps to implement the reference instruments",
    ),
    "rule.OM105": (
        "mindestens drei Partner",
        "at least three partners",
    ),
    "rule.OM106": (
        "vertritt nicht einseitig einzelne Partner",
        "does not represent single partners one-sidedly",
    ),
    "rule.OM107": (
        "informiert jährlich das Plenum",
        "informs the Plenum every year",
    ),
    "rule.OM108": (
        "informiert seine Netzwerkpartner",
        "informs its network partners",
    ),
    "rule.OM109": (
        "Zusammenarbeit, keine Konkurrenz",
        "cooperation, no competition",
    ),
    "rule.OM110": (
        "offen für alle Partner",
        "open to all partners",
    ),
    "rule.OM111": (
        "nur ein Netzwerk je Region bzw. Fachgebiet",
        "only one network per region or topic",
    ),
    "rule.OM112": (
        "Entzug nur durch das Plenum auf Vorschlag des Leitungskreises",
        "withdrawal only by the Plenum on the Leitungskreis' proposal",
    ),
    "rule.OM113": (
        "Anerkennung und Ablehnung durch den Leitungskreis",
        "recognition and rejection by the Leitungskreis",
    ),
    "rule.OM201": (
        "eigener Name mit Bezug zu Region oder Thema",
        "own name referring to region or topic",
    ),
    "rule.OM202": (
        "Partner-Logo, wenn „Offensive Mittelstand“ nicht im Namen steht",
        "partner logo when 'Offensive Mittelstand' is not in the name",
    ),
    "rule.OM203": (
        "tagt mindestens zweimal im Jahr",
        "meets at least twice a year",
    ),
    "rule.OM204": (
        "Leitungskreis teilt Schlichtungen dem Plenum mit",
        "the Leitungskreis reports dispute resolutions to the Plenum",
    ),
    "rule.OM301": (
        "Statuswechsel folgen dem Lebenszyklus (Historie)",
        "status transitions follow the lifecycle (history)",
    ),
    "rule.OM302": (
        "Statusänderung trägt ihren Beschluss (Historie)",
        "a status change carries its decision (history)",
    ),
    "rule.OM303": (
        "Beschlussdateien werden nie geändert oder gelöscht (Historie)",
        "decision files are never modified or deleted (history)",
    ),
    "rule.OM304": (
        "Statusänderungen von zugelassenen Personen signiert (Historie)",
        "status changes signed by an allowed signer (history)",
    ),
    "rule.OM305": (
        "Historie vollständig genug für die Prüfung",
        "history complete enough to audit",
    ),
    "text.waived": ("(Ausnahme laut Beschluss {decision})", "(waived by decision {decision})"),
    "text.summary_commits": (
        "{errors:|Fehler|Fehler}, {warnings:|Warnung|Warnungen}, {notices:|Hinweis|Hinweise} "
        "in {commits:|Commit|Commits}",
        "{errors:|error|errors}, {warnings:|warning|warnings}, {notices:|notice|notices} in "
        "{commits:|commit|commits}",
    ),
    "text.summary_both": (
        "{errors:|Fehler|Fehler}, {warnings:|Warnung|Warnungen}, {notices:|Hinweis|Hinweise} "
        "in {files:|Datei|Dateien} und {commits:|Commit|Commits}",
        "{errors:|error|errors}, {warnings:|warning|warnings}, {notices:|notice|notices} in "
        "{files:|file|files} and {commits:|commit|commits}",
    ),
    "text.summary": (
        "{errors:|Fehler|Fehler}, {warnings:|Warnung|Warnungen}, {notices:|Hinweis|Hinweise} "
        "in {files:|Datei|Dateien}",
        "{errors:|error|errors}, {warnings:|warning|warnings}, {notices:|notice|notices} in "
        "{files:|file|files}",
    ),
    "text.summary_title": ("Zusammenfassung", "Summary"),
    "text.severity": ("Schweregrad", "Severity"),
    "text.count": ("Anzahl", "Count"),
}
