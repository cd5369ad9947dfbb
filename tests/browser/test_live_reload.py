"""`make serve` really reloads the open page when a page or a data file changes.

MkDocs 1.6.1 under click >= 8.3 silently turns live reload off unless
--livereload is passed; this runs the Makefile's own serve target on a copy
of the project and watches a real browser pick up each edit.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"make serve exited early:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"make serve did not answer on {url} within {seconds}s")


@pytest.fixture
def served_copy(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    port = free_port()
    # Use this environment's tools; pyproject.toml as the stamp means "already installed".
    command = ["make", "--no-print-directory", "serve", f"BIN={Path(sys.executable).parent}",
               "STAMP=pyproject.toml", f"ADDR=127.0.0.1:{port}"]
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, process)
        yield project, url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_saving_a_page_or_a_data_file_reloads_the_open_page(browser, served_copy):
    project, url = served_copy
    page = browser.new_page()
    try:
        page.goto(f"{url}guide/interviews/")
        page.wait_for_timeout(1500)  # let the live-reload script connect
        markdown = project / "docs/guide/interviews.md"
        markdown.write_text(markdown.read_text(encoding="utf-8") + "\n\nLive reload marker one.\n", encoding="utf-8")
        expect(page.locator("article")).to_contain_text("Live reload marker one.", timeout=45_000)

        page.goto(f"{url}episodes/ml-system-design/")
        page.wait_for_timeout(1500)
        data = project / "data/episodes/ml-system-design.yml"
        data.write_text(data.read_text(encoding="utf-8").replace(
            "'Fallback Strategies: Redundancy, Simple Baselines, and Serving Reliability'",
            "'Fallback Strategies: edited while serving'"), encoding="utf-8")
        expect(page.locator("#t-3119")).to_contain_text("edited while serving", timeout=45_000)
    finally:
        page.close()
