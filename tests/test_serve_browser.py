"""`duopress serve` in a real browser: headless Chromium opens the page, sees both languages' slides, and
shows an edit of the outline (and a broken outline's banner) without being reloaded."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from serve_support import Session, copy_fixture, wait_for

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "images" / "serve.png"

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Chromium and chromium-driver are not installed (apt-get install chromium "
                                       "chromium-driver); .ci/run installs them")


@pytest.fixture
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    profile = tempfile.mkdtemp(prefix="duopress-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=DRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _loaded(driver, lang: str) -> list[str]:
    """The image URLs of one language's column, once every one of them has been drawn."""
    return driver.execute_script(
        "const imgs = [...document.querySelectorAll(`.cell[data-lang='${arguments[0]}'] img`)];"
        "return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 0) ? imgs.map(i => i.src) : null;",
        lang) or []


def _shown(session: Session, lang: str) -> list[str]:
    """The image URLs the server's current state gives ``lang``'s column of the deck."""
    import json
    import urllib.request

    with urllib.request.urlopen(session.url + "state") as answer:
        state = json.load(answer)
    deck = state["views"][0]
    column = deck["langs"].index(lang)
    return [session.url.rstrip("/") + row[column]["src"] for row in deck["rows"] if row[column]]


def test_the_page_shows_both_languages_and_follows_edits_without_a_reload(tmp_path, browser):
    outline = copy_fixture("minimal.yaml", tmp_path)
    with Session(outline, tmp_path / "output") as session:
        browser.get(session.url)
        korean = wait_for(lambda: _loaded(browser, "ko"))
        english = wait_for(lambda: _loaded(browser, "en"))
        assert len(korean) == len(english) >= 3  # the deck first, slide beside slide
        headings = browser.execute_script("return [...document.querySelectorAll('.langs div')].map(d => d.textContent)")
        assert headings == ["ko", "en"]
        browser.execute_script("window.stillTheSamePage = true; window.scrollTo(0, 300)")
        scrolled = browser.execute_script("return window.scrollY")

        text = outline.read_text(encoding="utf-8")
        builds = session.builds
        outline.write_text(text.replace("en: Adoption}", "en: Adoption at scale}"), encoding="utf-8")
        wait_for(lambda: session.builds > builds)
        # the edited slide came first as a draft (its own page, drawn before the slides PDF), then the PDF
        assert any(d.lang == "en" and d.fmt == "slides" for d in session.drafts)
        changed = wait_for(lambda: (now := _loaded(browser, "en")) and now == _shown(session, "en") and now)
        assert changed != english
        assert browser.execute_script("return window.stillTheSamePage === true")  # updated, not reloaded
        assert scrolled > 0 and browser.execute_script("return window.scrollY") == scrolled  # where the reader was
        assert 1 <= sum(a != b for a, b in zip(english, changed)) < len(english)  # only the pages that changed
        assert _loaded(browser, "ko") == korean  # the Korean deck's bytes did not change

        outline.write_text(text.replace("languages: [ko, en]", "languages: [ko, en"), encoding="utf-8")
        banner = wait_for(lambda: browser.execute_script(
            "const b = document.getElementById('banner'); return b.hidden ? null : b.textContent"))
        assert "[yaml.syntax]" in banner and "talk.yaml:" in banner
        assert _loaded(browser, "en") == changed  # the last good pages stay
        assert browser.execute_script("return window.stillTheSamePage === true")

        outline.write_text(text, encoding="utf-8")
        wait_for(lambda: browser.execute_script("return document.getElementById('banner').hidden"))
        wait_for(lambda: _loaded(browser, "en") == english)


def test_the_switch_shows_briefs_and_handouts(tmp_path, browser):
    outline = copy_fixture("minimal.yaml", tmp_path)
    with Session(outline, tmp_path / "output", formats=("pptx", "pdf", "handout")) as session:
        browser.get(session.url)
        wait_for(lambda: _loaded(browser, "en"))
        views = browser.execute_script(
            "return [...document.querySelectorAll('#views button')].map(b => b.dataset.view)")
        assert views == ["slides", "pdf", "handout"]
        for view in views:
            browser.execute_script(f"document.querySelector(`#views button[data-view='{view}']`).click()")
            wait_for(lambda v=view: browser.execute_script(
                "return document.querySelector('#views button[aria-pressed=true]').dataset.view") == v)
            assert wait_for(lambda: _loaded(browser, "ko")) and wait_for(lambda: _loaded(browser, "en"))
