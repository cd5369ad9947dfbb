"""Serve a built site on loopback the way GitHub Pages serves it: gzip and a 10-minute cache.

Used by the browser and quality tests, so that page-speed numbers describe
the published site rather than an uncompressed development server. Like a
CDN, it compresses each file once: compressing on every request would put the
server's own CPU work into the page-speed measurements it serves.
"""

import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the slash URL
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and wants_gzip and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = _compressed(path, path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(body)


@functools.lru_cache(maxsize=None)
def _compressed(path: Path, mtime_ns: int) -> bytes:
    """The gzip body of a file, computed once per version (mtime) of the file."""
    return gzip.compress(path.read_bytes(), compresslevel=6)


class _Body:
    """What send_head returns: a readable the base class copies to the socket."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, *args):
        data, self._data = self._data, b""
        return data

    def close(self):
        pass


_SERVED: dict[str, Path] = {}


def start(directory: Path, port: int = 0):
    """Start serving in a thread; return (server, base URL)."""
    handler = functools.partial(PagesHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    _SERVED[url] = Path(directory)
    return server, url


def served_directory(url: str) -> Path:
    """The folder served at `url` by start(): for a test that adds a page beside the site's."""
    return _SERVED[url]
