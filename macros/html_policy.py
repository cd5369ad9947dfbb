"""What HTML a page may contain, checked on the page as rendered.

Markdown lets a page carry raw HTML, and attr_list lets it put attributes on
anything, so both are checked on the rendered HTML of each page, where
Markdown links, attr_list attributes, snippets and macro output all show up.
Pages keep what authors need (`<details>`, `<kbd>`, `<abbr>`, `<br>`,
`<sup>`, classes and ids, ...). Refused, because it would run in a reader's
browser, send them elsewhere or hide text from them:

- elements that run, embed or load: script, iframe, object, embed, form,
  meta, base, link, style (and their relatives below);
- event-handler attributes (on...);
- links and sources other than http(s), mailto and relative (javascript:,
  data:, vbscript:, ...);
- `style` beyond text alignment and the roadmap's own layout numbers.

`problems(html)` returns (where, message) pairs; `where` lists texts to look
for in the page's source to give the line (sources.PageSource.find_text).
"""

import re
from html.parser import HTMLParser

_RUNS = "it runs code in the reader's browser"
_EMBEDS = "it embeds another page or plugin into the page"
FORBIDDEN_ELEMENTS = {
    "script": _RUNS, "noscript": "it only matters next to a script",
    "iframe": _EMBEDS, "frame": _EMBEDS, "frameset": _EMBEDS, "object": _EMBEDS, "embed": _EMBEDS,
    "applet": _EMBEDS, "portal": _EMBEDS, "fencedframe": _EMBEDS,
    "form": "it would send what readers type to another address",
    "meta": "it can redirect readers to another site (http-equiv=refresh)",
    "base": "it changes where every link on the page goes",
    "link": "it loads an external stylesheet or resource",
    "style": "it restyles the whole site and can hide or fake content",
    # SVG that can turn a link into a script or embed foreign HTML.
    "animate": _RUNS, "set": _RUNS, "animatemotion": _RUNS, "animatetransform": _RUNS,
    "foreignobject": _EMBEDS, "handler": _RUNS, "listener": _RUNS,
}

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "xlink:href", "poster", "background",
                  "data", "cite", "longdesc", "ping", "lowsrc", "dynsrc", "manifest", "codebase", "icon"}
SAFE_SCHEMES = {"http", "https", "mailto"}
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
# Browsers ignore these in a URL before reading its scheme ("java\tscript:" is javascript:).
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")

# style="" may only align (Markdown tables) or place roadmap bars (macros/templates/roadmap.html).
STYLE_RULES = {
    "text-align": re.compile(r"left|right|center|justify"),
    "--units": re.compile(r"\d{1,3}"), "--start": re.compile(r"\d{1,3}"), "--span": re.compile(r"\d{1,3}"),
}

ALLOWED_SUMMARY = "see 'What a page may contain' in CONTRIBUTING.md"


def url_scheme(value: str) -> str | None:
    """The scheme a browser would read from an attribute value (already unescaped), or None if relative."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", value).lower())
    return match[1] if match else None


def style_allowed(style: str) -> bool:
    for declaration in filter(None, (d.strip() for d in style.split(";"))):
        name, colon, value = declaration.partition(":")
        rule = STYLE_RULES.get(name.strip().lower())
        if not colon or rule is None or not rule.fullmatch(value.strip().lower()):
            return False
    return True


def _raw_value(tag_text: str, name: str) -> str | None:
    """An attribute's value as written in the HTML (entities and all), to find it in the source."""
    match = re.search(rf"""(?i)\s{re.escape(name)}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", tag_text or "")
    return next((g for g in match.groups() if g is not None), None) if match else None


def _where(tag_text: str, name: str, value: str) -> list[str]:
    """Texts to find an attribute by in the source, most specific first.

    No bare 'href=': no line at all beats the line of another link.
    """
    written = _raw_value(tag_text, name)
    return ([f'{name}="{written}"', f"{name}='{written}'", written] if written else []) + [value]


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        raw = self.get_starttag_text()
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append(([f"<{tag}"], f"<{tag}> is not allowed in a page: {FORBIDDEN_ELEMENTS[tag]}; "
                                            f"{ALLOWED_SUMMARY}"))
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(([f"{name}=", name], f"the event-handler attribute {name}= on <{tag}> is not "
                                                       f"allowed: {_RUNS}; {ALLOWED_SUMMARY}"))
            elif name in URL_ATTRIBUTES:
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    scheme = url_scheme(url)
                    if scheme is not None and scheme not in SAFE_SCHEMES:
                        self.found.append((_where(raw, name, value),
                                           f"{name}=\"{url}\" on <{tag}>: {scheme}: links are not allowed; "
                                           "use https://, mailto: or a relative link to a .md file"))
            elif name == "style" and not style_allowed(value):
                self.found.append((_where(raw, name, value),
                                   f"style=\"{value}\" on <{tag}> is not allowed: a page's style may only set "
                                   "text-align; hidden or restyled text misleads readers, so use the site's classes"))

    handle_startendtag = handle_starttag


def problems(html: str) -> list[tuple[list[str], str]]:
    """(texts to find the line by, message) for everything in the page's HTML that is not allowed."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.found
