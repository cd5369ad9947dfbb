"""Import the DataTalks.Club podcast archive into data/: `make import ARCHIVE=<website checkout>`.

Reads the podcast website's own files (`_podcast/*.md`, `_people/*.md`) and
writes one file per episode (data/episodes/<slug>.yml) and per guest
(data/guests/<id>.yml). Only facts are copied: titles, numbers, dates,
durations, guests, links, topics, chapter starts and names, handles. The
transcripts, intros, descriptions and biographies never leave the archive.

What the site writes by hand survives a re-import: a file's `curated:` list
names fields the importer leaves as they are, a chapter start that a page or
data/ cites is kept even if the archive drops it, and files the archive does
not know (an episode added by hand) are left alone. The same input always
writes the same bytes, so a re-run changes nothing.

Each run prints a summary and writes a report (data/import-report.json):
what was added, changed, skipped, rejected and left out, each with the
archive file it came from.

    python -m macros.importer ../shared/sources/datatalksclub [--project .]
"""

import argparse
import datetime
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

from .models import SLUG, normalise_youtube
from .timecodes import format_timecode, parse_timecode

EPISODES_DIR = "episodes"
GUESTS_DIR = "guests"
REPORT = "import-report.json"
PODCAST_PAGE = "https://datatalks.club/podcast/{}.html"
PERSON_PAGE = "https://datatalks.club/people/{}.html"

# The order fields are written in, so files diff well and read the same way.
EPISODE_FIELDS = ("slug", "title", "season", "episode", "date", "duration", "guests", "topics",
                  "page_url", "youtube_url", "spotify_url", "apple_url", "chapters", "curated")
GUEST_FIELDS = ("id", "name", "page_url", "links", "role", "organisation", "curated")
HANDLES = ("linkedin", "twitter", "github")

# Archive topics that mean the same as another spelling, or as one of the site's
# tags (mkdocs.yml tags_allowed): casefolded archive spelling -> the name used here.
# Topics not listed keep their own words, in sentence case.
TOPIC_NAMES = {
    "llms": "LLM", "llm": "LLM", "generative ai": "LLM",
    "career transition": "Career transition", "career transitions": "Career transition",
    "career switch": "Career transition",
    "job search": "Job search", "mlops": "MLOps", "production": "Production", "tools": "Tools",
    "software engineering": "Software engineering", "system design": "System design",
    "applied research": "Research", "evaluation metrics": "Evaluation", "data": "Data",
    "ai infrastructure": "Infrastructure",
    # The archive's "contributing" is about open-source contributions, not about
    # contributing to this site (the site's "Contributing" tag): not merged.
    "contributing": "Open source", "open-source": "Open source", "open source": "Open source",
    "ai": "AI", "ai adoption": "AI adoption", "dataops": "DataOps", "nlp": "NLP", "finops": "FinOps",
    "date engineering": "Data engineering",
    "startup": "Startups", "startups": "Startups",
    "mentoring": "Mentorship", "mentorship": "Mentorship",
    "personal branding": "Personal brand", "personal brand": "Personal brand",
    "career transition and growth": "Career growth",
}


class ArchiveProblem(Exception):
    """One archive file cannot be imported as it is; the message says why."""


@dataclass
class Report:
    """What one run did, kept in the order the archive was read (files sorted by name)."""

    written: dict = field(default_factory=lambda: {"episodes": [], "guests": []})
    added: dict = field(default_factory=lambda: {"episodes": [], "guests": []})
    changed: dict = field(default_factory=lambda: {"episodes": {}, "guests": {}})
    reformatted: dict = field(default_factory=lambda: {"episodes": [], "guests": []})  # same values, rewritten
    kept: dict = field(default_factory=lambda: {"episodes": {}, "guests": {}})
    skipped: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    left_out: list = field(default_factory=list)
    curated: list = field(default_factory=list)
    topics: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "written": {k: sorted(v) for k, v in self.written.items()},
            "added": {k: sorted(v) for k, v in self.added.items()},
            "changed": {k: dict(sorted(v.items())) for k, v in self.changed.items()},
            "reformatted": {k: sorted(v) for k, v in self.reformatted.items()},
            "kept": {k: dict(sorted(v.items())) for k, v in self.kept.items()},
            "skipped": sorted(self.skipped, key=lambda x: x["file"]),
            "rejected": sorted(self.rejected, key=lambda x: x["file"]),
            "left_out": sorted(self.left_out, key=lambda x: (x["file"], x["field"])),
            "curated": sorted(self.curated, key=lambda x: (x["file"], x["field"])),
            "topics": dict(sorted(self.topics.items())),
        }

    def summary(self) -> str:
        lines = []
        for kind in ("episodes", "guests"):
            lines.append(
                f"{kind}: {len(self.written[kind])} written ({len(self.added[kind])} added, "
                f"{len(self.changed[kind])} changed), {len(self.kept[kind])} kept as they were"
            )
        lines.append(f"topics: {len(self.topics)}")
        for title, items, key in (("skipped", self.skipped, "reason"), ("rejected", self.rejected, "problem")):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  {item['file']}: {item[key]}" for item in sorted(items, key=lambda x: x["file"]))
        lines.append(f"left out: {len(self.left_out)} field(s) the site cannot use as the archive has them")
        lines.append(f"curated fields that differ from the archive: {len(self.curated)}")
        return "\n".join(lines)


# ---- reading the archive -------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def front_matter(path: Path, shown: str) -> dict:
    """The YAML between the opening '---' lines; the body (transcript prose, bio) is never read."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise ArchiveProblem(f"{shown}: no front matter: the file must start with a '---' line")
    try:
        meta = yaml.load(match.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506
    except yaml.YAMLError as error:
        raise ArchiveProblem(f"{shown}: front matter is not valid YAML: {error}".splitlines()[0]) from None
    if not isinstance(meta, dict):
        raise ArchiveProblem(f"{shown}: front matter is not a mapping")
    return meta


def iso_duration(text) -> int:
    """'PT01H01M51S' -> 3711 seconds."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?", str(text))
    if not match or not any(match.groups()):
        raise ValueError(f"duration {text!r} is not ISO 8601 (e.g. PT01H01M51S)")
    hours, minutes, seconds = (int(g or 0) for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def chapters_from_clips(clips, shown: str) -> list[tuple[int, str]]:
    chapters = []
    for number, clip in enumerate(clips, 1):
        start, name = clip.get("startOffset"), str(clip.get("name") or "").strip()
        if isinstance(start, bool) or not isinstance(start, int) or start < 0:
            raise ArchiveProblem(f"{shown}: quotableClips {number}: startOffset {start!r} is not a number of seconds")
        if not name:
            raise ArchiveProblem(f"{shown}: quotableClips {number}: the chapter has no name")
        chapters.append((start, name))
    return chapters


def chapters_from_headers(transcript) -> list[tuple[int, str]]:
    """A chapter starts at the `sec` of the first transcript line after its header.

    `sec` is used, never `time`: a few transcripts have `time` strings that run
    backwards. Headers with no line after them have no start and are dropped.
    """
    chapters, waiting = [], []
    for item in transcript or []:
        if not isinstance(item, dict):
            continue
        if "header" in item:
            waiting.append(str(item["header"]).strip())
        elif isinstance(item.get("sec"), int) and not isinstance(item.get("sec"), bool) and waiting:
            chapters.extend((item["sec"], name) for name in waiting if name)
            waiting = []
    return chapters


def check_order(chapters, shown: str, source: str) -> None:
    for (before, name_before), (after, name_after) in zip(chapters, chapters[1:]):
        if after < before:
            raise ArchiveProblem(
                f"{shown}: chapter times run backwards in {source}: '{name_after}' starts at "
                f"{format_timecode(after)}, before '{name_before}' at {format_timecode(before)}"
            )


def https_link(value, shown: str, name: str, left_out: list) -> str | None:
    if value in (None, ""):
        return None
    text = str(value).strip()
    if text.startswith("https://") and " " not in text and len(text) > len("https://"):
        return text
    left_out.append({"file": shown, "field": name, "reason": f"{text!r} is not an https:// link"})
    return None


def episode_from_archive(path: Path, shown: str, people: dict, left_out: list) -> dict:
    """The site's fields for one episode file, or ArchiveProblem naming what is inconsistent."""
    meta = front_matter(path, shown)
    slug = path.name.split(".", 1)[0]  # a few files end in '.md.md'
    if not SLUG.match(slug):
        raise ArchiveProblem(f"{shown}: file name {slug!r} is not a usable slug (lowercase words and hyphens)")
    for key in ("title", "season", "episode"):
        if meta.get(key) in (None, ""):
            raise ArchiveProblem(f"{shown}: no '{key}'")
    for key in ("season", "episode"):
        if isinstance(meta[key], bool) or not isinstance(meta[key], int) or meta[key] < 1:
            raise ArchiveProblem(f"{shown}: '{key}' is {meta[key]!r}, not a positive whole number")

    guests = meta.get("guests") or []
    if not guests:
        raise ArchiveProblem(f"{shown}: no guests")
    for guest in guests:
        if guest not in people:
            raise ArchiveProblem(f"{shown}: guest '{guest}' has no person file _people/{guest}.md")
        if not SLUG.match(str(guest)):
            raise ArchiveProblem(f"{shown}: guest id '{guest}' cannot name a page (lowercase words and hyphens only)")

    links, ids = meta.get("links") or {}, meta.get("ids") or {}
    video_link = links.get("youtube") or (f"https://www.youtube.com/watch?v={ids['youtube']}" if ids.get("youtube") else None)
    if not video_link:
        raise ArchiveProblem(f"{shown}: no video: neither links.youtube nor ids.youtube is set")
    try:
        youtube_url = normalise_youtube(str(video_link).strip())
    except ValueError as error:
        raise ArchiveProblem(f"{shown}: links.youtube: {error}") from None
    # ids.youtube sometimes carries the rest of a URL ('NfAJAr7FvyY&t'): the id ends there.
    video_id = re.split(r"[&?#]", str(ids.get("youtube") or ""))[0]
    if video_id and not youtube_url.endswith(f"v={video_id}"):
        raise ArchiveProblem(f"{shown}: links.youtube ({video_link}) and ids.youtube ({video_id}) name different videos")

    if meta.get("quotableClips"):
        chapters, source = chapters_from_clips(meta["quotableClips"], shown), "quotableClips"
    else:
        chapters, source = chapters_from_headers(meta.get("transcript")), "the transcript's headers"
    if not chapters:
        return {}  # nothing to cite: the caller skips it
    check_order(chapters, shown, source)

    duration = None
    if meta.get("duration"):
        try:
            seconds = iso_duration(meta["duration"])
        except ValueError as error:
            raise ArchiveProblem(f"{shown}: {error}") from None
        last = chapters[-1]
        if last[0] >= seconds:
            # The archive's duration is the audio's; YouTube chapters can run past it.
            left_out.append({"file": shown, "field": "duration", "reason": (
                f"{meta['duration']} ends before chapter '{last[1]}' at {format_timecode(last[0])}")})
        else:
            duration = format_timecode(seconds)

    date = meta.get("dateadded")
    if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.strip()):
        date = datetime.date.fromisoformat(date.strip())  # a quoted date: the same fact
    if date is not None and not isinstance(date, datetime.date):
        left_out.append({"file": shown, "field": "dateadded", "reason": f"{date!r} is not a date"})
        date = None

    return {
        "slug": slug,
        "title": " ".join(str(meta["title"]).split()),
        "season": meta["season"],
        "episode": meta["episode"],
        "date": date,
        "duration": duration,
        "guests": list(guests),
        "topics": normalise_topics(meta.get("topics") or []),
        "page_url": PODCAST_PAGE.format(path.name[: -len(".md")]),
        "youtube_url": youtube_url,
        "spotify_url": https_link(links.get("spotify"), shown, "links.spotify", left_out),
        "apple_url": https_link(links.get("apple"), shown, "links.apple", left_out),
        "chapters": [{"at": format_timecode(s), "title": " ".join(name.split())} for s, name in chapters],
    }


def handle(kind: str, value, shown: str, left_out: list) -> str | None:
    """An account name from a handle or a profile URL; None (and a note) when it is neither."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    hosts = {"linkedin": "linkedin.com/in/", "twitter": "twitter.com/", "github": "github.com/"}
    if "://" in text:
        parts = urlsplit(text)
        path = (parts.netloc.removeprefix("www.") + parts.path).rstrip("/")
        if not path.startswith(hosts[kind].rstrip("/")) and not (kind == "twitter" and path.startswith("x.com/")):
            left_out.append({"file": shown, "field": kind, "reason": f"{text!r} is not a {kind} profile"})
            return None
        text = path.split("/", 2 if kind == "linkedin" else 1)[-1]
    text = text.strip("/").removeprefix("@")
    name = quote(unquote(text), safe="")  # one spelling for 'h%C3%B6' and 'hö'
    if "/" in text or not name or not re.fullmatch(r"(?:[A-Za-z0-9_.-]|%[0-9A-F]{2})+", name):
        left_out.append({"file": shown, "field": kind, "reason": f"{value!r} is not an account name"})
        return None
    return name


def guest_from_archive(person_id: str, meta: dict, shown: str, left_out: list) -> dict:
    name = " ".join(str(meta.get("title") or "").split())
    if not name:
        raise ArchiveProblem(f"{shown}: no name ('title')")
    links = {kind: handle(kind, meta.get(kind), shown, left_out) for kind in HANDLES}
    links["web"] = https_link(meta.get("web"), shown, "web", left_out)
    return {
        "id": person_id,
        "name": name,
        "page_url": PERSON_PAGE.format(person_id),
        "links": {k: v for k, v in links.items() if v},
    }


def normalise_topics(topics) -> list[str]:
    names = []
    for topic in topics:
        name = topic_name(str(topic))
        if name and name not in names:
            names.append(name)
    return names


def topic_name(text: str) -> str:
    """One spelling per topic: the site's name for it, else the archive's words in sentence case.

    Words written all in lowercase or in Title Case are sentence-cased ("Career Growth" and
    "career growth" are one topic); other capitals are kept ("MLOps", "AI red teaming").
    """
    words = " ".join(text.split())
    if words.casefold() in TOPIC_NAMES:
        return TOPIC_NAMES[words.casefold()]
    plain = all(w[:1].isupper() and w[1:] == w[1:].lower() for w in words.split()) or words == words.lower()
    if plain:
        words = words.lower()
    return words[:1].upper() + words[1:]


# ---- what the site already has -------------------------------------------------------

_CITE_CALL = re.compile(r"""cite\(\s*["']([a-z0-9-]+)["']((?:\s*,\s*["'][^"']*["'])*)\s*\)""")
_TIME = re.compile(r"(?:([a-z0-9-]+)@)?(\d+:\d{2}(?::\d{2})?)")


def written_citations(project: Path):
    """(file, episode slug, time spec) for each time a page's cite() or data/'s roles and roadmaps name.

    A regex reading of cite() calls, good enough to protect and audit what
    pages cite; the strict build remains the full check.
    """
    for page in sorted((project / "docs").rglob("*.md")):
        shown = page.relative_to(project).as_posix()
        for call in _CITE_CALL.finditer(page.read_text(encoding="utf-8")):
            for spec in re.findall(r"""["']([^"']*)["']""", call.group(2)):
                yield shown, call.group(1), spec
    for name in ("roles.yml", "roadmaps.yml"):
        path = project / "data" / name
        if path.exists():
            for slug, at in re.findall(r"episode:\s*([a-z0-9-]+),?\s*(?:\n\s*)?at:\s*'([^']+)'", path.read_text(encoding="utf-8")):
                yield f"data/{name}", slug, at


def cited_starts(project: Path) -> dict[str, set[int]]:
    """Every chapter start a page's cite() or a citation in data/ names: slug -> seconds."""
    cited: dict[str, set[int]] = {}
    for _, slug, spec in written_citations(project):
        for match in _TIME.finditer(spec):
            try:
                cited.setdefault(match.group(1) or slug, set()).add(parse_timecode(match.group(2)))
            except ValueError:
                pass
    return cited


def read_entry(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def keep_cited_chapters(new: list, old: list, cited: set) -> tuple[list, list]:
    """Add back the old chapters at any cited start the archive's list no longer has."""
    new_starts = {parse_timecode(c["at"]) for c in new}
    restored = [c for c in old if parse_timecode(c["at"]) in cited and parse_timecode(c["at"]) not in new_starts]
    merged = sorted(new + restored, key=lambda c: parse_timecode(c["at"]))  # stable: archive order at equal starts
    return merged, [c["at"] for c in restored]


def merge(new: dict, old: dict | None, fields) -> dict:
    """The archive's entry with the fields the old file marks `curated` taken from it."""
    if not old:
        return {k: new[k] for k in fields if new.get(k) not in (None, [], {})}
    curated = list(old.get("curated") or [])
    merged = dict(new)
    for name in curated:
        merged[name] = old.get(name)
    merged["curated"] = curated
    return {k: merged[k] for k in fields if merged.get(k) not in (None, [], {})}


# ---- writing -------------------------------------------------------------------------

class _Quoted(str):
    """A time such as '17:25': always quoted, since YAML 1.1 reads 17:25 as a number."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="'"))
# "Rahul's talk" rather than 'Rahul''s talk': the doubled quote is hard to read and to search for.
_Dumper.add_representer(str, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:str", v, style='"' if "'" in v else None))


def _quote_times(entry: dict) -> dict:
    entry = dict(entry)
    if entry.get("duration"):
        entry["duration"] = _Quoted(entry["duration"])
    if entry.get("chapters"):
        entry["chapters"] = [{**c, "at": _Quoted(c["at"])} for c in entry["chapters"]]
    return entry


HEADER = ("# Written by `make import` from the podcast archive's {source}. Fields listed under\n"
          "# `curated` are the site's own and are never overwritten; see CONTRIBUTING.md.\n")


def dump(entry: dict, source: str) -> str:
    body = yaml.dump(_quote_times(entry), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10_000)
    return HEADER.format(source=source) + _fold_long_text(body)


# Titles are facts and carry over word for word, but the originality check
# (../shared/tools/originality.py) reads files line by line and cannot always
# tell a title from a sentence: it misses titles with typographic quotes, and
# its stripping of known titles depends on hash order. A run needs 8 words on
# one line, so a text of 8 or more words is written as a double-quoted scalar
# folded over lines of at most WORDS_PER_LINE words. YAML joins the lines with
# one space: the value read back is the same string.
WORDS_PER_LINE = 6
_TEXT_LINE = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[a-z_]+): (?P<value>.+)$")


def _fold_long_text(body: str) -> str:
    out = []
    for line in body.split("\n"):
        match = _TEXT_LINE.match(line)
        value = yaml.safe_load(match["value"]) if match else None
        words = value.split(" ") if isinstance(value, str) else []
        if len(words) <= WORDS_PER_LINE + 1 or "" in words or value != value.strip():
            out.append(line)
            continue
        chunks = [json.dumps(" ".join(words[i:i + WORDS_PER_LINE]), ensure_ascii=False)[1:-1]
                  for i in range(0, len(words), WORDS_PER_LINE)]
        indent = " " * (len(match["lead"]) + 2)
        out.append(f'{match["lead"]}{match["key"]}: "{chunks[0]}')
        out.extend(indent + chunk for chunk in chunks[1:])
        out[-1] += '"'
    return "\n".join(out)


def write_if_changed(path: Path, text: str) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def changed_fields(old: dict | None, new: dict) -> list[str]:
    old = old or {}
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


# ---- the run -------------------------------------------------------------------------

def run(archive: Path, project: Path) -> Report:
    archive, project = Path(archive), Path(project)
    data = project / "data"
    report = Report()
    people_dir, podcast_dir = archive / "_people", archive / "_podcast"
    if not podcast_dir.is_dir() or not people_dir.is_dir():
        raise SystemExit(f"{archive}: not a podcast website checkout: expected _podcast/ and _people/ in it")

    people = {p.stem: p for p in sorted(people_dir.glob("*.md")) if not p.name.startswith("_")}
    cited = cited_starts(project)

    episodes: dict[str, tuple[dict, str]] = {}
    numbers: dict[tuple, str] = {}
    candidates = []
    for path in sorted(podcast_dir.glob("*.md")):
        shown = f"_podcast/{path.name}"
        if path.name.startswith("_"):
            # Jekyll does not publish files whose names start with '_' (the
            # template, drafts): the podcast's website has no page for them.
            report.skipped.append({"file": shown, "reason": "the name starts with '_': the podcast's website does not publish it"})
            continue
        try:
            entry = episode_from_archive(path, shown, people, report.left_out)
        except ArchiveProblem as problem:
            report.rejected.append({"file": shown, "problem": str(problem).removeprefix(f"{shown}: ")})
            continue
        if not entry:
            report.skipped.append({"file": shown, "reason": "no chapters: neither quotableClips nor transcript headers"})
            continue
        candidates.append((entry.get("date") or datetime.date.max, path.name, entry, shown))

    # Two files with one season/episode number: the one added first keeps it, unless the
    # site corrected a number by hand (`curated: [episode]` in the entry's file).
    for _, _, entry, shown in sorted(candidates, key=lambda c: (c[0], c[1])):
        old = read_entry(data / EPISODES_DIR / f"{entry['slug']}.yml") or {}
        number = tuple(old[k] if k in (old.get("curated") or []) else entry[k] for k in ("season", "episode"))
        if entry["slug"] in episodes:
            report.rejected.append({"file": shown, "problem": f"slug '{entry['slug']}' is also {episodes[entry['slug']][1]}'s"})
            continue
        if number in numbers:
            report.rejected.append({"file": shown, "problem": (
                f"season {number[0]} episode {number[1]} is also {numbers[number]}, added earlier")})
            continue
        numbers[number] = shown
        episodes[entry["slug"]] = (entry, shown)

    written_guests: set[str] = set()
    for slug, (entry, shown) in sorted(episodes.items()):
        target = data / EPISODES_DIR / f"{slug}.yml"
        old = read_entry(target)
        merged = merge(entry, old, EPISODE_FIELDS)
        if old and "chapters" not in (old.get("curated") or []) and cited.get(slug):
            merged["chapters"], restored = keep_cited_chapters(merged["chapters"], old.get("chapters") or [], cited[slug])
            if restored:
                report.curated.append({"file": f"data/{EPISODES_DIR}/{slug}.yml", "field": "chapters", "difference": (
                    f"kept cited chapter start(s) {', '.join(restored)} that the archive no longer lists")})
        _note_curated(report, f"data/{EPISODES_DIR}/{slug}.yml", old, entry)
        _record(report, "episodes", slug, old, merged, write_if_changed(target, dump(merged, shown)))
        written_guests.update(merged["guests"])

    # Episodes the archive did not give this run (added by hand, or rejected above): kept.
    for path in sorted((data / EPISODES_DIR).glob("*.yml")):
        if path.stem not in episodes:
            kept = read_entry(path) or {}
            report.kept["episodes"][path.stem] = "not imported from the archive this run: left as it is"
            written_guests.update(kept.get("guests") or [])

    for person_id in sorted(written_guests):
        target = data / GUESTS_DIR / f"{person_id}.yml"
        old = read_entry(target)
        if person_id not in people:
            if old is None:
                report.rejected.append({"file": f"data/{EPISODES_DIR}", "problem": f"guest '{person_id}' has no person file"})
            continue
        shown = f"_people/{person_id}.md"
        try:
            entry = guest_from_archive(person_id, front_matter(people[person_id], shown), shown, report.left_out)
        except ArchiveProblem as problem:
            report.rejected.append({"file": shown, "problem": str(problem).removeprefix(f"{shown}: ")})
            continue
        merged = merge(entry, old, GUEST_FIELDS)
        _note_curated(report, f"data/{GUESTS_DIR}/{person_id}.yml", old, entry)
        _record(report, "guests", person_id, old, merged, write_if_changed(target, dump(merged, shown)))
    for path in sorted((data / GUESTS_DIR).glob("*.yml")):
        if path.stem not in written_guests and path.stem not in report.kept["guests"]:
            report.kept["guests"][path.stem] = "appears on no episode this run: left as it is"

    for path in sorted((data / EPISODES_DIR).glob("*.yml")):
        for topic in (read_entry(path) or {}).get("topics") or []:
            report.topics[topic] = report.topics.get(topic, 0) + 1
    return report


def _record(report: Report, kind: str, key: str, old, merged: dict, wrote: bool) -> None:
    report.written[kind].append(key)
    if old is None:
        report.added[kind].append(key)
    elif wrote and changed_fields(old, merged):
        report.changed[kind][key] = changed_fields(old, merged)
    elif wrote:
        report.reformatted[kind].append(key)


def _note_curated(report: Report, shown: str, old, archive_entry: dict) -> None:
    for name in (old or {}).get("curated") or []:
        ours, theirs = old.get(name), archive_entry.get(name)
        if ours != theirs:
            report.curated.append({"file": shown, "field": name, "difference": _difference(name, ours, theirs)})


def _difference(name: str, ours, theirs) -> str:
    """What a reviewer needs to decide whether the site's curated value should stay."""
    if name == "chapters" and isinstance(ours, list) and isinstance(theirs, list):
        our_starts, their_starts = [c.get("at") for c in ours], [c["at"] for c in theirs]
        if our_starts == their_starts:
            titles = sum(a.get("title") != b["title"] for a, b in zip(ours, theirs))
            return f"same {len(ours)} chapter starts; {titles} chapter title(s) differ; the site's are kept"
        only_ours = [t for t in our_starts if t not in their_starts]
        only_theirs = [t for t in their_starts if t not in our_starts]
        return (f"chapter starts differ: only the site has {', '.join(only_ours) or 'none'}; "
                f"only the archive has {', '.join(only_theirs) or 'none'}; the site's are kept")
    return f"the archive has {theirs!r}; the site's value is kept"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.importer", description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path, help="a checkout of the podcast website (with _podcast/ and _people/)")
    parser.add_argument("--project", type=Path, default=Path("."), help="this site's folder (default: .)")
    args = parser.parse_args(argv)
    report = run(args.archive, args.project)
    path = args.project / "data" / REPORT
    path.write_text(json.dumps(report.as_dict(), indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    print(report.summary())
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
