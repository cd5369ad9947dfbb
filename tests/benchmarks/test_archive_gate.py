"""The archive benchmark's gate: CPU time of identical builds passes, a 30% slower build fails.

The full benchmark is `make benchmark`; this checks its comparison on a small
corpus, with the same build measurement and the same slowdown hook that
`--slowdown` adds, so a gate that could not fail (or that failed on noise)
shows up here.
"""

import shutil
import time

import pytest

from .archive_build import GROWTH_MARGIN, OVERHEAD_TARGET, SLOWDOWN_HOOK, add_slowdown, build_once, generate, misses


def test_misses_names_each_target_it_misses():
    assert OVERHEAD_TARGET == 0.15 and GROWTH_MARGIN == 1.1
    within = {"macros": 11.4, "prerendered": 10.0, "tenth": 1.0}
    assert misses(within, pages_ratio=10.4) == []
    assert misses({**within, "macros": 13.0}, pages_ratio=100) == [
        "macros, validation and backlinks cost 30.0% CPU time on top of the pre-rendered build (target <= 15%)"]
    assert misses(within, pages_ratio=10) == ["10.0x the pages took 11.40x the CPU time (target <= 11.00x)"]


def test_slowdown_hook_costs_the_given_share_of_cpu_time():
    namespace = {}
    exec(SLOWDOWN_HOOK.format(factor=0.3), namespace)
    start = time.process_time()
    while time.process_time() - start < 0.2:  # some work of "the build"
        pass
    before = time.process_time()
    namespace["on_post_build"](config=None)
    assert time.process_time() >= before * 1.3


@pytest.mark.slow
@pytest.mark.isolated
def test_gate_passes_the_same_build_and_fails_a_30_percent_slower_one(tmp_path):
    generate(tmp_path / "baseline", 0.05, macros=True)
    shutil.copytree(tmp_path / "baseline", tmp_path / "same")
    shutil.copytree(tmp_path / "baseline", tmp_path / "slower")
    add_slowdown(tmp_path / "slower", 0.3)
    cpu = {name: [] for name in ("baseline", "same", "slower")}
    # Interleaved and least of several, as the benchmark does, but five rounds, not
    # three: these builds take ~3 s, and one of them varies by up to 15% on a quiet
    # machine. With three, CI once saw a baseline 13% above an identical copy in every
    # round, which hid the 30% slowdown.
    for _ in range(5):
        for name in cpu:
            cpu[name].append(build_once(tmp_path / name)["cpu"])
    baseline, same, slower = (min(cpu[name]) for name in ("baseline", "same", "slower"))
    # tenth = the build itself at a pages ratio of 1: the growth target is not under test here.
    assert misses({"macros": same, "prerendered": baseline, "tenth": same}, pages_ratio=1) == [], cpu
    found = misses({"macros": slower, "prerendered": baseline, "tenth": slower}, pages_ratio=1)
    assert len(found) == 1 and found[0].startswith("macros, validation and backlinks cost"), cpu
