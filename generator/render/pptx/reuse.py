"""Slides reused from the deck's previous render: an edit lays out again only the slides it changed.

A finished slide is a few package parts (slide, notes slide, charts and their workbooks: ``SlideAdder.
freeze`` already keeps them as bytes) and the warnings met building it. Its bytes are decided by

- the deck's context: the theme, fonts, template and options (the pipeline's environment digest), the
  notes mode, python-pptx's, lxml's and zlib's versions, and the document without its items (meta, labels,
  section headings, references, glossary, the outline's ``deck:`` switches);
- the slide's builder and its arguments (the item and part it shows; of its section, the heading);
- where it stands: its number, the deck's total, the sections so far, and the counters the package names
  parts and slides by (chart7.xml, notesSlide12.xml, slide id 268).

All of that is the slide's key. A slide whose key the previous render stored is replayed: the same parts,
names and relationships, the counters set as they were after it. Slides that use another part (a picture
shares its image part with every slide that shows it) or that make more than one slide are built as
before. A reused slide's zip members are kept deflated, and its parts' relationships serialized: saving
the deck deflates only what changed. Planning the deck measures every item's text to know its slides;
the lines and widths measured (pure functions of the text, width, size and weight, in fonts the context
covers) are kept too, so an edit measures only the text it changed. ``tests/test_slide_reuse.py`` edits fixtures
of every slide kind and compares each reusing build with a fresh one, byte for byte.
"""

from __future__ import annotations

import hashlib
import sys
import zlib
from array import array
from collections.abc import Callable
from dataclasses import replace
from functools import partial

import lxml.etree
import pptx
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, _Relationship, _Relationships
from pptx.opc.packuri import PackURI

from ...errors import Level, Problem, Span
from ...localize.document import Document, Section
from ..memo import Memo
from .context import Ctx
from .oxml.writer import Packed

VERSION = 7  # of what an entry holds and how keys are made: a change makes every stored slide unused

# Relationships a slide's own parts have: to parts made with it (followed into the entry) or to parts that
# exist before any slide (found again by name). Any other kind keeps the slide from being stored.
_OWN = {RT.NOTES_SLIDE, RT.CHART, RT.PACKAGE, RT.SLIDE}
_SHARED = {RT.SLIDE_LAYOUT, RT.NOTES_MASTER}


class SlideReuse:
    """The previous render's slides, by key, and this render's, for the next."""

    def __init__(self, memo: Memo | None, ctx: Ctx, template: str):
        self.memo = memo
        self.context = _context(ctx, template) if memo is not None else ""
        stored = _valid(memo.entries(self.context)) if memo is not None else {}
        self.previous: dict[str, tuple] = stored.get("slides", {})
        self.current: dict[str, tuple] = {}
        self.faces = ctx.ts.faces
        if memo is not None:  # planning measures every item's text again: lines and widths are kept too
            self.faces.remember(_unpacked(stored.get("measured")))
        self.layouts = {str(layout.part.partname): layout.part
                        for master in ctx.prs.slide_masters for layout in master.slide_layouts}
        self.reused = 0

    def key(self, ctx: Ctx, builder: Callable, n: int) -> str:
        adder = ctx.adder
        where = (n, ctx.total, tuple(ctx.sections), sorted(adder.partnames.counters().items()), adder.next_id,
                 adder.has_notes_master())
        text = f"{VERSION}\0{self.context}\0{_builder(builder)}\0{where!r}"
        return hashlib.sha256(text.encode()).hexdigest()

    def replay(self, ctx: Ctx, key: str) -> bool:
        """Add the stored slide ``key`` names, if there is one; True if it was added."""
        entry = self.previous.get(key)
        if entry is None:
            return False
        parts, warnings, counters = entry
        _replay_parts(ctx, self.layouts, parts)
        ctx.warnings.extend(_problem(w) for w in warnings)
        ctx.adder.partnames.restore(dict(counters))
        self.current[key] = entry
        self.reused += 1
        return True

    def record(self, ctx: Ctx, key: str, warnings_before: int) -> None:
        """Store the slide just built and frozen, unless it uses parts it does not own (its zip members are
        added by ``keep``, once the package is written)."""
        frozen = ctx.adder.last_frozen
        if len(frozen) != 1:
            return
        parts = _own_parts(frozen[0])
        if parts is None:
            return
        warnings = [_record(p) for p in ctx.warnings[warnings_before:]]
        self.current[key] = (parts, warnings, sorted(ctx.adder.partnames.counters().items()))

    def keep(self, written: dict[str, tuple[int, bytes, int]]) -> None:
        """Hand the memo this render's slides with their zip members as the package writer wrote them
        (``written``: member name → CRC, deflated bytes, size), and what was measured."""
        if self.memo is None:
            return
        slides = {key: (_packed(parts, written), warnings, counters)
                  for key, (parts, warnings, counters) in self.current.items()}
        self.memo.keep(self.context, {"slides": slides, "measured": _packed_measures(self.faces.measured())})


# -- what a memo may hold -----------------------------------------------------------------------------
# The memo is sealed (render/memo.py), so only a render of this user's wrote it; its shape is checked all
# the same, entry by entry, so that no stored value reaches python-pptx as a type it does not expect.


def _valid(stored: dict) -> dict:
    """The memo's slides of the shape ``record`` makes (others dropped) and its measures, still packed."""
    slides = stored.get("slides")
    return {
        "slides": {k: v for k, v in slides.items() if type(k) is str and _is_slide(v)}
        if type(slides) is dict else {},
        "measured": stored.get("measured"),
    }


# What planning measured, in columns: a deck's planning measures a thousand texts in two languages, and
# as a dict of tuples they were two thirds of the memo's values, each read back one by one. As one text
# per column (with each piece's length) and packed numbers, they are a dozen values, read in C.


def _packed_measures(measured: dict) -> dict:
    """``Faces.measured()`` as columns: the lines' keys (text, width, size, bold) and their lines, the
    widths' keys (text, bold) and their widths at 1 pt."""
    lines, widths = measured["lines"], measured["widths"]
    keys = list(lines)
    return {
        "lines": (*_joined([k[0] for k in keys]), _floats([k[1] for k in keys]), _floats([k[2] for k in keys]),
                  [int(k[3]) for k in keys], [len(lines[k]) for k in keys],
                  *_joined([line for k in keys for line in lines[k]])),
        "widths": (*_joined([k[0] for k in widths]), [int(k[1]) for k in widths], _floats(list(widths.values()))),
    }


def _unpacked(stored: object) -> dict:
    """``_packed_measures``'s columns as ``Faces.remember`` takes them; nothing for columns that do not
    agree in type or length (a memo of another layout)."""
    if type(stored) is not dict:
        return {}
    try:
        return {"lines": _lines(stored.get("lines")), "widths": _widths(stored.get("widths"))}
    except (TypeError, ValueError):
        return {}


def _lines(columns: object) -> dict:
    text, lengths, widths, sizes, bolds, counts, lines_text, line_lengths = _columns(columns, 8)
    keys = _split(text, lengths)
    widths, sizes, bolds, counts = _floats_of(widths), _floats_of(sizes), _ints_of(bolds), _ints_of(counts)
    lines = _split(lines_text, line_lengths)
    if not len(keys) == len(widths) == len(sizes) == len(bolds) == len(counts) or sum(counts) != len(lines) \
            or min(counts, default=0) < 0:
        raise ValueError("columns of unequal length")
    found, start = {}, 0
    for key, width, size, bold, count in zip(keys, widths, sizes, bolds, counts, strict=True):
        found[(key, width, size, bool(bold))] = tuple(lines[start:start + count])
        start += count
    return found


def _widths(columns: object) -> dict:
    text, lengths, bolds, values = _columns(columns, 4)
    keys, bolds, values = _split(text, lengths), _ints_of(bolds), _floats_of(values)
    if not len(keys) == len(bolds) == len(values):
        raise ValueError("columns of unequal length")
    return {(key, bool(bold)): value for key, bold, value in zip(keys, bolds, values, strict=True)}


def _columns(columns: object, count: int) -> tuple:
    if type(columns) is not tuple or len(columns) != count:
        raise ValueError("not the columns of measures")
    return columns


def _joined(texts: list[str]) -> tuple[str, list[int]]:
    return "".join(texts), [len(t) for t in texts]


def _split(text: object, lengths: object) -> list[str]:
    lengths = _ints_of(lengths)
    if type(text) is not str or min(lengths, default=0) < 0 or sum(lengths) != len(text):
        raise ValueError("lengths that do not add up to the text")
    found, start = [], 0
    for length in lengths:
        found.append(text[start:start + length])
        start += length
    return found


def _floats(values: list[float]) -> bytes:
    packed = array("d", values)
    if sys.byteorder != "little":  # stored little-endian, as style/plain.py stores its numbers
        packed.byteswap()
    return packed.tobytes()


def _floats_of(data: object) -> list[float]:
    if type(data) is not bytes or len(data) % 8:
        raise ValueError("not packed floats")
    packed = array("d")
    packed.frombytes(data)
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tolist()


def _ints_of(values: object) -> list[int]:
    if type(values) is not list or not all(type(v) is int for v in values):
        raise ValueError("not a list of integers")
    return values


def _is_slide(entry: object) -> bool:
    if not (type(entry) is tuple and len(entry) == 3):
        return False
    parts, warnings, counters = entry
    return (type(parts) is list and bool(parts) and all(_is_part(p) for p in parts)
            and type(warnings) is list and all(_is_warning(w) for w in warnings)
            and type(counters) is list and all(type(c) is tuple and len(c) == 2 and type(c[0]) is str
                                                and type(c[1]) is int for c in counters))


def _is_part(part: object) -> bool:
    if not (type(part) is tuple and len(part) == 5):
        return False
    name, content_type, rels, member, rels_member = part
    return (type(name) is str and name.startswith("/") and type(content_type) is str and type(rels) is list
            and all(_is_rel(r) for r in rels) and _is_member(member)
            and (rels_member is None or _is_member(rels_member)))


def _is_rel(rel: object) -> bool:
    return (type(rel) is tuple and len(rel) == 4 and all(type(x) is str for x in rel[:3])
            and type(rel[3]) is bool and (rel[3] or rel[2].startswith("/")))


def _is_member(member: object) -> bool:
    return (type(member) is tuple and len(member) == 3 and type(member[0]) is int and type(member[1]) is bytes
            and type(member[2]) is int and 0 <= member[0] < 1 << 32 and 0 <= member[2] < 1 << 32)


def _is_warning(record: object) -> bool:
    if not (type(record) is tuple and len(record) == 8):
        return False
    file, line, column, level, code, message, path, excerpt = record
    return (type(file) is str and type(line) is int and type(column) is int and level in ("error", "warning")
            and all(type(x) is str for x in (code, message, path, excerpt)))


def _context(ctx: Ctx, template: str) -> str:
    """What every slide of the deck depends on besides its builder: hashed once per render.

    The other languages' documents (``doc.partners``) are not in it. They reach a slide only through the
    shared plan (plan.py), and every decision the plan makes with them (the slide kind, which points or
    which slice of a table a slide holds, the stat arrangement, continuations, the slide count) is an
    argument of the slide's builder or part of where it stands, so it is in the slide's own key. An edit in
    one language then rebuilds another language's slides only where the shared plan changed for them.
    ``tests/test_slide_reuse.py`` edits one language and compares the others' reusing builds with fresh ones.
    """
    doc: Document = ctx.doc
    headings = replace(doc, sections=tuple(replace(s, items=()) for s in doc.sections), partners=())
    text = repr((VERSION, pptx.__version__, lxml.etree.LXML_VERSION, zlib.ZLIB_RUNTIME_VERSION, ctx.notes,
                 ctx.strict, template, ctx.theme, headings))
    return hashlib.sha256(text.encode()).hexdigest()


def _builder(builder: Callable) -> str:
    """A slide builder and its arguments as text: a section argument by its heading (the items it holds
    are other slides'); a tuple of sections (the agenda's) by their headings and their items' numbers and
    titles, all an agenda shows of an item: an edit to a point leaves the agenda alone."""
    func, args, keywords = ((builder.func, builder.args, builder.keywords) if isinstance(builder, partial)
                            else (builder, (), {}))
    shown = tuple(_argument(a) for a in args), sorted((k, _argument(v)) for k, v in keywords.items())
    return f"{func.__module__}.{func.__qualname__}{shown!r}"


def _argument(value: object) -> object:
    if isinstance(value, Section):
        return replace(value, items=())
    if isinstance(value, tuple) and value and all(isinstance(v, Section) for v in value):
        return tuple((replace(s, items=()), [(item.number, item.title) for item in s.items]) for s in value)
    return value


# -- parts ------------------------------------------------------------------------------------------


def storable(slide: Part) -> bool:
    """Whether a slide just built can be stored for reuse: then building it again means its key changed
    (an edit), not that it is built every time (a picture's slide)."""
    return _own_parts(slide) is not None


def _own_parts(slide: Part) -> list[tuple] | None:
    """The slide's part and every part it owns, as (partname, content type, relationships); None if it
    points at a part it does not own and no slide-less deck has."""
    found: dict[str, tuple] = {}
    todo = [slide]
    while todo:
        part = todo.pop(0)
        name = str(part.partname)
        if name in found:
            continue
        rels = []
        for rel in part.rels.values():
            if rel.is_external:
                rels.append((rel.rId, rel.reltype, rel.target_ref, True))
                continue
            if rel.reltype not in _OWN | _SHARED:
                return None
            rels.append((rel.rId, rel.reltype, str(rel.target_part.partname), False))
            if rel.reltype in _OWN:
                todo.append(rel.target_part)
        found[name] = (name, part.content_type, rels)
    return list(found.values())


def _packed(parts: list[tuple], written: dict[str, tuple[int, bytes, int]]) -> list[tuple]:
    """Each part with its zip members (itself, its relationships) as written: (CRC, deflated, size), or
    None for relationships a part does not have. A reused slide's parts carry theirs already."""
    if parts and len(parts[0]) == 5:
        return parts
    return [(name, content_type, rels, written[_member(name)], written.get(_rels_member(name)))
            for name, content_type, rels in parts]


def _member(partname: str) -> str:
    return PackURI(partname).membername


def _rels_member(partname: str) -> str:
    return PackURI(partname).rels_uri.membername


def _replay_parts(ctx: Ctx, layouts: dict[str, Part], stored: list[tuple]) -> None:
    """The stored parts, added as the build added them: the slide to the presentation first (its rId and
    slide id), then the notes master if this is the first slide with notes (the order python-pptx's
    creation of the notes slide follows). Their bytes stay deflated: the package writer copies them."""
    package = ctx.prs.part.package
    parts = {name: _StoredPart(PackURI(name), content_type, package, Packed(*member))
             for name, content_type, _, member, _ in stored}
    ctx.adder.add_frozen(parts[stored[0][0]])
    for name, _, rels, _, rels_member in stored:
        part = parts[name]
        relationships = _Serialized(part.partname.baseURI, Packed(*rels_member) if rels_member else None)
        for rId, reltype, target, external in rels:
            if external:
                target_part: Part | str = target
            elif target in parts:
                target_part = parts[target]
            elif reltype == RT.NOTES_MASTER:
                target_part = ctx.adder.notes_master()
            else:
                target_part = layouts[target]
            relationships._rels[rId] = _Relationship(part.partname.baseURI, rId, reltype,
                                                     RTM.EXTERNAL if external else RTM.INTERNAL, target_part)
        part.__dict__["_rels"] = part.__dict__["rels"] = relationships  # python-pptx reads both names


class _StoredPart(Part):
    """A reused part: its bytes are the deflated zip member the build that stored it wrote."""

    def __init__(self, partname: PackURI, content_type: str, package, packed: Packed):
        super().__init__(partname, content_type, package)
        self._packed = packed

    @property  # type: ignore[misc]  # read-only: python-pptx's own setter is for XML parts
    def blob(self) -> Packed:  # type: ignore[override]  # read by the package writer only (_zip.py)
        return self._packed


class _Serialized(_Relationships):
    """A reused part's relationships, as the build that stored them wrote them (the same rIds, types and
    targets: the same bytes, not serialized again)."""

    def __init__(self, base_uri: str, packed: Packed | None):
        super().__init__(base_uri)
        self._packed = packed

    @property
    def xml(self):
        return self._packed if self._packed is not None else super().xml


def _record(problem: Problem) -> tuple:
    span = problem.span
    return (span.file, span.line, span.column, problem.level.value, problem.code, problem.message, problem.path,
            problem.excerpt)


def _problem(record: tuple) -> Problem:
    file, line, column, level, code, message, path, excerpt = record
    return Problem(Span(file, line, column), Level(level), code, message, path, excerpt)
