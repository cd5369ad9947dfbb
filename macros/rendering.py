"""The Jinja environments for every HTML fragment the macros produce.

Autoescape is on: text from data/ (titles, names, steps) always arrives as
text, so a title containing <script> shows as written. Inline fragments sit
inside Markdown that is still to be processed, so there every value printed
is also made inert to Markdown (see markdown_inert).
"""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .timecodes import format_timecode

TEMPLATES = Path(__file__).parent / "templates"

# Characters Markdown acts on in inline HTML: emphasis, links and code (code spans
# are found even inside attribute values), `|` (splits a table row), `:` (emoji
# shortcodes) and braces (attr_list, which can add any attribute).
_MARKDOWN_ACTIVE = str.maketrans({
    "*": "&#42;", "_": "&#95;", "`": "&#96;", "[": "&#91;", "]": "&#93;", "\\": "&#92;",
    "|": "&#124;", ":": "&#58;", "{": "&#123;", "}": "&#125;",
})


def markdown_inert(value) -> Markup:
    """Escape HTML, then neutralise Markdown syntax, for a value inside inline HTML.

    Markup (a fragment rendered here already) is left as it is.
    """
    if isinstance(value, Markup):
        return value
    return Markup(str(escape(value)).translate(_MARKDOWN_ACTIVE))


def join_words(items, conjunction="and"):
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=False,
)
_env.filters["timecode"] = format_timecode
# Inline fragments: every {{ value }} passes through markdown_inert before output.
_inline_env = _env.overlay(finalize=markdown_inert)


def render_block(template: str, **context) -> str:
    """A block of raw HTML for a Markdown page: no blank lines, no indentation.

    Markdown ends a raw HTML block at a blank line and reads indented lines as
    code, so both are removed; the surrounding blank lines keep it a block.
    """
    html = _env.get_template(template).render(**context)
    lines = [line.strip() for line in html.splitlines() if line.strip()]
    return "\n\n" + "\n".join(lines) + "\n\n"


def render_inline(template: str, **context) -> str:
    """An inline fragment on one line, so it can sit inside a sentence.

    Templates for inline fragments are written unindented, one tag a line;
    only the line breaks go, so spaces the template prints (" and ") stay.
    """
    html = _inline_env.get_template(template).render(**context)
    return html.replace("\n", "").strip()
