"""Gettext PO: one entry per text, its id in ``msgctxt``, codes as numbered tags (see inline.py).

Every entry carries the flag ``xml-text`` (Weblate then checks the tags) and, in ``#.`` comments, its
context, what each tag stands for, the glossary terms, and ``duopress-source`` with the source's fingerprint.
A stale translation is ``fuzzy``; a new one has an empty ``msgstr``.
"""

from __future__ import annotations

import re

from ..errors import Level, Problem, Span
from ..version import __version__
from .incoming import Incoming, TranslationFile
from .inline import po_text, read_po
from .notes import unit_notes
from .units import Catalog

_FINGERPRINT = "duopress-source: "
MARKERS = {"new": "", "stale": "fuzzy", "translated": "", "reviewed": ""}


def write(catalog: Catalog) -> bytes:
    header = (f"Project-Id-Version: {catalog.outline.meta.title[catalog.source]}\n"
              f"Language: {catalog.target}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n"
              f"Content-Transfer-Encoding: 8bit\nX-Generator: duopress {__version__}\n"
              f"X-Duopress-Source-Language: {catalog.source}\n")
    out = [f"# {catalog.outline.path}: {catalog.source} → {catalog.target}. Tags such as <f1/> and <b2>…</b2>",
           "# stand for facts and markup: keep each once; write < as &lt; and & as &amp; (docs/translators.md).",
           'msgid ""', 'msgstr ""', *_quoted_lines(header), ""]
    for unit in catalog.units:
        for category, text in unit_notes(catalog.outline, unit):
            if category != "location":
                out += [f"#. {line}" for line in text.split("\n")]
        out.append(f"#. {_FINGERPRINT}{unit.source_print}")
        out.append(f"#: {unit.source_span.file}:{unit.source_span.line}")
        out.append("#, xml-text" + (", fuzzy" if unit.state == "stale" else ""))
        out.append(f"msgctxt {_quoted(unit.id)}")
        out += _field("msgid", po_text(unit.source_content.pieces))
        out += _field("msgstr", po_text(unit.target_content.pieces) if unit.target_content else "")
        out.append("")
    return "\n".join(out).encode("utf-8")


def _field(name: str, text: str) -> list[str]:
    if "\n" not in text:
        return [f"{name} {_quoted(text)}"]
    return [f'{name} ""', *_quoted_lines(text)]


def _quoted_lines(text: str) -> list[str]:
    return [_quoted(line) for line in re.findall(r"[^\n]*\n|[^\n]+$", text)]


def _quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


class PoError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def read(text: str, path: str) -> TranslationFile:
    """The entries of a PO file (obsolete ``#~`` entries and the header are skipped)."""
    units: list[Incoming] = []
    target_lang = None
    for entry in _entries(text):
        if "msgid_plural" in entry.fields:
            raise PoError(entry.line, "plural forms are not duopress's: each text is one msgid")
        msgid = entry.fields.get("msgid", "")
        if msgid == "" and "msgctxt" not in entry.fields:
            found = re.search(r"^Language:\s*(\S+)", entry.fields.get("msgstr", ""), re.M)
            target_lang = found.group(1) if found else None
            continue
        msgstr = entry.fields.get("msgstr", "")
        fuzzy = "fuzzy" in entry.flags
        units.append(Incoming(entry.fields.get("msgctxt", ""), _tags(msgid, entry.line),
                              _tags(msgstr, entry.line) if msgstr else None, not fuzzy,
                              entry.line, entry.fingerprint, "fuzzy" if fuzzy else ""))
    return TranslationFile(path, "po", None, target_lang, units, MARKERS)


def _tags(text: str, line: int) -> list:
    try:
        return read_po(text)
    except ValueError as exc:
        raise PoError(line, str(exc)) from None


class _Entry:
    def __init__(self, line: int):
        self.line = line
        self.fields: dict[str, str] = {}
        self.flags: set[str] = set()
        self.fingerprint: str | None = None


def _entries(text: str):
    entry: _Entry | None = None
    current = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            if entry is not None and entry.fields:
                yield entry
                entry, current = None, None
            continue
        if stripped.startswith("#~"):
            continue
        if entry is None or (entry.fields and stripped.startswith("#")):
            if entry is not None and entry.fields:
                yield entry
            entry, current = _Entry(number), None
        if stripped.startswith("#,"):
            entry.flags |= {flag.strip() for flag in stripped[2:].split(",")}
        elif stripped.startswith("#. " + _FINGERPRINT):
            entry.fingerprint = stripped[len("#. " + _FINGERPRINT):].strip()
        elif stripped.startswith("#"):
            continue
        elif stripped.startswith('"'):
            if current is None:
                raise PoError(number, "a string with no msgid or msgstr before it")
            entry.fields[current] += _unquote(stripped, number)
        else:
            keyword, _, rest = stripped.partition(" ")
            if keyword.startswith("msgstr["):
                keyword = "msgstr" if keyword == "msgstr[0]" else keyword
            if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not keyword.startswith("msgstr["):
                raise PoError(number, f"'{keyword}' is not a PO keyword")
            if entry.line == 0 or not entry.fields:
                entry.line = number
            current = keyword
            entry.fields[keyword] = _unquote(rest.strip(), number)
    if entry is not None and entry.fields:
        yield entry


def _unquote(quoted: str, line: int) -> str:
    if len(quoted) < 2 or quoted[0] != '"' or quoted[-1] != '"':
        raise PoError(line, "a PO string is written in double quotes")
    body, out, index = quoted[1:-1], [], 0
    while index < len(body):
        char = body[index]
        if char == "\\" and index + 1 < len(body):
            following = body[index + 1]
            if following not in _ESCAPES:
                raise PoError(line, f"unknown escape \\{following}")
            out.append(_ESCAPES[following])
            index += 2
        elif char == '"':
            raise PoError(line, 'a " inside a PO string must be written \\"')
        else:
            out.append(char)
            index += 1
    return "".join(out)


def problem(path: str, exc: PoError) -> Problem:
    return Problem(Span(path, exc.line, 1), Level.ERROR, "import.syntax", str(exc))
