"""Page front matter that MkDocs would drop or misread silently fails the build, naming page and line."""

import pytest

from macros.errors import FrontMatterError
from macros.front_matter import check_front_matter

from .conftest import run_build

PAGE = "docs/guide/x.md"


def error(source: str) -> str:
    with pytest.raises(FrontMatterError) as caught:
        check_front_matter(source, PAGE)
    return str(caught.value)


def test_valid_front_matter_and_none_at_all_pass():
    check_front_matter("---\ntitle: A page\ntags:\n  - MLOps\n---\n# A page\n", PAGE)
    check_front_matter("# No front matter\n\n---\n\nA rule above.\n", PAGE)


def test_invalid_yaml_names_page_and_line():
    source = "---\ntitle: A page\ndescription: Salaries: what they are\ntags: [MLOps]\n---\nBody\n"
    message = error(source)
    # libyaml says "allowed in this context", PyYAML's Python parser "allowed here".
    assert message.startswith("docs/guide/x.md:3: front matter is not valid YAML: mapping values are not allowed ")
    assert message.endswith(
        "; MkDocs would drop all of it (title, description, tags). Quote a value that contains ': ' or ' #', "
        "or starts with a quote, [, {, * or &"
    )


def test_duplicate_key_names_both_lines():
    source = "---\ntitle: A page\ntags: [MLOps]\ndescription: About it.\ntags: [Data]\n---\nBody\n"
    assert error(source) == (
        "docs/guide/x.md:5: front matter: key 'tags' is given twice (lines 3 and 5); "
        "YAML would silently keep only the last, so keep one"
    )


def test_nested_duplicate_key_names_its_path():
    source = "---\ntitle: A page\nsearch:\n  boost: 2\n  boost: 3\n---\nBody\n"
    assert error(source).startswith("docs/guide/x.md:5: front matter > search: key 'boost' is given twice (lines 4 and 5)")


def test_front_matter_that_is_not_a_mapping():
    assert error("---\n- title\n- tags\n---\nBody\n") == (
        "docs/guide/x.md:2: front matter must be keys with values (title: ...), got a list; MkDocs would ignore it"
    )


def test_unclosed_front_matter():
    assert error("---\ntitle: A page\n\n# A page\n") == (
        "docs/guide/x.md:1: front matter opened with '---' is never closed; end it with a line '---' "
        "followed by a line break"
    )


@pytest.mark.slow
def test_a_page_with_broken_front_matter_fails_the_build(project_copy, tmp_path):
    page = project_copy / "docs/guide/interviews.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle:"), "test setup: the page should open with front matter"
    page.write_text(text.replace("---\ntitle:", "---\ntitle: Broken: here\ntitle:", 1), encoding="utf-8")
    result = run_build(project_copy, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/guide/interviews.md:2: front matter is not valid YAML: mapping values are not allowed" in output
