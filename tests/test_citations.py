"""cite(): resolution against chapter starts, and the HTML it renders."""

import re

import pytest

from macros.citations import citation_html, nearest_starts, resolve_citation
from macros.errors import CitationError
from macros.loader import load_site_data
from macros.urls import Linker

from .datasets import write_dataset


@pytest.fixture
def data(tmp_path):
    return load_site_data(write_dataset(tmp_path))


def render(data, episode, *times, page="guide/x/"):
    spans = resolve_citation(data.episodes_by_slug, episode, times)
    return citation_html(spans, Linker(page), data.guests_by_id)


def error(data, episode, *times) -> str:
    with pytest.raises(CitationError) as caught:
        resolve_citation(data.episodes_by_slug, episode, times)
    return str(caught.value)


def test_single_time_links_video_at_that_second(data):
    html = render(data, "first-episode", "17:25")
    assert 'href="https://www.youtube.com/watch?v=AAAAAAAAAAA&amp;t=1045"' in html
    assert 'title="Start Projects"' in html and ">17:25</a>" in html
    assert 'data-at="1045"' in html
    assert ">Ada Lovelace</a> at <a" in html


def test_guest_name_links_episode_page_at_the_chapter(data):
    html = render(data, "first-episode", "17:25", page="guide/projects/one/")
    assert 'href="../../../episodes/first-episode/#t-1045"' in html


def test_hour_long_times(data):
    html = render(data, "first-episode", "1:01:58")
    assert "&amp;t=3718" in html and ">1:01:58</a>" in html


def test_range_links_both_ends(data):
    html = render(data, "second-episode", "13:58-24:28")
    assert re.search(r">13:58</a>&#8211;<a[^>]+t=1468[^>]*>24:28</a>", html)


def test_several_times_are_joined_in_prose(data):
    html = render(data, "first-episode", "0:00", "17:25", "19:09")
    text = re.sub(r"<[^>]+>", "", html)
    assert text == "Ada Lovelace at 0:00, 17:25 and 19:09"


def test_shared_chapter_start_names_both_chapters(data):
    html = render(data, "second-episode", "13:58")
    assert 'title="Contrast / Case Study"' in html


def test_second_episode_in_one_citation_is_its_own_group(data):
    html = render(data, "first-episode", "17:25", "second-episode@24:28")
    assert html.count('class="citation"') == 2
    text = re.sub(r"<[^>]+>", "", html)
    assert text.replace("&#8211;", "-") == "Ada Lovelace at 17:25; Bö Lì at 24:28"


def test_rendered_output_is_one_line(data):
    assert "\n" not in render(data, "first-episode", "17:25", "19:09")


def test_unknown_episode(data):
    message = error(data, "frist-episode", "17:25")
    assert message.startswith("unknown episode 'frist-episode'; did you mean first-episode")
    assert message.endswith("episodes are the files in data/episodes/")


def test_unknown_chapter_names_nearest_starts(data):
    assert error(data, "first-episode", "17:26") == (
        "unknown chapter 17:26 in episode first-episode; nearest chapter starts: 17:25, 19:09"
    )


def test_time_after_last_chapter_names_the_last(data):
    assert error(data, "first-episode", "2:00:00").endswith("nearest chapter starts: 1:01:58")


def test_reversed_range(data):
    assert error(data, "second-episode", "24:28-13:58") == (
        "range '24:28-13:58' runs backwards; write the earlier chapter start first: '13:58-24:28'"
    )


def test_range_across_episodes(data):
    message = error(data, "first-episode", "17:25-second-episode@24:28")
    assert message.startswith("range '17:25-second-episode@24:28' spans two episodes (first-episode, second-episode)")


def test_range_with_unknown_end(data):
    assert "unknown chapter 25:00 in episode second-episode" in error(data, "second-episode", "13:58-25:00")


def test_not_a_time(data):
    assert error(data, "first-episode", "17.25") == (
        "'17.25' is not a time or range; write '17:25', '1:01:58' or '39:06-51:21'"
    )


def test_time_given_as_number(data):
    assert "must be a quoted string" in error(data, "first-episode", 1045)


def test_no_time_at_all(data):
    assert error(data, "first-episode").startswith("cite('first-episode') names no time")


def test_nearest_starts_before_first(data):
    assert nearest_starts(data.episodes_by_slug["second-episode"], 5) == ["0:00", "13:58"]


def test_text_from_data_is_escaped(tmp_path):
    data = load_site_data(write_dataset(
        tmp_path,
        episodes=[("title: Start Projects", "title: '<script>alert(1)</script> Start'")],
        guests=[("name: Ada Lovelace", "name: '<b>Ada</b> *Love*'")],
    ))
    html = render(data, "first-episode", "17:25")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; Start" in html
    assert "<b>" not in html and "&lt;b&gt;Ada&lt;/b&gt; &#42;Love&#42;" in html
