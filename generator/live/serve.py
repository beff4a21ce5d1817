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
from ..pipeline.request import ArtifactResult, BuildResult
from .gallery import Gallery, Source
from .places import SECTION_PATH, declared_languages, read_documents
from .preview import page_source
from .server import PreviewServer
from .watch import watch

Show = Callable[[ArtifactResult], None]
Build = Callable[[Show], tuple[BuildResult, list[Problem]]]
"""A build that reports each artifact as it is written, and returns the problems as the command shows them."""


def serve(outline: Path, build: Build, *, port: int = 8000, open_browser: bool = False,
          theme: Path | None = None, template: Path | None = None, out: Path | str = "output",
          prepare: Callable[[], object] | None = None, stream=sys.stderr, stop_event=None,
          ready: Callable[[str], object] | None = None) -> None:
    """Serve until Ctrl-C (``Interrupted``, as every command stops) or ``stop_event`` (tests)."""
    from ..render.registry import RENDERERS

    gallery = Gallery()
    server = PreviewServer(gallery, port)
    threading.Thread(target=server.serve_forever, name="duopress-serve", daemon=True).start()
    print(f"duopress: serving {server.url} (Ctrl-C to stop)", file=stream)
    if ready is not None:
        ready(server.url)
    langs: list[str] = []

    def show(artifact: ArtifactResult) -> None:
        """Each artifact's pages as soon as it is written: a fast one need not wait for a slow one."""
        if artifact.lang not in langs:
            langs[:] = declared_languages(outline) or [*langs, artifact.lang]
            gallery.arrange(list(dict.fromkeys(r.pages for r in RENDERERS.values() if r.pages)), langs)
        gallery.show(sources([artifact]))

    def build_and_show() -> None:
        try:
            result, problems = build(show)
        except DuopressError as exc:
            gallery.broken(exc.problems)
            raise  # watch prints the problems and keeps the last good artifacts
        finally:
            _open_once(open_browser, server.url)
        wanted = any(SECTION_PATH.match(p.path) for p in problems)
        gallery.locate(problems, read_documents(outline, theme) if wanted else {})

    opened = threading.Event()

    def _open_once(wanted: bool, url: str) -> None:
        if wanted and not opened.is_set():
            opened.set()
            _open(url)

    caught: list[int] = []
    try:
        with _remembered(caught):
            watch(outline, build_and_show, theme=theme, template=template, out=out, prepare=prepare,
                  stop_event=stop_event, stream=stream)
    finally:
        server.stopping = True
        gallery.close()
        server.shutdown()
        server.server_close()
    if caught:  # watchfiles ends its loop quietly on a signal: stop as every command does
        raise Interrupted(caught[0])


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
