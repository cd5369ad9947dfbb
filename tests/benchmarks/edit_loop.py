"""The edit loop at archive scale: how long after a save does `make serve` show it?

Runs the Makefile's own `make serve` on a copy of the project (the whole
archive in data/), then, `--repeat` times, adds a sentence to a guide page
that cites episodes and times how long until the server answers that page
with the sentence in it (the rebuild, the swap and one request). For each
save it also takes the CPU seconds the server spent (user + system of every
process of `make serve`): on a machine shared with other work, wall time is
mostly waiting for a core, while CPU time is what the code costs. Before the
server, it times one full strict `mkdocs build` of the same copy
(archive_build.build_once): its pages/s, and its CPU seconds as this run's
reference.

Gate (CPU, against the reference measured in the same run, never a wall
time): the median save costs at most CPU_SHARE_TARGET of a full build's CPU.
Without the serve cache a save rebuilds every page and costs about one full
build: `--no-cache` (make serve with SERVE_CACHE=off) shows the gate failing.
Target of issue 12, reported but never gating (a wall time measures the
machine as much as the code; `make test` runs this): the fastest save shows
within 5 s. Writes test-results/edit-loop-benchmark.json.

    python -m tests.benchmarks.edit_loop [--repeat 3] [--no-cache]
"""

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.archive_build import build_once, write_report  # noqa: E402
from tests.browser.serving import edit, make_serve, project_to_serve  # noqa: E402

PAGE = "docs/guide/interviews.md"   # cites several episodes
URL_PATH = "guide/interviews/"
ANCHOR = "# Interviews"
WALL_TARGET_SECONDS = 5.0
CPU_SHARE_TARGET = 0.25  # a save: at most a quarter of a full build's CPU time
_BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
_REUSED = re.compile(r"Reused from the serve cache \(hits/lookups\): (.*)")


def session_cpu_seconds(session_id: int) -> float:
    """User + system CPU of every live process in a session (make and the server it started)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # exited meanwhile
        if int(fields[3]) == session_id:  # after the name: state, ppid, pgrp, session, ...
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def wait_for(url: str, text: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if text in response.read().decode("utf-8"):
                    return
        except OSError:
            pass  # the server is swapping in the new site; ask again
        time.sleep(0.05)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f}s")


def edit_loop(project: Path, repeat: int) -> list[dict]:
    saves = []
    with make_serve(project) as served:
        page_url = served.url + URL_PATH
        wait_for(page_url, "Interviews")
        for number in range(1, repeat + 1):
            time.sleep(1)  # the file watcher has settled on the previous save
            marker = f"Edit loop benchmark sentence {number}."
            lines_before = len(served.lines)
            cpu_before = session_cpu_seconds(served.process.pid)
            started = time.perf_counter()
            edit(project / PAGE, ANCHOR, f"{ANCHOR}\n\n{marker}")
            wait_for(page_url, marker)
            elapsed = time.perf_counter() - started
            time.sleep(0.5)  # the build's last log lines
            output = "".join(served.lines[lines_before:])
            built, reused = _BUILT.findall(output), _REUSED.findall(output)
            saves.append({
                "edit_to_served_seconds": round(elapsed, 2),
                "server_cpu_seconds": round(session_cpu_seconds(served.process.pid) - cpu_before, 2),
                "mkdocs_build_seconds": float(built[-1]) if built else None,
                "reused": reused[-1] if reused else None,
            })
            print(f"save {number}: {saves[-1]}", flush=True)
        served.assert_running()
    return saves


def full_build(project: Path) -> dict:
    run = build_once(project)
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    shutil.rmtree(project / "site")  # not part of the project make serve then builds
    return {"pages": pages, "cpu_seconds": round(run["cpu"], 2), "wall_seconds": round(run["wall"], 2),
            "pages_per_second": round(pages / run["wall"], 1), "pages_per_cpu_second": round(pages / run["cpu"], 1)}


def misses(save_cpu: float, build_cpu: float) -> list[str]:
    """What a save's CPU seconds miss of the gate, against a full build's (empty when met)."""
    share = save_cpu / build_cpu
    if share > CPU_SHARE_TARGET:
        return [f"a save cost {share:.0%} of a full build's CPU time ({save_cpu:.1f}s of {build_cpu:.1f}s; "
                f"target <= {CPU_SHARE_TARGET:.0%})"]
    return []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-cache", action="store_true",
                        help="demonstration only: serve without the serve cache, so the gate fails")
    parser.add_argument("--report", type=Path, default=ROOT / "test-results" / "edit-loop-benchmark.json")
    args = parser.parse_args(argv)
    if args.no_cache:
        os.environ["SERVE_CACHE"] = "off"  # make serve passes it on to macros/serve.py
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="edit-loop-") as tmp:
        project = project_to_serve(Path(tmp))
        build = full_build(project)
        saves = edit_loop(project, args.repeat)
    save_cpu = statistics.median(s["server_cpu_seconds"] for s in saves)
    fastest = min(s["edit_to_served_seconds"] for s in saves)
    found = misses(save_cpu, build["cpu_seconds"])
    if fastest > WALL_TARGET_SECONDS:
        print(f"note: the fastest save took {fastest:.1f}s to show (target <= {WALL_TARGET_SECONDS:.0f}s; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); not a gate, see the docstring")
    report = {
        "serve_cache": not args.no_cache,
        "full_build": build,
        "saves": saves,
        "edit_to_served_seconds": {"fastest": fastest,
                                   "median": statistics.median(s["edit_to_served_seconds"] for s in saves)},
        "server_cpu_seconds_per_save": {"median": save_cpu,
                                        "share_of_full_build": round(save_cpu / build["cpu_seconds"], 3),
                                        "target_share": CPU_SHARE_TARGET},
        "wall_target_seconds": WALL_TARGET_SECONDS,
        "wall_target_met": fastest <= WALL_TARGET_SECONDS,
        "load_average_1min": {"before": round(load_before[0], 2), "after": round(os.getloadavg()[0], 2)},
        "misses": found,
    }
    return write_report(report, args.report)


if __name__ == "__main__":
    sys.exit(main())
