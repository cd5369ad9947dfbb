"""Code protection, accent folding, time codes and checkbox labels."""

import pytest

from macros.theme_markup import label_task_checkboxes
from macros.codeprotect import protect_code
from macros.folding import add_folded_fields, fold, folded_words
from macros.timecodes import TimecodeError, format_timecode, parse_timecode


@pytest.mark.parametrize("text, seconds", [("0:00", 0), ("17:25", 1045), ("1:01:58", 3718), ("10:00:00", 36000)])
def test_timecodes_round_trip(text, seconds):
    assert parse_timecode(text) == seconds
    assert format_timecode(seconds) == text


@pytest.mark.parametrize("bad", ["17", "17:5", "17:60", "1:60:00", "a:bc", "", "-1:00"])
def test_bad_timecodes(bad):
    with pytest.raises(TimecodeError):
        parse_timecode(bad)


def test_fenced_code_with_jinja_is_wrapped_in_raw():
    md = "Text\n\n```jinja\n{{ cite('x', '1:00') }}\n```\n\nMore {{ cite('y', '2:00') }}"
    out = protect_code(md)
    assert out.startswith("Text\n\n{% raw %}```jinja\n{{ cite('x', '1:00') }}\n```{% endraw %}")
    assert out.endswith("More {{ cite('y', '2:00') }}")


def test_indented_and_tilde_fences():
    md = "- item\n\n    ~~~~\n    {% if %}\n    ~~~~\n"
    assert protect_code(md) == "- item\n\n{% raw %}    ~~~~\n    {% if %}\n    ~~~~{% endraw %}\n"


def test_inline_code_with_jinja_is_wrapped():
    out = protect_code("Write `{{ cite(\"slug\", \"17:25\") }}` in a page, and {{ real() }}.")
    assert out == "Write {% raw %}`{{ cite(\"slug\", \"17:25\") }}`{% endraw %} in a page, and {{ real() }}."


def test_code_without_jinja_is_untouched():
    md = "```python\nprint({'a': 1})\n```\n`x`"
    assert protect_code(md) == md


def test_endraw_inside_code_is_printed_not_obeyed():
    out = protect_code("`{% endraw %}`")
    assert out == "{% raw %}`{% endraw %}{{ '{% endraw %}' }}{% raw %}`{% endraw %}"


def test_fold():
    assert fold("Raphaël Hoogvliets") == "Raphael Hoogvliets"
    assert fold("Łukasz Øster Straße") == "Lukasz Oster Strasse"
    assert folded_words("Raphaël and <b>Müller</b> and Raphaël") == "Raphael Muller"


def test_search_index_gets_folded_fields_only_where_needed():
    index = {"config": {}, "docs": [{"location": "a/", "title": "Raphaël Hoogvliets", "text": "plain", "tags": ["X"]},
                                    {"location": "b/", "title": "Plain", "text": "café"}]}
    docs = add_folded_fields(index)["docs"]
    assert docs[0]["title_folded"] == "Raphael" and "text_folded" not in docs[0]
    assert "tags" not in docs[0], "tag chips in results are unnamed landmarks"
    assert docs[1]["text_folded"] == "cafe" and "title_folded" not in docs[1]


def test_task_checkboxes_get_their_item_text_as_name():
    html = ('<ul class="task-list"><li class="task-list-item"><label class="task-list-control">'
            '<input type="checkbox"><span class="task-list-indicator"></span></label> Ship a <em>baseline</em> "now"</li></ul>')
    out = label_task_checkboxes(html)
    assert '<input type="checkbox" aria-label="Ship a baseline &quot;now&quot;">' in out
    assert label_task_checkboxes(out) == out


def test_theme_search_dialog_is_named_and_valid():
    from macros.theme_markup import fix_theme_markup

    html = ('<div class="md-search" data-md-component="search" role="dialog">'
            '<input type="text" autocorrect="off" autocomplete="off">'
            '<a href="https://github.com/x/y" class="md-source" data-md-component="source">'
            '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">')
    out = fix_theme_markup(html)
    assert 'role="dialog" aria-label="Search this site"' in out and "autocorrect" not in out
    assert 'class="md-source">' in out, "the repo link must not fetch facts from api.github.com"
    assert 'tabindex=""' not in out


def test_theme_bundle_is_deferred():
    from macros.theme_markup import fix_theme_markup

    html = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
    assert fix_theme_markup(html) == '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script>'


def test_toc_label_without_its_toggle_loses_its_for():
    from macros.theme_markup import fix_theme_markup

    label = '<label class="md-nav__title" for="__toc">'
    assert fix_theme_markup(label) == '<label class="md-nav__title">'
    with_toggle = '<input type="checkbox" id="__toc">' + label
    assert fix_theme_markup(with_toggle) == with_toggle


def test_page_dates_are_not_a_landmark_inside_the_article():
    from macros.theme_markup import fix_theme_markup

    html = '<article><aside class="md-source-file"><span class="md-source-file__fact">May 1</span></aside></article>'
    fixed = fix_theme_markup(html)
    assert "<aside" not in fixed and '<div class="md-source-file"><span' in fixed and fixed.endswith("</div></article>")
