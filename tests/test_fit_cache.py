"""`duopress check` keeps each deck's fit under the deck's digest: read back the same, laid out again when the
deck would change."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import api

FIXTURES = Path(__file__).parent / "fixtures"


def _laid_out(monkeypatch) -> list[str]:
    """The languages ``fits_of`` lays out (instead of reading them from the cache), call after call."""
    from generator.pipeline import check

    calls: list[str] = []
    original = check.forked_map

    def counting(work, langs):
        calls.extend(langs)
        return original(work, langs)

    monkeypatch.setattr(check, "forked_map", counting)
    return calls


def test_a_second_check_reads_the_same_fit_and_an_edit_lays_out_only_its_deck(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    outline = tmp_path / "outline.yaml"
    shutil.copy(FIXTURES / "design.yaml", outline)
    calls = _laid_out(monkeypatch)
    first = api.deck_fit(outline)
    assert sorted(calls) == ["en", "ko"]
    second = api.deck_fit(outline)
    assert sorted(calls) == ["en", "ko"]  # nothing laid out again
    for lang in first:
        assert list(second[lang]) == list(first[lang])
        assert second[lang].warnings == first[lang].warnings
    text = outline.read_text(encoding="utf-8")
    assert "en: A large number stays on one line." in text  # a speaker note: laid out in its own deck only
    text = text.replace("en: A large number stays on one line.", "en: A large number stays whole.")
    outline.write_text(text, encoding="utf-8")
    api.deck_fit(outline)
    assert sorted(calls) == ["en", "en", "ko"]
    # a title is measured in step: both decks are laid out again (the agenda lists it in both)
    outline.write_text(text.replace('en: "A dense slide:', 'en: "An edited dense slide:'), encoding="utf-8")
    api.deck_fit(outline)
    assert sorted(calls) == ["en", "en", "en", "ko", "ko"]


def test_a_damaged_entry_is_laid_out_again(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    outline = tmp_path / "outline.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", outline)
    calls = _laid_out(monkeypatch)
    first = api.deck_fit(outline, langs=["en"])
    for entry in (tmp_path / "cache").glob("fit-*.json"):
        entry.write_text("{", encoding="utf-8")
    again = api.deck_fit(outline, langs=["en"])
    assert calls == ["en", "en"] and list(again["en"]) == list(first["en"])


def test_a_line_added_above_an_item_is_reported_at_its_new_line(tmp_path, monkeypatch):
    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path / "cache"))
    outline = tmp_path / "outline.yaml"
    shutil.copy(FIXTURES / "minimal.yaml", outline)
    first = api.deck_fit(outline, langs=["en"])
    text = outline.read_text(encoding="utf-8")
    head, rest = text.split("sections:", 1)
    outline.write_text(head + "# a comment\nsections:" + rest, encoding="utf-8")
    moved = api.deck_fit(outline, langs=["en"])
    lines = [(a.where.line, b.where.line) for a, b in zip(first["en"], moved["en"]) if a.where is not None]
    assert lines and all(after == before + 1 for before, after in lines)


def test_the_cache_keeps_only_the_newest_entries_of_a_kind(tmp_path, monkeypatch):
    """Every edit stores a fit under a new digest: beyond KEEP entries the oldest are removed."""
    import os

    from generator.style import cache

    monkeypatch.setenv("DUOPRESS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "KEEP", 3)
    (tmp_path / "font-a.plain").write_bytes(b"x")  # another kind: never pruned with the fits
    for i in range(6):
        cache.store(f"fit-{i}.json", b"{}")
        os.utime(tmp_path / f"fit-{i}.json", ns=(i * 10**9, i * 10**9))  # written one after another
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fit-3.json", "fit-4.json", "fit-5.json",
                                                          "font-a.plain", "seal.key"]
