"""The facts of one built page for its <head>: link-preview tags, JSON-LD, last-updated date.

hooks.py calls `describe_page` for every Markdown page (on_page_context) and
`describe_not_found` for 404.html (on_template_context); overrides/main.html
writes the result. The shapes themselves come from metadata.py (pure); this
module only reads MkDocs' page, nav and config objects.

Dates: git-revision-date-localized dates every page written in docs/. A page
generated from data/ has no file in docs/, so it takes the last commit of the
data file(s) it is made from (`data_file_dates`); outside a git checkout, as
in the tests' copies of the project, every such page takes the build date,
as the plugin does for its own pages (fallback_to_build_date).
"""

import subprocess
import time
from pathlib import Path

from .errors import SiteError
from .metadata import (absolute, breadcrumb_list, graph, json_ld_text, page_node, person_node,
                       podcast_episode_node, social_tags, website_node)
from .urls import EPISODES_DIR, GUESTS_DIR, TOPICS_DIR, guest_src, page_url, topic_slug

# Hand-written pages that list other pages rather than teach: CollectionPage, not TechArticle.
COLLECTION_PAGES = {f"{EPISODES_DIR}/index.md", f"{GUESTS_DIR}/index.md", f"{TOPICS_DIR}/index.md", "tags.md"}
HOME = "index.md"
# The keys git-revision-date-localized sets on page.meta; Material shows the first.
DATE_SHOWN = "git_revision_date_localized"
DATE_ISO = "git_revision_date_localized_raw_iso_date"


# --- dates ---------------------------------------------------------------------------------

def parse_git_log(output: str) -> dict[str, int]:
    """`git log --format=%x00%ct --name-only` output -> path: time of its latest commit.

    git log lists newest commits first, so the first time a path appears is its latest.
    """
    latest: dict[str, int] = {}
    for entry in output.split("\x00")[1:]:
        lines = entry.strip().splitlines()
        if not lines:
            continue
        stamp = int(lines[0])
        for path in lines[1:]:
            if path.strip():
                latest.setdefault(path.strip(), stamp)
    return latest


def data_file_dates(project_dir: Path) -> dict[str, int]:
    """Path (relative to the project, e.g. 'data/episodes/x.yml') -> Unix time of its last commit.

    Empty when the project is not a git checkout (a copy, an archive): callers use the build time.
    """
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=project_dir, capture_output=True,
                             text=True, timeout=60, check=True).stdout.strip()
        log = subprocess.run(["git", "log", "--format=%x00%ct", "--name-only", "--", "data"],
                             cwd=project_dir, capture_output=True, text=True, timeout=120, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    # git names paths from the repository's top, which may be above the project.
    prefix = Path(project_dir).resolve().relative_to(Path(top).resolve()).as_posix()
    strip = "" if prefix == "." else prefix + "/"
    return {path.removeprefix(strip): stamp for path, stamp in parse_git_log(log).items()}


def date_meta(stamp: int, locale: str = "en") -> dict[str, str]:
    """The page.meta entries git-revision-date-localized sets for a time (type: date), made by its own code."""
    from mkdocs_git_revision_date_localized_plugin.dates import get_date_formats
    from mkdocs_git_revision_date_localized_plugin.util import Util

    formats = get_date_formats(stamp, locale=locale, time_zone="UTC")
    return {DATE_SHOWN: Util.add_spans(dict(formats))["date"], DATE_ISO: formats["iso_date"]}


def generated_page_date(src_uri: str, data, dates: dict[str, int], build_time: int) -> int:
    """The newest commit among the data files a generated page is made from."""
    folder, _, name = src_uri.partition("/")
    key = name.removesuffix(".md")
    if folder == EPISODES_DIR:
        files = [data.file_of("episode", key)]
    elif folder == GUESTS_DIR:
        files = [data.file_of("guest", key)]
    else:  # a topic page: made from every episode carrying the topic
        files = [data.file_of("episode", e.slug) for e in data.episodes
                 if any(topic_slug(t) == key for t in e.topics)]
    known = [dates[f] for f in files if f in dates]
    return max(known) if known else build_time


# --- head ----------------------------------------------------------------------------------

def _trail(page, nav, site_url: str, titles_by_url: dict[str, str], title: str) -> list[tuple[str, str]]:
    """Home, the nav sections above the page (each linked to its first page), then the page.

    A page outside the nav (generated from data/) sits under the listing of its folder.
    """
    trail = [(titles_by_url.get("", "Home"), absolute(site_url, ""))]
    sections = list(reversed(page.ancestors or []))
    if sections:
        for section in sections:
            first = next((child for child in section.children if child.is_page), None)
            if first is not None:
                trail.append((section.title, absolute(site_url, first.url)))
    else:
        folder = page.url.rsplit("/", 2)[0] + "/" if page.url.count("/") > 1 else None
        if folder in titles_by_url:
            trail.append((titles_by_url[folder], absolute(site_url, folder)))
    own = absolute(site_url, page.url)
    trail = [step for step in trail if step[1] != own]
    trail.append((title, own))
    return trail


def plain_title(page) -> str | None:
    """The page's title as text: hooks.py escapes page.title for the theme, which prints it as HTML."""
    return getattr(page, "plain_title", None) or page.title


def nav_titles(nav) -> dict[str, str]:
    """URL -> title of every page in the nav (the parents a breadcrumb can name)."""
    return {p.url: plain_title(p) for p in nav.pages if p.title}


def describe_page(page, config, nav, data, generated: dict) -> dict:
    """{'meta_tags': [MetaTag], 'json_ld': str} for one Markdown page."""
    src = page.file.src_uri
    description = getattr(page, "plain_description", None) or page.meta.get("description")
    if not description or not str(description).strip():
        where = f"docs/{src}" if src not in generated else f"the generated page {src}"
        raise SiteError(f"{where}: front matter has no 'description'; add one sentence saying what the page "
                        "offers (it is the page's search snippet and link preview)")
    description = " ".join(str(description).split())
    site_url = config.site_url or ""
    site_name = config.site_name
    url = absolute(site_url, page.url)
    title = site_name if src == HOME else (plain_title(page) or site_name)
    date = page.meta.get(DATE_ISO)
    site = website_node(site_name=site_name, site_url=absolute(site_url, ""), description=config.site_description)
    titles = nav_titles(nav)
    crumbs = breadcrumb_list(_trail(page, nav, site_url, titles, title))
    folder = src.split("/", 1)[0]

    if src == HOME:
        document = graph(site, page_node("WebPage", title=title, description=description, url=url,
                                         site_url=site["url"], date_modified=date))
        kind = "website"
    elif src in generated and folder == EPISODES_DIR:
        episode = data.episodes_by_slug[src[len(EPISODES_DIR) + 1:-len(".md")]]
        guests = [person_node(data.guests_by_id[g], absolute(site_url, page_url(guest_src(g), config.use_directory_urls)))
                  for g in episode.guests]
        document = graph(podcast_episode_node(episode, url=url, description=description, guests=guests,
                                              date_modified=date), crumbs)
        kind = "article"
    elif src in generated and folder == GUESTS_DIR:
        guest = data.guests_by_id[src[len(GUESTS_DIR) + 1:-len(".md")]]
        document = graph(page_node("ProfilePage", title=title, description=description, url=url, site_url=site["url"],
                                   date_modified=date, main_entity=person_node(guest, url)), crumbs)
        kind = "profile"
    elif src in generated or src in COLLECTION_PAGES:
        document = graph(page_node("CollectionPage", title=title, description=description, url=url,
                                   site_url=site["url"], date_modified=date), crumbs)
        kind = "website"
    else:
        document = graph(page_node("TechArticle", title=title, description=description, url=url,
                                   site_url=site["url"], date_modified=date,
                                   keywords=[str(t) for t in page.meta.get("tags") or []]), crumbs)
        kind = "article"
    return {"meta_tags": social_tags(title=title, description=description, url=url, site_name=site_name, kind=kind),
            "json_ld": json_ld_text(document)}


def describe_not_found(config) -> dict:
    """The 404 page: the site's own description, and a WebPage of the site."""
    site_url = absolute(config.site_url or "", "")
    url = absolute(site_url, "404.html")
    title = "Page not found"
    description = " ".join(config.site_description.split())
    document = graph(website_node(site_name=config.site_name, site_url=site_url, description=description),
                     page_node("WebPage", title=title, description=description, url=url, site_url=site_url))
    return {"meta_tags": social_tags(title=title, description=description, url=url, site_name=config.site_name,
                                     kind="website"),
            "json_ld": json_ld_text(document)}


def build_time() -> int:
    return int(time.time())
