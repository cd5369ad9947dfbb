"""`make serve`: MkDocs' live-reloading server that outlives a broken build.

`mkdocs serve` exits when a macro fails (mkdocs-macros calls exit()) and, when
any other rebuild fails, leaves every request waiting for a build that never
comes. This runs the same pieces (load_config, build, LiveReloadServer) with
one difference: a build goes into a scratch folder and replaces the served
site only when it passes --strict. A failed build keeps the last good site up,
prints its errors once, and shows them on every page in an error panel; the
next passing build reloads the open pages without it. If the very first build
fails there is no good site yet, so every page is an error page that reloads
itself once the build passes. Between builds it keeps unchanged pages' results
(macros/cache.py), so a save redoes only what changed; SERVE_CACHE=off in the
environment turns that off (every save then rebuilds every page).

Run from the project folder: python -m macros.serve --dev-addr 127.0.0.1:8000
"""

import argparse
import html
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.__main__ import ColorFormatter
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException
from mkdocs.livereload import LiveReloadServer, _serve_url

from . import cache as serve_cache
from .errors import SiteError

# Under MkDocs' own logger, so it prints the way MkDocs' messages do.
log = logging.getLogger("mkdocs.serve")

TRACEBACK_START = "Traceback (most recent call last):"
ERROR_PANEL_ID = "serve-build-errors"


# --- What a failed build said, each error once and without a traceback ---------

def without_traceback(text: str) -> str:
    """Drop Python tracebacks (mkdocs-macros puts one in its messages) and the
    empty Markdown code fences they leave behind."""
    kept, in_traceback = [], False
    for line in text.splitlines():
        if line.strip() == TRACEBACK_START:
            in_traceback = True
            continue
        if in_traceback:
            # A traceback is indented frame lines closed by one unindented
            # "Type: message" line, which repeats what the message already said.
            if not line[:1].isspace():
                in_traceback = False
            continue
        if line.strip().startswith("```"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept)


def error_text(error: BaseException) -> str | None:
    """What an exception that stopped the build says, or None when it only
    summarizes the errors MkDocs has already logged."""
    if isinstance(error, Abort) and str(error).startswith("Aborted with"):
        return None  # "Aborted with 2 warnings in strict mode!" / "... a BuildError!"
    if isinstance(error, SystemExit):
        return None  # mkdocs-macros logs its error, then exits with a number
    if isinstance(error, (SiteError, MkDocsException)):
        return str(error)  # worded for the contributor already (BuildProblems: path:line lines)
    return f"{type(error).__name__}: {error}"


def failure_lines(logged: list[str], error: BaseException) -> list[str]:
    """The lines to show for a failed build: each logged warning or error, then
    the exception's own message, each line once, no tracebacks."""
    messages = list(logged)
    text = error_text(error)
    if text is not None or not messages:
        messages.append(text or f"the build stopped ({type(error).__name__}: {error}) without a message")
    lines = []
    for message in messages:
        for line in without_traceback(message).splitlines():
            if line.strip() and line not in lines:
                lines.append(line)
    return lines


class BuildLog(logging.Handler):
    """Collects the warnings and errors one build logs (in strict mode each of
    them fails the build), from the building thread only: the server's request
    threads log too (a 404 is a warning) and are not part of the build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.thread: int | None = None
        self.messages: list[str] = []

    def start(self):
        self.thread, self.messages = threading.get_ident(), []

    def stop(self) -> list[str]:
        self.thread = None
        return self.messages

    def is_collecting(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING and record.thread == self.thread

    def emit(self, record):
        if self.is_collecting(record):
            self.messages.append(record.getMessage())


# --- How errors look in the browser ---------------------------------------------
# Error text comes from pages and data files, which anyone can send in a pull
# request, so every line is escaped. Inline styles only: nothing is fetched.

def error_panel(lines: list[str], heading: str) -> str:
    escaped = "\n".join(html.escape(line) for line in lines)
    return (
        f'<div id="{ERROR_PANEL_ID}" role="alert" style="position:fixed;left:0;right:0;bottom:0;'
        "z-index:10000;max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;"
        "background:#fff3f3;color:#3d0000;border-top:4px solid #c62828;"
        'font:14px/1.5 system-ui,sans-serif">'
        f'<strong>{html.escape(heading)}</strong>'
        '<pre style="margin:.5em 0 0;white-space:pre-wrap;font:13px/1.5 monospace;color:inherit;'
        f'background:none">{escaped}</pre></div>'
    )


LAST_GOOD_SITE = "The last change broke the build. This is the last good site; it reloads once these are fixed:"
NO_GOOD_SITE = "The site does not build yet. This page reloads once these are fixed:"


def error_page(lines: list[str]) -> str:
    """The whole page served while no build has passed yet."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Build failed</title></head><body>"
        f"{error_panel(lines, NO_GOOD_SITE)}</body></html>"
    )


def insert_before_body_end(page: bytes, addition: str) -> bytes:
    end = page.rfind(b"</body>")
    end = len(page) if end < 0 else end
    return page[:end] + addition.encode() + page[end:]


class LastGoodSiteServer(LiveReloadServer):
    """MkDocs' server, plus the current build errors on every page it serves."""

    build_errors: tuple[str, ...] = ()  # replaced whole by the builder, read by request threads

    def _inject_js_into_html(self, content, epoch):
        # MkDocs calls this on each HTML page it serves to add its live-reload script.
        content = super()._inject_js_into_html(content, epoch)
        errors = self.build_errors
        return insert_before_body_end(content, error_panel(list(errors), LAST_GOOD_SITE)) if errors else content

    def page_for_missing_file(self, code: int) -> bytes | None:
        """The site's 404 page, or the error page while no build has passed;
        either live-reloads, so a fixed build replaces it by itself."""
        not_found = Path(self.root, "404.html")
        if code == 404 and not_found.is_file():
            return self._inject_js_into_html(not_found.read_bytes(), self._visible_epoch)
        if self.build_errors:  # the error page has its panel already: add only the script
            return super()._inject_js_into_html(error_page(list(self.build_errors)).encode(), self._visible_epoch)
        return None


# --- Building -------------------------------------------------------------------

class Builder:
    """Builds the site with --strict into a scratch folder and swaps it in as the
    served site only when the build passed. Never raises for a failed build:
    MkDocs' server would otherwise hold every request until a build passes."""

    def __init__(self, config_file: str, dev_addr: str | None, workdir: Path, build_log: BuildLog):
        self.config_file, self.dev_addr = config_file, dev_addr
        self.site_dir = workdir / "site"  # what the server serves; never half-built
        self.next_dir = workdir / "next"  # where each build goes first
        self.build_log = build_log
        self.server: LastGoodSiteServer | None = None
        # Unchanged pages' results, kept between rebuilds (macros/cache.py).
        self.cache = None if os.environ.get("SERVE_CACHE") == "off" else (serve_cache.current() or serve_cache.enable())
        self.serve_url: str | None = None
        self.site_dir.mkdir()

    def load_config(self):
        config = load_config(config_file=self.config_file, site_dir=str(self.next_dir),
                             strict=True, **({"dev_addr": self.dev_addr} if self.dev_addr else {}))
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def __call__(self, config=None):
        log.info("Building documentation...")
        shutil.rmtree(self.next_dir, ignore_errors=True)
        self.build_log.start()
        try:
            build(config or self.load_config(), serve_url=self.serve_url)
        except (Exception, SystemExit) as error:  # SystemExit: mkdocs-macros exits on a macro error
            if self.cache:
                self.cache.discard()  # a page that failed must fail again on the next build
            self.failed(failure_lines(self.build_log.stop(), error))
            return
        self.build_log.stop()
        if self.cache:
            self.cache.commit()
            log.info(f"Reused from the serve cache (hits/lookups): {self.cache.summary()}")
        self.passed()

    def passed(self):
        # Requests wait while a build runs (LiveReloadServer compares epochs), so
        # none sees the folder between these two renames.
        previous = Path(tempfile.mkdtemp(prefix="previous-", dir=self.site_dir.parent))
        self.site_dir.rename(previous / "site")
        self.next_dir.rename(self.site_dir)
        # Deleting ~560 pages takes seconds on a busy disk: not while the new site waits.
        threading.Thread(target=shutil.rmtree, args=(previous,), kwargs={"ignore_errors": True},
                         daemon=True).start()
        if self.server.build_errors:
            log.info("The build passes again")
        self.server.build_errors = ()

    def failed(self, lines: list[str]):
        self.server.build_errors = tuple(lines)
        log.error("The build failed; still serving the last good site. Fix this and save:")
        sys.stderr.write("".join(f"{line}\n" for line in lines))
        sys.stderr.flush()


def console_logging(build_log: BuildLog):
    """MkDocs' terminal output, minus a build's warnings and errors while it
    runs: the builder prints them afterwards, once each, without tracebacks."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    console = logging.StreamHandler()
    console.setFormatter(ColorFormatter())
    console.addFilter(lambda record: not build_log.is_collecting(record))
    logger.addHandler(console)
    logger.addHandler(build_log)


def serve(config_file: str = "mkdocs.yml", dev_addr: str | None = None):
    build_log = BuildLog()
    console_logging(build_log)
    workdir = Path(tempfile.mkdtemp(prefix="mkdocs_serve_"))
    try:
        builder = Builder(config_file, dev_addr, workdir, build_log)
        # A mkdocs.yml that does not load leaves nothing to serve or watch: that stops here.
        config = builder.load_config()
        config.plugins.on_startup(command="serve", dirty=False)
        host, port = config.dev_addr
        mount_path = urlsplit(config.site_url or "/").path
        config.site_url = builder.serve_url = _serve_url(host, port, mount_path)

        server = builder.server = LastGoodSiteServer(builder=builder, host=host, port=port,
                                                     root=str(builder.site_dir), mount_path=mount_path)
        server.error_handler = server.page_for_missing_file
        try:
            builder(config)
            # What `mkdocs serve --livereload` watches: docs, mkdocs.yml and its `watch:` list.
            server.watch(config.docs_dir)
            server.watch(config.config_file_path)
            server = config.plugins.on_serve(server, config=config, builder=builder)
            for path in config.watch:
                server.watch(path)
            try:
                server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def stop_on_sigterm():
    """Stop on SIGTERM as on Ctrl-C, so the scratch folders are removed. Not
    SystemExit: the builder catches that one (mkdocs-macros exits on an error)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, interrupt)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m macros.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", help="IP:port to serve on (default: mkdocs.yml's dev_addr, localhost:8000)")
    parser.add_argument("--config-file", default="mkdocs.yml")
    args = parser.parse_args(argv)
    stop_on_sigterm()
    try:
        serve(args.config_file, args.dev_addr)
    except KeyboardInterrupt:  # while the first build ran, before the server took over Ctrl-C
        log.info("Shutting down...")


if __name__ == "__main__":
    main()
