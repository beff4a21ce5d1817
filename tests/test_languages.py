"""A third language needs no code change: declare it, write its texts, and (optionally) its labels."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from a11y import pdf_lang

from generator.api import build

TRILINGUAL = Path(__file__).parent / "fixtures" / "trilingual.yaml"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tri")
    return build(TRILINGUAL, out=out)


def test_every_declared_language_gets_a_deck_and_a_brief(built):
    names = sorted(p.name for p in built.written)
    assert names == [f"trilingual.{lang}.{fmt}" for lang in ("de", "en", "ko") for fmt in ("pdf", "pptx")]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_the_third_language_is_formatted_by_its_own_locale(built):
    pdf = next(p for p in built.written if p.name == "trilingual.de.pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "1. Dezember 2024" in text  # babel's German date
    assert "etwa 2,4 Billionen KRW" in text  # CLDR: the currency after it
    assert "Abbildung 1" in text and "Das Wichtigste" in text
    assert pdf_lang(pdf) == "de-DE"
