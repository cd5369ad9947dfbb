"""The one loader for data/: read every YAML file once, validate, cross-check.

data/ holds one file per episode (episodes/<slug>.yml) and per guest
(guests/<id>.yml), so pull requests touching different entries never
conflict, plus roles.yml and roadmaps.yml.

`load_site_data(data_dir)` returns a SiteData or raises DataError listing
every problem found, each naming the file, the entry and the field, and
saying what would be valid.
"""

import difflib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .citations import resolve_citation
from .errors import CitationError, DataError
from .urls import topic_slug
from .models import Episode, Guest, Roadmap, RoadmapsFile, Roles
from .strict_yaml import DuplicateKeysError, duplicate_key_message, load_yaml

FILES = {
    "roles.yml": Roles,
    "roadmaps.yml": RoadmapsFile,
}
# One file per entry: folder -> (model, the field the file is named after).
ENTRY_FOLDERS = {
    "episodes": (Episode, "slug"),
    "guests": (Guest, "id"),
}

# How a list under a key is spoken of in messages: "episode 'slug'", "chapter 3".
KIND = {
    "episodes": "episode", "guests": "guest", "chapters": "chapter", "lanes": "lane",
    "skills": "skill", "levels": "level", "roadmaps": "roadmap", "phases": "phase",
    "cite": "citation", "steps": "step",
}
IDENTITY_KEYS = ("slug", "id", "label")


@dataclass(frozen=True)
class SiteData:
    episodes: tuple[Episode, ...]
    guests: tuple[Guest, ...]
    roles: Roles
    roadmaps: tuple[Roadmap, ...]
    episodes_by_slug: dict = field(repr=False, compare=False, default_factory=dict)
    guests_by_id: dict = field(repr=False, compare=False, default_factory=dict)
    files: dict = field(repr=False, compare=False, default_factory=dict)  # ("episode", slug) -> file

    def file_of(self, kind: str, key: str) -> str:
        """The data file an episode or guest is written in, e.g. 'data/episodes/<slug>.yml'."""
        return self.files[(kind, key)]

    def episodes_of(self, guest_id: str) -> list[Episode]:
        return [e for e in self.episodes if guest_id in e.guests]

    def roadmap(self, roadmap_id: str) -> Roadmap | None:
        return next((r for r in self.roadmaps if r.id == roadmap_id), None)


def load_site_data(data_dir: Path, docs_dir: Path | None = None) -> SiteData:
    data_dir = Path(data_dir)
    problems: list[str] = []
    parsed: dict[str, BaseModel] = {}
    for name, model in FILES.items():
        shown = f"{data_dir.name}/{name}"
        raw = _read_yaml(data_dir / name, shown, problems)
        if raw is None:
            continue
        try:
            parsed[name] = model.model_validate(raw)
        except ValidationError as error:
            problems.extend(_describe(shown, raw, e) for e in error.errors())
    entries = {folder: _read_entries(data_dir, folder, problems) for folder in ENTRY_FOLDERS}
    problems.extend(_unread_files(data_dir))
    if not problems:  # cross-checks on a partial dataset would only echo the problems above
        problems.extend(_cross_check(data_dir.name, parsed, entries, docs_dir))
    if problems:
        raise DataError(problems)

    episodes = tuple(sorted((e for e, _ in entries["episodes"]), key=lambda e: (e.season, e.episode, e.slug)))
    guests = tuple(g for g, _ in entries["guests"])
    return SiteData(
        episodes=episodes,
        guests=guests,
        roles=parsed["roles.yml"],
        roadmaps=tuple(parsed["roadmaps.yml"].roadmaps),
        episodes_by_slug={e.slug: e for e in episodes},
        guests_by_id={g.id: g for g in guests},
        files=_files_of(entries),
    )


def _files_of(entries: dict) -> dict:
    """("episode", slug) or ("guest", id) -> the file it is written in."""
    return {**{("episode", e.slug): f for e, f in entries["episodes"]},
            **{("guest", g.id): f for g, f in entries["guests"]}}


# Written by `make import` for people to read; the site is built from the files above.
NOT_DATA = {"import-report.json"}


def _unread_files(data_dir: Path) -> list[str]:
    """A file the loader would not read is a mistake (e.g. an old data/episodes.yml): say so."""
    known = set(FILES) | set(ENTRY_FOLDERS) | NOT_DATA
    return [
        f"{data_dir.name}/{path.name}: not read by the site; episodes and guests are one file each in "
        f"{data_dir.name}/episodes/<slug>.yml and {data_dir.name}/guests/<id>.yml, beside "
        f"{', '.join(FILES)}"
        for path in sorted(data_dir.iterdir()) if path.name not in known and not path.name.startswith(".")
    ]


def _read_entries(data_dir: Path, folder: str, problems: list[str]) -> list[tuple[BaseModel, str]]:
    """Every data/<folder>/*.yml as (model, shown file name), sorted by file name."""
    model, key = ENTRY_FOLDERS[folder]
    found = sorted(p for p in (data_dir / folder).iterdir() if not p.name.startswith(".")) \
        if (data_dir / folder).is_dir() else []
    paths = [p for p in found if p.suffix == ".yml" and p.is_file()]
    for other in sorted(set(found) - set(paths)):
        problems.append(f"{data_dir.name}/{folder}/{other.name}: not read by the site; "
                        f"each entry is a file named <{key}>.yml")
    if not paths:
        problems.append(f"{data_dir.name}/{folder}/: no entries; add one file per entry, "
                        f"e.g. {data_dir.name}/{folder}/<{key}>.yml (see CONTRIBUTING.md)")
    entries = []
    for path in paths:
        shown = f"{data_dir.name}/{folder}/{path.name}"
        raw = _read_yaml(path, shown, problems)
        if raw is None:
            continue
        if raw.get(key) is not None and raw.get(key) != path.stem:  # a missing one: the model says so
            problems.append(f"{shown}: {key}: is {raw.get(key)!r} but the file is named {path.name}; "
                            f"name the file after the {key}: {raw.get(key)}.yml")
            continue
        try:
            entries.append((model.model_validate(raw), shown))
        except ValidationError as error:
            problems.extend(_describe(shown, raw, e) for e in error.errors())
    return entries


def _read_yaml(path: Path, shown: str, problems: list[str]):
    if not path.exists():
        problems.append(f"{shown}: file is missing; every site needs {', '.join(FILES)}")
        return None
    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except DuplicateKeysError as error:
        problems.extend(duplicate_key_message(d, shown, _location(error.data, d.loc)) for d in error.duplicates)
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problems.append(
            f"{shown}: malformed YAML at {where}: {error.problem or error.context}; "
            "check the indentation and that values with ':' or quotes are quoted"
        )
        return None
    except yaml.YAMLError as error:
        problems.append(f"{shown}: malformed YAML: {error}")
        return None
    if not isinstance(raw, dict):
        problems.append(f"{shown}: expected a mapping at the top (e.g. 'episodes:'), got {type(raw).__name__}")
        return None
    return raw


def _describe(shown: str, raw, error: dict) -> str:
    """'data/episodes.yml: episode 'x' > chapter 3 'Intro' > at: <what is wrong>'."""
    where = _location(raw, error["loc"])
    return f"{shown}: {where}: {_message(error)}" if where else f"{shown}: {_message(error)}"


def _location(raw, loc) -> str:
    """Name the place `loc` (keys and list indexes) points at, e.g. "chapter 'Intro' > at";
    '' for the top of the file."""
    parts, node, pending = [], raw, None
    for key in loc:
        if isinstance(key, int) and isinstance(node, list):
            item = node[key] if key < len(node) else None
            kind = KIND.get(pending, pending or "item")
            ident = next((item[k] for k in IDENTITY_KEYS if isinstance(item, dict) and item.get(k)), None)
            if ident is None and isinstance(item, dict) and item.get("title"):
                ident = item["title"]
            parts.append(f"{kind} '{ident}'" if ident is not None else f"{kind} {key + 1}")
            node, pending = item, None
        else:
            if pending is not None:
                parts.append(pending)
            pending = str(key)
            node = node.get(key) if isinstance(node, dict) else None
    if pending is not None:
        parts.append(pending)
    return " > ".join(parts)


# What strict types say when YAML read a value as another type than the field's.
_EXPECTED = {"int_type": "a whole number such as 3", "string_type": "text",
             "bool_type": "true or false", "float_type": "a number"}


def _as_yaml_read(value) -> str:
    """How YAML read a value, for messages: 'the boolean true', 'the number 1984'."""
    if isinstance(value, bool):
        return (f"the boolean {str(value).lower()} (YAML reads an unquoted "
                f"{'yes, on or true' if value else 'no, off or false'} as a boolean)")
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"the {type(value).__name__} {value}"


def _message(error: dict) -> str:
    kind, msg = error["type"], error["msg"]
    if kind == "missing":
        return "is missing (required)"
    if kind in _EXPECTED:
        value = error.get("input")
        hint = ("; quote it to make it text" if kind == "string_type" and value is not None
                else "; write it without quotes" if isinstance(value, str) else "")
        return f"must be {_EXPECTED[kind]}, got {_as_yaml_read(value)}{hint}"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind in {"too_short"} and isinstance(error.get("input"), (list, dict)):
        return "must not be empty"
    return f"{msg[0].lower()}{msg[1:]} (got {error.get('input')!r})"


def _duplicates(values):
    return [v for v, n in Counter(values).items() if n > 1]


def _cross_check(folder: str, parsed: dict, entries: dict, docs_dir: Path | None) -> list[str]:
    problems = []
    episodes = [e for e, _ in entries["episodes"]]
    guests = [g for g, _ in entries["guests"]]
    file_of = _files_of(entries)
    roles = parsed["roles.yml"]
    roadmaps = parsed["roadmaps.yml"].roadmaps
    roles_file, roadmaps_file = f"{folder}/roles.yml", f"{folder}/roadmaps.yml"
    guests_dir = f"{folder}/guests/"

    # Slugs and ids are unique: each is a file name.
    for number in _duplicates((e.season, e.episode) for e in episodes):
        same = [file_of[("episode", e.slug)] for e in episodes if (e.season, e.episode) == number]
        problems.append(
            f"{same[-1]}: season {number[0]} episode {number[1]} is also given in {', '.join(same[:-1])}; "
            "each season/episode number belongs to one episode"
        )

    known_guests = {g.id for g in guests}
    for episode in episodes:
        for guest_id in episode.guests:
            if guest_id not in known_guests:
                problems.append(
                    f"{file_of[('episode', episode.slug)]}: guests: unknown guest '{guest_id}'; "
                    f"{_suggest(guest_id, known_guests, guests_dir + '<id>.yml')}"
                )
    spellings: dict[str, set] = {}
    for episode in episodes:
        for topic in episode.topics:
            spellings.setdefault(topic_slug(topic), set()).add(topic)
    for slug, names in sorted(spellings.items()):
        if len(names) > 1 or not slug:
            problems.append(
                f"{folder}/episodes/: topic {' and '.join(sorted(map(repr, names)))} "
                + (f"would share the page topics/{slug}/; spell them the same" if slug else
                   "has no letters or digits to name its page")
            )
    cited_guests = {g for e in episodes for g in e.guests}
    for guest in guests:
        if guest.id not in cited_guests:
            problems.append(
                f"{file_of[('guest', guest.id)]}: appears in no episode; add '{guest.id}' to an "
                f"episode's 'guests' in {folder}/episodes/ or remove the file"
            )

    by_slug = {e.slug: e for e in episodes}
    level_ids = [level.id for level in roles.levels]
    lane_ids = [lane.id for lane in roles.lanes]
    for kind, ids in (("level", level_ids), ("lane", lane_ids), ("skill", [s.id for s in roles.skills])):
        for dup in _duplicates(ids):
            problems.append(f"{roles_file}: {kind} '{dup}': id is used more than once; ids must be unique")
    for lane in roles.lanes:
        if lane.page and docs_dir is not None and not (Path(docs_dir) / lane.page).is_file():
            problems.append(
                f"{roles_file}: lane '{lane.id}' > page: no page docs/{lane.page}; "
                "give a path relative to docs/, e.g. wiki/mlops.md"
            )
    for skill in roles.skills:
        missing = [lane for lane in lane_ids if lane not in skill.levels]
        if missing:
            problems.append(
                f"{roles_file}: skill '{skill.id}' > levels: no level for lane(s) {', '.join(missing)}; "
                "give every lane a level"
            )
        for lane, cell in skill.levels.items():
            where = f"{roles_file}: skill '{skill.id}' > levels > {lane}"
            if lane not in lane_ids:
                problems.append(f"{where}: unknown lane; lanes are {', '.join(lane_ids)}")
            if cell.level not in level_ids:
                problems.append(f"{where}: unknown level '{cell.level}'; levels are {', '.join(level_ids)}")
            if cell.cite:
                problems.extend(_check_cite(where + " > cite", cell.cite, by_slug))

    for dup in _duplicates(r.id for r in roadmaps):
        problems.append(f"{roadmaps_file}: roadmap '{dup}': id is used more than once; ids must be unique")
    for roadmap in roadmaps:
        for phase in roadmap.phases:
            for ref in phase.cite:
                where = f"{roadmaps_file}: roadmap '{roadmap.id}' > phase '{phase.label}' > cite"
                problems.extend(_check_cite(where, ref, by_slug))
    return problems


def _check_cite(where: str, ref, by_slug) -> list[str]:
    try:
        resolve_citation(by_slug, ref.episode, [ref.at])
    except CitationError as error:
        return [f"{where}: {error}"]
    return []


def _suggest(value: str, known, source: str) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=3)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    return f"{hint}ids are defined in {source}"
