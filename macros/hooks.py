"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): the build's plumbing.

- on_config:       load and validate data/ once
- on_files:        add one generated page per episode, guest and topic (reached from
                   the Episodes, Guests and Topics listings, search and citations, not the nav)
- on_page_markdown: write the body of each generated page from the data
- on_page_content: number citations and record where each one sits
- on_page_context: point "Edit this page" of an episode or guest page at its data file
- on_post_page:    fill in "Cited on", guest citations and counts; fix the theme's markup
- on_post_template: the same theme fixes for 404.html
- on_post_build:   add accent-folded fields to the search index and split it so
                   that pages load it on the first search (search_index.py)
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
    return files


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
    generated = build.current().generated.get(page.file.src_uri)
    if generated is None:
        return markdown
    return generated.body(Linker(page.url, config.use_directory_urls))


@event_priority(-100)  # after Markdown and every other plugin have produced the HTML
def on_page_content(html, page, config, files):
    state = build.current()
    html = label_task_checkboxes(html)
    return state.backlinks.record(page.url, page.title or "", html)


def on_page_context(context, page, config, nav):
    generated = build.current().generated.get(page.file.src_uri)
    if generated is not None and generated.canonical_url:
        # The theme prints the one <link rel="canonical"> from this attribute: an
        # episode's canonical home is the podcast's own page, not this copy of its notes.
        page.canonical_url = generated.canonical_url
    if generated is not None and generated.data_file and config.repo_url and config.edit_uri:
        edit_root = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
        page.edit_url = urljoin(edit_root, f"../{generated.data_file}")
    return context


def on_post_page(output, page, config):
    state = build.current()
    output = fill_placeholders(output, state.backlinks, state.data, Linker(page.url, config.use_directory_urls))
    return use_site_search_worker(fix_theme_markup(output))


def on_post_template(output_content, template_name, config):
    """Theme pages that are not Markdown pages (404.html) get the same fixes."""
    if not template_name.endswith(".html"):
        return output_content
    return use_site_search_worker(fix_theme_markup(output_content))


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    split_search_index(Path(config.site_dir))
