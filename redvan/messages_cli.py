"""The command line's and the exchange's sentences in Danish too (SPEC P7, issue 15).

Messages are written in English where they arise (`CliError`, `ImportRefused`, the lines the
CLI prints): that keeps the layers below free of any language machinery and the logs in one
language. This module translates a *finished* sentence when it reaches a person: the
catalogue (resources/cli/redvan_da.json) maps each sentence's template, as written in the
source with its `{placeholders}`, to Danish; a sentence is matched against the templates and
its placeholder values (a file name, a number, another sentence) are carried over, translated
in turn where they are sentences themselves. A sentence with no template stays English.

    python -m redvan.messages_cli update    # add new source sentences to the catalogue
    python -m redvan.messages_cli check     # list untranslated ones (a test does the same)

The language is `--lang` on the command line, else the locale (LC_ALL, LC_MESSAGES, LANG,
LANGUAGE: Danish when it starts with "da"); the auditor viewer passes its own.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from redvan.resources import resource_path

LANGUAGES = ("en", "da")
_current = ["en"]

_PLACEHOLDER = re.compile(r"\{[^{}]+\}")
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


def language_from_environment(env: Mapping[str, str] | None = None) -> str:
    """'da' when the locale asks for Danish, else 'en' (POSIX order: LC_ALL, LC_MESSAGES, LANG;
    GNU's LANGUAGE list first when a locale is set)."""
    env = os.environ if env is None else env
    locale = env.get("LC_ALL") or env.get("LC_MESSAGES") or env.get("LANG") or ""
    wanted = [locale]
    if env.get("LANGUAGE") and locale not in ("", "C", "POSIX"):
        wanted = env["LANGUAGE"].split(":") + wanted
    for name in wanted:
        if name.strip():
            return "da" if name.strip().lower().startswith("da") else "en"
    return "en"


def set_language(language: str) -> None:
    _current[0] = language if language in LANGUAGES else "en"


def language() -> str:
    return _current[0]


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str]
    names: tuple[str, ...]  # the placeholders in the order the pattern captures them
    translation: str


# A template matches a finished sentence only with at least this much fixed text: "{first}
# and {last}" would match any sentence with an "and" in it. Shorter ones are looked up as
# they are (gui/display.py translates its templates before filling them in).
MIN_FIXED = 6


class Catalogue:
    """Templates -> translations, matched against finished sentences."""

    def __init__(self, table: Mapping[str, str]) -> None:
        self.exact: dict[str, str] = {}
        entries = []
        for template, translation in table.items():
            if not translation:
                continue  # unfinished: English stays
            self.exact[template] = translation
            fixed = len(_PLACEHOLDER.sub("", template))
            if _PLACEHOLDER.search(template) is None or fixed < MIN_FIXED:
                continue
            pattern, names = _compile(template)
            entries.append((fixed, _Entry(pattern, names, translation)))
        # The template with the most fixed text first: the most specific one wins.
        self.entries = [e for _, e in sorted(entries, key=lambda pair: -pair[0])]

    def translate(self, text: str, depth: int = 0) -> str:
        if text in self.exact:  # a paragraph kept whole (the recovery-code warning)
            return self.exact[text]
        if "\n" in text:
            return "\n".join(self.translate(line, depth) for line in text.split("\n"))
        stripped = text.lstrip(" ")
        indent = text[: len(text) - len(stripped)]
        return indent + self._sentence(stripped, depth)

    def _sentence(self, text: str, depth: int) -> str:
        if text in self.exact:
            return self.exact[text]
        if depth > 4 or not text:
            return text
        ordinal = _ORDINAL.fullmatch(text)
        if ordinal and "{n}th" in self.exact:  # "3rd" attempt: one form per language
            return self.exact["{n}th"].replace("{n}", ordinal.group(1))
        for entry in self.entries:
            found = entry.pattern.fullmatch(text)
            if found is None:
                continue
            values = {
                name: self._sentence(value, depth + 1)
                for name, value in zip(entry.names, found.groups(), strict=True)
            }
            return _fill(entry.translation, values)
        if depth == 0:
            # "van-3.rvsync.json: <a sentence from below>", the usual shape of a refusal
            name, colon, reason = text.partition(": ")
            if colon and reason:
                translated = self._sentence(reason, depth + 1)
                if translated != reason:
                    return f"{name}: {translated}"
        return text


def _fill(translation: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(0), m.group(0)), translation)


def _compile(template: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    parts: list[str] = []
    names: list[str] = []
    seen: dict[str, int] = {}
    position = 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[position : found.start()]))
        name = found.group(0)
        if name in seen:
            parts.append(f"(?P={_group(seen[name])})")
        else:
            seen[name] = len(names)
            names.append(name)
            # "{what} {path.name}": the words belong to the first, a file name has no spaces
            lazy = "" if _PLACEHOLDER.match(template, found.end() + 1) else "?"
            parts.append(f"(?P<{_group(seen[name])}>.+{lazy})")
        position = found.end()
    parts.append(re.escape(template[position:]))
    return re.compile("".join(parts), re.DOTALL), tuple(names)


def _group(index: int) -> str:
    return f"p{index}"


def catalogue_path(language: str = "da") -> Path:
    return resource_path("cli", f"redvan_{language}.json")


@lru_cache(maxsize=4)
def catalogue(language: str) -> Catalogue:
    try:
        table = json.loads(catalogue_path(language).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    return Catalogue(table if isinstance(table, dict) else {})


def translate(text: str, language: str | None = None) -> str:
    """`text` (an English message, possibly several lines) in `language` (default: current)."""
    chosen = language or _current[0]
    if chosen == "en" or not text:
        return text
    return catalogue(chosen).translate(text)


_ = translate


def say(text: str = "", *, file: object = None) -> None:
    """print() for a message a person reads: in the chosen language."""
    print(translate(text), file=file or sys.stdout)  # type: ignore[call-overload]


def N_(text: str) -> str:  # noqa: N802 - gettext's name for "a message, translated later"
    """Marks a sentence built in pieces for the catalogue; returns it unchanged."""
    return text


# -- keeping the catalogue current ------------------------------------------------------------

ROOT = Path(__file__).resolve().parent
# Where the sentences a person reads on the command line are written.
SOURCES = ("cli.py", "exchange/*.py", "gui/display.py", "core/intake.py", "storage/errors.py")
# The calls whose first string argument (IntakeError, _FieldError: their problem) is one.
CALLS = {
    "CliError": 0,
    "ImportRefused": 0,
    "SignatureError": 0,
    "EncryptionError": 0,
    "BundleError": 0,
    "say": 0,
    "IntakeError": 2,
    "_FieldError": 1,
    "ValueError": 0,
    "N_": 0,
    "__init__": 0,  # super().__init__(sentence) in the error classes
    "append": 0,  # problems.append(sentence): an audit bundle's manifest problems
}
# Functions whose returned strings are sentences a person reads (the auditor viewer).
RETURNING = {"signature_problem"}
# Sentences assembled where no call shows them whole (core/intake.py's IntakeError and
# IntakeRefused, the vocabulary and PII checks of Services.save_intake): kept in the
# catalogue by hand, and `update` never drops an entry.
ASSEMBLED = (
    "Line {line}: {problem} Nothing from the file was saved.",
    "Line {line}, field '{field}': {problem} Nothing from the file was saved.",
    "Line {line}: {problem}",
    "Line {line}, field '{field}': {problem}",
    "{count} lines of the file cannot be taken in; nothing from the file was saved.",
    "… and {more} more (only the first {shown} bad lines are shown).",
    "'{slug}' is not in the vault's list of values for this field.",
    "it looks like personal data ({kinds}); remove it before importing.",
    # storage/errors.py: WrongPassphrase and VaultDamaged, assembled from pieces
    "Wrong passphrase for staff member {label} ({nth} attempt).",
    "Wrong passphrase for staff member {label} ({nth} attempt, next try in {seconds} s).",
    "Wrong recovery code ({nth} attempt).",
    "Wrong recovery code ({nth} attempt, next try in {seconds} s).",
    " The newest verified backup is {backup}; restore it with 'redvan restore --vault {path} "
    "--from {backup}'.",
    " No verified backup was found next to it.",
    "{n}th",
    # the `what=` of exchange/hostile.py's readers, as in "The {what} is not valid JSON."
    "DHIS2 file",
    "DHIS2 mapping file",
    "age key file",
    "audit bundle",
    "bundle's audit summary",
    "bundle's manifest",
    "bundle's tally",
    "file",
    "merge ledger",
    "signature file",
    "signature",
    "sync package {name}",
    "DHIS2 {name}",
)


def _template(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value))
            elif isinstance(part, ast.FormattedValue):
                spec = ""
                if part.format_spec is not None:
                    spec = ":" + (_template(part.format_spec) or "")
                out.append("{" + ast.unparse(part.value) + spec + "}")
        return "".join(out)
    return None


def source_sentences(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """(file, template) for every message the command line can show, as in the source."""
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            where = str(path.relative_to(root))
            for node in ast.walk(tree):
                text = None
                if isinstance(node, ast.Call):
                    name = (
                        node.func.attr
                        if isinstance(node.func, ast.Attribute)
                        else getattr(node.func, "id", "")
                    )
                    index = CALLS.get(name)
                    if index is not None and len(node.args) > index:
                        text = _template(node.args[index])
                    elif name == "_count" and len(node.args) == 3:
                        # cli._count(n, "contact", "contacts"): "{n} contact", "{n} contacts"
                        for word in node.args[1:]:
                            form = _template(word)
                            if form:
                                yield where, "{n} " + form
                elif isinstance(node, ast.FunctionDef) and node.name in RETURNING:
                    for inner in ast.walk(node):
                        if isinstance(inner, ast.Return) and inner.value is not None:
                            found = _template(inner.value)
                            if found and _is_sentence(found):
                                yield where, found
                elif isinstance(node, ast.Assign) and path.name == "display.py":
                    # gui/display.py keeps its sentences as UPPER_CASE constants
                    target = node.targets[0]
                    if isinstance(target, ast.Name) and target.id.isupper():
                        text = _template(node.value)
                if text and _is_sentence(text):
                    yield where, text


def _is_sentence(text: str) -> bool:
    """Worth translating: words, not only placeholders or a file name."""
    fixed = _PLACEHOLDER.sub("", text)
    return re.search(r"[A-Za-z]{2,}", fixed) is not None and " " in fixed


def update(language: str = "da") -> tuple[int, int]:
    """Add every source sentence missing from the catalogue (with an empty translation);
    returns (added, untranslated)."""
    path = catalogue_path(language)
    try:
        table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        table = {}
    added = 0
    wanted = [text for _where, text in source_sentences()] + list(ASSEMBLED)
    for text in wanted:
        if text not in table:
            table[text] = ""
            added += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(dict(sorted(table.items())), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return added, sum(1 for v in table.values() if not v)


def untranslated(language: str = "da") -> list[str]:
    table = json.loads(catalogue_path(language).read_text(encoding="utf-8"))
    wanted = {text for _where, text in source_sentences()} | set(ASSEMBLED)
    return sorted(t for t in wanted if not table.get(t))


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        added, missing = update()
        print(f"{added} new sentences; {missing} without a Danish translation")
        return 0
    if argv[:1] == ["check"]:
        missing = untranslated()
        for text in missing:
            print(text)
        return 1 if missing else 0
    print("usage: python -m redvan.messages_cli update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
