"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the build's plumbing.

- on_config:       load and validate data/ once
- on_files:        add one generated page per episode, guest and topic (reached from
                   the Episodes, Guests and Topics listings, search and citations, not the nav);
                   hold llms.txt's sections until the pages are finished (llms.py)
- on_page_markdown: write the body of each generated page from the data, and date
                   it by its data file's last commit (page_head.py)
- on_page_content: number citations and record where each one sits
- on_page_context: point "Edit this page" of an episode or guest page at its data file;
                   give main.html the page's link-preview tags and JSON-LD (page_head.py)
- on_template_context: the same for 404.html
- on_post_page:    fill in "Cited on", guest citations and counts; fix the theme's markup;
                   have mkdocs-llmstxt make its Markdown copy from the finished content
- on_post_template: the same theme fixes for 404.html
- on_post_build:   add accent-folded fields to the search index and split it so
                   that pages load it on the first search (search_index.py);
                   write /citations.json from the backlink index (citations_file.py)
"""

import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils.meta import get_data as read_front_matter

# MkDocs loads this file by path; make the package beside it importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import build  # noqa: E402
from macros.theme_markup import fix_theme_markup, label_task_checkboxes  # noqa: E402
from macros.backlinks import fill_placeholders  # noqa: E402
from macros.errors import SiteError  # noqa: E402
from macros.search_index import split_search_index, use_site_search_worker  # noqa: E402
from macros.generated import generated_pages  # noqa: E402
from macros.urls import Linker  # noqa: E402
from macros.llms import llms_sections, with_title  # noqa: E402
from macros.citations_file import citations_document, write_citations_file  # noqa: E402
from macros.page_head import (build_time, data_file_dates, date_meta, describe_not_found,  # noqa: E402
                              describe_page, generated_page_date)


@event_priority(100)  # before the macros plugin, which reads the data in its on_config
def on_config(config):
    project_dir = Path(config.config_file_path).parent
    try:
        build.start(project_dir, Path(config.docs_dir), config.use_directory_urls)
    except SiteError as error:
        raise PluginError(str(error)) from None
    return config


def on_files(files, config):
    state = build.current()
    state.pages_by_tag = pages_by_tag(files)
    state.generated = generated_pages(state.data, state.pages_by_tag)
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


def on_page_markdown(markdown, page, config, files):
    state = build.current()
    generated = state.generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    # git-revision-date-localized dates files in docs/; this page's history is its data's.
    page.meta.update(date_meta(generated_page_date(page.file.src_uri, state.data, state.data_dates, build_time())))
    return generated.body(Linker(page.url, config.use_directory_urls))


@event_priority(-100)  # after Markdown and every other plugin have produced the HTML
def on_page_content(html, page, config, files):
    state = build.current()
    html = label_task_checkboxes(html)
    return state.backlinks.record(page.url, page.title or "", html)


def on_page_context(context, page, config, nav):
    state = build.current()
    generated = state.generated.get(page.file.src_uri)
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
    split_search_index(Path(config.site_dir))
    state = build.current()
    write_citations_file(Path(config.site_dir),
                         citations_document(state.backlinks, state.data, config.site_name, config.site_url or ""))
