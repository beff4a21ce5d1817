"""``duopress serve``: build, then show every slide and page in the browser, languages side by side, and
rebuild and update the page on every save (``watch``'s machinery, a ``Gallery``, a ``PreviewServer``).

The pages are the PDFs duopress draws (each renderer names the PDF that shows its artifact's pages), so
no office suite is needed. A broken outline keeps the last good pages under a banner of its errors.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import DuopressError, Problem
from ..pipeline.interrupt import SIGNALS, Interrupted
from ..pipeline.request import ArtifactResult, BuildResult, Draft
from .gallery import Gallery, Source
from .places import SECTION_PATH, declared_languages, read_documents
from .preview import page_source
from .server import PreviewServer
from .watch import watch

Show = Callable[[ArtifactResult], None]
ShowDraft = Callable[[Draft], None]
Build = Callable[[Show, ShowDraft], tuple[BuildResult, list[Problem]]]
"""A build that reports each artifact as it is written and each page drawn ahead of its artifact, and
returns the problems as the command shows them."""


def serve(outline: Path, build: Build, *, port: int = 8000, open_browser: bool = False,
          theme: Path | None = None, template: Path | None = None, out: Path | str = "output",
          prepare: Callable[[], object] | None = None, stream=sys.stderr, stop_event=None,
          ready: Callable[[str], object] | None = None) -> None:
    """Serve until Ctrl-C (``Interrupted``, as every command stops) or ``stop_event`` (tests)."""
    live = LivePreview(outline, build, theme=theme, port=port, open_browser=open_browser)
    print(f"duopress: serving {live.server.url} (Ctrl-C to stop)", file=stream)
    if ready is not None:
        ready(live.server.url)
    caught: list[int] = []
    try:
        with _remembered(caught):
            watch(outline, live.rebuild, theme=theme, template=template, out=out, prepare=prepare,
                  stop_event=stop_event, stream=stream)
    finally:
        live.close()
    if caught:  # watchfiles ends its loop quietly on a signal: stop as every command does
        raise Interrupted(caught[0])


class LivePreview:
    """One session: the gallery, the server that shows it, and the build that feeds it."""

    def __init__(self, outline: Path, build: Build, *, theme: Path | None, port: int, open_browser: bool):
        from ..render.registry import RENDERERS

        self.outline, self.build, self.theme = outline, build, theme
        self.gallery = Gallery()
        self.server = PreviewServer(self.gallery, port)
        threading.Thread(target=self.server.serve_forever, name="duopress-serve", daemon=True).start()
        self.views = list(dict.fromkeys(r.pages for r in RENDERERS.values() if r.pages))
        self.langs: list[str] = []
        self.unopened = open_browser

    def show(self, artifact: ArtifactResult) -> None:
        """An artifact's pages as soon as it is written: a fast one does not wait for a slow one."""
        if artifact.lang not in self.langs:
            self.langs = list(declared_languages(self.outline)) or [*self.langs, artifact.lang]
            self.gallery.arrange(self.views, self.langs)
        self.gallery.show(sources([artifact]))

    def draft(self, draft: Draft) -> None:
        """A page drawn ahead of its PDF (the slide an edit changed), shown until the PDF is written."""
        from ..render.registry import RENDERERS

        if RENDERERS[draft.fmt].pages == draft.fmt:  # a page of a PDF the page shows, not of a deck
            self.gallery.draft(draft.fmt, draft.lang, draft.page.page, draft.page.pages, draft.page.pdf)

    def rebuild(self) -> None:
        """One build (``watch`` calls it); a broken outline sets the banner and keeps the pages."""
        self.gallery.begin()
        try:
            result, problems = self.build(self.show, self.draft)
        except DuopressError as exc:
            self.gallery.broken(exc.problems)
            raise  # watch prints the problems and keeps the last good artifacts
        finally:
            self.gallery.settle()  # a draft whose PDF was not written gives way to the last good page
            if self.unopened:  # after the first build, so the page has something to show
                self.unopened = False
                _open(self.server.url)
        wanted = any(SECTION_PATH.match(p.path) for p in problems)
        self.gallery.locate(problems, read_documents(self.outline, self.theme) if wanted else {})

    def close(self) -> None:
        self.server.stopping = True
        self.gallery.close()
        self.server.shutdown()
        self.server.server_close()


def formats_shown(formats: str | None) -> str:
    """The formats a serve session builds: those asked for (the defaults if none), checked now — a
    session would otherwise keep watching after every build refused them — and the PDFs showing their
    pages."""
    from ..pipeline.request import names, select
    from ..render.registry import RENDERERS, default_formats, page_sources

    wanted = names(formats, "format")
    return ",".join(page_sources(select(wanted, tuple(RENDERERS), "format") if wanted else default_formats()))


def pages_shown(formats: str) -> str:
    """Of a session's formats, those whose PDFs the page shows (a deck's slides, the brief, the handout)."""
    from ..render.registry import RENDERERS

    return ",".join(fmt for fmt in formats.split(",") if RENDERERS[fmt].pages == fmt)


def sources(artifacts: list[ArtifactResult]) -> list[Source]:
    """The PDFs that show these artifacts, each once (a deck and its slides PDF are one view)."""
    from ..render.registry import RENDERERS

    found: dict[tuple[str, str], Source] = {}
    for artifact in artifacts:
        view = RENDERERS[artifact.fmt].pages
        path = page_source(artifact.path)
        if view is not None and path is not None:
            label = RENDERERS[view].description.split(",")[0].split(":")[0]
            found.setdefault((view, artifact.lang), Source(view, artifact.lang, path, label))
    return list(found.values())


def _open(url: str) -> None:
    import webbrowser

    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


@contextmanager
def _remembered(caught: list[int]) -> Iterator[None]:
    """Ctrl-C and SIGTERM raise ``Interrupted`` as in every command, and are remembered: watchfiles,
    waiting for changes, swallows the exception and returns."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame) -> None:
        caught.append(signum)
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
