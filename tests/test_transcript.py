"""`make window`: the transcript between a citation's chapter start and the next one."""

import shutil
from pathlib import Path

import yaml

from macros.loader import load_site_data
from macros.timecodes import format_timecode, parse_timecode
from macros.transcript import Said, guest_words, host_of, main, transcript_lines, window
from tests.conftest import ROOT

EPISODE = "from-software-engineer-to-machine-learning"


def test_lines_without_their_own_time_belong_to_the_line_above():
    said = transcript_lines([
        {"header": "Intro"},
        {"line": "Question?", "sec": 10, "who": "Host"},
        {"line": "First paragraph.", "sec": 15, "who": "Guest"},
        {"line": "Second paragraph.", "who": "Guest"},
        {"line": "A stray boolean time.", "sec": True, "who": "Guest"},
    ])
    assert said == [Said(10, "Host", "Question?"), Said(15, "Guest", "First paragraph."),
                    Said(15, "Guest", "Second paragraph."), Said(15, "Guest", "A stray boolean time.")]


def test_a_window_runs_to_the_next_chapter_start_after_its_last_chapter():
    said = [Said(s, "x", str(s)) for s in (0, 50, 99, 100, 150, 200, 260)]
    starts = [0, 100, 200]
    assert [s.seconds for s in window(said, starts, 100, 100)] == [100, 150]
    assert [s.seconds for s in window(said, starts, 0, 100)] == [0, 50, 99, 100, 150]
    assert [s.seconds for s in window(said, starts, 200, 200)] == [200, 260], "the last chapter runs to the end"


def write_archive(tmp_path, transcript) -> str:
    podcast = tmp_path / "archive" / "_podcast"
    podcast.mkdir(parents=True)
    text = "---\n" + yaml.safe_dump({"title": "x", "transcript": transcript}) + "---\nbody\n"
    (podcast / f"{EPISODE}.md").write_text(text, encoding="utf-8")
    return str(tmp_path / "archive")


def test_the_command_prints_the_window_with_the_sites_chapter_starts(tmp_path, capsys):
    starts = sorted(load_site_data(ROOT / "data").episodes_by_slug[EPISODE].starts)
    at = parse_timecode("17:25")
    following = starts[starts.index(at) + 1]
    archive = write_archive(tmp_path, [
        {"line": "Before the window.", "sec": at - 5, "who": "Host"},
        {"line": "The host asks.", "sec": at, "who": "Host"},
        {"line": "The guest answers.", "sec": at + 20, "who": "Guest"},
        {"line": "And goes on.", "who": "Guest"},
        {"line": "The next chapter.", "sec": following, "who": "Host"},
    ])
    assert main([EPISODE, "17:25", "--archive", archive, "--project", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "chapter 17:25:" in out and "The host asks." in out and "And goes on." in out
    assert "Before the window." not in out and "The next chapter." not in out


def test_a_time_that_is_not_a_chapter_start_names_the_nearest(tmp_path, capsys):
    archive = write_archive(tmp_path, [])
    assert main([EPISODE, "17:26", "--archive", archive, "--project", str(ROOT)]) == 2
    assert "unknown chapter 17:26" in capsys.readouterr().err


def test_the_host_is_whoever_opens_and_a_trailing_colon_is_the_same_speaker():
    said = transcript_lines([{"line": "Welcome.", "sec": 0, "who": "Alexey:"},
                             {"line": "Thanks for having me here.", "sec": 5, "who": "'Theo:'"},
                             {"line": "So, question?", "sec": 9, "who": "Alexey"}])
    assert host_of(said) == "Alexey"
    assert guest_words(said, "Alexey") == 5


def audit_project(tmp_path, page_text) -> Path:
    """A project with this repository's data/ and one page."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "data", project / "data")
    (project / "docs").mkdir()
    (project / "docs" / "page.md").write_text(page_text, encoding="utf-8")
    return project


def test_the_audit_lists_a_citation_whose_window_is_only_the_host(tmp_path, capsys):
    starts = sorted(load_site_data(ROOT / "data").episodes_by_slug[EPISODE].starts)
    at = parse_timecode("36:19")
    following = starts[starts.index(at) + 1]
    archive = write_archive(tmp_path, [
        {"line": "Welcome to the show.", "sec": 0, "who": "Host"},
        {"line": "A long recap of what the guest once tweeted, in the host's words.", "sec": at, "who": "Host"},
        {"line": " ".join(["answer"] * 30), "sec": following, "who": "Guest"},
    ])
    project = audit_project(tmp_path, f'Point ({{{{ cite("{EPISODE}", "36:19") }}}}).\n\n'
                                      f'Answer ({{{{ cite("{EPISODE}", "36:19-{format_timecode(following)}") }}}}).\n')
    assert main(["--audit", "--archive", archive, "--project", str(project)]) == 1
    # data/roles.yml and roadmaps.yml cite episodes this archive lacks: each is listed as unreadable.
    out = [line for line in capsys.readouterr().out.splitlines() if line.startswith("docs/")]
    assert out == [f"docs/page.md: {EPISODE} 36:19: the guests say 0 words in this window (speakers: Host); "
                   "it may be the host's question or recap"], "the range that reaches the answer passes"
