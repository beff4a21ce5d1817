"""`duopress serve` without a browser: page fingerprints, alignment, problem links, the server's safety,
the events, and a clean stop with the usual exit code."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from serve_support import Session, copy_fixture, wait_for

from generator.api import build
from generator.live.pages import Bookmark, page_prints
from generator.live.places import aligned, page_of, page_places
from generator.render.registry import RENDERERS

ROOT = Path(__file__).resolve().parent.parent
LIVE = ROOT / "generator" / "live"


def test_every_renderer_declares_a_pdf_that_shows_itself():
    for renderer in RENDERERS.values():
        assert renderer.pages is None or RENDERERS[renderer.pages].pages == renderer.pages


@pytest.mark.parametrize("module", ["preview.py", "serve.py", "gallery.py", "places.py", "pages.py", "server.py"])
def test_preview_and_serve_name_no_format(module):
    source = (LIVE / module).read_text(encoding="utf-8")
    source = source.replace('"--convert-to", "pdf"', "")  # LibreOffice's export filter, not a duopress format
    assert not re.search(r"""["'](pptx|pdf|slides|handout)["']""", source)


def test_a_page_fingerprint_changes_only_where_the_page_changed(tmp_path):
    outline = copy_fixture("minimal.yaml", tmp_path)
    out = tmp_path / "output"
    build(outline, out=out, formats="slides", langs="en")
    before = page_prints((out / "talk.en.slides.pdf").read_bytes())
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace("en: Adoption}", "en: Adopted}"), encoding="utf-8")  # letters it has
    build(outline, out=out, formats="slides", langs="en")
    after = page_prints((out / "talk.en.slides.pdf").read_bytes())
    changed = [n for n, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(set(before)) == len(before)
    assert 1 <= len(changed) <= 2, changed  # the item's slide (and the agenda, which lists it)


def test_a_pdf_the_reader_cannot_follow_is_drawn_again_whole(tmp_path, monkeypatch):
    """A PDF pikepdf cannot open gets prints of the whole file: every page drawn again, none kept stale."""
    import pikepdf

    outline = copy_fixture("minimal.yaml", tmp_path)
    build(outline, out=tmp_path, formats="pdf", langs="en")
    data = (tmp_path / "talk.en.pdf").read_bytes()
    good = page_prints(data)

    def refuse(*args, **kwargs):
        raise pikepdf.PdfError("unreadable")

    monkeypatch.setattr(pikepdf, "open", refuse)
    prints = page_prints(data)
    assert len(prints) == len(good) and len(set(prints)) == len(prints)
    assert not set(prints) & set(good)


def _marks(*entries: tuple[int, str, int]) -> list[Bookmark]:
    return [Bookmark(level, title, page) for level, title, page in entries]


def test_pages_line_up_by_the_item_they_start_from_not_by_number():
    korean = _marks((0, "제목", 0), (0, "서론", 1), (1, "확산", 2), (1, "확산 (계속)", 3), (1, "전망", 4))
    english = _marks((0, "Title", 0), (0, "Introduction", 1), (1, "Adoption", 2), (1, "Outlook", 3))
    rows = aligned({"ko": page_places(korean, 5), "en": page_places(english, 4)})
    assert rows == [[0, 0], [1, 1], [2, 2], [3, None], [4, 3]]


@given(st.lists(st.tuples(st.integers(0, 1), st.sampled_from(["A", "B", "A (cont.)", "C"])), max_size=12),
       st.integers(0, 3))
def test_every_page_appears_once_in_its_column(entries, extra):
    marks = _marks(*((level, title, n) for n, (level, title) in enumerate(entries)))
    count = len(entries) + extra
    rows = aligned({"ko": page_places(marks, count), "en": page_places(marks[: len(marks) // 2], count)})
    for column in (0, 1):
        assert [row[column] for row in rows if row[column] is not None] == list(range(count))


def test_a_problem_links_to_the_first_page_of_its_item_under_its_section():
    marks = _marks((0, "Agenda", 1), (0, "1. Introduction", 2), (1, "1.1 Adoption", 2), (1, "1.2 Use", 3),
                   (0, "2. Outlook", 4), (1, "2.1 Adoption", 5))
    assert page_of(marks, "Outlook", "Adoption") == 5
    assert page_of(marks, "Introduction", "Use") == 3
    assert page_of(marks, "Introduction", "") == 2
    assert page_of(marks, "Introduction", "Missing") is None  # not shown in this artifact


def _get(url: str, path: str, host: str | None = None) -> tuple[int, bytes, dict]:
    address = url.split("//")[1].rstrip("/")
    connection = http.client.HTTPConnection(address, timeout=10)
    connection.putrequest("GET", path, skip_host=host is not None, skip_accept_encoding=True)
    if host is not None:
        connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body, dict(response.getheaders())


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    with Session(copy_fixture("minimal.yaml", folder), folder / "output") as running:
        yield running


def test_it_listens_on_loopback_only(session):
    assert session.url.startswith("http://127.0.0.1:")


def test_it_serves_its_page_and_the_current_pages_only(session):
    status, body, headers = _get(session.url, "/state")
    state = json.loads(body)
    assert status == 200 and [v["name"] for v in state["views"]] == ["slides", "pdf"]
    assert state["views"][0]["langs"] == ["ko", "en"]
    first = state["views"][0]["rows"][0][0]["src"]
    status, png, headers = _get(session.url, first)
    assert status == 200 and png.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    assert _get(session.url, "/page/" + "0" * 40 + ".png")[0] == 404  # not a page of this build


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/page/../../etc/passwd", "/page/..%2f..%2fetc%2fpasswd",
    "/serve.js/../../cli.py", "/serve.py", "/generator/live/serve.html", "/output/talk.en.pdf", "/talk.yaml",
    "//etc/passwd", "/page/%00.png", "/state/../talk.yaml", "/\\..\\..\\etc\\passwd"])
def test_no_path_reaches_a_file(session, path):
    status, body, _ = _get(session.url, path)
    assert status in (400, 404) and b"root:" not in body and b"duopress" not in body


def test_a_request_for_another_host_is_refused(session):
    assert _get(session.url, "/state", host="attacker.example:80")[0] == 403


def test_the_page_needs_nothing_from_elsewhere(session):
    for path in ("/", "/serve.js", "/serve.css"):
        status, body, headers = _get(session.url, path)
        assert status == 200 and "default-src 'none'" in headers["Content-Security-Policy"]
        assert not re.search(rb"https?://|//[a-z]", body.replace(b"http://127.0.0.1", b""))


def test_an_event_follows_a_save(session):
    address = session.url.split("//")[1].rstrip("/")
    stream = socket.create_connection(tuple(address.split(":")), timeout=30)  # type: ignore[arg-type]
    stream.sendall(f"GET /events HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
    reader = stream.makefile("rb")
    first = _next_version(reader)
    text = session.outline.read_text(encoding="utf-8")
    session.outline.write_text(text.replace("en: Adoption}", "en: Adoption, again}"), encoding="utf-8")
    assert _next_version(reader) > first
    stream.close()


def _next_version(reader) -> int:
    for line in reader:
        if line.startswith(b"id: "):
            return int(line[4:])
    raise AssertionError("the stream ended")


def test_ctrl_c_stops_it_with_exit_code_130_and_frees_the_port(tmp_path):
    outline = copy_fixture("minimal.yaml", tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", str(outline), "--port", str(port),
                                "--format", "pdf", "--lang", "en", "--out", str(tmp_path / "out")],
                               cwd=tmp_path, stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"})
    lines: list[str] = []
    assert process.stderr is not None
    wait_for(lambda: lines.append(process.stderr.readline()) or "watching" in lines[-1], timeout=120)
    assert f"serving http://127.0.0.1:{port}/" in "".join(lines)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    process.stderr.close()
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # released


def test_a_port_in_use_is_a_usage_error(tmp_path, capsys):
    from generator.cli import main

    outline = copy_fixture("minimal.yaml", tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        started = time.monotonic()
        assert main(["serve", str(outline), "--port", str(taken.getsockname()[1])]) == 2
    assert "choose another --port" in capsys.readouterr().err and time.monotonic() - started < 30


def test_a_problem_is_listed_located_and_linked_to_its_items_pages(tmp_path):
    outline = copy_fixture("minimal.yaml", tmp_path)
    text = outline.read_text(encoding="utf-8")
    outline.write_text(text.replace('en: "Partnerships of {fact:telcos}"', 'en: "40 partnerships of {fact:telcos}"'),
                       encoding="utf-8")
    with Session(outline, tmp_path / "output") as session:
        state = wait_for(lambda: (s := json.loads(_get(session.url, "/state")[1]))["problems"] and s)
    [problem] = [p for p in state["problems"] if "[parity.numbers]" in p["text"]]
    assert re.match(r".*talk\.yaml:\d+:\d+: warning: sections\[0\]\.items\[0\]\.points\[1\]\.en: ", problem["text"])
    places = {(link["view"], link["lang"]) for link in problem["links"]}
    assert places == {("slides", "ko"), ("slides", "en"), ("pdf", "ko"), ("pdf", "en")}
    deck = next(v for v in state["views"] if v["name"] == "slides")
    slide = next(link["page"] for link in problem["links"] if link["view"] == "slides" and link["lang"] == "en")
    assert 0 < slide < sum(1 for row in deck["rows"] if row[1])  # an item's slide, not the title slide


@pytest.mark.parametrize("command", ["serve", "preview"])
def test_an_unknown_format_is_a_usage_error_naming_the_choices(tmp_path, capsys, command):
    from generator.cli import main

    outline = copy_fixture("minimal.yaml", tmp_path)
    assert main([command, str(outline), "--format", "pptx,xyz", "--out", str(tmp_path / "out")]) == 2
    assert "unknown format 'xyz'; choose from pptx, pdf, slides, handout" in capsys.readouterr().err


def test_open_opens_the_page_once_after_the_first_build(tmp_path, monkeypatch):
    import generator.live.serve as serve_module
    from generator.pipeline.request import BuildResult

    opened: list[str] = []
    monkeypatch.setattr(serve_module, "_open", opened.append)
    outline = copy_fixture("minimal.yaml", tmp_path)
    live = serve_module.LivePreview(outline, lambda show, draft: (BuildResult(outline), []), theme=None, port=0,
                                    open_browser=True)
    try:
        live.rebuild()
        live.rebuild()
    finally:
        live.close()
    assert opened == [live.server.url]
