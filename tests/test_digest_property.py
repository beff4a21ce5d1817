"""An artifact's digest covers everything it shows: for random edits of an outline, an artifact whose digest
is unchanged renders to the same bytes. (A renderer that starts showing something its ``shows_item``
drops would make a rebuild say "unchanged" over an out-of-date file; this test finds it.)

    DUOPRESS_PROPERTY_EXAMPLES=200 python3 -m pytest -q tests/test_digest_property.py
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.api import load_and_check
from generator.localize.localizer import localize
from generator.pipeline.fingerprint import artifact_digest
from generator.render.registry import RENDERERS
from generator.render.renderer import RenderOptions
from generator.style.theme_file import load_theme

MINIMAL = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
THEME = load_theme()
CLOCK = dt.datetime(2024, 12, 1, tzinfo=dt.UTC)
EXAMPLES = int(os.environ.get("DUOPRESS_PROPERTY_EXAMPLES", "8"))
TEXT = re.compile(r'\b(ko|en): ("[^"\n]*"|[^,}\n"]+)')  # every text of one language in the fixture
SAFE = "abcdeXYZ 가나다라마."  # drawn by the fonts, plain to the inline syntax, no numerals (parity)


def _artifacts(path: Path, options: RenderOptions) -> dict[tuple[str, str], tuple[str, object]]:
    """(lang, format) → (digest, the model to render it from); empty when the outline has errors."""
    model, problems = load_and_check(path, THEME)
    if model is None or any(p.is_error for p in problems):
        return {}
    found = {}
    memo: dict = {}  # as a plan shares it between the artifacts: the same digests as without
    for lang in model.languages:
        for name, renderer in RENDERERS.items():
            digest = artifact_digest(model, lang, renderer, options, "environment")
            assert artifact_digest(model, lang, renderer, options, "environment", memo) == digest
            found[lang, name] = (digest, model)
    return found


def _render(model, lang: str, name: str, options: RenderOptions) -> bytes:
    document = localize(model, lang, CLOCK, "duopress test", "outline")
    return RENDERERS[name].render(document, THEME, options)[0]


def _assert_property(work: Path, edited: str, options: RenderOptions) -> int:
    """Check every artifact of ``edited`` against the fixture; the number of artifacts compared byte-wise."""
    (work / "before.yaml").write_text(MINIMAL, encoding="utf-8")
    (work / "after.yaml").write_text(edited, encoding="utf-8")
    before, after = _artifacts(work / "before.yaml", options), _artifacts(work / "after.yaml", options)
    compared = 0
    for (lang, name), (digest, model) in after.items():
        if digest == before[lang, name][0]:
            old = _render(before[lang, name][1], lang, name, options)
            assert _render(model, lang, name, options) == old, f"{lang} {name} changed under an unchanged digest"
            compared += 1
    return compared


@st.composite
def edits(draw):
    """The fixture with one to three of its texts rewritten, or a point's `key` switched off."""
    text = MINIMAL
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()) and "key: true" in text:
            text = text.replace("key: true", "key: false", 1)
            continue
        spots = list(TEXT.finditer(text))
        spot = spots[draw(st.integers(0, len(spots) - 1))]
        new = draw(st.text(alphabet=SAFE, min_size=1, max_size=30).map(str.strip).filter(bool))
        text = text[: spot.start(2)] + f'"{new}"' + text[spot.end(2):]
    return text


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DUOPRESS_PROPERTY_EXAMPLES"),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edited=edits(), notes=st.sampled_from(["own", "both"]))
def test_an_unchanged_digest_means_unchanged_bytes(tmp_path_factory, edited, notes):
    work = tmp_path_factory.mktemp("digest")
    assume(_artifacts_load(edited, work))  # an edit that breaks the outline (parity, say) builds nothing
    _assert_property(work, edited, RenderOptions(notes=notes))


def _artifacts_load(text: str, work: Path) -> bool:
    (work / "probe.yaml").write_text(text, encoding="utf-8")
    return bool(_artifacts(work / "probe.yaml", RenderOptions()))


SPOTS = [match.start(2) for match in TEXT.finditer(MINIMAL)]


@pytest.mark.parametrize("start", SPOTS)
def test_each_text_alone(tmp_path, start):
    """Every text of the fixture, edited alone: the sweep the random edits may miss."""
    value = TEXT.search(MINIMAL, start - 4).group(2).strip('"')
    end = TEXT.search(MINIMAL, start - 4).end(2)
    edited = MINIMAL[:start] + f'"가나 xyz {value}"' + MINIMAL[end:]  # its facts kept: parity holds
    # the other language's brief, at least (its deck is laid out in step with this language's items)
    assert _assert_property(tmp_path, edited, RenderOptions(notes="own")) >= 1

def test_the_edits_reach_both_outcomes(tmp_path):
    """The property is not vacuous: a note edit leaves the brief's digest alone and changes the deck's."""
    notes = MINIMAL.replace("Speaker notes.", "Other notes.")
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(notes, encoding="utf-8")
    options = RenderOptions()
    a, b = _artifacts(tmp_path / "a.yaml", options), _artifacts(tmp_path / "b.yaml", options)
    assert a["en", "pdf"][0] == b["en", "pdf"][0] and a["ko", "pptx"][0] == b["ko", "pptx"][0]
    assert a["en", "pptx"][0] != b["en", "pptx"][0]
