"""The preview's HTTP server (the standard library's): its own page, the gallery's state, server-sent events
and the current pages' images, on the loopback interface only.

Nothing is read from disk by a request's path: the page's three files are fixed names from the package,
and an image is found by its fingerprint among the current build's pages. A request whose Host is not
this server's own address is refused, so a web page elsewhere cannot reach it through a name that
resolves to 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import json
import re
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources

from ..errors import UsageError
from .gallery import Gallery

HOST = "127.0.0.1"
KEEPALIVE_S = 15.0  # a comment line this often, so a closed tab is noticed and its thread ends
FILES = {"/": ("serve.html", "text/html"), "/serve.js": ("serve.js", "text/javascript"),
         "/serve.css": ("serve.css", "text/css")}
IMAGE = re.compile(r"/page/([0-9a-f]{40})\.png")
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream never holds up the stop
    allow_reuse_address = True

    def __init__(self, gallery: Gallery, port: int):
        self.gallery = gallery
        self.stopping = False
        try:
            super().__init__((HOST, port), Handler)
        except OSError as exc:
            raise UsageError(f"cannot listen on {HOST}:{port} ({exc.strerror}); choose another --port") from exc

    def handle_error(self, request, client_address) -> None:
        """A tab closed mid-answer is not an error; anything else is printed as the stdlib would."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal shows builds and problems, not every image fetched

    def do_GET(self) -> None:
        if not self._own_host():
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain")
            return
        path = self.path.split("?", 1)[0]
        if path in FILES:
            name, kind = FILES[path]
            self._send(HTTPStatus.OK, resources.files(__package__).joinpath(name).read_bytes(), kind)
        elif path == "/state":
            body = json.dumps(self.server.gallery.state(), ensure_ascii=False).encode()
            self._send(HTTPStatus.OK, body, "application/json")
        elif path == "/events":
            self._events()
        elif (image := IMAGE.fullmatch(path)) and (png := self.server.gallery.image(image.group(1))) is not None:
            self._send(HTTPStatus.OK, png, "image/png", cache="public, max-age=31536000, immutable")
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain")

    def _own_host(self) -> bool:
        port = self.server.server_address[1]
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, body: bytes, kind: str, cache: str = "no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text") else kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("Content-Security-Policy", POLICY)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        """Server-sent events: the state now, then again at every new version, until the tab closes."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        gallery, seen = self.server.gallery, -1
        try:
            while not self.server.stopping:
                version = gallery.wait(seen, KEEPALIVE_S) if seen >= 0 else gallery.version
                if version == seen:
                    self.wfile.write(b": still here\n\n")
                else:
                    seen = version
                    state = json.dumps(gallery.state(), ensure_ascii=False)
                    self.wfile.write(f"event: state\nid: {version}\ndata: {state}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed
