"""Quality gates run against the built site in Debian's chromium."""

import random
from functools import lru_cache
from pathlib import Path

import pytest

QUALITY = Path(__file__).resolve().parent
NODE_MODULES = QUALITY / "node_modules"
ROOT = QUALITY.parent.parent

# How many generated pages of each kind (episode, guest, topic) the every-page
# gates check besides the cited ones; see pages_to_check().
SAMPLE_PER_KIND = 12
SAMPLE_SEED = 12  # fixed: the same pages every run, so a failure reproduces

# One page of each type a reader meets.
PAGE_TYPES = {
    "home": "",
    "guide page": "guide/missing-skills/",
    "project page with checklists": "guide/projects/baseline-model/",
    "roadmaps": "guide/roadmaps/",
    "role matrix": "role-lanes/",
    "wiki page": "wiki/mlops-vs-devops/",
    "episode page": "episodes/mlops-at-scale-reproducibility-adoption/",
    "guest page": "guests/raphaelhoogvliets/",
    "tag index": "tags/",
    "topic page": "topics/mlops/",
    "episode listing": "episodes/",
    "guest listing": "guests/",
    "topic listing": "topics/",
    "not found": "404.html",
}


@lru_cache(maxsize=1)
def uncited_episode() -> str:
    """The first episode (by slug) that no page or data file cites: an episode page without "Cited on"."""
    from macros.importer import cited_starts
    from macros.loader import load_site_data

    cited = cited_starts(ROOT)
    return next(e.slug for e in sorted(load_site_data(ROOT / "data").episodes, key=lambda e: e.slug)
                if e.slug not in cited)


PAGE_TYPES["episode page without citations"] = f"episodes/{uncited_episode()}/"


@lru_cache(maxsize=1)
def pages_to_check() -> tuple[str, ...]:
    """Every hand-written page, and a fixed sample of the generated ones, as site paths.

    With the whole podcast archive the site has some 600 generated pages
    (episodes, guests, topics) and a few dozen written by hand. Generated pages
    of one kind come from one template filled with data, so a sample finds any
    fault of the template; what varies is the data, and the loader checks all
    of it. Hand-written pages each differ, so every one is checked. The sample
    always includes every episode the guide cites and those episodes' guests
    (the pages with "Cited on" lists and guest citations), plus SAMPLE_PER_KIND
    more of each kind, drawn with a fixed seed so every run checks the same
    pages. Checking all ~650 pages in two palettes would take over half an hour
    on a 2-core machine.
    """
    from macros.generated import generated_pages
    from macros.importer import cited_starts
    from macros.loader import load_site_data
    from macros.urls import page_url

    data = load_site_data(ROOT / "data")
    paths = [page_url(md.relative_to(ROOT / "docs").as_posix()) for md in sorted((ROOT / "docs").rglob("*.md"))]
    cited = sorted(slug for slug in cited_starts(ROOT) if slug in data.episodes_by_slug)
    chosen = {f"episodes/{slug}.md" for slug in cited}
    chosen |= {f"guests/{g}.md" for slug in cited for g in data.episodes_by_slug[slug].guests}
    generated = sorted(generated_pages(data))
    rng = random.Random(SAMPLE_SEED)
    for kind in ("episodes/", "guests/", "topics/"):
        rest = [src for src in generated if src.startswith(kind) and src not in chosen]
        chosen |= set(rng.sample(rest, min(SAMPLE_PER_KIND, len(rest))))
    return tuple(paths + [page_url(src) for src in sorted(chosen)])


@pytest.fixture(scope="session")
def node_modules():
    assert (NODE_MODULES / "axe-core" / "axe.min.js").exists(), (
        "the quality tools are not installed: run `make test` (it runs npm ci in tests/quality)"
    )
    return NODE_MODULES
