"""What one save under `make serve` still costs, event by event, with the serve cache on.

Builds a copy of the project (the whole archive) in this process with
macros/serve.py's own Builder, as `make serve` does, then saves a guide page
`--saves` times and rebuilds after each. Prints each rebuild's CPU and wall
seconds and what the serve cache reused; then profiles one more save and
prints the CPU seconds spent in each MkDocs event's handlers (the plugins'
and the hooks'), in the theme's templates and in writing files, so what is
left of a save can be read off, and which part is whose.

    python -m tests.benchmarks.serve_profile [--saves 3] [--top 25]
"""

import argparse
import cProfile
import logging
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from macros import cache as serve_cache  # noqa: E402
from macros.serve import BuildLog, Builder  # noqa: E402
from tests.benchmarks.edit_loop import ANCHOR, PAGE  # noqa: E402
from tests.browser.serving import edit, in_process_builder  # noqa: E402
from tests.conftest import copy_project  # noqa: E402


def builder_for(project: Path, workdir: Path) -> Builder:
    build_log = BuildLog()
    logging.getLogger("mkdocs").addHandler(build_log)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    return in_process_builder(project, workdir, build_log)


def timed_save(builder: Builder, page: Path, number: int) -> dict:
    edit(page, ANCHOR, f"{ANCHOR}\n\nServe profile sentence {number}.")
    cpu, wall = time.process_time(), time.perf_counter()
    builder()
    if builder.server.build_errors:
        raise SystemExit("the build failed:\n" + "\n".join(builder.server.build_errors))
    return {"cpu": round(time.process_time() - cpu, 2), "wall": round(time.perf_counter() - wall, 2),
            "reused": builder.cache.summary() if builder.cache else None}


def by_handler(stats: pstats.Stats, top: int) -> list[tuple[float, str]]:
    """Cumulative seconds of each plugin or hook event handler, templates and file writes, largest first."""
    rows = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():
        is_handler = name.startswith("on_") and ("plugins" in filename or filename.endswith("hooks.py")
                                                 or "site-packages/mkdocs_" in filename)
        is_handler = is_handler and not filename.endswith("mkdocs/plugins.py")  # the dispatcher itself
        if is_handler or (name == "render" and filename.endswith("jinja2/environment.py")) \
                or (name == "write_file" and "mkdocs/utils" in filename):
            where = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
            rows.append((cumulative, f"{where}:{line} {name}"))
    return sorted(rows, reverse=True)[:top]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=3)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="serve-profile-") as tmp:
        project = copy_project(Path(tmp) / "project")
        cwd = Path.cwd()
        os.chdir(project)  # pymdownx.snippets reads CONTRIBUTING.md from the working directory
        try:
            builder = builder_for(project, Path(tmp))
            started = time.process_time()
            builder()
            print(f"first build: {time.process_time() - started:.2f}s CPU", flush=True)
            for number in range(1, args.saves + 1):
                print(f"save {number}: {timed_save(builder, project / PAGE, number)}", flush=True)
            profile = cProfile.Profile()
            profile.enable()
            timed_save(builder, project / PAGE, args.saves + 1)
            profile.disable()
        finally:
            os.chdir(cwd)
            serve_cache.disable()
    stats = pstats.Stats(profile)
    total = max(row[3] for row in stats.stats.values())
    print(f"\nOne save, profiled ({total:.2f}s under the profiler, which roughly doubles it):")
    for seconds, where in by_handler(stats, args.top):
        print(f"{seconds:7.2f}s {seconds / total:5.0%}  {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
