"""The brief's apparatus where publications print it: the byline on the cover, keywords under the summary,
a preface before the contents, and the back page (authors, suggested citation, disclaimer, acknowledgments,
contact, publisher, identifiers, licence) before the colophon, which the theme keeps or drops."""

from __future__ import annotations

from reportlab.platypus import Spacer

from ...localize.document import Run
from .context import Ctx
from .flowables import Rule
from .paragraph import Paragraph
from .tagging import tag


def byline(ctx: Ctx) -> list:
    """The authors under the title: each name in bold with its affiliation after it."""
    authors, mark = ctx.doc.meta.apparatus.authors, ctx.mark
    if not authors:
        return []
    names = [mark.text(a.name, bold=True) + (mark.text(", " + a.affiliation) if a.affiliation else "")
             for a in authors]
    byline = Paragraph(mark.text(" · ").join(names), ctx.styles.cover_meta)
    return [tag(byline, ctx.root.child("P")), Spacer(1, ctx.styles.body.fontSize)]


def keywords(ctx: Ctx) -> list:
    """The keywords as a journal prints them under an abstract."""
    doc, mark = ctx.doc, ctx.mark
    if not doc.meta.keywords:
        return []
    line = mark.text(doc.label("keywords") + ": ", bold=True) + mark.text(", ".join(doc.meta.keywords))
    return [tag(Paragraph(line, ctx.styles.term), ctx.root.child("P")), Spacer(1, ctx.styles.body.fontSize)]


def preface(ctx: Ctx) -> list:
    """The editors' or publisher's preface, under its own heading, before the contents."""
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    paragraphs = doc.meta.apparatus.preface
    if not paragraphs:
        return []
    sect = ctx.root.child("Sect")
    title = tag(Paragraph(mark.text(doc.label("preface"), bold=True), st.h3), sect.child("H2"))
    title.keepWithNext = 1
    body = [tag(Paragraph(mark.inline(p), st.body), sect.child("P")) for p in paragraphs]
    return [title, *body, Spacer(1, st.body.fontSize)]


def back_page(ctx: Ctx) -> list:
    """About the authors, then the fine print: citation, disclaimer, acknowledgments, contact, publisher,
    identifiers, licence."""
    out = _authors(ctx)
    fine = _fine_print(ctx)
    if fine:
        st = ctx.styles
        rule = Rule(ctx.c("light"), thickness=0.6, before=st.body.fontSize * 1.5, after=st.body.fontSize * 0.6)
        for flowable in (rule, *fine[:-1]):  # one block, kept with the colophon after it (story.keep_last_with_next)
            flowable.keepWithNext = 1
        out += [rule, *fine]
    return out


def _authors(ctx: Ctx) -> list:
    doc, st, mark = ctx.doc, ctx.styles, ctx.mark
    authors = [a for a in doc.meta.apparatus.authors if a.bio or a.affiliation or a.orcid or a.email]
    if not authors:
        return []
    sect = ctx.root.child("Sect")
    title = tag(Paragraph(mark.text(doc.label("about_authors"), bold=True), st.h3), sect.child("H2"))
    title.keepWithNext = 1
    out: list = [title]
    for a in authors:
        text = mark.text(a.name, bold=True) + (mark.text(", " + a.affiliation) if a.affiliation else "")
        if a.bio:
            text += mark.text(". ") + mark.inline(a.bio)
        links = [mark.link_text(f"https://orcid.org/{a.orcid}") if a.orcid else "",
                 mark.run(Run(a.email, href=f"mailto:{a.email}")) if a.email else ""]
        text += "".join(mark.text(" · ") + link for link in links if link)
        out.append(tag(Paragraph(text, st.term), sect.child("P")))
    return out


def _fine_print(ctx: Ctx) -> list:
    doc, mark = ctx.doc, ctx.mark
    app, meta = doc.meta.apparatus, doc.meta
    lines: list[str] = []  # markup, one paragraph each

    def labelled(label: str, markup: str) -> str:
        return mark.text(label + ": ", bold=True) + markup

    if app.citation:
        lines.append(labelled(doc.label("suggested_citation"), mark.inline(app.citation)))
    if app.disclaimer:
        lines.append(mark.inline(app.disclaimer))
    if app.acknowledgements:
        lines.append(labelled(doc.label("acknowledgements"), mark.inline(app.acknowledgements)))
    if app.contact:
        lines.append(labelled(doc.label("contact"), mark.inline(app.contact)))
    if app.publisher_address or app.publisher_url:
        parts = [mark.text(x) for x in (meta.organisation, app.publisher_address) if x]
        parts += [mark.link_text(app.publisher_url)] if app.publisher_url else []
        lines.append(labelled(doc.label("publisher"), mark.text(" · ").join(parts)))
    if app.identifiers:
        lines.append(mark.text(" · ").join(
            mark.text(f"{label} ") + (mark.link_text(value) if value.startswith("https://") else mark.text(value))
            for label, value in app.identifiers))
    if app.licence:
        lines.append(mark.inline(app.licence))
    style = ctx.styles.chart_note.clone("fine-print", spaceAfter=ctx.styles.chart_note.fontSize * 0.7)
    return [tag(Paragraph(line, style), ctx.root.child("P")) for line in lines]
