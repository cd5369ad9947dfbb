"""Episode, guest and topic pages and their listings, derived from data/ alone.

Counts and "Cited on" lists are left as HTML comments (placeholders): they
are filled in after every page has been rendered (see backlinks.py), so they
are complete whatever order MkDocs renders pages in.
"""

from .folding import fold
from .rendering import render_block
from .timecodes import parse_timecode
from .urls import chapter_anchor, video_at

LINK_LABELS = {
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}/"),
    "twitter": ("X (Twitter)", "https://twitter.com/{}"),
    "github": ("GitHub", "https://github.com/{}"),
    "web": ("Website", "{}"),
}


def guest_sort_key(guest):
    return fold(guest.name).casefold()


def _guest_refs(data, episode, linker):
    return [{"name": data.guests_by_id[g].name, "href": linker.guest(g), "role": role_text(data.guests_by_id[g])}
            for g in episode.guests]


def role_text(guest) -> str | None:
    """'Lead MLOps engineer at TMNL', from the guest's hand-written role and organisation."""
    if not guest.role:
        return None
    return f"{guest.role} at {guest.organisation}" if guest.organisation else guest.role


def episode_page_md(data, slug, linker) -> str:
    episode = data.episodes_by_slug[slug]
    chapters = [
        {"seconds": s, "at": same[0].at, "title": " / ".join(c.title for c in same),
         "anchor": chapter_anchor(s), "video": video_at(episode.youtube_url, s)}
        for s, same in episode.starts.items()
    ]
    topics = [{"name": t, "href": linker.topic(t)} for t in episode.topics]
    minutes = _minutes(episode)
    facts = render_block("episode_page.html", episode=episode, guests=_guest_refs(data, episode, linker),
                         topics=topics, minutes=minutes)
    chapter_list = render_block("chapter_list.html", episode=episode, chapters=chapters)
    return f"{facts}\n## Chapters\n\n{chapter_list}"


def guest_page_md(data, guest_id, linker) -> str:
    guest = data.guests_by_id[guest_id]
    links = [
        {"label": LINK_LABELS[kind][0], "url": LINK_LABELS[kind][1].format(value)}
        for kind, value in guest.links.model_dump(exclude_none=True).items()
    ]
    # No visible "also written without accents": search folds accents already.
    header = render_block("guest_page.html", guest=guest, links=links)
    episodes = [
        {"title": e.title, "season": e.season, "episode": e.episode, "date": e.date,
         "href": linker.episode(e.slug)}
        for e in data.episodes_of(guest_id)
    ]
    episode_list = render_block("guest_episodes.html", episodes=episodes)
    return (
        f"{header}\n## Episodes\n\n{episode_list}\n"
        f"## Cited in this guide\n\n<!--guest-citations:{guest_id}-->\n"
    )


def filter_text(*parts) -> str:
    """What a listing's filter box matches: the words, accents folded, lowercase."""
    return fold(" ".join(p for p in parts if p)).casefold()


def _minutes(episode) -> int | None:
    return round(parse_timecode(episode.duration) / 60) if episode.duration else None


def episode_list_html(data, linker) -> str:
    rows = []
    for e in data.episodes:
        guests = _guest_refs(data, e, linker)
        rows.append({"episode": e, "href": linker.episode(e.slug), "guests": guests, "minutes": _minutes(e),
                     "text": filter_text(e.title, *(g["name"] for g in guests))})
    return render_block("episode_list.html", rows=rows, target="episode-listing",
                        seasons=sorted({e.season for e in data.episodes}),
                        topics=list(topics_of(data)), text_label="Title or guest")


def guest_list_html(data, linker) -> str:
    rows = []
    for g in sorted(data.guests, key=guest_sort_key):
        episodes = data.episodes_of(g.id)
        rows.append({
            "guest": g, "href": linker.guest(g.id), "role": role_text(g),
            "episodes": [{"title": e.title, "href": linker.episode(e.slug)} for e in episodes],
            "seasons": sorted({e.season for e in episodes}),
            "topics": sorted({t for e in episodes for t in e.topics}),
            "text": filter_text(g.name, g.role, g.organisation),
        })
    return render_block("guest_list.html", rows=rows, target="guest-listing",
                        seasons=sorted({e.season for e in data.episodes}),
                        topics=list(topics_of(data)), text_label="Name, role or organisation")


def topics_of(data) -> dict[str, list]:
    """Topic name -> its episodes in season order, topics from A to Z."""
    topics: dict[str, list] = {}
    for episode in data.episodes:
        for name in episode.topics:
            topics.setdefault(name, []).append(episode)
    return dict(sorted(topics.items(), key=lambda item: fold(item[0]).casefold()))


def topic_page_md(data, name, site_pages, linker) -> str:
    """One topic: the guide's pages tagged with it, then its episodes, newest season first."""
    episodes = [
        {"episode": e, "href": linker.episode(e.slug), "guests": _guest_refs(data, e, linker)}
        for e in sorted(topics_of(data)[name], key=lambda e: (-e.season, -e.episode))
    ]
    pages = [{"title": title, "href": linker.to_src(src)} for title, src in site_pages]
    return render_block("topic_page.html", name=name, episodes=episodes, pages=pages)


def topic_list_html(data, linker, pages_by_tag: dict) -> str:
    rows = [
        {"name": name, "href": linker.topic(name), "episodes": len(episodes),
         "pages": len(pages_by_tag.get(name, [])), "text": filter_text(name)}
        for name, episodes in topics_of(data).items()
    ]
    return render_block("topic_list.html", rows=rows, target="topic-listing", seasons=[], topics=[],
                        text_label="Topic")
