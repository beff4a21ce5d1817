"""Paragraph styles of the brief, from the theme's brief sizes and the language's leading."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from ...style.theme import Theme
from .fonts import Fonts

BULLET, SUB_BULLET, TAKEAWAY_BULLET = "\u2022", "\u2013", "\u25a0"


def color(theme: Theme, name: str) -> HexColor:
    return HexColor("#" + str(theme.colors[name]))


def hex_of(theme: Theme, name: str) -> str:
    return "#" + str(theme.colors[name])


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    bullet: ParagraphStyle
    sub_bullet: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    cover_meta: ParagraphStyle
    kicker: ParagraphStyle  # the small label above the title and over the takeaways box
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle  # a heading inside a box under an h3 (the key takeaways under the summary)
    summary: ParagraphStyle  # the executive summary's paragraphs
    toc1: ParagraphStyle
    toc2: ParagraphStyle
    takeaway: ParagraphStyle
    caption: ParagraphStyle
    source: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    cell_date: ParagraphStyle
    chart_note: ParagraphStyle
    reference: ParagraphStyle
    term: ParagraphStyle
    running: ParagraphStyle  # header and footer
    running_right: ParagraphStyle
    footnote: ParagraphStyle  # a note at the foot of the page (or in the endnotes), its number hanging
    editor_note: ParagraphStyle  # an item's editor's note, set off under its text
    quote: ParagraphStyle  # a quote item's quotation, set off
    pull_quote: ParagraphStyle  # a sentence of an item, set large inside its text
    sidebar: ParagraphStyle  # a boxed aside's paragraphs
    attribution: ParagraphStyle  # who said it, under the quotation


def make_styles(theme: Theme, fonts: Fonts, lang: str) -> Styles:
    brief = theme.brief
    size = float(theme.per_language(brief.body_size, lang))
    lead = float(theme.per_language(brief.leading, lang))
    h_sizes = [float(s) for s in brief.heading_sizes]
    small = float(brief.caption_size)
    foot = float(brief.footer_size)
    text, primary, muted = color(theme, "text"), color(theme, "primary"), color(theme, "muted")
    accent = color(theme, "accent")
    main = fonts.main.name

    base = ParagraphStyle(
        "body", fontName=main, fontSize=size, leading=size * lead, textColor=text,
        alignment=TA_LEFT, spaceAfter=size * 0.8, allowWidows=0, allowOrphans=0,
        bulletFontSize=size, splitLongWords=1, wordWrap=None,  # never 'CJK': it splits Hangul words mid-word
        embeddedHyphenation=0, uriWasteReduce=0.3,
    )

    def like(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    def bullet_font(char: str) -> str:
        return fonts.covering(char).name

    heading = like("heading", textColor=primary, keepWithNext=1, spaceAfter=0)
    bullet_indent = size * 1.3
    return Styles(
        body=base,
        bullet=like("bullet", leftIndent=bullet_indent, bulletIndent=size * 0.2, spaceAfter=size * 0.35,
                    bulletFontName=bullet_font(BULLET), bulletColor=accent),
        sub_bullet=like("sub_bullet", leftIndent=bullet_indent * 2, bulletIndent=bullet_indent + size * 0.1,
                        spaceAfter=size * 0.35, fontSize=size * 0.95, textColor=muted,
                        bulletFontName=bullet_font(SUB_BULLET),
                        bulletColor=muted),
        title=like("title", fontSize=h_sizes[0] * 1.25, leading=h_sizes[0] * 1.25 * 1.3, textColor=primary,
                   spaceAfter=h_sizes[0] * 0.45),
        subtitle=like("subtitle", fontSize=h_sizes[1], leading=h_sizes[1] * 1.45, textColor=muted,
                      spaceAfter=h_sizes[1] * 0.9),
        cover_meta=like("cover_meta", fontSize=size * 0.95, leading=size * 1.5, textColor=text, spaceAfter=0),
        kicker=like("kicker", fontSize=small, leading=small * 1.4, textColor=accent,
                    spaceAfter=small * 0.6),
        h1=like("h1", parent=heading, fontSize=h_sizes[0], leading=h_sizes[0] * 1.35,
                spaceBefore=h_sizes[0] * 1.1, spaceAfter=h_sizes[0] * 0.5),
        h2=like("h2", parent=heading, fontSize=h_sizes[1], leading=h_sizes[1] * 1.4,
                spaceBefore=h_sizes[1] * 1.1, spaceAfter=h_sizes[1] * 0.5),
        h3=like("h3", parent=heading, fontSize=h_sizes[2], leading=h_sizes[2] * 1.4, spaceBefore=h_sizes[2],
                spaceAfter=h_sizes[2] * 0.4),
        h4=like("h4", parent=heading, fontSize=size, leading=size * 1.4, spaceBefore=size * 0.4,
                spaceAfter=size * 0.3),
        summary=like("summary", fontSize=size * 1.05, leading=size * 1.05 * lead, spaceAfter=size * 0.6),
        takeaway=like("takeaway", leftIndent=size * 1.1, bulletIndent=0, spaceAfter=size * 0.45,
                      bulletFontSize=size * 0.75, bulletFontName=bullet_font(TAKEAWAY_BULLET),
                      bulletColor=accent),
        caption=like("caption", fontSize=size * 0.95, leading=size * 0.95 * 1.4, textColor=primary,
                     spaceBefore=size * 0.6, spaceAfter=size * 0.5, keepWithNext=1),
        source=like("source", fontSize=small, leading=small * 1.45, textColor=muted, spaceBefore=small * 0.4,
                    spaceAfter=size * 1.2),
        cell=like("cell", fontSize=size * 0.9, leading=size * 0.9 * min(lead, 1.5), spaceAfter=0),
        cell_head=like("cell_head", fontSize=size * 0.9, leading=size * 0.9 * 1.35, spaceAfter=0,
                       textColor=HexColor("#" + theme.colors["on_primary"])),
        cell_date=like("cell_date", fontSize=size * 0.9, leading=size * 0.9 * min(lead, 1.5), spaceAfter=0,
                       textColor=primary),
        chart_note=like("chart_note", fontSize=small, leading=small * 1.3, textColor=muted, spaceAfter=0),
        reference=like("reference", fontSize=size * 0.9, leading=size * 0.9 * min(lead, 1.55),
                       leftIndent=size * 2.2, bulletIndent=0, bulletFontName=main, spaceAfter=size * 0.5),
        term=like("term", fontSize=size * 0.95, leading=size * 0.95 * min(lead, 1.55), spaceAfter=size * 0.45),
        toc1=like("toc1", fontSize=size, leading=size * 1.45, textColor=primary, spaceAfter=0),
        toc2=like("toc2", fontSize=size * 0.92, leading=size * 0.92 * 1.45, textColor=text, spaceAfter=0),
        running=like("running", fontSize=foot, leading=foot * 1.3, textColor=muted, spaceAfter=0),
        running_right=like("running_right", fontSize=foot, leading=foot * 1.3, textColor=muted, spaceAfter=0,
                           alignment=TA_RIGHT),
        footnote=like("footnote", fontSize=small, leading=small * min(lead, 1.5), textColor=text,
                      leftIndent=small * 1.9, bulletIndent=0, bulletFontName=fonts.family("latin").name,
                      bulletFontSize=small, spaceAfter=small * 0.35, allowOrphans=1, allowWidows=1),
        editor_note=like("editor_note", fontSize=size * 0.9, leading=size * 0.9 * min(lead, 1.55), textColor=text,
                         spaceBefore=size * 0.2, spaceAfter=size * 1.1),
        quote=like("quote", fontSize=size * 1.3, leading=size * 1.3 * min(lead, 1.5), textColor=primary,
                   leftIndent=size * 1.6, rightIndent=size * 1.6, spaceBefore=size * 0.4, spaceAfter=size * 0.4),
        pull_quote=like("pull_quote", fontSize=size * 1.45, leading=size * 1.45 * min(lead, 1.4),
                        textColor=accent, rightIndent=size * 4, spaceAfter=0),
        sidebar=like("sidebar", fontSize=size * 0.92, leading=size * 0.92 * min(lead, 1.6), spaceAfter=size * 0.5),
        attribution=like("attribution", fontSize=size * 0.9, leading=size * 0.9 * 1.4, textColor=muted,
                         leftIndent=size * 1.6, rightIndent=size * 1.6, alignment=TA_RIGHT,
                         spaceAfter=size * 1.2),
    )
