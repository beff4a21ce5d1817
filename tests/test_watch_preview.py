"""`duopress watch` rebuilds on save and survives a broken outline; `duopress preview` draws every page."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from generator.api import build
from generator.live.preview import contact_sheet, preview, soffice
from generator.live.watch import watch

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"


def test_watch_rebuilds_after_a_save_and_keeps_going_after_a_broken_one(tmp_path):
    outline = tmp_path / "talk.yaml"
    shutil.copy(MINIMAL, outline)
    out = tmp_path / "output"
    log: list[str] = []
    builds: list[object] = []
    stop = threading.Event()

    def run_build():
        builds.append(build(outline, out=out, formats="pdf", langs="en"))

    prepared: list[int] = []

    def prepare():  # a failing warm-up costs the rebuilds their head start, nothing more
        prepared.append(len(builds))
        raise RuntimeError("simulated warm-up failure")

    class Log:
        def write(self, text):
            log.append(text)

        def flush(self):
            pass

    thread = threading.Thread(target=watch, args=(outline, run_build),
                              kwargs={"out": out, "stop_event": stop, "stream": Log(), "prepare": prepare}, daemon=True)
    thread.start()
    _wait(lambda: len(builds) == 1 and any("watching" in line for line in log))
    good = (out / "talk.en.pdf").read_bytes()

    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("Part one", "Part one revised"), encoding="utf-8")
    _wait(lambda: len(builds) == 2)
    assert builds[1].written == [out / "talk.en.pdf"]
    revised = (out / "talk.en.pdf").read_bytes()
    assert revised != good

    outline.write_text(text.replace("languages: [ko, en]", "languages: [ko, en"), encoding="utf-8")
    _wait(lambda: any("last good artifacts are kept" in line for line in log))
    assert any("[yaml.syntax]" in line for line in log)
    assert (out / "talk.en.pdf").read_bytes() == revised

    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert any("stopped watching" in line for line in log)
    assert prepared == [1]  # once, right after the first build


def test_preload_imports_the_renderers_a_watch_session_will_fork_from():
    import subprocess
    import sys

    code = ("import sys; from generator.api import preload; preload('pdf'); "
            "print(*(m in sys.modules for m in ('generator.render.pdf.renderer', 'pptx', 'babel')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.stdout.split() == ["True", "False", "True"], run.stderr


def _wait(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_preview_draws_every_page_and_a_contact_sheet(tmp_path):
    result = build(MINIMAL, out=tmp_path, langs="ko")
    shown = preview(result.written, tmp_path)
    pdf_pages = sorted((tmp_path / "preview").glob("minimal.ko.pdf.0*.png"))
    assert len(pdf_pages) >= 1
    assert (tmp_path / "preview" / "minimal.ko.pdf.sheet.png").is_file()
    if soffice():
        assert (tmp_path / "preview" / "minimal.ko.pptx.sheet.png").is_file()
    else:
        assert shown.skipped and "LibreOffice" in shown.skipped[0][1]


def test_contact_sheet_lays_pages_out_in_a_grid():
    from PIL import Image

    pages = [Image.new("RGB", (100, 60), (255, 255, 255)) for _ in range(7)]
    sheet = contact_sheet(pages, columns=3)
    assert sheet.size == (12 + 3 * 112, 12 + 3 * 72)


def test_preview_without_libreoffice_says_so(tmp_path, monkeypatch):
    import generator.live.preview as preview_module

    monkeypatch.setattr(preview_module, "soffice", lambda: None)
    result = build(MINIMAL, out=tmp_path, langs="en", formats="pptx")
    shown = preview(result.written, tmp_path)
    assert shown.written == []
    assert "libreoffice-impress" in shown.skipped[0][1]


def test_preview_without_fonts_hides_the_bundled_families_and_names_substitutes(tmp_path):
    from generator.live.preview import SUBSTITUTES, libreoffice_env

    env = libreoffice_env(tmp_path, hide_fonts=True)
    config = Path(env["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    assert "<rejectfont>" in config and "assets/fonts" not in config
    for family, substitutes in SUBSTITUTES.items():
        assert f"<string>{family}</string>" in config and f"<family>{substitutes[0]}</family>" in config
    visible = Path(libreoffice_env(tmp_path)["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    assert "<rejectfont>" not in visible and "fonts</dir>" in visible


def test_the_preview_command_takes_without_fonts(tmp_path, monkeypatch):
    import generator.live.preview as preview_module
    from generator.cli import main

    seen = {}

    def fake_preview(artifacts, out_dir, hide_fonts=False):
        seen["hide_fonts"] = hide_fonts
        return preview_module.PreviewResult()

    monkeypatch.setattr(preview_module, "preview", fake_preview)
    outline = tmp_path / "outline.yaml"
    outline.write_text((ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["preview", str(outline), "--format", "pdf", "--lang", "en", "--out", str(tmp_path / "o"), "-q",
                 "--without-fonts"]) == 0
    assert seen == {"hide_fonts": True}
