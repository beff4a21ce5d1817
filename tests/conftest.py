"""Shared fixtures: the essay built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"


@pytest.fixture(scope="session", autouse=True)
def font_cache(tmp_path_factory):
    """The parsed fonts are cached in a folder of this session's, not the user's cache (commands the tests
    start inherit it too)."""
    folder = tmp_path_factory.mktemp("font-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DUOPRESS_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def essay_out(tmp_path_factory) -> Path:
    """The four artifacts of outline.yaml, built through the command line."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("essay")
    assert main(["build", str(ESSAY), "--out", str(out), "--quiet"]) == 0
    return out


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite tests/goldens/ from what duopress builds now (review the diff, then commit it)")
