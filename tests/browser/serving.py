"""Run the Makefile's own `make serve` on a copy of the project, for the browser
tests that edit files under a running server."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from tests.conftest import ROOT, copy_project


@dataclass
class Served:
    project: Path
    url: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)  # the server's output so far

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def assert_running(self):
        assert self.process.poll() is None, f"make serve exited:\n{self.output}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(served: Served, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if served.process.poll() is not None:
            raise AssertionError(f"make serve exited early:\n{served.output}")
        try:
            with urllib.request.urlopen(served.url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered, with an error page: up all the same
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"make serve did not answer on {served.url} within {seconds}s:\n{served.output}")


INSTALLED_STAMP = ".installed-for-tests"


def in_process_builder(project: Path, workdir: Path, build_log):
    """macros/serve.py's Builder without its HTTP server, for tests and profiles that rebuild in
    this process: passed() and failed() report to a stand-in for it."""
    from macros.serve import Builder

    builder = Builder(str(project / "mkdocs.yml"), None, workdir, build_log)
    builder.server = SimpleNamespace(build_errors=())
    return builder


def project_to_serve(tmp_path: Path) -> Path:
    """A copy of the project with the Makefile, which tests may break before serving."""
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", project / "requirements")
    # Written after the locks it depends on, so make takes this environment as installed.
    (project / INSTALLED_STAMP).touch()
    return project


@contextmanager
def make_serve(project: Path):
    port = free_port()
    # Use this environment's tools, taken as installed (project_to_serve's stamp).
    command = ["make", "--no-print-directory", "serve", f"BIN={Path(sys.executable).parent}",
               f"SERVE_STAMP={INSTALLED_STAMP}", f"ADDR=127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    served = Served(project, f"http://127.0.0.1:{port}/", process)
    def read_output():  # as it comes, so a chatty server never blocks on a full pipe
        for line in process.stdout:
            served.lines.append(line)

    reader = threading.Thread(target=read_output, daemon=True)
    reader.start()
    try:
        wait_until_up(served)
        yield served
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass  # it has exited already (the test says why)
        process.wait(timeout=30)
        reader.join(timeout=10)


def open_served_page(new_page, url: str):
    """A page of a running `make serve` (new_page: the fixture), once its live-reload script has connected."""
    page = new_page()
    page.goto(url)
    page.wait_for_timeout(1500)  # let the live-reload script connect
    return page


def edit(path: Path, old: str, new: str):
    """Replace the first `old` in a file, as a contributor saving it would."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
