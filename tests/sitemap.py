"""Reading a built site: its pages, their links and their ids."""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html


@dataclass
class BuiltPage:
    site: Path
    path: Path
    base: str = "/"  # the path the site is served under (site_url's path)

    @property
    def url(self) -> str:
        """The page's path as a browser sees it when the site is served under `base`."""
        relative = self.path.relative_to(self.site).as_posix()
        return self.base + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)

    @cached_property
    def tree(self):
        return lxml.html.fromstring(self.path.read_bytes())

    @cached_property
    def ids(self) -> set[str]:
        return set(self.tree.xpath("//@id")) | set(self.tree.xpath("//a/@name"))

    def resolve(self, href: str):
        """(site file, fragment) for an internal href, or None for an external one."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
            return None
        target = urljoin(self.url, parts.path) if parts.path else self.url
        if not target.startswith(self.base):
            return self.site / "outside-the-site" / target.lstrip("/"), parts.fragment
        file = self.site / unquote(target[len(self.base):])
        if target.endswith("/") or file.is_dir():
            file = file / "index.html"
        return file, unquote(parts.fragment)


def built_pages(site: Path, base: str = "/") -> list[BuiltPage]:
    return [BuiltPage(site, p, base) for p in sorted(site.rglob("*.html"))]
