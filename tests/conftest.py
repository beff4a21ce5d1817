"""Shared fixtures: the essay built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "outline.yaml"


@pytest.fixture(scope="session")
def essay_out(tmp_path_factory) -> Path:
    """The four artifacts of outline.yaml, built through the command line."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("essay")
    assert main(["build", str(ESSAY), "--out", str(out), "--quiet"]) == 0
    return out
