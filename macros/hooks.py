"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the build's plumbing.

- on_config:       load and validate data/ once; refuse symbolic links
- on_pre_build:    render pages with the sandboxed, whitelisted Jinja (jinja_policy.py)
- on_files:        add one generated page per episode, guest and topic (reached from
                   the Episodes, Guests and Topics listings, search and citations, not the nav);
                   hold llms.txt's sections until the pages are finished (llms.py)
- on_nav:          (serve cache only) keep the nav, part of each page's key
- on_page_read_source: report front matter MkDocs would drop (front_matter.py)
- on_page_markdown: write the body of each generated page from the data, and date
                   it by its data file's last commit (page_head.py); check
                   snippet includes of the others (file_access.py)
- on_page_content: check the page's HTML (html_policy.py, page_checks.py); number
                   citations and record where each one sits; escape titles for the theme
- on_env:          every page has been read: stop with every problem found
- on_page_context: point "Edit this page" of an episode or guest page at its data file;
                   give main.html the page's link-preview tags and JSON-LD (page_head.py)
- on_template_context: the same for 404.html
- on_post_page:    fill in "Cited on", guest citations and counts; fix the theme's markup;
                   have mkdocs-llmstxt make its Markdown copy from the finished content
- on_post_template: the same theme fixes for 404.html
- on_post_build:   add accent-folded fields to the search index and split it so
                   that pages load it on the first search (search_index.py);
                   write /citations.json from the backlink index (citations_file.py)

Under `make serve`, and only there, the same hooks keep unchanged pages' results
between rebuilds (macros/cache.py); each `serve_cache` use below is one.

Problems in pages are reported, not raised where found (build.Build.report):
the build goes on so that one run lists them all, each as `path:line: message`,
and on_env raises them together as one BuildProblems, which MkDocs prints once.
"""

import sys
from html import escape, unescape
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data as read_front_matter

# MkDocs loads this file by path; make the package beside it importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import build, html_policy, page_checks, use_page_environment  # noqa: E402
from macros import cache as serve_cache  # noqa: E402
from macros.theme_markup import fix_theme_markup, label_task_checkboxes  # noqa: E402
from macros.backlinks import fill_placeholders  # noqa: E402
from macros.errors import BuildProblems, DataError, Problem, SiteError  # noqa: E402
from macros.file_access import check_snippets, symlinks  # noqa: E402
from macros.front_matter import check_front_matter  # noqa: E402
from macros.search_index import split_search_index, use_site_search_worker  # noqa: E402
from macros.generated import generated_pages  # noqa: E402
from macros.sources import PageSource  # noqa: E402
from macros.strict_yaml import duplicate_key_message, duplicate_keys_in  # noqa: E402
from macros.urls import GUESTS_DIR, Linker, page_url  # noqa: E402
from macros.llms import llms_sections, with_title  # noqa: E402
from macros.citations_file import citations_document, write_citations_file  # noqa: E402
from macros.page_head import (build_time, data_file_dates, date_meta, describe_not_found,  # noqa: E402
                              describe_page, generated_page_date)


@event_priority(100)  # before the macros plugin, which reads the data in its on_config
def on_config(config):
    project_dir = Path(config.config_file_path).parent
    # Pages cannot render without data, nor be trusted beside a link out of the
    # project: these stop the build here, all reported together.
    problems = [Problem(path, None, message) for path, message in symlinks(project_dir)]
    problems += duplicate_keys_in_config(Path(config.config_file_path))
    cached = serve_cache.current()
    if cached:
        cached.start_build(config)
    try:
        build.start(project_dir, Path(config.docs_dir), config.use_directory_urls,
                    **({"load": cached.load_site_data} if cached else {}))
    except DataError as error:
        problems += [p if isinstance(p, Problem) else Problem.from_text(p) for p in error.problems]
    except SiteError as error:
        raise PluginError(str(error)) from None
    if problems:
        raise BuildProblems(problems)
    return config


def duplicate_keys_in_config(path: Path) -> list[Problem]:
    """MkDocs keeps the last of two equal keys in mkdocs.yml (a second `plugins:` drops the first)."""
    return [Problem.from_text(duplicate_key_message(d, path.name, " > ".join(map(str, d.loc))))
            for d in duplicate_keys_in(path.read_text(encoding="utf-8"))]


def on_pre_build(config):
    use_page_environment(config.plugins["macros"])
    search = config.plugins.get("material/search")
    if (cached := serve_cache.current()) and search is not None and search.config.enabled:
        cached.memoize_search(search.search_index)


def on_files(files, config):
    state = build.current()
    state.pages_by_tag = pages_by_tag(files)
    cached = serve_cache.current()
    state.generated = (cached.generated_pages(generated_pages, state.data, state.pages_by_tag) if cached
                       else generated_pages(state.data, state.pages_by_tag))
    state.data_dates = data_file_dates(Path(config.config_file_path).parent)
    for src_uri, generated in state.generated.items():
        existing = files.get_file_from_path(src_uri)
        if existing is not None and not existing.generated_by:
            raise PluginError(
                f"docs/{src_uri} exists, but episode, guest and topic pages are generated from data/; "
                f"delete docs/{src_uri} and edit {generated.data_file or 'the episodes in data/episodes/'} instead"
            )
        # Not in the nav: a sidebar of every episode and guest would be unusable at
        # archive scale and would make every page's build cost grow with their count.
        files.append(File.generated(config, src_uri, content=generated.source, inclusion=InclusionLevel.NOT_IN_NAV))
    list_pages_in_llms_txt(files, config, state.generated)
    if cached:
        cached.set_files(files, state.pages_by_tag, state.data_dates)
    return files


def list_pages_in_llms_txt(files, config, generated: dict) -> None:
    """Hold mkdocs-llmstxt back until the pages are finished (see refresh_markdown_copy).

    The plugin converts each page to Markdown while it renders, before "Cited
    on" lists, counts and guest citations are filled in (they need every page
    rendered first). So its sections (mkdocs.yml's globs, given each page's
    description by llms.py) are kept aside here and emptied, so that it
    converts nothing yet; the first on_post_page hands them back.
    """
    plugin = config.plugins.get("llmstxt")
    if plugin is None:
        return
    descriptions = {}
    for file in files.documentation_pages():
        source = generated[file.src_uri].source if file.src_uri in generated else file.content_string
        descriptions[file.src_uri] = str(read_front_matter(source)[1].get("description") or "")
    build.current().llms_pending = (llms_sections(descriptions, config.nav, dict(plugin.config.sections)), files)
    plugin.config.sections = {}
    plugin.on_files(files, config=config)


def on_nav(nav, config, files):
    if cached := serve_cache.current():
        cached.nav = nav  # every page's sidebar: part of its theme output's key
    return nav


def pages_by_tag(files) -> dict[str, list[tuple[str, str]]]:
    """Tag -> (title, src_uri) of the hand-written pages carrying it, for the topic pages.

    Read from front matter here, before any page renders, because a topic page
    may render before the pages that carry its tag.
    """
    tagged: dict[str, list[tuple[str, str]]] = {}
    for file in files.documentation_pages():
        if file.generated_by:
            continue
        meta = read_front_matter(file.content_string)[1]
        for tag in meta.get("tags") or []:
            tagged.setdefault(str(tag), []).append((str(meta.get("title") or file.name), file.src_uri))
    return {tag: sorted(pages, key=lambda page: page[0].casefold()) for tag, pages in tagged.items()}


@event_priority(-100)  # last, after every plugin: the serve cache keys a page by its final Markdown
def on_page_markdown(markdown, page, config, files):
    """After the macros plugin and every other: the page's final Markdown."""
    markdown = final_markdown(markdown, page, config)
    if cached := serve_cache.current():
        cached.use_rendered_markdown(page, markdown)
    return markdown


def final_markdown(markdown, page, config) -> str:
    state, cached = build.current(), serve_cache.current()
    generated = state.generated.get(page.file.src_uri)
    if generated is not None:
        # git-revision-date-localized dates files in docs/; this page's history is its data's.
        page.meta.update(date_meta(generated_page_date(page.file.src_uri, state.data, state.data_dates, build_time())))

        def body():
            return generated.body(Linker(page.url, config.use_directory_urls))
        return cached.generated_body(page.file.src_uri, page.url, body) if cached else body()
    markdown, refused = check_snippets(markdown, Path(config.config_file_path).parent)
    if refused:
        source = PageSource.of(page)
        for included, message in refused:
            state.report(source.path, source.find_text([included]), message)
    return markdown


def on_page_read_source(page, config):
    """Front matter that is not valid YAML, or repeats a key, is reported (MkDocs would drop it)."""
    try:
        check_front_matter(page.file.content_string, f"docs/{page.file.src_uri}")
    except SiteError as error:
        problem = Problem.from_text(str(error))
        build.current().report(problem.path, problem.line, problem.message)
    return None  # MkDocs reads the page as usual


@event_priority(-100)  # after Markdown and every other plugin have produced the HTML
def on_page_content(html, page, config, files):
    state = build.current()
    if not page.file.generated_by:
        check_page_html(state, page, html, config, files)
    html = label_task_checkboxes(html)
    html = state.backlinks.record(page.url, page_title_text(page), html)
    escape_titles_for_theme(page)
    return html


def page_title_text(page) -> str:
    """The page's title as plain text.

    A title given in front matter, in the nav or set by a plugin (mkdocs-macros
    renders Jinja in titles) is text; one MkDocs takes from the first heading
    is HTML, with entities escaped.
    """
    if "title" in vars(page) or "title" in page.meta:  # vars: a title set on the page object
        return str(page.title)
    return unescape(page.title or "")


def escape_titles_for_theme(page) -> None:
    """Escape the title and description that the theme prints as HTML.

    Material prints page.title, page.meta.title and page.meta.description
    unescaped (<title>, header, <h1>, meta description, nav and footer links,
    the search index). MkDocs renders every page's content before it renders
    any page into the theme, so escaping here, once per page, reaches another
    page's nav and footer too. Titles only land in text, so quotes stay as
    they are (the footer's aria-label escapes the title once more); the
    description lands in an attribute, so its quotes are escaped.
    """
    title = page_title_text(page)
    # The plain texts stay at hand for what escapes by itself (page_head.py's
    # link-preview tags and JSON-LD), which would otherwise escape twice.
    page.plain_title = title
    page.plain_description = page.meta.get("description")
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = escape(page.meta["title"], quote=False)
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = escape(page.meta["description"])
    page.title = escape(title, quote=False)


def check_page_html(state, page, html, config, files):
    """Report what a written page's HTML must not contain, each at its source line."""
    source = PageSource.of(page)
    seen = {}
    for where, message in html_policy.problems(html):
        seen[message] = seen.get(message, 0) + 1  # the second identical breach is on a later line
        state.report(source.path, source.find_text(where, occurrence=seen[message]), message)
    report_at_lines(state, source, page_checks.cited_headings(html), page_checks.heading_lines_citing(source.lines),
                    "a citation in a heading is lost from its episode's \"Cited on\" list; "
                    "cite in the text under the heading instead")
    report_at_lines(state, source, page_checks.empty_header_cells(html),
                    page_checks.table_header_lines_with_empty_cell(source.lines),
                    "a table column has an empty header, which screen readers announce as blank; "
                    "name the column (for example 'Aspect')")
    pages = {f.url: (f.src_uri if f.is_documentation_page() else None) for f in files}
    for url, message in page_checks.site_link_problems(html, config.site_url, page.file.src_uri, pages):
        state.report(source.path, source.find_text([url]), message)


def report_at_lines(state, source, found: int, lines: list[int], message: str) -> None:
    """Report `found` problems seen in a page's HTML at the source lines a scan of its
    Markdown found for them, in order; one the scan missed is reported without a line."""
    for n in range(found):
        state.report(source.path, lines[n] if n < len(lines) else None, message)


def on_env(env, config, files):
    """Every page has been read and checked: stop here, before any is written, if one is bad."""
    build.current().raise_problems()
    if cached := serve_cache.current():
        cached.plan_theme(env, [f.page for f in files.documentation_pages() if f.page])
    return env


def on_page_context(context, page, config, nav):
    state = build.current()
    if cached := serve_cache.current():
        context = cached.add_cached_output(context, page)
    generated = state.generated.get(page.file.src_uri)
    if generated is not None and generated.canonical_url:
        # The theme prints the one <link rel="canonical"> from this attribute: an
        # episode's canonical home is the podcast's own page, not this copy of its notes.
        page.canonical_url = generated.canonical_url
    if generated is not None and generated.data_file and config.repo_url and config.edit_uri:
        edit_root = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        page.edit_url = urljoin(edit_root, f"../{generated.data_file}")
    try:
        context["page_head"] = describe_page(page, config, nav, state.data, state.generated)
    except SiteError as error:
        raise PluginError(str(error)) from None
    return context


def on_template_context(context, template_name, config):
    """404.html is rendered without a page: it gets the site's own preview and JSON-LD."""
    if template_name == "404.html":
        context["page_head"] = describe_not_found(config)
    return context


def on_post_page(output, page, config):
    state = build.current()
    if cached := serve_cache.current():
        cached.remember_theme_output(page, output)  # before "Cited on" and counts, which are never cached
    linker = Linker(page.url, config.use_directory_urls)
    output = fill_placeholders(output, state.backlinks, state.data, linker)
    refresh_markdown_copy(page, config, fill_placeholders(page.content, state.backlinks, state.data, linker))
    return use_site_search_worker(fix_theme_markup(output))


def refresh_markdown_copy(page, config, content_html: str) -> None:
    """Have mkdocs-llmstxt convert the finished page: placeholders filled, title as <h1>.

    Every page has rendered by the first on_post_page, so that is when the
    plugin gets its sections back (list_pages_in_llms_txt); each page is then
    converted once, here.
    """
    plugin = config.plugins.get("llmstxt")
    if plugin is None:
        return
    state = build.current()
    if state.llms_pending is not None:
        sections, files = state.llms_pending
        state.llms_pending = None
        plugin.config.sections = sections
        plugin.on_files(files, config=config)
    plugin.on_page_content(with_title(content_html, page.title or ""), page=page)


def on_post_template(output_content, template_name, config):
    """Theme pages that are not Markdown pages (404.html) get the same fixes."""
    if not template_name.endswith(".html"):
        return output_content
    return use_site_search_worker(fix_theme_markup(output_content))


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    state = build.current()
    state.raise_problems()
    archive = {page_url(src, config.use_directory_urls) for src in state.generated
               if not src.startswith(GUESTS_DIR + "/")}
    split_search_index(Path(config.site_dir), later_pages=archive)
    write_citations_file(Path(config.site_dir),
                         citations_document(state.backlinks, state.data, config.site_name, config.site_url or ""))
