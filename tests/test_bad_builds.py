"""Break a copy of the site one way at a time: the build must fail and say where."""

import pytest

from .conftest import run_build

pytestmark = pytest.mark.slow

PAGE = "docs/guide/interviews.md"


def append(project, relative, text) -> int:
    """Add `text` after a blank line at the end of a page; return the line it starts on."""
    path = project / relative
    before = path.read_text(encoding="utf-8") + "\n"
    path.write_text(before + text + "\n", encoding="utf-8")
    return before.count("\n") + 1


def replace(project, relative, old, new):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failing_build(project, tmp_path) -> str:
    result = run_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should have failed:\n{output[-2000:]}"
    return output


CASES = {
    "unknown episode": (
        lambda p: append(p, PAGE, 'Said here {{ cite("no-such-episode", "1:00") }}.'),
        ["docs/guide/interviews.md:{line}: unknown episode 'no-such-episode'"],
    ),
    "unknown chapter": (
        lambda p: append(p, PAGE, 'Said here {{ cite("from-software-engineer-to-machine-learning", "17:26") }}.'),
        ["docs/guide/interviews.md:{line}: unknown chapter 17:26 in episode from-software-engineer-to-machine-learning; "
         "nearest chapter starts: 17:25, 19:09"],
    ),
    "reversed range": (
        lambda p: append(p, PAGE, 'Said here {{ cite("mlops-at-scale-reproducibility-adoption", "51:21-39:06") }}.'),
        ["docs/guide/interviews.md:{line}: range '51:21-39:06' runs backwards"],
    ),
    "range across episodes": (
        lambda p: append(p, PAGE, '{{ cite("ml-system-design", "47:46-machine-learning-system-design-interview@46:02") }}'),
        ["docs/guide/interviews.md:{line}: range '47:46-machine-learning-system-design-interview@46:02' spans two episodes"],
    ),
    "unknown roadmap": (
        lambda p: append(p, PAGE, '{{ roadmap("seven-month") }}'),
        ["docs/guide/interviews.md:{line}: unknown roadmap 'seven-month'; roadmaps in data/roadmaps.yml: six-month"],
    ),
    "undefined variable": (
        lambda p: append(p, PAGE, "Value: {{ no_such_variable }}"),
        ["docs/guide/interviews.md:{line}: 'no_such_variable' is not available to pages; a page may use only "
         "the site's macros (cite, episode_list, guest_list, roadmap, role_matrix, topic_list)"],
    ),
    "macro called with the wrong arguments": (
        lambda p: append(p, PAGE, "Said here {{ cite() }}."),
        ["docs/guide/interviews.md:{line}: cite() missing 1 required positional argument: 'episode'"],
    ),
    "Jinja syntax error": (
        lambda p: append(p, PAGE, 'Said here {{ cite("slug", "1:00" }}.'),
        ["docs/guide/interviews.md:{line}: Jinja syntax error: unexpected '}'"],
    ),
    "broken link": (
        lambda p: append(p, PAGE, "See [the missing page](no-such-page.md)."),
        ["Doc file 'guide/interviews.md' contains a link 'no-such-page.md'", "not found"],
    ),
    "broken anchor": (
        lambda p: append(p, PAGE, "See [leakage](missing-skills.md#no-such-heading)."),
        ["Doc file 'guide/interviews.md' contains a link 'missing-skills.md#no-such-heading'",
         "does not contain an anchor '#no-such-heading'"],
    ),
    "page missing from the nav": (
        lambda p: (p / "docs/guide/orphan.md").write_text("---\ntitle: Orphan\n---\n# Orphan\n"),
        ["guide/orphan.md", "not included in the \"nav\""],
    ),
    "tag outside the vocabulary": (
        lambda p: replace(p, PAGE, "tags:\n", "tags:\n  - Bananas\n"),
        ["Bananas"],
    ),
    "unquoted time in data": (
        lambda p: replace(p, "data/episodes/from-software-engineer-to-machine-learning.yml", "- at: '17:25'", "- at: 17:25"),
        ["data/episodes/from-software-engineer-to-machine-learning.yml: chapter 'Lesson 1 - Take Action: "
         "Start Projects Instead of Overpreparing' > at: got the number 1045", "quote it: '17:25'"],
    ),
    "malformed YAML": (
        lambda p: replace(p, "data/guests/nadianahar.yml", "id: nadianahar\n", "id: nadianahar\n name: [\n"),
        ["data/guests/nadianahar.yml: malformed YAML at line "],
    ),
    "hand-written page where a generated one goes": (
        lambda p: (p / "docs/episodes/ml-system-design.md").write_text("---\ntitle: X\n---\n# X\n"),
        ["docs/episodes/ml-system-design.md exists, but episode, guest and topic pages are generated from data/; "
         "delete docs/episodes/ml-system-design.md and edit data/episodes/ml-system-design.yml instead"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_the_build_with_a_precise_message(case, project_copy, tmp_path):
    breakage, expected = CASES[case]
    line = breakage(project_copy)
    output = failing_build(project_copy, tmp_path)
    for fragment in expected:
        fragment = fragment.replace("{line}", str(line))
        assert fragment in output, f"{case}: expected {fragment!r} in:\n{output[-3000:]}"
    assert "Traceback" not in output


def test_literal_jinja_in_code_renders_as_written(project_copy, tmp_path):
    append(project_copy, PAGE, '```jinja\n{{ cite("any-slug", "9:99") }}\n```\n\nInline: `{{ no_such_macro() }}`.')
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out/guide/interviews/index.html").read_text(encoding="utf-8")
    assert "cite" in html and "any-slug" in html and "9:99" in html
    assert "no_such_macro" in html


def test_a_new_episode_in_the_data_gets_a_page_with_no_other_edit(project_copy, tmp_path):
    (project_copy / "data/episodes/a-brand-new-episode.yml").write_text("""\
slug: a-brand-new-episode
title: 'A Brand New Episode: Tests'
season: 30
episode: 1
guests: [svpino]
topics: [A brand new topic]
page_url: https://datatalks.club/podcast/a-brand-new-episode.html
youtube_url: https://www.youtube.com/watch?v=ZZZZZZZZZZZ
chapters:
  - at: '0:00'
    title: 'Opening <script>alert(1)</script>'
""", encoding="utf-8")
    append(project_copy, PAGE, 'New: {{ cite("a-brand-new-episode", "0:00") }}.')
    result = run_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out/episodes/a-brand-new-episode/index.html").read_text(encoding="utf-8")
    assert "Opening &lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "guide/interviews/#cite-" in page, "the new citation should appear under 'Cited on'"
    guest = (tmp_path / "out/guests/svpino/index.html").read_text(encoding="utf-8")
    assert "A Brand New Episode: Tests" in guest
    topic = (tmp_path / "out/topics/a-brand-new-topic/index.html").read_text(encoding="utf-8")
    assert 'href="../../episodes/a-brand-new-episode/"' in topic


def test_one_build_reports_every_problem_once_without_a_traceback(project_copy, tmp_path):
    """Three broken pages and a bad citation: all four reported by one build, each once."""
    bad_cite = append(project_copy, PAGE, 'Said here {{ cite("no-such-episode", "1:00") }}.')
    undefined = append(project_copy, "docs/guide/roadmaps.md", "Value: {{ no_such_variable }}")
    script = append(project_copy, "docs/wiki/mlops.md", "<script>alert(1)</script>")
    bad_chapter = append(project_copy, "docs/wiki/evaluation.md",
                         'Said {{ cite("from-software-engineer-to-machine-learning", "17:26") }}.')
    output = failing_build(project_copy, tmp_path)
    expected = [
        f"docs/guide/interviews.md:{bad_cite}: unknown episode 'no-such-episode'",
        f"docs/guide/roadmaps.md:{undefined}: 'no_such_variable' is not available to pages",
        f"docs/wiki/mlops.md:{script}: <script> is not allowed in a page",
        f"docs/wiki/evaluation.md:{bad_chapter}: unknown chapter 17:26",
    ]
    for line in expected:
        assert output.count(line) == 1, f"expected {line!r} once in:\n{output[-3000:]}"
    assert "Traceback" not in output and "Macro Rendering Error" not in output
