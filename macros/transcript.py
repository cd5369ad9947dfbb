"""Print what is said in a citation's window: `make window EPISODE=slug AT=17:25`.

A citation is true only if the guest makes the point between the cited chapter
start and the next one (CONTRIBUTING: "What a citation promises"). This prints
that stretch of the episode's transcript from the podcast archive, bounded by
the chapter starts the site itself knows (data/episodes/), so a contributor
reads the evidence, not the chapter title, before citing. A range
('39:06-51:21') prints from its first chapter to the end of its last.

`make citation-audit` (`--audit`) reads every citation the pages and data/
write and lists those whose window holds almost nothing from a guest: the
chapter is then likely the host's question or recap, and the answer is in
the next one. It is a reviewer's aid, not proof: a long answer can still miss
the point, which only reading the window shows.

It reads the archive and prints to the terminal only: transcript text never
goes into data/ or a page (the importer leaves it out for the same reason).
"""

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from .citations import CitationError, resolve_citation
from .errors import DataError
from .importer import ArchiveProblem, front_matter, written_citations
from .loader import load_site_data
from .timecodes import format_timecode

DEFAULT_ARCHIVE = Path("../shared/sources/datatalksclub")
# Fewer words than this from the guests in a window: worth a second look. The
# shortest real answers the site cites are a little over 20 words.
FEW_GUEST_WORDS = 20


@dataclass(frozen=True)
class Said:
    """One transcript line, at the time of the last line above it that had one."""

    seconds: int
    speaker: str
    text: str


def transcript_lines(transcript) -> list[Said]:
    """The transcript's lines in order, each with a time.

    In the archive a speaker's further paragraphs often have no `sec` of their
    own; they belong to the time above them. Dropping them (as a plain filter
    on `sec` would) cuts answers short, which is exactly where a guest's point
    tends to be.
    """
    said, seconds = [], 0
    for item in transcript or []:
        if not isinstance(item, dict) or "line" not in item:
            continue
        if isinstance(item.get("sec"), int) and not isinstance(item.get("sec"), bool):
            seconds = item["sec"]
        said.append(Said(seconds, str(item.get("who") or "?"), str(item["line"]).strip()))
    return said


def window(said: list[Said], starts, first: int, last: int) -> list[Said]:
    """The lines from chapter start `first` up to the chapter start after `last`."""
    later = [start for start in sorted(starts) if start > last]
    end = later[0] if later else None
    return [line for line in said if line.seconds >= first and (end is None or line.seconds < end)]


def archive_file(archive: Path, slug: str) -> Path:
    for name in (f"{slug}.md", f"{slug}.md.md"):  # a few archive files end in '.md.md'
        if (archive / "_podcast" / name).is_file():
            return archive / "_podcast" / name
    raise FileNotFoundError(f"{archive}/_podcast/{slug}.md: no such file; "
                            "is --archive a checkout of the podcast's website?")


def read_transcript(archive: Path, slug: str) -> list[Said]:
    """An episode's transcript lines from the archive (FileNotFoundError, ArchiveProblem)."""
    meta = front_matter(archive_file(archive, slug), f"_podcast/{slug}.md")
    return transcript_lines(meta.get("transcript"))


def span_window(said: list[Said], span) -> list[Said]:
    """The lines a citation's span points at: its first chapter to the end of its last."""
    return window(said, span.episode.starts, span.start.seconds, (span.end or span.start).seconds)


def speaker_name(who: str) -> str:
    """'Theo:' and 'Theo' are one speaker; a few archive files write the colon."""
    return who.strip().strip("'\":").strip()


def host_of(said: list[Said]) -> str | None:
    """The podcast's host opens the conversation (195 of the archive's 198 transcripts)."""
    return next((speaker_name(line.speaker) for line in said if speaker_name(line.speaker) not in ("", "?")), None)


def guest_words(said: list[Said], host: str | None) -> int:
    """Words said by anyone but the host: guest names in the transcripts do not match data/ ('Chris')."""
    return sum(len(line.text.split()) for line in said if speaker_name(line.speaker) != host)


def audit(project: Path, archive: Path, data) -> list[str]:
    """One line per written citation whose window is (nearly) without the guests' words."""
    findings, transcripts = [], {}
    for where, slug, spec in written_citations(project):
        try:
            [span] = resolve_citation(data.episodes_by_slug, slug, [spec])
        except CitationError as error:
            findings.append(f"{where}: {slug} {spec}: {error}")
            continue
        episode = span.episode
        if episode.slug not in transcripts:
            try:
                transcripts[episode.slug] = read_transcript(archive, episode.slug)
            except (FileNotFoundError, ArchiveProblem) as error:
                transcripts[episode.slug] = error
        said = transcripts[episode.slug]
        if isinstance(said, Exception):
            findings.append(f"{where}: {episode.slug} {spec}: cannot read the transcript: {said}")
            continue
        host = host_of(said)
        inside = span_window(said, span)
        words = guest_words(inside, host)
        if words < FEW_GUEST_WORDS:
            speakers = ", ".join(sorted({speaker_name(line.speaker)[:30] for line in inside})) or "nobody"
            findings.append(f"{where}: {episode.slug} {spec}: the guests say {words} words in this window "
                            f"(speakers: {speakers}); it may be the host's question or recap")
    return findings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros.transcript", description=__doc__.split("\n\n")[0])
    parser.add_argument("episode", nargs="?", help="the episode's slug (its file name in data/episodes/)")
    parser.add_argument("at", nargs="?", help="a chapter start or range, as in cite(): 17:25 or 39:06-51:21")
    parser.add_argument("--audit", action="store_true",
                        help="instead: list every citation whose window holds almost nothing from a guest")
    parser.add_argument("--archive", type=Path, default=DEFAULT_ARCHIVE,
                        help=f"a checkout of the podcast's website (default: {DEFAULT_ARCHIVE})")
    parser.add_argument("--project", type=Path, default=Path("."), help="this site's folder (default: .)")
    args = parser.parse_args(argv)
    if not args.audit and not (args.episode and args.at):
        parser.error("give an episode and a time (EPISODE=slug AT=17:25), or --audit")
    try:
        data = load_site_data(args.project / "data")
    except DataError as error:
        print(error, file=sys.stderr)
        return 2
    if args.audit:
        findings = audit(args.project, args.archive, data)
        print("\n".join(findings) if findings else "every citation's window holds the guests' words")
        return 1 if findings else 0
    try:
        [span] = resolve_citation(data.episodes_by_slug, args.episode, [args.at])
        episode = span.episode
        said = span_window(read_transcript(args.archive, episode.slug), span)
    except (CitationError, FileNotFoundError, ArchiveProblem) as error:
        print(f"{args.episode} {args.at}: {error}", file=sys.stderr)
        return 2
    guests = ", ".join(data.guests_by_id[g].name for g in episode.guests)
    print(f"{episode.title} (guests: {guests})")
    for moment in span.moments:
        print(f"  chapter {moment.at}: {moment.title}")
    if not said:
        print("(the archive's transcript has no lines in this window)")
    for line in said:
        print(f"[{format_timecode(line.seconds)}] {line.speaker}: {line.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
