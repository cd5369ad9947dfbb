"""The site's YAML reader: the safe subset, with every key given twice in a mapping refused."""

import pytest

from macros.strict_yaml import DuplicateKey, DuplicateKeysError, duplicate_keys_in, load_yaml

from .conftest import run_build


def duplicates(text: str) -> list[DuplicateKey]:
    with pytest.raises(DuplicateKeysError) as caught:
        load_yaml(text)
    return caught.value.duplicates


def test_every_duplicate_is_found_in_line_order_with_its_path():
    text = "a: 1\nb:\n  - x: 1\n    x: 2\na: 3\n"
    assert duplicates(text) == [DuplicateKey(("b", 0), "x", 3, 4), DuplicateKey((), "a", 1, 5)]


def test_what_pyyaml_would_have_kept_is_available_for_messages():
    with pytest.raises(DuplicateKeysError) as caught:
        load_yaml("episodes:\n  - slug: a\n    title: One\n    title: Two\n")
    assert caught.value.data == {"episodes": [{"slug": "a", "title": "Two"}]}


def test_a_merge_key_may_be_overridden():
    text = "base: &b {x: 1, y: 1}\nother:\n  <<: *b\n  x: 2\n"
    assert load_yaml(text) == {"base": {"x": 1, "y": 1}, "other": {"x": 2, "y": 1}}


def test_aliases_and_recursive_documents_are_walked_once():
    assert load_yaml("a: &a [1]\nb: *a\n") == {"a": [1], "b": [1]}
    looped = load_yaml("&a [*a]\n")
    assert looped[0] is looped


def test_the_same_text_as_keys_of_other_types_is_not_a_duplicate():
    assert load_yaml("1: number\n'1': text\n") == {1: "number", "1": "text"}


def test_python_tags_stay_refused():
    with pytest.raises(Exception, match="could not determine a constructor"):
        load_yaml("x: !!python/object/apply:os.system ['id']\n")


def test_duplicates_are_found_without_building_custom_tags():
    text = "site_url: !ENV [SITE_URL, 'https://x.org/']\nnav:\n  - a.md\nsite_url: https://y.org/\n"
    assert duplicate_keys_in(text) == [DuplicateKey((), "site_url", 1, 4)]


@pytest.mark.slow
def test_a_key_twice_in_mkdocs_yml_fails_the_build(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = text[: text.index("\ncopyright:")].count("\n") + 2
    config.write_text(text + "copyright: Someone else\n", encoding="utf-8")
    last = config.read_text(encoding="utf-8").count("\n")
    result = run_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert (f"mkdocs.yml:{last}: key 'copyright' is given twice (lines {line} and {last}); "
            "YAML would silently keep only the last, so keep one") in result.stdout + result.stderr
