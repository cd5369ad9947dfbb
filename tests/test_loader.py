"""The data loader: valid data loads; each kind of bad data fails with a precise message."""

import pytest

from macros.errors import DataError
from macros.loader import load_site_data

from .datasets import write_dataset


def load(tmp_path, **replacements):
    return load_site_data(write_dataset(tmp_path, **replacements))


def problems(tmp_path, **replacements) -> str:
    with pytest.raises(DataError) as caught:
        load(tmp_path, **replacements)
    return str(caught.value)


def test_valid_data_loads_in_season_order(tmp_path):
    data = load(tmp_path)
    assert [e.slug for e in data.episodes] == ["first-episode", "second-episode"]
    assert data.guests_by_id["ada"].name == "Ada Lovelace"
    assert data.episodes_of("bo-li")[0].slug == "second-episode"


def test_youtube_links_are_normalised_to_www(tmp_path):
    data = load(tmp_path)
    assert data.episodes_by_slug["second-episode"].youtube_url == "https://www.youtube.com/watch?v=BBBBBBBBBBB"


def test_short_youtube_links_are_normalised(tmp_path):
    data = load(tmp_path, episodes=[("https://www.youtube.com/watch?v=AAAAAAAAAAA", "https://youtu.be/AAAAAAAAAAA")])
    assert data.episodes_by_slug["first-episode"].youtube_url == "https://www.youtube.com/watch?v=AAAAAAAAAAA"


def test_malformed_yaml_names_file_and_line(tmp_path):
    message = problems(tmp_path, guests=[("id: bo-li\n", "id: bo-li\n name: [broken\n")])
    assert "data/guests/bo-li.yml: malformed YAML at line " in message
    assert "line 1" in message or "line 2" in message


def test_unquoted_time_says_quote_it(tmp_path):
    message = problems(tmp_path, episodes=[("- at: '17:25'", "- at: 17:25")])
    assert ("data/episodes/first-episode.yml: chapter 'Start Projects' > at: got the number 1045: "
            "YAML reads an unquoted 17:25 as a base-60 number; quote it: '17:25'") in message


def test_unquoted_hour_long_time_is_explained(tmp_path):
    message = problems(tmp_path, episodes=[("- at: '1:01:58'", "- at: 1:01:58")])
    assert "got the number 3718" in message and "quote it: '1:01:58'" in message


def test_malformed_time_says_what_is_valid(tmp_path):
    message = problems(tmp_path, episodes=[("- at: '19:09'", "- at: '19.09'")])
    assert "chapter 'Keep Learning' > at: '19.09' is not a time; write m:ss or h:mm:ss" in message


def test_minutes_past_an_hour_need_hours(tmp_path):
    message = problems(tmp_path, episodes=[("- at: '1:01:58'", "- at: '61:58'")])
    assert "past an hour write h:mm:ss: '1:01:58'" in message


def test_unsorted_chapters_are_rejected(tmp_path):
    message = problems(tmp_path, episodes=[("- at: '19:09'", "- at: '15:00'")])
    assert ("data/episodes/first-episode.yml: chapters: chapter 'Keep Learning' starts at 15:00, before the chapter "
            "above it ('Start Projects', 17:25); list chapters in start order") in message


def test_file_must_be_named_after_its_slug(tmp_path):
    """Slugs and ids are unique because each is a file name; a file named otherwise is an error."""
    message = problems(tmp_path, episodes=[("slug: second-episode", "slug: first-episode")])
    assert ("data/episodes/second-episode.yml: slug: is 'first-episode' but the file is named "
            "second-episode.yml; name the file after the slug: first-episode.yml") in message


def test_guest_file_must_be_named_after_its_id(tmp_path):
    message = problems(tmp_path, guests=[("id: bo-li", "id: ada")])
    assert "data/guests/bo-li.yml: id: is 'ada' but the file is named bo-li.yml" in message


def test_duplicate_episode_number_names_both_files(tmp_path):
    message = problems(tmp_path, episodes=[("episode: 2", "episode: 1")])
    assert ("data/episodes/second-episode.yml: season 1 episode 1 is also given in data/episodes/first-episode.yml; "
            "each season/episode number belongs to one episode") in message


def test_chapter_at_or_past_the_duration_is_rejected(tmp_path):
    message = problems(tmp_path, episodes=[("duration: '1:05:00'", "duration: '1:01:58'")])
    assert ("data/episodes/first-episode.yml: chapter 'Late Chapter' starts at 1:01:58, at or past the "
            "episode's duration 1:01:58; fix the chapter time or the duration") in message


def test_unquoted_duration_is_explained(tmp_path):
    message = problems(tmp_path, episodes=[("duration: '1:05:00'", "duration: 1:05:00")])
    assert "data/episodes/first-episode.yml: duration: got the number 3900" in message


def test_curated_names_real_fields_only(tmp_path):
    message = problems(tmp_path, episodes=[("season: 1\n", "season: 1\ncurated: [chapters, titel]\n")])
    assert "data/episodes/first-episode.yml: curated: unknown field(s) titel; curated fields are among: title" in message


def test_topics_spelled_two_ways_are_rejected(tmp_path):
    message = problems(tmp_path, episodes=[("topics: [MLOps]", "topics: [mlops]")])
    assert "topic 'MLOps' and 'mlops' would share the page topics/mlops/; spell them the same" in message


def test_old_single_file_layout_is_not_silently_ignored(tmp_path):
    data = write_dataset(tmp_path)
    (data / "episodes.yml").write_text("episodes: []\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/episodes.yml: not read by the site; episodes and guests are one file each"):
        load_site_data(data)


def test_an_entry_file_with_another_extension_is_not_silently_ignored(tmp_path):
    data = write_dataset(tmp_path)
    (data / "episodes" / "second-episode.yml").rename(data / "episodes" / "second-episode.yaml")
    with pytest.raises(DataError, match=r"data/episodes/second-episode.yaml: not read by the site; each entry is a "
                                        r"file named <slug>.yml"):
        load_site_data(data)


def test_an_entry_without_its_slug_says_it_is_missing(tmp_path):
    message = problems(tmp_path, episodes=[("slug: second-episode\n", "")])
    assert "data/episodes/second-episode.yml: slug: is missing (required)" in message


def test_a_folder_without_entries_is_reported(tmp_path):
    data = write_dataset(tmp_path)
    for path in (data / "guests").iterdir():
        path.unlink()
    with pytest.raises(DataError, match=r"data/guests/: no entries; add one file per entry, e.g. data/guests/<id>.yml"):
        load_site_data(data)


def test_unknown_guest_is_named_with_suggestion(tmp_path):
    message = problems(tmp_path, episodes=[("guests: [ada]", "guests: [adda]")])
    assert ("data/episodes/first-episode.yml: guests: unknown guest 'adda'; did you mean ada? "
            "ids are defined in data/guests/<id>.yml") in message


def test_non_https_url_is_rejected(tmp_path):
    message = problems(tmp_path, episodes=[("https://example.org/podcast/first.html", "http://example.org/podcast/first.html")])
    assert "data/episodes/first-episode.yml: page_url: must be an https:// URL, got 'http://example.org/podcast/first.html'" in message


def test_youtube_channel_link_is_not_a_video(tmp_path):
    message = problems(tmp_path, episodes=[("https://www.youtube.com/watch?v=AAAAAAAAAAA", "https://www.youtube.com/@datatalksclub")])
    assert ("data/episodes/first-episode.yml: youtube_url: 'https://www.youtube.com/@datatalksclub' is not a YouTube video "
            "link; expected https://www.youtube.com/watch?v=<11-character video id>") in message


def test_unknown_field_lists_allowed_fields(tmp_path):
    message = problems(tmp_path, episodes=[("season: 1\nepisode: 2", "season: 1\nepsiode: 2")])
    assert "data/episodes/second-episode.yml: unknown field(s) epsiode; allowed: slug, title, season, episode" in message


def test_missing_field_is_named(tmp_path):
    message = problems(tmp_path, guests=[("page_url: https://example.org/people/ada.html\n", "")])
    assert "data/guests/ada.yml: page_url: is missing (required)" in message


def test_every_problem_is_reported_at_once(tmp_path):
    message = problems(
        tmp_path,
        episodes=[("- at: '17:25'", "- at: 17:25")],
        guests=[("https://example.org/people/bo.html", "http://example.org/people/bo.html")],
    )
    assert message.startswith("2 problems in data/")


def test_role_cell_with_unknown_level(tmp_path):
    message = problems(tmp_path, roles_yml=[("builder: core", "builder: essential")])
    assert "data/roles.yml: skill 'coding' > levels > builder: unknown level 'essential'; levels are core, useful" in message


def test_role_skill_missing_a_lane(tmp_path):
    message = problems(tmp_path, roles_yml=[("      builder: core\n", "")])
    assert "data/roles.yml: skill 'coding' > levels: no level for lane(s) builder; give every lane a level" in message


def test_role_citation_must_be_a_chapter_start(tmp_path):
    message = problems(tmp_path, roles_yml=[("at: '17:25'", "at: '17:26'")])
    assert ("data/roles.yml: skill 'coding' > levels > runner > cite: unknown chapter 17:26 in episode first-episode; "
            "nearest chapter starts: 17:25, 19:09") in message


def test_role_lane_page_must_exist(tmp_path):
    data = write_dataset(tmp_path, roles_yml=[("short: Builder,", "short: Builder, page: wiki/builder.md,")])
    (tmp_path / "docs").mkdir()
    with pytest.raises(DataError, match=r"lane 'builder' > page: no page docs/wiki/builder.md"):
        load_site_data(data, docs_dir=tmp_path / "docs")


def test_roadmap_citation_to_unknown_episode(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("episode: second-episode", "episode: secnd-episode")])
    assert ("data/roadmaps.yml: roadmap 'short-plan' > phase 'Week 3+' > cite: unknown episode 'secnd-episode'; "
            "did you mean second-episode") in message


def test_roadmap_phases_must_not_overlap(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("start: 3\n", "start: 2\n")])
    assert "phase 'Week 3+' starts at 2 but 'Weeks 1-2' runs to 2" in message


def test_roadmap_phase_needs_an_end_or_ongoing(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("        ongoing: true\n", "")])
    assert "phase 'Week 3+': give 'end' (last unit, inclusive) or set 'ongoing: true'" in message


def test_guest_in_no_episode_is_reported(tmp_path):
    data = write_dataset(tmp_path)
    (data / "guests" / "zed.yml").write_text("{id: zed, name: Zed, page_url: 'https://example.org/z'}\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"data/guests/zed.yml: appears in no episode; add 'zed' to an episode's 'guests'"):
        load_site_data(data)


def test_missing_file_is_reported(tmp_path):
    data = write_dataset(tmp_path)
    (data / "roadmaps.yml").unlink()
    with pytest.raises(DataError, match="data/roadmaps.yml: file is missing"):
        load_site_data(data)


def test_duplicate_key_names_file_line_entry_and_key(tmp_path):
    message = problems(tmp_path, episodes=[("season: 1\nepisode: 2", "season: 1\ntitle: Again\nepisode: 2")])
    assert ("data/episodes/second-episode.yml:4: key 'title' is given twice (lines 2 and 4); "
            "YAML would silently keep only the last, so keep one") in message


def test_duplicate_key_deep_in_a_file_names_the_entry(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("        start: 3\n", "        start: 3\n        start: 4\n")])
    assert ("data/roadmaps.yml:10: roadmap 'short-plan' > phase 'Week 3+': key 'start' is given twice "
            "(lines 9 and 10); YAML would silently keep only the last, so keep one") in message


def test_duplicate_top_level_key(tmp_path):
    message = problems(tmp_path, roles_yml=[("lanes:\n", "levels: []\nlanes:\n")])
    assert "data/roles.yml:4: key 'levels' is given twice (lines 1 and 4)" in message


def test_yes_is_not_a_number(tmp_path):
    message = problems(tmp_path, episodes=[("season: 1\nepisode: 2", "season: yes\nepisode: 2")])
    assert ("data/episodes/second-episode.yml: season: must be a whole number such as 3, got the "
            "boolean true (YAML reads an unquoted yes, on or true as a boolean)") in message


def test_quoted_number_is_not_a_number(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("start: 3\n", "start: '3'\n")])
    assert ("data/roadmaps.yml: roadmap 'short-plan' > phase 'Week 3+' > start: must be a whole number such as 3, "
            "got the text '3'; write it without quotes") in message


def test_a_number_is_not_text(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("title: Basics", "title: 1984")])
    assert ("data/roadmaps.yml: roadmap 'short-plan' > phase 'Weeks 1-2' > title: must be text, got the number 1984; "
            "quote it to make it text") in message


def test_a_date_is_not_text(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("steps: [Learn a thing.]", "steps: [2024-01-01]")])
    assert ("data/roadmaps.yml: roadmap 'short-plan' > phase 'Weeks 1-2' > step 1: must be text, "
            "got the date 2024-01-01; quote it to make it text") in message


def test_one_is_not_true(tmp_path):
    message = problems(tmp_path, roadmaps_yml=[("ongoing: true", "ongoing: 1")])
    assert "phase 'Week 3+' > ongoing: must be true or false, got the number 1" in message


def test_same_guest_twice_on_an_episode(tmp_path):
    message = problems(tmp_path, episodes=[("guests: [bo-li]", "guests: [bo-li, bo-li]")])
    assert ("data/episodes/second-episode.yml: guests: guest 'bo-li' is listed more than once; "
            "list each guest once") in message


# Identifier, time and URL fields never reach a page as text: hostile values there are refused.
HOSTILE = '"><script>alert(1)</script>'


@pytest.mark.parametrize("file, old, new, expected", [
    ("episodes", "slug: first-episode", f"slug: '{HOSTILE}'",
     f"data/episodes/first-episode.yml: slug: is '{HOSTILE}' but the file is named first-episode.yml"),
    ("guests", "id: ada", f"id: '{HOSTILE}'", f"data/guests/ada.yml: id: is '{HOSTILE}' but the file is named ada.yml"),
    ("roles_yml", "{id: core,", f"{{id: '{HOSTILE}',", f"level '{HOSTILE}' > id: '{HOSTILE}' is not a valid id"),
    ("episodes", "- at: '19:09'", f"- at: '{HOSTILE}'",
     f"chapter 'Keep Learning' > at: '{HOSTILE}' is not a time; write m:ss or h:mm:ss"),
    ("episodes", "https://example.org/podcast/first.html", f"https://example.org/{HOSTILE}",
     f"data/episodes/first-episode.yml: page_url: is not a URL: 'https://example.org/{HOSTILE}'; a URL has a host name "
     "and no spaces, double quotes, <, >, backticks, braces, | or \\ (percent-encode them)"),
    ("episodes", "https://www.youtube.com/watch?v=AAAAAAAAAAA", f"https://www.youtube.com/watch?v={HOSTILE}",
     "data/episodes/first-episode.yml: youtube_url: is not a URL"),
    ("guests", "github: ada", f"github: '{HOSTILE}'", f"data/guests/ada.yml: links > github: '{HOSTILE}' is not a handle"),
    ("guests", "github: ada", "web: 'javascript:alert(1)'",
     "data/guests/ada.yml: links > web: must be an https:// URL, got 'javascript:alert(1)'"),
    ("roles_yml", "short: Builder,", "short: Builder, page: '../mkdocs.yml',",
     "lane 'builder' > page: '../mkdocs.yml' is not a page path; give a path relative to docs/, e.g. wiki/mlops.md"),
    ("roles_yml", "episode: first-episode", f"episode: '{HOSTILE}'", f"cite: unknown episode '{HOSTILE}'"),
    ("episodes", "guests: [ada]", f"guests: ['{HOSTILE}']", f"guests: unknown guest '{HOSTILE}'"),
])
def test_hostile_identifiers_are_refused_by_name(tmp_path, file, old, new, expected):
    assert expected in problems(tmp_path, **{file: [(old, new)]})
