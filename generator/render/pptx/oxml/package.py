"""Package-level workarounds for python-pptx: constant-time slide adding and removing a template's slides.

python-pptx's ``Slides.add_slide`` rescans every relationship and slide id of the presentation per call, and
``package.next_partname`` walks the whole part graph per notes slide, chart and workbook, so building a deck
is quadratic in its slides. ``SlideAdder`` keeps its own counters instead. It uses python-pptx internals
(``_Relationships._add_relationship``, ``CT_SlideIdList._add_sldId``), pinned by python-pptx 1.0.x.
"""

from __future__ import annotations

import copy
import re

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart, SlidePart

_NUMBER = re.compile(r"(\d+)\.\w+$")


class _Partnames:
    """``package.next_partname`` with one scan per template instead of one per call."""

    def __init__(self, package):
        self._next: dict[str, int] = {}
        self._package = package

    def __call__(self, tmpl: str) -> PackURI:
        prefix = tmpl[: (tmpl % 42).find("42")]
        if prefix not in self._next:
            used = [_number(str(p.partname)) for p in self._package.iter_parts()
                    if str(p.partname).startswith(prefix)]
            self._next[prefix] = max(used, default=0) + 1
        n = self._next[prefix]
        self._next[prefix] = n + 1
        return PackURI(tmpl % n)

    def counters(self) -> dict[str, int]:
        """The next number of each name asked for so far (a reused slide's key holds them)."""
        return dict(self._next)

    def restore(self, counters: dict[str, int]) -> None:
        """Set the counters as a reused slide left them."""
        self._next = dict(counters)


def _number(partname: str) -> int:
    match = _NUMBER.search(partname)
    return int(match.group(1)) if match else 0


class SlideAdder:
    """Adds slides (and their notes slides) to a presentation in constant time each."""

    def __init__(self, prs):
        self.prs = prs
        self.part = prs.part
        self.partnames = _Partnames(self.part.package)
        self.part.package.next_partname = self.partnames  # charts and workbooks name their parts too
        self.sld_ids = self.part._element.get_or_add_sldIdLst()
        self.next_id = max([255] + [int(i) for i in self.sld_ids.xpath("./p:sldId/@id")]) + 1
        self._notes_master = None
        self._placeholders: dict[str, list] = {}  # layout or notes master part -> the placeholders it clones
        self._unfrozen: list[tuple[str, SlidePart]] = []  # (rId, slide part) added since the last freeze
        self.last_frozen: list[Part] = []  # the slide parts the last freeze made

    def add_frozen(self, slide_part: Part) -> None:
        """Append a slide already made of bytes (reuse.py), as ``add`` appends a new one."""
        rId = self.part.rels._add_relationship(RT.SLIDE, slide_part)
        self.sld_ids._add_sldId(id=self.next_id, rId=rId)
        self.next_id += 1

    def notes_master(self):
        """The presentation's notes master part, made on first use (python-pptx adds it to the package)."""
        if self._notes_master is None:
            self._notes_master = self.part.notes_master_part
        return self._notes_master

    def has_notes_master(self) -> bool:
        return self._notes_master is not None

    def add(self, layout):
        """A new slide on ``layout`` with the layout's placeholders, appended to the deck."""
        slide_part = SlidePart.new(self.partnames("/ppt/slides/slide%d.xml"), self.part.package, layout.part)
        rId = self.part.rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        self._clone_placeholders(slide, layout, lambda: slide.shapes.clone_layout_placeholders(layout))
        self.sld_ids._add_sldId(id=self.next_id, rId=rId)
        self.next_id += 1
        self._unfrozen.append((rId, slide_part))
        return slide

    def unfrozen(self) -> list:
        """The slides added since the last freeze, still lxml trees python-pptx can read."""
        return [slide_part.slide for _, slide_part in self._unfrozen]

    def freeze(self) -> None:
        """Swap the XML parts of the slides finished since the last call for their serialized bytes.

        python-pptx keeps every slide, notes slide and chart as an lxml tree until it saves, about ten
        times the size of the XML: a 1,000-slide deck peaked at 250 MB. A finished slide is never touched
        again, so its parts become plain byte parts with the same names and relationships.
        """
        self.last_frozen = []
        for rId, slide_part in self._unfrozen:
            swapped: dict[int, Part] = {}
            frozen_slide = self._frozen(slide_part, swapped)
            for rel in slide_part.rels.values():
                if not rel.is_external and isinstance(rel.target_part, XmlPart) \
                        and rel.reltype in (RT.NOTES_SLIDE, RT.CHART):
                    _retarget(rel, self._frozen(rel.target_part, swapped))
            for part in list(swapped.values()):
                for rel in part.rels.values():  # a notes slide points back at its slide
                    if not rel.is_external and id(rel.target_part) in swapped:
                        _retarget(rel, swapped[id(rel.target_part)])
            _retarget(self.part.rels._rels[rId], frozen_slide)
            self.last_frozen.append(frozen_slide)
        self._unfrozen.clear()

    @staticmethod
    def _frozen(part, swapped: dict[int, Part]) -> Part:
        if id(part) not in swapped:
            frozen = Part(part.partname, part.content_type, part.package, part.blob)
            # lazyproperty caches: the same relationships (same rIds) under both names python-pptx reads
            frozen.__dict__["_rels"] = frozen.__dict__["rels"] = part.rels
            swapped[id(part)] = frozen
        return swapped[id(part)]

    def notes(self, slide):
        """The slide's notes slide, created without python-pptx's whole-package partname scan."""
        master = self.notes_master()
        notes_part = NotesSlidePart(self.partnames("/ppt/notesSlides/notesSlide%d.xml"), CT.PML_NOTES_SLIDE,
                                    self.part.package, CT_NotesSlide.new())
        notes_part.relate_to(master, RT.NOTES_MASTER)
        notes_part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(notes_part, RT.NOTES_SLIDE)
        notes_slide = notes_part.notes_slide
        self._clone_placeholders(notes_slide, master,
                                 lambda: notes_slide.clone_master_placeholders(master.notes_master))
        return slide.notes_slide

    def _clone_placeholders(self, slide, source, clone) -> None:
        """``clone()`` for the first slide on ``source``, copies of its result for the next ones.

        Every new slide starts from the same empty shape tree, so python-pptx's clones (placeholder
        type, index, name and shape id) come out the same each time; working them out reads each
        placeholder's properties through XPath, the slowest step of adding a slide.
        """
        tree = slide.shapes._spTree
        key = str(source.part.partname)
        cloned = self._placeholders.get(key)
        if cloned is None:
            before = len(tree)
            clone()
            self._placeholders[key] = [copy.deepcopy(el) for el in list(tree)[before:]]
            return
        for element in cloned:
            tree.append(copy.deepcopy(element))


def _retarget(rel, part) -> None:
    """Point a relationship at another part (``target_part`` is a cached property: reset it too)."""
    rel._target = part
    rel.__dict__["target_part"] = part


def remove_all_slides(prs) -> None:
    """Drop a template's own slides: their p:sldId entries and the presentation's relationships to them.

    python-pptx has no API for this. Parts no longer reachable from a relationship are not written, so the
    slides (and their notes, charts and media) leave the package with them.
    """
    sld_ids = prs.part._element.get_or_add_sldIdLst()
    removed = set()
    for sld_id in list(sld_ids):
        removed.add(sld_id.get("id"))
        sld_ids.remove(sld_id)  # first, so the relationship's reference count drops to zero
        prs.part.drop_rel(sld_id.rId)
    # PowerPoint 2010+ slide sections (p14:sectionLst) list slide ids too: leave none dangling.
    for ref in prs.part._element.xpath(".//*[local-name()='sectionLst']//*[local-name()='sldId']"):
        if ref.get("id") in removed:
            ref.getparent().remove(ref)
