"""The shape of everything under data/, as validated models.

Field validators raise ValueError with a sentence that says what would be
valid; loader.py turns pydantic's error locations into "file, entry, field".
Cross-file rules (a guest an episode names, a chapter a citation names) live
in loader.py, because one model cannot see another file.
"""

import re
from datetime import date as Date
from typing import Annotated, Literal
from urllib.parse import parse_qs, urlsplit

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from .timecodes import TimecodeError, format_timecode, parse_timecode

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com"}


class StrictModel(BaseModel):
    """Rejects unknown keys with the list of keys that are allowed, and values of the wrong type.

    Strict: YAML's `yes` (a boolean) is not the number 1, and `1984` (a number)
    is not the text '1984'; pydantic would otherwise convert both silently.
    """

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True, strict=True)

    @model_validator(mode="before")
    @classmethod
    def _known_keys_only(cls, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(cls.model_fields))
            if unknown:
                allowed = ", ".join(cls.model_fields)
                raise ValueError(f"unknown field(s) {', '.join(unknown)}; allowed: {allowed}")
        return data


# Characters a URL never holds unencoded (RFC 3986): whitespace, controls, <>"`{}|\^
_NOT_IN_URLS = re.compile(r'[\s\x00-\x1f\x7f<>"`{}|\\^]')
# A page under docs/: folders and a file name of letters, digits, '-', '_' and '.' (never
# first, so no '..' and no hidden files), ending in .md.
PAGE_PATH = re.compile(r"^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.md$")


def require_https(value: str) -> str:
    if not isinstance(value, str) or not value.startswith("https://"):
        raise ValueError(f"must be an https:// URL, got {value!r}")
    if not urlsplit(value).hostname or _NOT_IN_URLS.search(value):
        raise ValueError(
            f"is not a URL: {value!r}; a URL has a host name and no spaces, double quotes, "
            "<, >, backticks, braces, | or \\ (percent-encode them)"
        )
    return value


def require_page_path(value: str) -> str:
    if not isinstance(value, str) or not PAGE_PATH.match(value):
        raise ValueError(f"{value!r} is not a page path; give a path relative to docs/, e.g. wiki/mlops.md")
    return value


def require_slug(value: str) -> str:
    if not isinstance(value, str) or not SLUG.match(value):
        raise ValueError(
            f"{value!r} is not a valid id; use lowercase letters, digits and single hyphens, "
            "e.g. 'mlops-at-scale'"
        )
    return value


def normalise_youtube(url: str) -> str:
    """Return the canonical watch URL, or say why this is not a video link."""
    require_https(url)
    parts = urlsplit(url)
    host = parts.netloc.lower()
    video = None
    if host in YOUTUBE_HOSTS and parts.path == "/watch":
        video = (parse_qs(parts.query).get("v") or [None])[0]
    elif host == "youtu.be":
        video = parts.path.strip("/")
    if not video or not YOUTUBE_ID.match(video):
        raise ValueError(
            f"{url!r} is not a YouTube video link; expected "
            "https://www.youtube.com/watch?v=<11-character video id>"
        )
    return f"https://www.youtube.com/watch?v={video}"


def check_time(value) -> str:
    """Accept a quoted time; explain YAML's base-60 trap for an unquoted one."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a quoted time such as '17:25', got {value!r}")
    if isinstance(value, int):
        meant = format_timecode(value)  # YAML 1.1 read 17:25 as 17 * 60 + 25
        raise ValueError(
            f"got the number {value}: YAML reads an unquoted {meant} as a base-60 number; "
            f"quote it: '{meant}'"
        )
    try:
        parse_timecode(value)
    except TimecodeError as error:
        raise ValueError(str(error)) from None
    return value


class Chapter(StrictModel):
    at: str
    title: str = Field(min_length=1)
    _seconds: int = PrivateAttr(default=0)

    _at = field_validator("at", mode="before")(lambda v: check_time(v))

    def model_post_init(self, __context) -> None:
        # Parsed once: citations and episode pages ask for it many times per build.
        self._seconds = parse_timecode(self.at)

    @property
    def seconds(self) -> int:
        return self._seconds


def check_curated(names: list[str], model) -> list[str]:
    """`curated` names fields `make import` must leave as they are: only real fields."""
    unknown = [n for n in names if n not in model.model_fields or n in ("curated", "slug", "id")]
    if unknown:
        allowed = ", ".join(f for f in model.model_fields if f not in ("curated", "slug", "id"))
        raise ValueError(f"unknown field(s) {', '.join(map(str, unknown))}; curated fields are among: {allowed}")
    return names


class Episode(StrictModel):
    slug: str
    title: str = Field(min_length=1)
    season: int = Field(ge=1)
    episode: int = Field(ge=1)
    date: Date | None = None
    duration: str | None = None
    guests: list[str] = Field(min_length=1)
    topics: list[Annotated[str, Field(min_length=1)]] = []
    page_url: str
    youtube_url: str
    spotify_url: str | None = None
    apple_url: str | None = None
    chapters: list[Chapter] = Field(min_length=1)
    curated: list[str] = []
    _starts: dict = PrivateAttr(default_factory=dict)

    _slug = field_validator("slug", mode="before")(lambda v: require_slug(v))
    _duration = field_validator("duration", mode="before")(lambda v: v if v is None else check_time(v))
    _curated = field_validator("curated")(lambda v: check_curated(v, Episode))

    @model_validator(mode="after")
    def _chapters_within_duration(self):
        if self.duration is not None:
            length = parse_timecode(self.duration)
            late = [c for c in self.chapters if c.seconds >= length]
            if late:
                raise ValueError(
                    f"chapter '{late[0].title}' starts at {late[0].at}, at or past the episode's "
                    f"duration {self.duration}; fix the chapter time or the duration"
                )
        return self

    @field_validator("guests")
    @classmethod
    def _each_guest_once(cls, guests):
        repeated = sorted({g for g in guests if guests.count(g) > 1})
        if repeated:
            names = ", ".join(f"'{g}'" for g in repeated)
            raise ValueError(f"guest {names} is listed more than once; list each guest once")
        return guests

    def model_post_init(self, __context) -> None:
        starts = {}
        for chapter in self.chapters:
            starts.setdefault(chapter.seconds, []).append(chapter)
        self._starts = {second: tuple(same) for second, same in starts.items()}

    @property
    def starts(self) -> dict:
        """Chapter start (seconds) -> the chapters that begin there, in order."""
        return self._starts
    _urls = field_validator("page_url", "spotify_url", "apple_url")(
        lambda v: v if v is None else require_https(v)
    )
    _youtube = field_validator("youtube_url")(lambda v: normalise_youtube(v))

    @field_validator("chapters")
    @classmethod
    def _chapters_in_order(cls, chapters):
        for before, after in zip(chapters, chapters[1:]):
            if after.seconds < before.seconds:
                raise ValueError(
                    f"chapter '{after.title}' starts at {after.at}, before the chapter above it "
                    f"('{before.title}', {before.at}); list chapters in start order"
                )
        return chapters


class GuestLinks(StrictModel):
    linkedin: str | None = None
    twitter: str | None = None
    github: str | None = None
    web: str | None = None

    _web = field_validator("web")(lambda v: v if v is None else require_https(v))

    @field_validator("linkedin", "twitter", "github")
    @classmethod
    def _handle(cls, value):
        # Letters outside ASCII arrive percent-encoded ('h%C3%B6nicke'), as in the profile's URL.
        if value is not None and not re.match(r"^(?:[A-Za-z0-9_.-]|%[0-9A-F]{2})+$", value):
            raise ValueError(f"{value!r} is not a handle; give the account name only, not a URL")
        return value


class Guest(StrictModel):
    id: str
    name: str = Field(min_length=1)
    page_url: str
    links: GuestLinks = GuestLinks()
    # Facts from the archive's people file, in the site's words, written by hand
    # (the archive has them only inside biography prose) and kept through a
    # re-import by listing them under `curated`. Short: they sit beside the name.
    role: str | None = Field(None, min_length=2, max_length=80)
    organisation: str | None = Field(None, min_length=2, max_length=80)
    curated: list[str] = []

    _id = field_validator("id", mode="before")(lambda v: require_slug(v))
    _curated = field_validator("curated")(lambda v: check_curated(v, Guest))
    _url = field_validator("page_url")(lambda v: require_https(v))


class CiteRef(StrictModel):
    """A citation written in data: an episode and one chapter start or a range."""

    episode: str
    at: str

    @field_validator("at", mode="before")
    @classmethod
    def _at(cls, value):
        if isinstance(value, int):
            return check_time(value)
        return value


class Level(StrictModel):
    id: str
    label: str = Field(min_length=1)
    symbol: str = Field(min_length=1, max_length=2)
    meaning: str = Field(min_length=1)

    _id = field_validator("id", mode="before")(lambda v: require_slug(v))


class Lane(StrictModel):
    id: str
    name: str = Field(min_length=1)
    short: str = Field(min_length=1, max_length=16)
    page: str | None = None
    summary: str = Field(min_length=1)

    _id = field_validator("id", mode="before")(lambda v: require_slug(v))
    _page = field_validator("page")(lambda v: v if v is None else require_page_path(v))


class Cell(StrictModel):
    level: str
    cite: CiteRef | None = None


class Skill(StrictModel):
    id: str
    name: str = Field(min_length=1)
    levels: dict[str, Cell]

    _id = field_validator("id", mode="before")(lambda v: require_slug(v))

    @field_validator("levels", mode="before")
    @classmethod
    def _short_form(cls, levels):
        # "ml-engineer: core" is shorthand for "ml-engineer: {level: core}".
        if isinstance(levels, dict):
            return {k: {"level": v} if isinstance(v, str) else v for k, v in levels.items()}
        return levels


class Roles(StrictModel):
    levels: list[Level] = Field(min_length=1)
    lanes: list[Lane] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)


class Phase(StrictModel):
    label: str = Field(min_length=1)
    start: int = Field(ge=1)
    end: int | None = None
    ongoing: bool = False
    title: str = Field(min_length=1)
    steps: list[Annotated[str, Field(min_length=1)]] = Field(min_length=1)
    cite: list[CiteRef] = []

    @model_validator(mode="after")
    def _span(self):
        if self.ongoing and self.end is not None:
            raise ValueError("an ongoing phase has no end; remove 'end' or 'ongoing'")
        if not self.ongoing and self.end is None:
            raise ValueError("give 'end' (last unit, inclusive) or set 'ongoing: true'")
        if self.end is not None and self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def last(self) -> int:
        return self.end if self.end is not None else self.start


class Roadmap(StrictModel):
    id: str
    title: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    unit: Literal["week", "month"]
    phases: list[Phase] = Field(min_length=1)

    _id = field_validator("id", mode="before")(lambda v: require_slug(v))

    @field_validator("phases")
    @classmethod
    def _phases_in_order(cls, phases):
        for before, after in zip(phases, phases[1:]):
            if after.start <= before.last or before.ongoing:
                raise ValueError(
                    f"phase '{after.label}' starts at {after.start} but '{before.label}' runs "
                    f"to {before.last if not before.ongoing else 'the end'}; phases must follow "
                    "one another without overlap"
                )
        return phases


class RoadmapsFile(StrictModel):
    roadmaps: list[Roadmap] = Field(min_length=1)
