"""Mistakes on a page that would otherwise pass silently, each found with what to write instead."""

import difflib
import re
from html import unescape

from mkdocs.utils import get_relative_url

_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>(?P<body>.*?)</h(?P=level)>", re.S)
_EMPTY_HEADER_CELL = re.compile(r"<th\b[^>]*>\s*</th>")
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HREF = re.compile(r"""<a\b[^>]*?\shref=(?:"([^"]*)"|'([^']*)')""", re.S)


def front_matter_problems(meta: dict) -> list[tuple[str, str]]:
    """(key, message) for front matter that would switch the macros off on a written page."""
    found = []
    if meta.get("render_macros") is False:
        found.append(("render_macros", "render_macros: false would publish every {{ cite(...) }} on this page as "
                                       "literal text; remove it (code in backticks is never run)"))
    if "ignore_macros" in meta:
        found.append(("ignore_macros", "ignore_macros is not supported; remove it (code in backticks is never run)"))
    return found


def cited_headings(html: str) -> int:
    """How many headings hold a citation: "Cited on" names sections by their heading, so it would be lost."""
    return sum('class="citation"' in match["body"] for match in _HEADING.finditer(html))


def heading_lines_citing(lines) -> list[int]:
    """Line numbers of source headings (ATX '#', setext, <hN>) that call cite()."""
    found = []
    for index, line in enumerate(lines):
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        setext = following != "" and len(set(following)) == 1 and following[0] in "=-"
        if "cite(" in line and (line.lstrip().startswith("#") or re.match(r"\s*<h[1-6]\b", line) or setext):
            found.append(index + 1)
    return found


def empty_header_cells(html: str) -> int:
    """How many table header cells have no text: a screen reader announces the column as blank (axe)."""
    return len(_EMPTY_HEADER_CELL.findall(html))


def table_header_lines_with_empty_cell(lines) -> list[int]:
    """Line numbers of Markdown table header rows (the row above '| --- |') with a cell left empty."""
    found = []
    for index in range(1, len(lines)):
        if _DELIMITER_ROW.match(lines[index]) and "|" in lines[index]:
            cells = lines[index - 1].strip().removeprefix("|").removesuffix("|").split("|")
            if any(not cell.strip() for cell in cells):
                found.append(index)
    return found


def site_link_problems(html: str, site_url: str, page_src: str, pages: dict) -> list[tuple[str, str]]:
    """(url, message) for each link written as a full URL of this site to a page that does not exist.

    `pages` maps each URL path of the site (as MkDocs gives it, e.g. 'guide/x/') to its
    Markdown source ('guide/x.md'), or to None for other files (images, stylesheets).
    """
    if not site_url:
        return []
    root = site_url if site_url.endswith("/") else site_url + "/"
    found = []
    for match in _HREF.finditer(html):
        url = unescape(match[1] if match[1] is not None else match[2])
        if not url.startswith(root):
            continue
        path = url[len(root):].split("#", 1)[0].split("?", 1)[0]
        candidates = {path or "./", path + "/", path.removesuffix("index.html") or "./",
                      path.removesuffix(".html") + "/"}
        if any(candidate in pages for candidate in candidates):
            continue
        close = difflib.get_close_matches(path, [url for url, src in pages.items() if src], n=1, cutoff=0.6)
        if close:
            target = get_relative_url(pages[close[0]], page_src)
            advice = f"did you mean [text]({target})? Link the page's .md file with a relative path"
        else:
            advice = "link the page's .md file with a relative path, e.g. [Evaluation](../wiki/evaluation.md)"
        found.append((url, f"link {url} points at this site, but no page is at '/{path}'; {advice}"))
    return found
