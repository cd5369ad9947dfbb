"""Archive-scale build benchmark: what do macros, validation and backlinks cost?

Generates a synthetic archive in a temporary directory (at scale 1.0: 200
episodes with 25 chapters each, 440 guests, 300 topic pages that cite them),
then times two strict builds of the same pages:

  macros       the real engine: data validation, cite() on every page,
               generated episode and guest pages, backlinks, search folding
  prerendered  every macro already replaced by its output and the episode and
               guest pages written out with their backlinks filled in; the
               macros plugin and the hooks are off

and the macros build at a tenth of the size, to check that time grows
linearly. Targets: macros <= 1.15 x prerendered; 10x the pages <= 11x the
time. Time is the CPU time (user + system) of each build process, so the
gate measures the code, not how busy the machine is: other processes on the
cores stretch the wall time of a build, not the work it does. Writes
test-results/archive-benchmark.json and exits 1 on a miss.

    python -m tests.benchmarks.archive_build [--scale 1.0] [--repeat 3] [--slowdown 0.3]

--slowdown is for showing the gate fail on a real regression: the macros
builds then cost 1 + SLOWDOWN times their CPU time (see add_slowdown).
"""

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from macros.backlinks import Backlink, BacklinkIndex, fill_placeholders, number_citations  # noqa: E402
from macros.citations import citation_html, resolve_citation  # noqa: E402
from macros.listings import episode_list_html, episode_page_md, guest_list_html, guest_page_md  # noqa: E402
from macros.loader import load_site_data  # noqa: E402
from macros.timecodes import format_timecode  # noqa: E402
from macros.urls import Linker, episode_src, guest_src, page_url  # noqa: E402

FULL = {"episodes": 200, "chapters": 25, "guests": 440, "topics": 300}
CITATIONS_PER_SECTION = 3
SECTIONS = ["Why it matters", "What to do", "How to know it worked", "What goes wrong"]
TAGS = ["MLOps", "Evaluation", "Data", "Production", "Monitoring", "System design"]
WORDS = ("model data pipeline feature label metric baseline drift monitor deploy serve batch online "
         "experiment track registry schema slice error threshold latency cost owner rollback retrain").split()
FIRST = ["Ana", "Raphaël", "Zoë", "Jürgen", "Søren", "Łucja", "Noémie", "Bo", "Kai", "Iñigo", "Mia", "Omar"]
LAST = ["Müller", "Hoogvliets", "Ødegaard", "Núñez", "Kowalski", "Dubois", "Sato", "Okafor", "Silva", "Novák"]


def sizes(scale: float) -> dict:
    return {key: max(2, round(value * scale)) if key != "chapters" else value for key, value in FULL.items()}


# Front matter and heading of the corpus' own pages (listings, index, tags).
FRONT = ("---\ntitle: {t}\ndescription: {t} of the synthetic archive used to benchmark the strict build "
         "of this site.\n---\n\n# {t}\n\n")


def sentence(rng, n=16):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


# ---- the data and the pages, as the real engine reads them ------------------------

def write_data(data_dir: Path, n: dict, rng):
    episodes = []
    for k in range(n["episodes"]):
        at, chapters = 0, []
        for c in range(n["chapters"]):
            chapters.append({"at": format_timecode(at), "title": f"Chapter {c + 1}: {sentence(rng, 5)}"})
            at += rng.randint(90, 200)
        episodes.append({
            "slug": f"episode-{k:03d}", "title": f"Synthetic episode {k}: {sentence(rng, 4)}",
            "season": k // 10 + 1, "episode": k % 10 + 1, "guests": [],
            "page_url": f"https://example.org/podcast/episode-{k:03d}.html",
            "youtube_url": f"https://www.youtube.com/watch?v={k:011d}", "chapters": chapters,
        })
    guests = []
    for i in range(n["guests"]):
        guests.append({"id": f"guest-{i:03d}", "name": f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]} {i}",
                       "page_url": f"https://example.org/people/guest-{i:03d}.html"})
        episodes[i % n["episodes"]]["guests"].append(f"guest-{i:03d}")
    for episode in episodes:
        episode["guests"] = episode["guests"] or [guests[0]["id"]]
    first = episodes[0]
    roles = {
        "levels": [{"id": "core", "label": "Core", "symbol": "●", "meaning": "Daily work."}],
        "lanes": [{"id": "builder", "name": "Builder", "short": "Builder", "summary": "Builds."}],
        "skills": [{"id": "coding", "name": "Coding", "levels": {
            "builder": {"level": "core", "cite": {"episode": first["slug"], "at": first["chapters"][1]["at"]}}}}],
    }
    roadmaps = {"roadmaps": [{"id": "plan", "title": "Plan", "summary": "One phase.", "unit": "week", "phases": [
        {"label": "Week 1", "start": 1, "end": 1, "title": "Start", "steps": ["Start."]}]}]}
    files = {"roles.yml": roles, "roadmaps.yml": roadmaps,
             **{f"episodes/{e['slug']}.yml": e for e in episodes}, **{f"guests/{g['id']}.yml": g for g in guests}}
    for name, content in files.items():
        (data_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return episodes


def topic_pages(n: dict, episodes, rng):
    """Each topic page as a title and sections of (heading, paragraphs, citations)."""
    pages = []
    for j in range(n["topics"]):
        sections = []
        for heading in SECTIONS:
            cites = []
            for _ in range(CITATIONS_PER_SECTION):
                episode = rng.choice(episodes)
                start = rng.randrange(len(episode["chapters"]) - 1)
                times = [episode["chapters"][start]["at"]]
                if rng.random() < 0.3:
                    times = [f'{times[0]}-{episode["chapters"][start + 1]["at"]}']
                cites.append((episode["slug"], times))
            sections.append((heading, [sentence(rng, 40), sentence(rng, 30)], cites))
        neighbors = [(j + 1) % n["topics"], (j + 7) % n["topics"]]
        pages.append({"src": f"topics/topic-{j:03d}.md", "title": f"Topic {j}", "sections": sections,
                      "tags": [TAGS[j % len(TAGS)]], "neighbors": neighbors})
    return pages


def topic_markdown(page, render_cite) -> str:
    lines = ["---", f"title: {page['title']}",
             f"description: Synthetic topic page {page['title']} for the archive-scale build benchmark of this site.",
             f"tags: [{', '.join(page['tags'])}]", "---", "", f"# {page['title']}", "",
             "Related: " + ", ".join(f"[Topic {k}](topic-{k:03d}.md)" for k in page["neighbors"]) + ".", ""]
    for heading, paragraphs, cites in page["sections"]:
        lines += [f"## {heading}", ""]
        for k, (episode, times) in enumerate(cites):
            text = paragraphs[k % len(paragraphs)]
            lines += [f"{text} As discussed ({render_cite(episode, times)}).", ""]
    return "\n".join(lines)


def config_text(macros: bool) -> str:
    """The real mkdocs.yml with the corpus' nav; without macros and hooks when pre-rendered."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - CONTRIBUTING.md\n", "")  # the real site's contributor page is not in the corpus
    text = text[: text.index("\nnav:")] + """
not_in_nav: |
  /topics/topic-*.md
nav:
  - Home: index.md
  - Topics: topics/index.md
  - Episodes: episodes/index.md
  - Guests: guests/index.md
  - Tags: tags.md
"""
    # llms.txt lists the corpus' pages, not the real site's (which the corpus lacks).
    text = re.sub(r"\n      sections:\n(        .*\n)+", """
      sections:
        Site: [index.md, topics/index.md, episodes/index.md, guests/index.md, tags.md]
        Optional: ["episodes/*.md", "guests/*.md", "topics/*.md"]
""", text)
    if not macros:
        text = re.sub(r"\n  - macros:\n(      .*\n)+", "\n", text)
        text = re.sub(r"\nhooks:\n  - macros/hooks.py\n", "\n", text)
        text = text.replace("not_in_nav: |\n", "not_in_nav: |\n  /episodes/*.md\n  /guests/*.md\n")
    return text


def common_pages(docs: Path, pages, n):
    (docs / "topics").mkdir(parents=True)
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    front = FRONT
    (docs / "index.md").write_text(front.format(t="Archive") + "[Topics](topics/index.md)\n", encoding="utf-8")
    (docs / "tags.md").write_text(front.format(t="Tags") + "<!-- material/tags -->\n", encoding="utf-8")
    links = "\n".join(f"- [{p['title']}]({Path(p['src']).name})" for p in pages)
    (docs / "topics" / "index.md").write_text(front.format(t="Topics") + links + "\n", encoding="utf-8")
    (docs / "episodes").mkdir()
    (docs / "guests").mkdir()


def generate(target: Path, scale: float, macros: bool, seed: int = 7) -> dict:
    """Write a project (mkdocs.yml, docs/, data/, macros/, overrides/) at `target`; return its sizes."""
    rng = random.Random(seed)
    n = sizes(scale)
    episodes = write_data(target / "data", n, rng)
    pages = topic_pages(n, episodes, rng)
    docs = target / "docs"
    common_pages(docs, pages, n)
    shutil.copytree(ROOT / "macros", target / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", target / "overrides")  # the theme templates both variants use
    (target / "mkdocs.yml").write_text(config_text(macros), encoding="utf-8")
    front = FRONT

    if macros:
        quote = lambda e, times: "{{ cite(" + ", ".join(f'"{v}"' for v in [e, *times]) + ") }}"  # noqa: E731
        for page in pages:
            (docs / page["src"]).write_text(topic_markdown(page, quote), encoding="utf-8")
        (docs / "episodes" / "index.md").write_text(front.format(t="Episodes") + "{{ episode_list() }}\n", encoding="utf-8")
        (docs / "guests" / "index.md").write_text(front.format(t="Guests") + "{{ guest_list() }}\n", encoding="utf-8")
        return {**n, "pages": n["topics"] + n["episodes"] + n["guests"] + 5}

    # Pre-rendered: the same output, produced once here instead of at build time.
    data = load_site_data(target / "data")
    index = BacklinkIndex()
    for page in pages:
        url = page_url(page["src"])
        linker = Linker(url)

        def rendered(episode, times, linker=linker):
            spans = resolve_citation(data.episodes_by_slug, episode, times)
            return citation_html(spans, linker, data.guests_by_id)

        markdown = number_citations(topic_markdown(page, rendered))
        (docs / page["src"]).write_text(markdown, encoding="utf-8")
        counter = 0
        for heading, _, cites in page["sections"]:
            for episode, times in cites:
                counter += 1
                moments = [m for span in resolve_citation(data.episodes_by_slug, episode, times) for m in span.moments]
                index.add(Backlink(episode, tuple(m.seconds for m in moments), url, page["title"], heading,
                                   f"cite-{counter}"))
    for episode in data.episodes:
        src = episode_src(episode.slug)
        linker = Linker(page_url(src))
        body = fill_placeholders(episode_page_md(data, episode.slug, linker), index, data, linker)
        (docs / src).write_text(front.format(t=episode.title.replace(":", " -")) + body, encoding="utf-8")
    for guest in data.guests:
        src = guest_src(guest.id)
        linker = Linker(page_url(src))
        body = fill_placeholders(guest_page_md(data, guest.id, linker), index, data, linker)
        (docs / src).write_text(front.format(t=guest.name) + body, encoding="utf-8")
    for name, listing in (("episodes", episode_list_html), ("guests", guest_list_html)):
        linker = Linker(f"{name}/")
        body = fill_placeholders(listing(data, linker), index, data, linker)
        (docs / name / "index.md").write_text(front.format(t=name.capitalize()) + body, encoding="utf-8")
    return {**n, "pages": n["topics"] + n["episodes"] + n["guests"] + 5}


# A proportional slowdown of the macros builds, for showing that the gate fails
# on a real regression: this hook, added to the benchmark's own temporary
# projects only (never to the site), burns CPU at the end of the build until
# the build has cost (1 + factor) times what it had so far.
SLOWDOWN_HOOK = """import time

FACTOR = {factor!r}


def on_post_build(config):
    target = time.process_time() * (1 + FACTOR)
    while time.process_time() < target:
        pass
"""


def add_slowdown(project: Path, factor: float):
    """Make the build of `project` cost (1 + factor) times its CPU time."""
    (project / "benchmark_slowdown.py").write_text(SLOWDOWN_HOOK.format(factor=factor), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nhooks:\n" in text, "the macros variant has a hooks list"
    config.write_text(text.replace("\nhooks:\n", "\nhooks:\n  - benchmark_slowdown.py\n"), encoding="utf-8")


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build_once(project: Path) -> dict:
    """CPU and wall seconds of one strict build; fails loudly if the build fails.

    The CPU time (user + system) of the build process is what the gate
    compares: it is the work the code does, and it hardly changes when other
    processes compete for the cores, whereas wall time grows with them.
    """
    out = project / "site"
    shutil.rmtree(out, ignore_errors=True)
    cpu_before, started = children_cpu_seconds(), time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
                            cwd=project, capture_output=True, text=True,
                            env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    wall, cpu = time.perf_counter() - started, children_cpu_seconds() - cpu_before
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return {"cpu": cpu, "wall": wall}


def timed_builds(projects: dict, repeat: int) -> dict:
    """Per project, the build with the least CPU time of `repeat`, the projects taking turns.

    Taking turns spreads any drift in the machine's speed (clock, caches shared
    with other work) over every variant alike.
    """
    runs = {name: [] for name in projects}
    for _ in range(repeat):
        for name, project in projects.items():
            runs[name].append(build_once(project))
    return {name: min(times, key=lambda run: run["cpu"]) for name, times in runs.items()}


OVERHEAD_TARGET = 0.15  # macros, validation and backlinks: at most 15% over pre-rendered pages
GROWTH_MARGIN = 1.1     # 10x the pages: at most 11x the time


def misses(cpu: dict, pages_ratio: float) -> list[str]:
    """What the CPU seconds of the three builds miss of the targets (empty when all are met)."""
    overhead = cpu["macros"] / cpu["prerendered"] - 1
    growth = cpu["macros"] / cpu["tenth"]
    found = []
    if overhead > OVERHEAD_TARGET:
        found.append(f"macros, validation and backlinks cost {overhead:.1%} CPU time on top of the pre-rendered "
                     f"build (target <= {OVERHEAD_TARGET:.0%})")
    if growth > pages_ratio * GROWTH_MARGIN:
        found.append(f"{pages_ratio:.1f}x the pages took {growth:.2f}x the CPU time "
                     f"(target <= {pages_ratio * GROWTH_MARGIN:.2f}x)")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--slowdown", type=float, default=0.0,
                        help="demonstration only: make the macros builds cost 1+SLOWDOWN times their CPU time")
    parser.add_argument("--report", type=Path, default=ROOT / "test-results" / "archive-benchmark.json")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="archive-") as tmp:
        tmp = Path(tmp)
        full = generate(tmp / "macros", args.scale, macros=True)
        generate(tmp / "prerendered", args.scale, macros=False)
        tenth = generate(tmp / "tenth", args.scale / 10, macros=True)
        if args.slowdown:
            add_slowdown(tmp / "macros", args.slowdown)
            add_slowdown(tmp / "tenth", args.slowdown)
        runs = timed_builds({name: tmp / name for name in ("macros", "prerendered", "tenth")}, args.repeat)
    cpu = {name: run["cpu"] for name, run in runs.items()}
    pages_ratio = full["pages"] / tenth["pages"]
    found = misses(cpu, pages_ratio)
    report = {
        "sizes": full, "tenth_sizes": tenth, "repeat": args.repeat, "slowdown": args.slowdown,
        "statistic": "CPU seconds (user + system) of the build process, least of repeat, interleaved",
        "cpu_seconds": {name: round(value, 2) for name, value in cpu.items()},
        "wall_seconds": {name: round(run["wall"], 2) for name, run in runs.items()},
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)},
        "pages_per_cpu_second": {name: round(full["pages"] / cpu[name], 1) for name in ("macros", "prerendered")},
        "overhead": round(cpu["macros"] / cpu["prerendered"] - 1, 3), "overhead_target": OVERHEAD_TARGET,
        "growth": round(cpu["macros"] / cpu["tenth"], 2), "pages_ratio": round(pages_ratio, 2),
        "growth_target": round(pages_ratio * GROWTH_MARGIN, 2),
        "misses": found,
    }
    return write_report(report, args.report)


def write_report(report: dict, path: Path) -> int:
    """Write and print a benchmark's report; print each of its misses; the exit status (1 on a miss)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    for miss in report["misses"]:
        print("MISS:", miss, file=sys.stderr)
    return 1 if report["misses"] else 0


if __name__ == "__main__":
    sys.exit(main())
