"""macros/serve.py's pure parts: which lines a failed build reports, and how the
browser shows them. tests/browser/test_serve_errors.py runs the server itself."""

import logging
import threading

from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort, PluginError

from macros.errors import CitationError, SiteError
from macros.serve import ERROR_PANEL_ID, BuildLog, error_page, error_panel, failure_lines, without_traceback

MACROS_MESSAGE = """[macros] - ERROR # _Macro Rendering Error_

_File_: `guide/interviews.md`

_CitationError_: docs/guide/interviews.md: unknown chapter 22:03

```
Traceback (most recent call last):
  File "/venv/mkdocs_macros/plugin.py", line 703, in render
    return md_template.render(**page_variables)
  File "<template>", line 7, in top-level template code
macros.errors.CitationError: docs/guide/interviews.md: unknown chapter 22:03

```"""


def test_a_traceback_and_the_fences_around_it_are_dropped():
    assert [line for line in without_traceback(MACROS_MESSAGE).split("\n") if line] == [
        "[macros] - ERROR # _Macro Rendering Error_",
        "_File_: `guide/interviews.md`",
        "_CitationError_: docs/guide/interviews.md: unknown chapter 22:03",
    ]


def test_a_macro_error_that_exits_reports_what_it_logged_without_the_exit():
    lines = failure_lines([MACROS_MESSAGE], SystemExit(1))
    assert lines[-1] == "_CitationError_: docs/guide/interviews.md: unknown chapter 22:03"
    assert not any("Traceback" in line or "line 703" in line for line in lines)


def test_strict_mode_summaries_are_left_out_and_warnings_kept_in_order():
    warnings = ["Doc file 'a.md' contains a link 'b.md', but the target is not found.",
                "Doc file 'c.md' contains a link 'd.md', but the target is not found."]
    assert failure_lines(warnings, Abort("Aborted with 2 warnings in strict mode!")) == warnings


def test_each_line_is_reported_once_when_logged_and_raised():
    problems = "docs/a.md:3: unknown chapter 1:00\ndata/guests.yml:7: unknown guest 'x'"
    # As a PluginError, MkDocs logs the message and then raises a summary Abort;
    # as a SiteError it is raised as it is. Either way each line shows once.
    assert failure_lines([problems], Abort("Aborted with a BuildError!")) == problems.split("\n")
    assert failure_lines(problems.split("\n"), SiteError(problems)) == problems.split("\n")


def test_the_build_errors_own_message_is_shown_as_it_is():
    assert failure_lines([], CitationError("docs/a.md: unknown episode 'x'")) == ["docs/a.md: unknown episode 'x'"]
    assert failure_lines([], PluginError("data/episodes.yml: bad")) == ["data/episodes.yml: bad"]


def test_an_unexpected_exception_is_named():
    assert failure_lines([], KeyError("slug")) == ["KeyError: 'slug'"]


def test_a_build_that_stops_without_saying_why_still_reports_something():
    assert failure_lines([], SystemExit(3)) == ["the build stopped (SystemExit: 3) without a message"]


def test_markup_in_an_error_is_shown_as_text():
    hostile = "docs/a.md:1: unknown episode '<script>alert(1)</script><img src=x onerror=alert(2)>'"
    for html in (error_panel([hostile], "Heading <b>"), error_page([hostile])):
        soup = BeautifulSoup(html, "html.parser")
        panel = soup.find(id=ERROR_PANEL_ID)
        assert panel.find_all(["script", "img", "b"]) == []
        assert hostile in panel.get_text()
        assert "Heading <b>" in panel.get_text() or "does not build" in panel.get_text()


def test_the_error_page_fetches_nothing():
    soup = BeautifulSoup(error_page(["docs/a.md:1: bad"]), "html.parser")
    assert soup.find_all(["link", "script", "img", "iframe"]) == []
    assert not any(tag.get("src") or tag.get("href") for tag in soup.find_all(True))


def test_the_build_log_keeps_only_the_building_threads_warnings():
    logger = logging.getLogger("mkdocs.test_serve")
    build_log = BuildLog()
    logger.addHandler(build_log)
    try:
        build_log.start()
        logger.info("Building documentation...")
        logger.warning("Doc file 'a.md' contains a broken link")
        # A request served meanwhile logs its 404 from another thread.
        other = threading.Thread(target=lambda: logger.warning('"GET /nope HTTP/1.1" code 404'))
        other.start()
        other.join()
        assert build_log.stop() == ["Doc file 'a.md' contains a broken link"]
        logger.warning("after the build")
        assert build_log.messages == ["Doc file 'a.md' contains a broken link"]
    finally:
        logger.removeHandler(build_log)
