"""A small, valid data/ folder as text, for tests to copy and break one line at a time."""

from pathlib import Path

EPISODES = """\
episodes:
  - slug: first-episode
    title: 'First Episode: A Talk'
    season: 1
    episode: 1
    guests: [ada]
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
  - slug: second-episode
    title: Second Episode
    season: 1
    episode: 2
    guests: [bo-li]
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
"""

GUESTS = """\
guests:
  - id: ada
    name: Ada Lovelace
    page_url: https://example.org/people/ada.html
    links:
      github: ada
  - id: bo-li
    name: 'Bö Lì'
    page_url: https://example.org/people/bo.html
"""

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

FILES = {"episodes.yml": EPISODES, "guests.yml": GUESTS, "roles.yml": ROLES, "roadmaps.yml": ROADMAPS}


def write_dataset(folder: Path, **replacements) -> Path:
    """Write the valid dataset, with `file_yml=(old, new)` text replacements applied."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        key = name.replace(".", "_")
        for old, new in replacements.get(key, []):
            assert old in text, f"test setup: {old!r} not in {name}"
            text = text.replace(old, new, 1)
        (data / name).write_text(text, encoding="utf-8")
    return data
