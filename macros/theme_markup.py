"""Adjustments to the HTML the theme produces: accessibility, validity, privacy, speed."""

import re
from html import unescape

# pymdownx.tasklist wraps each checkbox in a label with no text: the item's
# text follows the label, so screen readers announce an unnamed checkbox.
_TASK_ITEM = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox")'
    r'(?![^>]*aria-label)([^>]*>.*?</label>)(.*?)(?=<ul|<ol|</li>)',
    re.S,
)
_TAGS = re.compile(r"<[^>]+>")


def _text(fragment: str) -> str:
    return " ".join(unescape(_TAGS.sub(" ", fragment)).split())


def label_task_checkboxes(html: str) -> str:
    """Give every task-list checkbox the text of its item as its accessible name."""

    def add_label(match):
        label = _text(match.group(3)).replace('"', "&quot;")
        return f'{match.group(1)} aria-label="{label}"{match.group(2)}{match.group(3)}'

    return _TASK_ITEM.sub(add_label, html)


# Material's search overlay is a dialog with no name, and its input carries
# Safari's non-standard `autocorrect`, which HTML validators reject. Its repo
# link fetches star and fork counts from api.github.com on every page view;
# without the component hook it stays a plain link and no request leaves the site.
_THEME_FIXES = (
    ('class="md-source" data-md-component="source"', 'class="md-source"'),
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'),
    (' autocorrect="off"', ""),
    ('<nav class="md-tags" >', '<nav class="md-tags" aria-label="Tags">'),
    # Material writes tabindex="" on navigation labels: not an integer, so
    # invalid HTML, and browsers already treat it as absent.
    (' tabindex=""', ""),
)


# Material loads its bundle with a plain <script> at the end of <body>, which
# holds back the first paint on a slow phone; deferred, it runs as soon as the
# document is parsed, before the (also deferred) extra_javascript files.
_BUNDLE = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


# Material puts the page's dates (git-revision-date-localized) in an <aside>
# inside the article: a complementary landmark inside the main one, which axe
# rejects. A plain <div> keeps its look.
_SOURCE_FILE = re.compile(r'<aside class="md-source-file">(.*?)</aside>', re.S)


def fix_theme_markup(html: str) -> str:
    """Name the search dialog, drop non-standard attributes and the repo-facts fetch,
    and defer the theme's script."""
    for old, new in _THEME_FIXES:
        html = html.replace(old, new)
    if 'id="__toc"' not in html:
        # Material renders the table-of-contents toggle inside the current page's
        # nav entry; a page outside the nav (episode, guest) has no toggle, so
        # the label that points at it points at nothing.
        html = html.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    html = _SOURCE_FILE.sub(r'<div class="md-source-file">\1</div>', html)
    return _BUNDLE.sub(r'<script src="\1" defer></script>', html)
