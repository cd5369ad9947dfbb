"""What one build knows: the validated data, the backlinks and the problems found so far.

hooks.py starts a build (loading data/ once); the macros and the hook read
the same state. A new build (each rebuild under `mkdocs serve`) replaces it.

Problems are collected, not raised where they are found, so one build reports
every bad page: `report` keeps each one, `raise_problems` ends the build with
all of them (hooks.py calls it once every page has been read).
"""

from dataclasses import dataclass, field
from pathlib import Path

from .backlinks import BacklinkIndex
from .errors import BuildProblems, Problem, SiteError
from .loader import SiteData, load_site_data


@dataclass
class Build:
    data: SiteData
    use_directory_urls: bool
    backlinks: BacklinkIndex = field(default_factory=BacklinkIndex)
    generated: dict = field(default_factory=dict)  # src_uri -> GeneratedPage, set by on_files
    pages_by_tag: dict = field(default_factory=dict)  # tag -> [(title, src_uri)], set by on_files
    data_dates: dict = field(default_factory=dict)  # 'data/...yml' -> time of its last commit (page_head.py)
    llms_pending: tuple | None = None  # (llms.txt sections, files) until pages are finished (hooks.py)
    problems: list[Problem] = field(default_factory=list)

    def report(self, path: str, line: int | None, message: str) -> None:
        problem = Problem(path, line, message)
        if problem not in self.problems:
            self.problems.append(problem)

    def raise_problems(self) -> None:
        if self.problems:
            raise BuildProblems(self.problems)


_current: Build | None = None


def start(project_dir: Path, docs_dir: Path, use_directory_urls: bool, load=load_site_data) -> Build:
    """`load`: load_site_data, or under `make serve` its cached twin (macros/cache.py)."""
    global _current
    _current = None  # a build whose data fails to load leaves no stale state behind
    data = load(Path(project_dir) / "data", docs_dir=Path(docs_dir))
    _current = Build(data=data, use_directory_urls=use_directory_urls)
    return _current


def current() -> Build:
    if _current is None:
        raise SiteError(
            "the site's data is not loaded: mkdocs.yml must list 'macros/hooks.py' under 'hooks:'"
        )
    return _current
