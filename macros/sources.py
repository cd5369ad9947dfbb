"""Where on a page a problem is: from what the build sees back to the line the author wrote.

MkDocs hands plugins the Markdown body without its front matter, Jinja counts
lines in that body, and the HTML checks see only the rendered page. A
PageSource keeps the file as written and turns each of those into a line of
the file, so every message can say `docs/guide/x.md:42`.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSource:
    path: str                # as the contributor sees it: 'docs/guide/x.md'
    lines: tuple[str, ...]   # the file as written
    body_offset: int         # lines before the Markdown body (front matter)

    @classmethod
    def of(cls, page) -> "PageSource":
        """The source of a MkDocs page (its `markdown` must already be read)."""
        text = page.file.content_string
        body = page.markdown or ""
        # MkDocs strips the front matter and the blank lines after it: the body is the rest.
        head = text[: len(text) - len(body)] if body and text.endswith(body) else ""
        return cls(f"docs/{page.file.src_uri}", tuple(text.split("\n")), head.count("\n"))

    def body_line(self, line_in_body: int) -> int:
        return line_in_body + self.body_offset

    def front_matter_line(self, key: str) -> int | None:
        return self.find(lambda line: line.startswith(f"{key}:"), last=self.body_offset)

    def find(self, matches, occurrence: int = 1, last: int | None = None) -> int | None:
        """The line number of the n-th line for which `matches(line)` holds, or None."""
        seen = 0
        for number, line in enumerate(self.lines[:last], start=1):
            if matches(line):
                seen += 1
                if seen == occurrence:
                    return number
        return None

    def find_text(self, needles, occurrence: int = 1) -> int | None:
        """The line of the n-th occurrence of the first needle found on the page (case-insensitive)."""
        for needle in needles:
            needle = needle.lower()
            if needle and any(needle in line.lower() for line in self.lines):
                found = self.find(lambda line: needle in line.lower(), occurrence)
                return found or self.find(lambda line: needle in line.lower())
        return None

    def template_line(self, template_source: str, line: int | None, body: str) -> int | None:
        """The file line of a line of a template the macros plugin rendered: the body, or the title."""
        if not line:
            return None
        if template_source == body:
            return self.body_line(line)
        text = template_source.split("\n")[line - 1].strip()
        return self.find_text([text])
