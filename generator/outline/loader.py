"""Outline file → typed model, collecting every problem (no bad outline ever raises a traceback)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from ..errors import DuopressError, Level, Problem, Span
from . import facts as load_facts
from . import fields as f
from . import figures as load_figures
from .fields import ZIP_YEARS
from .model import (
    FactRef,
    GlossaryEntry,
    Item,
    Meta,
    Outline,
    PartialDate,
    Point,
    Reference,
    Section,
    Sidebar,
    Stat,
    Text,
)
from .structure import SHOW, structure
from .yamlnodes import Map, Node, Scalar, Seq, YamlProblems, parse_nodes

MAX_BYTES = 10 * 1024 * 1024  # an outline is kilobytes; 10 MB means something is wrong
MAX_ITEMS = 2_500  # a talk of 2,500 slides is already a mistake; 10,000 would take minutes and gigabytes
LAYOUTS = ("title", "bullets", "two-column", "quote", "chart", "table", "timeline", "image", "stat", "cards",
           "comparison")
MAX_STATS = 3  # a stat slide shows one to three numbers large; more read as a table


def load_outline(path: Path, *, display_name: str | None = None, max_bytes: int = MAX_BYTES) -> Outline:
    """Read and validate an outline; raise DuopressError carrying every problem found."""
    outline, problems = read_outline(path, display_name=display_name, max_bytes=max_bytes)
    if outline is None or any(p.is_error for p in problems):
        raise DuopressError(problems)
    return outline


def read_outline(path: Path, *, display_name: str | None = None, max_bytes: int = MAX_BYTES,
                 translations_optional: bool = False) -> tuple[Outline | None, list[Problem]]:
    """The outline as far as it could be read (None if not at all), and every problem met.

    A partial outline lets later checks (inline syntax, glyphs) run too, so one run reports everything.
    Raises DuopressError only when the file cannot be read or parsed as YAML. A text may lack, or leave
    empty, its translations when ``translations_optional`` (``duopress export`` hands untranslated texts to
    translators): such a text has its source language and whichever translations it has.
    """
    name = display_name or str(path)
    text = read_text(path, name, max_bytes)
    try:
        root, yaml_problems = parse_nodes(text, name)
    except YamlProblems as exc:
        raise DuopressError(exc.problems) from None
    ctx = f.Context(name)
    outline = _outline(ctx, root, translations_optional)
    return outline, yaml_problems + without_echoes(ctx.problems, yaml_problems)


def without_echoes(problems: list[Problem], yaml_problems: list[Problem]) -> list[Problem]:
    """Drop schema complaints about a node already reported as an alias or a tag (one cause, one message)."""
    spans = {p.span for p in yaml_problems if p.code in ("yaml.alias", "yaml.tag")}
    return [p for p in problems if p.span not in spans]


def read_text(path: Path, name: str, max_bytes: int) -> str:
    """Bytes → NFC text: size capped, UTF-8 only, a leading BOM dropped."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DuopressError([_file_problem(name, "input.too-large",
                                               f"file is {size:,} bytes; the limit is {max_bytes:,}")])
        data = path.read_bytes()
    except OSError as exc:
        raise DuopressError([_file_problem(name, "input.unreadable", exc.strerror or str(exc))]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DuopressError([Problem(Span(name, line, column), Level.ERROR, "input.encoding",
                                     f"not UTF-8 (byte 0x{data[exc.start]:02X}); save the file as UTF-8")]) from None
    text = text.removeprefix("\ufeff")
    controls = _control_characters(text, name)
    if controls:
        raise DuopressError(controls)
    return unicodedata.normalize("NFC", text)


# What the loop below reports, as one character class: control characters (category Cc: U+0000–001F and
# U+007F–009F) but tab, carriage return and line feed, lone surrogates (Cs) and the two non-characters.
_FORBIDDEN_IN_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _control_characters(text: str, name: str) -> list[Problem]:
    """Located errors for characters YAML cannot carry (PyYAML rejects them with an offset, not a line):
    control characters, the non-characters U+FFFE and U+FFFF, and lone surrogates."""
    if _FORBIDDEN_IN_YAML.search(text) is None:  # the usual case, found in C instead of a loop per character
        return []
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            if char in "\t\r":
                continue
            category = unicodedata.category(char)
            if category in ("Cc", "Cs") or char in "\ufffe\uffff":
                kind = "control character" if category == "Cc" else "character"
                problems.append(Problem(Span(name, number, column), Level.ERROR, "text.forbidden-character",
                                        f"{kind} U+{ord(char):04X} is not allowed"))
    return problems


def _file_problem(name: str, code: str, message: str) -> Problem:
    return Problem(Span(name), Level.ERROR, code, message)


def _outline(ctx: f.Context, root: Node | None, translations_optional: bool = False) -> Outline | None:
    if not isinstance(root, Map):
        ctx.error(root.span if root else Span(ctx.file, 1, 1), "outline.not-a-mapping",
                  "the outline must be a mapping with 'languages', 'meta' and 'sections'")
        return None
    top = f.Fields(ctx, root, "",
                   required=("languages", "meta", "sections"),
                   optional=("duopress", "labels", "facts", "references", "glossary", "deck"))
    version = top.get("duopress")
    if version is not None and f.integer(ctx, version, "duopress") != 1:
        ctx.error(version.span, "outline.version", "this duopress reads format version 1", "duopress")
    declared = _languages(ctx, top.get("languages"))
    if declared is None:
        return None
    languages = ctx.languages = tuple(code for code, _ in declared)
    if translations_optional:
        ctx.optional_languages = frozenset(languages) - {_written_source(top.get("meta"), languages)}
    facts_node = top.get("facts")
    facts = load_facts.facts(ctx, facts_node)
    meta = _meta(ctx, top.get("meta"))
    references = _references(ctx, top.get("references"))
    glossary = _glossary(ctx, top.get("glossary"))
    labels = _labels(ctx, top.get("labels"))
    sections = _sections(ctx, top.get("sections"))
    if meta is None or sections is None:
        return None
    fact_ids = frozenset(facts_node.pairs) if isinstance(facts_node, Map) else frozenset()
    outline = Outline(ctx.file, languages, meta, MappingProxyType(facts), references, glossary,
                      sections, labels, root.span, fact_ids, tuple(span for _, span in declared),
                      structure(ctx, top.get("deck"), "deck"), _mentioned_facts(root))
    _cross_check(ctx, outline)
    return outline


def _written_source(meta: Node | None, languages: tuple[str, ...]) -> str:
    """``meta.source`` as written (read before the texts are, which may depend on it), else the first language."""
    source = meta.pairs.get("source") if isinstance(meta, Map) else None
    return source.value.strip() if isinstance(source, Scalar) else languages[0]


_FACT_MENTION = re.compile(r"fact:\s*([a-z0-9][a-z0-9_-]*)")


def _mentioned_facts(root: Map) -> frozenset[str]:
    """The fact ids named by any scalar outside ``facts:`` (an explicit stack: depth is capped, not recursed)."""
    found: set[str] = set()
    stack: list[Node] = [node for key, node in root.pairs.items() if key != "facts"]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            found.update(_FACT_MENTION.findall(node.value))
        else:
            stack.extend(node.items if isinstance(node, Seq) else node.pairs.values())
    return frozenset(found)


def _languages(ctx: f.Context, node: Node | None) -> tuple[tuple[str, Span], ...] | None:
    """Each declared language code with where it is written."""
    codes = f.string_list(ctx, node, "languages")
    if codes is None:
        return None
    langs: list[str] = []
    for code, span in codes:
        if not f.LANG_CODE.fullmatch(code):
            ctx.error(span, "outline.language", f"'{code}' is not a language code such as ko or en", "languages")
        elif code in langs:
            ctx.error(span, "outline.language", f"'{code}' is listed twice", "languages")
        else:
            langs.append(code)
    if len(codes) < 1:
        assert node is not None  # string_list() reads codes only from a node
        ctx.error(node.span, "outline.language", "declare at least two languages, e.g. [ko, en]", "languages")
        return None
    if len(codes) == 1:  # the rest still loads and is checked: one run shows everything
        assert node is not None  # string_list() reads codes only from a node
        ctx.error(node.span, "outline.language",
                  f"declare at least two languages: only '{codes[0][0]}' is declared, and duopress writes each "
                  "text in every declared language and checks them against each other", "languages")
    return tuple(codes) if len(langs) == len(codes) else None


def _meta(ctx: f.Context, node: Node | None) -> Meta | None:
    m = f.Fields(ctx, node, "meta", required=("title", "date"),
                 optional=("source", "subtitle", "short_title", "organisation", "event", "keywords", "series",
                           "number", "summary"))
    if not m.ok:
        return None
    assert node is not None  # Fields is ok only for a mapping
    source_node = m.get("source")
    source = f.string(ctx, source_node, "meta.source") if source_node else ctx.languages[0]
    if source_node is not None and source not in ctx.languages:
        ctx.error(source_node.span, "meta.source", f"'{source}' is not one of the declared languages "
                  f"({', '.join(ctx.languages)})", "meta.source")
    org, event = m.text("organisation"), m.text("event")
    if org is None and event is None and m.ok:
        ctx.error(node.span, "meta.missing", "give 'organisation' or 'event' (who publishes or where it is shown)",
                  "meta")
    date = _meta_date(ctx, m.get("date"))
    title = m.text("title")
    keywords = f.text_list(ctx, m.get("keywords"), "meta.keywords")
    # Stand-ins for broken values (already reported) let the rest of the outline be checked too.
    title = title or f.placeholder_text(ctx, node.span, "meta.title")
    date = date or PartialDate(1970)
    number_node = m.get("number")
    number = f.string(ctx, number_node, "meta.number") if number_node is not None else None
    return Meta(source or ctx.languages[0], title, m.text("subtitle"), m.text("short_title"), date, org, event,
                keywords, node.span, series=m.text("series"), number=number.strip() if number else None,
                summary=f.text_list(ctx, m.get("summary"), "meta.summary"))


def _meta_date(ctx: f.Context, node: Node | None) -> PartialDate | None:
    """The talk's date, which stamps the deck's zip entries unless SOURCE_DATE_EPOCH is set."""
    date = f.partial_date(ctx, node, "meta.date")
    first, last = ZIP_YEARS
    if date is not None and not first <= date.year <= last:
        assert node is not None  # partial_date() reads a date only from a node
        ctx.error(node.span, "value.range", f"the year must be {first}–{last}, got {date.year}: the date stamps "
                  "the deck's zip entries, and a zip can only carry those years", "meta.date")
        return None
    return date


def _references(ctx: f.Context, node: Node | None) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    seen: set[str] = set()
    for index, entry in f.sequence(ctx, node, "references"):
        path = f"references[{index}]"
        r = f.Fields(ctx, entry, path, required=("id", "text"), optional=("url",))
        ident = f.identifier(ctx, r.get("id"), f"{path}.id", seen, "reference")
        text = r.text("text")
        url = f.url(ctx, r.get("url"), f"{path}.url")
        if ident and text:
            refs.append(Reference(ident, text, url, entry.span))
    return tuple(refs)


def _glossary(ctx: f.Context, node: Node | None) -> tuple[GlossaryEntry, ...]:
    entries: list[GlossaryEntry] = []
    for index, entry in f.sequence(ctx, node, "glossary"):
        path = f"glossary[{index}]"
        extra = ("note", "variants")
        note_node = entry.pairs.get("note") if isinstance(entry, Map) else None
        variants_node = entry.pairs.get("variants") if isinstance(entry, Map) else None
        terms_node = entry
        if isinstance(entry, Map) and any(key in entry.pairs for key in extra):
            terms_node = Map({k: v for k, v in entry.pairs.items() if k not in extra},
                             {k: v for k, v in entry.key_spans.items() if k not in extra}, entry.span)
        terms = f.text(ctx, terms_node, path)
        note = f.text(ctx, note_node, f"{path}.note") if note_node is not None else None
        variants = _glossary_variants(ctx, variants_node, f"{path}.variants")
        if terms:
            entries.append(GlossaryEntry(terms, note, entry.span, MappingProxyType(variants)))
    return tuple(entries)


def _glossary_variants(ctx: f.Context, node: Node | None, path: str) -> dict[str, tuple[str, ...]]:
    """``{en: [export restrictions], ko: 수출규제}``: per declared language, one form or a list of them."""
    if node is None:
        return {}
    if not isinstance(node, Map):
        ctx.error(node.span, "type.mapping", "expected forms per language, e.g. {en: [export restrictions]}", path)
        return {}
    variants: dict[str, tuple[str, ...]] = {}
    for lang, value in node.pairs.items():
        if lang not in ctx.languages:
            ctx.error(node.key_spans[lang], "text.unknown-language",
                      f"'{lang}' is not a declared language ({', '.join(ctx.languages)})", f"{path}.{lang}")
            continue
        if isinstance(value, Seq):
            forms = [form for _, item in f.sequence(ctx, value, f"{path}.{lang}")
                     if (form := f.string(ctx, item, f"{path}.{lang}")) is not None]
        else:
            forms = [form] if (form := f.string(ctx, value, f"{path}.{lang}")) is not None else []
        variants[lang] = tuple(forms)
    return variants


def _labels(ctx: f.Context, node: Node | None) -> Mapping[str, Text]:
    from .labels import DEFAULT_LABELS

    labels: dict[str, Text] = {}
    if node is None:
        return MappingProxyType(labels)
    if not isinstance(node, Map):
        ctx.error(node.span, "type.mapping", "expected a mapping of label names to texts", "labels")
        return MappingProxyType(labels)
    known = set(DEFAULT_LABELS["en"])
    for key, value in node.pairs.items():
        if key not in known:
            ctx.error(node.key_spans[key], "labels.unknown",
                      f"unknown label '{key}'; known labels: {', '.join(sorted(known))}", f"labels.{key}")
            continue
        text = f.text(ctx, value, f"labels.{key}")
        if text and _label_ok(ctx, key, text):
            labels[key] = text
    return MappingProxyType(labels)


def _label_ok(ctx: f.Context, key: str, text: Text) -> bool:
    from .labels import label_problem

    problems = {lang: label_problem(key, text[lang]) for lang in ctx.languages}
    for lang, problem in problems.items():
        if problem:
            ctx.error(text.spans[lang], "labels.placeholder", problem, f"labels.{key}.{lang}")
    return not any(problems.values())


def _sections(ctx: f.Context, node: Node | None) -> tuple[Section, ...] | None:
    sections: list[Section] = []
    seen: set[str] = set()
    entries = f.sequence(ctx, node, "sections")
    if node is not None and isinstance(node, Seq) and not node.items:
        ctx.error(node.span, "outline.empty", "an outline needs at least one section", "sections")
    if isinstance(node, Seq) and sum(_count_items(entry) for entry in node.items) > MAX_ITEMS:
        ctx.error(node.span, "outline.too-many-items",
                  f"more than {MAX_ITEMS:,} items; split the outline into several talks", "sections")
        return ()
    for index, entry in entries:
        path = f"sections[{index}]"
        s = f.Fields(ctx, entry, path, required=("id", "title", "items"), optional=("summary",),
                     deeper=dict.fromkeys(_ITEM_ONLY, "an item"))
        ident = f.identifier(ctx, s.get("id"), f"{path}.id", seen, "section")
        title = s.text("title")
        items = tuple(_item(ctx, child, f"{path}.items[{i}]", seen)
                      for i, child in f.sequence(ctx, s.get("items"), f"{path}.items"))
        if s.ok:  # broken ids and titles were reported; keep the section so its items are checked too
            sections.append(Section(ident or f"section-{index + 1}", title or f.placeholder_text(ctx, entry.span, path),
                                    s.text("summary"), tuple(i for i in items if i), entry.span, path))
    return tuple(sections)


def _count_items(section: Node) -> int:
    items = section.pairs.get("items") if isinstance(section, Map) else None
    return len(items.items) if isinstance(items, Seq) else 0


_ITEM_ONLY = ("layout", "points", "body", "notes", "sources", "figure", "show", "editor_note", "attribution",
              "pull_quote", "sidebar", "stats")


def _item(ctx: f.Context, node: Node, path: str, seen: set[str]) -> Item | None:
    it = f.Fields(ctx, node, path, required=("id", "title"), optional=_ITEM_ONLY)
    if not it.is_map:  # a missing (or misspelled) id or title is reported; the rest is still checked
        return None
    ident = f.identifier(ctx, it.get("id"), f"{path}.id", seen, "item")
    title = it.text("title")
    layout = f.choice(ctx, it.get("layout"), f"{path}.layout", LAYOUTS) if it.get("layout") else None
    points = _points(ctx, it.get("points"), f"{path}.points", depth=1)
    body = f.text_list(ctx, it.get("body"), f"{path}.body")
    sources = tuple(f.string_list(ctx, it.get("sources"), f"{path}.sources") or ())
    figure_node = it.get("figure")
    figure = load_figures.figure(ctx, figure_node, f"{path}.figure") if figure_node else None
    title = title or f.placeholder_text(ctx, node.span, f"{path}.title")
    show = f.choice(ctx, it.get("show"), f"{path}.show", SHOW) if it.get("show") else None
    attribution = it.text("attribution")
    return Item(ident or path, title, layout, points, body, it.text("notes"), sources, figure, node.span, path,
                show or "both", editor_note=it.text("editor_note"), attribution=attribution,
                pull_quote=it.text("pull_quote"), sidebar=_sidebar(ctx, it.get("sidebar"), f"{path}.sidebar"),
                stats=_stats(ctx, it.get("stats"), f"{path}.stats"))


def _sidebar(ctx: f.Context, node: Node | None, path: str) -> Sidebar | None:
    if node is None:
        return None
    s = f.Fields(ctx, node, path, required=("title", "body"))
    if not s.ok:
        return None
    title, body = s.text("title"), f.text_list(ctx, s.get("body"), f"{path}.body")
    return Sidebar(title, body, node.span) if title and body else None


def _stats(ctx: f.Context, node: Node | None, path: str) -> tuple[Stat, ...]:
    """``stats: [{fact: ID, label: {ko, en}, source: {ko, en}}]``: the facts exist is checked with the others."""
    stats: list[Stat] = []
    entries = f.sequence(ctx, node, path)
    if isinstance(node, Seq) and not 1 <= len(node.items) <= MAX_STATS:
        ctx.error(node.span, "stats.count", f"give one to {MAX_STATS} stats, got {len(node.items)}: a stat slide "
                  "shows each number large", path)
    for index, entry in entries:
        here = f"{path}[{index}]"
        s = f.Fields(ctx, entry, here, required=("fact", "label"), optional=("source",))
        fact_node, label = s.get("fact"), s.text("label")
        ident = f.string(ctx, fact_node, f"{here}.fact") if fact_node is not None else None
        if ident is not None and label is not None:
            assert fact_node is not None  # a string is read only from a node
            ref = FactRef(ident.strip().removeprefix("fact:").strip(), fact_node.span)
            stats.append(Stat(ref, label, s.text("source"), entry.span))
    return tuple(stats)


def _points(ctx: f.Context, node: Node | None, path: str, depth: int) -> tuple[Point, ...]:
    points: list[Point] = []
    for index, entry in f.sequence(ctx, node, path):
        here = f"{path}[{index}]"
        entry = _text_beside_keys(entry, ctx.languages)
        if isinstance(entry, Map) and "text" in entry.pairs:
            p = f.Fields(ctx, entry, here, required=("text",), optional=("points", "key"))
            text = p.text("text")
            key = f.boolean(ctx, p.get("key"), f"{here}.key") if p.get("key") else False
            children: tuple[Point, ...] = ()
            if p.get("points") is not None:
                if depth >= 2:
                    ctx.error(entry.span, "points.too-deep", "points have two levels at most", here)
                else:
                    children = _points(ctx, p.get("points"), f"{here}.points", depth + 1)
        else:
            text, key, children = f.text(ctx, entry, here), False, ()
        if text:
            points.append(Point(text, children, bool(key), entry.span))
    return tuple(points)


def _text_beside_keys(entry: Node, languages: tuple[str, ...]) -> Node:
    """``{ko: …, en: …, key: true}`` (a point's languages beside its own keys) read as
    ``{text: {ko: …, en: …}, key: true}``: both are natural to write, and the second is the documented form."""
    if not isinstance(entry, Map) or "text" in entry.pairs or not {"key", "points"} & set(entry.pairs):
        return entry
    own = [k for k in entry.order if k in ("key", "points")]
    langs = [k for k in entry.order if k not in own]
    text = Map({k: entry.pairs[k] for k in langs}, {k: entry.key_spans[k] for k in langs}, entry.span, langs)
    pairs: dict[str, Node] = {"text": text, **{k: entry.pairs[k] for k in own}}
    spans = {"text": entry.span, **{k: entry.key_spans[k] for k in own}}
    return Map(pairs, spans, entry.span, ["text", *own])


def _cross_check(ctx: f.Context, outline: Outline) -> None:
    """References between nodes: cited sources and facts used as values must exist."""
    ref_ids = {ref.id for ref in outline.references}
    for item in outline.items():
        for key, span in item.sources:
            if key not in ref_ids:
                ctx.error(span, "source.unknown", f"no reference with id '{key}'"
                          + f.suggest(key, ref_ids), f"{item.path}.sources")
    load_facts.check_fact_values(ctx, outline)
