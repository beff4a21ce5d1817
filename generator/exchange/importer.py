"""``duopress import``: a translator's XLIFF or PO file back into the outline, every other byte kept.

Nothing is written unless every unit of the file can be taken: each problem is reported at its unit in the
translation file (and names the text in the outline). Then the new values are spliced in at PyYAML's marks
(``outline/rewrite.py``), the result is checked as ``duopress check`` would check it, and it replaces the
outline (or is written to ``--out``) atomically. With ``accept``, the imported translations that the file
marks finished are recorded in the stale-translation lock.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from ..checks.parity import text_parity
from ..checks.stale import lock_path_for
from ..errors import DuopressError, Level, Problem, Span, UsageError
from ..outline.model import Outline, Text
from ..outline.rewrite import Edit, RewriteError, rewrite
from ..project.accept import accept_translations
from . import po, xliff1, xliff2
from .codes import Content, ContentError, check_written, encode
from .incoming import Incoming, TranslationFile
from .inline import XLIFF1, XLIFF2, InlineError, safe_parser
from .resolve import CodeProblem, resolve, same_source
from .units import Unit, catalog, read_for_exchange, source_language


@dataclass
class Report:
    target: str = ""
    written: Path | None = None
    changed: list[str] = field(default_factory=list)  # unit ids written into the outline
    accepted: int = 0
    untranslated: int = 0
    unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)


def import_file(outline_path: Path, file_path: Path, out: Path | None = None, accept: bool = False,
                theme: Path | None = None) -> Report:
    incoming = read_translation_file(file_path)
    outline = read_for_exchange(outline_path)
    target = _target(outline, incoming)
    units = {unit.id: unit for unit in catalog(outline, target).units}
    report = Report(target)
    edits, finished, problems = [], {}, []
    for sent in incoming.units:
        try:
            taken = _take(sent, units, target, incoming.path, report)
        except _Refused as refusal:
            problems.append(refusal.problem)
            continue
        if taken is None:
            continue
        unit, value = taken
        if value is not None:
            edits.append(Edit(unit.text.span, target, value, unit.text.spans.get(target)))
            report.changed.append(unit.id)
        if sent.done and (value is not None or sent.marker != incoming.markers[unit.state]):
            finished[unit.path] = [target]  # changed, or its state moved on: the translator saw to it
    if problems:
        raise DuopressError(problems)
    destination = out or outline_path
    report.written = _write(outline_path, outline, destination, edits, theme, report) if edits or out else None
    if accept and finished:
        report.accepted = _accept(outline_path, destination, finished)
    return report


class _Refused(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def _take(sent: Incoming, units: dict[str, Unit], target: str, path: str,
          report: Report) -> tuple[Unit, str | None] | None:
    """The unit and its new value (None when unchanged), None for an untranslated unit; refuses a unit that
    cannot be taken."""
    where = Span(path, sent.line, 1)

    def refuse(code: str, message: str, unit: Unit | None = None) -> _Refused:
        at = f" (the text at {unit.source_span})" if unit is not None else ""
        return _Refused(Problem(where, Level.ERROR, f"import.{code}", message + at, sent.id))

    unit = units.get(sent.id)
    if unit is None:
        raise refuse("unknown-unit", "no text of the outline has this id: it was removed, or its section or item "
                     "was renamed, since the export; export again")
    if not _source_unchanged(sent, unit):
        raise refuse("source-changed", "the source text changed since this file was exported; export again "
                     "and translate the new source", unit)
    if not sent.target or not "".join(_words(sent.target)).strip():
        report.untranslated += 1
        return None
    try:
        content = resolve(sent.target, unit.source_content)
        value = _markup(content, unit)
    except CodeProblem as exc:
        raise refuse(exc.code, str(exc), unit) from None
    except ContentError as exc:
        raise refuse("markup", str(exc), unit) from None
    current = unit.text.by_lang.get(target) or ""
    if value == current:
        report.unchanged += 1
        return unit, None
    numbers = _numbers(unit, value)
    if numbers and numbers != _numbers(unit, current):  # a difference the outline already had stays allowed
        raise refuse("numbers", f"the numbers differ from the source: {numbers}; write the source's numbers "
                     "(a fact's value is a code, filled in per language)", unit)
    return unit, value


def _source_unchanged(sent: Incoming, unit: Unit) -> bool:
    if sent.fingerprint is not None:
        return sent.fingerprint == unit.source_print
    return same_source(sent.source, unit.source_content)


def _words(pieces: list) -> list[str]:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        else:
            out.append("\x00")  # a code alone is content too
            out.extend(_words(piece.children))
    return out


def _markup(content: Content, unit: Unit) -> str:
    """The translation in the outline's syntax, normalised as the loader reads it (NFC, trimmed)."""
    value = unicodedata.normalize("NFC", encode(content, unit.raw)).strip()
    if not value:
        raise ContentError("the translation is empty")
    if unit.raw and any(char in value for char in "{}") and not unit.label:
        raise ContentError("a unit or a glossary term is printed as written and takes no braces")
    if not unit.raw:
        check_written(content, value)
    return value


def _numbers(unit: Unit, value: str) -> str:
    """The parity check's number comparison for a translation ('' when the numbers agree)."""
    if unit.raw or not value:
        return ""
    text = Text({unit.source: unit.text[unit.source], unit.target: value},
                {unit.source: unit.source_span, unit.target: unit.source_span}, unit.path, unit.text.span)
    found = [p for p in text_parity(text, unit.source, (unit.source, unit.target)) if p.code == "parity.numbers"]
    return found[0].message.split(": ", 1)[1] if found else ""


def _write(outline_path: Path, outline: Outline, destination: Path, edits: list[Edit], theme: Path | None,
           report: Report) -> Path:
    """The outline with the edits, checked, then moved into place atomically."""
    original = outline_path.read_text(encoding="utf-8-sig")
    try:
        result = rewrite(original, edits, outline.languages)
    except RewriteError as exc:
        raise DuopressError([Problem(Span(str(outline_path)), Level.ERROR, "import.write",
                                     f"the translations cannot be written into the outline: {exc}")]) from None
    folder = destination.resolve().parent
    fd, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".import.yaml", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(result.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        report.warnings = _new_problems(outline_path, Path(temp), destination, theme)
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return destination


def _new_problems(before: Path, after: Path, shown_as: Path, theme: Path | None) -> list[Problem]:
    """The problems the import brings, by ``duopress check``'s checks, the decks' fit included (errors stop
    it; they are located in the result as ``shown_as``)."""
    from ..pipeline.check import check

    old = check(before, theme=theme, stale=False).problems
    new = check(after, theme=theme, stale=False).problems
    known = {(p.code, p.path) for p in old}
    brought = [replace(p, span=replace(p.span, file=str(shown_as)) if p.span.file == str(after) else p.span)
               for p in new if (p.code, p.path) not in known]
    errors = [p for p in brought if p.is_error]
    if errors:
        raise DuopressError(errors + [Problem(Span(str(before)), Level.ERROR, "import.checks",
                                              "the outline with these translations does not pass its checks; "
                                              "nothing was written")])
    return brought


def _accept(outline_path: Path, destination: Path, finished: dict[str, list[str]]) -> int:
    from ..checks.stale import lock_entries
    from ..outline.loader import load_outline

    lock = lock_path_for(destination)
    if destination != outline_path and not lock.exists() and lock_path_for(outline_path).exists():
        lock.write_bytes(lock_path_for(outline_path).read_bytes())
    lock_entries(lock)  # an unreadable lock stops here, before anything is recorded
    model = load_outline(destination) if _complete(destination) else read_for_exchange(destination)
    return accept_translations(model, lock, finished)


def _complete(path: Path) -> bool:
    from ..outline.loader import read_outline

    model, problems = read_outline(path)
    return model is not None and not any(p.is_error for p in problems)


# ---------------------------------------------------------------------------------------------------- reading

def read_translation_file(path: Path) -> TranslationFile:
    """An XLIFF 1.2, XLIFF 2.0 or PO file, told apart by its content."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read '{path}': {exc.strerror}") from None
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if head.startswith(b"<"):
        return _read_xml(data, str(path))
    try:
        return po.read(data.decode("utf-8-sig"), str(path))
    except UnicodeDecodeError:
        raise UsageError(f"'{path}' is not UTF-8 text; save it as UTF-8") from None
    except po.PoError as exc:
        raise DuopressError([po.problem(str(path), exc)]) from None


def _read_xml(data: bytes, path: str) -> TranslationFile:
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise DuopressError([Problem(Span(path, line, 1), Level.ERROR, "import.syntax",
                                     f"not well-formed XML: {exc.msg}")]) from None
    namespace = etree.QName(root).namespace
    try:
        if namespace == XLIFF1:
            return xliff1.read(root, path)
        if namespace == XLIFF2:
            return xliff2.read(root, path)
    except InlineError as exc:
        raise DuopressError([Problem(Span(path, exc.line, 1 if exc.line else 0), Level.ERROR, "import.syntax",
                                     str(exc))]) from None
    raise UsageError(f"'{path}' is neither XLIFF 1.2, XLIFF 2.0 nor PO")


def _target(outline: Outline, incoming: TranslationFile) -> str:
    source = source_language(outline)
    lang = _declared(incoming.target_lang, outline.languages)
    if not lang:
        raise UsageError(f"'{incoming.path}' does not say its target language")
    if lang not in outline.languages or lang == source:
        raise UsageError(f"'{incoming.path}' translates into '{lang}', which is not a language to translate this "
                         f"outline into ({', '.join(x for x in outline.languages if x != source)})")
    if incoming.source_lang and _declared(incoming.source_lang, outline.languages) != source:
        raise UsageError(f"'{incoming.path}' translates from '{incoming.source_lang}', but the outline's source "
                         f"is '{source}'")
    return lang


def _declared(lang: str | None, languages: tuple[str, ...]) -> str | None:
    """The outline's language a file names, as CAT tools may write it: ``en-US``, ``en_US`` or ``EN`` is ``en``
    when the outline declares ``en`` (and not ``en-US`` itself)."""
    if not lang:
        return lang
    by_case = {declared.casefold(): declared for declared in languages}
    written = lang.replace("_", "-").casefold()
    return by_case.get(written) or by_case.get(written.split("-")[0]) or lang
