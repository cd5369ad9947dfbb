"""What `make serve` keeps between rebuilds, so that a save redoes only what changed.

A strict build of the whole archive turns ~560 pages from Markdown into HTML,
renders each through Material's templates, indexes each for search and has
mkdocs-llmstxt convert each back to Markdown; a save changes one page. Under
`make serve` (macros/serve.py calls `enable()`, nothing else does) the hooks
keep, in memory and keyed by a hash of everything each result is made from:

  data      the loaded, validated data/ (key: every file under data/ and the
            list of files under docs/, which the loader checks pages against)
  generated the episode, guest and topic pages' front matter (generated.py);
            key: data/ and the hand-written pages carrying each tag
  bodies    the Markdown of each generated page (episode, guest, topic); key:
            data/, the page and the hand-written pages carrying each tag
  markdown  each page's HTML, table of contents, title and anchors from
            Markdown; key: its Markdown after every macro and plugin ran (so a
            new citation, data change or tag listing changes it) and the
            "world": mkdocs.yml, site_url, overrides/, macros/, every file and
            its URL, the tag lists
  theme     each page's output of Material's templates, before "Cited on",
            guest citations and counts are filled in; key: the world, data/,
            the whole nav, and the page's HTML, title, meta (its dates among
            them), table of contents and neighbours
  search    each page's search entries; key: what the search plugin reads
  llms      each page's Markdown copy (mkdocs-llmstxt); key: the finished HTML
            it is made from, its path, the site's URL and mkdocs.yml

Never cached, so always right whichever page changed: "Cited on", guest
citations and counts (every build records every page's citations from its
cached or fresh HTML and fills the placeholders afterwards), /citations.json,
/llms.txt, the search index's folding and shards. Every check runs on every
build, on reused HTML too: front matter, macros, snippets, html_policy,
page_checks, anchors, page_head's description. MkDocs' own link check runs
while Markdown converts, so a reused page skips it; it passed with the same
Markdown and the same files, which its key holds.

A page that includes another file (pymdownx.snippets) is never cached: the
included file is not part of its key. What a build adds is kept only when the
whole build passes (`commit`): a cached result is one a passing build made,
so a page that warned or failed warns and fails again until it is fixed.
"""

import copy
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache, ChoiceLoader, DictLoader
from markupsafe import Markup

from .loader import load_site_data
from .page_head import DATE_ISO

GIT_DATES = "git_"  # git-revision-date-localized's keys: the page's dates and the site's
TIME_OF_DAY = re.compile(r" \d\d:\d\d:\d\d(?= UTC\b)")

# The template a page whose theme output is cached renders: that output, as it is.
CACHED_TEMPLATE = "serve-cache/cached-page.html"
CACHED_TEMPLATE_SOURCE = "{{ serve_cached_output }}"
SNIPPET_MARK = "--8<--"
STORES = ("data", "generated", "bodies", "markdown", "theme", "search", "llms")


def digest(*parts) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file's path and bytes under a folder ('' when there is none)."""
    folder = Path(folder)
    if not folder.is_dir():
        return ""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return digest(*(part for p in files for part in (p.relative_to(folder).as_posix(), p.read_bytes())))


def toc_signature(toc) -> list:
    return [[item.title, item.id, item.level, toc_signature(item.children)] for item in toc]


def nav_signature(items) -> list:
    """Every nav entry's title, URL and children: what each page's sidebar shows."""
    return [[type(item).__name__, item.title, getattr(item, "url", None), nav_signature(item.children or [])]
            for item in items]


def as_json(value) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def printed_meta(meta: dict) -> dict:
    """A page's meta as its key: what the theme and page_head.py print, to the day.

    A page with no commit of its own (outside a git checkout, or a generated
    page whose data file is not committed yet) is dated by the build time, to
    the second: in the plugin's raw variants, which nothing prints, and in the
    tooltip of the date the theme prints. Keyed to the second, such a page
    would never be reused; so the raw variants are left out and the time of
    day is cut from the tooltip. A reused page's tooltip keeps the time of the
    build that made it; the day it shows, and DATE_ISO, are right. A commit
    changes the plugin's hash in meta and data_dates in the world: a new key.
    "template" is the cache's own (plan_theme).
    """
    return {name: TIME_OF_DAY.sub("", value) if isinstance(value, str) and name.startswith(GIT_DATES) else value
            for name, value in meta.items()
            if name != "template" and not (name.startswith(GIT_DATES) and "_raw_" in name and name != DATE_ISO)}


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, in memory. Jinja checks each against its
    source's checksum, so an edited template in overrides/ is compiled again."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


@dataclass(frozen=True)
class RenderedMarkdown:
    """What Page.render leaves on a page (MkDocs 1.6)."""
    content: str
    toc: object
    title: str | None
    present_anchor_ids: frozenset
    links_to_anchors: dict | None   # target src_uri -> {anchor: link as written}


class ServeCache:
    def __init__(self):
        self.stores = {name: {} for name in STORES}
        self.pending = {name: {} for name in STORES}
        self.stats = {name: [0, 0] for name in STORES}  # hits, misses in the last build
        self.compiled_templates = CompiledTemplates()
        self.config_key = self.data_key = self.world = ""
        self.nav = None  # this build's nav, set on_nav
        self.theme_keys: dict[str, str] = {}  # page URL -> its theme key in this build
        self.theme_hits: dict[str, str] = {}  # page URL -> cached theme output to use

    # --- one build -----------------------------------------------------------------

    def start_build(self, config) -> None:
        """on_config: hash what every page depends on; forget the last build's leftovers."""
        project = Path(config.config_file_path).parent
        self.pending = {name: {} for name in STORES}
        self.stats = {name: [0, 0] for name in STORES}
        self.theme_keys, self.theme_hits = {}, {}
        self.data_key = folder_digest(project / "data")
        self.config_key = digest(Path(config.config_file_path).read_bytes(), config.site_url,
                                 folder_digest(project / "overrides"), folder_digest(project / "macros"))
        # Each build makes a new Jinja environment for the theme; with this store
        # each of Material's templates is compiled once per `make serve`.
        get_env = config.theme.get_env

        def get_env_with_compiled_templates():
            env = get_env()
            env.bytecode_cache = self.compiled_templates
            return env
        config.theme.get_env = get_env_with_compiled_templates

    def set_files(self, files, pages_by_tag: dict, data_dates: dict) -> None:
        """on_files: a page's links resolve against every file's URL; topic pages list tagged
        pages; generated pages are dated by their data files' commits."""
        self.world = digest(self.config_key, as_json(pages_by_tag), as_json(data_dates),
                            *(f"{f.src_uri}>{f.url}" for f in files))

    def commit(self) -> None:
        """The build passed: keep what it made for the next one."""
        for name, entries in self.pending.items():
            self.stores[name].update(entries)
        self.discard()

    def discard(self) -> None:
        """The build failed: keep nothing it made, so its problems show again."""
        self.pending = {name: {} for name in STORES}

    def _get(self, store: str, key: str):
        found = self.stores[store].get(key)
        self.stats[store][found is None] += 1
        return found

    def _put(self, store: str, key: str, value) -> None:
        self.pending[store][key] = value

    def _remembered(self, store: str, key: str, make):
        found = self._get(store, key)
        if found is None:
            found = make()
            self._put(store, key, found)
        return found

    # --- data/ and generated bodies ----------------------------------------------------

    def load_site_data(self, data_dir: Path, docs_dir: Path):
        """The loader's result, loaded again only when data/ or the list of docs changed."""
        pages = sorted(p.relative_to(docs_dir).as_posix() for p in Path(docs_dir).rglob("*") if p.is_file())
        key = digest(self.data_key, Path(data_dir).resolve(), *pages)
        # Raises on bad data, and then nothing is kept.
        return self._remembered("data", key, lambda: load_site_data(data_dir, docs_dir=docs_dir))

    def generated_pages(self, make, data, pages_by_tag: dict) -> dict:
        return self._remembered("generated", digest(self.data_key, as_json(pages_by_tag)),
                                lambda: make(data, pages_by_tag))

    def generated_body(self, src_uri: str, url: str, make) -> str:
        return self._remembered("bodies", digest(self.world, self.data_key, src_uri, url), make)

    # --- Markdown -> HTML ----------------------------------------------------------

    def use_rendered_markdown(self, page, markdown: str) -> None:
        """Make page.render restore the cached HTML, or remember what it produces."""
        if SNIPPET_MARK in markdown:
            return  # the included file is not part of the key
        key = digest(self.world, page.file.src_uri, markdown)
        found = self._get("markdown", key)
        render = page.render

        if found is not None:
            def restore(config, files):
                # Copies: plugins (tags) add to a page's toc.
                page.content, page.toc, page._title_from_render = found.content, copy.deepcopy(found.toc), found.title
                page.present_anchor_ids = set(found.present_anchor_ids)
                if found.links_to_anchors is not None:
                    page.links_to_anchors = {files.get_file_from_path(src): dict(links)
                                             for src, links in found.links_to_anchors.items()}
            page.render = restore
            return

        def render_and_remember(config, files):
            render(config, files)
            links = getattr(page, "links_to_anchors", None)
            self._put("markdown", key, RenderedMarkdown(
                page.content, copy.deepcopy(page.toc), page._title_from_render,
                frozenset(page.present_anchor_ids or ()),
                None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()}))
        page.render = render_and_remember

    # --- the theme's templates -----------------------------------------------------

    def plan_theme(self, env, pages) -> None:
        """on_env, every page read and checked: which pages' theme output is cached.

        MkDocs picks a page's template before on_page_context, so it is decided
        here: those pages render CACHED_TEMPLATE, which prints the cached output.
        """
        env.loader = ChoiceLoader([DictLoader({CACHED_TEMPLATE: CACHED_TEMPLATE_SOURCE}), env.loader])
        nav_key = digest(as_json(nav_signature(self.nav.items)))
        for page in pages:
            if page.meta.get("template"):
                continue  # a page choosing its own template renders as it asks
            neighbours = [(p.url, p.title) if p else None for p in (page.previous_page, page.next_page)]
            key = digest(self.world, self.data_key, nav_key, page.file.src_uri, page.url, page.title,
                         getattr(page, "plain_title", None), getattr(page, "plain_description", None),
                         page.content, as_json(toc_signature(page.toc)), as_json(printed_meta(page.meta)),
                         as_json(neighbours), page.is_homepage, page.canonical_url)
            self.theme_keys[page.url] = key
            found = self._get("theme", key)
            if found is not None:
                self.theme_hits[page.url] = found
                page.meta["template"] = CACHED_TEMPLATE

    def add_cached_output(self, context, page):
        if page.url in self.theme_hits:
            context["serve_cached_output"] = Markup(self.theme_hits[page.url])
        return context

    def remember_theme_output(self, page, output: str) -> None:
        if page.url not in self.theme_hits and page.url in self.theme_keys:
            self._put("theme", self.theme_keys[page.url], output)

    # --- search entries ------------------------------------------------------------

    def memoize_search(self, search_index) -> None:
        """Wrap the search plugin's indexing of one page (an HTML parse of it)."""
        add_entry = search_index.add_entry_from_context

        def add_entry_from_context(page):
            key = digest(self.world, page.url, page.title, page.content, as_json(toc_signature(page.toc)),
                         as_json(printed_meta(page.meta)))
            found = self._get("search", key)
            if found is not None:
                search_index.entries.extend(dict(entry) for entry in found)
                return
            before = len(search_index.entries)
            add_entry(page)
            self._put("search", key, [dict(entry) for entry in search_index.entries[before:]])
        search_index.add_entry_from_context = add_entry_from_context

    # --- mkdocs-llmstxt's Markdown copies ----------------------------------------------

    def llms_markdown(self, convert, html: str, **options) -> str:
        """mkdocs-llmstxt's HTML -> Markdown conversion, a pure function of its arguments."""
        key = digest(self.config_key, html, as_json(options))  # config: the plugin's own options
        return self._remembered("llms", key, lambda: convert(html, **options))

    def summary(self) -> str:
        return ", ".join(f"{name} {hits}/{hits + misses}" for name, (hits, misses) in self.stats.items())


# --- mkdocs-llmstxt's converter, remembered while serve caches ------------------------

def _wrap_llms_converter() -> None:
    """Route the plugin's per-page converter through the serve cache.

    mkdocs-llmstxt offers no hook for this; its module-level function is the
    one place every page's conversion goes through. It stays the plugin's own
    function whenever no serve cache is on (`mkdocs build`, every test build).
    """
    from mkdocs_llmstxt._internal import plugin as llmstxt

    original = getattr(llmstxt, "_generate_page_markdown", None)
    if original is None:
        raise RuntimeError("mkdocs-llmstxt changed: it no longer converts pages in "
                           "_internal.plugin._generate_page_markdown; update macros/cache.py")
    if getattr(original, "serve_cache_wrapper", False):
        return

    def generate_page_markdown(html, **options):
        cache = current()
        return cache.llms_markdown(original, html, **options) if cache else original(html, **options)
    generate_page_markdown.serve_cache_wrapper = True
    llmstxt._generate_page_markdown = generate_page_markdown


_cache: ServeCache | None = None


def enable() -> ServeCache:
    """Serve mode: keep results across rebuilds in this process."""
    global _cache
    _wrap_llms_converter()
    _cache = ServeCache()
    return _cache


def disable() -> None:
    global _cache
    _cache = None


def current() -> ServeCache | None:
    """The serve cache, or None in `mkdocs build` (and every test build)."""
    return _cache
