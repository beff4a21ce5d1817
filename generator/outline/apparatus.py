"""The publication's apparatus under ``meta``: authors, publisher, identifiers and notices, each checked.

Identifiers are checked as their registries define them (ISSN and ISBN-10 mod 11, ISBN-13 mod 10, ORCID
ISO 7064 MOD 11-2, DOI's ``10.`` prefix): a mistyped digit is caught before it is printed on a cover.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from . import fields as f
from .model import Apparatus, Author, Identifiers, Publisher, Text
from .yamlnodes import Node, Scalar

KEYS = ("authors", "publisher", "identifiers", "preface", "disclaimer", "acknowledgements", "licence", "contact")
ISSN = re.compile(r"(\d{4})-?(\d{3}[\dXx])")
ORCID = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dXx])")
DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)", re.IGNORECASE)
EMAIL = re.compile(r"[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[A-Za-z]{2,}")


def apparatus(ctx: f.Context, m: f.Fields) -> Apparatus:
    """The apparatus keys of ``meta`` (``m``), each optional."""
    return Apparatus(
        authors=authors(ctx, m.get("authors")),
        publisher=publisher(ctx, m.get("publisher")),
        identifiers=identifiers(ctx, m.get("identifiers")),
        preface=f.text_list(ctx, m.get("preface"), "meta.preface"),
        disclaimer=m.text("disclaimer"), acknowledgements=m.text("acknowledgements"),
        licence=m.text("licence"), contact=m.text("contact"),
    )


def name(ctx: f.Context, node: Node | None, path: str) -> Text | None:
    """A name: a text per language, or one string printed the same in every language."""
    if not isinstance(node, Scalar):
        return f.text(ctx, node, path)
    value = f.string(ctx, node, path)
    if value is None:
        return None
    langs = ctx.languages
    by_lang, spans = dict.fromkeys(langs, value.strip()), dict.fromkeys(langs, node.span)
    return Text(MappingProxyType(by_lang), MappingProxyType(spans), path, node.span)


def authors(ctx: f.Context, node: Node | None) -> tuple[Author, ...]:
    out = []
    for index, child in f.sequence(ctx, node, "meta.authors"):
        path = f"meta.authors[{index}]"
        a = f.Fields(ctx, child, path, required=("name",),
                     optional=("family", "affiliation", "bio", "orcid", "email"))
        if not a.ok:
            continue
        assert child is not None
        author_name = name(ctx, a.get("name"), f"{path}.name")
        family = name(ctx, a.get("family"), f"{path}.family") if a.get("family") is not None else None
        _family_in_name(ctx, author_name, family, f"{path}.family")
        orcid = _checked(ctx, a.get("orcid"), f"{path}.orcid", orcid_problem, "meta.orcid")
        email = _checked(ctx, a.get("email"), f"{path}.email", email_problem, "meta.email")
        if author_name is not None:
            out.append(Author(author_name, child.span, family, a.text("affiliation"), a.text("bio"),
                              orcid and ORCID.fullmatch(orcid).group(1).upper(), email))  # type: ignore[union-attr]
    return tuple(out)


def _family_in_name(ctx: f.Context, full: Text | None, family: Text | None, path: str) -> None:
    """A family name the name does not contain would cite someone else."""
    if full is None or family is None:
        return
    for lang, value in family.by_lang.items():
        if value not in full[lang]:
            ctx.error(family.spans[lang], "meta.family", f"'{value}' is not part of the name '{full[lang]}'",
                      f"{path}.{lang}")


def publisher(ctx: f.Context, node: Node | None) -> Publisher | None:
    if node is None:
        return None
    p = f.Fields(ctx, node, "meta.publisher", required=("name",), optional=("place", "address", "url"))
    if not p.ok:
        return None
    assert node is not None
    publisher_name = name(ctx, p.get("name"), "meta.publisher.name")
    url = f.url(ctx, p.get("url"), "meta.publisher.url") if p.get("url") is not None else None
    if publisher_name is None:
        return None
    return Publisher(publisher_name, node.span, p.text("place"), p.text("address"), url)


def identifiers(ctx: f.Context, node: Node | None) -> Identifiers:
    if node is None:
        return Identifiers()
    i = f.Fields(ctx, node, "meta.identifiers", optional=("issn", "isbn", "doi", "report_number"))
    if not i.ok:
        return Identifiers()
    issn = _checked(ctx, i.get("issn"), "meta.identifiers.issn", issn_problem, "meta.issn")
    isbn = _checked(ctx, i.get("isbn"), "meta.identifiers.isbn", isbn_problem, "meta.isbn")
    doi = _checked(ctx, i.get("doi"), "meta.identifiers.doi", doi_problem, "meta.doi")
    report = f.string(ctx, i.get("report_number"), "meta.identifiers.report_number")
    return Identifiers(issn=issn and canonical_issn(issn), isbn=isbn,
                       doi=doi and DOI.fullmatch(doi).group(1),  # type: ignore[union-attr]
                       report_number=report.strip() if report else None)


def _checked(ctx: f.Context, node: Node | None, path: str, problem, code: str) -> str | None:
    """The string at ``node`` if ``problem`` finds nothing wrong with it; else a located error."""
    value = f.string(ctx, node, path)
    if value is None:
        return None
    value = value.strip()
    why = problem(value)
    if why:
        assert node is not None  # string() reads a value only from a node
        ctx.error(node.span, code, why, path)
        return None
    return value


# -- check digits (each returns why the value is wrong, or None) ------------------------------------------


def issn_problem(value: str) -> str | None:
    match = ISSN.fullmatch(value)
    if not match:
        return f"'{f.shown(value)}' is not an ISSN: four digits, a hyphen, three digits and a check digit (0-9 or X)"
    digits = (match.group(1) + match.group(2)).upper()
    expected = _mod11_check(digits[:7], weights=range(8, 1, -1))
    if digits[7] != expected:
        return f"ISSN {value}: the check digit should be {expected}, not {digits[7]}; is a digit mistyped?"
    return None


def canonical_issn(value: str) -> str:
    match = ISSN.fullmatch(value)
    assert match is not None
    return f"{match.group(1)}-{match.group(2).upper()}"


def isbn_problem(value: str) -> str | None:
    digits = re.sub(r"[- ]", "", value).upper()
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
        expected = str((10 - total % 10) % 10)
    elif re.fullmatch(r"\d{9}[\dX]", digits):
        expected = _mod11_check(digits[:9], weights=range(10, 1, -1))
    else:
        return (f"'{f.shown(value)}' is not an ISBN: 13 digits starting 978 or 979, or 10 digits (the last may "
                "be X), with hyphens or spaces between groups")
    if digits[-1] != expected:
        return f"ISBN {value}: the check digit should be {expected}, not {digits[-1]}; is a digit mistyped?"
    return None


def orcid_problem(value: str) -> str | None:
    match = ORCID.fullmatch(value)
    if not match:
        return f"'{f.shown(value)}' is not an ORCID iD: four groups of four digits, e.g. 0000-0002-1825-0097"
    digits = match.group(1).replace("-", "").upper()
    total = 0
    for d in digits[:15]:
        total = (total + int(d)) * 2
    remainder = (12 - total % 11) % 11
    expected = "X" if remainder == 10 else str(remainder)
    if digits[15] != expected:
        return f"ORCID iD {value}: the check digit should be {expected}, not {digits[15]}; is a digit mistyped?"
    return None


def doi_problem(value: str) -> str | None:
    if DOI.fullmatch(value):
        return None
    return (f"'{f.shown(value)}' is not a DOI: '10.', a registrant code of four to nine digits, '/' and a suffix "
            "(10.1234/abc), optionally after https://doi.org/")


def email_problem(value: str) -> str | None:
    return None if EMAIL.fullmatch(value) else f"'{f.shown(value)}' is not an e-mail address (name@example.org)"


def _mod11_check(digits: str, weights) -> str:
    """ISSN's and ISBN-10's check character: the weighted sum's complement mod 11 (10 is written X)."""
    remainder = (11 - sum(int(d) * w for d, w in zip(digits, weights)) % 11) % 11
    return "X" if remainder == 10 else str(remainder)

