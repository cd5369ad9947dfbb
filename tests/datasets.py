"""A small, valid data/ folder as text, for tests to copy and break one line at a time."""

from pathlib import Path

# One file per episode and per guest, as in data/episodes/ and data/guests/.
EPISODES = {
    "first-episode.yml": """\
slug: first-episode
title: 'First Episode: A Talk'
season: 1
episode: 1
date: 2021-06-25
duration: '1:05:00'
guests: [ada]
topics: [MLOps, Career growth]
page_url: https://example.org/podcast/first.html
youtube_url: https://www.youtube.com/watch?v=AAAAAAAAAAA
chapters:
  - at: '0:00'
    title: Introduction
  - at: '17:25'
    title: Start Projects
  - at: '19:09'
    title: Keep Learning
  - at: '1:01:58'
    title: Late Chapter
""",
    "second-episode.yml": """\
slug: second-episode
title: Second Episode
season: 1
episode: 2
guests: [bo-li]
topics: [MLOps]
page_url: https://example.org/podcast/second.html
youtube_url: https://youtube.com/watch?v=BBBBBBBBBBB
chapters:
  - at: '0:00'
    title: Welcome
  - at: '13:58'
    title: Contrast
  - at: '13:58'
    title: Case Study
  - at: '24:28'
    title: Pipeline
""",
}

GUESTS = {
    "ada.yml": """\
id: ada
name: Ada Lovelace
page_url: https://example.org/people/ada.html
links:
  github: ada
""",
    "bo-li.yml": """\
id: bo-li
name: 'Bö Lì'
page_url: https://example.org/people/bo.html
""",
}

ROLES = """\
levels:
  - {id: core, label: Core, symbol: "●", meaning: Daily work.}
  - {id: useful, label: Useful, symbol: "◐", meaning: Often helps.}
lanes:
  - {id: builder, name: Builder, short: Builder, summary: Builds things.}
  - {id: runner, name: Runner, short: Runner, summary: Runs things.}
skills:
  - id: coding
    name: Coding
    levels:
      builder: core
      runner:
        level: useful
        cite: {episode: first-episode, at: '17:25'}
"""

ROADMAPS = """\
roadmaps:
  - id: short-plan
    title: Short plan
    summary: Two phases.
    unit: week
    phases:
      - {label: Weeks 1-2, start: 1, end: 2, title: Basics, steps: [Learn a thing.]}
      - label: Week 3+
        start: 3
        ongoing: true
        title: Practice
        steps: [Do the thing.]
        cite:
          - {episode: second-episode, at: '13:58-24:28'}
"""

FILES = {"roles.yml": ROLES, "roadmaps.yml": ROADMAPS,
         **{f"episodes/{name}": text for name, text in EPISODES.items()},
         **{f"guests/{name}": text for name, text in GUESTS.items()}}


def write_dataset(folder: Path, **replacements) -> Path:
    """Write the valid dataset with text replacements applied.

    Keys name a file or a folder of files: `roles_yml=[(old, new)]`, or
    `episodes=[(old, new)]` / `guests=[...]`, applied to the first file of the
    folder (by name) that contains `old`.
    """
    data = folder / "data"
    texts = dict(FILES)
    for key, pairs in replacements.items():
        names = [n for n in texts if n == key.replace("_yml", ".yml") or n.startswith(f"{key}/")]
        assert names, f"test setup: no data file for {key!r}"
        for old, new in pairs:
            name = next((n for n in names if old in texts[n]), None)
            assert name, f"test setup: {old!r} not in {names}"
            texts[name] = texts[name].replace(old, new, 1)
    for name, text in texts.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(text, encoding="utf-8")
    return data
