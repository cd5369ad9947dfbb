"""The archive importer on a made-up archive (tests/fixtures/archive, every name fake).

Covers both chapter sources, a re-run that changes nothing, hand edits that
survive, and each inconsistency of the archive that must be rejected by file.
"""

import json
import shutil
from pathlib import Path

import pytest
import yaml

from macros.importer import main, run
from macros.models import Episode, Guest

FIXTURE = Path(__file__).parent / "fixtures" / "archive"


@pytest.fixture
def archive(tmp_path) -> Path:
    """A private copy of the fixture archive, for tests that break it."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "archive"))


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "site" / "data").mkdir(parents=True)
    (tmp_path / "site" / "docs").mkdir()
    return tmp_path / "site"


def entry(project, kind, name):
    return yaml.safe_load((project / "data" / kind / f"{name}.yml").read_text(encoding="utf-8"))


def import_into(project, archive=FIXTURE) -> dict:
    assert main([str(archive), "--project", str(project)]) == 0
    return json.loads((project / "data" / "import-report.json").read_text(encoding="utf-8"))


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_report_says_what_was_written_skipped_and_left_out(project):
    report = import_into(project)
    assert report["written"] == report["added"] == {
        "episodes": ["doubled-extension", "s09e02-fake-header-chapters", "widgets-in-production"],
        "guests": ["adaexample", "bobplaceholder", "chloefictive"],
    }
    assert report["changed"] == {"episodes": {}, "guests": {}}
    assert report["skipped"] == [
        {"file": "_podcast/_template.md", "reason": "the name starts with '_': the podcast's website does not publish it"},
        {"file": "_podcast/_unpublished-draft.md", "reason": "the name starts with '_': the podcast's website does not publish it"},
        {"file": "_podcast/no-chapters-at-all.md", "reason": "no chapters: neither quotableClips nor transcript headers"},
    ]
    assert report["rejected"] == []
    assert [(x["file"], x["field"]) for x in report["left_out"]] == [
        ("_people/bobplaceholder.md", "web"),
        ("_people/chloefictive.md", "github"),
        ("_podcast/doubled-extension.md.md", "duration"),
        ("_podcast/doubled-extension.md.md", "links.apple"),
        ("_podcast/doubled-extension.md.md", "links.spotify"),
    ]
    assert report["topics"] == {"Career growth": 2, "Data engineering": 1, "LLM": 1, "MLOps": 1,
                                "Open source": 1, "Tools": 1}
    assert sorted(p.name for p in (project / "data" / "episodes").iterdir()) == [
        f"{slug}.yml" for slug in report["written"]["episodes"]]
    assert sorted(p.name for p in (project / "data" / "guests").iterdir()) == [
        f"{guest}.yml" for guest in report["written"]["guests"]]


def test_chapters_from_quotable_clips_with_the_episode_facts(project):
    import_into(project)
    episode = entry(project, "episodes", "widgets-in-production")
    assert episode["chapters"] == [
        {"at": "0:00", "title": "Podcast Introduction"},
        {"at": "1:35", "title": "Widget Basics: What a Widget Is"},
        {"at": "17:25", "title": "Shipping Widgets — the Hard Part"},
        {"at": "1:01:40", "title": "Closing"},
    ]
    assert episode["youtube_url"] == "https://www.youtube.com/watch?v=FAKEvid0001"  # 'www.' added
    assert episode["duration"] == "1:02:03" and str(episode["date"]) == "2031-01-15"
    assert episode["topics"] == ["MLOps", "LLM", "Career growth"]  # 'LLMs' is the site's tag 'LLM'
    assert episode["page_url"] == "https://datatalks.club/podcast/widgets-in-production.html"
    Episode.model_validate(episode)


def test_chapters_from_transcript_headers_start_at_the_next_lines_sec(project):
    import_into(project)
    episode = entry(project, "episodes", "s09e02-fake-header-chapters")
    # 'time' of the second line runs backwards ('0:10' after '0:30'): 'sec' is what counts;
    # two headers in a row share a start; a last header with no line after it has none.
    assert episode["chapters"] == [
        {"at": "0:30", "title": "Opening Words"},
        {"at": "5:00", "title": "First Topic"},
        {"at": "5:00", "title": "Same Start as First Topic"},
        {"at": "30:00", "title": "Last Topic"},
    ]
    assert episode["topics"] == ["Career growth", "Data engineering", "Tools"]
    assert "duration" not in episode and "spotify_url" not in episode
    Episode.model_validate(episode)


def test_doubled_extension_junk_video_id_and_unusable_fields(project):
    import_into(project)
    episode = entry(project, "episodes", "doubled-extension")
    assert episode["slug"] == "doubled-extension"
    assert episode["title"] == "Doubled Extension: A Made-Up Episode"
    assert episode["youtube_url"] == "https://www.youtube.com/watch?v=FAKEvid0003"
    assert "duration" not in episode, "a duration that ends before the last chapter is left out"
    assert "spotify_url" not in episode and "apple_url" not in episode, "'TODO' is not a link"
    assert episode["topics"] == ["Open source"], "'open-source' and 'contributing' are one topic here"
    Episode.model_validate(episode)


def test_people_become_guests_only_when_on_an_episode(project):
    import_into(project)
    assert entry(project, "guests", "adaexample")["links"] == {
        "linkedin": "ada-example", "twitter": "ada_example", "github": "ada-example", "web": "https://ada.example.org/"}
    bob = entry(project, "guests", "bobplaceholder")
    assert bob["name"] == "Bob Placeholder" and bob["links"] == {"linkedin": "bob-placeholder"}
    chloe = entry(project, "guests", "chloefictive")
    assert chloe["links"] == {"linkedin": "chlo%C3%A9-fictive"}, "a repository path is not an account"
    assert not (project / "data" / "guests" / "hostonly.yml").exists()
    for guest in ("adaexample", "bobplaceholder", "chloefictive"):
        assert "picture" not in entry(project, "guests", guest)
        Guest.model_validate(entry(project, "guests", guest))


def test_no_prose_of_the_archive_reaches_data(project):
    import_into(project)
    for path in (project / "data").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "Invented" not in text and "invented" not in text, path


def test_a_rerun_on_the_same_input_changes_nothing(project):
    import_into(project)
    before = tree(project / "data")
    report = import_into(project)
    after = tree(project / "data")
    assert {k: v for k, v in after.items() if k != "import-report.json"} == \
        {k: v for k, v in before.items() if k != "import-report.json"}
    assert report["added"] == {"episodes": [], "guests": []}
    assert report["changed"] == {"episodes": {}, "guests": {}}
    assert report["reformatted"] == {"episodes": [], "guests": []}, "nothing was rewritten"
    assert import_into(project) == report and tree(project / "data") == after


def test_a_change_in_the_archive_is_reported_by_field(project, archive):
    import_into(project, archive)
    path = archive / "_podcast" / "widgets-in-production.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: 'Widgets in Production:", "title: 'Widgets Renamed:"),
                    encoding="utf-8")
    report = import_into(project, archive)
    assert report["changed"]["episodes"] == {"widgets-in-production": ["title"]}
    assert entry(project, "episodes", "widgets-in-production")["title"].startswith("Widgets Renamed:")


def test_curated_fields_and_hand_added_files_are_kept(project):
    import_into(project)
    path = project / "data" / "episodes" / "widgets-in-production.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    .replace("title: Shipping Widgets — the Hard Part", "title: Shipping Widgets - the Hard Part")
                    + "curated:\n- chapters\n", encoding="utf-8")
    guest = project / "data" / "guests" / "bobplaceholder.yml"
    guest.write_text(guest.read_text(encoding="utf-8").replace("links:\n", "links:\n  web: https://bob.example.net/\n")
                     + "curated: [links]\n", encoding="utf-8")
    by_hand = project / "data" / "episodes" / "added-by-hand.yml"
    by_hand.write_text("slug: added-by-hand\n", encoding="utf-8")

    report = import_into(project)
    episode = entry(project, "episodes", "widgets-in-production")
    assert episode["chapters"][2]["title"] == "Shipping Widgets - the Hard Part"
    assert episode["curated"] == ["chapters"]
    assert entry(project, "guests", "bobplaceholder")["links"]["web"] == "https://bob.example.net/"
    assert by_hand.read_text(encoding="utf-8") == "slug: added-by-hand\n"
    assert report["kept"]["episodes"] == {"added-by-hand": "not imported from the archive this run: left as it is"}
    assert report["curated"] == [
        {"file": "data/episodes/widgets-in-production.yml", "field": "chapters",
         "difference": "same 4 chapter starts; 1 chapter title(s) differ; the site's are kept"},
        {"file": "data/guests/bobplaceholder.yml", "field": "links",
         "difference": "the archive has {'linkedin': 'bob-placeholder'}; the site's value is kept"}]
    assert report["changed"] == {"episodes": {}, "guests": {}}
    # The guest file was written by hand in flow style: rewritten, same values.
    assert report["reformatted"] == {"episodes": [], "guests": ["bobplaceholder"]}


def test_a_cited_chapter_start_the_archive_drops_is_kept(project, archive):
    import_into(project, archive)
    (project / "docs" / "page.md").write_text('Widgets {{ cite("widgets-in-production", "1:35-17:25") }}.\n',
                                              encoding="utf-8")
    path = archive / "_podcast" / "widgets-in-production.md"
    path.write_text(path.read_text(encoding="utf-8").replace("startOffset: 95", "startOffset: 99"), encoding="utf-8")
    report = import_into(project, archive)
    starts = [c["at"] for c in entry(project, "episodes", "widgets-in-production")["chapters"]]
    assert starts == ["0:00", "1:35", "1:39", "17:25", "1:01:40"]
    assert report["curated"] == [{"file": "data/episodes/widgets-in-production.yml", "field": "chapters",
                                  "difference": "kept cited chapter start(s) 1:35 that the archive no longer lists"}]


def _break(archive, name, old, new):
    path = archive / "_podcast" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


REJECTIONS = {
    "a guest id with no person": (
        lambda a: _break(a, "widgets-in-production.md", "- adaexample", "- nobodyknown"),
        "widgets-in-production.md", "guest 'nobodyknown' has no person file _people/nobodyknown.md"),
    "a guest id that cannot name a page": (
        lambda a: (_break(a, "widgets-in-production.md", "- adaexample", "- ada(example)"),
                   (a / "_people" / "ada(example).md").write_text("---\ntitle: Ada Parenthesis\n---\n")),
        "widgets-in-production.md", "guest id 'ada(example)' cannot name a page (lowercase words and hyphens only)"),
    "clip times that run backwards": (
        lambda a: _break(a, "widgets-in-production.md", "startOffset: 1045", "startOffset: 60"),
        "widgets-in-production.md",
        "chapter times run backwards in quotableClips: 'Shipping Widgets — the Hard Part' starts at 1:00, "
        "before 'Widget Basics: What a Widget Is' at 1:35"),
    "header times that run backwards": (
        lambda a: _break(a, "s09e02-fake-header-chapters.md", "sec: 1800", "sec: 200"),
        "s09e02-fake-header-chapters.md",
        "chapter times run backwards in the transcript's headers: 'Last Topic' starts at 3:20, "
        "before 'Same Start as First Topic' at 5:00"),
    "an episode without video": (
        lambda a: (_break(a, "s09e02-fake-header-chapters.md", "  youtube: FAKEvid0002\n", ""),
                   _break(a, "s09e02-fake-header-chapters.md", "  youtube: https://www.youtube.com/watch?v=FAKEvid0002\n", "")),
        "s09e02-fake-header-chapters.md", "no video: neither links.youtube nor ids.youtube is set"),
    "a video link that is not a video": (
        lambda a: _break(a, "widgets-in-production.md", "youtube: https://youtube.com/watch?v=FAKEvid0001",
                         "youtube: https://www.youtube.com/@someone"),
        "widgets-in-production.md", "links.youtube: 'https://www.youtube.com/@someone' is not a YouTube video link; "
        "expected https://www.youtube.com/watch?v=<11-character video id>"),
    "a file without front matter": (
        lambda a: _break(a, "widgets-in-production.md", "---\ntitle:", "_\n---\ntitle:"),
        "widgets-in-production.md", "no front matter: the file must start with a '---' line"),
    "two files with one season and episode number": (
        lambda a: _break(a, "doubled-extension.md.md", "episode: 3", "episode: 1"),
        "doubled-extension.md.md",
        "season 9 episode 1 is also _podcast/widgets-in-production.md, added earlier"),
}


@pytest.mark.parametrize("case", sorted(REJECTIONS))
def test_each_inconsistency_of_the_archive_is_rejected_with_its_file(case, project, archive):
    breakage, name, problem = REJECTIONS[case]
    breakage(archive)
    report = import_into(project, archive)
    assert {"file": f"_podcast/{name}", "problem": problem} in report["rejected"], report["rejected"]
    slug = name.split(".")[0]
    assert not (project / "data" / "episodes" / f"{slug}.yml").exists(), "a rejected episode is not written"


def test_a_number_corrected_by_hand_resolves_a_clash(project, archive):
    _break(archive, "doubled-extension.md.md", "episode: 3", "episode: 1")
    (project / "data" / "episodes").mkdir()
    (project / "data" / "episodes" / "doubled-extension.yml").write_text(
        "slug: doubled-extension\nepisode: 3\ncurated: [episode]\n", encoding="utf-8")
    report = import_into(project, archive)
    assert report["rejected"] == []
    episode = entry(project, "episodes", "doubled-extension")
    assert episode["episode"] == 3 and episode["chapters"], "the archive's other fields filled in"


def test_a_rejected_episode_keeps_its_previous_file(project, archive):
    import_into(project, archive)
    before = (project / "data" / "episodes" / "widgets-in-production.yml").read_bytes()
    _break(archive, "widgets-in-production.md", "- adaexample", "- nobodyknown")
    report = import_into(project, archive)
    assert (project / "data" / "episodes" / "widgets-in-production.yml").read_bytes() == before
    assert "widgets-in-production" in report["kept"]["episodes"]


def test_not_an_archive_is_refused(project, tmp_path):
    with pytest.raises(SystemExit, match="not a podcast website checkout: expected _podcast/ and _people/"):
        run(tmp_path / "nowhere", project)


def test_long_titles_are_folded_so_no_line_holds_eight_of_their_words():
    # Titles are facts carried over word for word; the originality check reads
    # line by line and flags 8-word runs, so long texts are folded over lines.
    import yaml

    from macros.importer import WORDS_PER_LINE, dump

    title = "Identifying finance’s biggest pain points through user research: \"what\" \\ next"
    entry = {"slug": "x", "title": title, "chapters": [{"at": "0:00", "title": title}]}
    text = dump(entry, "_podcast/x.md")
    assert yaml.safe_load(text)["title"] == title
    assert yaml.safe_load(text)["chapters"][0]["title"] == title
    longest = max(len(line.split()) for line in text.splitlines() if not line.startswith("#"))
    assert longest <= WORDS_PER_LINE + 2  # the key, and "- " of a list item


def test_a_hand_written_role_and_organisation_survive_a_re_import(project):
    import_into(project)
    guest = project / "data" / "guests" / "bobplaceholder.yml"
    guest.write_text(guest.read_text(encoding="utf-8")
                     + "role: Data engineer\norganisation: Example Works\ncurated:\n- role\n- organisation\n",
                     encoding="utf-8")
    first = guest.read_bytes()
    report = import_into(project)
    bob = entry(project, "guests", "bobplaceholder")
    assert (bob["role"], bob["organisation"]) == ("Data engineer", "Example Works")
    assert guest.read_bytes() == first, "written in the importer's own order: a re-run changes nothing"
    assert report["changed"] == {"episodes": {}, "guests": {}}
    Guest.model_validate(bob)
