"""Hostile input at the command line: a usage error, a located error or a documented normalisation,
never an internal error (exit 3), and an output folder left as it was when the build is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import EXIT_OK, EXIT_USAGE, main

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
PREVIOUS = b"previous artifact"


@pytest.fixture
def out(tmp_path) -> Path:
    """An output folder holding an earlier artifact, which a refused build must not touch."""
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "outline.ko.pdf").write_bytes(PREVIOUS)
    return folder


def untouched(out: Path) -> bool:
    """Nothing written, not even the lock or the manifest."""
    return [p.name for p in out.iterdir()] == ["outline.ko.pdf"] and (out / "outline.ko.pdf").read_bytes() == PREVIOUS


@pytest.mark.parametrize("value", ["notanumber", "1e3", "99999999999999999", "-5", "0", "4354819200", "9" * 5000])
def test_an_unusable_source_date_epoch_is_a_usage_error_before_any_work(value, out, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert main(["build", str(MINIMAL), "--out", str(out)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("duopress: error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, from "
                          "315532800 (1980-01-01) to 4354819199 (2107-12-31), the years a zip entry can carry; "
                          f"got '{value[:40]}'"), err
    assert untouched(out)


@pytest.mark.parametrize("command", ["check", "review"])
def test_every_command_that_reads_the_clock_refuses_it_too(command, out, monkeypatch, capsys):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    argv = [command, str(MINIMAL)] + (["--out", str(out)] if command == "review" else [])
    assert main(argv) == EXIT_USAGE
    assert "SOURCE_DATE_EPOCH must be" in capsys.readouterr().err
    assert untouched(out)


def test_an_empty_source_date_epoch_means_unset(out, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    assert main(["build", str(MINIMAL), "--out", str(out), "--lang", "en", "--format", "pdf", "-q"]) == EXIT_OK
    assert b"D:20241201000000" in (out / "minimal.en.pdf").read_bytes()  # meta.date, midnight UTC
